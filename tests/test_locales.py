"""Numbers and dates as each language writes them, on the pages too."""

import datetime
import pickle

import pytest

from benchmarks.generate import generate
from coopmap import locales, publish
from coopmap.catalog import LANGUAGES, STRINGS, Message, say, text

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


# A data file's problem, built as the checks build it: a message whose values are themselves
# a message (the suggestion) and a list (the accepted types).
UNKNOWN_TYPE = Message(
    "problem_unknown_type",
    value="communne",
    suggestion=Message("problem_did_you_mean", value="commune"),
    accepted=["commune", "province"],
)


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "unknown authority type 'communne'. Did you mean 'commune'? "
            "Accepted: commune, province.",
        ),
        (
            "fr",
            "type de collectivité inconnu « communne ». Vouliez-vous dire « commune » ? "
            "Acceptés : commune, province.",
        ),
        (
            "ar",
            # Each value an isolate; the list one from the right, each item in its own order.
            "نوع جماعة ترابية غير معروف «\u2068communne\u2069».\u2068 هل تقصد «\u2068commune"
            "\u2069»؟\u2069 الأنواع المقبولة: \u2068\u2067\u2068commune\u2069، \u2068province"
            "\u2069\u2069\u2069.",
        ),
    ],
)
def test_a_domain_message_is_said_in_each_language(language, said):
    """A message of the checks is English text (the command line, logs) that each page says
    in its own language: the values nested in it and its lists too.
    """
    assert str(UNKNOWN_TYPE) == say(UNKNOWN_TYPE, "en")
    assert say(UNKNOWN_TYPE, language) == said
    assert say("a library's own words", language) == "a library's own words"


def test_a_domain_message_keeps_its_languages_through_a_cache():
    """st.cache_data pickles a dataset, and the messages of its problems with it."""
    kept = pickle.loads(pickle.dumps(UNKNOWN_TYPE))
    assert kept == UNKNOWN_TYPE and kept.text("fr") == UNKNOWN_TYPE.text("fr")


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
    app, many_pairings, monkeypatch, language
):
    monkeypatch.setenv("COOPMAP_DATA_DIR", str(many_pairings))
    app.session_state["language"] = language
    app.run()
    assert not app.exception
    assert app.metric[0].value == locales.number(1_200, language)


@pytest.mark.parametrize(
    ("language", "count", "said"),
    [
        ("fr", 0, "0 partenaire"),
        ("fr", 1, "1 partenaire"),
        ("fr", 2, "2 partenaires"),
        ("fr", 12000, "12\u202f000 partenaires"),
        ("en", 0, "0 partners"),
        ("en", 1, "1 partner"),
        ("en", 12000, "12,000 partners"),
        # Arabic's six forms: none, one and two without the number; 3–10, 11–99 and 100+.
        ("ar", 0, "لا شريك"),
        ("ar", 1, "شريك واحد"),
        ("ar", 2, "شريكان"),
        ("ar", 3, "\u20683\u2069 شركاء"),
        ("ar", 11, "\u206811\u2069 شريكًا"),
        ("ar", 100, "\u2068100\u2069 شريك"),
        ("ar", 103, "\u2068103\u2069 شركاء"),
    ],
)
def test_a_count_takes_the_plural_form_of_its_language(language, count, said):
    assert text("partners_count", language, count=count) == said


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Oujda", "Partenaires d'Oujda"),
        ("Agadir", "Partenaires d'Agadir"),
        ("Échirolles", "Partenaires d'Échirolles"),
        ("Fès", "Partenaires de Fès"),
        ("Youssoufia", "Partenaires de Youssoufia"),  # a y before a vowel is a consonant
        ("Hay Hassani", "Partenaires de Hay Hassani"),  # an Arabic name's h, aspirated
        ("Ypres", "Partenaires d'Ypres"),
    ],
)
def test_french_elides_de_before_a_vowel(name, said):
    assert text("partners_of", "fr", name=name) == said
