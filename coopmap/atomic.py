"""Writing a file so that a crash at any instant leaves its old content or its new, never half.

The new content goes to a temporary file in the same folder, named `.NAME.<random>.tmp` so that
`remove_leftovers` can find what a killed writer left, is flushed to disk, takes the mode the
file had (a new file the mode the umask gives: a publish must not make a published file
owner-only, which a web server or a second user could then not read), and replaces the file in
one rename. The folder is flushed too, so that the rename itself survives a power cut.
"""

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

_UMASK = os.umask(0o022)  # read once, at import, while no other thread can be writing files
os.umask(_UMASK)


def write_bytes(path: str | Path, content: bytes) -> None:
    """Replace the file at `path` by `content` (bytes), atomically and durably."""
    path = Path(path)
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_UMASK
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: str | Path) -> None:
    """Flush `folder` itself to disk: the names a rename put there, and not only the files."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def leftovers(folder: str | Path, names: Iterable[str] = ("",)) -> list[Path]:
    """The temporary files (and staging folders) in `folder` of the files whose names start
    with one of `names` (every one by default): what a killed writer left.
    """
    return [path for name in names for path in Path(folder).glob(f".{name}*.tmp")]


def remove_leftovers(folder: str | Path, names: Iterable[str] = ("",)) -> None:
    """Delete `leftovers(folder, names)`. Only where no writer is at work (under their lock)."""
    for path in leftovers(folder, names):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
