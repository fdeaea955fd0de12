"""The summary page's charts (Altair), of the counts `summary` makes, and its region maps
(Vega-Lite written directly, of `regionmap`'s counts: see `region_map`). Imported by the pages
that draw them only, so that a server's first visitor of the map does not wait for Altair.
"""

import math
from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from .palette import PALETTES, REGION_CLASSES, REGION_EDGE
from .schema import LEVELS
from .summary import by_name

# Every region gets a band tall enough for its label, whatever the filter.
BAND = 34  # px per region, on either axis
MIN_HEIGHT = 160  # px: one region still makes a chart, not a strip
LABEL_FONT = 13


def _axis(**options: Any) -> alt.Axis:
    """An axis that writes every label in full: none dropped for overlap, none cut short."""
    return alt.Axis(labelOverlap=False, labelLimit=0, labelFontSize=LABEL_FONT, **options)


def heat_map(flows_frame: pd.DataFrame, titles: tuple[str, str, str]) -> alt.LayerChart:
    """`flows` as a heat map, Moroccan regions down and French regions across, every region
    labelled; `titles` names the Moroccan, French and count columns.

    One band per region, all of them at least MIN_HEIGHT high, and the colour legend above
    the chart, horizontal: a vertical legend is as long as the chart, which cut it when one
    region was left.
    """
    morocco, france, count = titles
    frame = flows_frame.set_axis(list(titles), axis=1)
    rows, columns = by_name(frame[morocco].unique()), by_name(frame[france].unique())
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
    chart: alt.LayerChart = (cells + numbers).properties(
        width=alt.Step(BAND + 6), height=alt.Step(band), padding={"top": 12, "left": 8}
    )
    return chart


def year_chart(
    counts: pd.DataFrame, titles: tuple[str, str, str], level_labels: Mapping[str, str]
) -> alt.Chart:
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
    chart: alt.Chart = (
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
    return chart


MAP_HEIGHT = 440  # px: Morocco and its south, or France, whole in a column of a wide page
# The theme Streamlit draws the chart in, read from the chart's background (which Streamlit
# sets to the page's): a switch of theme redraws the chart in the other colours, with no rerun.
DARK = "luminance(background) < 0.5"


def _by_theme(light: str, dark: str) -> dict[str, str]:
    return {"expr": f"{DARK} ? '{dark}' : '{light}'"}


def region_map(
    frame: pd.DataFrame,
    urls: tuple[str, str],
    titles: tuple[str, str, str],
    classes: Sequence[tuple[str, str, str]],
    right_to_left: bool = False,
) -> dict[str, Any]:
    """The regions of one side coloured by class, over the land they lie on: a Vega-Lite spec
    (for `st.vega_lite_chart`). `urls`: where the browser fetches the regions' outlines and the
    land's (once: a run sends only the counts).

    `frame`: one row per region with `region` (as the outlines name it: what a click selects),
    `name` (as the reader reads it), `pairings` and `class` (its class's label); `titles`:
    (region, pairings, legend) titles; `classes`: (label, light colour, dark colour) of each
    class, lowest first. The legend reads from right to left in a right-to-left language,
    lowest class first. The region under the pointer takes the selected place's outline.

    Written as Vega-Lite, not built with Altair as the other charts are: Altair validated the
    layers, conditions and selections against its schema at every run, 60 ms of the summary's
    run for its two maps; the spec is checked against that schema once, by the tests.
    """
    region, count, legend = titles
    regions_url, land_url = urls
    labels = [label for label, _, _ in classes]
    shades = [_by_theme(light, dark) for _, light, dark in classes]
    if right_to_left:
        labels, shades = labels[::-1], shades[::-1]
    edge = _by_theme(REGION_EDGE["light"], REGION_EDGE["dark"])
    pointed = _by_theme(PALETTES["light"].selected, PALETTES["dark"].selected)
    counts = [
        {"region": key, region: name, count: int(pairings), "class": label}
        for key, name, pairings, label in zip(
            frame.region, frame.name, frame.pairings, frame["class"], strict=True
        )
    ]
    land = {
        # Named, so that the drawing's marks are found by name (g.land_marks, g.regions_marks).
        "name": "land",
        "data": {"url": land_url, "format": {"type": "json", "property": "features"}},
        "mark": {
            "type": "geoshape",
            "aria": False,  # the ground of the regions, which say everything: nothing to read
            "fill": _by_theme(REGION_CLASSES["light"][0], REGION_CLASSES["dark"][0]),
            "stroke": edge,
            "strokeWidth": 0.8,
        },
    }
    regions = {
        "name": "regions",
        "data": {"url": regions_url, "format": {"type": "json", "property": "features"}},
        "mark": {"type": "geoshape", "cursor": "pointer"},
        "transform": [
            {
                "lookup": "properties.region",
                "from": {
                    "data": {"values": counts},
                    "key": "region",
                    "fields": ["region", region, count, "class"],
                },
            }
        ],
        "params": [
            {"name": "region", "select": {"type": "point", "fields": ["region"], "on": "click"}},
            {
                "name": "pointed",
                "select": {
                    "type": "point",
                    "fields": ["region"],
                    "on": "pointerover",
                    "clear": "pointerout",
                },
            },
        ],
        "encoding": {
            "color": {
                "field": "class",
                "type": "nominal",
                "scale": {"domain": labels, "range": shades},
                "legend": {
                    "title": legend,
                    "orient": "bottom",
                    "direction": "horizontal",
                    "symbolType": "square",
                    "symbolSize": 220,
                    "symbolStrokeWidth": 0.8,
                    "symbolStrokeColor": edge,
                    "labelFontSize": LABEL_FONT,
                },
            },
            "stroke": {
                "condition": {"param": "pointed", "empty": False, "value": pointed},
                "value": edge,
            },
            "strokeWidth": {
                "condition": {"param": "pointed", "empty": False, "value": 2},
                "value": 0.8,
            },
            "tooltip": [
                {"field": region, "type": "nominal"},
                {"field": count, "type": "quantitative", "format": "d"},
            ],
        },
    }
    return {
        "$schema": alt.SCHEMA_URL,
        "height": MAP_HEIGHT,
        "projection": {"type": "mercator"},
        "layer": [land, regions],
    }
