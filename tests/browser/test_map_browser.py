"""The map page in a real browser: what is drawn, filtered, clicked, escaped, and never fetched.

The map is drawn on a canvas, so lines and places are counted through Leaflet (`window.map`
inside the streamlit-folium iframe) rather than in the DOM; clicks and hovers are real mouse
events at the positions Leaflet gives. The `guard` fixture (conftest.py) fails every test on a
non-local request, a console error, an uncaught exception or a dialog.
"""

import contextlib
import functools
import json
import time
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from coopmap import assets, data, filters, sources
from coopmap.catalog import text
from coopmap.filters import Selection

from .conftest import (
    HOSTILE_PAIRINGS,
    HOSTILE_TEMPLATE,
    TILES,
    TILES_HOST,
    read_csv,
)

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
MAP_READY = """() => window.map && window.L &&
  [...document.querySelectorAll('link[rel="stylesheet"]')].every(link => link.sheet)"""

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
# tooltip property is HTML: an inert DOMParser document turns it into text, its line breaks
# into "\n" as a tooltip shows them (a line's tooltip has its year on a second line).
LAYER_POSITIONS = """() => {
  const origin = map.getContainer().getBoundingClientRect();
  const text = html => new DOMParser()
    .parseFromString(html.replace(/<br>/g, "\\n"), "text/html").body.textContent;
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
# test waits for the rerun an action causes rather than for a guessed delay; the messages the
# page sends the server (a click's run of the map's fragment can be over before the page shows
# it running); and the messages it receives, with the time of the last one, so that a run that
# never showed as running is waited for until its answer has come and the socket is quiet.
COUNT_FINISHED_RUNS = """() => {
  window.finishedRuns = 0;
  window.sentMessages = 0;
  window.receivedMessages = 0;
  window.lastReceived = performance.now();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (message) {
    if (!this.countedByTests) {
      this.countedByTests = true;
      this.addEventListener("message", () => {
        window.receivedMessages += 1;
        window.lastReceived = performance.now();
      });
    }
    window.sentMessages += 1;
    return send.call(this, message);
  };
  new MutationObserver(records => {
    for (const record of records) {
      if (record.oldValue === "running") window.finishedRuns += 1;
    }
  }).observe(document.body, {subtree: true, attributeOldValue: true,
                             attributeFilter: ["data-test-script-state"]});
}"""
# How long the socket must have been quiet after a sent message's answer before a run that
# never showed as running is taken for over: long enough for the page to apply the answer.
QUIET_MS = 300


@functools.cache
def shipped():
    """The shipped data as the app loads it: the tests' expected figures come from it, not
    from numbers copied into them.
    """
    return data.load(DATA_DIR)


def shipped_pairings(**selection):
    """The shipped pairings that `Selection(**selection)` keeps, in the data's order."""
    return filters.apply(shipped().partnerships, Selection(**selection))


def drawn_lines(pairings):
    """How many lines the map draws for `pairings`: those whose two places have a point."""
    placed = shipped().places.dropna(subset=["latitude", "longitude"]).place_id
    ends = pairings.morocco_place_id.isin(placed) & pairings.france_place_id.isin(placed)
    return int(ends.sum())


def place_label(country, name, kind):
    """A place as tooltips and "Lieu sélectionné" name it: "Fès (commune urbaine)", its type
    as its country names it.
    """
    return f"{name} ({data.type_labels(shipped().authority_types, 'fr')[(country, kind)]})"


def place_id(pairings, name, side="morocco"):
    """The id of the place called `name` on `side`: the only one of its name there."""
    (found,) = pairings.loc[pairings[f"{side}_name"] == name, f"{side}_place_id"].unique()
    return found


def agreement(year, kind):
    """A pairing's year and kind of agreement as its tooltip's second line writes them."""
    kinds = shipped().agreement_kinds
    kinds = dict(zip(kinds.agreement_kind, kinds.label_fr))
    shown = text("year_unknown") if pd.isna(year) else str(int(year))
    return f"{shown} · {kinds.get(kind, kind)}" if kind else shown


def line_tooltips(pairings):
    """The tooltip of each pairing's line, as LAYER_POSITIONS reads it, in the data's order."""
    return [
        f"{place_label('MA', row.morocco_name, row.morocco_authority_type)} – "
        f"{place_label('FR', row.france_name, row.france_authority_type)}\n"
        f"{agreement(year, row.agreement_kind)}"
        for row, year in zip(pairings.itertuples(), sources.years(pairings))
    ]


def partner_names(pairings, place):
    """The names of the partners of `place` (an id) in the order its popup lists them (see
    static/map/layers.js): pairing after pairing, in the data's order.
    """
    return [
        row.france_name if row.morocco_place_id == place else row.morocco_name
        for row in pairings.itertuples()
        if place in (row.morocco_place_id, row.france_place_id)
    ]


def open_page(page, url):
    """Load the app and wait for its script to finish; the page's response."""
    response = page.goto(url)
    page.wait_for_selector(CONNECTED)
    page.wait_for_selector("[data-test-script-state='notRunning']")
    page.evaluate(COUNT_FINISHED_RUNS)
    return response


def open_map(page, url):
    """Load the app and wait for its script to finish and for Leaflet in the map's iframe."""
    open_page(page, url)
    return map_frame(page)


@contextlib.contextmanager
def rerun(page):
    """Wait, after the block, until a run the block caused is over and shown.

    Either the page showed a run and it finished, or the page asked the server something, had
    its answer, and the socket has been quiet for QUIET_MS: a quick run can start and end
    before the page shows it running, and waiting only for the sent message let a test read
    the page before the run's answer came (a cleared filter still in the address).
    """
    runs, sent, received = page.evaluate(
        "[window.finishedRuns, window.sentMessages, window.receivedMessages]"
    )
    yield
    page.wait_for_function(
        f"window.finishedRuns > {runs} || (window.sentMessages > {sent}"
        f" && window.receivedMessages > {received}"
        f" && performance.now() - window.lastReceived > {QUIET_MS})"
    )
    page.wait_for_selector("[data-test-script-state='notRunning']")


def map_frame(page):
    """The map's iframe, looked up afresh: Streamlit may mount a new one on a rerun.

    An iframe just put in the page may not have its document yet: it is looked up again. The
    map is ready once Leaflet runs and its stylesheets apply: before Leaflet's CSS, its
    controls lie unstyled under the map (a test measuring them then saw the zoom buttons
    outside the map, on a loaded machine).
    """
    deadline = time.monotonic() + 20
    while (frame := page.wait_for_selector(MAP_IFRAME).content_frame()) is None:
        assert time.monotonic() < deadline, "the map's iframe never got its document"
        page.wait_for_timeout(100)
    frame.wait_for_function(MAP_READY)
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


def hostile_agreement():
    """The year and kind of agreement of every hostile pairing: its template's (conftest.py)."""
    pairings = shipped_pairings()
    morocco, france = HOSTILE_TEMPLATE
    template = pairings[(pairings.morocco_name == morocco) & (pairings.france_name == france)]
    (year,), (kind,) = sources.years(template), template.agreement_kind
    return agreement(year, kind)


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


OUJDA = "Oujda"  # a Moroccan town with several partners, all of them towns


def test_map_draws_filters_and_selects_pairings(page, app):
    """The shipped data end to end: every pairing drawn, a click lists partners, filters narrow."""
    pairings = shipped_pairings()
    assert len(pairings) == len(read_csv(DATA_DIR / "partnerships.csv"))  # no row left out
    everything = drawn_lines(pairings)
    assert everything == len(pairings)  # every shipped place is placed
    oujda = place_id(pairings, OUJDA)
    partners = partner_names(pairings, oujda)
    assert len(partners) > 1
    open_map(page, app)
    wait_for_counts(page, lines=everything)
    expect(pairings_metric(page)).to_have_text(str(len(pairings)))

    click_place(page, OUJDA)
    popup = map_frame(page).locator(".leaflet-popup-content")
    expect(popup).to_contain_text(f"{text('partners')}: {', '.join(partners)}")
    expect(page.get_by_role("heading", name=text("partners_of", name=OUJDA))).to_be_visible()
    table = page.get_by_test_id("stTable").locator("tbody tr td:first-child")
    expect(table).to_have_text(
        filters.partners_of(pairings, shipped().places, oujda).name.to_list()
    )
    wait_for_counts(page, lines=everything, selected=len(partners))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "map-oujda-selected.png", full_page=True)

    found = shipped_pairings(search="fes")
    assert 1 < len(found) < len(pairings)
    search(page, "fes")
    wait_for_counts(page, lines=drawn_lines(found), selected=0)
    expect(pairings_metric(page)).to_have_text(str(len(found)))
    lines = [p for p in map_frame(page).evaluate(LAYER_POSITIONS) if p["kind"] == "line"]
    assert sorted(line["label"] for line in lines) == sorted(line_tooltips(found))
    search(page, "")
    wait_for_counts(page, lines=everything)

    territories = shipped_pairings(levels=("territory",))
    assert 0 < len(territories) < len(pairings)
    levels = page.get_by_role("combobox", name="Niveau")
    levels.click()
    page.get_by_role("option", name=text("level_territory")).click()
    page.keyboard.press("Escape")
    levels.blur()  # while the field has the focus, the next click only takes it away
    wait_for_counts(page, lines=drawn_lines(territories))
    expect(pairings_metric(page)).to_have_text(str(len(territories)))

    page.get_by_role("button", name="Réinitialiser les filtres").click()
    wait_for_counts(page, lines=everything)
    expect(pairings_metric(page)).to_have_text(str(len(pairings)))


def test_reset_clears_the_filter_widgets(page, app):
    """After "Réinitialiser les filtres" the search field is empty and stays so at a rerun."""
    pairings = shipped_pairings()
    open_map(page, app)
    search(page, "fes")
    wait_for_counts(page, lines=drawn_lines(shipped_pairings(search="fes")))
    page.get_by_role("button", name="Réinitialiser les filtres").click()
    wait_for_counts(page, lines=drawn_lines(pairings))
    search_box = page.get_by_role("textbox", name="Rechercher un lieu")
    expect(search_box).to_have_value("", timeout=2_000)  # the rerun is over: no need to wait

    click_place(page, OUJDA)  # any rerun would do; this one is the path users take
    expect(page.get_by_role("heading", name=text("partners_of", name=OUJDA))).to_be_visible()
    selected = len(partner_names(pairings, place_id(pairings, OUJDA)))
    wait_for_counts(page, lines=drawn_lines(pairings), selected=selected)


def test_first_session_can_select_a_place(page, fresh_app):
    """The first visitor after the server starts can click a place and see its partners."""
    pairings = shipped_pairings()
    open_map(page, fresh_app)
    wait_for_counts(page, lines=drawn_lines(pairings))
    click_place(page, OUJDA)
    expect(page.get_by_role("heading", name=text("partners_of", name=OUJDA))).to_be_visible(
        timeout=5_000
    )
    selected = len(partner_names(pairings, place_id(pairings, OUJDA)))
    wait_for_counts(page, lines=drawn_lines(pairings), selected=selected)


def test_map_shows_hostile_names_literally(page, guard, hostile_app):
    """Names made of HTML, JavaScript template syntax, backslashes, U+2028 and quotes come out
    of every tooltip and popup exactly as written, and none of them runs or loads anything.
    """
    expected = {}  # tooltip text: (first line, last line) of the popup
    for morocco, france in HOSTILE_PAIRINGS:
        expected[f"{morocco} (commune urbaine) – {france} (commune)\n{hostile_agreement()}"] = (
            f"{morocco} – {france}",
            f"Source: {morocco} : {france}",
        )
        expected[f"{morocco} (commune urbaine) – 1 partenaire"] = (
            f"{morocco} (commune urbaine)",
            f"Partenaires: {france}",
        )
        expected[f"{france} (commune) – 1 partenaire"] = (
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
        wait_for_map(page, SELECTED_PLACES, [f"{france} (commune) – 1 partenaire"])
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
    wait_for_counts(page, lines=drawn_lines(shipped_pairings()), outlines=outlines, tiles=0)
    assert any(url.startswith(TILES_HOST) for url in guard.blocked)  # tiles were tried
