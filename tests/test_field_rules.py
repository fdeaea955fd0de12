"""The rules of `year`, `agreement_kind` and the pairings (data/README.md, "The rules of each
field"), where a program can check them: each decision a rule needs is written in the row.

Read with the csv module, as in test_sources.py.
"""

import re

import pytest

from conftest import read_rows

INTENT = re.compile(r"intention|نوايا", re.IGNORECASE)


@pytest.fixture(scope="module")
def pairings():
    return {row["pairing_id"]: row for row in read_rows("partnerships.csv")}


@pytest.fixture(scope="module")
def pages_of(pairings):
    found = {number: [] for number in pairings}
    for page in read_rows("sources.csv"):
        found[page["pairing_id"]].append(page)
    return found


def test_a_year_is_one_its_pages_write(pairings, pages_of):
    """The year is written on one of the pairing's pages (its quote, or the note that quotes
    the same page) and that page gives it as this pairing's year.
    """
    unstated = [
        number
        for number, row in pairings.items()
        if row["year"]
        and not any(
            page["year"] == row["year"] and row["year"] in page["quote"] + page["note"]
            for page in pages_of[number]
        )
    ]
    assert unstated == []


def test_every_year_the_pages_give_and_the_row_leaves_is_explained(pairings, pages_of):
    """A predecessor's, a renewal's or a decision's year stays in sources.csv, and the row's
    notes name it: no year is dropped or chosen silently.
    """
    silent = [
        (number, page["year"], page["url"])
        for number, row in pairings.items()
        for page in pages_of[number]
        if page["year"] and page["year"] != row["year"] and page["year"] not in row["notes"]
    ]
    assert silent == []


def test_the_year_is_the_first_its_pages_give_unless_the_notes_say_why(pairings, pages_of):
    later = [
        number
        for number, row in pairings.items()
        if row["year"]
        and (first := min(p["year"] for p in pages_of[number] if p["year"])) < row["year"]
        and first not in row["notes"]
    ]
    assert later == []


def test_no_quote_is_the_only_evidence_of_two_pairings_unless_both_say_why(pairings, pages_of):
    """One agreement can give several pairings (one per signatory): then each row names the
    others in its notes. Otherwise a quote that proves two pairings proves one counted twice.
    """
    only_evidence = {}
    for number, pages in pages_of.items():
        quotes = {page["quote"] for page in pages}
        if len(quotes) == 1 and not pairings[number]["source_text"]:
            only_evidence.setdefault(quotes.pop(), []).append(number)
    unexplained = [
        (number, numbers)
        for numbers in only_evidence.values()
        if len(numbers) > 1
        for number in numbers
        if not all(
            re.search(rf"\bpairings? (\d+, )*{other}\b", pairings[number]["notes"])
            for other in numbers
            if other != number
        )
    ]
    assert unexplained == []


def test_a_pairing_that_signed_only_intentions_is_a_declaration_of_intent(pairings, pages_of):
    """Whatever the document's name (lettre, protocole, اتفاق نوايا): if every page that names
    a kind names a document of intent, the kind is `déclaration d'intention`.
    """
    wrong = [
        (number, row["agreement_kind"])
        for number, row in pairings.items()
        if (kinds := [p["agreement_kind"] for p in pages_of[number] if p["agreement_kind"]])
        and all(INTENT.search(kind) for kind in kinds)
        and row["agreement_kind"] != "déclaration d'intention"
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "number, year, kind",
    [
        ("29", "2004", "accord-cadre"),  # the convention both signed, not the council's 2002
        ("65", "", "accord-cadre"),  # 2002 is its predecessors' (29)
        ("103", "", "accord-cadre"),  # 1990 is its predecessors' (37)
        ("37", "", "accord-cadre"),  # 1986 is when programmes began
        ("84", "2022", "convention de coopération"),  # the atlas's year of signature
        ("85", "2008", "convention de coopération"),
        ("55", "", "déclaration d'intention"),  # the convention was only announced
    ],
)
def test_the_cases_the_re_check_found_are_settled(pairings, number, year, kind):
    assert (pairings[number]["year"], pairings[number]["agreement_kind"]) == (year, kind)
    assert pairings[number]["notes"]


def test_one_convention_is_not_two_pairings(pairings):
    """The Dec. 2008 convention of Rabat and Lyon is the Communauté urbaine's (pairing 4): the
    commune of Lyon, named only by a blog about that convention, is not a second pairing.
    """
    lyon = [row for row in pairings.values() if row["france_name"] in ("Lyon", "Grand Lyon")]
    assert [row["pairing_id"] for row in lyon] == ["4"]
    assert "86" in lyon[0]["notes"]
