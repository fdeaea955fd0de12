"""The programme as the source describes it: figures, strands, priorities, state of play,
expertise requests and contacts, each a data file with its source (see data/README.md).

Totals shown on the pages are computed here from the rows, and checked against the figures
the source reports, so that a page can never show a total that the data does not support.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .data import Problem, place_id, read_csv

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


def load(data_dir):
    data_dir = Path(data_dir)
    figures = read_csv(
        data_dir / FIGURES_FILE, ("figure", "value", "kind", "label_fr", "label_en", "source_text")
    )
    figures["value"] = figures.value.astype(int)
    items = read_csv(data_dir / ITEMS_FILE, ("section", "position", "depth", "text_fr", "text_en"))
    items = items.astype({"position": int, "depth": int}).sort_values(["section", "position"])
    contacts = read_csv(data_dir / CONTACTS_FILE, ("name", "role_fr", "role_en", "phone", "email"))
    requests = read_csv(
        data_dir / REQUESTS_FILE,
        ("territory", "territory_type", "requests", *REQUESTER_COLUMNS, "place_name"),
    )
    requests = requests.astype({c: int for c in ("requests", *REQUESTER_COLUMNS)})
    requests["authorities"] = requests[list(REQUESTER_COLUMNS)].sum(axis=1)
    requests["place_id"] = [
        place_id("MA", kind, name)
        for kind, name in zip(requests.place_authority_type, requests.place_name)
    ]
    return Programme(figures.set_index("figure"), items, contacts, requests)


def request_totals(requests):
    """Requests and requesting authorities, added up from the rows."""
    return {
        "requests": int(requests.requests.sum()),
        "authorities": int(requests.authorities.sum()),
        **{column: int(requests[column].sum()) for column in REQUESTER_COLUMNS},
        "territories": len(requests),
    }


def check(programme):
    """Problems where the rows do not add up to what the source reports."""
    totals = request_totals(programme.requests)
    figures = programme.figures.value
    expected = {"requests": "expertise_requests", "authorities": "requesting_authorities"}
    return [
        Problem(
            REQUESTS_FILE,
            None,
            total,
            f"the rows add up to {totals[total]}, the source reports {figures[figure]} "
            f"({FIGURES_FILE}, {figure})",
        )
        for total, figure in expected.items()
        if totals[total] != figures[figure]
    ]


def coverage(programme, mapped_pairings):
    """How much of the reported relations the map shows, with the source's own breakdown."""
    figures = programme.figures.value
    parts = ("relations_communes_groupings", "relations_departements", "relations_regions")
    return {
        "mapped": mapped_pairings,
        "reported": int(figures["partnership_relations"]),
        "breakdown": int(sum(figures[part] for part in parts)),
    }


def request_places(requests):
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


def places_to_place(dataset, programme):
    """Every place the data files name: the pairings' and the expertise requests'."""
    columns = ["place_id", "country", "name", "authority_type", "seat"]
    both = pd.concat([dataset.places[columns], request_places(programme.requests)])
    return both.drop_duplicates("place_id").reset_index(drop=True)
