"""Bad data files, alone and mixed: each gives its precise message, and the good rows load.

One row of RULES per case: how the shipped files are spoiled, then what must be reported, as
(file, spreadsheet row, column, words of the message), and how many pairings still load. A
case whose file cannot be read at all expects a DataFileError naming the file instead.
"""

import io
import re

import pandas as pd
import pytest

from coopmap import catalog, data
from coopmap.exc import DataFileError

import spoil
from conftest import DATA_DIR

P, C = data.PARTNERSHIPS_FILE, data.COORDINATES_FILE
R, T = data.REGIONS_FILE, data.AUTHORITY_TYPES_FILE


def _semicolons(text):
    return pd.read_csv(io.StringIO(text), dtype=str).to_csv(sep=";", index=False)


SHIPPED = data.load(DATA_DIR).partnerships
ALL = len(SHIPPED)  # every shipped pairing loads
# The spreadsheet rows of the pairings in the region of 2013 around Dakhla.
DAKHLA_ROWS = [
    index + 2
    for index, regions in SHIPPED.morocco_region_2013.items()
    if "Oued Ed-Dahab-Lagouira" in regions.split("|")
]
OUJDA_ROW = 7  # Oujda's row in coordinates.csv, as a spreadsheet shows it
RULES = [
    (
        "empty name",
        spoil.cells(P, (0, "morocco_name", "")),
        [(P, 2, "morocco_name", "empty")],
        ALL - 1,
    ),
    (
        "blank name",
        spoil.cells(P, (1, "france_name", "   ")),
        [(P, 3, "france_name", "empty")],
        ALL - 1,
    ),
    (
        "empty type",
        spoil.cells(P, (2, "morocco_authority_type", "")),
        [(P, 4, "morocco_authority_type", "empty")],
        ALL - 1,
    ),
    (
        "misspelt type",
        spoil.cells(P, (0, "france_authority_type", "communne")),
        [(P, 2, "france_authority_type", "Did you mean 'commune'?")],
        ALL - 1,
    ),
    (
        "type without its ending",
        spoil.cells(P, (0, "morocco_authority_type", "commune urbain")),
        [(P, 2, "morocco_authority_type", "Did you mean 'commune urbaine'?")],
        ALL - 1,
    ),
    (
        "unknown type lists the accepted ones",
        spoil.cells(P, (0, "france_authority_type", "mairie")),
        [(P, 2, "france_authority_type", "Accepted: commune, métropole, communauté urbaine")],
        ALL - 1,
    ),
    (
        "French type on the Moroccan side",
        spoil.cells(P, (0, "morocco_authority_type", "département")),
        [(P, 2, "morocco_authority_type", "'département' is a type of France")],
        ALL - 1,
    ),
    (
        "region without its accent",
        spoil.cells(P, (1, "morocco_region_2013", "Souss-Massa-Draa")),
        [(P, 3, "morocco_region_2013", "Did you mean 'Souss-Massa-Drâa'?")],
        ALL - 1,
    ),
    (
        "unknown region",
        spoil.cells(P, (9, "france_region_2013", "Atlantide")),
        [(P, 11, "france_region_2013", "unknown region 'Atlantide'")],
        ALL - 1,
    ),
    (
        "both sides in Morocco",
        spoil.cells(P, (0, "france_region_2013", "Oriental")),
        [(P, 2, "france_region_2013", "'Oriental' is a region of Morocco")],
        ALL - 1,
    ),
    (
        "both sides in France",
        spoil.cells(
            P,
            (0, "morocco_name", "Lyon"),
            (0, "morocco_authority_type", "commune"),
            (0, "morocco_region_2013", "Rhône-Alpes"),
            (0, "morocco_region_current", "Auvergne-Rhône-Alpes"),
        ),
        [
            (P, 2, "morocco_authority_type", "'commune' is a type of France"),
            (P, 2, "morocco_region_2013", "'Rhône-Alpes' is a region of France"),
        ],
        ALL - 1,
    ),
    (
        "today's region not that of the 2013 region",
        spoil.cells(P, (0, "morocco_region_current", "Oriental")),
        [(P, 2, "morocco_region_current", "Grand Casablanca lies in (Casablanca-Settat)")],
        ALL - 1,
    ),
    (
        "French region of 2013 and today's disagree",
        spoil.cells(P, (0, "france_region_current", "Occitanie")),
        [(P, 2, "france_region_current", "Aquitaine lies in (Nouvelle-Aquitaine)")],
        ALL - 1,
    ),
    (
        "one of several of today's regions is wrong",
        spoil.cells(P, (31, "morocco_region_current", "Souss-Massa|Oriental")),
        [(P, 33, "morocco_region_current", "'Oriental' is not one of today's regions")],
        ALL - 1,
    ),
    (
        "empty region of today",
        spoil.cells(P, (4, "morocco_region_current", "")),
        [(P, 6, "morocco_region_current", "empty")],
        ALL - 1,
    ),
    (
        "duplicate pairing",
        spoil.rows(P, lambda f: pd.concat([f, f.iloc[[5]]], ignore_index=True)),
        [
            (P, ALL + 2, None, "duplicate of row 7"),
            (P, ALL + 2, "pairing_id", "already the number of row 7"),
        ],
        ALL,
    ),
    (
        "a pairing without its number",
        spoil.cells(P, (3, "pairing_id", "")),
        [(P, 5, "pairing_id", "empty")],
        ALL - 1,
    ),
    (
        "two pairings with one number",
        spoil.cells(P, (4, "pairing_id", "1")),
        [(P, 6, "pairing_id", "'1' is already the number of row 2")],
        ALL - 1,
    ),
    (
        "a region of the crosswalk in no country",
        spoil.cells(R, (0, "country", "EH")),
        [(R, 2, "country", "'EH' is not one of: MA, FR")]
        + [
            (P, row, "morocco_region_2013", "unknown region 'Oued Ed-Dahab-Lagouira'")
            for row in DAKHLA_ROWS
        ],
        ALL - len(DAKHLA_ROWS),
    ),
    (
        "a region of the crosswalk twice",
        spoil.rows(R, lambda f: pd.concat([f, f.iloc[[0]]], ignore_index=True)),
        [(R, 50, None, "a second row for country 'MA'")],
        ALL,
    ),
    (
        "an authority type of no level",
        spoil.cells(T, (2, "level", "city")),  # groupement de communes: Bouhachem's
        [
            (T, 4, "level", "'city' is not one of: town, territory"),
            (P, 9, "morocco_authority_type", "unknown authority type 'groupement de communes'"),
        ],
        ALL - 1,
    ),
    (
        "Windows-1252 from Excel, in the crosswalk",
        spoil.text(R, lambda t: t, encoding="cp1252"),
        [(R, 2, None, "not UTF-8: read as Windows-1252")],
        ALL,
    ),
    (
        "three rows, three problems",
        spoil.cells(
            P,
            (0, "morocco_name", ""),
            (4, "france_authority_type", "mairie"),
            (9, "france_region_2013", "Atlantide"),
        ),
        [
            (P, 2, "morocco_name", "empty"),
            (P, 6, "france_authority_type", "unknown authority type 'mairie'"),
            (P, 11, "france_region_2013", "unknown region"),
        ],
        ALL - 3,
    ),
    (
        "two problems in one row",
        spoil.cells(P, (3, "france_name", ""), (3, "morocco_authority_type", "x")),
        [(P, 5, "france_name", "empty"), (P, 5, "morocco_authority_type", "unknown")],
        ALL - 1,
    ),
    (
        "a point that is not a number",
        spoil.place("Oujda", latitude="34,68"),
        [(C, OUJDA_ROW, "latitude", "'34,68' is not a number")],
        ALL,
    ),
    (
        "latitude and longitude swapped",
        spoil.place("Oujda", latitude="-1.90858", longitude="34.68139"),
        [(C, OUJDA_ROW, "latitude", "look swapped")],
        ALL,
    ),
    (
        "a point outside its country",
        spoil.place("Oujda", latitude="48.85", longitude="2.35"),
        [(C, OUJDA_ROW, "latitude", "48.85, 2.35 is outside Morocco")],
        ALL,
    ),
    (
        "a latitude out of range",
        spoil.place("Oujda", latitude="134.68"),
        [(C, OUJDA_ROW, "latitude", "out of range")],
        ALL,
    ),
    (
        "a place twice in the cache",
        spoil.rows(C, lambda f: pd.concat([f, f.iloc[[5]]], ignore_index=True)),
        [
            (
                C,
                len(data.read_coordinates(DATA_DIR / C)) + 2,
                None,
                "Oujda (commune urbaine, MA) has two rows",
            )
        ],
        ALL,
    ),
    (
        "a bad row in each file",
        spoil.both(spoil.cells(P, (0, "morocco_name", "")), spoil.place("Lille", longitude="x")),
        [(P, 2, "morocco_name", "empty"), (C, 37, "longitude", "'x' is not a number")],
        ALL - 1,
    ),
    (
        "Windows-1252 from Excel",
        spoil.text(P, lambda t: t, encoding="cp1252"),
        [(P, 3, None, "not UTF-8: read as Windows-1252")],
        ALL,
    ),
    (
        "';' as separator",
        spoil.text(
            P,
            lambda t: pd.read_csv(pd.io.common.StringIO(t), dtype=str).to_csv(sep=";", index=False),
        ),
        [(P, 1, None, "separated by ';'")],
        ALL,
    ),
    (
        "French Excel: Windows-1252 and ';'",
        spoil.text(P, _semicolons, encoding="cp1252"),
        [(P, 3, None, "Windows-1252"), (P, 1, None, "separated by ';'")],
        ALL,
    ),
    ("byte order mark", spoil.text(P, lambda t: "\ufeff" + t), [], ALL),
]

UNREADABLE = [
    (
        "missing column",
        spoil.rows(P, lambda f: f.drop(columns="morocco_seat")),
        "missing column(s): morocco_seat",
    ),
    (
        "renamed column",
        spoil.rows(P, lambda f: f.rename(columns={"morocco_name": "moroccan_name"})),
        "morocco_name (is 'moroccan_name' it, renamed?",
    ),
    ("empty file", spoil.text(P, lambda t: ""), "not a readable CSV"),
    (
        "a row with a field too many",
        spoil.text(P, lambda t: t + ",".join(["x"] * (len(data.PARTNERSHIP_COLUMNS) + 1)) + "\n"),
        "not a readable CSV",
    ),
]


@pytest.mark.parametrize(("case", "change", "expected", "loaded"), RULES, ids=[r[0] for r in RULES])
def test_a_bad_input_is_reported_precisely(data_copy, case, change, expected, loaded):
    change(data_copy)
    dataset = data.load(data_copy)
    found = [(p.file, p.row, p.column, p.message) for p in dataset.problems]
    assert len(found) == len(expected), found
    for (file, row, column, words), problem in zip(expected, found):
        assert problem[:3] == (file, row, column), (case, problem)
        assert words in problem[3], (case, problem)
    assert len(dataset.partnerships) == loaded, "the good rows still load"
    for problem in dataset.problems:
        _said_in_each_language(problem.text, problem.message, problem.row, problem.column)


ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# How a row is named in each language other than English (the column is named by its header).
ROW_WORDS = {"fr": "ligne", "ar": "السطر"}


def _said_in_each_language(text, message, row=None, column=None):
    """A problem reads in French and in Arabic, not in English: where it is (the row in the
    language's word, the column by its header) and what is wrong, from the catalog.
    """
    assert isinstance(message, catalog.Message), message
    assert set(ROW_WORDS) == set(catalog.LANGUAGES) - {"en"}
    for language, row_word in ROW_WORDS.items():
        said = text(language)
        assert str(message) not in said, (language, said)
        if row is not None:
            assert row_word in said and str(row) in said, (language, said)
        if column is not None:
            assert column in said, (language, said)
    assert ARABIC_LETTER.search(text("ar").replace("السطر", "").replace("العمود", ""))


@pytest.mark.parametrize(("case", "change", "words"), UNREADABLE, ids=[r[0] for r in UNREADABLE])
def test_an_unreadable_file_is_named_with_what_to_do(data_copy, case, change, words):
    change(data_copy)
    with pytest.raises(DataFileError) as raised:
        data.load(data_copy)
    assert words in str(raised.value) and P in str(raised.value), case
    _said_in_each_language(raised.value.text, raised.value.message)


def test_a_bad_point_leaves_its_place_unplaced_not_dropped(data_copy):
    spoil.place("Oujda", latitude="x")(data_copy)
    dataset = data.load(data_copy)
    assert list(data.unplaced(dataset.places).name) == ["Oujda"]
    assert len(dataset.partnerships) == ALL


def test_windows_1252_accents_are_read_right(data_copy):
    spoil.text(P, lambda t: t, encoding="cp1252")(data_copy)
    names = set(data.load(data_copy).partnerships.morocco_name)
    assert {"Fès", "Meknès", "Souss-Massa-Drâa"} <= names
