"""Fixtures shared by the test modules: the shipped data, and a copy to change."""

import csv
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coopmap import catalog, data, publish

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


def read_rows(name, folder=DATA_DIR):
    """A data file's rows as dicts of text, read with the csv module and not with coopmap: a
    test that checks the data this way cannot be fooled by a mistake in the app's reading.
    """
    with open(folder / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path, rows):
    """Write `rows` (dicts with the same keys) as a data file."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def fingerprints(folder, lock=False):
    """{path under `folder` (as posix text): the SHA-256 of its bytes}, for every file under
    it: what a test compares to say that nothing was written. The write lock (an empty file
    that taking the lock leaves behind) counts only if `lock`.
    """
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file() and (lock or path.name != publish.LOCK)
    }


def require(program, package):
    """The path of `program`, which Debian's `package` installs. Without it the test is
    skipped, with the reason; under CI (CI=true or 1) it fails, so that a broken CI image
    cannot turn tests silently into skips.
    """
    found = shutil.which(str(program))
    if found is None:
        reason = f"{program} is missing: install Debian's {package} to run this test"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def new_app():
    """The app (dashboard.py) in AppTest, not run yet: a test sets its address, session and
    environment first. A run may take long on a loaded machine: one minute.
    """
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


@pytest.fixture
def app(monkeypatch):
    """The app in AppTest as the tests need it: offline (no Nominatim, the offline basemap),
    on the shipped data unless the test sets COOPMAP_DATA_DIR. Not run yet.
    """
    monkeypatch.setenv("COOPMAP_ONLINE_GEOCODING", "false")
    monkeypatch.setenv("COOPMAP_BASEMAP", "offline")
    return new_app()


@pytest.fixture(scope="session")
def shipped():
    """The shipped data, loaded once."""
    return data.load(DATA_DIR)


@pytest.fixture
def data_copy(tmp_path):
    """A copy of the data folder that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def said(key, language="fr", **values):
    """A catalog message as a regular expression that a notice must match: the `values` given
    are filled in, and any other placeholder matches any text. A test names what a page says by
    its catalog key, so that rewording a message does not break the tests that look for it.
    """
    entry = catalog.STRINGS[key][language]
    forms = entry if isinstance(entry, tuple) else (entry,)
    pattern = "|".join(
        re.sub(
            r"\\\{(\w+)\\\}",
            lambda m: re.escape(str(values[m[1]])) if m[1] in values else ".+?",
            re.escape(form),
        )
        for form in forms
    )
    return re.compile(f"(?:{pattern})", re.DOTALL)


def script_calls(script, function):
    """The JSON arguments of every `coopmap.<function>(target, ...)` call in a map's script.

    The map's elements are calls to its scripts (coopmap/mapview/elements.py): a test reads
    what the map was given the way the browser will, as JSON.
    """
    decoder = json.JSONDecoder()
    calls, start = [], 0
    marker = f"coopmap.{function}("
    while (start := script.find(marker, start)) >= 0:
        position = script.index(", ", start) + 2
        arguments = []
        while True:
            value, position = decoder.raw_decode(script, position)
            arguments.append(value)
            if script.startswith(");", position):
                break
            position += len(", ")
        calls.append(arguments)
        start = position
    return calls


EDITOR, EDITOR_PASSWORD = "alice", "correct horse battery staple"


@pytest.fixture
def editors_file(tmp_path, monkeypatch):
    """A local editors file holding one editor, EDITOR, for the app and the command line."""
    from coopmap import editors

    path = tmp_path / "editors.json"
    editors.add(path, EDITOR, EDITOR_PASSWORD)
    monkeypatch.setenv("COOPMAP_EDITORS_FILE", str(path))
    return path


def click_map(at, **properties):
    """A click on the map on a feature with `properties`, as the browser reports it: the map
    component's new value (what streamlit-folium returns), and the run it starts, with the
    map's `on_change` callback before it. AppTest has no setter for a component's value, so
    the click is one more widget state beside those the page holds.
    """
    [component] = at.get("component_instance")
    states = at._tree.get_widget_states()
    click = states.widgets.add()
    click.id = component.proto.id
    feature = {"type": "Feature", "properties": properties}
    click.json_value = json.dumps({"last_active_drawing": feature})
    at._tree._runner._run(states)
    return at


def type_into_picker(at, key, typed):
    """Type `typed` into the selectbox `key`, which takes new options, and press Enter: the
    browser sends the text itself (AppTest's selectbox can only choose one of its options).
    """
    states = at._tree.get_widget_states()
    box = at.selectbox(key=key)
    for state in states.widgets:
        if state.id == box.id:
            state.string_value = typed
            break
    else:
        states.widgets.add(id=box.id, string_value=typed)
    at._tree._runner._run(states)
    return at


def sign_in(app, name=EDITOR, password=EDITOR_PASSWORD):
    """Sign in as an editor through the app's own form (an AppTest), and run."""
    app.text_input(key="editor_name").input(name)
    app.text_input(key="password").input(password)
    [submit] = [button for button in app.button if button.label in ("Se connecter", "Sign in")]
    return submit.click().run()


@pytest.fixture(autouse=True)
def no_sign_in_delay(monkeypatch):
    """A failed sign-in costs no real wait in tests (coopmap.throttle); the failures are counted
    beside each test's own editors file, so a test's failures never lock out the next test.
    """
    monkeypatch.setenv("COOPMAP_SIGN_IN_DELAY", "0")


def pytest_collection_modifyitems(items):
    """Under pytest-xdist (`--dist loadgroup`, pyproject.toml), the browser tests that start an
    app of their module's own (`start_app`: other data, online tiles, a new server) run on one
    worker, so that each such server starts once, not once per worker. Every other test goes
    alone to whichever worker is free; the browser tests among them share their worker's app
    on the shipped data (`app`, tests/browser/conftest.py).
    """
    for item in items:
        if "start_app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
