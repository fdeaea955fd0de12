"""Every setting in one table: name, default and help, read from `COOPMAP_<NAME>`.

Environment variables keep the settings out of the data files and let tests point the
geocoder at a local server without touching code.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, overload

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | float | bool
    help: str


SETTINGS = (
    Setting("data_dir", str(PROJECT_ROOT / "data"), "Folder holding the data files."),
    Setting(
        "editors_file",
        str(PROJECT_ROOT / ".streamlit" / "editors.json"),
        "The local editors and their hashed passwords, used when no identity provider is "
        "configured (`python -m coopmap editor add NAME` writes it; keep it out of git).",
    ),
    Setting(
        "fresh_sign_in_minutes",
        5.0,
        "Minutes a local editor's sign-in allows writing (publish, restore, place places); "
        "after that a write asks for the password again, so that a stolen session id is not "
        "enough to write.",
    ),
    Setting(
        "sign_in_delay",
        1.0,
        "Seconds a source (a client address) waits before its next sign-in, once it has failed "
        "a few times; doubled at each further failure, up to a minute.",
    ),
    Setting(
        "user_agent",
        "coopmap/1.0 (Franco-Moroccan cooperation map)",
        "User-Agent sent to Nominatim; its policy asks for one that identifies the app.",
    ),
    Setting("nominatim_domain", "nominatim.openstreetmap.org", "Nominatim host (and port)."),
    Setting("nominatim_scheme", "https", "http or https, for Nominatim."),
    Setting("geocoder_timeout", 10.0, "Seconds before a Nominatim request is abandoned."),
    Setting(
        "geocoder_min_delay",
        1.0,
        "Seconds between two Nominatim requests (the policy allows one per second).",
    ),
    Setting("online_geocoding", True, "Ask Nominatim for places the offline gazetteer lacks."),
    Setting(
        "read_only",
        False,
        "Refuse every write to the data folder (publish, restore, place places), at the write "
        "itself: for a replica that serves a copy of the data published on another host "
        "(docs/deployment.md). Editors are sent to `editing_url`.",
    ),
    Setting(
        "editing_url",
        "",
        "Where the data is edited, named to editors by a read-only replica "
        "(e.g. https://edit.example.org/data).",
    ),
    Setting(
        "basemap",
        "auto",
        "auto: online tiles, falling back to the offline outlines when tiles fail; "
        "tiles: online tiles only; offline: the offline outlines only.",
    ),
    Setting(
        "tiles_url",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "URL template of the online tile layer.",
    ),
    Setting(
        "tiles_attribution",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
        "Attribution shown with the online tiles.",
    ),
    Setting(
        "tiles_url_dark",
        "https://{s}.basemaps.cartocdn.com/dark_all/{z}/{x}/{y}{r}.png",
        "URL template of the online tile layer in the dark theme (CARTO Dark Matter).",
    ),
    Setting(
        "tiles_attribution_dark",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
        '&copy; <a href="https://carto.com/attributions">CARTO</a>',
        "Attribution shown with the dark online tiles.",
    ),
)


# The settings' names by the type of their value, so that `get` says which it returns (and a
# name that is no setting is a type error).
FloatSetting = Literal[
    "fresh_sign_in_minutes", "sign_in_delay", "geocoder_timeout", "geocoder_min_delay"
]
BoolSetting = Literal["online_geocoding", "read_only"]
TextSetting = Literal[
    "data_dir",
    "editors_file",
    "user_agent",
    "nominatim_domain",
    "nominatim_scheme",
    "basemap",
    "editing_url",
    "tiles_url",
    "tiles_attribution",
    "tiles_url_dark",
    "tiles_attribution_dark",
]


def _convert(raw: str, default: str | float | bool) -> str | float | bool:
    if isinstance(default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, float):
        return float(raw)
    return raw


@overload
def get(name: FloatSetting, environ: Mapping[str, str] | None = None) -> float: ...
@overload
def get(name: BoolSetting, environ: Mapping[str, str] | None = None) -> bool: ...
@overload
def get(name: TextSetting, environ: Mapping[str, str] | None = None) -> str: ...


def get(name: str, environ: Mapping[str, str] | None = None) -> str | float | bool:
    """The value of setting `name`: `COOPMAP_<NAME>` if set, else its default."""
    environ = os.environ if environ is None else environ
    setting = next(s for s in SETTINGS if s.name == name)
    raw = environ.get("COOPMAP_" + name.upper())
    return setting.default if raw is None else _convert(raw, setting.default)
