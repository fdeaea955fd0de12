"""Editors in the app (AppTest): who sees what, what a press writes, and what is refused."""

import io

import pandas as pd
import pytest

from coopmap import data, publish, throttle, upload
from coopmap.catalog import STRINGS

from conftest import DATA_DIR, EDITOR, EDITOR_PASSWORD, fingerprints, new_app, said, sign_in


def _text(key, **values):
    return STRINGS[key]["fr"].format(**values)


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
def app(app, data_copy, editors_file, monkeypatch):
    """The app on a copy of the data that its editor may change, run once."""
    monkeypatch.setenv("COOPMAP_DATA_DIR", str(data_copy))
    return app.run()


def _upload(app, content):
    app.switch_page("pages/data.py").run()
    app.file_uploader(key="upload").set_value(("ma-liste.csv", content, "text/csv")).run()


def _shown(app, kind):
    return [element.value.replace("\\", "") for element in getattr(app, kind)]


def test_a_visitor_sees_no_way_to_write(app, data_copy):
    before = fingerprints(data_copy)
    _upload(app, _list_with_one_new_pairing())
    assert _text("editor_only") in _shown(app, "info")
    assert not [b for b in app.button if b.key == "save_to_files"]
    app.switch_page("pages/history.py").run()
    assert _text("no_history") in _shown(app, "info")
    assert fingerprints(data_copy) == before


def test_an_editor_publishes_an_addition_then_restores_the_data_before(app, data_copy):
    original = fingerprints(data_copy)
    _upload(app, _list_with_one_new_pairing())
    sign_in(app)
    assert _text("signed_in_as", name=EDITOR) in [m.value for m in app.markdown]
    assert [e.label for e in app.expander if said("change_added", count=1).match(e.label)]
    app.checkbox(key="save_confirm").check().run()
    app.button(key="save_to_files").click().run()
    assert _text("saved", number=2) in _shown(app, "success")
    assert NEW in set(pd.read_csv(data_copy / data.PARTNERSHIPS_FILE, dtype=str).pairing_id)

    app.switch_page("pages/history.py").run()
    titles = [e.label for e in app.expander if said("version_title").match(e.label)]
    kinds = _text("kind_save"), _text("kind_origin")
    assert said("version_title", number=2, kind=kinds[0], who=EDITOR).match(titles[0])
    assert said("version_title", number=1, kind=kinds[1]).match(titles[1])
    app.button(key="restore-1").click().run()
    assert _text("restored", number=1, new=3) in _shown(app, "success")
    now = fingerprints(data_copy)
    for name in (data.PARTNERSHIPS_FILE, data.COORDINATES_FILE):
        assert now[name] == original[name], "byte for byte the data before"
    assert {f"history/0000{n}/version.json" for n in (1, 2, 3)} <= set(now)


def test_a_press_after_signing_out_writes_nothing(app, data_copy, editors_file):
    """The page showed the button to an editor; the editor signed out (here: was removed from
    the editors file); the press that still arrives is refused by the write itself.
    """
    before = fingerprints(data_copy)
    _upload(app, _list_with_one_new_pairing())
    sign_in(app)
    app.checkbox(key="save_confirm").check().run()
    button = app.button(key="save_to_files")
    editors_file.write_text("{}")  # the editor is no more
    button.click().run()
    assert _text("not_editor") in _shown(app, "error")
    assert fingerprints(data_copy) == before


def test_a_publication_from_data_that_changed_since_is_refused(app, data_copy):
    _upload(app, _list_with_one_new_pairing())
    sign_in(app)
    # Another editor publishes in the meantime.
    frame = pd.read_csv(data_copy / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    base = publish.fingerprint(data_copy)
    fewer = frame.head(len(frame) - 1)  # bob removes the last pairing
    publish.commit(data_copy, {data.PARTNERSHIPS_FILE: fewer}, "bob", "save", {}, base)
    written = fingerprints(data_copy)
    app.checkbox(key="save_confirm").check().run()
    app.button(key="save_to_files").click().run()
    [error] = _shown(app, "error")
    assert said("stale_data").match(error) and "bob" in error
    assert fingerprints(data_copy) == written


def test_too_many_wrong_passwords_lock_the_name_out_from_that_source(app):
    app.switch_page("pages/history.py").run()
    for _ in range(throttle.MAX_FAILURES - 1):
        sign_in(app, password="not the password at all")
        assert _text("sign_in_refused") in _shown(app, "error")
    sign_in(app, password="not the password at all")  # the last failure allowed
    assert _text("sign_in_locked") in _shown(app, "error")
    sign_in(app, password=EDITOR_PASSWORD)  # right, but too late
    assert _text("sign_in_locked") in _shown(app, "error")
    assert not [m for m in app.markdown if m.value.startswith("Connecté en tant")]


def test_a_replayed_session_whose_sign_in_is_old_must_type_the_password_again(app, data_copy):
    """Who replays a signed-in session id holds the session, not the password: once the sign-in
    is older than the setting, a press writes nothing and the password is asked again.
    """
    before = fingerprints(data_copy)
    _upload(app, _list_with_one_new_pairing())
    sign_in(app)
    app.session_state["signed_in_at"] = 0.0  # signed in long ago
    app.checkbox(key="save_confirm").check().run()
    app.button(key="save_to_files").click().run()
    assert _text("reauth_needed", minutes=5) in _shown(app, "error")
    assert fingerprints(data_copy) == before
    app.text_input(key="confirm_password").input(EDITOR_PASSWORD)
    [confirm] = [b for b in app.button if b.label == _text("reauth_button")]
    confirm.click().run()
    app.button(key="save_to_files").click().run()
    assert _text("saved", number=2) in _shown(app, "success")


def test_after_a_refusal_the_editor_publishes_the_new_difference(app, data_copy):
    _upload(app, _list_with_one_new_pairing())
    sign_in(app)
    frame = pd.read_csv(data_copy / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    fewer = frame.head(len(frame) - 1)  # bob removes the last pairing meanwhile
    base = publish.fingerprint(data_copy)
    publish.commit(data_copy, {data.PARTNERSHIPS_FILE: fewer}, "bob", "save", {}, base)
    app.checkbox(key="save_confirm").check().run()
    app.button(key="save_to_files").click().run()
    assert _text("stale_redo") in _shown(app, "info")
    app.button(key="save_to_files").click().run()  # again, on the difference shown now
    assert _text("saved", number=3) in _shown(app, "success")
    ids = list(pd.read_csv(data_copy / data.PARTNERSHIPS_FILE, dtype=str).pairing_id)
    assert NEW in ids and frame.pairing_id.iloc[-1] not in ids, "bob's change is kept"


def test_publishing_nothing_writes_no_version(app, data_copy):
    _upload(app, _list_with_one_new_pairing())
    sign_in(app)
    app.checkbox(key="save_confirm").check().run()
    app.button(key="save_to_files").click().run()
    written = fingerprints(data_copy)
    app.button(key="save_to_files").click().run()  # a second press
    assert _text("no_change") in _shown(app, "info")
    assert fingerprints(data_copy) == written and len(publish.versions(data_copy)) == 2


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "@SUM(A1)"])
def test_a_formula_cell_in_an_upload_is_refused_where_it_is(app, data_copy, cell):
    frame = pd.read_csv(io.BytesIO(_list_with_one_new_pairing()), dtype=str, keep_default_na=False)
    frame.loc[2, "notes"] = cell
    _upload(app, frame.to_csv(index=False).encode())
    assert _text("upload_ok", valid=2, errors=1) in _shown(app, "success")
    source = data.Source("ma-liste.csv", frame.to_csv(index=False).encode())
    [problem] = upload.load(data_copy, source).problems  # what the page lists: the cell
    assert (problem.file, problem.row, problem.column) == ("ma-liste.csv", 4, "notes")
    sign_in(app)
    app.checkbox(key="save_confirm").check().run()
    app.button(key="save_to_files").click().run()
    assert cell not in (data_copy / data.PARTNERSHIPS_FILE).read_text(encoding="utf-8")


def test_the_app_finishes_a_publish_that_a_killed_server_left_half_done(data_copy, monkeypatch):
    """The version was recorded, the published files not yet replaced: the app's start puts
    them in place (tests/test_crash_safety.py kills at every step).
    """
    before = (data_copy / data.PARTNERSHIPS_FILE).read_bytes()
    frame = pd.read_csv(io.BytesIO(_list_with_one_new_pairing()), dtype=str)
    base = publish.fingerprint(data_copy)
    version = publish.commit(data_copy, {data.PARTNERSHIPS_FILE: frame}, EDITOR, "save", {}, base)
    (data_copy / data.PARTNERSHIPS_FILE).write_bytes(before)  # as if killed before the rename
    (data_copy / publish.HISTORY / publish.PENDING).write_text(str(version.number))
    monkeypatch.setenv("COOPMAP_DATA_DIR", str(data_copy))
    monkeypatch.setenv("COOPMAP_BASEMAP", "offline")
    new_app().run()
    assert publish.fingerprint(data_copy) == publish.versions(data_copy)[-1].fingerprint
    assert not (data_copy / publish.HISTORY / publish.PENDING).exists()
