"""The card done the plain way: the baseline that benchmarks/load.py measures the app against.

    streamlit run benchmarks/naive_app.py

One file, as a newcomer would write it from the libraries' own tutorials: pandas reads the
shipped data (data/partnerships.csv, each side joined to data/coordinates.csv on its country,
authority type and name, in `st.cache_data`), folium draws one `PolyLine` per pairing,
streamlit-folium shows the map (`returned_objects` kept small, so that panning does not rerun
the script), a text search and a type filter sit in the sidebar, and `st.dataframe` lists the
pairings. It reads the same folder as the app (COOPMAP_DATA_DIR, else data/), so that both are
measured on the same data.

Nothing is dropped silently: a pairing with a place that has no point is not drawn, and the
caption under the title counts those pairings and names their places.

folium's default Leaflet and jQuery URLs point to CDNs, which an offline browser cannot reach;
the app serves its own copies (static/). The load test never opens a browser: it measures
what the server does per run, which those URLs do not change, so this baseline keeps plain
folium.
"""

import os
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

DATA_DIR = Path(os.environ.get("COOPMAP_DATA_DIR") or Path(__file__).parent.parent / "data")
SIDES = {"morocco": "MA", "france": "FR"}


@st.cache_data
def load_pairings(data_dir):
    """The pairings, with each side's latitude and longitude (NaN where it has no point)."""
    pairings = pd.read_csv(data_dir / "partnerships.csv", dtype=str, keep_default_na=False)
    points = pd.read_csv(data_dir / "coordinates.csv", dtype={"name": str})
    for side, country in SIDES.items():
        side_points = points[points.country == country][
            ["authority_type", "name", "latitude", "longitude"]
        ].add_prefix(f"{side}_")
        pairings = pairings.merge(
            side_points, on=[f"{side}_authority_type", f"{side}_name"], how="left"
        )
    return pairings


pairings = load_pairings(DATA_DIR)

st.set_page_config(page_title="Coopération franco-marocaine", layout="wide")
search = st.sidebar.text_input("Rechercher un lieu", key="search")
types = sorted(set(pairings.morocco_authority_type) | set(pairings.france_authority_type))
chosen_types = st.sidebar.multiselect("Type de collectivité", types, key="types")

shown = pairings
if search:
    shown = shown[
        shown.morocco_name.str.contains(search, case=False, regex=False)
        | shown.france_name.str.contains(search, case=False, regex=False)
    ]
if chosen_types:
    shown = shown[
        shown.morocco_authority_type.isin(chosen_types)
        | shown.france_authority_type.isin(chosen_types)
    ]
coordinates = [f"{side}_{axis}" for side in SIDES for axis in ("latitude", "longitude")]
unplaced = shown[shown[coordinates].isna().any(axis=1)]
placed = shown.drop(unplaced.index)

st.title("Coopération décentralisée franco-marocaine")
caption = f"{len(placed)} partenariats sur la carte."
if len(unplaced):
    names = sorted(
        {row.morocco_name for row in unplaced.itertuples() if pd.isna(row.morocco_latitude)}
        | {row.france_name for row in unplaced.itertuples() if pd.isna(row.france_latitude)}
    )
    caption += f" {len(unplaced)} non tracés, faute de point pour : {', '.join(names)}."
st.caption(caption)

fmap = folium.Map(location=[38, -3], zoom_start=5)
for row in placed.itertuples():
    morocco = (row.morocco_latitude, row.morocco_longitude)
    france = (row.france_latitude, row.france_longitude)
    line = folium.PolyLine([morocco, france], tooltip=f"{row.morocco_name} – {row.france_name}")
    line.add_to(fmap)
st_folium(
    fmap, returned_objects=["last_object_clicked_tooltip"], height=600, use_container_width=True
)

st.dataframe(
    shown[["morocco_name", "morocco_authority_type", "france_name", "france_authority_type"]],
    hide_index=True,
)
