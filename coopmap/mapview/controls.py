"""The controls drawn on the map: the side they sit on, the legend and an exported map's
caption, the theme follower, the copy-link button, the year-by-year "play" and the
presentation's step-through.

Each is a call to its script in static/map/ with its configuration; texts are passed as plain
text and set as text by the scripts.
"""

from collections.abc import Mapping
from typing import Any, TypeAlias

from ..palette import PALETTES, Palette, dark_for_light
from ..schema import LEVELS
from . import view
from .elements import Script

LIGHT, DARK = PALETTES["light"], PALETTES["dark"]
SHARE_LABELS = (
    "copy_link",
    "copy_link_help",
    "link_copied",
    "copy_link_manual",
    "embed_map",
    "embed_map_help",
    "embed_map_copied",
    "embed_map_title",
)
STEP_LABELS = (
    "steps_label",
    "step_previous",
    "step_next",
    "step_hint",
    "step_none",
    "step_count",
)
TIMELINE_LABELS = ("play", "pause", "play_caption", "play_undated")
# The words Leaflet writes in English on its own controls: titles and names read aloud.
CONTROL_LABELS = ("zoom_in", "zoom_out", "popup_close", "leaflet_about")
# The translated texts the map needs (ui.map_labels): {key: text}, and "language" (its code),
# "types" ({(country, authority type): its name}) and "kinds" ({agreement kind: its name}).
# Its values differ by key, hence Any.
Labels: TypeAlias = Mapping[str, Any]
# A swatch of the legend: its light colour, its dark colour and its text.
Swatch: TypeAlias = tuple[str, str, str]


def level_colour(level: str, colours: Palette = LIGHT) -> str:
    return colours.town if level == "town" else colours.territory


def country_colour(country: str, colours: Palette = LIGHT) -> str:
    return colours.morocco if country == "MA" else colours.france


def _legend(title: str, lines: list[Swatch], points: list[Swatch], note: str) -> Script:
    config = {"title": title, "lines": lines, "points": points, "note": note}
    return Script("legend", config)


def pairings_legend(labels: Labels) -> Script:
    """The legend of the pairings map: lines by level, places by country, circle size.

    Each swatch carries its light and dark colour; the stylesheet shows the theme's.
    """
    return _legend(
        labels["legend_title"],
        [
            (level_colour(level), level_colour(level, DARK), labels[f"level_{level}"])
            for level in LEVELS
        ],
        [
            (country_colour(c), country_colour(c, DARK), labels[f"country_{c}"])
            for c in ("MA", "FR")
        ],
        labels["legend_size"],
    )


def requests_legend(labels: Labels) -> Script:
    """The legend of the expertise requests' map: one circle, its size growing with them."""
    title = labels["legend_requests"]
    return _legend(
        title, [], [(LIGHT.requests, DARK.requests, title)], labels["legend_requests_size"]
    )


def caption(title: str, text: str) -> Script:
    """A title and the data's date and source, in a corner of an exported map."""
    return Script("caption", {"title": title, "text": text})


def direction(labels: Labels, right_to_left: bool = False) -> Script:
    """Leaflet's own controls (static/map/direction.js): their words in the reader's language,
    and the side each control of the map sits on: in a language read right to left, mirrored
    (zoom top right, scale and play bottom right, basemap switch, copy-link and attribution on
    the left), the texts of its boxes right to left; the legend stays over the Atlantic.
    """
    config = {
        "labels": {key: labels[key] for key in CONTROL_LABELS},
        "right_to_left": right_to_left,
    }
    return Script("direction", config)


def look(present: bool) -> Script:
    """The map follows the app's light or dark theme (static/map/look.js)."""
    config = {
        "present": present,
        "swap": dark_for_light(),
        "sea": {"light": LIGHT.sea, "dark": DARK.sea},
    }
    return Script("look", config)


def share(labels: Labels) -> Script:
    """The view in the page's address, and the buttons that copy a link to it and the code
    that embeds it in another site (static/map/share.js)."""
    config = {"labels": {key: labels[key] for key in SHARE_LABELS}, "view": view.script_config()}
    return Script("share", config)


def timeline(labels: Labels) -> Script:
    """The "play" button that grows the map year by year (static/map/timeline.js)."""
    config = {"labels": {key: labels[key] for key in TIMELINE_LABELS}}
    return Script("timeline", config)


def steps(labels: Labels, right_to_left: bool = False) -> Script:
    """Presentation mode's step-through (static/map/steps.js). Read right to left, its arrows
    and arrow keys follow the reading: ← goes forward, → back (Page Down and Page Up, a
    presenter's remote, keep their meaning).
    """
    config = {"labels": {key: labels[key] for key in STEP_LABELS}, "right_to_left": right_to_left}
    return Script("steps", config)
