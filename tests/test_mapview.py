"""The map as generated: offline assets, its scripts' configuration, one feature per pairing
and place, escaped text. Each piece of the map is a call to one of its scripts in static/map/;
these tests read the calls' JSON as the browser will (`script_calls`).
"""

import json
import re
from collections import Counter

import folium
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coopmap import assets, data, mapview
from coopmap.catalog import STRINGS
from coopmap.palette import PALETTES
from coopmap.summary import region_group
from coopmap.text import escape

from conftest import DATA_DIR, script_calls

LABELS = {key: value["fr"] for key, value in STRINGS.items()}
LABELS["types"] = {}
LABELS["language"] = "fr"
TILES = {"light": ("https://light/{z}", "L"), "dark": ("https://dark/{z}", "D")}
CDN = re.compile(r"https?://(?!light/|dark/)[\w.-]+")
EMPTY = {"type": "FeatureCollection", "features": []}


def _html(fmap):
    return fmap.get_root().render()


def _layer_html(group):
    """The page of a map holding only `group` (a FeatureGroup renders only on a map)."""
    fmap = mapview.base_map(LABELS, "offline")
    group.add_to(fmap)
    return _html(fmap)


@pytest.mark.parametrize("mode", mapview.MODES)
def test_assets_come_from_this_server(mode):
    page = _html(mapview.base_map(LABELS, mode, TILES))
    assert f'<script src="{assets.LEAFLET_JS}"></script>' in page
    assert page.count(f'<script src="{assets.BUNDLE_URL}"></script>') == 1, "the scripts, once"
    assert "jquery" not in page.lower(), "the map's own scripts need no jQuery"
    assert CDN.findall(page) == []


def test_every_script_the_map_calls_is_a_file_that_defines_it(shipped):
    drawing = mapview.layers(shipped.partnerships, shipped.places, LABELS)
    fmap = mapview.base_map(LABELS, "auto", TILES, present=True, share=True)
    mapview.pairings_legend(LABELS).add_to(fmap)
    mapview.pairings_layer(drawing).add_to(fmap)
    page = _html(fmap)
    calls = set(re.findall(r"coopmap\.(\w+)\(", page))
    expected = {"direction", "basemap", "look", "timeline", "share", "steps", "legend"}
    assert calls == expected | {"pairings"}
    sources = {
        url: assets.path_of(url).read_text(encoding="utf-8")
        for url in re.findall(r'<script src="(/app/static/map/[\w./]+)">', page)
    }
    for function in calls:
        assert any(f"coopmap.{function} = function" in text for text in sources.values()), function


def test_the_page_may_be_zoomed():
    """folium's viewport forbids zooming the page; the map's does not."""
    page = _html(mapview.base_map(LABELS, "offline"))
    [viewport] = re.findall(r'<meta name="viewport" content="([^"]*)"', page)
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport


def test_the_basemap_has_a_pane_of_its_own_under_the_pairings():
    """Whatever order the outlines and tiles arrive in, they stay under the overlays (400)."""
    [[config]] = script_calls(_html(mapview.base_map(LABELS, "auto", TILES)), "basemap")
    assert config["pane"] == mapview.basemap.BASEMAP_PANE
    assert config["zIndex"] < 400
    assert config["outlines"]["url"] == assets.BASEMAP_URL
    assert config["tiles"]["dark"] == list(TILES["dark"])


def test_the_view_stays_inside_the_outlines():
    """The map's extent is the box the offline outlines fill: no straight edge of land shows."""
    outlines = json.loads(assets.BASEMAP_FILE.read_text(encoding="utf-8"))
    coordinates = json.dumps([f["geometry"]["coordinates"] for f in outlines["features"]])
    points = [
        (float(x), float(y)) for x, y in re.findall(r"\[(-?[\d.]+), (-?[\d.]+)\]", coordinates)
    ]
    longitudes, latitudes = [p[0] for p in points], [p[1] for p in points]
    [[config]] = script_calls(_html(mapview.base_map(LABELS, "offline")), "basemap")
    (south, west), (north, east) = config["extent"]
    assert (west, south, east, north) == (
        min(longitudes),
        min(latitudes),
        max(longitudes),
        max(latitudes),
    )
    assert east > 35 and south < 10  # the old outlines stopped there, in a straight line
    (frame_south, frame_west), (frame_north, frame_east) = config["frame"]
    assert south < frame_south and north > frame_north and west < frame_west < frame_east < east


def test_offline_mode_asks_for_no_tiles():
    page = _html(mapview.base_map(LABELS, "offline"))
    [[config]] = script_calls(page, "basemap")
    assert config["mode"] == "offline" and config["tiles"] == {}


def test_the_app_fetches_the_basemap_once_instead_of_carrying_it():
    page = _html(mapview.base_map(LABELS, "offline"))
    assert len(page.encode()) < 20_000  # the outlines alone are 0.70 MB
    assert assets.BASEMAP_FILE.stat().st_size > 200_000


def _table(shipped, selected=None, partnerships=None):
    return mapview.pairings_table(
        shipped.partnerships if partnerships is None else partnerships,
        shipped.places,
        LABELS,
        selected,
    )


def test_one_line_per_pairing_between_its_places(shipped):
    table = _table(shipped)
    lines, places = table["lines"], table["places"]
    assert len(lines["id"]) == len(shipped.partnerships)
    assert len(places["name"]) == len(shipped.places)
    located = shipped.places.set_index("place_id")
    for i, row in enumerate(shipped.partnerships.itertuples()):
        morocco, france = lines["morocco"][i], lines["france"][i]
        assert places["name"][morocco] == escape(row.morocco_name)
        assert places["name"][france] == escape(row.france_name)
        point = located.loc[row.france_place_id]
        assert places["latitude"][france] == pytest.approx(point.latitude, abs=1e-4)
        assert places["longitude"][france] == pytest.approx(point.longitude, abs=1e-4)


def test_links_of_one_place_fan_out(shipped):
    """Oujda's three links must not lie on top of each other: each bends its own way, in
    order of its partner's longitude (the browser draws the curves).
    """
    table = _table(shipped)
    lines, places = table["lines"], table["places"]
    oujda = [i for i, m in enumerate(lines["morocco"]) if places["name"][m] == "Oujda"]
    by_longitude = sorted(oujda, key=lambda i: places["longitude"][lines["france"][i]])
    assert [lines["bend"][i] for i in by_longitude] == [0.12, 0.19, 0.26]


SHIPPED = data.load(DATA_DIR)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(range(len(SHIPPED.partnerships))), min_size=1))
@example(set(range(len(SHIPPED.partnerships))))  # every pairing: every shared point
def test_a_circle_grows_with_its_partners_and_stays_within_bounds(rows):
    """For any selection of pairings: a place with more partners has a larger circle, places
    with as many have the same one, and every circle is big enough to click and small enough
    to leave its lines in sight. Places that share a point (a métropole at its seat, the
    commune of the same town) are rings, each around the next, all of them seen.
    """
    table = _table(SHIPPED, partnerships=SHIPPED.partnerships.iloc[sorted(rows)])
    places, lines = table["places"], table["lines"]
    partners = Counter(lines["morocco"] + lines["france"])
    points = Counter(zip(places["latitude"], places["longitude"]))
    alone = {count: [] for count in partners.values()}
    for i, point in enumerate(zip(places["latitude"], places["longitude"])):
        if i in partners and points[point] == 1:
            alone[partners[i]].append(places["radius"][i])
    sizes = [set(radii) for _, radii in sorted(alone.items()) if radii]
    assert all(len(size) == 1 for size in sizes), "as many partners, the same circle"
    ordered = [size.pop() for size in sizes]
    assert ordered == sorted(set(ordered)), "more partners, a larger circle"
    assert all(6 <= radius <= 24 for radius in places["radius"] if radius is not None)
    for point in (point for point, count in points.items() if count > 1 and None not in point):
        rings = sorted(
            radius
            for radius, at in zip(places["radius"], zip(places["latitude"], places["longitude"]))
            if at == point
        )
        assert all(outer - inner >= 2 for inner, outer in zip(rings, rings[1:])), rings


def test_a_place_is_sent_once_however_many_pairings_name_it(shipped):
    """Names, types and regions travel once: a pairing costs its numbers, its line of the
    2013 presentation and its pages' addresses, well under half a kilobyte.
    """
    table = _table(shipped)
    assert table["places"]["name"].count("Oujda") == 1
    size = len(json.dumps(table, ensure_ascii=False).encode())
    assert size < 500 * len(shipped.partnerships)


def test_selecting_a_place_marks_it_for_the_map(shipped):
    table = _table(shipped, "MA:commune urbaine:Oujda")
    assert table["places"]["name"][table["selected"]] == "Oujda"
    assert _table(shipped)["selected"] is None


def test_a_place_with_no_point_is_listed_but_not_placed(shipped):
    places = shipped.places.copy()
    places.loc[places.name == "Oujda", ["latitude", "longitude"]] = float("nan")
    table = mapview.pairings_table(shipped.partnerships, places, LABELS)
    oujda = table["places"]["name"].index("Oujda")
    assert table["places"]["latitude"][oujda] is None
    json.dumps(table, allow_nan=False)  # valid JSON: no NaN


def test_every_style_a_feature_can_name_is_in_the_table(shipped):
    styles = mapview.styles()
    for level in mapview.LEVELS:
        for state in ("normal", "selected", "faded"):
            assert f"{level}-{state}" in styles
    assert {"MA", "FR", "MA-selected", "FR-selected", "flow", "requests"} <= set(styles)
    drawing = mapview.layers(shipped.partnerships, shipped.places, LABELS, limit=10)
    for collection in drawing.values():
        for feature in collection["features"]:
            assert feature["properties"]["style"] in styles


NASTY = ["<img src=x onerror=alert(1)>", "`${alert(1)}`", "back\\slash", "</script><b>"]


@pytest.fixture
def nasty_data(shipped):
    """The shipped pairings with the places of the first four renamed to hostile strings."""
    partnerships = shipped.partnerships.head(4).copy()
    places = shipped.places.copy()
    for index, name in enumerate(NASTY):
        place_id = partnerships.morocco_place_id.iloc[index]
        places.loc[places.place_id == place_id, "name"] = name
        partnerships.iloc[index, partnerships.columns.get_loc("morocco_name")] = name
        partnerships.iloc[index, partnerships.columns.get_loc("source_text")] = name
    return partnerships, places


def test_data_text_reaches_the_map_script_escaped(nasty_data):
    """Tooltips and popups are written as HTML: every text of the data is escaped in what the
    map is sent, and the script that carries it cannot be broken out of.
    """
    partnerships, places = nasty_data
    drawing = mapview.layers(partnerships, places, LABELS)
    page = _layer_html(mapview.pairings_layer(drawing))
    for raw in NASTY:
        assert raw not in page
    [[_, table]] = script_calls(page, "pairings")
    texts = table["places"]["name"] + table["lines"]["source"]
    for raw in NASTY:
        assert escape(raw) in texts
    assert not any("`" in text or "${" in text or "<" in text for text in texts)


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("`${alert(1)}`", "&#96;&#36;{alert(1)}&#96;"),
        ("back\\slash", "back&#92;slash"),
        ("\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#x27;single&#x27;"),
        ("Fès", "Fès"),
    ],
)
def test_escape(raw, escaped):
    assert escape(raw) == escaped


def test_the_legend_gets_its_words_as_text():
    """The legend's script sets its words as text; in the page they are inert JSON."""
    labels = dict(LABELS, legend_title="<script>alert(1)</script>")
    fmap = mapview.base_map(labels, "offline")
    mapview.pairings_legend(labels).add_to(fmap)
    page = _html(fmap)
    assert "<script>alert(1)</script>" not in page
    [[config]] = script_calls(page, "legend")
    assert config["title"] == "<script>alert(1)</script>"
    legend_js = assets.path_of(assets.script_url("legend")).read_text(encoding="utf-8")
    assert "innerHTML" not in legend_js and "textContent" in legend_js


def test_base_map_does_not_depend_on_the_pairings(shipped):
    """streamlit-folium keeps the map mounted (and its view) only while its script is the same."""
    first = mapview.base_map(LABELS, "offline")
    second = mapview.base_map(LABELS, "offline")
    strip = re.compile(r"_[0-9a-f]{32}")
    assert strip.sub("", _html(first)) == strip.sub("", _html(second))
    drawing = mapview.layers(shipped.partnerships.iloc[0:0], shipped.places, LABELS)
    assert isinstance(mapview.pairings_layer(drawing), folium.FeatureGroup)


def test_an_empty_selection_is_an_empty_layer(shipped):
    """No pairing left (a search with no match) still makes a valid, empty layer."""
    drawing = mapview.layers(shipped.partnerships.iloc[0:0], shipped.places, LABELS)
    [[_, table]] = script_calls(_layer_html(mapview.pairings_layer(drawing)), "pairings")
    assert table["lines"]["id"] == [] and table["places"]["name"] == []


def test_many_pairings_are_drawn_as_flows_between_regions(shipped):
    drawing = mapview.layers(shipped.partnerships, shipped.places, LABELS, limit=10)
    lines, points = drawing["flows"], drawing["regions"]
    pairs = shipped.partnerships.groupby(
        [
            shipped.partnerships.morocco_region_current.map(region_group),
            shipped.partnerships.france_region_current.map(region_group),
        ]
    ).size()
    assert len(lines["features"]) == len(pairs)
    assert sum(f["properties"]["flow"] for f in lines["features"]) == len(shipped.partnerships)
    oriental = [f for f in points["features"] if f["properties"]["region"] == "Oriental"]
    in_oriental = (shipped.partnerships.morocco_region_current == "Oriental").sum()
    assert oriental[0]["properties"]["tooltip"] == f"Oriental: {in_oriental} partenariats"
    radii = [f["properties"]["radius"] for f in points["features"]]
    assert max(radii) <= 20, "a region's circle leaves its flows in sight"
    assert "pairings" in mapview.layers(shipped.partnerships, shipped.places, LABELS)


@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("40.5,-1.25,6", (40.5, -1.25, 6)),
        ("-33.9,151.2,18", (-33.9, 151.2, 18)),
        (None, None),
        ("", None),
        ("40.5,-1.25", None),
        ("40.5,-1.25,6,1", None),
        ("north,-1.25,6", None),
        ("40.5,-1.25,6.5", (40.5, -1.25, 6.5)),
        ("38.41,-1.36,5.25", (38.41, -1.36, 5.25)),  # a quarter zoom, as the map writes it
        ("38.41,-1.36,5.3", (38.41, -1.36, 5.25)),  # hand-written: the map's nearest stop
        ("95,0,6", None),
        ("0,200,6", None),
        ("nan,0,6", None),
        ("inf,0,6", None),
        ("40.5,-1.25,0", None),
        ("40.5,-1.25,19", None),
    ],
)
def test_parse_view(text, view):
    assert mapview.view.parse(text) == view


def test_the_live_map_keeps_its_view_in_the_link_and_can_copy_it():
    plain = _html(mapview.base_map(LABELS, "offline"))
    shared = _html(mapview.base_map(LABELS, "offline", share=True))
    assert script_calls(plain, "share") == []
    [[config]] = script_calls(shared, "share")
    assert config["labels"] == {key: LABELS[key] for key in mapview.SHARE_LABELS}


def test_presentation_mode_adds_the_step_through_and_thick_lines(shipped):
    page = _html(mapview.base_map(LABELS, "offline", present=True))
    [[config]] = script_calls(page, "steps")
    assert config["labels"]["step_next"] == LABELS["step_next"]
    assert script_calls(_html(mapview.base_map(LABELS, "offline")), "steps") == []
    assert mapview.styles()["town-normal"]["weight"] == 2.5
    assert mapview.styles(present=True)["town-normal"]["weight"] == 5
    drawing = mapview.layers(shipped.partnerships, shipped.places, LABELS)
    [(thick, _)] = script_calls(
        _layer_html(mapview.pairings_layer(drawing, present=True)), "pairings"
    )
    assert thick["styles"] == mapview.styles(present=True)


def test_the_map_carries_its_dark_colours_and_tiles():
    """Built in light colours, the map swaps them itself in the dark theme (no new map)."""
    light, dark = PALETTES["light"], PALETTES["dark"]
    fmap = mapview.base_map(LABELS, "auto", TILES)
    mapview.pairings_legend(LABELS).add_to(fmap)
    page = _html(fmap)
    [[look]] = script_calls(page, "look")
    for role in ("town", "territory", "morocco", "france", "land", "sea"):
        assert look["swap"][getattr(light, role).lower()] == getattr(dark, role).lower(), role
    [[legend]] = script_calls(page, "legend")
    assert legend["lines"][0][:2] == [light.town, dark.town]
    [[basemap]] = script_calls(page, "basemap")
    assert basemap["tiles"]["dark"] == ["https://dark/{z}", "D"]


def test_the_exported_map_carries_everything_it_needs(shipped):
    drawing = mapview.layers(shipped.partnerships, shipped.places, LABELS)
    page = mapview.standalone_html(LABELS, drawing, "Titre", "Légende", "fr")
    assert '<html lang="fr">' in page and "<title>Titre</title>" in page
    assert "<script src=" not in page and '<link rel="stylesheet"' not in page
    for name in ("basemap", "layers", "look", "legend"):
        assert assets.path_of(assets.script_url(name)).read_text(encoding="utf-8") in page
    [[config]] = script_calls(page, "basemap")
    with open(assets.BASEMAP_FILE, encoding="utf-8") as f:
        assert config["outlines"]["data"] == json.load(f)


def test_the_scripts_bundle_is_made_of_the_scripts():
    """Every map loads static/map/bundle/coopmap.js: it must hold the scripts as they are now
    (`python scripts/build_map_bundle.py` after editing one), host.js first.
    """
    bundle = assets.path_of(assets.BUNDLE_URL).read_text(encoding="utf-8")
    assert bundle == assets.map_bundle()
    marker = "// static/map/"
    scripts = [line.removeprefix(marker) for line in bundle.splitlines() if line.startswith(marker)]
    assert scripts[0] == "host.js"
    assert set(scripts) == {path.name for path in (assets.STATIC_DIR / "map").glob("*.js")}
