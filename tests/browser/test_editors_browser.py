"""Writing the published data in a real browser: a visitor cannot, an editor can and can undo.

The app runs on a copy of the data folder in which one place has no point (so that placing
places would be possible) and one version is already recorded (so that restoring would be).
The visitor presses every button of every page and tries to publish a list: the folder stays
byte for byte the same. The editor, added with the command line, signs in, publishes an
addition, finds it in History and restores the version before: byte for byte the files of
before.
"""

import shutil
import subprocess
import sys

import pandas as pd
import pytest
from playwright.sync_api import expect

from coopmap import data, publish
from coopmap.catalog import text

from .conftest import DATA_DIR, PROJECT_ROOT
from .test_map_browser import ARTIFACTS, open_page
from conftest import fingerprints

pytestmark = pytest.mark.browser

EDITOR, PASSWORD = "alice", "correct horse battery staple"
PAGES = ("", "table", "summary", "programme", "expertise", "data", "about", "history")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The data, with one version recorded, Bouhachem's point missing, and an editor."""
    root = tmp_path_factory.mktemp("editors")
    target = root / "data"
    shutil.copytree(DATA_DIR, target)
    cache = pd.read_csv(target / data.COORDINATES_FILE, dtype=str, keep_default_na=False)
    cache = cache[cache.name != "Bouhachem"]
    publish.commit(
        target,
        {data.COORDINATES_FILE: cache},
        "bob",
        "save",
        {"changed": []},
        publish.fingerprint(target),
    )
    editors_file = root / "editors.json"
    added = subprocess.run(
        [sys.executable, "-m", "coopmap", "editor", "add", EDITOR, "--password-stdin"],
        input=PASSWORD + "\n",
        text=True,
        capture_output=True,
        cwd=PROJECT_ROOT,
        env={"COOPMAP_EDITORS_FILE": str(editors_file), "PATH": ""},
        check=True,
    )
    assert f"{EDITOR} can now sign in" in added.stdout
    return target, editors_file


@pytest.fixture(scope="module")
def app(start_app, folder):
    target, editors_file = folder
    return start_app(data_dir=target, extra_env={"COOPMAP_EDITORS_FILE": str(editors_file)})


def new_number():
    """The number of the pairing the list adds: one after the published pairings' last."""
    frame = pd.read_csv(DATA_DIR / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    return str(frame.pairing_id.astype(int).max() + 1)


@pytest.fixture
def my_list(tmp_path):
    """Two published pairings as they are, and a new one (Rabat – Bordeaux)."""
    frame = pd.read_csv(DATA_DIR / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    new = frame.iloc[[0]].assign(pairing_id=new_number(), morocco_name="Rabat", notes="")
    path = tmp_path / "ma-liste.csv"
    pd.concat([frame.head(2), new]).to_csv(path, index=False)
    return path


def bring(page, path):
    """Bring the list at `path` (three good pairings) on the data page open in `page`."""
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
    expect(page.get_by_text(text("upload_ok", valid=3, errors=0))).to_be_visible()


def upload(page, app, path):
    open_page(page, f"{app}/data")
    bring(page, path)


def sign_in_and_confirm(page, editor=EDITOR, password=PASSWORD):
    """The editor signs in on the data page, where a list that adds one pairing was brought,
    sees that pairing and ticks the box that confirms it: the publish button is then theirs to
    press.
    """
    page.get_by_label(text("editor_name")).fill(editor)
    page.get_by_label(text("password"), exact=True).fill(password)
    page.get_by_role("button", name=text("sign_in")).click()
    # Signed in: the editor's area may fold away once it has nothing to ask, its name inside.
    expect(page.get_by_text(text("signed_in_as", name=editor))).to_be_attached()
    expect(page.get_by_text(text("change_added", count=1))).to_be_visible()
    page.get_by_text(text("save_confirm")).click()


def press_everything(page):
    """Press each button of the page's main area once, as a curious visitor would."""
    pressed = []
    while True:
        page.wait_for_selector("[data-test-script-state='notRunning']")
        buttons = page.get_by_test_id("stMain").locator("button:visible:enabled")
        names = [name for name in buttons.all_inner_texts() if name.strip()]
        todo = [name for name in names if name not in pressed]
        if not todo:
            return pressed
        pressed.append(todo[0])
        button = page.get_by_test_id("stMain").get_by_role("button", name=todo[0], exact=True)
        if button.count():
            button.first.click()


def test_a_visitor_writes_nothing_whatever_they_press(page, app, folder, my_list):
    target, _ = folder
    before = fingerprints(target)
    seen = {}
    for path in PAGES:
        open_page(page, f"{app}/{path}")
        seen[path or "map"] = press_everything(page)
    assert text("restore_button", number=1) not in seen["history"]
    assert text("place_missing_button") not in seen["about"]

    upload(page, app, my_list)
    expect(page.get_by_text(text("editor_only"))).to_be_visible()
    expect(page.get_by_role("button", name=text("save_to_files"))).to_have_count(0)
    seen["data with a list"] = press_everything(page)
    (ARTIFACTS / "editors").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "editors" / "visitor.png", full_page=True)
    assert fingerprints(target) == before, seen


def test_an_editor_publishes_an_addition_and_undoes_it(page, app, folder, my_list):
    target, _ = folder
    before = fingerprints(target)
    upload(page, app, my_list)
    sign_in_and_confirm(page)
    page.get_by_role("button", name=text("save_to_files")).click()
    expect(page.get_by_text(text("saved", number=3))).to_be_visible()
    published = pd.read_csv(target / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    assert new_number() in set(published.pairing_id)

    page.get_by_test_id("stSidebarNav").get_by_role("link", name=text("page_history")).click()
    latest = page.get_by_test_id("stExpander").filter(has_text="Version 3")
    expect(latest).to_contain_text(f"{new_number()}: Rabat – Bordeaux")
    page.get_by_test_id("stExpander").filter(has_text="Version 2").locator("summary").click()
    page.get_by_role("button", name=text("restore_button", number=2)).click()
    expect(page.get_by_text(text("restored", number=2, new=4))).to_be_visible()
    page.screenshot(path=ARTIFACTS / "editors" / "editor-history.png", full_page=True)
    now = fingerprints(target)
    for name in (data.PARTNERSHIPS_FILE, data.COORDINATES_FILE):
        assert now[name] == before[name], f"{name} is byte for byte as before"
