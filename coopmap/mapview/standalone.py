"""The map as one HTML file that opens with no server and no internet (a USB stick)."""

import json
import re

from .. import assets
from ..catalog import RIGHT_TO_LEFT
from ..text import escape
from .basemap import base_map
from .controls import Labels, caption, pairings_legend
from .layers import Drawing, pairings_layer

_LINK = re.compile(r'<script src="([^"]+)"></script>|<link rel="stylesheet" href="([^"]+)"/>')


def _inline(match: re.Match[str]) -> str:
    """The served asset a <script> or stylesheet <link> names, put inside the page."""
    script, stylesheet = match.groups()
    content = assets.path_of(script or stylesheet).read_text(encoding="utf-8")
    if script:
        return f"<script>{content}</script>"
    return f"<style>{content}</style>"


def standalone_html(labels: Labels, drawing: Drawing, title: str, text: str, language: str) -> str:
    """The map's page with Leaflet, the map's scripts and styles and the offline basemap inside
    it: `drawing` (see `layers.layers`), the legend and a caption (`title`; `text`: date and
    source of the data); in `language`.
    """
    with open(assets.BASEMAP_FILE, encoding="utf-8") as f:
        outlines = {"data": json.load(f)}
    fmap = base_map(labels, "offline", outlines=outlines, rtl=language in RIGHT_TO_LEFT)
    pairings_legend(labels).add_to(fmap)
    pairings_layer(drawing).add_to(fmap)
    caption(title, text).add_to(fmap)
    page = _LINK.sub(_inline, fmap.get_root().render())
    # A title for the browser's tab and a language for screen readers and translators.
    head = f'<html lang="{escape(language)}">\n<head>\n    <title>{escape(title)}</title>'
    return page.replace("<html>\n<head>", head, 1)
