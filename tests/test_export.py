"""Downloads open cleanly: formulas stay text, accents survive the round trip."""

import io
import json
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from coopmap import data, export, filters, mapview
from coopmap.catalog import text
from coopmap.filters import Selection

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.fixture
def frame():
    return pd.DataFrame(
        {
            "Collectivité marocaine": ["Fès", "Meknès", *HOSTILE],
            "Collectivité française": ["Saint-Étienne", "Nîmes Métropole", *["Creil"] * 6],
            "Niveau": [1, 2, 3, 4, 5, 6, 7, 8],
        }
    )


def test_csv_has_a_bom_and_keeps_accents(frame):
    content = export.csv_bytes(frame)
    assert content.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype=str)
    assert list(back.columns) == list(frame.columns)
    assert back.iloc[0].tolist() == ["Fès", "Saint-Étienne", "1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_csv_cells_that_look_like_formulas_become_text(frame, value):
    back = pd.read_csv(
        io.BytesIO(export.csv_bytes(frame)), encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    cells = [cell.replace("\r", "\n") for cell in back["Collectivité marocaine"]]
    assert "'" + value.replace("\r", "\n") in cells
    assert not any(cell.startswith(tuple("=+-@\t\r\n")) for cell in cells)


def test_xlsx_keeps_text_as_text(frame):
    workbook = load_workbook(io.BytesIO(export.xlsx_bytes(frame, "partenariats")))
    sheet = workbook.active
    assert sheet.title == "partenariats"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(frame.columns)
    assert rows[1] == ("Fès", "Saint-Étienne", 1)
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    for cell in cells:
        assert cell.data_type == "s", (cell.value, cell.data_type)  # never "f" (formula)
    # The file format stores a carriage return as a line feed; the cell is text either way.
    assert [c.value for c in cells][2:] == [v.replace("\r", "\n") for v in HOSTILE]


def test_xlsx_file_holds_no_formula(frame):
    """Read the sheet's XML: no <f> element means nothing a spreadsheet would evaluate."""
    archive = zipfile.ZipFile(io.BytesIO(export.xlsx_bytes(frame, "x")))
    sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_a_formula_in_the_data_file_never_reaches_a_download(data_copy):
    """A name a spreadsheet would run ("=Fès+1") is a bad cell of the data file, said where it
    is, and its rows are left out: the downloads (which also neutralise such text, above) never
    hold it.
    """
    path = data_copy / data.PARTNERSHIPS_FILE
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows.loc[rows.morocco_name == "Fès", "morocco_name"] = "=Fès+1"
    rows.to_csv(path, index=False)
    dataset = data.load(data_copy)
    spoiled = {
        (problem.row, problem.column) for problem in dataset.problems if problem.severity == "error"
    }
    expected_rows = {index + 2 for index in rows.index[rows.morocco_name == "=Fès+1"]}
    assert {(row, "morocco_name") for row in expected_rows} <= spoiled
    frame = export.pairings_frame(dataset.partnerships, dataset.authority_types, None, "fr")
    assert not frame.map(lambda cell: "=Fès+1" in str(cell)).any().any()
    csv_back = export.csv_bytes(frame).decode("utf-8-sig")
    assert "=Fès+1" not in csv_back and "Bordeaux" in csv_back


def test_the_selection_as_geojson_keeps_the_data_text(shipped):
    chosen = filters.apply(shipped.partnerships, Selection(search="oujda"))
    collection = json.loads(export.selection_geojson(chosen, shipped.places))
    kinds = [feature["geometry"]["type"] for feature in collection["features"]]
    assert kinds.count("LineString") == 3 and kinds.count("Point") == 4
    names = {f["properties"].get("name") for f in collection["features"]}
    assert {"Oujda", "Lille", "Grenoble", "Aix-en-Provence"} <= names
    [oujda] = [f for f in collection["features"] if f["properties"].get("name") == "Oujda"]
    assert oujda["geometry"]["coordinates"] == pytest.approx([-1.90858, 34.68139])


@pytest.mark.parametrize(
    ("language", "morocco", "france"),
    [
        ("fr", "région, découpage de 1997", "région, découpage d'avant 2016"),
        ("en", "region, 1997 division", "region, before 2016"),
        ("ar", "جهة، تقسيم 1997", "جهة، تقسيم ما قبل 2016"),
    ],
)
def test_a_type_is_named_as_its_country_names_it(shipped, language, morocco, france):
    """Doukkala-Abda – Nord-Pas-de-Calais: two "région"s, one of Morocco's 1997 division, one of
    France's before 2016, in the table, the CSV and the workbook alike.
    """
    pairing = shipped.partnerships[shipped.partnerships.pairing_id == "25"]
    table = export.pairings_frame(pairing, shipped.authority_types, None, language)
    morocco_type, france_type = (text(f"col_{side}_type", language) for side in data.SIDES)
    assert (table[morocco_type].iloc[0], table[france_type].iloc[0]) == (morocco, france)


def test_a_place_and_its_type_have_one_pair_of_brackets(shipped):
    labels = {"types": data.type_labels(shipped.authority_types, "fr")}
    place = shipped.places[shipped.places.name == "Nord-Pas-de-Calais"]
    assert mapview.place_labels(place, labels) == {
        place.place_id.iloc[0]: "Nord-Pas-de-Calais (région, découpage d'avant 2016)"
    }
