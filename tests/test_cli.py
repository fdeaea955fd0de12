"""The command line: `python -m coopmap validate [PATH]`, `geocode [PATH]` and `package OUT`."""

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from test_package import unpacked_errors

from coopmap import data, package, place_names, upload
from coopmap.exc import DataFileError

from conftest import DATA_DIR, ROOT

# A Moroccan and a French town that the offline gazetteer knows and the shipped cache does not.
NEW_TOWN_MA, NEW_TOWN_FR = "Tafraout", "Quimper"


def _shipped_pairings():
    return pd.read_csv(DATA_DIR / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)


def _places_named(pairings):
    """The places that `pairings` name, counted from its columns: (country, type, name)."""
    return {
        (country, kind, name)
        for side, country in data.SIDES.items()
        for kind, name in zip(pairings[f"{side}_authority_type"], pairings[f"{side}_name"])
    }


def _run(*arguments, data_dir=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COOPMAP_")}
    env["COOPMAP_ONLINE_GEOCODING"] = "false"
    if data_dir:
        env["COOPMAP_DATA_DIR"] = str(data_dir)
    done = subprocess.run(
        [sys.executable, "-m", "coopmap", *map(str, arguments)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout.splitlines()


def _my_list(tmp_path, suffix=".csv"):
    """A user's list: two shipped pairings, a new one, and a bad row."""
    mine = _shipped_pairings().head(3).copy()
    mine.loc[2, ["morocco_name", "france_name"]] = [NEW_TOWN_MA, NEW_TOWN_FR]
    mine.loc[2, ["france_region_2013", "france_region_current"]] = ["Bretagne", "Bretagne"]
    mine.loc[2, ["morocco_region_current"]] = ["Souss-Massa"]
    mine.loc[2, ["morocco_region_2013"]] = ["Souss-Massa-Drâa"]
    mine.loc[1, "france_authority_type"] = "communne"
    path = tmp_path / f"mine{suffix}"
    if suffix == ".xlsx":
        mine.to_excel(path, index=False)
    else:
        mine.to_csv(path, index=False)
    return path


def test_validate_the_shipped_data():
    pairings = _shipped_pairings()
    places = len(_places_named(pairings))
    names = pd.read_csv(DATA_DIR / place_names.FILE, dtype=str, keep_default_na=False)
    blank = names[names.name_ar == ""]
    unnamed = set(zip(blank.country, blank.authority_type, blank.name))
    unnamed = [data.place_id(*place) for place in _places_named(pairings) if place in unnamed]
    assert unnamed, "the shipped data has Moroccan places the source does not name in Arabic"
    code, lines = _run("validate")
    assert code == 0
    assert lines[0].startswith(f"{len(unnamed)} Moroccan place(s) with no name in Arabic script")
    assert all(place_id in lines[0] for place_id in unnamed)
    assert lines[1:] == [
        f"{len(pairings)} pairing(s) valid, 0 error(s), 0 warning(s), {places} place(s)."
    ]


def test_validate_a_file_reports_every_problem_and_fails(tmp_path):
    for suffix in (".csv", ".xlsx"):
        code, lines = _run("validate", _my_list(tmp_path, suffix))
        assert code == 1
        assert lines[0].startswith(
            f"error: mine{suffix}, row 3, column france_authority_type: unknown authority type "
            "'communne'. Did you mean 'commune'?"
        )
        assert lines[-1] == "2 pairing(s) valid, 1 error(s), 0 warning(s), 4 place(s)."


def test_geocode_a_file_places_its_new_towns_offline(tmp_path, data_copy):
    cache = pd.read_csv(data_copy / data.COORDINATES_FILE, dtype=str, keep_default_na=False)
    assert not {NEW_TOWN_MA, NEW_TOWN_FR} & set(cache.name), "new towns: not in the cache yet"
    code, lines = _run("geocode", _my_list(tmp_path), "--offline", data_dir=data_copy)
    assert lines[-1].endswith("2 placed, 0 not placed.")
    assert code == 0
    cache = pd.read_csv(data_copy / data.COORDINATES_FILE, dtype=str, keep_default_na=False)
    assert set(cache.name) >= {NEW_TOWN_MA, NEW_TOWN_FR}


WRITER = """
import sys
import pandas as pd
import pytest
from coopmap import data, upload
from coopmap.exc import DataFileError
rows = pd.DataFrame({"name": ["Fès"] * 3_000_000, "latitude": ["34.03313"] * 3_000_000})
print("writing", flush=True)
data.write_csv_atomically(rows, sys.argv[1])
"""


def test_a_save_killed_midway_leaves_the_previous_file_whole(data_copy):
    """Kill the writer while the new cache is being written: the old one is still there."""
    target = data_copy / data.COORDINATES_FILE
    before = target.read_bytes()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout.readline().strip() == "writing"
    deadline = time.monotonic() + 60
    temporary = []
    while not any(path.stat().st_size > 0 for path in temporary):
        assert time.monotonic() < deadline, "the writer never started its temporary file"
        temporary = list(data_copy.glob(f".{target.name}.*.tmp"))
        time.sleep(0.01)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    assert target.read_bytes() == before, "the cache is the previous one, byte for byte"
    every_place = len(_places_named(_shipped_pairings()))
    assert len(data.load(data_copy).places.dropna(subset=["latitude"])) == every_place


def test_a_list_over_the_row_limit_is_refused_with_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(upload, "MAX_ROWS", 3)
    path = _my_list(tmp_path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.concat([frame, frame.head(1)]).to_csv(path, index=False)
    with pytest.raises(DataFileError, match="more than 3 rows; at most 3 can be checked"):
        upload.load(ROOT / "data", path)


def test_package_writes_the_zip_at_a_path_or_in_a_folder(tmp_path, data_copy):
    """Into a folder, the zip takes its versioned, dated name; both validate once unpacked."""
    code, lines = _run("package", tmp_path / "data.zip", data_dir=data_copy)
    assert (code, lines) == (0, [str(tmp_path / "data.zip")])
    (tmp_path / "folder").mkdir()
    code, lines = _run("package", tmp_path / "folder", data_dir=data_copy)
    named = tmp_path / "folder" / package.file_name(data_copy)
    assert (code, lines) == (0, [str(named)])
    for path, unpacked in [(tmp_path / "data.zip", "a"), (named, "b")]:
        assert unpacked_errors(path.read_bytes(), tmp_path / unpacked)[1] == []
