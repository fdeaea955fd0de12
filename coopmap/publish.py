"""Changing the published data: one writer at a time, each change kept, each undoable.

Every write to the data folder (a list saved, a version restored, places added to the
geocoding cache) goes through `commit`, which:

- refuses any write on a read-only replica (`ReadOnly`, the `read_only` setting), which serves
  a copy of data published elsewhere, and names where editing happens;
- refuses a writer who is not an editor (`NotAnEditor`): the check is here, at the moment of
  writing, whatever the page showed;
- takes a lock on the folder (a file lock, so other server processes and the command line
  wait too);
- refuses a change based on data that has changed since it was read (`StaleData`): each
  change names the fingerprint of the files it was made from, and nothing is merged silently;
- refuses a change that changes nothing (`NoChange`), and a cell that a spreadsheet would run
  as a formula (`FormulaCell`);
- writes the new version whole first, then makes it the published one. The first change also
  keeps the files as they were before it, as version 1, so every state has a way back
  (`restore`, itself a version).

Publishing survives a crash at any instant, as git's commits do. The version (its files and its
`version.json`) is written in a hidden staging folder; `history/.publishing` then names it; the
staging folder is renamed to its number, which is the one step that makes the change happen;
the published files are then replaced by the version's, one rename each, `CHANGELOG.md` is
written again from the history (releases.py), and `.publishing` is removed. `recover`, run by
every writer under the lock and once when the app starts, finishes what a killed writer left:
with `.publishing` naming a version that exists, it copies that version's files and the
changelog into place (forward); naming one that does not, it drops the staging folder (back).
Either way it removes the temporary files. What is published and what is recorded
therefore change together or not at all, and the newest version is what is published. Files
stay in CSV, the diffable form that the README tells editors to open.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from . import atomic, releases, settings
from .catalog import Message
from .data import (
    COORDINATE_COLUMNS,
    COORDINATES_FILE,
    PARTNERSHIP_COLUMNS,
    PARTNERSHIPS_FILE,
    Problem,
    csv_bytes,
    read_coordinates,
    refuse_formulas,
)
from .exc import CoopMapError

VERSIONED = (PARTNERSHIPS_FILE, COORDINATES_FILE)  # the files the app writes
WRITTEN = (*VERSIONED, releases.CHANGELOG)  # and what it writes with them, in the data folder
HISTORY = "history"
LOCK = ".write.lock"
PENDING = ".publishing"  # in history/: the number of the version being made the published one
LOCK_TIMEOUT = 30.0  # seconds a writer waits for another to finish
# What a version changed, as version.json keeps it: {"added": [pairings], "placed": [places],
# ...}, or {"restored": the number of the version it restored}.
Summary = dict[str, list[str] | int]


class NotAnEditor(CoopMapError):
    """Only an editor may change the published data."""


class ReadOnly(CoopMapError):
    """This replica serves a copy of the data: writes happen where it is published
    (`where`, the `editing_url` setting, "" if none is set).
    """

    def __init__(self, where: str) -> None:
        super().__init__(
            Message("read_only_at", where=where) if where else Message("read_only_elsewhere")
        )
        self.where = where


def refuse_if_read_only() -> None:
    """Raise `ReadOnly` on a read-only replica: the first step of every write."""
    if settings.get("read_only"):
        raise ReadOnly(settings.get("editing_url"))


class Busy(CoopMapError):
    """Another change is being written and did not finish in time."""


class StaleData(CoopMapError):
    """The published data changed since this change was prepared; `since` holds the versions
    written since then (empty if the files were changed outside the app).
    """

    def __init__(self, since: list[Version]) -> None:
        who = ", ".join(f"version {v.number} ({v.kind}, {v.who}, {v.when})" for v in since)
        super().__init__(
            "the published data changed since you loaded it"
            + (f": {who}" if who else " (the files were edited outside the app)")
            + ". Nothing was written; load the data again and redo your change."
        )
        self.since = since


class NoChange(CoopMapError):
    """The change would publish the data as it already is: no version is written."""


class FormulaCell(CoopMapError):
    """A cell that a spreadsheet would run as a formula: refused, never written."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem

    def text(self, language: str) -> str:
        return self.problem.text(language)


WHEN_FORMAT = "%Y-%m-%d %H:%M:%S UTC"  # a version's `when`, as version.json keeps it


@dataclass(frozen=True)
class Version:
    number: int
    when: str
    who: str
    kind: str  # "origin", "save", "restore", "geocode"
    summary: Summary
    fingerprint: str

    @property
    def moment(self) -> datetime:
        """`when` as a datetime in UTC, for showing it as each language writes it."""
        return datetime.strptime(self.when, WHEN_FORMAT).replace(tzinfo=UTC)

    @property
    def folder_name(self) -> str:
        return f"{self.number:05d}"


@dataclass(frozen=True)
class Change:
    """A list against the published pairings, pairing by pairing (by `pairing_id`)."""

    added: pd.DataFrame
    changed: pd.DataFrame  # the new rows of pairings whose values differ
    removed: pd.DataFrame  # published pairings the list does not hold

    def summary(self, replace: bool = False) -> Summary:
        def names(frame: pd.DataFrame) -> list[str]:
            return [
                f"{row.pairing_id}: {row.morocco_name} – {row.france_name}"
                for row in frame.itertuples()
            ]

        found: Summary = {"added": names(self.added), "changed": names(self.changed)}
        return found | ({"removed": names(self.removed)} if replace else {})


def _contents(folder: str | Path) -> dict[str, bytes | None]:
    """{name: bytes, or None if absent} of the written files in `folder`."""
    paths = {name: Path(folder) / name for name in VERSIONED}
    return {name: path.read_bytes() if path.exists() else None for name, path in paths.items()}


def _digest(contents: Mapping[str, bytes | None]) -> str:
    digest = hashlib.sha256()
    for name in VERSIONED:
        digest.update(name.encode() + b"\0" + (contents[name] or b""))
    return digest.hexdigest()


def fingerprint(data_dir: str | Path) -> str:
    """What the written files hold, in one hash: a change is made from one fingerprint."""
    return _digest(_contents(data_dir))


def compare(published: pd.DataFrame, proposed: pd.DataFrame) -> Change:
    """The `Change` from the `published` pairings to the `proposed` ones (both as text)."""
    columns = list(PARTNERSHIP_COLUMNS)
    old = published[columns].set_index("pairing_id", drop=False)
    new = proposed[columns].set_index("pairing_id", drop=False)
    common = old.index.intersection(new.index)
    differs = [i for i in common if not old.loc[i].equals(new.loc[i])]
    return Change(
        added=new.loc[~new.index.isin(old.index)].reset_index(drop=True),
        changed=new.loc[differs].reset_index(drop=True),
        removed=old.loc[~old.index.isin(new.index)].reset_index(drop=True),
    )


def apply(published: pd.DataFrame, change: Change, replace: bool = False) -> pd.DataFrame:
    """The pairings after `change`: added and updated, in place; removed only if `replace`."""
    columns = list(PARTNERSHIP_COLUMNS)
    rows = published[columns].set_index("pairing_id", drop=False)
    updated = change.changed.set_index("pairing_id", drop=False)
    rows.loc[updated.index] = updated[columns]
    rows = pd.concat([rows, change.added[columns].set_index("pairing_id", drop=False)])
    if replace:
        rows = rows.loc[~rows.index.isin(change.removed.pairing_id)]
    return rows.reset_index(drop=True)


@contextmanager
def locked(data_dir: str | Path, timeout: float | None = None) -> Iterator[None]:
    """The data folder's write lock, across processes (waiting LOCK_TIMEOUT by default)."""
    try:
        with FileLock(Path(data_dir) / LOCK, timeout=LOCK_TIMEOUT if timeout is None else timeout):
            yield
    except Timeout:
        raise Busy("another change is being written; try again in a moment") from None


def versions(data_dir: str | Path) -> list[Version]:
    """Every version written, oldest first."""
    folder = Path(data_dir) / HISTORY
    found: list[Version] = []
    metas = sorted(folder.glob("[0-9]*/version.json")) if folder.exists() else ()
    for meta in metas:  # not a staging folder (.00002.tmp), which is no version yet
        with open(meta, encoding="utf-8") as f:
            found.append(Version(**json.load(f)))
    return found


def _write_version(
    data_dir: str | Path,
    contents: Mapping[str, bytes | None],
    who: str,
    kind: str,
    summary: Summary,
) -> Version:
    """Add a version holding `contents` ({name: bytes or None}): written in a staging folder,
    named in PENDING, then renamed to its number, the step that records it. The published files
    are not touched here: `_make_published` follows (or `recover`, after a crash).
    """
    history = Path(data_dir) / HISTORY
    history.mkdir(exist_ok=True)
    number = max((v.number for v in versions(data_dir)), default=0) + 1
    when = time.strftime(WHEN_FORMAT, time.gmtime())
    version = Version(number, when, who, kind, summary, _digest(contents))
    staging = history / f".{version.folder_name}.tmp"
    staging.mkdir()
    for name, content in contents.items():
        if content is not None:
            atomic.write_bytes(staging / name, content)
    record = json.dumps(version.__dict__, ensure_ascii=False, indent=1).encode()
    atomic.write_bytes(staging / "version.json", record)
    atomic.write_bytes(history / PENDING, str(number).encode())
    staging.rename(history / version.folder_name)  # the version is recorded, whole
    atomic.sync_folder(history)
    return version


def _make_published(data_dir: str | Path, number: int) -> None:
    """Put the files of version `number` in place (those that differ) and the changelog, which
    says what it changed, then clear PENDING.
    """
    folder = Path(data_dir) / HISTORY / f"{number:05d}"
    published = _contents(data_dir)
    for name, content in _contents(folder).items():
        if content is not None and content != published[name]:
            atomic.write_bytes(Path(data_dir) / name, content)
    changelog = releases.changelog(data_dir, versions(data_dir))
    atomic.write_bytes(Path(data_dir) / releases.CHANGELOG, changelog.encode())
    (Path(data_dir) / HISTORY / PENDING).unlink()
    atomic.sync_folder(Path(data_dir) / HISTORY)


def _recover(data_dir: str | Path) -> None:
    history = Path(data_dir) / HISTORY
    pending = history / PENDING
    if pending.exists():
        number = int(pending.read_text())
        if (history / f"{number:05d}" / "version.json").exists():
            _make_published(data_dir, number)  # recorded: finish publishing it
        else:
            pending.unlink()  # not recorded: the published files were never touched
    atomic.remove_leftovers(data_dir, WRITTEN)
    if history.exists():
        atomic.remove_leftovers(history)


def _needs_recovery(data_dir: str | Path) -> bool:
    history = Path(data_dir) / HISTORY
    return bool(
        (history / PENDING).exists()
        or atomic.leftovers(data_dir, WRITTEN)
        or (history.exists() and atomic.leftovers(history))
    )


def recover(data_dir: str | Path) -> None:
    """Finish, or undo, a publish that a killed process left half done (see the module's
    docstring), and remove its temporary files. Cheap when there is nothing to do, and then it
    writes nothing (a read-only data folder is fine); a read-only replica never writes, and
    leaves its copy to whoever brings it.
    """
    if not settings.get("read_only") and _needs_recovery(data_dir):
        with locked(data_dir):
            _recover(data_dir)


def _publish(
    data_dir: str | Path,
    files: Mapping[str, pd.DataFrame],
    who: str,
    kind: str,
    summary: Summary,
) -> Version:
    """Under the lock: write `files` ({name: DataFrame}) as a new version by `who` and make it
    the published one; NoChange if they are the published files already.
    """
    for name, frame in files.items():
        _, formulas = refuse_formulas(frame.astype(str), name)
        if formulas:
            raise FormulaCell(formulas[0])
    published = _contents(data_dir)
    contents = published | {name: csv_bytes(frame) for name, frame in files.items()}
    if contents == published:
        raise NoChange("nothing to publish: the data is already as this change would make it")
    if not versions(data_dir):
        origin = _write_version(data_dir, published, "—", "origin", {})
        _make_published(data_dir, origin.number)  # the files are already these: clears PENDING
    version = _write_version(data_dir, contents, who, kind, summary)
    _make_published(data_dir, version.number)
    return version


def commit(
    data_dir: str | Path,
    files: Mapping[str, pd.DataFrame],
    who: str | None,
    kind: str,
    summary: Summary,
    base: str,
) -> Version:
    """Write `files` ({name: DataFrame} among VERSIONED) as a new version by editor `who`.

    `base`: the fingerprint of the data the change was made from. Returns the `Version`.
    """
    refuse_if_read_only()
    if not who:
        raise NotAnEditor("only an editor who is signed in may change the published data")
    unknown = set(files) - set(VERSIONED)
    if unknown:
        raise CoopMapError(f"not a file the app writes: {', '.join(sorted(unknown))}")
    with locked(data_dir):
        _recover(data_dir)
        if fingerprint(data_dir) != base:
            known = versions(data_dir)
            numbers = [v.number for v in known if v.fingerprint == base]
            raise StaleData([v for v in known if numbers and v.number > numbers[-1]])
        return _publish(data_dir, files, who, kind, summary)


def add_places(
    data_dir: str | Path, rows: Sequence[Mapping[str, str]], who: str | None
) -> Version | None:
    """Add points to the geocoding cache, for places it does not hold yet: additions never
    conflict, so they are made on the cache as it is when the lock is taken. Returns the
    `Version`, or None when there was nothing to add.
    """
    refuse_if_read_only()
    if not who:
        raise NotAnEditor("only an editor who is signed in may change the published data")
    with locked(data_dir):
        _recover(data_dir)
        cache = read_coordinates(Path(data_dir) / COORDINATES_FILE)
        held = set(zip(cache.country, cache.authority_type, cache.name))
        new = [r for r in rows if (r["country"], r["authority_type"], r["name"]) not in held]
        if not new:
            return None
        added = pd.DataFrame(new, columns=COORDINATE_COLUMNS)
        placed = [f"{r['name']} ({r['authority_type']}, {r['country']})" for r in new]
        files = {COORDINATES_FILE: pd.concat([cache, added])}
        return _publish(data_dir, files, who, "geocode", {"placed": placed})


def files_of(data_dir: str | Path, number: int) -> dict[str, pd.DataFrame]:
    """The written files as version `number` left them, as DataFrames of text."""
    folder = Path(data_dir) / HISTORY / f"{number:05d}"
    if not (folder / "version.json").exists():
        raise CoopMapError(f"there is no version {number}")
    return {
        name: pd.read_csv(folder / name, dtype=str, keep_default_na=False)
        for name in VERSIONED
        if (folder / name).exists()
    }


def restore(data_dir: str | Path, number: int, who: str | None, base: str) -> Version:
    """Make version `number` the published data again, as a new version."""
    return commit(data_dir, files_of(data_dir, number), who, "restore", {"restored": number}, base)
