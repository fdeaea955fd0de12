"""The map's view in a link, `view=latitude,longitude,zoom`: one format that the map's script
writes (static/map/share.js, configured from here) and `links` reads back.

Leaflet moves by quarter zoom levels (basemap.js), so a view a person leaves the map in has a
zoom such as 5.25: the format keeps it, and a link reopens at the same quarter.
"""

import math

DECIMALS = 4  # of a degree: about 10 m, finer than any zoom of this map can show
ZOOM_STEP = 0.25  # Leaflet's zoomSnap: the zoom levels the map stops at
ZOOM_RANGE = (1, 18)


def snap(zoom: float) -> float:
    """The zoom level the map stops at nearest to `zoom`."""
    return round(zoom / ZOOM_STEP) * ZOOM_STEP


def write(latitude: float, longitude: float, zoom: float) -> str:
    """A view as a link writes it: "34.0209,-6.8416,5.25" (a whole zoom without ".0")."""
    return f"{latitude:.{DECIMALS}f},{longitude:.{DECIMALS}f},{snap(zoom):g}"


def parse(text: str | None) -> tuple[float, float, float] | None:
    """(latitude, longitude, zoom) from a link's `view`; None if it is not a view of this map."""
    parts = (text or "").split(",")
    if len(parts) != 3:
        return None
    try:
        latitude, longitude, zoom = map(float, parts)
    except ValueError:
        return None
    if not all(map(math.isfinite, (latitude, longitude, zoom))):
        return None
    if not (-85 <= latitude <= 85 and -180 <= longitude <= 180):
        return None
    zoom = snap(zoom)
    return (latitude, longitude, zoom) if ZOOM_RANGE[0] <= zoom <= ZOOM_RANGE[1] else None


def script_config() -> dict[str, float]:
    """What share.js needs to write a view in this format, and basemap.js to stop at its zooms."""
    return {"decimals": DECIMALS, "zoomStep": ZOOM_STEP}
