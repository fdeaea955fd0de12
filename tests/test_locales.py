"""Numbers and dates as each language writes them, on the pages too."""

import datetime

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.generate import generate
from coopmap import locales
from coopmap.catalog import LANGUAGES

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
