"""The exported map opens from a file with every network request blocked: lines, legend, caption."""

import pytest
from playwright.sync_api import expect

from coopmap import mapview
from coopmap.catalog import STRINGS, text

from .pixels import backgrounds, check_map_pixels
from .test_map_browser import ARTIFACTS, drawn_lines

pytestmark = pytest.mark.browser

LABELS = {key: value["fr"] for key, value in STRINGS.items()} | {"types": {}, "language": "fr"}
FIND_MAP = "() => Object.values(window).find(value => value instanceof L.Map)"
COUNT_LINES = f"""() => {{
  let count = 0;
  ({FIND_MAP})().eachLayer(layer => {{
    if (layer.feature && layer.feature.properties.pairing_id !== undefined) count += 1;
  }});
  return count;
}}"""


def test_the_exported_map_works_from_a_file_with_no_network(browser, shipped, tmp_path):
    """Every line and circle shows above the land, with the legend and the caption."""
    drawing = mapview.layers(shipped.partnerships, shipped.places, LABELS)
    count = len(shipped.partnerships)
    caption = text("export_caption", count=count, date="2026-11-27")
    page_html = mapview.standalone_html(
        LABELS, drawing, "Coopération <décentralisée>", caption, "fr"
    )
    path = tmp_path / "carte.html"
    path.write_text(page_html, encoding="utf-8")

    context = browser.new_context(viewport={"width": 1440, "height": 900})
    attempts, errors = [], []
    context.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith("file:")
            else (attempts.append(r.request.url), r.abort())
        ),
    )
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function(f"() => ({COUNT_LINES})() === {drawn_lines(shipped.partnerships)}")
    expect(page.locator(".coopmap-legend")).to_contain_text("Villes et groupements")
    expect(page.locator(".coopmap-caption")).to_contain_text("Coopération <décentralisée>")
    expect(page.locator(".coopmap-caption")).to_contain_text(f"{count} partenariats. Sources")
    expect(page).to_have_title("Coopération <décentralisée>")
    page.evaluate(f"() => {{ window.map = ({FIND_MAP})(); }}")
    report = check_map_pixels(
        page, backgrounds("light"), ARTIFACTS / "pixels" / "export.png", in_iframe=False
    )
    context.close()
    report.assert_visible(50)
    assert attempts == [], "the file asked for nothing outside itself"
    assert errors == []
