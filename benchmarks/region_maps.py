"""The summary's region maps: the work of one run, and what it sends, against two baselines.

    python benchmarks/region_maps.py [--quick]

For the shipped data and synthetic sets of 1,000 and 12,000 pairings, in each division: the
time to count each side's regions, class them and write both maps' specs (what a run of the
summary page does for its maps), and the size of the two specs a run sends. The baselines,
in the same run: the maps' first version, built with Altair (and validated as
`st.altair_chart` writes it, as it does the page's other charts); and the same specs with
their outlines inline (what a chart of a GeoJSON file read on the server sends: every run,
every filter, would send the outlines again). `--quick` (the tests' run): the shipped data
and 200 pairings, one repeat.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

import altair as alt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.server import timed  # noqa: E402
from benchmarks.tables import print_table  # noqa: E402
from coopmap import charts, data, filters, regionmap  # noqa: E402
from coopmap.assets import path_of  # noqa: E402
from coopmap.palette import REGION_EDGE  # noqa: E402

REPEATS = 5
SIZES = (1_000, 12_000)
QUICK_SIZES = (200,)
SIDES = ("morocco", "france")


def chart(partnerships, side, division):
    """One side's map as the summary page builds it (ui/regionmaps.py, less Streamlit)."""
    counts, legend = regionmap.map_data(partnerships, side, division)
    urls = (regionmap.outline_url(side, division), regionmap.land_url(side))
    return charts.region_map(counts, urls, ("Région", "N", "N"), legend)


def altair_map(partnerships, side, division):
    """The baseline: the maps' first version, built with Altair as the page's other charts
    are, and written as `st.altair_chart` writes it (validated against the schema).
    """
    counts, legend = regionmap.map_data(partnerships, side, division)
    region, count = "Région", "N"
    edge = charts._by_theme(REGION_EDGE["light"], REGION_EDGE["dark"])
    pointed = alt.selection_point(
        name="pointed", fields=["region"], on="pointerover", clear="pointerout", empty=False
    )
    land = alt.Chart({"url": regionmap.land_url(side), "format": {"type": "json"}})
    land = land.properties(name="land").mark_geoshape(stroke=edge, strokeWidth=0.8)
    table = counts.rename(columns={"name": region, "pairings": count})
    outlines = {"url": regionmap.outline_url(side, division), "format": {"type": "json"}}
    shades = [charts._by_theme(light, dark) for _, light, dark in legend]
    regions = (
        alt.Chart(outlines, name="regions")
        .mark_geoshape(cursor="pointer")
        .transform_lookup(
            lookup="properties.region",
            from_=alt.LookupData(table, "region", ["region", region, count, "class"]),
        )
        .encode(
            color=alt.Color(
                "class:N",
                scale=alt.Scale(domain=[label for label, _, _ in legend], range=shades),
                legend=alt.Legend(title=count, orient="bottom", symbolType="square"),
            ),
            stroke=alt.condition(pointed, alt.value("#111111"), alt.value(edge)),
            strokeWidth=alt.condition(pointed, alt.value(2), alt.value(0.8)),
            tooltip=[alt.Tooltip(f"{region}:N"), alt.Tooltip(f"{count}:Q", format="d")],
        )
        .add_params(alt.selection_point(name="region", fields=["region"], on="click"), pointed)
    )
    chart = alt.LayerChart(layer=[land, regions], projection=alt.Projection(type="mercator"))
    return chart.to_dict()


def inline(spec):
    """The same map with its outlines (land and regions) in the spec: the baseline of bytes."""
    spec = json.loads(json.dumps(spec))
    for layer in spec["layer"]:
        path = path_of(layer["data"]["url"])
        layer["data"] = {"values": json.loads(path.read_text(encoding="utf-8"))["features"]}
    return spec


def sent(specs):
    return sum(len(json.dumps(spec).encode()) for spec in specs)


def measure(label, data_dir, repeats):
    partnerships = data.load(data_dir).partnerships
    rows = []
    for division in filters.DIVISIONS:
        built = [chart(partnerships, side, division) for side in SIDES]
        run, _ = timed(
            lambda division=division: sent([chart(partnerships, s, division) for s in SIDES]),
            repeats,
        )
        with_altair, _ = timed(
            lambda division=division: sent([altair_map(partnerships, s, division) for s in SIDES]),
            repeats,
        )
        baseline = [inline(spec) for spec in built]
        rows.append(
            {
                "pairings": label,
                "division": division,
                "run_ms": run * 1000,
                "altair_run_ms": with_altair * 1000,
                "faster": with_altair / run,
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
    print_table("Region maps: one run of the summary's two maps", rows)


if __name__ == "__main__":
    main()
