"""Every pairing is traceable to a public source, and what the pages say about sources and
years is what the files hold.

The shipped files are read here with the csv module, not through coopmap, so that a mistake in
the app's own reading cannot hide a mistake in the data.
"""

import re

import pytest

from coopmap import data, sources
from coopmap.catalog import STRINGS

from conftest import read_rows, write_rows

URL = re.compile(r"https?://[^\s/]+\.\S+")
YEAR = re.compile(r"19[5-9]\d|20\d\d")


@pytest.fixture(scope="module")
def pairings():
    return read_rows(data.PARTNERSHIPS_FILE)


@pytest.fixture(scope="module")
def pages():
    return read_rows(data.SOURCES_FILE)


def _pages_of(pages):
    found = {}
    for row in pages:
        found.setdefault(row["pairing_id"], []).append(row)
    return found


def test_every_pairing_has_a_source_with_an_address_and_a_quote(pairings, pages):
    """A line of the 2013 presentation (checked against the deck in test_seed_data.py), or a
    public page: its address and a quote that names the partners.
    """
    of = _pages_of(pages)
    unsourced = [
        row["pairing_id"]
        for row in pairings
        if not row["source_text"].strip()
        and not any(
            URL.fullmatch(p["url"]) and p["quote"].strip() for p in of.get(row["pairing_id"], [])
        )
    ]
    assert unsourced == []
    assert all(URL.fullmatch(p["url"]) and p["quote"].strip() for p in pages)


def test_the_data_holds_at_least_100_pairings_most_of_them_dated(pairings):
    dated = [row for row in pairings if row["year"]]
    assert len(pairings) >= 100
    assert len(dated) > len(pairings) / 2


def test_every_page_row_is_about_a_pairing_of_the_file_once(pairings, pages):
    numbers = {row["pairing_id"] for row in pairings}
    assert {p["pairing_id"] for p in pages} <= numbers
    keys = [(p["pairing_id"], p["url"]) for p in pages]
    assert len(keys) == len(set(keys)), "one row per pairing and page"


def test_a_page_s_year_is_written_on_that_page(pages):
    """The quote holds the year, or the note quotes the sentence of the same page that does: a
    year is never worked out (from an article's date, or "for 22 years").
    """
    unstated = [
        (p["pairing_id"], p["url"], p["year"])
        for p in pages
        if p["year"] and p["year"] not in p["quote"] and p["year"] not in p["note"]
    ]
    assert unstated == []
    assert all(YEAR.fullmatch(p["year"]) for p in pages if p["year"])


def test_a_pairing_s_year_is_one_its_pages_state(pairings, pages):
    of = _pages_of(pages)
    for row in pairings:
        if row["year"]:
            stated = {p["year"] for p in of.get(row["pairing_id"], [])}
            assert row["year"] in stated, row["pairing_id"]


def test_where_pages_disagree_on_the_year_the_notes_say_which_the_app_uses(pairings, pages):
    of = _pages_of(pages)
    disagreements = 0
    for row in pairings:
        stated = {p["year"] for p in of.get(row["pairing_id"], []) if p["year"]}
        if len(stated) > 1:
            disagreements += 1
            assert all(year in row["notes"] for year in stated), row["pairing_id"]
            assert row["year"] in stated
    assert disagreements > 0, "the shipped data has some: this test checks them"


def test_a_pairing_s_kind_of_agreement_is_one_of_the_documented_kinds(pairings):
    kinds = {row["agreement_kind"] for row in read_rows(data.AGREEMENT_KINDS_FILE)}
    assert {row["agreement_kind"] for row in pairings} - {""} <= kinds


def _counted_from_the_files(pairings, pages):
    """The numbers the pages show about sources and years, counted straight from the files."""
    in_deck = {row["pairing_id"] for row in pairings if row["source_text"].strip()}
    on_pages = {p["pairing_id"] for p in pages}
    dated = sum(1 for row in pairings if row["year"])
    return {
        sources.PRESENTATION: len(in_deck),
        sources.PUBLIC_PAGES: len(on_pages),
        "dated": dated,
        "undated": len(pairings) - dated,
    }


def test_the_map_page_counts_pairings_by_source_and_year_as_the_files_do(pairings, pages, app):
    """The metrics and their caption, with no filter and with each source chosen."""
    counted = _counted_from_the_files(pairings, pages)
    app.run()
    caption = STRINGS["dated_counts"]["fr"].format(**counted)
    assert caption in [c.value for c in app.caption]
    assert app.metric[0].value == str(len(pairings))

    for group in sources.GROUPS:
        app.multiselect(key="sources").set_value([group]).run()
        assert not app.exception
        assert app.metric[0].value == str(counted[group])
        app.multiselect(key="sources").set_value([]).run()
    app.checkbox(key="undated").uncheck().run()
    assert app.metric[0].value == str(counted["dated"])


def _unsourced(pairings, pages):
    """A pairing (of no known year) whose deck line and pages are taken away."""
    row = next(i for i, r in enumerate(pairings) if not r["year"])
    pairings[row]["source_text"] = ""
    pages[:] = [p for p in pages if p["pairing_id"] != pairings[row]["pairing_id"]]
    return data.PARTNERSHIPS_FILE, row + 2, "pairing_id", "no source names pairing"


def _orphan_page(pairings, pages):
    pages.append(pages[0] | {"pairing_id": "999", "url": "https://example.org/999"})
    return data.SOURCES_FILE, len(pages) + 1, "pairing_id", "'999' is not the number"


def _unstated_year(pairings, pages):
    row = next(i for i, r in enumerate(pairings) if r["year"])
    pairings[row]["year"] = "1951"
    return data.PARTNERSHIPS_FILE, row + 2, "year", "1951: no page of sources.csv"


def _not_an_address(pairings, pages):
    pages[3]["url"] = "www.example.org/page"
    return data.SOURCES_FILE, 5, "url", "is not a web address"


def _no_quote(pairings, pages):
    pages[4]["quote"] = " "
    return data.SOURCES_FILE, 6, "quote", ""


@pytest.mark.parametrize(
    "break_it", [_unsourced, _orphan_page, _unstated_year, _not_an_address, _no_quote]
)
def test_a_source_problem_is_reported_where_it_is(data_copy, break_it):
    """The file, row and column of each problem between pairings and pages; the rest loads."""
    pairings = read_rows(data.PARTNERSHIPS_FILE, data_copy)
    pages = read_rows(data.SOURCES_FILE, data_copy)
    file, row, column, message = break_it(pairings, pages)
    write_rows(data_copy / data.PARTNERSHIPS_FILE, pairings)
    write_rows(data_copy / data.SOURCES_FILE, pages)
    loaded = data.load(data_copy)
    [problem] = loaded.problems
    assert (problem.file, problem.row, problem.column) == (file, row, column)
    assert message in problem.message
    assert len(loaded.partnerships) == len(pairings)


def test_a_pairings_links_are_named_apart_even_on_one_site(pages):
    """Under a ticked row, each page is a link named by its site and as much of the end of its
    path as tells it from the pairing's other pages; every pairing's names are distinct.
    """
    region = "https://www.centre-valdeloire.fr/comprendre/{}/fes-meknes-au-maroc"
    urls = [
        region.format("europe-et-international/partenariats-dans-le-monde"),
        region.format("europe-et-international/projets-dans-le-monde"),
        region.format("international/projets-dans-le-monde"),
        "https://fes.ma/?p=227",
        "https://africa4press.com/art-%d9%81%d8%a7%d8%b3.html",
    ]
    assert sources.link_labels(urls) == [
        "centre-valdeloire.fr/…/partenariats-dans-le-monde/fes-meknes-au-maroc",
        "centre-valdeloire.fr/…/europe-et-international/projets-dans-le-monde/fes-meknes-au-maroc",
        "centre-valdeloire.fr/…/international/projets-dans-le-monde/fes-meknes-au-maroc",
        "fes.ma/?p=227",
        "africa4press.com/art-فاس.html",
    ]
    # The same page with and without "www." and a final slash: the addresses themselves.
    twins = ["https://a.ma/page", "https://www.a.ma/page/"]
    assert sources.link_labels(twins) == ["a.ma/page", "www.a.ma/page/"]
    by_pairing = {}
    for page in pages:
        by_pairing.setdefault(page["pairing_id"], []).append(page["url"])
    for urls in by_pairing.values():
        assert len(set(sources.link_labels(urls))) == len(set(urls)), urls
