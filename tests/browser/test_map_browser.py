"""The map page in a real browser: what is drawn, filtered, clicked, escaped, and never fetched.

The map is drawn on a canvas, so lines and places are counted through Leaflet (`window.map`
inside the streamlit-folium iframe) rather than in the DOM; clicks and hovers are real mouse
events at the positions Leaflet gives. The `guard` fixture (conftest.py) fails every test on a
non-local request, a console error, an uncaught exception or a dialog.
"""

import contextlib
import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coopmap import assets

from .conftest import (
    HOSTILE_PAIRINGS,
    TILES,
    TILES_HOST,
    read_csv,
)

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'

# What the map draws: pairing lines (and how many are highlighted), places, the polygons of
# the offline outlines (the only other features) and online tile layers.
COUNT_LAYERS = """() => {
  const counts = {lines: 0, selected: 0, places: 0, outlines: 0, tiles: 0};
  map.eachLayer(layer => {
    const properties = (layer.feature && layer.feature.properties) || {};
    if (properties.pairing_id !== undefined) {
      counts.lines += 1;
      if (properties.state === "selected") counts.selected += 1;
    } else if (properties.place !== undefined) {
      counts.places += 1;
    } else if (layer instanceof L.Polygon) {
      counts.outlines += 1;
    } else if (layer instanceof L.TileLayer) {
      counts.tiles += 1;
    }
  });
  return counts;
}"""
# Where to point the mouse for each place (its centre) and each line (its middle vertex), in
# the iframe's coordinates, with the text of the feature's tooltip to tell them apart. The
# tooltip property is HTML: an inert DOMParser document turns it into text.
LAYER_POSITIONS = """() => {
  const origin = map.getContainer().getBoundingClientRect();
  const text = html => new DOMParser().parseFromString(html, "text/html").body.textContent;
  const found = [];
  map.eachLayer(layer => {
    const properties = (layer.feature && layer.feature.properties) || {};
    let at = null;
    if (properties.place !== undefined) {
      at = layer.getLatLng();
    } else if (properties.pairing_id !== undefined) {
      const points = layer.getLatLngs();
      at = points[Math.floor(points.length / 2)];
    }
    if (at) {
      const point = map.latLngToContainerPoint(at);
      found.push({
        kind: properties.place !== undefined ? "place" : "line",
        at: [at.lat, at.lng],
        label: text(properties.tooltip),
        selected: properties.selected === true,
        x: origin.left + point.x,
        y: origin.top + point.y,
      });
    }
  });
  return found;
}"""
SELECTED_PLACES = f"() => ({LAYER_POSITIONS})().filter(p => p.selected).map(p => p.label)"
SHOW_ALL = "() => { map.fitBounds(map.coopmap.frame, {animate: false}); }"
ZOOM_IN_ON = "at => { map.setView(at, 9, {animate: false}); }"
CLOSE_POPUPS = "() => { map.eachLayer(layer => { if (layer instanceof L.Popup) layer.close(); }); }"
# Counts the script runs that have finished (the state attribute leaving "running"), so that a
# test waits for the rerun an action causes rather than for a guessed delay.
COUNT_FINISHED_RUNS = """() => {
  window.finishedRuns = 0;
  new MutationObserver(records => {
    for (const record of records) {
      if (record.oldValue === "running") window.finishedRuns += 1;
    }
  }).observe(document.body, {subtree: true, attributeOldValue: true,
                             attributeFilter: ["data-test-script-state"]});
}"""


def open_page(page, url):
    """Load the app and wait for its script to finish."""
    page.goto(url)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']")
    page.wait_for_selector("[data-test-script-state='notRunning']")
    page.evaluate(COUNT_FINISHED_RUNS)


def open_map(page, url):
    """Load the app and wait for its script to finish and for Leaflet in the map's iframe."""
    open_page(page, url)
    return map_frame(page)


@contextlib.contextmanager
def rerun(page):
    """Wait, after the block, until a script run has finished since its start."""
    before = page.evaluate("window.finishedRuns")
    yield
    page.wait_for_function(f"window.finishedRuns > {before}")


def map_frame(page):
    """The map's iframe, looked up afresh: Streamlit may mount a new one on a rerun.

    An iframe just put in the page may not have its document yet: it is looked up again.
    """
    deadline = time.monotonic() + 20
    while (frame := page.wait_for_selector(MAP_IFRAME).content_frame()) is None:
        assert time.monotonic() < deadline, "the map's iframe never got its document"
        page.wait_for_timeout(100)
    frame.wait_for_function("window.map && window.L")
    return frame


def wait_for_map(page, script, expected, timeout=15.0):
    """Wait until `script`, run in the map's iframe, returns `expected` steadily; return that.

    streamlit-folium replaces the pairings' FeatureGroup in place after a rerun, so a value is
    only trusted once it has held for half a second. A dict `expected` is compared on its own
    keys only. Failing raises AssertionError, as `expect` does.
    """
    deadline = time.monotonic() + timeout
    held_since = None
    while time.monotonic() < deadline:
        seen = map_frame(page).evaluate(script)
        if isinstance(expected, dict):
            matches = all(seen[key] == value for key, value in expected.items())
        else:
            matches = seen == expected
        if not matches:
            held_since = None
        elif held_since is None:
            held_since = time.monotonic()
        elif time.monotonic() - held_since >= 0.5:
            return seen
        time.sleep(0.1)
    raise AssertionError(f"the map shows {seen}, expected {expected}")


def steady_positions(page, timeout=15.0):
    """LAYER_POSITIONS once the map has stopped moving (it flies to frame what is selected)."""
    deadline, previous = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        now = map_frame(page).evaluate(LAYER_POSITIONS)
        if now == previous:
            return now
        previous = now
        time.sleep(0.3)
    raise AssertionError("the map kept moving")


def wait_for_counts(page, **expected):
    return wait_for_map(page, COUNT_LAYERS, expected)


def pairings_metric(page):
    metric = page.get_by_test_id("stMetric").filter(has_text="Partenariats")
    return metric.get_by_test_id("stMetricValue")


def search(page, text):
    box = page.get_by_role("textbox", name="Rechercher un lieu")
    box.fill(text)
    box.press("Enter")


def page_position(page, position):
    """The page coordinates of a point of the map's iframe, brought fully into view first: a
    click into an iframe that the window cuts scrolls the page between the press and the
    release, and the release would miss a small circle.
    """
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    box = page.locator(MAP_IFRAME).bounding_box()
    return box["x"] + position["x"], box["y"] + position["y"]


def find_place(frame, name):
    (place,) = [
        p
        for p in frame.evaluate(LAYER_POSITIONS)
        if p["kind"] == "place" and p["label"].startswith(name + " (")
    ]
    return place


def click_place(page, name):
    """Zoom in on the place called `name`, as a user would, and click its centre.

    At the first view, Oriental's circle (at El Aioun) covers Oujda's centre.
    """
    frame = map_frame(page)
    frame.evaluate(ZOOM_IN_ON, find_place(frame, name)["at"])
    page.mouse.click(*page_position(page, find_place(frame, name)))


def hover_and_click(page, position):
    """The text of the tooltip shown with the mouse on `position`, then of the popup that a
    click there opens.

    Open popups are closed first and waited out: even while it fades, a popup covers the map
    (the previous tooltip fades out too). The mouse arrives from a pixel away, 50 ms apart:
    Leaflet's canvas handles one mouse move per 32 ms, and the first move into the iframe can
    go unnoticed.
    """
    frame = map_frame(page)
    frame.evaluate(CLOSE_POPUPS)
    expect(frame.locator(".leaflet-popup")).to_have_count(0)
    x, y = page_position(page, position)
    page.mouse.move(x + 1, y + 1)
    page.wait_for_timeout(50)
    page.mouse.move(x, y)
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_have_count(1)
    tooltip_text = tooltip.inner_text()
    page.mouse.click(x, y)
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    return tooltip_text, popup.inner_text()


def choose_place(page, label):
    """Pick `label` in "Lieu sélectionné", comparing texts exactly (no whitespace folding)."""
    page.get_by_role("combobox", name="Lieu sélectionné").click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    (option,) = [o for o in options.all() if o.inner_text() == label]
    option.click()


@pytest.fixture(scope="module")
def shipped_app(start_app):
    return start_app()


@pytest.fixture(scope="module")
def fresh_app(start_app):
    """The app as a presentation screen finds it: just started, no session opened yet."""
    return start_app()


@pytest.fixture(scope="module")
def hostile_app(start_app, hostile_data):
    return start_app(data_dir=hostile_data)


@pytest.fixture(scope="module")
def online_app(start_app):
    """The app as shipped to rooms with internet: online tiles, outlines as a fallback."""
    return start_app(basemap="auto", extra_env=TILES)


def test_map_draws_filters_and_selects_pairings(page, shipped_app):
    """The shipped data end to end: every pairing drawn, a click lists partners, filters narrow."""
    pairings = read_csv(DATA_DIR / "partnerships.csv")
    assert len(pairings) == 40
    open_map(page, shipped_app)
    wait_for_counts(page, lines=len(pairings))
    expect(pairings_metric(page)).to_have_text("40")

    click_place(page, "Oujda")
    popup = map_frame(page).locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Partenaires: Lille, Grenoble, Aix-en-Provence")
    expect(page.get_by_role("heading", name="Partenaires de Oujda")).to_be_visible()
    partners = page.get_by_test_id("stTable").locator("tbody tr td:first-child")
    expect(partners).to_have_text(["Lille", "Grenoble", "Aix-en-Provence"])
    wait_for_counts(page, lines=40, selected=3)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "map-oujda-selected.png", full_page=True)

    search(page, "fes")
    wait_for_counts(page, lines=4, selected=0)
    expect(pairings_metric(page)).to_have_text("4")
    lines = [p for p in map_frame(page).evaluate(LAYER_POSITIONS) if p["kind"] == "line"]
    assert sorted(line["label"] for line in lines) == [
        "Fès (commune urbaine) – Montpellier (commune)",
        "Fès (commune urbaine) – Saint-Étienne (commune)",
        "Fès (commune urbaine) – Strasbourg (commune)",
        "Fès-Boulemane (région) – Lorraine (région)",
    ]
    search(page, "")
    wait_for_counts(page, lines=40)

    levels = page.get_by_role("combobox", name="Niveau")
    levels.click()
    page.get_by_role("option", name="Régions et provinces").click()
    page.keyboard.press("Escape")
    levels.blur()  # while the field has the focus, the next click only takes it away
    wait_for_counts(page, lines=16)
    expect(pairings_metric(page)).to_have_text("16")

    page.get_by_role("button", name="Réinitialiser les filtres").click()
    wait_for_counts(page, lines=40)
    expect(pairings_metric(page)).to_have_text("40")


def test_reset_clears_the_filter_widgets(page, shipped_app):
    """After "Réinitialiser les filtres" the search field is empty and stays so at a rerun."""
    open_map(page, shipped_app)
    search(page, "fes")
    wait_for_counts(page, lines=4)
    page.get_by_role("button", name="Réinitialiser les filtres").click()
    wait_for_counts(page, lines=40)
    search_box = page.get_by_role("textbox", name="Rechercher un lieu")
    expect(search_box).to_have_value("", timeout=2_000)  # the rerun is over: no need to wait

    click_place(page, "Oujda")  # any rerun would do; this one is the path users take
    expect(page.get_by_role("heading", name="Partenaires de Oujda")).to_be_visible()
    wait_for_counts(page, lines=40, selected=3)


def test_first_session_can_select_a_place(page, fresh_app):
    """The first visitor after the server starts can click a place and see its partners."""
    open_map(page, fresh_app)
    wait_for_counts(page, lines=40)
    click_place(page, "Oujda")
    expect(page.get_by_role("heading", name="Partenaires de Oujda")).to_be_visible(timeout=5_000)
    wait_for_counts(page, lines=40, selected=3)


def test_map_shows_hostile_names_literally(page, guard, hostile_app):
    """Names made of HTML, JavaScript template syntax, backslashes, U+2028 and quotes come out
    of every tooltip and popup exactly as written, and none of them runs or loads anything.
    """
    expected = {}  # tooltip text: (first line, last line) of the popup
    for morocco, france in HOSTILE_PAIRINGS:
        expected[f"{morocco} (commune urbaine) – {france} (commune)"] = (
            f"{morocco} – {france}",
            f"Source: {morocco} : {france}",
        )
        expected[f"{morocco} (commune urbaine) – 1 partenaire(s)"] = (
            f"{morocco} (commune urbaine)",
            f"Partenaires: {france}",
        )
        expected[f"{france} (commune) – 1 partenaire(s)"] = (
            f"{france} (commune)",
            f"Partenaires: {morocco}",
        )
    open_map(page, hostile_app)
    wait_for_counts(page, lines=3, places=6)

    seen = {}
    for kind, label in [(p["kind"], p["label"]) for p in steady_positions(page)]:
        # A selected place is framed with its partners: back to the frame of every pairing.
        steady_positions(page)
        map_frame(page).evaluate(SHOW_ALL)
        [position] = [p for p in steady_positions(page) if (p["kind"], p["label"]) == (kind, label)]
        with rerun(page):  # the app hears of every click on a feature
            tooltip, popup = hover_and_click(page, position)
        popup_lines = popup.split("\n")
        seen[tooltip] = (popup_lines[0], popup_lines[-1])
        if position["kind"] == "place":  # and selects a place in a second run
            wait_for_map(page, SELECTED_PLACES, [position["label"]])
    assert seen == expected

    for frame in page.frames:
        assert frame.locator("img[src='x']").count() == 0
    assert guard.dialogs == []


def test_partner_table_shows_hostile_names_literally(page, hostile_app):
    """The heading and the table of partners show each name exactly as written."""
    open_map(page, hostile_app)
    for morocco, france in HOSTILE_PAIRINGS:
        choose_place(page, f"{france} (commune)")
        wait_for_map(page, SELECTED_PLACES, [f"{france} (commune) – 1 partenaire(s)"])
        page.wait_for_selector("[data-test-script-state='notRunning']")
        heading = page.get_by_role("heading", level=3).filter(has_text="Partenaires de")
        first_cell = page.get_by_test_id("stTable").locator("tbody td").first
        shown = (heading.inner_text(), first_cell.inner_text())
        assert shown == (f"Partenaires de {france}", morocco)


def test_offline_outlines_replace_failing_tiles(page, guard, online_app):
    """With no internet the tiles fail and the offline outlines take their place.

    The aborted tile requests, and the console errors Chromium logs for them, are expected
    here; a request to any other host still fails the test.
    """
    guard.tolerated.append(TILES_HOST)
    with open(assets.BASEMAP_FILE, encoding="utf-8") as f:
        outlines = len(json.load(f)["features"])
    open_map(page, online_app)
    wait_for_counts(page, lines=40, outlines=outlines, tiles=0)
    assert any(url.startswith(TILES_HOST) for url in guard.blocked)  # tiles were tried
