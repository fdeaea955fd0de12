"""The programme's figures: in data files with their source, shown as the data says."""

import re

import pandas as pd
import pytest
from test_seed_data import SEED

from coopmap import filters, programme, schema
from coopmap.catalog import LANGUAGES, STRINGS, text

from conftest import DATA_DIR, read_rows


@pytest.fixture(scope="module")
def the_programme():
    return programme.load(DATA_DIR)


def test_request_totals_add_up_to_what_the_source_reports(the_programme):
    totals = programme.request_totals(the_programme.requests)
    assert (totals["requests"], totals["authorities"], totals["territories"]) == (24, 17, 3)
    assert programme.check(the_programme) == []
    rows = read_rows(programme.REQUESTS_FILE)
    assert sum(int(r["requests"]) for r in rows) == 24
    columns = programme.REQUESTER_COLUMNS
    assert sum(int(r[c]) for r in rows for c in columns) == 17


def test_a_total_that_disagrees_with_the_source_is_reported(the_programme):
    changed = programme.Programme(
        the_programme.figures,
        the_programme.items,
        the_programme.contacts,
        the_programme.requests.assign(requests=the_programme.requests.requests + 1),
    )
    [problem] = programme.check(changed)
    assert "add up to 27, the source reports 24" in problem.message


def _coverage_from_the_files():
    """The coverage note's numbers, counted straight from the CSV files."""
    pairings = read_rows("partnerships.csv")
    in_deck = {row["pairing_id"] for row in pairings if row["source_text"]}
    on_pages = {row["pairing_id"] for row in read_rows("sources.csv")}
    dated = sum(1 for row in pairings if row["year"])
    return {
        "mapped": len(pairings),
        "presentation": len(in_deck),
        "public_pages": len(on_pages),
        "both": len(in_deck & on_pages),
        "dated": dated,
        "undated": len(pairings) - dated,
        "reported": 80,
        "breakdown": 74,
    }


def test_coverage_of_the_reported_relations(the_programme, shipped):
    assert programme.coverage(the_programme, shipped.partnerships) == _coverage_from_the_files()


def test_every_figure_and_item_has_its_source():
    for name in (programme.FIGURES_FILE, programme.ITEMS_FILE, programme.CONTACTS_FILE):
        for row in read_rows(name):
            assert row["source_file"].endswith("000_3c279f0d5724d53e.txt"), name
    figures = {r["figure"]: r for r in read_rows(programme.FIGURES_FILE)}
    assert {f: int(r["value"]) for f, r in figures.items()} == {
        "rank_mediterranean": 1,
        "rank_world": 3,
        "partnership_relations": 80,
        "relations_communes_groupings": 54,
        "relations_departements": 9,
        "relations_regions": 11,
        "projects_listed": 250,
        "projects_validated": 14,
        "expertise_requests": 24,
        "requesting_authorities": 17,
        "requesting_regions": 3,
        "requesting_provinces": 5,
    }
    if SEED.exists():
        seed = re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8").replace("’", "'"))
        for row in figures.values():
            assert re.sub(r"\s+", " ", row["source_text"].replace("’", "'")) in seed, row


def test_every_section_of_the_programme_is_in_every_language():
    items = pd.read_csv(DATA_DIR / programme.ITEMS_FILE, dtype=str, keep_default_na=False)
    assert set(items.section) == set(programme.SECTIONS)
    assert items.groupby("section").size().to_dict() == {
        "serves": 4,
        "strands": 3,
        "priorities": 5,
        "state_of_play": 6,
        "expertise_objectives": 7,
    }
    for language in LANGUAGES:
        assert (items[f"text_{language}"].str.strip() != "").all(), language


@pytest.fixture
def app(app):
    """The app, run once: the tests go to their page from the map."""
    return app.run()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_expertise_page_shows_the_totals_of_the_data(app, language):
    app.session_state["language"] = language
    app.switch_page("pages/expertise.py").run()
    rows = read_rows(programme.REQUESTS_FILE)
    shown = {m.label: m.value for m in app.metric}
    assert shown[STRINGS["metric_requests"][language]] == str(sum(int(r["requests"]) for r in rows))
    assert shown[STRINGS["metric_authorities"][language]] == "17"
    assert not app.error


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_programme_page_shows_every_figure(app, language):
    app.session_state["language"] = language
    app.switch_page("pages/programme.py").run()
    # A card per figure: its number (a subheader), then its label.
    numbers = [subheader.value for subheader in app.subheader]
    labels = [markdown.value.replace("\\", "") for markdown in app.markdown]
    shown = {label: number for label, number in zip(labels, numbers)}
    for row in read_rows(programme.FIGURES_FILE):
        if row["figure"] in ("requesting_regions", "requesting_provinces"):
            continue  # stated in the expertise page's caption
        assert row[f"label_{language}"] in shown, row["figure"]
        assert row["value"] in shown[row[f"label_{language}"]]
    coverage = text("coverage", language, **_coverage_from_the_files())
    assert app.info[0].value == coverage


@pytest.mark.parametrize("search", ["", "fes", "isere"])
def test_region_counts_add_up_to_the_selection_region_by_region(app, shipped, search):
    """The region-by-region table adds up to the selection; each side's table counts a pairing
    in every region it lies in (the map's rule), so it adds up to the regions of each pairing.
    """
    app.text_input(key="search").input(search).run()
    app.switch_page("pages/summary.py").run()
    total = int(app.metric[0].value)
    expected = filters.apply(shipped.partnerships, filters.Selection(search=search))
    assert total == len(expected), "the filter carried over"
    tables = [frame.value for frame in app.dataframe]
    assert len(tables) == 3  # each side in the division chosen, and the matrix
    for side, table in zip(("morocco", "france"), tables[:2]):
        cells = expected[f"{side}_region_current"]
        lies_in = cells.map(lambda cell: len(set(schema.split_regions(cell))))
        assert table.iloc[:, 1].sum() == lies_in.sum() >= total
    assert tables[2].to_numpy().sum() == total


def test_filters_carry_over_between_pages(app, shipped):
    app.text_input(key="search").input("fes").run()
    app.switch_page("pages/table.py").run()
    fes = filters.apply(shipped.partnerships, filters.Selection(search="fes"))
    assert app.metric[0].value == str(len(fes))
    assert len(app.dataframe[0].value) == len(fes)
    app.switch_page("pages/map.py").run()
    assert app.text_input(key="search").value == "fes"
