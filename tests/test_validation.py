"""Loading and checking partnerships.csv: every problem named with file, row and column."""

import pandas as pd
import pytest

from coopmap import data
from coopmap.exc import DataFileError


def _rewrite(data_dir, change):
    """Apply `change` to the rows of partnerships.csv in `data_dir`."""
    path = data_dir / data.PARTNERSHIPS_FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = change(frame)
    frame.to_csv(path, index=False)


def _set(row, column, value):
    def change(frame):
        frame.loc[row, column] = value
        return frame

    return change


RULES = [
    # (change to the shipped file, row as a spreadsheet shows it, column, words of the message)
    (_set(0, "morocco_name", ""), 2, "morocco_name", "empty"),
    (_set(3, "france_region_2013", ""), 5, "france_region_2013", "empty"),
    (
        _set(0, "france_authority_type", "communne"),
        2,
        "france_authority_type",
        "Did you mean 'commune'?",
    ),
    (
        _set(1, "morocco_authority_type", "municipalité"),
        3,
        "morocco_authority_type",
        "Accepted: commune urbaine",
    ),
    (
        _set(2, "morocco_region_2013", "Souss-Massa-Draa"),
        4,
        "morocco_region_2013",
        "Souss-Massa-Drâa",
    ),
    (
        _set(0, "morocco_region_current", "Oriental"),
        2,
        "morocco_region_current",
        "not one of today's regions that Grand Casablanca lies in (Casablanca-Settat)",
    ),
    (
        _set(0, "france_region_current", "Occitanie"),
        2,
        "france_region_current",
        "Aquitaine",
    ),
]


@pytest.mark.parametrize(("change", "row", "column", "words"), RULES)
def test_a_bad_row_is_reported_and_left_out(data_copy, change, row, column, words):
    _rewrite(data_copy, change)
    dataset = data.load(data_copy)
    assert len(dataset.partnerships) == 39, "the other rows still load"
    [problem] = [p for p in dataset.problems]
    assert (problem.file, problem.row, problem.column) == (data.PARTNERSHIPS_FILE, row, column)
    assert words in problem.message
    assert str(problem).startswith(f"{data.PARTNERSHIPS_FILE}, row {row}, column {column}: ")


def test_a_duplicate_pairing_is_reported(data_copy):
    _rewrite(data_copy, lambda frame: pd.concat([frame, frame.iloc[[5]]], ignore_index=True))
    dataset = data.load(data_copy)
    [problem] = dataset.problems
    assert problem.row == 42 and "duplicate of row 7" in problem.message
    assert len(dataset.partnerships) == 40


def test_several_problems_are_all_collected(data_copy):
    def change(frame):
        frame.loc[0, "morocco_name"] = ""
        frame.loc[4, "france_authority_type"] = "mairie"
        frame.loc[9, "france_region_2013"] = "Atlantide"
        return frame

    _rewrite(data_copy, change)
    dataset = data.load(data_copy)
    assert [(p.row, p.column) for p in dataset.problems] == [
        (2, "morocco_name"),
        (6, "france_authority_type"),
        (11, "france_region_2013"),
    ]
    assert len(dataset.partnerships) == 37


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"pairing_id,morocco_name\n1,Oujda\n", "missing column(s): morocco_authority_type"),
        (
            b"pairing_id,moroccan_name\n1,Oujda\n",
            "missing column(s): morocco_name (is 'moroccan_name' it, renamed?",
        ),
        (b"", "not a readable CSV"),
    ],
)
def test_an_unreadable_file_raises_one_clear_error(data_copy, content, words):
    (data_copy / data.PARTNERSHIPS_FILE).write_bytes(content)
    with pytest.raises(DataFileError) as raised:
        data.load(data_copy)
    assert words in str(raised.value)
    assert data.PARTNERSHIPS_FILE in str(raised.value)


def test_a_byte_order_mark_is_accepted(data_copy):
    path = data_copy / data.PARTNERSHIPS_FILE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(data.load(data_copy).partnerships) == 40


def test_a_place_missing_from_the_cache_is_listed_not_dropped(data_copy):
    path = data_copy / data.COORDINATES_FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame[frame.name != "Oujda"].to_csv(path, index=False)
    dataset = data.load(data_copy)
    assert list(data.unplaced(dataset.places).name) == ["Oujda"]
    assert len(dataset.partnerships) == 40


def test_atomic_write_replaces_the_whole_file(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old\n", encoding="utf-8")
    data.write_csv_atomically(pd.DataFrame({"name": ["Fès", "Saint-Étienne"]}), path)
    assert path.read_text(encoding="utf-8") == "name\nFès\nSaint-Étienne\n"
    assert list(tmp_path.iterdir()) == [path]
