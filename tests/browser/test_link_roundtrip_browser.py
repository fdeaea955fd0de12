"""The page's own address reopens what the reader saw: in each language, on a desktop and a phone.

A reader filters, zooms by a quarter (the map snaps to quarter zooms), clicks a town, and sends
the address bar to someone else. That address, opened in a fresh browser, must show no notice
of ignored parameters, the same filters, the same selected place and the same view (within a
quarter zoom). Both pages are read the same way and compared; the figures they must show come
from the shipped data, not from copies of it. A screenshot of each reopened page goes to
test-artifacts/roundtrip/.
"""

import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from coopmap import locales
from coopmap.catalog import text

from .conftest import DATA_DIR, read_csv, watched_page
from .test_map_browser import (
    ARTIFACTS,
    MAP_IFRAME,
    map_frame,
    open_map,
    rerun,
    shipped_pairings,
)

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "roundtrip"
SCREENS = {
    "desktop": {"viewport": {"width": 1366, "height": 768}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


@dataclass(frozen=True)
class Case:
    """A state to open: filters in the link (`link`, codes as a link carries them) and a search
    typed into the sidebar (`typed`), as a reader would arrive at it either way.
    """

    link: dict = field(default_factory=dict)
    typed: str = ""

    def selection(self):
        """The case's filters as `filters.Selection` arguments."""
        found = {key: tuple(values) for key, values in self.link.items() if key != "search"}
        search = self.typed or self.link.get("search", "")
        return found | ({"search": search} if search else {})


# A region, a search, types, a level: a different way into the map for each page.
CASES = {
    ("fr", "desktop"): Case(link={"morocco_regions": ["Oriental"]}),
    ("fr", "phone"): Case(typed="fes"),
    ("en", "desktop"): Case(link={"search": "rabat", "morocco_types": ["commune urbaine"]}),
    ("en", "phone"): Case(link={"morocco_regions": ["Souss-Massa"], "levels": ["town"]}),
    ("ar", "desktop"): Case(typed="الدار البيضاء"),
    ("ar", "phone"): Case(
        link={"morocco_regions": ["Fès-Meknès"], "morocco_types": ["commune urbaine"]}
    ),
}

# Every widget on the page (sidebar and main) as [kind, label, value], in the page's order:
# what the reader sees chosen. Multiselects by their tags, boxes by their text, a slider by its
# thumbs, radios and segmented controls by the option checked. Streamlit keeps a copy of some
# widgets' insides in a <template>, which querySelectorAll does not enter.
WIDGETS = """() => {
  const label = w => (w.querySelector("[data-testid='stWidgetLabel']") || {}).innerText || "";
  const found = [];
  for (const w of document.querySelectorAll("[data-testid]")) {
    const kind = w.dataset.testid;
    let value;
    if (kind === "stMultiSelect") {
      value = [...w.querySelectorAll("[data-tag]")].map(tag => tag.getAttribute("aria-label"));
    } else if (kind === "stTextInput" || kind === "stSelectbox") {
      value = w.querySelector("input").value;
    } else if (kind === "stSlider") {
      value = [...w.querySelectorAll("[role='slider']")].map(s => s.getAttribute("aria-valuenow"));
    } else if (kind === "stCheckbox") {
      value = w.querySelector("input").checked;
    } else if (kind === "stRadio" || kind === "stButtonGroup") {
      value = [...w.querySelectorAll("[aria-checked='true'], input:checked")]
        .map(o => (o.closest("label") || o).innerText.trim());
    } else {
      continue;
    }
    found.push([kind, label(w).trim(), value]);
  }
  return found;
}"""
VIEW = "() => ({lat: map.getCenter().lat, lng: map.getCenter().lng, zoom: map.getZoom()})"
# How many pixels apart two centres are at the current zoom.
CENTRE_DISTANCE = "([a, b]) => map.project(a).distanceTo(map.project(b))"
# The place circles as the reader can click them: their tooltip's text, where they are, their
# centre in the iframe, whether that pixel is the map's canvas (no control, legend or popup over
# it) and inside the map, and how far the nearest other place's centre is.
PLACES = """() => {
  const text = html => new DOMParser().parseFromString(html, "text/html").body.textContent;
  const size = map.getSize(), origin = map.getContainer().getBoundingClientRect();
  const places = [];
  map.eachLayer(layer => {
    const properties = (layer.feature && layer.feature.properties) || {};
    if (properties.place === undefined) return;
    const at = layer.getLatLng(), point = map.latLngToContainerPoint(at);
    const x = origin.left + point.x, y = origin.top + point.y;
    const under = document.elementFromPoint(x, y);
    places.push({label: text(properties.tooltip), country: properties.country,
                 at: [at.lat, at.lng], point, x, y,
                 free: !!under && under.tagName === "CANVAS",
                 inside: point.x > 20 && point.y > 20 && point.x < size.x - 20
                         && point.y < size.y - 20});
  });
  for (const place of places) {
    place.room = Math.min(...places.filter(p => p !== place)
                                  .map(p => p.point.distanceTo(place.point)), Infinity);
  }
  return places;
}"""
# A quarter zoom in, around a point, as the mouse wheel zooms around the pointer.
ZOOM_A_QUARTER_AROUND = """at => new Promise(done => {
  map.once("moveend", () => done());
  map.setZoomAround(at, map.getZoom() + 0.25);
})"""


def town_types(language):
    """The labels `language` gives the authority types of towns (data/authority_types.csv)."""
    rows = read_csv(DATA_DIR / "authority_types.csv")
    return {row[f"label_{language}"] for row in rows if row["level"] == "town"}


def ignored_notice(language):
    """The start of the notice of ignored link parameters, before the list of what was."""
    return text("ignored_params", language, names="").split(":")[0]


def settle(page, steady=1.5, timeout=30.0):
    """The page's address once the app has settled: no script running, and the address and
    the map's view unchanged for `steady` seconds.

    The map writes its view into the address when it stops moving, and after a click it flies
    to the place and its partners; Streamlit rewrites the address on each run.
    """
    deadline, since, last = time.monotonic() + timeout, None, None
    while time.monotonic() < deadline:
        running = page.locator("[data-test-script-state='running']").count() > 0
        now = (page.url, map_frame(page).evaluate(VIEW))
        if running or now != last:
            since, last = time.monotonic(), now
        elif time.monotonic() - since >= steady:
            return page.url
        page.wait_for_timeout(200)
    raise AssertionError(f"the page kept changing: last {last}")


def open_state(page, app, language, case):
    """Open the map in `language` with the case's filters: in the link, or typed into the
    sidebar (opened first on a phone, where it is folded away).
    """
    query = {"language": language} | case.link
    open_map(page, f"{app}/?{urlencode(query, doseq=True)}")
    if case.typed:
        expand = page.get_by_test_id("stExpandSidebarButton")
        if expand.is_visible():
            expand.click()
        box = page.get_by_role("textbox", name=text("search", language))
        with rerun(page):
            box.fill(case.typed)
            box.press("Enter")
    settle(page)


def clickable_towns(page, language):
    """The towns whose circle the reader can click now (in view, under no control, legend or
    header), with their position in the page.
    """
    types = town_types(language)
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    box = page.locator(MAP_IFRAME).bounding_box()
    found = []
    for place in map_frame(page).evaluate(PLACES):
        town = any(f" ({kind}) – " in place["label"] for kind in types)
        if not (town and place["free"] and place["inside"]):
            continue
        x, y = box["x"] + place["x"], box["y"] + place["y"]
        on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.title", [x, y])
        if on_top == "streamlit_folium.st_folium":
            found.append(place | {"position": (x, y)})
    return found


def choose_town(page, language):
    """The town to click: Moroccan if one can be (its name is in Arabic script on the Arabic
    pages), the farthest from any other place. A click takes the circle whose centre is
    nearest: a town that shares its centre with another (Lyon, Grand Lyon) is never chosen.
    """
    towns = [town for town in clickable_towns(page, language) if town["room"] >= 3]
    assert towns, f"no town to click in view: {map_frame(page).evaluate(PLACES)}"
    return max(towns, key=lambda town: (town["country"] == "MA", town["room"]))


def zoom_and_click(page, language, phone):
    """Zoom in by a quarter around a town, as a reader's wheel would, then click (tap) it.
    Returns the town's tooltip label.

    Zooming around the map's centre would push Morocco, at the bottom of the frame, out of view.
    """
    town = choose_town(page, language)
    map_frame(page).evaluate(ZOOM_A_QUARTER_AROUND, town["at"])
    ((x, y),) = [
        t["position"] for t in clickable_towns(page, language) if t["label"] == town["label"]
    ]
    with rerun(page):
        if phone:
            page.touchscreen.tap(x, y)
        else:
            page.mouse.click(x, y)
    return town["label"]


def name_of(label, language):
    """A place's name from its tooltip: "Oujda (commune urbaine) – 4 partenaires" → "Oujda"."""
    for kind in town_types(language):
        if f" ({kind}) – " in label:
            return label.split(f" ({kind}) – ")[0], kind
    raise AssertionError(f"not a town: {label}")


def partners_heading(page, language):
    """The heading over the selected place's partners: "Partenaires de …", "شركاء …"."""
    words = text("partners_of", language, name="\0").split("\0")[0].strip()
    return page.get_by_role("heading", level=3).filter(has_text=words)


def shown_state(page, language):
    """What the page shows of its state: its notices, its widgets (filters, language, the
    place picker...), the count of pairings and the heading of the selected place's partners.
    """
    metric = page.get_by_test_id("stMetric").filter(has_text=text("metric_pairings", language))
    return {
        "notices": page.get_by_test_id("stAlert").all_inner_texts(),
        "widgets": page.evaluate(WIDGETS),
        "pairings": metric.get_by_test_id("stMetricValue").inner_text(),
        "partners heading": partners_heading(page, language).all_inner_texts(),
    }


def differences(seen, reopened):
    """What the reopened page shows differently, one line each: notices, widgets (by label),
    the count of pairings, the partners' heading.
    """
    found = [
        f"notice: {notice!r}" for notice in reopened["notices"] if notice not in seen["notices"]
    ]
    before = {(kind, label): value for kind, label, value in seen["widgets"]}
    after = {(kind, label): value for kind, label, value in reopened["widgets"]}
    for key in dict.fromkeys([*before, *after]):
        if before.get(key) != after.get(key):
            found.append(f"{key[1]!r}: {before.get(key)!r} became {after.get(key)!r}")
    for key in ("pairings", "partners heading"):
        if seen[key] != reopened[key]:
            found.append(f"{key}: {seen[key]!r} became {reopened[key]!r}")
    return found


def check_first_page(seen, case, language, count, name, kind):
    """The page the address is taken from shows the case's filters (`count` pairings), the
    clicked town selected and no notice: otherwise comparing the reopened page with it proves
    nothing.
    """
    assert seen["pairings"] == locales.number(count, language)
    widgets = {label: value for _, label, value in seen["widgets"]}
    assert widgets[text("search", language)] == case.selection().get("search", "")
    for key, values in case.link.items():  # a multiselect's label is its key's singular
        if key != "search":
            assert len(widgets[text(key.removesuffix("s"), language)]) == len(values), key
    assert seen["partners heading"] == [text("partners_of", language, name=name)]
    assert widgets[text("selected_place", language)] == f"{name} ({kind})"
    assert not [n for n in seen["notices"] if ignored_notice(language) in n], seen["notices"]


def partners_placed_right(page, language, screen):
    """The partners of the selected place come under the map on a phone, beside it elsewhere."""
    heading = partners_heading(page, language).bounding_box()
    map_box = page.locator(MAP_IFRAME).bounding_box()
    if screen == "phone":
        return heading["y"] >= map_box["y"] + map_box["height"]
    beside = heading["x"] >= map_box["x"] + map_box["width"] or (
        heading["x"] + heading["width"] <= map_box["x"]
    )
    return beside and heading["y"] < map_box["y"] + map_box["height"]


def screenshots(page, name, screen):
    """The reopened page: its map, and on a phone its partners too (they come under it)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / f"{name}.png")
    if screen == "phone" and page.get_by_test_id("stTable").count():
        page.get_by_test_id("stTable").scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / f"{name}-partners.png")


@pytest.mark.parametrize(
    ("language", "screen"), list(CASES), ids=["-".join(case) for case in CASES]
)
def test_the_page_address_reopens_the_same_state(browser, guard, app, language, screen):
    """Filter, zoom a quarter, click a town; the address, opened in a fresh browser of the same
    screen, shows the same state. Every difference is listed, not only the first.
    """
    case = CASES[(language, screen)]
    kept = shipped_pairings(**case.selection())
    assert 0 < len(kept) < len(shipped_pairings()), "the case's filters narrow the map"
    options = SCREENS[screen]

    with watched_page(browser, guard, **options) as page:
        open_state(page, app, language, case)
        label = zoom_and_click(page, language, phone=screen == "phone")
        name, kind = name_of(label, language)
        expect(partners_heading(page, language), f"a click on {label} selects it").to_have_count(1)
        link = settle(page)
        seen = shown_state(page, language)
        view = map_frame(page).evaluate(VIEW)
    check_first_page(seen, case, language, len(kept), name, kind)

    with watched_page(browser, guard, **options) as other:  # someone who received the link
        open_map(other, link)
        settle(other)
        reopened = shown_state(other, language)
        problems = differences(seen, reopened)
        reopened_view = map_frame(other).evaluate(VIEW)
        apart = map_frame(other).evaluate(CENTRE_DISTANCE, [view, reopened_view])
        if abs(reopened_view["zoom"] - view["zoom"]) > 0.25 or apart > 10:
            problems.append(f"view: {view} became {reopened_view} ({apart:.0f} px away)")
        if reopened["partners heading"] and not partners_placed_right(other, language, screen):
            problems.append("the partners are not beside the map (under it on a phone)")
        screenshots(other, f"{language}-{screen}", screen)
    assert not problems, f"the link {link} reopens another state:\n" + "\n".join(problems)
