"""The data as one zip that anyone can reuse, check and cite without this app.

The zip holds, in one folder named like the zip, the files that `datapackage.json` lists, that
descriptor itself (so `frictionless validate datapackage.json` checks the unpacked folder), the
data's README and changelog, `CITATION.cff` and `LICENSES.md`. The descriptor and the citation
carry the data version published now (see releases.py); the licences are written from the
descriptor's own `licenses` and `sources`, so that the package states them once.
"""

import io
import json
import re
import zipfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from . import atomic, publish, releases
from .settings import PROJECT_ROOT

NAME = "cooperation-franco-marocaine"
CITATION = PROJECT_ROOT / "CITATION.cff"  # the project's, which cites the data


def version(data_dir: str | Path) -> str:
    """The data version published now: that of the newest version of `history/`."""
    newest = max((v.number for v in publish.versions(data_dir)), default=1)
    return releases.number(data_dir, newest)


def file_name(data_dir: str | Path, day: date | None = None) -> str:
    """The zip's name, with the data version and the day it is made: two downloads of
    different data never share a name.
    """
    return f"{NAME}-{version(data_dir)}-{(day or date.today()).isoformat()}.zip"


def licenses(package: Mapping[str, Any]) -> str:
    """LICENSES.md: the data's licence, then each source with its own terms."""
    lines = ["# Licences", ""]
    lines += [
        f"The data of this package is under {item['title']} ({item['name']}): {item['path']}"
        for item in package["licenses"]
    ]
    lines += ["", "Its sources, each with the terms it keeps:", ""]
    lines += [
        f"- {source['title']} ({source['path']}): "
        + (f"{source['license']}. " if "license" in source else "")
        + source["description"]
        for source in package["sources"]
    ]
    return "\n".join(lines) + "\n"


def build(data_dir: str | Path, day: date | None = None) -> bytes:
    """The zip, as bytes."""
    data_dir = Path(data_dir)
    number = version(data_dir)
    package = releases.descriptor(data_dir) | {"version": number}
    citation = re.sub(r"(?m)^version: .*$", f"version: {number}", CITATION.read_text("utf-8"))
    texts = {
        releases.DESCRIPTOR: json.dumps(package, ensure_ascii=False, indent=2) + "\n",
        CITATION.name: citation,
        "LICENSES.md": licenses(package),
    }
    files = {resource["path"]: data_dir / resource["path"] for resource in package["resources"]}
    files["README.md"] = data_dir / "README.md"
    if (data_dir / releases.CHANGELOG).exists():  # once a version is published in the app
        files[releases.CHANGELOG] = data_dir / releases.CHANGELOG
    folder = file_name(data_dir, day).removesuffix(".zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in files.items():
            archive.write(path, f"{folder}/{name}")
        for name, text in texts.items():
            archive.writestr(f"{folder}/{name}", text)
    return buffer.getvalue()


def write(data_dir: str | Path, out: str | Path, day: date | None = None) -> Path:
    """Write the zip to `out` (a folder: under its versioned name inside it); returns its path."""
    out = Path(out)
    if out.is_dir():
        out = out / file_name(data_dir, day)
    atomic.write_bytes(out, build(data_dir, day))
    return out
