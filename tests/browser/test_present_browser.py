"""Presentation mode in a real browser: the map alone, stepped through pairing by pairing.

Each step flies the map (1.2 s) to one line, dims the others and writes a caption; the tests
press the keys a presenter presses and, once the map has landed, check through Leaflet
(`window.map` in the map's iframe) that it shows the line the caption names. Screenshots of
both themes, with and without presentation mode, go to test-artifacts/look/ for a human eye.
"""

import contextlib
import re

import pytest
from playwright.sync_api import expect

from coopmap.catalog import text
from coopmap.palette import PALETTES

from .conftest import watched_page
from .test_map_browser import (
    ARTIFACTS,
    MAP_IFRAME,
    drawn_lines,
    map_frame,
    open_map,
    rerun,
    shipped_pairings,
    wait_for_counts,
    wait_for_map,
)

pytestmark = pytest.mark.browser

# "Régions et provinces" in the "Niveau" filter, as the app itself writes it in its URL.
TERRITORIES = "levels=R%C3%A9gions+et+provinces"
# The lines (and so the steps) of the territories' pairings, and of every pairing.
TERRITORY_PAIRINGS = drawn_lines(shipped_pairings(levels=("territory",)))
ALL_PAIRINGS = drawn_lines(shipped_pairings())
EXIT = text("present_exit")
STEPS_LABEL = text("steps_label")
NEXT = text("step_next")
HINT = text("step_hint")
LOOK = ARTIFACTS / "look"

# The step-through panel's state and what the map shows of the line it names, once landed.
# The tooltip property is HTML: an inert DOMParser document turns it into text. `fill` is how
# much of the view, less the fly's padding (80 px, and the caption at the bottom), the line's
# box takes in its larger direction: a fitted fly fills at least half of it, since one more
# zoom level would not fit (below the step-through's maxZoom, 9, which no pairing reaches).
STEP_STATE = """() => {
  const panel = document.querySelector(".coopmap-steps");
  const text = html => new DOMParser().parseFromString(html, "text/html").body.textContent;
  const lines = [];
  map.eachLayer(layer => {
    if (layer.feature && layer.feature.properties.pairing_id !== undefined) lines.push(layer);
  });
  const line = lines.find(layer => layer.feature.id === panel.dataset.feature);
  if (!line) return {step: Number(panel.dataset.step), feature: panel.dataset.feature || null};
  const points = line.getLatLngs();
  const view = map.getBounds();
  const box = line.getBounds();
  const nw = map.latLngToContainerPoint(box.getNorthWest());
  const se = map.latLngToContainerPoint(box.getSouthEast());
  const size = map.getSize();  // less the padding of the app's flyToBounds:
  const [width, height] = [size.x - 160, size.y - 160 - panel.offsetHeight];
  return {
    step: Number(panel.dataset.step),
    steps: Number(panel.dataset.steps),
    feature: panel.dataset.feature,
    caption: panel.querySelector(".coopmap-step-caption").textContent,
    tooltip: text(line.feature.properties.tooltip),
    region: line.feature.properties.group,
    endsInView: view.contains(points[0]) && view.contains(points[points.length - 1]),
    centreNearLine: box.pad(0.25).contains(map.getCenter()),
    fill: Math.max((se.x - nw.x) / width, (se.y - nw.y) / height),
    clearOfCaption: se.y <= panel.offsetTop,  // the panel is in the map's container
    opacity: line.options.opacity,
    otherOpacities: [...new Set(lines.filter(l => l !== line).map(l => l.options.opacity))],
  };
}"""
LINE_IDS = """() => {
  const ids = [];
  map.eachLayer(layer => {
    if (layer.feature && layer.feature.properties.pairing_id !== undefined) {
      ids.push(layer.feature.id);
    }
  });
  return ids;
}"""
LINE_OPACITIES = """() => {
  const found = new Set();
  map.eachLayer(layer => {
    if (layer.feature && layer.feature.properties.pairing_id !== undefined) {
      found.add(layer.options.opacity);
    }
  });
  return [...found];
}"""
LINE_COLOURS = """() => {
  const found = new Set();
  map.eachLayer(layer => {
    if (layer.feature && layer.feature.properties.pairing_id !== undefined) {
      found.add(layer.options.color.toLowerCase());
    }
  });
  return [...found].sort();
}"""
# The order of the steps is JavaScript's localeCompare of the regions: checked with it.
IN_REGION_ORDER = "rs => rs.every((r, i) => i === 0 || rs[i - 1].localeCompare(r) <= 0)"
# Whether a key pressed on the page was taken (default prevented) by a listener: this one is on
# `window`, so it runs after every listener on the document, the map's included.
WATCH_KEYS = """() => {
  window.lastKey = null;
  window.addEventListener("keydown", event => {
    window.lastKey = {key: event.key, taken: event.defaultPrevented};
  });
}"""
COUNT_MOVE_ENDS = """() => {
  if (window.moveEnds === undefined) {
    window.moveEnds = 0;
    map.on("moveend", () => { window.moveEnds += 1; });
  }
  return window.moveEnds;
}"""
MAP_CLASSES = "() => [...document.body.classList].filter(c => c.startsWith('coopmap-')).sort()"
APP_BACKGROUND = (
    "() => getComputedStyle(document.querySelector(\"[data-testid='stApp']\")).backgroundColor"
)


@contextlib.contextmanager
def flight(frame):
    """Wait, after the block, until the map has landed from the fly the block started.

    Leaflet's flyToBounds fires 'moveend' once, at its end; a new fly cancels the previous
    one without firing it, so the first 'moveend' after the block is the landing.
    """
    before = frame.evaluate(COUNT_MOVE_ENDS)
    yield
    frame.wait_for_function("before => window.moveEnds > before", arg=before)


def step(page, key, expected):
    """Press `key` wherever the focus is; wait for step `expected` and for the map to land.

    Returns the panel's state and what the map shows then (STEP_STATE).
    """
    frame = map_frame(page)
    with flight(frame):
        page.keyboard.press(key)
        expect(frame.locator(".coopmap-steps")).to_have_attribute("data-step", str(expected))
    return frame.evaluate(STEP_STATE)


def check_step(state, expected, steps):
    """The caption names the line the panel points at, the map shows it, the others are dim."""
    assert (state["step"], state["steps"]) == (expected, steps), state
    count = text("step_count").format(step=f"\u2068{expected}\u2069", total=f"\u2068{steps}\u2069")
    assert state["caption"].startswith(f"{count} {state['tooltip']}"), state
    assert state["endsInView"], f"both ends of the line are on the screen: {state}"
    assert state["centreNearLine"] and state["fill"] > 0.45, f"the map flew to the line: {state}"
    assert state["clearOfCaption"], f"the caption hides part of the line: {state}"
    assert (state["opacity"], state["otherOpacities"]) == (1, [0.15]), state


def focus_the_page(page):
    """Click the title, as a presenter would: the focus is then on the page's main area
    (Streamlit gives it tabindex 0), in no field and not in the map.
    """
    page.get_by_role("heading", level=1).click()
    assert page.evaluate("document.activeElement.matches('body, [data-testid=\"stMain\"]')")


def test_presentation_steps_through_the_pairings_by_keyboard(page, app):
    """A link opens the presentation; → shows each pairing once, in region order, flying to
    it; ← → wrap round, Escape frames every pairing shown, ↓ ↑ go by region, from the page or
    the map.
    """
    open_map(page, f"{app}/?present=true&{TERRITORIES}")
    wait_for_counts(page, lines=TERRITORY_PAIRINGS)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_role("button", name=EXIT)).to_be_visible()
    box = page.locator(MAP_IFRAME).bounding_box()
    viewport = page.viewport_size  # the map fills the screen under the bar
    assert box["width"] >= 0.9 * viewport["width"] and box["height"] >= 0.85 * viewport["height"]
    assert box["y"] + box["height"] <= viewport["height"] + 0.5, box
    frame = map_frame(page)
    expect(frame.get_by_role("group", name=STEPS_LABEL)).to_be_visible()
    expect(frame.locator(".coopmap-step-caption")).to_have_text(HINT)
    resting = frame.evaluate(LINE_OPACITIES)

    focus_the_page(page)
    steps = TERRITORY_PAIRINGS
    features, regions = [], []
    for number in range(1, steps + 1):
        state = step(page, "ArrowRight", number)
        check_step(state, number, steps)
        features.append(state["feature"])
        regions.append(state["region"])
    assert len(set(features)) == steps
    assert set(features) == set(frame.evaluate(LINE_IDS))  # each pairing in turn
    assert frame.evaluate(IN_REGION_ORDER, regions), regions

    assert step(page, "ArrowRight", 1)["feature"] == features[0]  # round again
    assert step(page, "ArrowLeft", steps)["feature"] == features[-1]
    assert step(page, "Escape", 0) == {"step": 0, "feature": None}  # back to the whole map
    expect(frame.locator(".coopmap-step-caption")).to_have_text(HINT)
    assert frame.evaluate(LINE_OPACITIES) == resting

    # ↓ from the whole map: the first line; again: the first line of the next region.
    assert step(page, "ArrowDown", 1)["feature"] == features[0]
    next_region = next(i for i, region in enumerate(regions) if region != regions[0])
    state = step(page, "ArrowDown", next_region + 1)
    check_step(state, next_region + 1, steps)
    assert state["region"] != regions[0]
    assert step(page, "ArrowUp", 1)["region"] == regions[0]

    # The focus in the map: the button is a real one, and a key then steps once, not twice.
    with flight(frame):
        frame.get_by_role("button", name=NEXT).click()
        expect(frame.locator(".coopmap-steps")).to_have_attribute("data-step", "2")
    assert frame.evaluate("document.activeElement.getAttribute('aria-label')") == NEXT
    check_step(step(page, "ArrowRight", 3), 3, steps)  # checked once the map has landed
    # The browser's own keys (Alt+← is Back) are left to the browser.
    page.evaluate("window.addEventListener('keydown', event => event.preventDefault())")
    page.keyboard.press("Alt+ArrowLeft")
    expect(frame.locator(".coopmap-steps")).to_have_attribute("data-step", "3")


# The views the map passes through: a flight goes through many, a jump through one.
COUNT_MOVES = """() => {
  window.moves = 0;
  map.on("move", () => { window.moves += 1; });
}"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_a_step_flies_unless_the_reader_asks_for_less_motion(browser, guard, app, motion):
    """→ flies to the next pairing, through the views between; a reader whose system asks
    for less motion (the tests' browser does, by default) gets the same view at once.
    """
    with watched_page(browser, guard, reduced_motion=motion) as page:
        open_map(page, f"{app}/?present=true&{TERRITORIES}")
        wait_for_counts(page, lines=TERRITORY_PAIRINGS)
        focus_the_page(page)
        frame = map_frame(page)
        frame.evaluate(COUNT_MOVES)
        check_step(step(page, "ArrowRight", 1), 1, TERRITORY_PAIRINGS)
        moves = frame.evaluate("window.moves")
    if motion == "reduce":
        assert moves == 1, "one jump"
    else:
        assert moves > 5, "a flight, seen on its way"


def test_leaving_presentation_mode_brings_back_the_sidebar(page, app):
    """ "Quitter la présentation" gives back the sidebar, the link and the keys of the page."""
    open_map(page, f"{app}/?present=true")
    wait_for_counts(page, lines=ALL_PAIRINGS)
    expect(map_frame(page).get_by_role("group", name=STEPS_LABEL)).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()

    with rerun(page):
        page.get_by_role("button", name=EXIT).click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    expect(page.get_by_role("button", name=EXIT)).to_have_count(0)
    expect(page.get_by_role("switch", name=text("present"))).not_to_be_checked()
    assert not re.search(r"[?&]present=true\b", page.url), page.url
    # A new map, without the step-through (streamlit-folium mounts one per base map).
    wait_for_map(page, MAP_CLASSES, [])
    expect(page.frame_locator(MAP_IFRAME).locator(".coopmap-steps")).to_have_count(0)
    wait_for_counts(page, lines=ALL_PAIRINGS)

    # The arrows are the page's again: nothing takes them (the old map's listener on the page
    # went with its iframe; a removed iframe's listener could not run anyway).
    focus_the_page(page)
    page.evaluate(WATCH_KEYS)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("window.lastKey !== null")
    assert page.evaluate("window.lastKey") == {"key": "ArrowRight", "taken": False}


def luminance(css_colour):
    """The relative luminance (WCAG) of an "rgb(r, g, b)" colour: 0 is black, 1 white."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", css_colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def css_rgb(hex_colour):
    """A "#rrggbb" colour as the browser reads an inline style back: "rgb(r, g, b)"."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def check_look(page, scheme, present):
    """The app and the map (classes, sea, lines) follow the browser's scheme; the map knows
    when it is presenting.

    The classes are waited for (held steadily), in case a rerun brings a new map.
    """
    classes = ["coopmap-dark"] * (scheme == "dark") + ["coopmap-present"] * present
    wait_for_map(page, MAP_CLASSES, classes)
    background = page.evaluate(APP_BACKGROUND)
    if scheme == "dark":
        assert luminance(background) < 0.05, background
    else:
        assert luminance(background) > 0.8, background
    colours = PALETTES[scheme]
    sea = map_frame(page).evaluate("map.getContainer().style.background")
    assert sea == css_rgb(colours.sea)
    lines = sorted({colours.town.lower(), colours.territory.lower()})  # both levels are shown
    assert map_frame(page).evaluate(LINE_COLOURS) == lines


def test_screenshots_light_dark_and_presentation(browser, guard, app):
    """Both themes, as the browser asks, without and with presentation mode, for a human eye."""
    LOOK.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        with watched_page(browser, guard, color_scheme=scheme) as page:
            open_map(page, app)
            wait_for_counts(page, lines=ALL_PAIRINGS)
            check_look(page, scheme, present=False)
            expect(page.get_by_test_id("stSidebar")).to_be_visible()
            page.screenshot(path=LOOK / f"map-{scheme}.png")

            open_map(page, f"{app}/?present=true")
            wait_for_counts(page, lines=ALL_PAIRINGS)
            check_look(page, scheme, present=True)
            # No click first: keys reach the page with nothing focused, and a click would have
            # Streamlit frame the focused main area (its focus ring) in the screenshot.
            assert page.evaluate("document.activeElement === document.body")
            check_step(step(page, "ArrowRight", 1), 1, ALL_PAIRINGS)
            page.screenshot(path=LOOK / f"presentation-{scheme}.png")
