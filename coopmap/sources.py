"""Where each pairing comes from: the 2013 presentation, public pages, or both.

A pairing of the 2013 presentation carries the line of the deck that names it
(`partnerships.csv`, `source_text`); every other source is a public page, one row per pairing
and page in `sources.csv`, with a verbatim quote that names both partners and, where the page
states it, the year of first signature. A pairing's `year` is the one the app uses; where pages
give different years, `partnerships.csv` says in `notes` which one and why.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import cast
from urllib.parse import unquote, urlsplit

import pandas as pd

from . import schema
from .catalog import Message

COLUMNS = (
    "pairing_id",
    "url",
    "quote",
    "year",
    "agreement_kind",
    "page_language",
    "note",
    "checked",
)
# The groups a visitor filters by: the deck the project started from, and every other page.
PRESENTATION, PUBLIC_PAGES = "presentation_2013", "public_pages"
GROUPS = (PRESENTATION, PUBLIC_PAGES)
GROUP_SEPARATOR = "|"
URL_SEPARATOR = "\n"
_URL = r"https?://[^\s/]+\.[^\s]+"

RULES = {
    "pairing_id": [schema.required()],
    "url": [
        schema.Rule(
            "url",
            lambda c: c.str.fullmatch(_URL).fillna(False).astype(bool),
            lambda value: Message("problem_not_a_web_address", value=value),
        )
    ],
    "quote": [schema.required()],
    "year": [schema.Rule("year", schema.is_year, schema.not_a_year)],
    "agreement_kind": [],
    "page_language": [schema.one_of(("fr", "en", "ar"))],
    "note": [],
    "checked": [
        schema.Rule(
            "date",
            lambda c: c.str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").fillna(False).astype(bool),
            lambda value: Message("problem_not_a_date", value=value),
        )
    ],
}
UNIQUE = ("pairing_id", "url")


def attach(partnerships: pd.DataFrame, pages: pd.DataFrame) -> pd.DataFrame:
    """`partnerships` with what the pages add: `source_urls` (its pages' addresses, one per
    line), and `source_groups` (the groups of sources that name it, `|`-separated).
    """
    urls = pages.groupby("pairing_id").url.agg(URL_SEPARATOR.join)
    named = partnerships.copy()
    named["source_urls"] = [urls.get(number, "") for number in named.pairing_id]
    in_deck = named.source_text.str.strip() != ""
    on_pages = named.source_urls != ""
    named["source_groups"] = [
        GROUP_SEPARATOR.join(g for g, has in zip(GROUPS, flags) if has)
        for flags in zip(in_deck, on_pages)
    ]
    return named


def problems(
    partnerships: pd.DataFrame, pages: pd.DataFrame, first_row: int, numbers: Collection[str]
) -> list[tuple[str, int, str, Message]]:
    """What is wrong between the published pairings and their pages, as (file, row, column,
    message), rows counted from `first_row`: a pairing no source names, a page row whose
    pairing is not one of `numbers` (those of the file, its bad rows too), and a pairing's
    year that none of its pages states.
    """
    found: list[tuple[str, int, str, Message]] = []
    # The rows' labels are their positions in the file (pandas types a label as any key).
    for index, row in partnerships[partnerships.source_groups == ""].iterrows():
        found.append(
            (
                "partnerships.csv",
                cast(int, index) + first_row,
                "pairing_id",
                Message("problem_no_source", pairing=row.pairing_id),
            )
        )
    for index, row in pages[~pages.pairing_id.isin(numbers)].iterrows():
        found.append(
            (
                "sources.csv",
                cast(int, index) + first_row,
                "pairing_id",
                Message("problem_unknown_pairing", value=row.pairing_id),
            )
        )
    stated = pages[pages.year != ""].groupby("pairing_id").year.agg(set)
    for index, row in partnerships[partnerships.year != ""].iterrows():
        if row.year not in stated.get(row.pairing_id, set()):
            found.append(
                (
                    "partnerships.csv",
                    cast(int, index) + first_row,
                    "year",
                    Message("problem_year_unstated", year=row.year, pairing=row.pairing_id),
                )
            )
    return found


def years(partnerships: pd.DataFrame) -> pd.Series[int]:
    """Each pairing's year of first signature as a number (NA where no source states one)."""
    return pd.to_numeric(partnerships.year, errors="coerce").astype("Int64")


def counts(partnerships: pd.DataFrame) -> dict[str, int]:
    """How many pairings each group of sources names, and how many have a year: the figures
    the pages show, computed from the rows.
    """
    groups = partnerships.source_groups.str.split(GROUP_SEPARATOR)
    dated = years(partnerships).notna()
    return {
        "pairings": len(partnerships),
        **{group: int(groups.map(lambda g, group=group: group in g).sum()) for group in GROUPS},
        "both": int(groups.map(lambda g: set(GROUPS) <= set(g)).sum()),
        "dated": int(dated.sum()),
        "undated": int((~dated).sum()),
    }


def site(url: str) -> str:
    """The site of a page's address, as a reader names it: "fes.ma" for https://www.fes.ma/..."""
    return urlsplit(url).netloc.removeprefix("www.")


def _link_label(url: str, depth: int) -> str:
    """The site of `url`, then the last `depth` parts of its path and its query, decoded."""
    parts = urlsplit(url)
    path = [part for part in unquote(parts.path).split("/") if part]
    tail = "/".join(["…"] * (depth < len(path)) + path[-depth:])
    tail += f"?{unquote(parts.query)}" if parts.query else ""
    return f"{site(url)}/{tail}" if tail else site(url)


def link_labels(urls: Sequence[str]) -> list[str]:
    """A name for each of a pairing's pages that tells it from the others: its site, then as
    much of the end of its path as it takes (three pages of one site are not named three times
    alike); the address itself where nothing shorter does it.
    """
    deepest = max((len(urlsplit(url).path.split("/")) for url in urls), default=0)
    found: dict[str, str] = {}
    for depth in range(1, deepest + 1):
        labels = [_link_label(url, depth) for url in urls]
        for url, label in zip(urls, labels):
            if labels.count(label) == 1:
                found.setdefault(url, label)
    return [found.get(url, url.split("://", 1)[-1]) for url in urls]
