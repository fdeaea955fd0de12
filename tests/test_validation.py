"""Loading: an unplaced place is listed, not dropped; writes replace whole files.

The rules of the data files and their messages are tested in test_bad_inputs.py.
"""

import pandas as pd

from coopmap import data


def test_a_place_missing_from_the_cache_is_listed_not_dropped(data_copy):
    path = data_copy / data.COORDINATES_FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame[frame.name != "Oujda"].to_csv(path, index=False)
    pairings = pd.read_csv(data_copy / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    dataset = data.load(data_copy)
    assert list(data.unplaced(dataset.places).name) == ["Oujda"]
    assert len(dataset.partnerships) == len(pairings), "every pairing is kept"


def test_atomic_write_replaces_the_whole_file(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old\n", encoding="utf-8")
    data.write_csv_atomically(pd.DataFrame({"name": ["Fès", "Saint-Étienne"]}), path)
    assert path.read_text(encoding="utf-8") == "name\nFès\nSaint-Étienne\n"
    assert list(tmp_path.iterdir()) == [path]
