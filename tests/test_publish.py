"""Publishing: only editors, a change not a replacement, every version kept, no lost update."""

import multiprocessing

import pandas as pd
import pytest

from coopmap import data, editors, publish, throttle, upload

from conftest import DATA_DIR, EDITOR, EDITOR_PASSWORD, fingerprints

P = data.PARTNERSHIPS_FILE


def _published(data_dir):
    return pd.read_csv(data_dir / P, dtype=str, keep_default_na=False)


def _shipped_count():
    """How many pairings the shipped data holds."""
    return len(_published(DATA_DIR))


# A number no shipped pairing has yet, and the one after it.
NEW = max(map(int, _published(DATA_DIR).pairing_id)) + 1
NEXT = NEW + 1


def _new_pairing(number, morocco="Tiznit"):
    """A new pairing, made from the first one, with its own number and Moroccan name."""
    row = pd.read_csv(DATA_DIR / P, dtype=str, keep_default_na=False).iloc[[0]].copy()
    row[["pairing_id", "morocco_name"]] = [str(number), morocco]
    return row


def _with(data_dir, rows):
    return pd.concat([_published(data_dir), rows], ignore_index=True)


def test_compare_says_what_is_added_changed_and_removed():
    published = _published(DATA_DIR)
    proposed = published.iloc[1:].copy()  # pairing 1 is not in the list
    proposed.loc[1, "notes"] = "a new note"  # pairing 2 changes
    proposed = pd.concat([proposed, _new_pairing(NEW)], ignore_index=True)  # NEW is new
    change = publish.compare(published, proposed)
    assert list(change.added.pairing_id) == [str(NEW)]
    assert list(change.changed.pairing_id) == ["2"]
    assert list(change.removed.pairing_id) == ["1"]


def test_a_save_adds_and_updates_and_removes_only_when_asked():
    published = _published(DATA_DIR)
    proposed = pd.concat([published.iloc[[1]].assign(notes="changed"), _new_pairing(NEW)])
    change = publish.compare(published, proposed)
    kept = publish.apply(published, change)
    assert len(kept) == len(published) + 1
    assert kept.loc[kept.pairing_id == "2", "notes"].item() == "changed"
    replaced = publish.apply(published, change, replace=True)
    assert sorted(replaced.pairing_id, key=int) == ["2", str(NEW)]
    assert change.summary(replace=True)["removed"][0].startswith("1: Casablanca – Bordeaux")


def test_only_an_editor_writes(data_copy):
    before = fingerprints(data_copy, lock=True)
    with pytest.raises(publish.NotAnEditor):
        publish.commit(data_copy, {P: _published(data_copy)}, None, "save", {}, None)
    assert fingerprints(data_copy, lock=True) == before and publish.versions(data_copy) == []


def test_every_save_is_a_version_and_any_version_can_be_restored(data_copy):
    original = (data_copy / P).read_bytes()
    base = publish.fingerprint(data_copy)
    added = {"added": [str(NEW)]}
    first = publish.commit(
        data_copy, {P: _with(data_copy, _new_pairing(NEW))}, EDITOR, "save", added, base
    )
    assert first.number == 2  # version 1 keeps the files as they were before any change
    origin, saved = publish.versions(data_copy)
    assert (origin.kind, origin.who, saved.who, saved.summary) == (
        "origin",
        "—",
        EDITOR,
        {"added": [str(NEW)]},
    )
    assert len(_published(data_copy)) == _shipped_count() + 1

    restored = publish.restore(data_copy, 1, EDITOR, publish.fingerprint(data_copy))
    assert (restored.number, restored.kind, restored.summary) == (3, "restore", {"restored": 1})
    assert (data_copy / P).read_bytes() == original, "byte for byte the files of version 1"
    assert [v.number for v in publish.versions(data_copy)] == [1, 2, 3], "nothing overwritten"
    publish.restore(data_copy, 2, EDITOR, publish.fingerprint(data_copy))
    assert len(_published(data_copy)) == _shipped_count() + 1, "and back again"


def test_a_change_made_from_old_data_is_refused_and_says_which(data_copy):
    base = publish.fingerprint(data_copy)
    publish.commit(data_copy, {P: _with(data_copy, _new_pairing(NEW))}, "bob", "save", {}, base)
    with pytest.raises(publish.StaleData) as refused:
        proposed = _with(data_copy, _new_pairing(NEXT))
        publish.commit(data_copy, {P: proposed}, EDITOR, "save", {}, base)
    assert [v.who for v in refused.value.since] == ["bob"]
    assert "version 2 (save, bob" in str(refused.value)
    assert str(NEW) in set(_published(data_copy).pairing_id), "bob's pairing is kept"
    assert str(NEXT) not in set(_published(data_copy).pairing_id), "nothing merged silently"


def test_files_edited_outside_the_app_refuse_a_change_too(data_copy):
    base = publish.fingerprint(data_copy)
    (data_copy / P).write_text((data_copy / P).read_text(encoding="utf-8") + "\n")
    with pytest.raises(publish.StaleData, match="edited outside the app"):
        publish.commit(data_copy, {P: _published(data_copy)}, EDITOR, "save", {}, base)


def _save_one(data_dir, number, base, start, results):
    """A second process: wait for the start signal, then save one new pairing."""
    from coopmap import publish as published_by_process

    start.wait()
    try:
        frame = _with(data_dir, _new_pairing(number, f"Town {number}"))
        published_by_process.commit(data_dir, {P: frame}, f"editor {number}", "save", {}, base)
        results.put((number, "saved"))
    except published_by_process.StaleData as error:
        results.put((number, str(error)))


def test_two_saves_at_once_from_two_processes_lose_no_row(data_copy):
    """Both start from the same data: one is written, the other refused with the reason."""
    base = publish.fingerprint(data_copy)
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    workers = [
        context.Process(target=_save_one, args=(data_copy, number, base, start, results))
        for number in (NEW, NEXT)
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(60)
    outcomes = dict(results.get(timeout=5) for _ in workers)
    saved = [n for n, outcome in outcomes.items() if outcome == "saved"]
    refused = [n for n, outcome in outcomes.items() if outcome != "saved"]
    assert len(saved) == 1 and len(refused) == 1, outcomes
    assert "changed since you loaded it" in outcomes[refused[0]]
    ids = set(_published(data_copy).pairing_id)
    assert str(saved[0]) in ids, "the saved row is there"
    assert len(ids) == _shipped_count() + 1, "and only it"
    assert [v.who for v in publish.versions(data_copy)] == ["—", f"editor {saved[0]}"]


def test_every_write_takes_the_one_lock(data_copy, monkeypatch):
    """While a change is being written, a save, a restore and new places all wait for it."""
    base = publish.fingerprint(data_copy)
    publish.commit(data_copy, {P: _with(data_copy, _new_pairing(NEW))}, EDITOR, "save", {}, base)
    base, written = publish.fingerprint(data_copy), fingerprints(data_copy, lock=True)
    monkeypatch.setattr(publish, "LOCK_TIMEOUT", 0.2)
    row = {column: "" for column in data.COORDINATE_COLUMNS} | {"country": "MA", "name": "Z"}
    with publish.locked(data_copy):
        with pytest.raises(publish.Busy):
            publish.commit(data_copy, {P: _published(data_copy)}, EDITOR, "save", {}, base)
        with pytest.raises(publish.Busy):
            publish.add_places(data_copy, [row], EDITOR)
        with pytest.raises(publish.Busy):
            publish.restore(data_copy, 1, EDITOR, base)
    assert fingerprints(data_copy, lock=True) == written and len(publish.versions(data_copy)) == 2


def test_places_are_added_to_the_cache_as_a_version(data_copy):
    row = {column: "" for column in data.COORDINATE_COLUMNS} | {
        "country": "MA",
        "authority_type": "commune rurale",
        "name": "Zzyzx",
        "latitude": "31.5",
        "longitude": "-7.9",
    }
    version = publish.add_places(data_copy, [row], EDITOR)
    assert version.kind == "geocode" and version.summary == {
        "placed": ["Zzyzx (commune rurale, MA)"]
    }
    assert publish.add_places(data_copy, [row], EDITOR) is None, "already there"
    with pytest.raises(publish.NotAnEditor):
        publish.add_places(data_copy, [row], None)


def test_a_list_saved_through_upload_is_a_version(data_copy):
    frame = pd.concat([_published(data_copy).head(2), _new_pairing(NEW)])
    source = data.Source("mine.csv", frame.to_csv(index=False).encode())
    dataset = upload.load(data_copy, source)
    version = upload.save(dataset, None, data_copy, EDITOR, publish.fingerprint(data_copy))
    assert version.summary == {"added": [f"{NEW}: Tiznit – Bordeaux"], "changed": []}
    assert len(_published(data_copy)) == _shipped_count() + 1


# --- editors ---------------------------------------------------------------------------------


def test_an_editor_signs_in_with_their_password(editors_file):
    assert editors.sign_in(editors_file, EDITOR, EDITOR_PASSWORD) == EDITOR
    assert editors.is_editor(editors_file, EDITOR)
    assert "correct horse" not in editors_file.read_text(), "only the hash is kept"


@pytest.mark.parametrize(
    ("name", "password"),
    [(EDITOR, "wrong password!!"), ("mallory", EDITOR_PASSWORD), (EDITOR, "")],
)
def test_a_wrong_name_or_password_is_refused(editors_file, name, password):
    with pytest.raises(editors.SignInRefused, match="wrong name or password"):
        editors.sign_in(editors_file, name, password)


def _throttle(editors_file, waits, now):
    """A throttle of 1 s that records its waits instead of sleeping, on a clock of our own."""
    path = throttle.failures_file(editors_file)
    return throttle.Throttle(path, 1.0, clock=lambda: now[0], sleep=waits.append)


def test_an_attackers_source_is_slowed_and_locked_out_but_the_editor_still_signs_in(
    editors_file, caplog
):
    waits, now = [], [0.0]
    guard = _throttle(editors_file, waits, now)
    for _ in range(throttle.MAX_FAILURES):
        with pytest.raises(editors.SignInRefused):
            editors.sign_in(editors_file, EDITOR, "not the password", "203.0.113.9", guard)
    assert waits == [0, 0, 0, 1, 2], "free tries, then a delay that doubles"
    with pytest.raises(editors.SignInRefused) as refused:  # right, but from the attacker
        editors.sign_in(editors_file, EDITOR, EDITOR_PASSWORD, "203.0.113.9", guard)
    assert refused.value.locked and waits[-1] == 4
    # Alice, from her own browser, is neither locked out nor slowed.
    assert editors.sign_in(editors_file, EDITOR, EDITOR_PASSWORD, "198.51.100.7", guard) == EDITOR
    assert waits[-1] == 0
    # Every process of the host sees the same counts: a new throttle on the same file.
    assert _throttle(editors_file, [], now).locked(EDITOR, "203.0.113.9")
    logged = [r.getMessage() for r in caplog.records if r.name == "coopmap.sign_in"]
    assert len([m for m in logged if m.startswith("failed sign-in")]) == throttle.MAX_FAILURES
    assert [m for m in logged if m.startswith("sign-in lock-out: name='alice'")]
    assert "203.0.113.9" in logged[0] and "not the password" not in " ".join(logged)
    now[0] = throttle.WINDOW + 1  # the window has passed
    assert editors.sign_in(editors_file, EDITOR, EDITOR_PASSWORD, "203.0.113.9", guard) == EDITOR


def test_an_unknown_name_is_checked_like_a_wrong_password(editors_file, monkeypatch):
    """Argon2 verifies a hash either way, so a name's existence does not show in the time."""
    checked = []

    class Spy:
        def hash(self, password):
            return editors.PasswordHasher().hash(password)

        def verify(self, stored, given):
            checked.append(stored)
            return editors.PasswordHasher().verify(stored, given)

    monkeypatch.setattr(editors, "_HASHER", Spy())
    for name in (EDITOR, "nobody"):
        with pytest.raises(editors.SignInRefused):
            editors.sign_in(editors_file, name, "not the password")
    assert len(checked) == 2 and checked[1] is editors._dummy()


def test_an_editor_needs_a_long_password(tmp_path):
    with pytest.raises(Exception, match="at least 12 characters"):
        editors.add(tmp_path / "editors.json", "bob", "short")


def test_a_formula_cell_is_never_written(data_copy):
    frame = _with(data_copy, _new_pairing(NEW).assign(notes='=HYPERLINK("http://x")'))
    with pytest.raises(publish.FormulaCell, match="row"):
        publish.commit(data_copy, {P: frame}, EDITOR, "save", {}, publish.fingerprint(data_copy))
    assert publish.versions(data_copy) == []


def test_a_formula_cell_is_refused_on_the_command_line(data_copy, tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    frame = _with(data_copy, _new_pairing(NEW).assign(notes="@SUM(A1)"))
    path = tmp_path / "list.csv"
    frame.to_csv(path, index=False)
    run = subprocess.run(
        [sys.executable, "-m", "coopmap", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"COOPMAP_DATA_DIR": str(data_copy), "PATH": ""},
    )
    assert run.returncode == 1
    assert f"list.csv, row {len(frame) + 1}, column notes: a spreadsheet would run" in run.stdout


def test_publishing_the_data_as_it_is_writes_nothing(data_copy):
    base = publish.fingerprint(data_copy)
    with pytest.raises(publish.NoChange):
        publish.commit(data_copy, {P: _published(data_copy)}, EDITOR, "save", {}, base)
    assert not (data_copy / publish.HISTORY).exists()
