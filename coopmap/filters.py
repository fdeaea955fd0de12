"""Select pairings: by authority type and region on each side, by level, by a search text, by
the sources that name them and by their year of first signature.

A `Selection` is plain data, so that pages can keep it in the session and tests can build one
in a line. An empty tuple means "no restriction".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from . import sources
from .data import REGION_SEPARATOR, SIDES
from .text import fold

DIVISIONS = ("current", "2013")
# What the search looks in: each side's name, in Latin script and in Arabic where a source
# gives it (place_names.csv).
NAME_COLUMNS = tuple(f"{side}_{name}" for side in SIDES for name in ("name", "name_ar"))


@dataclass(frozen=True)
class Selection:
    morocco_types: tuple[str, ...] = ()
    france_types: tuple[str, ...] = ()
    morocco_regions: tuple[str, ...] = ()
    france_regions: tuple[str, ...] = ()
    division: str = "current"
    levels: tuple[str, ...] = ()
    search: str = ""
    sources: tuple[str, ...] = ()  # of sources.GROUPS
    years: tuple[()] | tuple[int, int] = ()  # (first, last), both included
    undated: bool = True  # the pairings with no known year, which no range can hold


def _regions(cell: str) -> list[str]:
    return [r.strip() for r in cell.split(REGION_SEPARATOR) if r.strip()]


def _in_regions(column: pd.Series[str], wanted: Iterable[str]) -> pd.Series[bool]:
    """True where a cell names one of `wanted`; a 2013 region may list several of today's (and
    a pairing several groups of sources), `|`-separated.
    """
    wanted = set(wanted)
    return column.map(lambda cell: bool(wanted.intersection(_regions(cell))))


def apply(partnerships: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """The pairings that `selection` keeps, in their original order."""
    keep = pd.Series(True, index=partnerships.index)
    for side in SIDES:
        types = getattr(selection, f"{side}_types")
        if types:
            keep &= partnerships[f"{side}_authority_type"].isin(types)
        regions = getattr(selection, f"{side}_regions")
        if regions:
            keep &= _in_regions(partnerships[f"{side}_region_{selection.division}"], regions)
    if selection.levels:
        keep &= partnerships.level.isin(selection.levels)
    needle = fold(selection.search)
    if needle:
        first, *others = NAME_COLUMNS
        names = partnerships[first].str.cat(partnerships[others], sep="\n")
        keep &= names.map(fold).str.contains(needle, regex=False)
    if selection.sources:
        keep &= _in_regions(partnerships.source_groups, selection.sources)
    year = sources.years(partnerships)
    if selection.years:
        first_year, last_year = selection.years
        in_range = year.between(first_year, last_year).fillna(False).astype(bool)
        keep &= in_range | (year.isna() & selection.undated)
    elif not selection.undated:
        keep &= year.notna()
    return partnerships[keep]


def region_options(partnerships: pd.DataFrame, side: str, division: str) -> list[str]:
    """The regions of one side in one division that the pairings mention, sorted."""
    found: set[str] = set()
    for cell in partnerships[f"{side}_region_{division}"]:
        found.update(_regions(cell))
    return sorted(found, key=fold)


def year_range(partnerships: pd.DataFrame) -> tuple[int, int] | None:
    """The first and last year of first signature among `partnerships`, or None if fewer than
    two years are known (a range slider needs two).
    """
    known = sources.years(partnerships).dropna()
    if known.nunique() < 2:
        return None
    return int(known.min()), int(known.max())


def counts(partnerships: pd.DataFrame) -> dict[str, int]:
    """The headline numbers of a selection: pairings and distinct places on each side."""
    return {
        "pairings": len(partnerships),
        "morocco_places": partnerships.morocco_place_id.nunique(),
        "france_places": partnerships.france_place_id.nunique(),
    }


def partners_of(partnerships: pd.DataFrame, places: pd.DataFrame, place_id: str) -> pd.DataFrame:
    """The places paired with `place_id`, with the level of each pairing."""
    as_morocco = partnerships[partnerships.morocco_place_id == place_id]
    as_france = partnerships[partnerships.france_place_id == place_id]
    ids = pd.concat([as_morocco.france_place_id, as_france.morocco_place_id])
    levels = pd.concat([as_morocco.level, as_france.level])
    found: pd.DataFrame = places.set_index("place_id").loc[ids.to_list()].reset_index()
    found["level"] = levels.to_list()
    return found


def matching_places(places: pd.DataFrame, place_ids: Iterable[str], typed: str) -> list[str]:
    """The places among `place_ids` whose name holds `typed`, by the search's own matcher
    (accents, hyphens and "st" for "saint" folded away): only the ones named exactly so if
    there are ("fes" is Fès, not also Fès-Boulemane); else those whose name starts with it
    first, then by name.
    """
    needle = fold(typed)
    if not needle:
        return []
    indexed = places.set_index("place_id")
    # The names shown, in Arabic script where the reader reads it, and the Latin ones then.
    columns = [c for c in ("name", "name_ar", "name_latin") if c in indexed.columns]
    found: list[tuple[str, str]] = []
    for pid in place_ids:
        # The name that matches, in the script typed.
        names = [fold(indexed[column][pid]) for column in columns]
        matched = next((name for name in names if name and needle in name), None)
        if matched is not None:
            found.append((matched, pid))
    exact = [pid for name, pid in found if name == needle]
    ranked = sorted(found, key=lambda f: (not f[0].startswith(needle), f[0]))
    return exact or [pid for _, pid in ranked]
