"""The summary's region maps: the pairings in each region of one side, the classes their
counts fall into, and the outlines the maps colour (static/regions/, made by
scripts/build_regions.py; their sources are in data/README.md).

A pairing counts in every region its authority lies in: a grouping that spans two regions
colours both, and a click on either (which filters the app to that region, as the sidebar's
region filter does) finds it. So a map's counts can add up to more than the pairings selected.

The classes are Fisher-Jenks natural breaks (jenkspy) of the counts above zero, in at most
`CLASSES` classes, and the regions with none make a class of their own: breaks put regions with
close counts together and a wide gap between classes, which quantiles of a dozen small
counts do not (they repeat a break, or split equal counts). Each class is a range of whole
numbers, written "4–7" (or "5" when it holds one number).
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import jenkspy
import pandas as pd

from .assets import STATIC_URL, path_of
from .palette import REGION_CLASSES
from .schema import split_regions

CLASSES = 4  # above zero: the most a reader tells apart on a map at a glance


def outline_url(side: str, division: str) -> str:
    """Where the browser fetches the outlines of `side`'s regions in `division`."""
    return f"{STATIC_URL}/regions/{side}-{division}.geojson"


def land_url(side: str) -> str:
    """Where the browser fetches the outline of `side`'s land, which its maps draw under the
    regions (Natural Earth's regions of 1997 leave part of Morocco in none).
    """
    return f"{STATIC_URL}/regions/{side}-land.geojson"


@functools.cache
def outline_regions(side: str, division: str) -> tuple[str, ...]:
    """The regions the outlines of `side` in `division` draw, as the data files name them."""
    path = path_of(outline_url(side, division))
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return tuple(feature["properties"]["region"] for feature in features)


def per_region(
    partnerships: pd.DataFrame,
    side: str,
    division: str,
    latin: Callable[[str], str] = str,
) -> pd.DataFrame:
    """Pairings in each region that has an outline, most first: columns `region` (as the files
    name it) and `pairings`. `latin` reads a region as the pairings name it (in Arabic, for
    an Arabic reader) back to the files' name.
    """
    found: Counter[str] = Counter()
    # By distinct cell, of which there are a few dozen however many the pairings.
    for cell, pairings in partnerships[f"{side}_region_{division}"].value_counts().items():
        for region in {latin(region) for region in split_regions(cell)}:
            found[region] += int(pairings)
    regions = outline_regions(side, division)
    counts = pd.DataFrame({"region": regions, "pairings": [found[r] for r in regions]})
    return counts.sort_values("pairings", ascending=False, kind="stable").reset_index(drop=True)


def map_data(
    partnerships: pd.DataFrame,
    side: str,
    division: str,
    latin: Callable[[str], str] = str,
    label: Callable[[str], str] = str,
) -> tuple[pd.DataFrame, list[tuple[str, str, str]]]:
    """What a map of `side`'s regions draws (`charts.region_map`): `per_region`'s counts with
    each region's `name` as the reader reads it (`label`) and its `class`; and the legend, each
    class's label with its light and dark colour, lowest first.
    """
    counts = per_region(partnerships, side, division, latin)
    found = classes(counts.pairings.tolist())
    counts["name"] = counts.region.map(label)
    counts["class"] = [class_of(count, found).label for count in counts.pairings]
    legend = list(
        zip([c.label for c in found], colours(found, "light"), colours(found, "dark"), strict=True)
    )
    return counts, legend


@dataclass(frozen=True)
class CountClass:
    low: int
    high: int

    def holds(self, count: int) -> bool:
        return self.low <= count <= self.high

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def classes(counts: Sequence[int]) -> list[CountClass]:
    """The classes of `counts`, lowest first (see the module's docstring for the rule)."""
    above = sorted(count for count in counts if count > 0)
    found = [CountClass(0, 0)] if len(above) < len(counts) else []
    if not above:
        return found
    breaks = [int(b) for b in jenkspy.jenks_breaks(above, n_classes=min(CLASSES, len(set(above))))]
    low = breaks[0]
    for high in breaks[1:]:
        if high >= low:  # a break repeated (two classes of one count) makes no class
            found.append(CountClass(low, high))
            low = high + 1
    return found


def class_of(count: int, found: Sequence[CountClass]) -> CountClass:
    return next(c for c in found if c.holds(count))


def colours(found: Sequence[CountClass], theme: str) -> list[str]:
    """The colour of each class in `theme`: the none colour for zero, then the darkest (in the
    dark theme, the brightest) of the ramp, so that the most pairings always stand out most.
    """
    none, *ramp = REGION_CLASSES[theme]
    above = len([c for c in found if c.low > 0])
    return ([none] if found and found[0].low == 0 else []) + ramp[len(ramp) - above :]
