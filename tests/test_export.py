"""Downloads open cleanly: formulas stay text, accents survive the round trip."""

import io
import json
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from coopmap import data, export, filters
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


def test_a_selection_with_a_formula_name_downloads_as_text(data_copy):
    """From the data file to both downloads: the name stays text, accents intact."""
    path = data_copy / data.PARTNERSHIPS_FILE
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows.loc[rows.morocco_name == "Fès", "morocco_name"] = "=Fès+1"
    rows.to_csv(path, index=False)
    dataset = data.load(data_copy)
    deck = Selection(search="fes", sources=("presentation_2013",))  # four rows, fixed
    chosen = filters.apply(dataset.partnerships, deck)
    frame = export.pairings_frame(chosen, dataset.authority_types, "current", "fr")
    assert frame["Collectivité marocaine"].tolist() == ["=Fès+1"] * 3 + ["Fès-Boulemane"]

    csv_back = pd.read_csv(io.BytesIO(export.csv_bytes(frame)), encoding="utf-8-sig", dtype=str)
    assert csv_back["Collectivité marocaine"].tolist()[0] == "'=Fès+1"
    assert csv_back["Collectivité française"].tolist()[2] == "Saint-Étienne"

    sheet = load_workbook(io.BytesIO(export.xlsx_bytes(frame, "partenariats"))).active
    first = sheet["A2"]
    assert (first.value, first.data_type) == ("=Fès+1", "s")
    assert sheet["D4"].value == "Saint-Étienne"


def test_the_selection_as_geojson_keeps_the_data_text(shipped):
    chosen = filters.apply(shipped.partnerships, Selection(search="oujda"))
    collection = json.loads(export.selection_geojson(chosen, shipped.places))
    kinds = [feature["geometry"]["type"] for feature in collection["features"]]
    assert kinds.count("LineString") == 3 and kinds.count("Point") == 4
    names = {f["properties"].get("name") for f in collection["features"]}
    assert {"Oujda", "Lille", "Grenoble", "Aix-en-Provence"} <= names
    [oujda] = [f for f in collection["features"] if f["properties"].get("name") == "Oujda"]
    assert oujda["geometry"]["coordinates"] == pytest.approx([-1.90858, 34.68139])
