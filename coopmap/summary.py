"""Counts of a selection by region, on each side and region against region.

A 2013 region that lies in several of today's regions (Souss-Massa-Drâa) is counted once,
under the group of today's regions it spans ("Souss-Massa + Drâa-Tafilalet"), not once in
each: so that the counts of every table add up to the number of pairings selected.
"""

import pandas as pd

from .data import REGION_SEPARATOR

GROUP_JOINER = " + "


def region_group(cell):
    """The label a region cell is counted under: one region, or the regions it spans."""
    return GROUP_JOINER.join(r.strip() for r in cell.split(REGION_SEPARATOR) if r.strip())


def by_region(partnerships, side, division):
    """Pairings per region of one side in one division, most first."""
    regions = partnerships[f"{side}_region_{division}"].map(region_group)
    counts = regions.value_counts().rename_axis("region").reset_index(name="pairings")
    return counts.sort_values(["pairings", "region"], ascending=[False, True], ignore_index=True)


def matrix(partnerships, division):
    """Moroccan regions (rows) against French regions (columns): pairings in each cell."""
    morocco = partnerships[f"morocco_region_{division}"].map(region_group)
    france = partnerships[f"france_region_{division}"].map(region_group)
    return pd.crosstab(morocco, france).rename_axis(index="morocco", columns="france")


def flows(partnerships, division):
    """The matrix as one row per pair of regions with at least one pairing (for charts)."""
    table = matrix(partnerships, division).stack().rename("pairings").reset_index()
    return table[table.pairings > 0].reset_index(drop=True)
