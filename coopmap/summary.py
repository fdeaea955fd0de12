"""Counts of a selection by region, on each side and region against region, and their charts.

A 2013 region that lies in several of today's regions (Souss-Massa-Drâa) is counted once,
under the group of today's regions it spans ("Souss-Massa + Drâa-Tafilalet"), not once in
each: so that the counts of every table add up to the number of pairings selected.

Regions are sorted as a reader looks them up, accents aside: Île-de-France among the I, not
after Occitanie (`fold`).
"""

import math

import altair as alt
import pandas as pd

from .data import REGION_SEPARATOR
from .palette import PALETTES
from .schema import LEVELS
from .sources import years
from .text import fold

GROUP_JOINER = " + "
# The charts' sizes: every region gets a band tall enough for its label, whatever the filter.
BAND = 34  # px per region, on either axis
MIN_HEIGHT = 160  # px: one region still makes a chart, not a strip
LABEL_FONT = 13


def region_group(cell):
    """The label a region cell is counted under: one region, or the regions it spans."""
    return GROUP_JOINER.join(r.strip() for r in cell.split(REGION_SEPARATOR) if r.strip())


def _by_name(names):
    return sorted(names, key=fold)


def by_region(partnerships, side, division):
    """Pairings per region of one side in one division, most first, then by name."""
    regions = partnerships[f"{side}_region_{division}"].map(region_group)
    counts = regions.value_counts().rename_axis("region").reset_index(name="pairings")
    order = {region: rank for rank, region in enumerate(_by_name(counts.region))}
    counts["rank"] = counts.region.map(order)
    counts = counts.sort_values(["pairings", "rank"], ascending=[False, True])
    return counts.drop(columns="rank").reset_index(drop=True)


def matrix(partnerships, division):
    """Moroccan regions (rows) against French regions (columns): pairings in each cell."""
    morocco = partnerships[f"morocco_region_{division}"].map(region_group)
    france = partnerships[f"france_region_{division}"].map(region_group)
    table = pd.crosstab(morocco, france)
    table = table.loc[_by_name(table.index), _by_name(table.columns)]
    return table.rename_axis(index="morocco", columns="france")


def flows(partnerships, division):
    """The matrix as one row per pair of regions with at least one pairing (for charts)."""
    table = matrix(partnerships, division).stack().rename("pairings").reset_index()
    return table[table.pairings > 0].reset_index(drop=True)


def _axis(**options):
    """An axis that writes every label in full: none dropped for overlap, none cut short."""
    return alt.Axis(labelOverlap=False, labelLimit=0, labelFontSize=LABEL_FONT, **options)


def bar_chart(counts, region_title, count_title):
    """`by_region`'s counts as horizontal bars, in the frame's order, one band per region."""
    frame = counts.set_axis([region_title, count_title], axis=1)
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{count_title}:Q", axis=_axis(format="d", tickMinStep=1)),
            y=alt.Y(f"{region_title}:N", sort=None, axis=_axis()),
            tooltip=[region_title, count_title],
        )
        .properties(height=alt.Step(BAND))
    )


def heat_map(flows_frame, titles):
    """`flows` as a heat map, Moroccan regions down and French regions across, every region
    labelled; `titles` names the Moroccan, French and count columns.

    One band per region, all of them at least MIN_HEIGHT high, and the colour legend above
    the chart, horizontal: a vertical legend is as long as the chart, which cut it when one
    region was left.
    """
    morocco, france, count = titles
    frame = flows_frame.set_axis(list(titles), axis=1)
    rows, columns = _by_name(frame[morocco].unique()), _by_name(frame[france].unique())
    most = int(frame[count].max())
    base = alt.Chart(frame).encode(
        x=alt.X(f"{france}:N", sort=columns, axis=_axis(labelAngle=-40, orient="bottom")),
        # The title above the labels, level: beside them, upright, a long label ran into it.
        y=alt.Y(
            f"{morocco}:N",
            sort=rows,
            axis=_axis(titleAngle=0, titleAlign="right", titleY=-12, titleX=-8),
        ),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            f"{count}:Q",
            scale=alt.Scale(scheme="blues", domain=[0, most]),
            legend=alt.Legend(
                orient="top", direction="horizontal", format="d", tickMinStep=1, gradientLength=160
            ),
        ),
        tooltip=[morocco, france, count],
    )
    numbers = base.mark_text(fontSize=15, fontWeight="bold").encode(
        text=f"{count}:Q",
        # White on the dark cells, black on the light ones.
        color=alt.condition(alt.datum[count] > most / 2, alt.value("white"), alt.value("black")),
    )
    # Sizes by step, not in pixels: Streamlit fits a chart of a fixed height, axes and legend
    # included, which squeezed twelve regions into a third of their bands.
    band = max(BAND, math.ceil(MIN_HEIGHT / len(rows)))
    return (cells + numbers).properties(
        width=alt.Step(BAND + 6), height=alt.Step(band), padding={"top": 12, "left": 8}
    )


def per_year(partnerships):
    """Pairings by year of first signature and level, every year from the first to the last
    (a year with none is a gap the chart shows); the pairings with no known year are left out
    (the page counts them apart).
    """
    year = years(partnerships)
    dated = pd.DataFrame({"year": year, "level": partnerships.level.to_numpy()}).dropna()
    if dated.empty:
        return pd.DataFrame(columns=["year", "level", "pairings"])
    span = range(int(dated.year.min()), int(dated.year.max()) + 1)
    index = pd.MultiIndex.from_product([span, LEVELS], names=["year", "level"])
    counts = dated.astype({"year": int}).value_counts(["year", "level"])
    return counts.reindex(index, fill_value=0).rename("pairings").reset_index()


def year_chart(counts, titles, level_labels):
    """`per_year`'s counts as bars stacked by level, one band per year, in the map's colours.

    `titles`: (year, level, pairings) axis titles; `level_labels`: {level: its label}.
    """
    year, level, count = titles
    frame = pd.DataFrame(
        {
            year: counts.year.astype(str),
            level: counts.level.map(level_labels),
            count: counts.pairings,
        }
    )
    colours = PALETTES["light"]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{year}:O", axis=_axis(labelAngle=-90)),
            y=alt.Y(f"sum({count}):Q", title=count, axis=_axis(format="d", tickMinStep=1)),
            color=alt.Color(
                f"{level}:N",
                scale=alt.Scale(
                    domain=[level_labels[name] for name in LEVELS],
                    range=[getattr(colours, name) for name in LEVELS],
                ),
                legend=alt.Legend(orient="top", labelLimit=0, title=None),
            ),
            tooltip=[year, level, count],
        )
        .properties(height=260)
    )
