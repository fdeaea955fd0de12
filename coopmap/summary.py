"""Counts of a selection by year, and region against region (drawn by `charts`); the counts of
each side's regions, for its map, are `regionmap`'s.

A 2013 region that lies in several of today's regions (Souss-Massa-Drâa) is counted once,
under the group of today's regions it spans ("Souss-Massa + Drâa-Tafilalet"), not once in
each: so that the region-by-region table adds up to the number of pairings selected.

Regions are sorted as a reader looks them up, accents aside: Île-de-France among the I, not
after Occitanie (`fold`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import pandas as pd

from .data import REGION_SEPARATOR
from .schema import LEVELS
from .sources import years
from .text import fold

GROUP_JOINER = " + "


def region_group(cell: str) -> str:
    """The label a region cell is counted under: one region, or the regions it spans."""
    return GROUP_JOINER.join(r.strip() for r in cell.split(REGION_SEPARATOR) if r.strip())


def by_name(names: Iterable[str]) -> list[str]:
    """`names` sorted as a reader looks them up, accents aside (see the module's docstring)."""
    return sorted(names, key=fold)


def matrix(partnerships: pd.DataFrame, division: str) -> pd.DataFrame:
    """Moroccan regions (rows) against French regions (columns): pairings in each cell."""
    morocco = partnerships[f"morocco_region_{division}"].map(region_group)
    france = partnerships[f"france_region_{division}"].map(region_group)
    table = pd.crosstab(morocco, france)
    table = table.loc[by_name(table.index), by_name(table.columns)]
    return table.rename_axis(index="morocco", columns="france")


def flows(partnerships: pd.DataFrame, division: str) -> pd.DataFrame:
    """The matrix as one row per pair of regions with at least one pairing (for charts)."""
    # One level of columns: stacked into a Series (pandas types it as a Series or a frame).
    stacked = cast("pd.Series[int]", matrix(partnerships, division).stack())
    table = stacked.rename("pairings").reset_index()
    return table[table.pairings > 0].reset_index(drop=True)


def per_year(partnerships: pd.DataFrame) -> pd.DataFrame:
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
