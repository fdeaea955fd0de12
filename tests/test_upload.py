"""A list brought by a user: read from memory, checked, its points checked, saved."""

import io
import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from coopmap import data, publish, upload
from coopmap.catalog import LANGUAGES, text
from coopmap.exc import DataFileError
from coopmap.gazetteer import Candidate

from conftest import DATA_DIR


def _list(rows=5, change=None):
    frame = pd.read_csv(DATA_DIR / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    frame = frame.head(rows)
    return change(frame) if change else frame


def _csv(frame, name="ma-liste.csv"):
    return data.Source(name, frame.to_csv(index=False).encode())


def _xlsx(frame, name="ma-liste.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return data.Source(name, buffer.getvalue())


def _point(name, latitude, longitude, **more):
    return {
        "country": "MA",
        "authority_type": "commune rurale",
        "name": name,
        "latitude": latitude,
        "longitude": longitude,
        "precision": "town",
        "source": "manual",
        "source_id": "",
        "query": "",
        "note": "",
    } | more


def NEW(frame):
    """The list with its first pairing's Moroccan partner a new place."""
    return frame.assign(
        morocco_name=["Zzyzx", *frame.morocco_name[1:]],
        morocco_authority_type=["commune rurale", *frame.morocco_authority_type[1:]],
    )


@pytest.mark.parametrize("source", [_csv(_list()), _xlsx(_list())], ids=["csv", "xlsx"])
def test_a_list_is_read_from_memory(source):
    dataset = upload.load(DATA_DIR, source)
    assert len(dataset.partnerships) == 5 and dataset.problems == []


@pytest.mark.parametrize("make", [_csv, _xlsx], ids=["csv", "xlsx"])
def test_a_list_over_the_limit_is_refused_before_it_is_checked(make, monkeypatch):
    monkeypatch.setattr(upload, "MAX_ROWS", 3)
    with pytest.raises(DataFileError, match="more than 3 rows"):
        upload.load(DATA_DIR, make(_list(rows=4)))


def test_a_workbook_that_unpacks_too_far_is_refused():
    """A zip bomb: a small .xlsx whose parts unpack to far more than a list of pairings."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<x>" + b" " * 60_000_000 + b"</x>")
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(DataFileError, match="unpacks to 60 MB"):
        upload.load(DATA_DIR, data.Source("bomb.xlsx", buffer.getvalue()))


def test_points_typed_for_a_list_pass_the_cache_s_checks():
    points = pd.DataFrame([_point("Zzyzx", "999", "-7.9")])
    dataset = upload.load(DATA_DIR, _csv(_list(change=NEW)), points)
    [problem] = dataset.problems
    assert (problem.file, problem.column) == (data.SESSION_POINTS, "latitude")
    assert "out of range" in problem.message
    assert list(data.unplaced(dataset.places).name) == ["Zzyzx"], "the bad point is not used"


def test_a_point_typed_by_hand_is_marked_manual():
    points = pd.DataFrame([_point("Zzyzx", "31.5", "-7.9", source="geonames-cities500")])
    edited = points[["name", "authority_type", "latitude", "longitude", "source"]].copy()
    assert upload.correct_points(points, edited) is None, "nothing moved"
    edited.loc[0, "latitude"] = "31.6"
    corrected = upload.correct_points(points, edited)
    assert corrected.loc[0, ["latitude", "source"]].tolist() == ["31.6", "manual"]


def test_a_homonym_can_be_chosen():
    points = pd.DataFrame([_point("Zzyzx", "31.50000", "-7.90000", source_id="1")])
    other = Candidate(32.1, -6.2, "geonames-cities500", "2", "Zzyzx", "town")
    place = data.place_id("MA", "commune rurale", "Zzyzx")
    assert upload.choose_point(points, place, other)
    assert points.loc[0, ["latitude", "longitude", "source_id"]].tolist() == [
        "32.10000",
        "-6.20000",
        "2",
    ]
    assert not upload.choose_point(points, place, other), "already there"


def test_save_writes_the_list_and_only_its_good_points(data_copy):
    points = pd.DataFrame([_point("Zzyzx", "31.5", "-7.9"), _point("Qqq", "999", "0")])
    path = data_copy / data.PARTNERSHIPS_FILE
    published = pd.read_csv(path, dtype=str, keep_default_na=False)
    dataset = upload.load(data_copy, _csv(_list(change=NEW)), points)
    upload.save(dataset, points, data_copy, "alice", publish.fingerprint(data_copy))
    saved = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert len(saved) == len(published), "a save adds and updates: the other pairings stay"
    assert saved.morocco_name[0] == "Zzyzx", "the list's first pairing is updated in place"
    cache = pd.read_csv(data_copy / data.COORDINATES_FILE, dtype=str, keep_default_na=False)
    assert "Zzyzx" in set(cache.name) and "Qqq" not in set(cache.name)
    assert data.load(data_copy).problems == []


def test_a_list_without_the_newer_columns_keeps_their_published_values(data_copy):
    """An older template has no `year` or `agreement_kind`: leaving them out changes nothing."""
    path = data_copy / data.PARTNERSHIPS_FILE
    published = pd.read_csv(path, dtype=str, keep_default_na=False)
    dated = published[published.year != ""]
    old_format = dated.drop(columns=list(data.OPTIONAL_COLUMNS))
    dataset = upload.load(data_copy, _csv(old_format))
    assert dataset.absent_columns == data.OPTIONAL_COLUMNS
    the_change, _ = upload.change(dataset, data_copy)
    assert (len(the_change.added), len(the_change.changed)) == (0, 0)

    renamed = old_format.assign(france_name=["Zzyzx-sur-Mer", *old_format.france_name[1:]])
    dataset = upload.load(data_copy, _csv(renamed))
    upload.save(dataset, None, data_copy, "alice", publish.fingerprint(data_copy))
    saved = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("pairing_id")
    first = dated.pairing_id.iloc[0]
    assert saved.france_name[first] == "Zzyzx-sur-Mer"
    kept = saved.loc[dated.pairing_id, ["year", "agreement_kind"]]
    assert kept.equals(dated.set_index("pairing_id")[["year", "agreement_kind"]])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_template_explains_every_column_in_the_reader_s_language(language, shipped):
    """In Arabic, the guide is in Arabic script and its sheet reads right to left."""
    examples = shipped.partnerships.head(1).to_dict("records")
    workbook = load_workbook(io.BytesIO(upload.template_xlsx(examples, language)))
    assert workbook.sheetnames == [text(k, language) for k in ("sheet_pairings", "template_guide")]
    guide = workbook.worksheets[1]
    header, *rows = guide.iter_rows(values_only=True)
    assert [column for column, _ in rows] == list(data.PARTNERSHIP_COLUMNS)
    assert all(meaning and meaning.strip() for _, meaning in rows)
    letters = [c for _, meaning in rows for c in meaning if c.isalpha()]
    arabic = sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters)
    assert (arabic > 0.6) if language == "ar" else (arabic == 0), arabic
    assert guide.sheet_view.rightToLeft is (language == "ar")
