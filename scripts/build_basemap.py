"""Build static/map/basemap.geojson, the offline basemap, from Natural Earth country outlines.

Natural Earth (public domain) ships on the npm registry as `world-atlas` (TopoJSON). Run:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_basemap.py package/countries-10m.json static/map/basemap.geojson

Natural Earth draws Western Sahara as its own feature. The source document presents Dakhla as
a Moroccan commune, so the basemap merges that feature into Morocco rather than draw a border
the source does not draw.
"""

import json
import sys

import shapely
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

BBOX = (-65.0, -12.0, 80.0, 75.0)  # west, south, east, north: the view never leaves it
MERGED_INTO_MOROCCO = {"W. Sahara"}
SIMPLIFY_DEGREES = 0.02
GRID_DEGREES = 0.002  # coordinates rounded to about 200 m: smaller file, no visible change


def decode_arcs(topology):
    """Delta-decode and un-quantise every arc of a TopoJSON topology."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygon(arcs, rings):
    """A polygon's rings, leaving out the slivers that quantisation collapsed below a triangle."""
    closed = [ring(arcs, r) for r in rings]
    return [r for r in closed if len(r) >= 4]


def geometry(arcs, geom):
    if geom["type"] == "Polygon":
        polygons = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polygons = geom["arcs"]
    else:
        return None
    decoded = [p for p in (polygon(arcs, rings) for rings in polygons) if p]
    return {"type": "MultiPolygon", "coordinates": decoded} if decoded else None


def main(source, target):
    with open(source, encoding="utf-8") as f:
        topology = json.load(f)
    arcs = decode_arcs(topology)
    window = shape(
        {
            "type": "Polygon",
            "coordinates": [
                [
                    (BBOX[0], BBOX[1]),
                    (BBOX[2], BBOX[1]),
                    (BBOX[2], BBOX[3]),
                    (BBOX[0], BBOX[3]),
                    (BBOX[0], BBOX[1]),
                ]
            ],
        }
    )
    countries = {}
    for geom in topology["objects"]["countries"]["geometries"]:
        raw = geometry(arcs, geom)
        if raw is None:
            continue
        name = geom["properties"]["name"]
        name = "Morocco" if name in MERGED_INTO_MOROCCO else name
        countries.setdefault(name, []).append(shape(raw).buffer(0))
    features = []
    for name, parts in sorted(countries.items()):
        outline = unary_union(parts).intersection(window)
        if outline.is_empty:
            continue
        outline = outline.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        outline = shapely.set_precision(outline, GRID_DEGREES)
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name},
                "geometry": json.loads(json.dumps(mapping(outline))),
            }
        )
    collection = {
        "type": "FeatureCollection",
        "provenance": (
            "Natural Earth 1:10m admin-0 countries (public domain), via the npm package "
            "world-atlas 2.0.2 (ISC); Western Sahara merged into Morocco as the source "
            f"presents it; clipped to {BBOX} and simplified to {SIMPLIFY_DEGREES} degrees by "
            "scripts/build_basemap.py"
        ),
        "features": features,
    }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(collection, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
