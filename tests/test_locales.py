"""Numbers and dates as each language writes them, on the pages too."""

import datetime

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.generate import generate
from coopmap import locales, publish
from coopmap.catalog import LANGUAGES, STRINGS, text

from conftest import ROOT

DAY = datetime.date(2026, 12, 3)


@pytest.mark.parametrize(
    "language, count, day",
    [
        ("fr", "12\u202f000", "3 décembre 2026"),
        ("en", "12,000", "3 December 2026"),
        ("ar", "12.000", "3 دجنبر 2026"),
    ],
)
def test_each_language_writes_numbers_and_dates_its_own_way(language, count, day):
    assert (locales.number(12_000, language), locales.date(DAY, language)) == (count, day)


@pytest.mark.parametrize(
    "language, written",
    [
        ("fr", "3 décembre 2026, 10:05:03 TU"),
        ("en", "3 December 2026, 10:05:03 UTC"),
        ("ar", "3 دجنبر 2026، 10:05:03 التوقيت العالمي"),
    ],
)
def test_a_version_s_moment_is_written_in_each_language(language, written):
    """The history's versions, kept as "2026-12-03 10:05:03 UTC", read in each language."""
    version = publish.Version(1, "2026-12-03 10:05:03 UTC", "editor", "save", {}, "")
    assert locales.moment(version.moment, language) == written


@pytest.mark.parametrize(
    "value",
    ["2024 liste.csv", "Bordeaux (1988)", "Saint-Étienne", "(2)"],
)
def test_a_value_in_an_arabic_sentence_keeps_its_own_order(value):
    """Put into a sentence read right to left, a value is a Unicode isolate: its brackets and
    numbers stay with it, whatever the sentence around it.
    """
    sentence = text("partners_of", "ar", name=value)
    assert f"\u2068{value}\u2069" in sentence
    assert text("partners_of", "fr", name=value) == STRINGS["partners_of"]["fr"].format(name=value)


def test_every_language_has_its_locale():
    assert set(locales.LOCALES) == set(LANGUAGES)


@pytest.fixture(scope="module")
def many_pairings(tmp_path_factory):
    """1,200 synthetic pairings (benchmarks/generate.py): counts with thousands."""
    folder = tmp_path_factory.mktemp("many") / "data"
    generate(1_200, folder)
    return folder


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_counts_on_the_map_page_are_written_in_the_reader_s_language(
    many_pairings, monkeypatch, language
):
    monkeypatch.setenv("COOPMAP_DATA_DIR", str(many_pairings))
    monkeypatch.setenv("COOPMAP_BASEMAP", "offline")
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.session_state["language"] = language
    app.run()
    assert not app.exception
    assert app.metric[0].value == locales.number(1_200, language)
