"""The data's version number, and its changelog: one entry per published version.

Each published version (a version of `history/`, see publish.py) is a data version. Its major
and minor numbers are the data package's (`datapackage.json`, raised by hand when a table
changes shape); its patch is its number in `history/` less one, so that the data as shipped
(version 1, the origin) is x.y.0 and each change published in the app the next patch.
"""

import json
from pathlib import Path

DESCRIPTOR = "datapackage.json"
CHANGELOG = "CHANGELOG.md"  # written by the publish step, never by hand


def descriptor(data_dir):
    return json.loads((Path(data_dir) / DESCRIPTOR).read_text(encoding="utf-8"))


def number(data_dir, history_number):
    """The data version of version `history_number` of `history/`."""
    major, minor, _ = descriptor(data_dir)["version"].split(".")
    return f"{major}.{minor}.{history_number - 1}"


def changelog(data_dir, versions):
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
            for item in [number(data_dir, value)] if key == "restored" else value:
                lines.append(f"- {key}: {item}")
    return "\n".join(lines) + "\n"
