"""Popups and the map's own controls as a person sees them, on a laptop and a phone, in French
and in Arabic (whose controls are mirrored, the legend kept over the Atlantic).

A line's popup opens whole: inside the map and the screen, under none of the boxes on the map
(legend, zoom, copy-link, scale, ▶, attribution), the hover tooltip not over it, its × the
topmost thing where it is drawn, and a click (a tap) on it closes it. The line chosen is the
one nearest the legend, where the popup used to open under it. The zoom buttons, the popup's
×, and Leaflet's name in the attribution speak the reader's language. Screenshots go to
test-artifacts/popups/.
"""

import pytest
from playwright.sync_api import expect

from coopmap.catalog import text

from .screens import inside, overlap
from .test_map_browser import (
    ARTIFACTS,
    LAYER_POSITIONS,
    MAP_IFRAME,
    map_frame,
    open_map,
    rerun,
)

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "popups"
# Every box on the map, by its selector, in the page's viewport (Playwright's boxes).
BOXES = ".leaflet-control, .coopmap-steps"
# What is drawn on top at a point of the map's iframe: inside the popup, or not.
ON_TOP_IS_POPUP = """([x, y]) => {
  const element = document.elementFromPoint(x, y);
  return element !== null && element.closest(".leaflet-popup") !== null;
}"""


def centre(box):
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def line_nearest_the_legend(page):
    """The position, in the page, of the line whose middle is nearest the legend's lower right
    corner (and on screen): the popup it opens would open over the legend.
    """
    frame = map_frame(page)
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    map_box = page.locator(MAP_IFRAME).bounding_box()
    legend = frame.locator(".coopmap-legend").bounding_box()
    corner = (legend["x"] + legend["width"] + 40, legend["y"] + legend["height"])
    bottom = min(map_box["y"] + map_box["height"], page.viewport_size["height"]) - 80
    lines = [
        (map_box["x"] + p["x"], map_box["y"] + p["y"])
        for p in frame.evaluate(LAYER_POSITIONS)
        if p["kind"] == "line"
    ]
    lines = [(x, y) for x, y in lines if map_box["y"] + 20 < y < bottom]
    return min(lines, key=lambda p: (p[0] - corner[0]) ** 2 + (p[1] - corner[1]) ** 2)


def steady_box(locator, timeout=10_000):
    """The box of `locator` once it has stopped moving (the map pans to bring a popup in)."""
    page = locator.page
    previous = None
    for _ in range(timeout // 250):
        box = locator.bounding_box()
        if box is not None and box == previous:
            return box
        previous = box
        page.wait_for_timeout(250)
    raise AssertionError(f"{locator} kept moving")


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("screen", ["1366x768", "phone-390x844"], indirect=True)
def test_a_line_s_popup_opens_whole_and_closes(screen, app, language):
    page, name = screen
    phone = name.startswith("phone")
    open_map(page, f"{app}/?language={language}")
    frame = map_frame(page)
    x, y = line_nearest_the_legend(page)
    with rerun(page):  # the app hears of every click on a feature
        if phone:
            page.touchscreen.tap(x, y)
        else:
            page.mouse.move(x + 1, y + 1)
            page.wait_for_timeout(50)
            page.mouse.move(x, y)
            expect(frame.locator(".leaflet-tooltip").last).to_be_visible()
            page.mouse.click(x, y)
    popup = frame.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    box = steady_box(popup)

    map_box = page.locator(MAP_IFRAME).bounding_box()
    viewport = {"x": 0, "y": 0, **page.viewport_size}
    assert inside(box, map_box), "the popup is inside the map"
    assert inside(box, viewport), "and on screen"
    for control in frame.locator(BOXES).all():
        if control.is_visible():
            covered = control.evaluate("box => box.className")
            assert not overlap(box, control.bounding_box(), edge=1), (
                f"the popup is clear of {covered}"
            )
    for tooltip in frame.locator(".leaflet-tooltip").all():
        expect(tooltip).not_to_be_visible()
    # What the eye meets at the popup's title and its ×: the popup, nothing over it.
    title = frame.locator(".leaflet-popup-content b").first.bounding_box()
    close = frame.locator(".leaflet-popup-close-button")
    for point in (centre(title), centre(close.bounding_box())):
        inner = [point[0] - map_box["x"], point[1] - map_box["y"]]
        assert frame.evaluate(ON_TOP_IS_POPUP, inner), f"the popup is on top at {point}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"line-popup-{language}-{name}.png")

    if phone:
        page.touchscreen.tap(*centre(close.bounding_box()))
    else:
        page.mouse.click(*centre(close.bounding_box()))
    expect(popup).to_have_count(0)
    page.screenshot(path=SHOTS / f"line-popup-closed-{language}-{name}.png")


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_the_map_s_own_controls_speak_the_reader_s_language(page, app, language):
    """Leaflet writes "Zoom in", "Zoom out", "Close popup" and its own title in English."""
    open_map(page, f"{app}/?language={language}")
    frame = map_frame(page)
    for selector, key in (
        (".leaflet-control-zoom-in", "zoom_in"),
        (".leaflet-control-zoom-out", "zoom_out"),
    ):
        button = frame.locator(selector)
        expect(button).to_have_attribute("title", text(key, language))
        expect(button).to_have_accessible_name(text(key, language))
    leaflet = frame.locator(".leaflet-control-attribution a[href='https://leafletjs.com']")
    expect(leaflet).to_have_attribute("title", text("leaflet_about", language))
    x, y = line_nearest_the_legend(page)
    page.mouse.click(x, y)
    close = frame.locator(".leaflet-popup-close-button")
    expect(close).to_have_accessible_name(text("popup_close", language))
