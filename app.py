"""The server: `streamlit run app.py` serves dashboard.py, the app, with Streamlit's `st.App`.

What every first visitor of a new server would otherwise wait for is done as the server
starts (its lifespan): the imports of the pages (pandas, folium, the checks) and the published
data read and checked, into the cache the pages read (ui/loading.py). `streamlit run
dashboard.py` still runs the app, with that work left to its first visitor.
"""

import contextlib
import logging

import streamlit as st


@contextlib.asynccontextmanager
async def warmed(app):
    import ui  # the edge, and through it the domain package the pages use
    from coopmap import export, mapview  # noqa: F401  (the map page's own imports)

    try:
        ui.loading.published()
    except Exception:  # the first visitor will see why, in their language
        logging.getLogger("coopmap").exception("could not read the data as the server started")
    yield


app = st.App("dashboard.py", lifespan=warmed)
