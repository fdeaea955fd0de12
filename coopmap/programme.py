"""The programme as the source describes it: figures, strands, priorities, state of play,
expertise requests and contacts, each a data file with its source (see data/README.md).

Totals shown on the pages are computed here from the rows, and checked against the figures
the source reports, so that a page can never show a total that the data does not support.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schema, sources
from .catalog import Message, text
from .data import Dataset, Problem, place_id, read_checked
from .exc import DataFileError

FIGURES_FILE = "programme_figures.csv"
ITEMS_FILE = "programme_items.csv"
CONTACTS_FILE = "contacts.csv"
REQUESTS_FILE = "expertise_requests.csv"
SECTIONS = ("serves", "strands", "priorities", "state_of_play", "expertise_objectives")
REQUESTER_COLUMNS = ("rural_communes", "urban_communes", "groupings")


@dataclass
class Programme:
    figures: pd.DataFrame  # indexed by `figure`
    items: pd.DataFrame
    contacts: pd.DataFrame
    requests: pd.DataFrame
    notices: list[Problem] = field(default_factory=list)  # warnings on how the files were read


# The figures the pages show, by the identifier of their row in programme_figures.csv.
FIGURES = (
    "rank_mediterranean",
    "rank_world",
    "partnership_relations",
    "projects_listed",
    "relations_communes_groupings",
    "relations_departements",
    "relations_regions",
    "projects_validated",
    "expertise_requests",
    "requesting_authorities",
    "requesting_regions",
    "requesting_provinces",
)
_NUMBER, _REQUIRED = schema.whole_number(), schema.required()
RULES = {
    FIGURES_FILE: (
        {
            "figure": [schema.one_of(FIGURES)],
            "value": [_NUMBER],
            "kind": [schema.one_of(("exact", "more_than", "rank"))],
            "label_fr": [_REQUIRED],
            "label_en": [_REQUIRED],
            "label_ar": [_REQUIRED],
            "source_text": [_REQUIRED],
        },
        ("figure",),
    ),
    ITEMS_FILE: (
        {
            "section": [schema.one_of(SECTIONS)],
            "position": [_NUMBER],
            "depth": [schema.one_of(("1", "2"))],
            "text_fr": [_REQUIRED],
            "text_en": [_REQUIRED],
            "text_ar": [_REQUIRED],
        },
        ("section", "position"),
    ),
    CONTACTS_FILE: (
        {
            "name": [_REQUIRED],
            "role_fr": [_REQUIRED],
            "role_en": [_REQUIRED],
            "role_ar": [_REQUIRED],
            "phone": [],
            "email": [],
        },
        ("name",),
    ),
    REQUESTS_FILE: (
        {
            "territory": [_REQUIRED],
            "territory_type": [_REQUIRED],
            "requests": [_NUMBER],
            **{column: [_NUMBER] for column in REQUESTER_COLUMNS},
            "place_name": [_REQUIRED],
            "place_authority_type": [_REQUIRED],
            "source_text": [_REQUIRED],
        },
        ("territory",),
    ),
}


def load(data_dir: str | Path) -> Programme:
    """The programme's files, checked; DataFileError names every problem (file, row, column).

    The programme is shown as the source gives it: a file with a bad value is not shown in
    part, it is reported whole, on the programme's pages only.
    """
    data_dir = Path(data_dir)
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    notices: list[Problem] = []
    for name, (rules, unique) in RULES.items():
        tables[name], found = read_checked(data_dir / name, rules, notices, unique)
        problems += found
    figures = tables[FIGURES_FILE]
    missing = [f for f in FIGURES if f not in set(figures.figure)]
    problems += [
        Problem(FIGURES_FILE, None, "figure", Message("problem_no_row_for", value=f))
        for f in missing
    ]
    if problems:
        raise DataFileError("programme", problems)
    figures = figures.astype({"value": int})
    items = tables[ITEMS_FILE].astype({"position": int, "depth": int})
    requests = tables[REQUESTS_FILE].astype({c: int for c in ("requests", *REQUESTER_COLUMNS)})
    requests["authorities"] = requests[list(REQUESTER_COLUMNS)].sum(axis=1)
    requests["place_id"] = [
        place_id("MA", kind, name)
        for kind, name in zip(requests.place_authority_type, requests.place_name)
    ]
    return Programme(
        figures.set_index("figure"),
        items.sort_values(["section", "position"]),
        tables[CONTACTS_FILE],
        requests,
        notices,
    )


def request_totals(requests: pd.DataFrame) -> dict[str, int]:
    """Requests and requesting authorities, added up from the rows."""
    return {
        "requests": int(requests.requests.sum()),
        "authorities": int(requests.authorities.sum()),
        **{column: int(requests[column].sum()) for column in REQUESTER_COLUMNS},
        "territories": len(requests),
    }


def check(programme: Programme) -> list[Problem]:
    """Problems where the rows do not add up to what the source reports."""
    totals = request_totals(programme.requests)
    figures = programme.figures.value
    expected = {"requests": "expertise_requests", "authorities": "requesting_authorities"}
    return [
        Problem(
            REQUESTS_FILE,
            None,
            total,
            Message(
                "problem_rows_add_up",
                total=totals[total],
                reported=figures[figure],
                file=FIGURES_FILE,
                figure=figure,
            ),
        )
        for total, figure in expected.items()
        if totals[total] != figures[figure]
    ]


def coverage(programme: Programme, partnerships: pd.DataFrame) -> dict[str, int]:
    """What the map shows against what the 2013 source reports: the pairings by source, with
    and without a year (counted from the rows), and the source's own total and breakdown.
    """
    figures = programme.figures.value
    parts = ("relations_communes_groupings", "relations_departements", "relations_regions")
    counted = sources.counts(partnerships)
    return {
        "mapped": counted["pairings"],
        "presentation": counted[sources.PRESENTATION],
        "public_pages": counted[sources.PUBLIC_PAGES],
        "both": counted["both"],
        "dated": counted["dated"],
        "undated": counted["undated"],
        "reported": int(figures["partnership_relations"]),
        "breakdown": int(sum(figures[part] for part in parts)),
    }


def request_places(requests: pd.DataFrame) -> pd.DataFrame:
    """The places where the expertise requests are drawn, in the shape of `Dataset.places`."""
    places = pd.DataFrame(
        {
            "place_id": requests.place_id,
            "country": "MA",
            "name": requests.place_name,
            "authority_type": requests.place_authority_type,
            "seat": "",
        }
    )
    return places.drop_duplicates("place_id")


def places_to_place(dataset: Dataset, programme: Programme) -> pd.DataFrame:
    """Every place the data files name: the pairings' and the expertise requests'."""
    columns = ["place_id", "country", "name", "authority_type", "seat"]
    both = pd.concat([dataset.places[columns], request_places(programme.requests)])
    return both.drop_duplicates("place_id").reset_index(drop=True)


def ordinal(value: int, language: str) -> str:
    """A rank as written: 1re, 2e, 3e… in French (the figures rank a *coopération*, which is
    feminine: 1re, not 1er), 1st, 2nd, 3rd, 4th… 11th, 21st in English.
    """
    if language == "fr":
        key = "rank_first" if value == 1 else "rank"
    elif value % 100 in (11, 12, 13):
        key = "rank"
    else:
        key = {1: "rank_first", 2: "rank_second", 3: "rank_third"}.get(value % 10, "rank")
    return text(key, language, value=value)


def shown_value(figures: pd.DataFrame, figure: str, language: str) -> str:
    """A figure as the source states it: a rank, "more than" a number, or a number."""
    value, kind = int(figures.value[figure]), figures.kind[figure]
    if kind == "rank":
        return ordinal(value, language)
    if kind == "more_than":
        return text("more_than", language, value=value)
    return str(value)
