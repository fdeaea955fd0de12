"""A publish, a restore and placing places survive a kill at any instant (coopmap.publish).

Not by luck of timing: a first run counts every call by which the operation changes the disk
(a file opened for writing, fsync, chmod, rename, replace, mkdir, unlink, rmdir); then, for each
of those kill points in turn, a forked child runs the operation and SIGKILLs itself just before
that call. The parent then "restarts" (`publish.recover`) and checks that the data is exactly
as before or exactly as after, that the newest version is what is published, that no
temporary file is left, and that the published files kept their mode.
"""

import os
import shutil
import signal
import stat

import pandas as pd
import pytest

from coopmap import data, publish

from conftest import EDITOR

P, C = data.PARTNERSHIPS_FILE, data.COORDINATES_FILE
WRITING_CALLS = ("open", "fsync", "chmod", "rename", "replace", "mkdir", "unlink", "rmdir")
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT
KILL = signal.SIGKILL


def _watch(monkeypatch, at_call):
    """Count the calls that change the disk; call `at_call(number)` before each."""
    calls = []
    for name in WRITING_CALLS:
        real = getattr(os, name)

        def watched(*args, real=real, name=name, **kwargs):
            if name != "open" or args[1] & WRITE_FLAGS:
                calls.append(name)
                at_call(len(calls))
            return real(*args, **kwargs)

        monkeypatch.setattr(os, name, watched)
    return calls


def _published(folder):
    return tuple((folder / name).read_bytes() for name in (P, C))


def _new_pairing(folder):
    frame = pd.read_csv(folder / P, dtype=str, keep_default_na=False)
    new = frame.iloc[[0]].assign(pairing_id=str(frame.pairing_id.astype(int).max() + 1))
    return pd.concat([frame, new.assign(morocco_name="Tiznit")], ignore_index=True)


def _place_row():
    row = {column: "" for column in data.COORDINATE_COLUMNS}
    return (
        row
        | {"country": "MA", "authority_type": "commune rurale", "name": "Zzyzx"}
        | {
            "latitude": "31.5",
            "longitude": "-7.9",
        }
    )


def _save(folder):
    """A publish that changes both files: a new pairing, and the cache without its last row."""
    cache = pd.read_csv(folder / C, dtype=str, keep_default_na=False)
    files = {P: _new_pairing(folder), C: cache.iloc[:-1]}
    publish.commit(folder, files, EDITOR, "save", {}, publish.fingerprint(folder))


def _restore(folder):
    publish.restore(folder, 1, EDITOR, publish.fingerprint(folder))


def _place(folder):
    publish.add_places(folder, [_place_row()], EDITOR)


OPERATIONS = {
    "publish": (None, _save),
    "restore": (_save, _restore),  # version 2 published; back to version 1
    "placing places": (None, _place),
}


def _leftovers(folder):
    return [p for p in folder.rglob(".*") if p.name.endswith(".tmp") or p.name == publish.PENDING]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_kill_at_any_write_leaves_the_data_before_or_after(operation, data_copy, monkeypatch):
    prepare, run = OPERATIONS[operation]
    if prepare:
        prepare(data_copy)
    pristine = data_copy.with_name("pristine")
    os.rename(data_copy, pristine)
    modes = {name: stat.S_IMODE((pristine / name).stat().st_mode) for name in (P, C)}

    def fresh():
        shutil.rmtree(data_copy, ignore_errors=True)
        shutil.copytree(pristine, data_copy)
        return data_copy

    before = _published(pristine)
    versions_before = len(publish.versions(pristine))
    fresh()
    with monkeypatch.context() as watching:  # a run to the end, counting the kill points
        calls = _watch(watching, lambda number: None)
        run(data_copy)
    after, kill_points = _published(data_copy), len(calls)
    assert after != before and kill_points >= 10, calls

    outcomes = []
    for kill_at in range(1, kill_points + 1):
        fresh()
        child = os.fork()
        if child == 0:  # the child: dies just before call number `kill_at`
            try:
                _watch(monkeypatch, lambda n, k=kill_at: n == k and os.kill(os.getpid(), KILL))
                run(data_copy)
            finally:
                os._exit(3)  # never reached when killed: the parent then fails
        _, status = os.waitpid(child, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, kill_at

        publish.recover(data_copy)  # the restart
        now, versions = _published(data_copy), publish.versions(data_copy)
        where = f"killed before call {kill_at} ({calls[kill_at - 1]}) of {kill_points}"
        assert now in (before, after), where
        if versions:
            assert versions[-1].fingerprint == publish.fingerprint(data_copy), where
        done = now == after
        assert len(versions) == (versions_before or 1) + done or (
            not done and len(versions) == versions_before
        ), where
        assert _leftovers(data_copy) == [], where
        for name, mode in modes.items():
            assert stat.S_IMODE((data_copy / name).stat().st_mode) == mode, where
        outcomes.append(done)
    print(f"{operation}: {kill_points} kill points, {sum(outcomes)} rolled forward")
    assert not outcomes[0] and outcomes[-1], "the first kill is before, the last after"


def test_a_publish_keeps_the_files_readable_by_others(data_copy):
    for name in (P, C):
        os.chmod(data_copy / name, 0o644)
    _save(data_copy)
    for path in [data_copy / P, data_copy / C, *data_copy.glob("history/*/*")]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o044 == 0o044, path
