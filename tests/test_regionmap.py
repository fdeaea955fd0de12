"""The region maps of the summary page: their outlines, their counts, their classes and the
chart that draws them. What a reader sees and clicks is in
tests/browser/test_region_maps_browser.py.
"""

import json

import altair as alt
import jsonschema
import pytest
import shapely
from shapely.geometry import shape

from coopmap import charts, data, filters, regionmap
from coopmap.assets import path_of
from coopmap.filters import Selection
from coopmap.palette import REGION_CLASSES
from scripts import build_regions

from conftest import ROOT, read_rows

OUTLINES = [
    # (side, division, regions, column of data/regions.csv, its country)
    ("morocco", "current", 12, "region_current", "MA"),
    ("morocco", "2013", 16, "region_2013", "MA"),
    ("france", "current", 13, "region_current", "FR"),
    ("france", "2013", 22, "region_2013", "FR"),
]


def _features(side, division):
    """The file of `side`'s outlines in `division`, or of its land (`division` "land")."""
    url = regionmap.land_url(side) if division == "land" else regionmap.outline_url(side, division)
    return json.loads(path_of(url).read_text(encoding="utf-8"))


# A. The outlines


@pytest.mark.parametrize(("side", "division", "count", "column", "country"), OUTLINES)
def test_each_division_has_an_outline_for_each_of_its_regions(
    side, division, count, column, country
):
    """The regions of data/regions.csv, each once, named as the files name them: the names
    the lookup joins the counts on.
    """
    names = [f["properties"]["region"] for f in _features(side, division)["features"]]
    assert len(names) == len(set(names)) == count
    listed = {row[column] for row in read_rows("regions.csv") if row["country"] == country}
    assert set(names) == listed


@pytest.mark.parametrize(("side", "division", "count", "column", "country"), OUTLINES)
def test_every_region_of_a_pairing_has_an_outline(shipped, side, division, count, column, country):
    """An overseas French region, or a misspelt one, would be counted and drawn nowhere."""
    named = set(filters.region_options(shipped.partnerships, side, division))
    assert named <= set(regionmap.outline_regions(side, division))


@pytest.mark.parametrize(("side", "division", "count", "column", "country"), OUTLINES)
def test_the_outlines_are_wound_for_d3_and_lie_in_their_country(
    side, division, count, column, country
):
    """d3-geo (Vega) fills the whole globe but a polygon whose outer ring runs counter-
    clockwise; and each region lies in the country the app's other maps draw.
    """
    collection = _features(side, division)
    home = data.territories()[country].buffer(0.15)
    for feature in collection["features"]:
        outline = shape(feature["geometry"])
        assert outline.is_valid and not outline.is_empty
        for polygon in getattr(outline, "geoms", [outline]):
            assert not polygon.exterior.is_ccw, feature["properties"]["region"]
        # Less than 2 km² outside: islets (Chausey) the basemap's simplification dropped.
        assert outline.difference(home).area < 2e-4, feature["properties"]["region"]
    assert "scripts/build_regions.py" in collection["provenance"]


def test_the_outlines_of_one_country_tile_it_without_overlapping():
    """Both divisions of a country cover the same land, and no region overlaps another more
    than the simplification's slivers.
    """
    for side in ("morocco", "france"):
        areas = {}
        for division in ("current", "2013"):
            outlines = [shape(f["geometry"]) for f in _features(side, division)["features"]]
            union = shapely.union_all(outlines)
            assert sum(o.area for o in outlines) == pytest.approx(union.area, rel=0.01)
            areas[division] = union.area
        # Natural Earth's 1997 regions leave out the strip east of the berm (data/README.md).
        ratio = 0.85 if side == "morocco" else 0.99
        assert areas["2013"] / areas["current"] == pytest.approx(1, abs=1 - ratio)


@pytest.mark.parametrize("side", ["morocco", "france"])
def test_the_land_under_the_regions_holds_them_all(side):
    """One outline, wound for d3, that every region of both divisions lies on: drawn under
    them, it shows land that no region covers (the strip east of the berm, in 1997) as land.
    """
    [feature] = _features(side, "land")["features"]
    land = shape(feature["geometry"])
    assert all(not polygon.exterior.is_ccw for polygon in land.geoms)
    for division in ("current", "2013"):
        regions = shapely.union_all(
            [shape(f["geometry"]) for f in _features(side, division)["features"]]
        )
        # Natural Earth's coasts and borders and the HCP's part by a few hundred metres.
        assert regions.difference(land.buffer(0.02)).area < 0.002 * land.area, division
    # Today's regions cover the land; those of 1997 leave the strip, some 15% of Morocco.
    uncovered = land.difference(
        shapely.union_all([shape(f["geometry"]) for f in _features(side, "2013")["features"]])
    )
    assert uncovered.area / land.area == pytest.approx(0.15 if side == "morocco" else 0, abs=0.05)


def test_the_build_writes_rings_clockwise():
    square = shapely.Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])  # counter-clockwise
    assert square.exterior.is_ccw
    assert not build_regions._finish(square).exterior.is_ccw


def test_the_build_names_regions_as_the_data_files_do():
    rows = read_rows("regions.csv")
    morocco = [row for row in rows if row["country"] == "MA"]
    assert set(build_regions.MOROCCO_2013.values()) == {row["region_2013"] for row in morocco}
    assert set(build_regions.MOROCCO_CURRENT.values()) == {row["region_current"] for row in morocco}


# B. The counts


def test_a_pairing_counts_in_every_region_it_lies_in(shipped):
    """A grouping across Souss-Massa, Drâa-Tafilalet and Guelmim-Oued Noun counts in each: a
    click on any of them (a filter on it) finds that pairing.
    """
    for side in ("morocco", "france"):
        for division in filters.DIVISIONS:
            counts = regionmap.per_region(shipped.partnerships, side, division)
            assert list(counts.pairings) == sorted(counts.pairings, reverse=True)
            for region, count in zip(counts.region, counts.pairings):
                selection = Selection(division=division, **{f"{side}_regions": (region,)})
                assert count == len(filters.apply(shipped.partnerships, selection)), region
            assert counts.pairings.sum() >= len(shipped.partnerships)


def test_the_counts_of_a_reader_in_arabic_are_the_files_regions(shipped):
    """The pages name regions in Arabic for an Arabic reader; the map joins on the files'
    names: `latin` reads them back.
    """
    arabic = {"Fès-Meknès": "فاس مكناس"}
    shown = shipped.partnerships.assign(
        morocco_region_current=shipped.partnerships.morocco_region_current.replace(arabic)
    )
    latin = {v: k for k, v in arabic.items()}
    counts = regionmap.per_region(shown, "morocco", "current", lambda r: latin.get(r, r))
    expected = regionmap.per_region(shipped.partnerships, "morocco", "current")
    assert counts.equals(expected)


# C. The classes


@pytest.mark.parametrize(
    ("counts", "labels"),
    [
        ([0, 0, 0], ["0"]),
        ([5], ["5"]),
        ([5, 5, 0], ["0", "5"]),
        ([1, 2, 3], ["1", "2", "3"]),
        ([0, 1, 2, 3, 4], ["0", "1", "2", "3", "4"]),
        ([1, 2, 3, 6, 6, 9, 10, 10, 11, 12, 13, 16], ["1–3", "4–6", "7–12", "13–16"]),
        ([0, 1, 1, 1, 2, 20], ["0", "1", "2", "3–20"]),
    ],
)
def test_the_classes_are_natural_breaks_with_zero_apart(counts, labels):
    found = regionmap.classes(counts)
    assert [c.label for c in found] == labels
    for count in counts:
        assert sum(c.holds(count) for c in found) == 1  # every count in exactly one class


def test_the_classes_of_the_shipped_data_cover_every_count_in_order(shipped):
    for side in ("morocco", "france"):
        counts = regionmap.per_region(shipped.partnerships, side, "current").pairings.tolist()
        found = regionmap.classes(counts)
        assert len([c for c in found if c.low > 0]) <= regionmap.CLASSES
        assert found[0].low == min(counts) and found[-1].high == max(counts)
        assert all(a.high + 1 == b.low for a, b in zip(found, found[1:]) if a.low > 0)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_most_pairings_take_the_end_of_the_ramp(theme):
    none, *ramp = REGION_CLASSES[theme]
    two = regionmap.classes([0, 1, 9])
    assert regionmap.colours(two, theme) == [none, *ramp[-2:]]
    assert regionmap.colours(regionmap.classes([4]), theme) == [ramp[-1]]


# D. The chart


def _spec(shipped, right_to_left=False):
    """The Moroccan map's spec (its land, then its regions), and its legend."""
    counts, legend = regionmap.map_data(shipped.partnerships, "morocco", "current")
    urls = (regionmap.outline_url("morocco", "current"), regionmap.land_url("morocco"))
    spec = charts.region_map(counts, urls, ("R", "N", "L"), legend, right_to_left)
    land, regions = spec["layer"]
    return land, regions, legend


@pytest.mark.parametrize("right_to_left", [False, True])
@pytest.mark.parametrize("side", ["morocco", "france"])
def test_the_map_is_valid_vega_lite(shipped, side, right_to_left):
    """Written by hand as Vega-Lite (see `charts.region_map`): checked here against the schema
    that Altair would check at every run, and which catches a misspelt property.
    """
    counts, legend = regionmap.map_data(shipped.partnerships, side, "2013")
    urls = (regionmap.outline_url(side, "2013"), regionmap.land_url(side))
    spec = charts.region_map(counts, urls, ("Région", "N", "L"), legend, right_to_left)
    alt.LayerChart.from_dict(spec)  # raises on anything the schema does not allow
    misspelt = json.loads(json.dumps(spec))
    misspelt["layer"][1]["encoding"]["colour"] = misspelt["layer"][1]["encoding"].pop("color")
    with pytest.raises(jsonschema.ValidationError, match="'colour' was unexpected"):
        alt.LayerChart.from_dict(misspelt)


def test_the_chart_fetches_its_outlines_and_joins_the_counts_on_the_region(shipped):
    land, regions, _ = _spec(shipped)
    assert regions["data"]["url"] == "/app/static/regions/morocco-current.geojson"
    assert land["data"]["url"] == "/app/static/regions/morocco-land.geojson"
    [lookup] = regions["transform"]
    assert lookup["lookup"] == "properties.region"
    assert lookup["from"]["key"] == "region"
    assert [t["field"] for t in regions["encoding"]["tooltip"]] == ["R", "N"]
    # The geometry is not in the spec that each run sends: only the counts are.
    assert "coordinates" not in json.dumps([land, regions])


def test_a_click_selects_a_region_and_the_pointer_only_outlines_it(shipped):
    """Streamlit reruns on the `region` selection (a click) only: ui/regionmaps.py passes it
    as the chart's `selection_mode`, so that moving the pointer over the map reruns nothing.
    """
    counts, legend = regionmap.map_data(shipped.partnerships, "france", "2013")
    urls = (regionmap.outline_url("france", "2013"), regionmap.land_url("france"))
    land, regions = charts.region_map(counts, urls, ("R", "N", "L"), legend)["layer"]
    params = {param["name"]: param for param in regions["params"]}
    assert params["region"]["select"] == {"type": "point", "fields": ["region"], "on": "click"}
    assert params["pointed"]["select"]["on"] == "pointerover"
    assert "params" not in land
    source = (ROOT / "ui" / "regionmaps.py").read_text(encoding="utf-8")
    assert 'selection_mode="region"' in source


@pytest.mark.parametrize("right_to_left", [False, True])
def test_the_legend_lists_every_class_lowest_first_in_the_reading_order(shipped, right_to_left):
    _, regions, classes = _spec(shipped, right_to_left)
    scale = regions["encoding"]["color"]["scale"]
    labels = [label for label, _, _ in classes]
    assert scale["domain"] == (labels[::-1] if right_to_left else labels)
    drawn = dict(zip(scale["domain"], scale["range"]))
    for label, light, dark in classes:
        assert drawn[label] == {"expr": f"{charts.DARK} ? '{dark}' : '{light}'"}
