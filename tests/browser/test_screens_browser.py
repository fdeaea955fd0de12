"""The map on the screens it is shown on: a projector from 1280×720 to 1920×1080, and a phone.

On each screen, with bounding boxes and Leaflet's own geometry: the presentation's caption and
the legend are fully on screen and inside the map; the map frames the pairings a filter keeps;
a click (a tap) on Fès selects the town, not the region whose circle lies under it; on the
phone, a vertical swipe over the map scrolls the page. Screenshots of each are kept in
test-artifacts/screens/.
"""

import pytest
from playwright.sync_api import expect

from coopmap.catalog import text

from .conftest import watched_page
from .screens import SCREENS, inside, options
from .test_map_browser import (
    ARTIFACTS,
    LAYER_POSITIONS,
    MAP_IFRAME,
    map_frame,
    open_map,
    page_position,
    rerun,
    wait_for_map,
)

pytestmark = pytest.mark.browser

ON_EVERY_SCREEN = pytest.mark.parametrize("screen", list(SCREENS), indirect=True)
SHOTS = ARTIFACTS / "screens"
# How far the map is from the tightest frame of what it draws: 0 when it is framed as tightly as
# Leaflet can, 1 when one zoom level out. Also whether all of it is in view.
FRAMING = """() => {
  const drawn = L.latLngBounds([]);
  map.eachLayer(layer => {
    const properties = (layer.feature && layer.feature.properties) || {};
    if (properties.pairing_id !== undefined) drawn.extend(layer.getBounds());
    else if (properties.place !== undefined) drawn.extend(layer.getLatLng());
  });
  const padding = L.point(40, 40);
  return {
    slack: map.getBoundsZoom(drawn, false, padding.multiplyBy(2)) - map.getZoom(),
    inView: map.getBounds().pad(0.02).contains(drawn),
  };
}"""


def box_in_page(page, selector):
    """The box of an element of the map's iframe, in the page's viewport (Playwright's)."""
    return map_frame(page).locator(selector).first.bounding_box()


@ON_EVERY_SCREEN
def test_the_presentation_caption_and_legend_are_inside_the_map_and_on_screen(screen, app):
    page, name = screen
    open_map(page, f"{app}/?present=true")
    viewport = {"x": 0, "y": 0, **page.viewport_size}
    map_box = page.locator(MAP_IFRAME).bounding_box()
    assert inside(map_box, viewport), "the map fits the screen"
    assert map_box["height"] >= 0.75 * viewport["height"], "the map fills the screen"
    map_frame(page).locator(".coopmap-step-next").click()
    expect(map_frame(page).locator(".coopmap-steps")).to_have_attribute("data-step", "1")
    page.wait_for_timeout(1500)  # the flight to the first pairing
    for selector in (".coopmap-steps", ".coopmap-legend"):
        box = box_in_page(page, selector)
        assert inside(box, map_box), f"{selector} is inside the map"
        assert inside(box, viewport), f"{selector} is on screen"
    page.screenshot(path=SHOTS / f"present-{name}.png")
    page.keyboard.press("Escape")  # back to the frame of every pairing shown
    wait_for_map(page, FRAMING, {"inView": True})


@ON_EVERY_SCREEN
def test_the_map_frames_what_a_filter_keeps(screen, app):
    page, name = screen
    open_map(page, f"{app}/?morocco_regions=Fès-Meknès")
    framing = wait_for_map(page, FRAMING, {"inView": True})
    assert framing["slack"] <= 1, "framed within one zoom level of the tightest frame"
    page.screenshot(path=SHOTS / f"filter-fes-meknes-{name}.png")


@ON_EVERY_SCREEN
def test_a_click_on_fes_selects_the_town(screen, app):
    page, name = screen
    frame = open_map(page, f"{app}/")
    wait_for_map(page, FRAMING, {"inView": True})
    [fes] = [
        p
        for p in frame.evaluate(LAYER_POSITIONS)
        if p["kind"] == "place" and p["label"].startswith("Fès (")
    ]
    with rerun(page):
        if name.startswith("phone"):
            page.touchscreen.tap(*page_position(page, fes))
        else:
            page.mouse.click(*page_position(page, fes))
    heading = page.get_by_role("heading", name=text("partners_of", name="Fès"), exact=True)
    expect(heading).to_be_visible()  # not "Partenaires de Fès-Boulemane"
    heading.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / f"fes-selected-{name}.png")


def test_a_vertical_swipe_over_the_map_on_a_phone_scrolls_the_page(browser, guard, app):
    with watched_page(browser, guard, **options("phone-390x844")) as page:
        frame = open_map(page, f"{app}/")
        wait_for_map(page, FRAMING, {"inView": True})
        legend = frame.locator(".coopmap-legend")
        assert legend.evaluate("box => box.open") is False, "the legend is folded on a phone"
        centre = frame.evaluate("() => map.getCenter()")
        scroller = page.get_by_test_id("stMain")
        before = scroller.evaluate("element => element.scrollTop")
        box = page.locator(MAP_IFRAME).bounding_box()
        x, y = box["x"] + box["width"] / 2, min(box["y"] + box["height"] - 60, 780)
        touch = page.context.new_cdp_session(page)
        touch.send(
            "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}
        )
        for step in range(1, 11):
            point = {"x": x, "y": y - 30 * step}
            touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
            page.wait_for_timeout(30)
        touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        page.wait_for_timeout(500)
        after = scroller.evaluate("element => element.scrollTop")
        assert after - before >= 150, "one finger scrolls the page"
        assert frame.evaluate("() => map.getCenter()") == centre, "and does not move the map"
        page.screenshot(path=SHOTS / "phone-after-swipe.png")


def test_a_search_on_a_phone_closes_the_sidebar_over_the_map(browser, guard, app):
    with watched_page(browser, guard, **options("phone-390x844")) as page:
        open_map(page, f"{app}/")
        page.get_by_test_id("stExpandSidebarButton").click()
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar).to_have_attribute("data-collapsed", "false")
        box = page.get_by_role("textbox", name="Rechercher un lieu")
        box.fill("fes")
        box.press("Enter")
        expect(sidebar).to_have_attribute("data-collapsed", "true")
        wait_for_map(page, FRAMING, {"inView": True})
        page.screenshot(path=SHOTS / "phone-after-search.png")
