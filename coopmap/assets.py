"""The files the browser loads from this server, never from a CDN: Leaflet, the map's own
scripts and styles, and the offline basemap.

Streamlit serves the project's `static/` folder at `/app/static` (`server.enableStaticServing`
in `.streamlit/config.toml`); an exported map carries the same files inside it.
"""

import importlib.util
from pathlib import Path

# In the repository, static/ beside the package; installed (`pip install .`), the same files
# as the package `coopmap_static`.
_CHECKOUT = Path(__file__).resolve().parent.parent / "static"
STATIC_DIR = (
    _CHECKOUT
    if _CHECKOUT.is_dir()
    else Path(importlib.util.find_spec("coopmap_static").submodule_search_locations[0])
)
STATIC_URL = "/app/static"

LEAFLET_JS = f"{STATIC_URL}/vendor/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/vendor/leaflet/leaflet.css"
MAP_CSS = f"{STATIC_URL}/coopmap.css"
# Natural Earth country outlines (see data/README.md): drawn when the online tiles cannot
# load, and used to check that each place lies in its country.
BASEMAP_URL = f"{STATIC_URL}/map/basemap.geojson"


def script_url(name):
    """The URL of one of the map's scripts, static/map/<name>.js."""
    return f"{STATIC_URL}/map/{name}.js"


def path_of(url):
    """The file behind a URL under STATIC_URL."""
    return STATIC_DIR / url.removeprefix(f"{STATIC_URL}/")


BASEMAP_FILE = path_of(BASEMAP_URL)
