"""Who may change the published data: the editors, and how they sign in.

Two ways, one per deployment. With an identity provider configured for Streamlit
(`[auth]` in `.streamlit/secrets.toml`), editors sign in there and are the e-mail addresses
that the secrets list (`[coopmap] editors`). With none, the default, editors are the names of
a local file (`editors_file` setting) with their passwords hashed by Argon2 (argon2-cffi),
compared in constant time; `python -m coopmap editor add NAME` adds one. After
MAX_FAILURES wrong passwords for a name within LOCKOUT_SECONDS, that name is locked out for
the rest of the window, whatever password comes.
"""

import json
import os
import tempfile
import threading
import time
from collections import defaultdict, deque
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .exc import CoopMapError

MAX_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60
_HASHER = PasswordHasher()
# Checked when a name is unknown, so that a wrong name costs the same time as a wrong password.
_DUMMY = _HASHER.hash("no editor has this password")


class SignInRefused(CoopMapError):
    """A sign-in was refused: wrong name or password, or too many failures (`locked`)."""

    def __init__(self, message, locked=False):
        super().__init__(message)
        self.locked = locked


def read(path):
    """{name: {"hash": ..., "added": ...}} of the editors file at `path` ({} if none)."""
    path = Path(path)
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def add(path, name, password):
    """Add (or give a new password to) editor `name`; the file is written atomically."""
    name = name.strip()
    if not name or len(password) < 12:
        raise CoopMapError("an editor needs a name and a password of at least 12 characters")
    editors = read(path) | {name: {"hash": _HASHER.hash(password), "added": _now()}}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as f:
        json.dump(editors, f, indent=1, sort_keys=True)
    os.chmod(temporary, 0o600)  # hashes only, but nobody else's business
    os.replace(temporary, path)


def _now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Guard:
    """Counts failed sign-ins by name, in this server process, and locks a name out."""

    def __init__(self, max_failures=MAX_FAILURES, window=LOCKOUT_SECONDS, clock=time.monotonic):
        self.max_failures, self.window, self.clock = max_failures, window, clock
        self._failures = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, name):
        failures = self._failures[name]
        while failures and self.clock() - failures[0] > self.window:
            failures.popleft()
        return failures

    def locked(self, name):
        with self._lock:
            return len(self._recent(name)) >= self.max_failures

    def failed(self, name):
        with self._lock:
            self._recent(name).append(self.clock())

    def succeeded(self, name):
        with self._lock:
            self._failures.pop(name, None)


GUARD = Guard()  # one per server process: every session's attempts count


def sign_in(path, name, password, guard=None):
    """`name` if the password is theirs; SignInRefused otherwise (and after too many failures,
    even with the right password). `guard` counts the failures: the process's GUARD by default.
    """
    guard = guard or GUARD
    name = name.strip()
    if guard.locked(name):
        raise SignInRefused("too many failed attempts: try again later", locked=True)
    stored = read(path).get(name, {}).get("hash", _DUMMY)
    try:
        _HASHER.verify(stored, password)
        known = stored is not _DUMMY
    except (VerificationError, InvalidHashError):
        known = False
    if not known:
        guard.failed(name)
        raise SignInRefused("wrong name or password", locked=guard.locked(name))
    guard.succeeded(name)
    return name


def is_editor(path, name):
    """Whether `name` is (still) an editor of the local file: checked at the moment of
    writing, so that an editor removed from the file can no longer write.
    """
    return bool(name) and name in read(path)
