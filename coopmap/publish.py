"""Changing the published data: one writer at a time, each change kept, each undoable.

Every write to the data folder (a list saved, a version restored, places added to the
geocoding cache) goes through `commit`, which:

- refuses a writer who is not an editor (`NotAnEditor`): the check is here, at the moment of
  writing, whatever the page showed;
- takes a lock on the folder (a file lock, so other server processes and the command line
  wait too);
- refuses a change based on data that has changed since it was read (`StaleData`): each
  change names the fingerprint of the files it was made from, and nothing is merged silently;
- writes each file atomically, then adds a version to `history/` (append-only): who, when,
  what changed, and the files as they then are. The first change also keeps the files as they
  were before it, as version 1, so every state has a way back (`restore`, itself a version).
"""

import hashlib
import json
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from .data import (
    COORDINATE_COLUMNS,
    COORDINATES_FILE,
    PARTNERSHIP_COLUMNS,
    PARTNERSHIPS_FILE,
    read_coordinates,
    write_csv_atomically,
)
from .exc import CoopMapError

VERSIONED = (PARTNERSHIPS_FILE, COORDINATES_FILE)  # the files the app writes
HISTORY = "history"
LOCK = ".write.lock"
LOCK_TIMEOUT = 30.0  # seconds a writer waits for another to finish


class NotAnEditor(CoopMapError):
    """Only an editor may change the published data."""


class Busy(CoopMapError):
    """Another change is being written and did not finish in time."""


class StaleData(CoopMapError):
    """The published data changed since this change was prepared; `since` holds the versions
    written since then (empty if the files were changed outside the app).
    """

    def __init__(self, since):
        who = ", ".join(f"version {v.number} ({v.kind}, {v.who}, {v.when})" for v in since)
        super().__init__(
            "the published data changed since you loaded it"
            + (f": {who}" if who else " (the files were edited outside the app)")
            + ". Nothing was written; load the data again and redo your change."
        )
        self.since = since


WHEN_FORMAT = "%Y-%m-%d %H:%M:%S UTC"  # a version's `when`, as version.json keeps it


@dataclass(frozen=True)
class Version:
    number: int
    when: str
    who: str
    kind: str  # "origin", "save", "restore", "geocode"
    summary: dict
    fingerprint: str

    @property
    def moment(self):
        """`when` as a datetime in UTC, for showing it as each language writes it."""
        return datetime.strptime(self.when, WHEN_FORMAT).replace(tzinfo=UTC)

    @property
    def folder_name(self):
        return f"{self.number:05d}"


@dataclass(frozen=True)
class Change:
    """A list against the published pairings, pairing by pairing (by `pairing_id`)."""

    added: pd.DataFrame
    changed: pd.DataFrame  # the new rows of pairings whose values differ
    removed: pd.DataFrame  # published pairings the list does not hold

    def summary(self, replace=False):
        def names(frame):
            return [
                f"{row.pairing_id}: {row.morocco_name} – {row.france_name}"
                for row in frame.itertuples()
            ]

        found = {"added": names(self.added), "changed": names(self.changed)}
        return found | ({"removed": names(self.removed)} if replace else {})


def fingerprint(data_dir):
    """What the written files hold, in one hash: a change is made from one fingerprint."""
    digest = hashlib.sha256()
    for name in VERSIONED:
        path = Path(data_dir) / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()


def compare(published, proposed):
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


def apply(published, change, replace=False):
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
def locked(data_dir, timeout=None):
    """The data folder's write lock, across processes (waiting LOCK_TIMEOUT by default)."""
    try:
        with FileLock(Path(data_dir) / LOCK, timeout=LOCK_TIMEOUT if timeout is None else timeout):
            yield
    except Timeout:
        raise Busy("another change is being written; try again in a moment") from None


def versions(data_dir):
    """Every version written, oldest first."""
    folder = Path(data_dir) / HISTORY
    found = []
    for meta in sorted(folder.glob("*/version.json")) if folder.exists() else ():
        with open(meta, encoding="utf-8") as f:
            found.append(Version(**json.load(f)))
    return found


def _record(data_dir, who, kind, summary):
    """Add a version: the written files as they now are, and what the change was."""
    history = Path(data_dir) / HISTORY
    number = max((v.number for v in versions(data_dir)), default=0) + 1
    version = Version(
        number,
        time.strftime(WHEN_FORMAT, time.gmtime()),
        who,
        kind,
        summary,
        fingerprint(data_dir),
    )
    folder = history / version.folder_name
    staging = history / f".{version.folder_name}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in VERSIONED:
        if (Path(data_dir) / name).exists():
            shutil.copy2(Path(data_dir) / name, staging / name)
    with open(staging / "version.json", "w", encoding="utf-8") as f:
        json.dump(version.__dict__, f, ensure_ascii=False, indent=1)
    staging.rename(folder)  # a version appears whole, or not at all
    return version


def commit(data_dir, files, who, kind, summary, base):
    """Write `files` ({name: DataFrame} among VERSIONED) as a new version by editor `who`.

    `base`: the fingerprint of the data the change was made from. Returns the `Version`.
    """
    if not who:
        raise NotAnEditor("only an editor who is signed in may change the published data")
    unknown = set(files) - set(VERSIONED)
    if unknown:
        raise CoopMapError(f"not a file the app writes: {', '.join(sorted(unknown))}")
    with locked(data_dir):
        if fingerprint(data_dir) != base:
            known = versions(data_dir)
            numbers = [v.number for v in known if v.fingerprint == base]
            raise StaleData([v for v in known if numbers and v.number > numbers[-1]])
        if not versions(data_dir):
            _record(data_dir, "—", "origin", {})
        for name, frame in files.items():
            write_csv_atomically(frame, Path(data_dir) / name)
        return _record(data_dir, who, kind, summary)


def add_places(data_dir, rows, who):
    """Add points to the geocoding cache, for places it does not hold yet: additions never
    conflict, so they are made on the cache as it is when the lock is taken. Returns the
    `Version`, or None when there was nothing to add.
    """
    if not who:
        raise NotAnEditor("only an editor who is signed in may change the published data")
    with locked(data_dir):
        cache = read_coordinates(Path(data_dir) / COORDINATES_FILE)
        held = set(zip(cache.country, cache.authority_type, cache.name))
        new = [r for r in rows if (r["country"], r["authority_type"], r["name"]) not in held]
        if not new:
            return None
        if not versions(data_dir):
            _record(data_dir, "—", "origin", {})
        added = pd.DataFrame(new, columns=COORDINATE_COLUMNS)
        write_csv_atomically(pd.concat([cache, added]), Path(data_dir) / COORDINATES_FILE)
        placed = [f"{r['name']} ({r['authority_type']}, {r['country']})" for r in new]
        return _record(data_dir, who, "geocode", {"placed": placed})


def files_of(data_dir, number):
    """The written files as version `number` left them, as DataFrames of text."""
    folder = Path(data_dir) / HISTORY / f"{number:05d}"
    if not (folder / "version.json").exists():
        raise CoopMapError(f"there is no version {number}")
    return {
        name: pd.read_csv(folder / name, dtype=str, keep_default_na=False)
        for name in VERSIONED
        if (folder / name).exists()
    }


def restore(data_dir, number, who, base):
    """Make version `number` the published data again, as a new version."""
    return commit(data_dir, files_of(data_dir, number), who, "restore", {"restored": number}, base)
