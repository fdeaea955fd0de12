"""The map that does not change with the filters: Leaflet from this server, the offline outlines
and online tiles in a pane of their own, and the view the map opens on.

streamlit-folium keeps a map mounted, with the view the user gave it, only while its script
stays the same; so everything that depends on the filters is elsewhere (`layers`), and this
map's script depends only on the interface's settings and language.
"""

import re
from collections.abc import Mapping
from typing import Any

import folium
from branca.element import Element, Figure

from .. import assets
from ..palette import PALETTES
from ..text import escape
from . import controls, view
from .elements import Script

LIGHT = PALETTES["light"]
FRAME = [[21.0, -17.5], [51.5, 8.5]]  # Dakhla to Lille: both countries as the source shows them
# The box the offline outlines cover (static/map/basemap.geojson, scripts/build_basemap.py):
# the view never leaves it. A zoom of 3 still shows both countries whole on a phone.
EXTENT, MIN_ZOOM = [[-12.0, -65.0], [75.0, 80.0]], 3
# The basemap's own pane, under Leaflet's overlay pane (z-index 400) where the pairings are.
BASEMAP_PANE, BASEMAP_Z_INDEX = "coopmap-basemap", 200
FAILED_TILES_BEFORE_FALLBACK = 3
MODES = ("auto", "tiles", "offline")  # tiles falling back to outlines; tiles only; outlines only
# folium writes a viewport that forbids zooming the page (`user-scalable=no`): a person who
# needs to enlarge the map's text must be able to.
_NO_ZOOM = re.compile(r",\s*maximum-scale=1\.0,\s*user-scalable=no")


class OfflineMap(folium.Map):
    """A folium.Map whose Leaflet comes from this server, never from a CDN, and that lets the
    page be zoomed.

    folium's Popup needed jQuery; the map's own scripts do not, so it is not loaded.
    """

    default_js = [("leaflet", assets.LEAFLET_JS)]
    default_css = [("leaflet_css", assets.LEAFLET_CSS), ("coopmap_css", assets.MAP_CSS)]

    def __init__(self, **options: Any) -> None:
        super().__init__(tiles=None, prefer_canvas=True, **options)  # scale: direction.js

    # folium's Map.render returns nothing, though branca's Element.render says it returns text.
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        super().render(**kwargs)  # type: ignore[no-untyped-call]  # folium's, unannotated
        root = self.get_root()
        assert isinstance(root, Figure)  # as folium's own render asserts
        header = root.header
        written = header._children[self.get_name()]._template_str
        assert written is not None  # folium writes the viewport from a template string
        header.add_child(Element(_NO_ZOOM.sub("", written)), name=self.get_name())


def basemap_config(
    mode: str, tiles: Mapping[str, tuple[str, str]], outlines: dict[str, object]
) -> dict[str, object]:
    """What static/map/basemap.js needs: the pane, the outlines and the tiles."""
    return {
        "pane": BASEMAP_PANE,
        "zIndex": BASEMAP_Z_INDEX,
        "mode": mode,
        "frame": FRAME,
        "extent": EXTENT,
        "minZoom": MIN_ZOOM,
        "zoomSnap": view.ZOOM_STEP,
        "outlines": outlines
        | {
            "style": {
                "fillColor": LIGHT.land,
                "fillOpacity": 1,
                "color": LIGHT.border,
                "weight": 0.8,
            }
        },
        "tiles": tiles,
        "failuresBeforeFallback": FAILED_TILES_BEFORE_FALLBACK,
    }


def base_map(
    labels: controls.Labels,
    mode: str = "auto",
    tiles: Mapping[str, tuple[str, str]] | None = None,
    outlines: dict[str, object] | None = None,
    *,
    present: bool = False,
    share: bool = False,
    rtl: bool = False,
) -> OfflineMap:
    """The map with its basemap and the controls that do not depend on the filters.

    `labels` are the translated texts; `mode` one of MODES; `tiles` the {"light": (URL,
    attribution), "dark": (URL, attribution)} of the online tiles; `outlines` {"url": ...}
    (the app: a file the browser fetches once) or {"data": GeoJSON} (an exported file).
    The map follows the app's theme; `share` keeps its view in the page's address and adds a
    copy-link button; `present` is the presentation mode: large type and the step-through;
    `rtl`, a language read right to left.
    """
    fmap = OfflineMap()
    config = basemap_config(mode, tiles or {}, outlines or {"url": assets.BASEMAP_URL})
    config["labels"] = {
        "online": escape(labels["online_basemap"]),  # Leaflet's layer switch writes HTML
        "offline": escape(labels["offline_basemap"]),
        "switch": labels["basemap"],  # the switch's title, set as text
    }
    # First: the other controls ask it for their corner.
    controls.direction(labels, rtl).add_to(fmap)
    Script("basemap", config).add_to(fmap)
    controls.look(present).add_to(fmap)
    if "play" in labels:  # a map of pairings, which have years
        controls.timeline(labels).add_to(fmap)
    if share:
        controls.share(labels).add_to(fmap)
    if present:
        controls.steps(labels, rtl).add_to(fmap)
    return fmap
