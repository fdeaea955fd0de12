"""The map page's first screen, on laptops (1280×720, 1366×768), a large screen and a phone.

With no scrolling, the map is whole on screen and shows both countries whole: the far corners
of France (Dunkirk, Strasbourg, Perpignan) and of Morocco (Lagouira, Oujda, Agadir) are inside
the map, on screen and under none of its controls. A region filter frames its places clear of
the controls in the corners (scale, ▶, zoom, copy-link). Presentation mode, turned on after
scrolling down the page, opens at the top with its bar. Screenshots go to test-artifacts/fold/.
"""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from coopmap.catalog import text

from .conftest import watched_page
from .screens import SCREENS, contains, options, overlap
from .test_map_browser import (
    ARTIFACTS,
    MAP_IFRAME,
    map_frame,
    open_map,
    rerun,
)

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "fold"
CORNERS = {  # (latitude, longitude)
    "Dunkirk": (51.03, 2.37),
    "Strasbourg": (48.58, 7.75),
    "Perpignan": (42.70, 2.90),
    "Lagouira": (20.77, -17.05),
    "Oujda": (34.68, -1.91),
    "Agadir": (30.42, -9.60),
}
# The controls in the map's corners, as boxes in the map's own coordinates; the legend is a box
# over the Atlantic, which frames leave free.
CONTROLS = """() => {
  const origin = map.getContainer().getBoundingClientRect();
  return [...document.querySelectorAll(".leaflet-control:not(.coopmap-legend)")]
    .map(box => box.getBoundingClientRect())
    .filter(r => r.height > 0)
    .map(r => ({x: r.left - origin.left, y: r.top - origin.top, width: r.width,
                height: r.height}));
}"""
# Where the map draws each point (map coordinates), and its size.
POINTS = "points => points.map(p => map.latLngToContainerPoint(p))"
SIZE = "() => map.getSize()"
# Each place's circle as a box, once the map has stopped moving (its view, rounded, holds).
CIRCLES = """() => {
  const found = [];
  map.eachLayer(layer => {
    const properties = (layer.feature && layer.feature.properties) || {};
    if (properties.place === undefined) return;
    const p = map.latLngToContainerPoint(layer.getLatLng()), r = layer._radius;
    found.push({x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r});
  });
  return found;
}"""
VIEW = "() => [map.getCenter().lat.toFixed(3), map.getCenter().lng.toFixed(3), map.getZoom()]"


def screen_page(browser, guard, name):
    return watched_page(browser, guard, **options(name))


def settle(page):
    """The map once it has stopped moving: its view holds for a second."""
    previous = None
    for _ in range(40):
        now = map_frame(page).evaluate(VIEW)
        if now == previous:
            return
        previous = now
        page.wait_for_timeout(500)
    raise AssertionError("the map kept moving")


@pytest.mark.parametrize(
    ("name", "language"),
    [(name, "fr") for name in SCREENS] + [("1280x720", "ar"), ("phone-390x844", "ar")],
)
def test_both_countries_are_whole_on_the_first_screen(browser, guard, app, name, language):
    with screen_page(browser, guard, name) as page:
        frame = open_map(page, f"{app}/?language={language}")
        settle(page)
        box = page.locator(MAP_IFRAME).bounding_box()
        height = page.viewport_size["height"]
        assert page.get_by_test_id("stMain").evaluate("main => main.scrollTop") == 0
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, "the map is whole on screen"
        size = frame.evaluate(SIZE)
        whole = {"x": 0, "y": 0, "width": size["x"], "height": size["y"]}
        controls = frame.evaluate(CONTROLS)
        points = frame.evaluate(POINTS, list(CORNERS.values()))
        for town, point in zip(CORNERS, points):
            assert contains(whole, point), f"{town} is inside the map"
            under = [c for c in controls if contains(c, point)]
            assert under == [], f"{town} is under a control"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / f"first-screen-{language}-{name}.png")


@pytest.mark.parametrize("name", ["1366x768", "phone-390x844"])
@pytest.mark.parametrize("region", ["Dakhla-Oued Ed-Dahab", "Souss-Massa", "Oriental"])
def test_a_region_is_framed_clear_of_the_corner_controls(browser, guard, app, name, region):
    with screen_page(browser, guard, name) as page:
        open_map(page, f"{app}/?{urlencode({'morocco_regions': region})}")
        settle(page)
        frame = map_frame(page)
        controls = frame.evaluate(CONTROLS)
        circles = frame.evaluate(CIRCLES)
        assert circles
        covered = [c for c in circles for control in controls if overlap(c, control)]
        assert covered == [], "no circle lies under the scale, ▶, zoom or copy-link"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / f"region-{region}-{name}.png")


@pytest.mark.parametrize("name", ["1366x768", "1280x720"])
def test_presentation_turned_on_after_scrolling_opens_at_the_top(browser, guard, app, name):
    with screen_page(browser, guard, name) as page:
        open_map(page, app)
        main = page.get_by_test_id("stMain")
        main.evaluate("main => main.scrollTo(0, main.scrollHeight)")
        assert main.evaluate("main => main.scrollTop") > 100
        switch = page.get_by_test_id("stSidebar").get_by_text(text("present"), exact=True)
        switch.scroll_into_view_if_needed()
        with rerun(page):
            switch.click()
        leave = page.get_by_role("button", name=text("present_exit"))
        expect(leave).to_be_visible()
        # Presentation mounts a map of its own: on a loaded machine it takes a while.
        expect(map_frame(page).locator(".coopmap-steps")).to_be_visible(timeout=30_000)
        page.wait_for_function("document.querySelector(\"[data-testid='stMain']\").scrollTop === 0")
        box = leave.bounding_box()
        viewport = page.viewport_size
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], "exit in sight"
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / f"presentation-after-scrolling-{name}.png")
