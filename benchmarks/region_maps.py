"""The summary's region maps: the work of one run, and what it sends, against the outlines
sent inline.

    python benchmarks/region_maps.py [--quick]

For the shipped data and synthetic sets of 1,000 and 12,000 pairings, in each division: the
time to count each side's regions, class them and build both charts' specs (what a run of the
summary page does for its maps), and the size of the two specs a run sends. The baseline, in
the same run, is the same charts with the outlines inline in the spec (`alt.Data(values=...)`,
what a chart of a GeoJSON file read on the server sends): every run, every filter, would send
the outlines again. `--quick` (the tests' run): the shipped data and 200 pairings, one repeat.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import altair as alt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from coopmap import charts, data, filters, regionmap  # noqa: E402
from coopmap.assets import STATIC_DIR  # noqa: E402

REPEATS = 5
SIZES = (1_000, 12_000)
QUICK_SIZES = (200,)
SIDES = ("morocco", "france")


def chart(partnerships, side, division):
    """One side's map as the summary page builds it (ui/regionmaps.py, less Streamlit)."""
    counts, legend = regionmap.map_data(partnerships, side, division)
    urls = (regionmap.outline_url(side, division), regionmap.land_url(side))
    return charts.region_map(counts, urls, ("Région", "N", "N"), legend)


def inline(spec_chart, side, division):
    """The same chart with its outlines (regions and land) in the spec: the baseline."""
    land, regions = spec_chart.layer
    layers = []
    for layer, name in ((land, f"{side}-land"), (regions, f"{side}-{division}")):
        path = STATIC_DIR / "regions" / f"{name}.geojson"
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        layers.append(layer.properties(data=alt.Data(values=features)))
    return alt.layer(*layers).project(type="mercator")


def sent(charts_of_a_run):
    return sum(len(json.dumps(c.to_dict()).encode()) for c in charts_of_a_run)


def timed(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(label, data_dir, repeats):
    partnerships = filters.apply(data.load(data_dir).partnerships, filters.Selection())
    rows = []
    for division in filters.DIVISIONS:
        built = [chart(partnerships, side, division) for side in SIDES]
        run = timed(
            lambda division=division: sent([chart(partnerships, s, division) for s in SIDES]),
            repeats,
        )
        baseline = [inline(c, side, division) for c, side in zip(built, SIDES)]
        rows.append(
            {
                "pairings": label,
                "division": division,
                "run_ms": run * 1000,
                "sent_KB": sent(built) / 1000,
                "inline_sent_KB": sent(baseline) / 1000,
                "less sent": sent(baseline) / sent(built),
            }
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the shipped data and 200, once")
    quick = parser.parse_args().quick
    repeats = 1 if quick else REPEATS
    rows = measure("shipped", ROOT / "data", repeats)
    with tempfile.TemporaryDirectory() as folder:
        for count in QUICK_SIZES if quick else SIZES:
            target = Path(folder) / str(count)
            generate(count, target)
            rows += measure(f"{count:,} (synthetic)", target, repeats)
    print("Region maps: one run of the summary's two maps")
    print()
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + " --- |" * len(columns))
    for row in rows:
        cells = [f"{v:.2f}" if isinstance(v, float) else str(v) for v in row.values()]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
