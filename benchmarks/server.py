"""Server-side figures for the shipped data, 1,000 and 12,000 pairings, against a naive map.

    python benchmarks/server.py [--quick]

For each size: time to load and validate the data, to filter it, to build the map, and the
size of what is sent to the browser (the map's HTML and script); then the same map built the
naive way (one PolyLine with a Popup per pairing, one CircleMarker per place) as the baseline
of the same run, and the ratios. The shipped data is data/ as it is; the larger sets are made by
benchmarks/generate.py into a temporary folder, every place with a point. The naive map
refuses a place with no point rather than skip it: a baseline that drew fewer lines would
flatter itself. `--quick` (the tests' run): the shipped data and 200 pairings, one repeat.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import folium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.tables import print_table  # noqa: E402
from coopmap import data, filters, mapview  # noqa: E402
from coopmap.catalog import STRINGS  # noqa: E402

LABELS = {key: value["fr"] for key, value in STRINGS.items()} | {"types": {}}
REPEATS = 3
SIZES = (1_000, 12_000)
QUICK_SIZES = (200,)


def timed(function, repeats=REPEATS):
    """The median time of `function` in seconds, and its last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def build(dataset):
    """The map as the app builds it: single pairings, or flows between regions when many."""
    drawing = mapview.layers(dataset.partnerships, dataset.places, LABELS)
    fmap = mapview.base_map(LABELS, "offline")
    mapview.pairings_layer(drawing).add_to(fmap)
    return fmap.get_root().render()


def arc(start, end, bend, count=24):
    """The points of the curve the app's map draws in the browser, for the naive map to send."""
    (lat1, lon1), (lat2, lon2) = start, end
    control = ((lat1 + lat2) / 2 - (lon2 - lon1) * bend, (lon1 + lon2) / 2 + (lat2 - lat1) * bend)
    points = []
    for i in range(count + 1):
        t = i / count
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
        points.append((a * lat1 + b * control[0] + c * lat2, a * lon1 + b * control[1] + c * lon2))
    return points


def build_naive(dataset):
    """The baseline: one folium object per line and per place, each with its popup.

    A place with no point raises: folium cannot draw it, and skipping it would compare a
    smaller map with the app's.
    """
    unplaced = dataset.places[dataset.places[["latitude", "longitude"]].isna().any(axis=1)]
    if len(unplaced):
        names = ", ".join(unplaced.place_id[:10])
        raise ValueError(
            f"{len(unplaced)} places have no point, the naive map cannot draw: {names}"
        )
    fmap = folium.Map(location=[38, -3], zoom_start=5)
    located = dataset.places.set_index("place_id")
    for row in dataset.partnerships.itertuples():
        a, b = located.loc[row.morocco_place_id], located.loc[row.france_place_id]
        folium.PolyLine(
            arc((a.latitude, a.longitude), (b.latitude, b.longitude), 0.15),
            popup=folium.Popup(f"{row.morocco_name} – {row.france_name}"),
            tooltip=f"{row.morocco_name} – {row.france_name}",
        ).add_to(fmap)
    for place in dataset.places.itertuples():
        folium.CircleMarker(
            [place.latitude, place.longitude], radius=5, popup=folium.Popup(place.name)
        ).add_to(fmap)
    return fmap.get_root().render()


def measure(label, data_dir, repeats=REPEATS):
    load_time, dataset = timed(lambda: data.load(data_dir), repeats)
    selection = filters.Selection(levels=("town",), search="a")
    filter_time, _ = timed(lambda: filters.apply(dataset.partnerships, selection), repeats)
    build_time, page = timed(lambda: build(dataset), repeats)
    naive_time, naive_page = timed(lambda: build_naive(dataset), repeats=1)
    return {
        "size": label,
        "pairings": len(dataset.partnerships),
        "load_s": load_time,
        "filter_s": filter_time,
        "build_s": build_time,
        "sent_MB": len(page.encode()) / 1e6,
        "naive_build_s": naive_time,
        "naive_sent_MB": len(naive_page.encode()) / 1e6,
        "speed-up": naive_time / build_time,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the shipped data and 200, once")
    quick = parser.parse_args().quick
    repeats = 1 if quick else REPEATS
    rows = [measure("shipped", ROOT / "data", repeats)]
    with tempfile.TemporaryDirectory() as folder:
        for count in QUICK_SIZES if quick else SIZES:
            target = Path(folder) / str(count)
            generate(count, target)
            rows.append(measure(f"{count:,} (synthetic)", target, repeats))
    print_table(f"Server side, one process ({os.cpu_count()} cores)", rows, digits=3)


if __name__ == "__main__":
    main()
