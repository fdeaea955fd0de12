"""The map, built with folium and drawn by the map's own scripts in static/map/.

- `basemap`: the map that does not change with the filters (Leaflet from this server, the
  offline outlines and online tiles in their own pane, the view), with its controls;
- `layers`: the GeoJSON of what the filters select, and the layer group that carries it;
- `controls`: legend, theme follower, copy-link button, presentation's step-through;
- `standalone`: the map as one HTML file that works offline;
- `elements`: the one folium element they are all made of, a call to a script.
"""

from ..schema import LEVELS
from . import view
from .basemap import FRAME, MODES, base_map
from .controls import (
    CONTROL_LABELS,
    LIGHT,
    SHARE_LABELS,
    STEP_LABELS,
    TIMELINE_LABELS,
    caption,
    country_colour,
    level_colour,
    pairings_legend,
    requests_legend,
)
from .layers import (
    AGGREGATE_ABOVE,
    feature_group,
    flows_geojson,
    layers,
    pairings_layer,
    pairings_table,
    place_labels,
    requests_geojson,
    requests_layer,
    styles,
)
from .standalone import standalone_html

__all__ = [
    "AGGREGATE_ABOVE",
    "CONTROL_LABELS",
    "FRAME",
    "LEVELS",
    "LIGHT",
    "MODES",
    "SHARE_LABELS",
    "STEP_LABELS",
    "TIMELINE_LABELS",
    "base_map",
    "caption",
    "country_colour",
    "feature_group",
    "flows_geojson",
    "layers",
    "level_colour",
    "pairings_layer",
    "pairings_table",
    "pairings_legend",
    "place_labels",
    "requests_geojson",
    "requests_layer",
    "requests_legend",
    "standalone_html",
    "styles",
    "view",
]
