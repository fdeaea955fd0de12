"""A read-only replica serves a copy of data published elsewhere, and writes nothing.

On a host that only serves viewers (docs/deployment.md#one-writer-many-readers),
COOPMAP_READ_ONLY=true. Every write of coopmap.publish refuses at the write itself, whatever
a page offers or a caller asks, and names where editing happens. The pages show editors that
address instead of a sign-in. A new version copied into the replica's data folder is what its
next run shows.
"""

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from coopmap import data, filters, geocode, publish
from coopmap.catalog import LANGUAGES, text

from conftest import DATA_DIR, ROOT, fingerprints

EDITING_URL = "https://edit.example.org/data"


def pairings(folder):
    return pd.read_csv(folder / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)


@pytest.fixture
def replica(data_copy, monkeypatch):
    """A copy of the data with one version recorded (so that there is one to restore), served
    read-only.
    """
    fewer = pairings(data_copy).iloc[:-1]
    base = publish.fingerprint(data_copy)
    publish.commit(data_copy, {data.PARTNERSHIPS_FILE: fewer}, "bob", "save", {}, base)
    monkeypatch.setenv("COOPMAP_READ_ONLY", "true")
    monkeypatch.setenv("COOPMAP_EDITING_URL", EDITING_URL)
    return data_copy


def _publish_a_list(folder):
    frame = pairings(folder).iloc[:-1]
    publish.commit(folder, {data.PARTNERSHIPS_FILE: frame}, "alice", "save", {}, "any")


def _restore(folder):
    publish.restore(folder, 1, "alice", publish.fingerprint(folder))


def _add_places(folder):
    row = {"country": "MA", "authority_type": "commune", "name": "Nowhere"}
    publish.add_places(folder, [row | {"latitude": "31", "longitude": "-7"}], "alice")


def _fill_cache(folder):
    places = pd.DataFrame([{"country": "MA", "authority_type": "commune", "name": "Nowhere"}])
    geocode.fill_cache(places, folder, "alice")


@pytest.mark.parametrize(
    "write", [_publish_a_list, _restore, _add_places, _fill_cache], ids=lambda w: w.__name__
)
def test_every_write_is_refused_at_the_write_and_names_where_to_edit(replica, write):
    before = fingerprints(replica, lock=True)
    with pytest.raises(publish.ReadOnly) as refused:
        write(replica)
    for language in LANGUAGES:
        assert refused.value.text(language) == text("read_only_at", language, where=EDITING_URL)
    assert fingerprints(replica, lock=True) == before, "not a byte written, not even the lock"


def test_without_an_editing_address_it_names_the_publishing_server(replica, monkeypatch):
    monkeypatch.delenv("COOPMAP_EDITING_URL")
    with pytest.raises(publish.ReadOnly) as refused:
        _restore(replica)
    assert refused.value.text("en") == text("read_only_elsewhere", "en")


def test_the_command_line_is_refused_too(replica):
    environment = os.environ | {"COOPMAP_DATA_DIR": str(replica), "COOPMAP_ONLINE_GEOCODING": "0"}
    environment |= {"COOPMAP_READ_ONLY": "true", "COOPMAP_EDITING_URL": EDITING_URL}
    (replica / data.COORDINATES_FILE).write_bytes(  # a place to place: a write to make
        b"".join((replica / data.COORDINATES_FILE).read_bytes().splitlines(True)[:-1])
    )
    before = fingerprints(replica, lock=True)
    done = subprocess.run(
        [sys.executable, "-m", "coopmap", "geocode", "--offline"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert text("read_only_at", "en", where=EDITING_URL) in done.stderr
    assert fingerprints(replica, lock=True) == before


def test_a_half_done_publish_in_the_copy_is_left_to_whoever_brings_it(replica):
    """Recovery writes: a read-only replica does not recover, it waits for the next copy."""
    (replica / publish.HISTORY / publish.PENDING).write_text("7")
    (replica / f".{data.PARTNERSHIPS_FILE}.x.tmp").write_text("half")
    before = fingerprints(replica, lock=True)
    publish.recover(replica)
    assert fingerprints(replica, lock=True) == before


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["pages/data.py", "pages/history.py"])
def test_the_pages_send_editors_to_the_editing_address(app, replica, monkeypatch, page, language):
    """Where an editor would sign in (History; Your data, once a list is brought to publish)."""
    monkeypatch.setenv("COOPMAP_DATA_DIR", str(replica))
    app.query_params["language"] = language
    app.run().switch_page(page).run()
    if page == "pages/data.py":
        a_list = (
            "ma-liste.csv",
            pairings(replica).head(3).to_csv(index=False).encode(),
            "text/csv",
        )
        app.file_uploader(key="upload").set_value(a_list).run()
    assert not app.exception
    notices = [element.value.replace("\\", "") for element in app.info]
    assert text("read_only_at", language, where=EDITING_URL) in notices
    assert not [box for box in app.text_input if box.key in ("editor_name", "password")]
    assert not [button for button in app.button if button.key.startswith("restore-")]


def test_a_new_version_copied_in_is_shown_at_the_next_run(app, replica, monkeypatch, tmp_path):
    """The writer publishes; whoever brings the data copies the files over the replica's, each
    written whole and renamed into place (as rsync does); the replica's next run shows it.
    """
    monkeypatch.setenv("COOPMAP_DATA_DIR", str(replica))
    app.run()
    shown = [metric.value for metric in app.metric]
    assert shown[0] == str(len(pairings(replica)))

    writer = tmp_path / "writer"
    shutil.copytree(DATA_DIR, writer)  # the writer's folder holds every shipped pairing
    incoming = replica / f".{data.PARTNERSHIPS_FILE}.rsync.tmp"
    shutil.copy2(writer / data.PARTNERSHIPS_FILE, incoming)
    os.replace(incoming, replica / data.PARTNERSHIPS_FILE)
    app.run()
    published = data.load(writer).partnerships
    counts = [str(n) for n in filters.counts(published).values()]
    assert [metric.value for metric in app.metric] == counts != shown
