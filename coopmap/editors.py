"""Who may change the published data: the editors, and how they sign in.

Two ways, one per deployment. With an identity provider configured for Streamlit
(`[auth]` in `.streamlit/secrets.toml`), editors sign in there and are the e-mail addresses
that the secrets list (`[coopmap] editors`). With none, the default, editors are the names of
a local file (`editors_file` setting) with their passwords hashed by Argon2 (argon2-cffi),
compared in constant time; `python -m coopmap editor add NAME` adds one. Failed sign-ins slow
down and lock out the source that makes them, not the name (coopmap.throttle).
"""

import functools
import json
import os
import tempfile
import time
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from . import settings
from .exc import CoopMapError
from .throttle import Throttle, failures_file

_HASHER = PasswordHasher()


@functools.cache
def _dummy() -> str:
    """Checked when a name is unknown, so that a wrong name costs the same time as a wrong
    password. Made at the first sign-in, not at import: a hash takes half a second, and the
    first visitor of a server would wait for it.
    """
    return _HASHER.hash("no editor has this password")


class SignInRefused(CoopMapError):
    """A sign-in was refused: wrong name or password, or too many failures (`locked`)."""

    def __init__(self, message: str, locked: bool = False) -> None:
        super().__init__(message)
        self.locked = locked


class SignInTooOld(CoopMapError):
    """A write asked on a sign-in older than the `fresh_sign_in_minutes` setting."""


def read(path: str | Path) -> dict[str, dict[str, str]]:
    """{name: {"hash": ..., "added": ...}} of the editors file at `path` ({} if none)."""
    path = Path(path)
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as f:
        editors: dict[str, dict[str, str]] = json.load(f)
    return editors


def add(path: str | Path, name: str, password: str) -> None:
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


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def sign_in(
    path: str | Path,
    name: str,
    password: str,
    source: str = "localhost",
    throttle: Throttle | None = None,
) -> str:
    """`name` if the password is theirs; SignInRefused otherwise (and, for a `source` that
    failed `name` too often, even with the right password). `throttle` counts the failures and
    makes the source wait: by default in the file beside the editors file (coopmap.throttle).
    """
    throttle = throttle or Throttle(failures_file(path), settings.get("sign_in_delay"))
    name = name.strip()
    if throttle.wait(name, source):
        raise SignInRefused("too many failed attempts: try again later", locked=True)
    stored = read(path).get(name, {}).get("hash") or _dummy()
    try:
        _HASHER.verify(stored, password)
        known = stored is not _dummy()
    except (VerificationError, InvalidHashError):
        known = False
    if not known:
        throttle.failed(name, source)
        raise SignInRefused("wrong name or password", locked=throttle.locked(name, source))
    throttle.succeeded(name, source)
    return name


def is_editor(path: str | Path, name: str | None) -> bool:
    """Whether `name` is (still) an editor of the local file: checked at the moment of
    writing, so that an editor removed from the file can no longer write.
    """
    return bool(name) and name in read(path)
