"""Editors in the app (AppTest): who sees what, what a press writes, and what is refused."""

import hashlib

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from coopmap import data, editors, publish
from coopmap.catalog import STRINGS

from conftest import DATA_DIR, EDITOR, EDITOR_PASSWORD, ROOT, sign_in


def _text(key, **values):
    return STRINGS[key]["fr"].format(**values)


def _fingerprints(folder):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != publish.LOCK
    }


def _published():
    return pd.read_csv(DATA_DIR / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)


# A pairing number that no shipped pairing has yet.
NEW = str(max(map(int, _published().pairing_id)) + 1)


def _list_with_one_new_pairing():
    frame = _published()
    new = frame.iloc[[0]].assign(pairing_id=NEW, morocco_name="Rabat", notes="")
    new["france_name"] = "Bordeaux"
    return pd.concat([frame.head(2), new]).to_csv(index=False).encode()


@pytest.fixture
def app(data_copy, editors_file, monkeypatch):
    monkeypatch.setenv("COOPMAP_DATA_DIR", str(data_copy))
    monkeypatch.setenv("COOPMAP_ONLINE_GEOCODING", "false")
    monkeypatch.setenv("COOPMAP_BASEMAP", "offline")
    monkeypatch.setattr(editors, "GUARD", editors.Guard())  # failures of other tests do not count
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.run()
    return app


def _upload(app, content):
    app.switch_page("pages/data.py").run()
    app.file_uploader(key="upload").set_value(("ma-liste.csv", content, "text/csv")).run()


def _shown(app, kind):
    return [element.value.replace("\\", "") for element in getattr(app, kind)]


def test_a_visitor_sees_no_way_to_write(app, data_copy):
    before = _fingerprints(data_copy)
    _upload(app, _list_with_one_new_pairing())
    assert _text("editor_only") in _shown(app, "info")
    assert not [b for b in app.button if b.key == "save_to_files"]
    app.switch_page("pages/history.py").run()
    assert _text("no_history") in _shown(app, "info")
    assert _fingerprints(data_copy) == before


def test_an_editor_publishes_an_addition_then_restores_the_data_before(app, data_copy):
    original = _fingerprints(data_copy)
    _upload(app, _list_with_one_new_pairing())
    sign_in(app)
    assert _text("signed_in_as", name=EDITOR) in [m.value for m in app.markdown]
    assert [e.label for e in app.expander if e.label.startswith("1 partenariat(s) ajouté")]
    app.checkbox(key="save_confirm").check().run()
    app.button(key="save_to_files").click().run()
    assert _text("saved", number=2) in _shown(app, "success")
    assert NEW in set(pd.read_csv(data_copy / data.PARTNERSHIPS_FILE, dtype=str).pairing_id)

    app.switch_page("pages/history.py").run()
    titles = [e.label for e in app.expander if e.label.startswith("Version")]
    assert titles[0].startswith("Version 2 — publication, par alice")
    assert titles[1].startswith("Version 1 — données d'origine")
    app.button(key="restore-1").click().run()
    assert _text("restored", number=1, new=3) in _shown(app, "success")
    now = _fingerprints(data_copy)
    for name in (data.PARTNERSHIPS_FILE, data.COORDINATES_FILE):
        assert now[name] == original[name], "byte for byte the data before"
    assert {f"history/0000{n}/version.json" for n in (1, 2, 3)} <= set(now)


def test_a_press_after_signing_out_writes_nothing(app, data_copy, editors_file):
    """The page showed the button to an editor; the editor signed out (here: was removed from
    the editors file); the press that still arrives is refused by the write itself.
    """
    before = _fingerprints(data_copy)
    _upload(app, _list_with_one_new_pairing())
    sign_in(app)
    app.checkbox(key="save_confirm").check().run()
    button = app.button(key="save_to_files")
    editors_file.write_text("{}")  # the editor is no more
    button.click().run()
    assert _text("not_editor") in _shown(app, "error")
    assert _fingerprints(data_copy) == before


def test_a_publication_from_data_that_changed_since_is_refused(app, data_copy):
    _upload(app, _list_with_one_new_pairing())
    sign_in(app)
    # Another editor publishes in the meantime.
    frame = pd.read_csv(data_copy / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    base = publish.fingerprint(data_copy)
    fewer = frame.head(len(frame) - 1)  # bob removes the last pairing
    publish.commit(data_copy, {data.PARTNERSHIPS_FILE: fewer}, "bob", "save", {}, base)
    written = _fingerprints(data_copy)
    app.checkbox(key="save_confirm").check().run()
    app.button(key="save_to_files").click().run()
    [error] = _shown(app, "error")
    assert error.startswith("Les données publiées ont changé") and "par bob" in error
    assert _fingerprints(data_copy) == written


def test_too_many_wrong_passwords_lock_the_name_out(app):
    app.switch_page("pages/history.py").run()
    for _ in range(editors.MAX_FAILURES - 1):
        sign_in(app, password="not the password at all")
        assert _text("sign_in_refused") in _shown(app, "error")
    sign_in(app, password="not the password at all")  # the last failure allowed
    assert _text("sign_in_locked") in _shown(app, "error")
    sign_in(app, password=EDITOR_PASSWORD)  # right, but too late
    assert _text("sign_in_locked") in _shown(app, "error")
    assert not [m for m in app.markdown if m.value.startswith("Connecté en tant")]
