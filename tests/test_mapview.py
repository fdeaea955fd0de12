"""The map as generated: offline assets, one feature per pairing and place, escaped text."""

import json
import re

import folium
import pandas as pd
import pytest

from coopmap import mapview
from coopmap.catalog import STRINGS
from coopmap.palette import PALETTES
from coopmap.summary import region_group
from coopmap.text import escape

LABELS = {key: value["fr"] for key, value in STRINGS.items()}
LABELS["types"] = {}
BASEMAP = {"type": "FeatureCollection", "features": []}
CDN = re.compile(r"https?://(?!tile\.openstreetmap\.org|www\.openstreetmap\.org)[\w.-]+")


def _html(fmap):
    return fmap.get_root().render()


def _layer_html(group):
    """The page of a map holding only `group` (a FeatureGroup renders only on a map)."""
    fmap = mapview.offline_map()
    group.add_to(fmap)
    return _html(fmap)


@pytest.mark.parametrize("mode", ["offline", "auto", "tiles"])
def test_assets_come_from_this_server(mode):
    fmap = mapview.base_map(
        BASEMAP, LABELS, mode, "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "OSM"
    )
    page = _html(fmap)
    assert '/app/static/vendor/leaflet/leaflet.js"' in page
    assert '/app/static/vendor/jquery/jquery.min.js"' in page
    assert CDN.findall(page) == []


def test_offline_mode_asks_for_no_tiles():
    page = _html(mapview.base_map(BASEMAP, LABELS, "offline"))
    assert "tileLayer" not in page and "tile.openstreetmap" not in page


def test_auto_mode_falls_back_to_the_outlines():
    page = _html(mapview.base_map(BASEMAP, LABELS, "auto", "https://tile.openstreetmap.org/x", "a"))
    assert "'tileerror'" in page and "addLayer" in page


def test_one_line_per_pairing_between_its_places(shipped):
    lines = mapview.lines_geojson(shipped.partnerships, shipped.places, LABELS)
    assert len(lines["features"]) == 40
    places = shipped.places.set_index("place_id")
    for feature, row in zip(lines["features"], shipped.partnerships.itertuples()):
        start, end = feature["geometry"]["coordinates"][0], feature["geometry"]["coordinates"][-1]
        morocco, france = places.loc[row.morocco_place_id], places.loc[row.france_place_id]
        assert start == pytest.approx([morocco.longitude, morocco.latitude], abs=1e-4)
        assert end == pytest.approx([france.longitude, france.latitude], abs=1e-4)


def test_links_of_one_place_fan_out(shipped):
    """Oujda's three links must not lie on top of each other."""
    lines = mapview.lines_geojson(shipped.partnerships, shipped.places, LABELS)
    oujda = shipped.partnerships.morocco_name == "Oujda"
    ids = {f"pairing-{p}" for p in shipped.partnerships[oujda].pairing_id}
    bends = [
        json.dumps(feature["geometry"]["coordinates"][mapview.ARC_POINTS // 4])
        for feature in lines["features"]
        if feature["id"] in ids
    ]
    assert len(bends) == 3 and len(set(bends)) == 3


def test_places_are_sized_by_their_number_of_partners(shipped):
    points = mapview.points_geojson(shipped.places, shipped.partnerships, LABELS)
    assert len(points["features"]) == 70
    radius = {
        shipped.places.name[f["properties"]["place"]]: f["properties"]["radius"]
        for f in points["features"]
    }
    assert radius["Oujda"] > radius["Casablanca"]


def test_selecting_a_place_highlights_its_links(shipped):
    lines = mapview.lines_geojson(
        shipped.partnerships, shipped.places, LABELS, selected="MA:commune urbaine:Oujda"
    )
    states = pd.Series([f["properties"]["state"] for f in lines["features"]]).value_counts()
    assert states.to_dict() == {"faded": 37, "selected": 3}


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
    partnerships, places = nasty_data
    used = places[
        places.place_id.isin(set(partnerships.morocco_place_id) | set(partnerships.france_place_id))
    ]
    lines = mapview.lines_geojson(partnerships, used, LABELS)
    points = mapview.points_geojson(used, partnerships, LABELS)
    fmap = mapview.offline_map()
    mapview.pairings_layer(lines, points).add_to(fmap)
    page = _html(fmap)
    features = json.dumps(lines, ensure_ascii=False) + json.dumps(points, ensure_ascii=False)
    for raw in NASTY:
        assert raw not in page
        assert escape(raw) in features
    assert "`" not in features and "${" not in features


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


def test_the_legend_is_escaped():
    labels = dict(LABELS, legend_title="<script>alert(1)</script>")
    fmap = mapview.base_map(BASEMAP, labels, "offline")
    mapview.pairings_legend(labels).add_to(fmap)
    page = _html(fmap)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_base_map_does_not_depend_on_the_pairings(shipped):
    """streamlit-folium keeps the map mounted (and its view) only while its script is the same."""
    first = mapview.base_map(BASEMAP, LABELS, "offline")
    second = mapview.base_map(BASEMAP, LABELS, "offline")
    strip = re.compile(r"_[0-9a-f]{32}")
    assert strip.sub("", _html(first)) == strip.sub("", _html(second))
    assert isinstance(
        mapview.pairings_layer(
            {"type": "FeatureCollection", "features": []},
            {"type": "FeatureCollection", "features": []},
        ),
        folium.FeatureGroup,
    )


def test_many_pairings_are_drawn_as_flows_between_regions(shipped):
    lines, points, aggregated = mapview.layers(
        shipped.partnerships, shipped.places, LABELS, limit=10
    )
    assert aggregated
    pairs = shipped.partnerships.groupby(
        [
            shipped.partnerships.morocco_region_current.map(region_group),
            shipped.partnerships.france_region_current.map(region_group),
        ]
    ).size()
    assert len(lines["features"]) == len(pairs)
    assert sum(f["properties"]["flow"] for f in lines["features"]) == 40
    oriental = [f for f in points["features"] if f["properties"]["region"] == "Oriental"]
    assert oriental[0]["properties"]["tooltip"] == "Oriental: 7 partenariat(s)"
    assert mapview.layers(shipped.partnerships, shipped.places, LABELS)[2] is False


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
        ("40.5,-1.25,6.5", None),
        ("95,0,6", None),
        ("0,200,6", None),
        ("nan,0,6", None),
        ("inf,0,6", None),
        ("40.5,-1.25,0", None),
        ("40.5,-1.25,19", None),
    ],
)
def test_parse_view(text, view):
    assert mapview.parse_view(text) == view


def test_the_live_map_keeps_its_view_in_the_link_and_can_copy_it():
    plain = _html(mapview.base_map(BASEMAP, LABELS, "offline"))
    shared = _html(mapview.base_map(BASEMAP, LABELS, "offline", share=True))
    assert "replaceState" not in plain and "coopmap-share" not in plain
    assert "replaceState" in shared and 'searchParams.set("view"' in shared
    assert json.dumps(LABELS["copy_link"]).strip('"') in shared


def test_presentation_mode_adds_the_step_through_and_thick_lines(shipped):
    page = _html(mapview.base_map(BASEMAP, LABELS, "offline", present=True))
    assert "coopmap-steps" in page and "flyToBounds" in page and "ArrowRight" in page
    assert "coopmap-steps" not in _html(mapview.base_map(BASEMAP, LABELS, "offline"))
    lines, points, _ = mapview.layers(shipped.partnerships, shipped.places, LABELS)
    thin, thick = (
        _layer_html(mapview.pairings_layer(lines, points, present=present))
        for present in (False, True)
    )
    assert '"weight": 2.5' in thin and '"weight": 5.0' in thick


def test_every_line_carries_its_regions_for_the_captions(shipped):
    lines = mapview.lines_geojson(shipped.partnerships, shipped.places, LABELS)
    oujda = next(f for f in lines["features"] if "Oujda" in f["properties"]["tooltip"])
    assert oujda["properties"]["group"] == "Oriental"
    assert "region" not in oujda["properties"]  # that marks the clickable circles of regions
    assert oujda["properties"]["regions"].startswith("Oriental – ")


def test_the_map_carries_its_dark_colours_and_tiles(shipped):
    """Built in light colours, the map swaps them itself in the dark theme (no new map)."""
    light, dark = PALETTES["light"], PALETTES["dark"]
    fmap = mapview.base_map(
        BASEMAP, LABELS, "auto", "https://light/{z}", "L", dark_tiles=("https://dark/{z}", "D")
    )
    mapview.pairings_legend(LABELS).add_to(fmap)
    page = _html(fmap)
    for role in ("town", "territory", "morocco", "france", "land", "sea"):
        pair = f'"{getattr(light, role).lower()}": "{getattr(dark, role).lower()}"'
        assert pair in page, role
    assert "--light:#0072B2;--dark:#56B4E9" in page  # the legend's town swatch
    assert '"dark": ["https://dark/{z}", "D"]' in page
    assert "colorScheme" in page and "layeradd" in page
