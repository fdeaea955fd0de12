"""The summary and programme pages as a visitor sees them at 1280×720: every region named in
full on the charts, a heat map that stays a chart when one region is chosen, figures whose
labels wrap rather than being cut. Screenshots go to test-artifacts/summary/ and
test-artifacts/programme/ (git-ignored).
"""

import time

import pytest
from playwright.sync_api import expect

from coopmap import data, filters, programme, sources, summary
from coopmap.catalog import STRINGS

from .conftest import DATA_DIR
from .test_map_browser import ARTIFACTS, open_page
from .test_pages_browser import screenshot

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 720}
DATA = data.load(DATA_DIR)

# Each axis's labels, as vega drew them in the chart's SVG, and the chart's drawn size.
AXES = """chart => {
  const axes = {};
  for (const axis of chart.querySelectorAll("g.role-axis")) {
    const title = axis.querySelector(".role-axis-title text");
    const labels = [...axis.querySelectorAll(".role-axis-label text")];
    axes[title ? title.textContent : ""] = labels.map(label => {
      const box = label.getBoundingClientRect();
      return {text: label.textContent, top: box.top, bottom: box.bottom,
              left: box.left, right: box.right};
    });
  }
  const svg = chart.querySelector("svg").getBoundingClientRect();
  const legend = [...chart.querySelectorAll(".role-legend-label text")].map(t => t.textContent);
  return {axes, height: svg.height, legend};
}"""


def _charts(page, count, settled=lambda charts: True, timeout=15, with_axes=None):
    """The axes of the charts at `with_axes` (indexes among the page's `count` charts; all of
    them unless given: a map has no axes) once vega has drawn them all and `settled(charts)`
    holds: a page opened with a filter in its address may first draw the charts of the whole
    data.
    """
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(count)
    with_axes = range(count) if with_axes is None else with_axes
    for index in with_axes:
        expect(charts.nth(index).locator("svg g.role-axis").first).to_be_attached()
    deadline = time.monotonic() + timeout
    while True:
        drawn = [charts.nth(index).evaluate(AXES) for index in with_axes]
        if settled(drawn) or time.monotonic() > deadline:
            return drawn
        page.wait_for_timeout(250)


def _apart(labels, start, end):
    """No two labels overlap along the axis (start/end: the box's sides along it)."""
    spans = sorted((label[start], label[end]) for label in labels)
    return all(before[1] <= after[0] + 0.5 for before, after in zip(spans, spans[1:]))


def _slanted_apart(labels, font=13):
    """Slanted labels (-40°) are apart when the ends they hang from are a line apart: their
    boxes overlap by nature, their lines do not (at least `font` px between them).
    """
    ends = sorted(label["right"] for label in labels)
    sine = 0.64  # sin(40°): the distance between two parallel slanted lines
    return all((after - before) * sine >= font for before, after in zip(ends, ends[1:]))


@pytest.mark.parametrize(
    ("name", "query", "regions"),
    [("all", "", ()), ("souss-massa", "?morocco_regions=Souss-Massa", ("Souss-Massa",))],
)
def test_the_summary_names_every_region(page, app, name, query, regions):
    selection = filters.Selection(morocco_regions=regions)
    page.set_viewport_size(VIEWPORT)
    open_page(page, f"{app}/summary{query}")
    expect(page.get_by_role("heading", level=1)).to_have_text(STRINGS["page_summary"]["fr"])
    chosen = filters.apply(DATA.partnerships, selection)
    flows = summary.flows(chosen, "current")
    morocco, france = (STRINGS[key]["fr"] for key in ("col_morocco_regions", "col_france_regions"))
    expected_morocco = sorted(flows.morocco.unique(), key=summary.fold)

    def settled(charts):
        return [label["text"] for label in charts[-1]["axes"].get(morocco, [])] == expected_morocco

    # The pairings per year come first (the selection has some of a known year), then the
    # maps of each side's regions (test_region_maps_browser.py reads them), the heat map last.
    assert sources.counts(chosen)["dated"]
    years, heat_map = _charts(page, 4, settled, with_axes=(0, 3))
    for index in (1, 2):
        region_map = page.get_by_test_id("stVegaLiteChart").nth(index)
        expect(region_map.locator("g.mark-shape path").first).to_be_attached()
    assert STRINGS["col_year"]["fr"] in years["axes"]
    expected_france = sorted(flows.france.unique(), key=summary.fold)
    assert [label["text"] for label in heat_map["axes"][morocco]] == expected_morocco
    assert [label["text"] for label in heat_map["axes"][france]] == expected_france
    assert _apart(heat_map["axes"][morocco], "top", "bottom")
    assert _slanted_apart(heat_map["axes"][france])
    assert heat_map["height"] > 150
    assert heat_map["legend"], "the colour legend is drawn"
    (ARTIFACTS / "summary").mkdir(parents=True, exist_ok=True)
    screenshot(page, ARTIFACTS / "summary" / f"summary-{name}.png")
    heat_map_element = page.get_by_test_id("stVegaLiteChart").last
    heat_map_element.scroll_into_view_if_needed()
    heat_map_element.screenshot(path=ARTIFACTS / "summary" / f"heat-map-{name}.png")


def test_the_programme_figures_and_requesters_read_in_full(page, app):
    page.set_viewport_size(VIEWPORT)
    open_page(page, f"{app}/programme")
    expect(page.get_by_role("heading", level=1)).to_have_text(STRINGS["page_programme"]["fr"])
    figures = programme.load(DATA_DIR).figures
    for figure in ("rank_mediterranean", "projects_listed", "requesting_authorities"):
        label = figures.label_fr[figure]
        shown = page.get_by_test_id("stMarkdownContainer").get_by_text(label, exact=True)
        expect(shown).to_be_visible()
        # Whole, on as many lines as it needs: nothing clipped.
        assert shown.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    for number in ("1re", "plus de 250"):
        shown = page.get_by_role("heading", name=number, exact=True)
        expect(shown).to_be_visible()
        assert shown.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    (ARTIFACTS / "programme").mkdir(parents=True, exist_ok=True)
    page.get_by_test_id("stHorizontalBlock").nth(1).screenshot(
        path=ARTIFACTS / "programme" / "figures.png"
    )
    screenshot(page, ARTIFACTS / "programme" / "programme.png")

    open_page(page, f"{app}/expertise")
    expect(page.get_by_role("heading", level=1)).to_have_text(STRINGS["page_expertise"]["fr"])
    _, by_requester = _charts(page, 2)
    kinds = [STRINGS[f"col_{kind}"]["fr"] for kind in programme.REQUESTER_COLUMNS]
    assert by_requester["legend"] == kinds
    territories = by_requester["axes"][STRINGS["col_territory"]["fr"]]
    assert "…" not in "".join(label["text"] for label in territories)
    screenshot(page, ARTIFACTS / "programme" / "expertise.png")
    charts = page.get_by_test_id("stVegaLiteChart")
    charts.last.scroll_into_view_if_needed()
    charts.last.screenshot(path=ARTIFACTS / "programme" / "requesters.png")
