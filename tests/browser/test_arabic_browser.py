"""The app in Arabic, in a real browser: right to left, in Arabic script, and searchable in it.

The expected figures come from the shipped data through coopmap.filters, and the labels from
the Arabic catalog, so that the page is checked against the files, not against copies of them.
Screenshots of the map and of presentation mode, light and dark, go to test-artifacts/arabic/.
"""

import re

import pytest
from playwright.sync_api import expect

from coopmap.catalog import text

from .conftest import watched_page
from .test_map_browser import (
    ARTIFACTS,
    MAP_IFRAME,
    map_frame,
    open_map,
    shipped_pairings,
)
from .test_screens_browser import box_in_page, inside

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "arabic"
AR = "ar"
# The share of the letters of an element's text that are Arabic (U+0600–U+06FF and the
# presentation forms), spaces, digits and punctuation left out.
ARABIC_SHARE = """element => {
  const letters = [...element.innerText].filter(c => /\\p{L}/u.test(c));
  const arabic = letters.filter(c => /[\\u0600-\\u06ff\\u0750-\\u077f\\ufb50-\\ufeff]/.test(c));
  return letters.length ? arabic.length / letters.length : 0;
}"""


@pytest.fixture(scope="module")
def app(start_app):
    return start_app()


def pairings_metric(page):
    metric = page.get_by_test_id("stMetric").filter(has_text=text("metric_pairings", AR))
    return metric.get_by_test_id("stMetricValue")


def test_the_arabic_pages_read_right_to_left_in_arabic_script(page, app):
    open_map(page, f"{app}/?language=ar")
    expect(pairings_metric(page)).to_have_text(str(len(shipped_pairings())))
    for part in ("stMain", "stSidebar"):
        element = page.get_by_test_id(part)
        assert element.evaluate("e => getComputedStyle(e).direction") == "rtl", part
        assert element.evaluate(ARABIC_SHARE) > 0.5, f"most of the {part}'s text is Arabic"
    title = page.get_by_role("heading", level=1)
    expect(title).to_have_text(text("page_map", AR))
    # The vendored face draws the Arabic letters: the browser loaded it from this server.
    loaded = page.evaluate(
        "() => document.fonts.check('16px \"Source Sans\"', 'خريطة') && [...document.fonts]"
        ".some(f => f.status === 'loaded' && f.unicodeRange.includes('U+600'))"
    )
    assert loaded


def test_a_search_in_arabic_finds_its_town(page, app):
    open_map(page, f"{app}/?language=ar")
    box = page.get_by_role("textbox", name=text("search", AR))
    box.fill("الدار البيضاء")
    box.press("Enter")
    found = shipped_pairings(search="الدار البيضاء")
    assert "Casablanca" in set(found.morocco_name)
    expect(pairings_metric(page)).to_have_text(str(len(found)))
    expect(page).to_have_url(re.compile(r"[?&]search=[^&]+"))  # the link keeps it


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_legend_and_step_caption_are_inside_the_map_in_arabic(browser, guard, app, scheme):
    """In presentation mode, on a projector's screen, in both themes; screenshots kept."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    viewport = {"width": 1366, "height": 768}
    with watched_page(browser, guard, viewport=viewport, color_scheme=scheme) as page:
        open_map(page, f"{app}/?language=ar")
        page.screenshot(path=SHOTS / f"map-{scheme}.png")
        open_map(page, f"{app}/?language=ar&present=true")
        map_frame(page).locator(".coopmap-step-next").click()
        expect(map_frame(page).locator(".coopmap-steps")).to_have_attribute("data-step", "1")
        page.wait_for_timeout(1500)  # the flight to the first pairing
        map_box = page.locator(MAP_IFRAME).bounding_box()
        screen = {"x": 0, "y": 0, **viewport}
        for selector in (".coopmap-steps", ".coopmap-legend"):
            box = box_in_page(page, selector)
            assert inside(box, map_box), f"{selector} is inside the map"
            assert inside(box, screen), f"{selector} is on screen"
        page.screenshot(path=SHOTS / f"present-{scheme}.png")


def test_the_arrow_keys_and_buttons_follow_the_direction_of_reading(page, app):
    """Read right to left, ← goes forward and → back; Page Down and Page Up, a presenter's
    remote, keep their meaning; the "next" button, on the left, points left.
    """
    frame = open_map(page, f"{app}/?language=ar&present=true")
    steps = frame.locator(".coopmap-steps")
    hint = text("step_hint", AR)
    assert hint.startswith("←"), "the hint says which way is forward"
    expect(frame.locator(".coopmap-step-caption")).to_have_text(hint)
    expect(frame.locator(".coopmap-step-next")).to_have_text("‹")
    expect(frame.locator(".coopmap-step-previous")).to_have_text("›")
    next_box = frame.locator(".coopmap-step-next").bounding_box()
    previous_box = frame.locator(".coopmap-step-previous").bounding_box()
    assert next_box["x"] < previous_box["x"], "next is on the left, where reading goes"
    page.get_by_test_id("stMain").click(position={"x": 5, "y": 5})  # the focus on the page
    for key, step in [("ArrowLeft", "1"), ("ArrowLeft", "2"), ("ArrowRight", "1")]:
        page.keyboard.press(key)
        expect(steps).to_have_attribute("data-step", step)
    for key, step in [("PageDown", "2"), ("PageUp", "1")]:
        page.keyboard.press(key)
        expect(steps).to_have_attribute("data-step", step)
