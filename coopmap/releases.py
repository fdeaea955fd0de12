"""The data's version number, and its changelog: one entry per published version.

Each published version (a version of `history/`, see publish.py) is a data version. Its major
and minor numbers are the data package's (`datapackage.json`, raised by hand when a table
changes shape); its patch is its number in `history/` less one, so that the data as shipped
(version 1, the origin) is x.y.0 and each change published in the app the next patch.
"""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from .publish import Version  # publish imports this module

DESCRIPTOR = "datapackage.json"
CHANGELOG = "CHANGELOG.md"  # written by the publish step, never by hand


def descriptor(data_dir: str | Path) -> dict[str, Any]:
    """The data package's descriptor, datapackage.json, as a dict of its JSON."""
    package: dict[str, Any] = json.loads((Path(data_dir) / DESCRIPTOR).read_text(encoding="utf-8"))
    return package


def number(data_dir: str | Path, history_number: int) -> str:
    """The data version of version `history_number` of `history/`."""
    major, minor, _ = descriptor(data_dir)["version"].split(".")
    return f"{major}.{minor}.{history_number - 1}"


def changelog(data_dir: str | Path, versions: Sequence["Version"]) -> str:
    """CHANGELOG.md for `versions` (publish.Version, oldest first): what each one changed,
    pairing by pairing, newest first.
    """
    lines = [
        "# What changed in the data",
        "",
        "Written by the publish step from `history/`, one entry per published version.",
    ]
    for version in reversed(versions):
        lines += ["", f"## {number(data_dir, version.number)}: {version.when}, {version.kind}", ""]
        if version.kind == "origin":
            lines.append("- the data as it was before the first change published in the app")
        for key, value in version.summary.items():
            # "restored" holds a version's number; the other keys, lists of what changed.
            items = (
                [number(data_dir, cast(int, value))]
                if key == "restored"
                else cast(list[str], value)
            )
            for item in items:
                lines.append(f"- {key}: {item}")
    return "\n".join(lines) + "\n"
