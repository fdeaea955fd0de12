"""Bring your own list: template, checks, placing the new places, a session view, saving."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import ui
from coopmap import data, geocode, mapview, settings, upload
from coopmap.exc import CoopMapError
from coopmap.gazetteer import Gazetteer
from coopmap.text import markdown_escape

data_dir = Path(settings.get("data_dir"))
language = ui.language()
published, _ = ui.dataset()

st.title(ui.t("page_data"))
st.write(ui.t("data_intro"))
st.download_button(
    ui.t("template_download"),
    upload.template_xlsx(published.partnerships.iloc[0].to_dict(), language),
    file_name=f"{ui.t('download_name')}-template.xlsx",
    key="template",
)
uploaded = st.file_uploader(ui.t("upload_label"), type=["csv", "xlsx"], key="upload")
if uploaded is None:
    st.stop()

# Each session keeps its upload in a folder of its own: no other session can see it.
folder = Path(st.session_state.setdefault("upload_folder", tempfile.mkdtemp(prefix="coopmap-")))
path = folder / Path(uploaded.name).name
if not path.exists() or path.read_bytes() != uploaded.getvalue():
    path.write_bytes(uploaded.getvalue())
key = str(path)
try:
    own = upload.load(data_dir, path, ui.session_points(key))
except CoopMapError as error:
    st.error(markdown_escape(error))
    st.stop()

bad_rows = {p.row for p in own.problems if p.severity == "error"}
st.success(ui.t("upload_ok", valid=len(own.partnerships), errors=len(bad_rows)))
ui.report_problems(own, [])


@st.cache_resource(show_spinner=False)
def gazetteer():
    return Gazetteer()


st.subheader(ui.t("new_places"))
missing = upload.new_places(own)
outcomes = st.session_state.setdefault("upload_outcomes", {}).setdefault(key, {})
if missing.empty:
    st.info(ui.t("no_new_places"))
elif st.button(ui.t("geocode_new"), key="geocode_new"):
    st.button(ui.t("geocode_cancel"), key="geocode_cancel")  # a click reruns, which stops
    bar = st.progress(0.0)
    online = geocode.NominatimSource.from_settings() if settings.get("online_geocoding") else None
    before, placed = ui.session_points(key), []

    def progress(done, total, outcome):
        outcomes[outcome.place_id] = outcome
        if outcome.row:  # kept at once: the user may stop the run at any place
            placed.append(outcome.row)
            ui.set_session_points(key, pd.concat([before, pd.DataFrame(placed)]))
        bar.progress(done / total, text=ui.t("geocoding", name=outcome.place_id.split(":")[-1]))

    geocode.place_missing(missing, own.coordinates, gazetteer(), online, progress)
    st.rerun()
if outcomes:
    st.table(
        {
            ui.t("col_place"): [markdown_escape(pid.split(":", 2)[2]) for pid in outcomes],
            ui.t("col_status"): [ui.t(f"status_{o.status}") for o in outcomes.values()],
            ui.t("col_reason"): [markdown_escape(o.reason) for o in outcomes.values()],
        },
        hide_index=True,
    )

points = ui.session_points(key)
for place_id, outcome in outcomes.items():
    if outcome.status != geocode.AMBIGUOUS:
        continue
    options = [outcome.candidate, *outcome.candidate.alternatives]
    choice = st.selectbox(
        ui.t("choose_place", name=markdown_escape(place_id.split(":", 2)[2])),
        range(len(options)),
        format_func=lambda i, options=options: (
            f"{options[i].latitude:.3f}, {options[i].longitude:.3f} "
            f"(GeoNames {options[i].source_id})"
        ),
        key=f"choose-{place_id}",
    )
    chosen = options[choice]
    row = points.apply(lambda p: data.place_id(p.country, p.authority_type, p.name), axis=1)
    mine = row == place_id
    if mine.any() and points.loc[mine, "source_id"].iloc[0] != chosen.source_id:
        points.loc[mine, ["latitude", "longitude"]] = [
            f"{chosen.latitude:.5f}",
            f"{chosen.longitude:.5f}",
        ]
        points.loc[mine, ["source_id", "note"]] = [chosen.source_id, "chosen among homonyms"]
        ui.set_session_points(key, points)
        st.rerun()
if len(points):
    st.write(ui.t("correct_points"))
    edited = st.data_editor(
        points[["name", "authority_type", "latitude", "longitude", "source"]],
        disabled=["name", "authority_type", "source"],
        hide_index=True,
        key="correct_points",
    )
    moved = (edited.latitude != points.latitude) | (edited.longitude != points.longitude)
    if moved.any():
        corrected = points.copy()
        corrected.loc[moved, ["latitude", "longitude"]] = edited.loc[
            moved, ["latitude", "longitude"]
        ]
        corrected.loc[moved, ["source", "note"]] = ["manual", "corrected by hand on upload"]
        ui.set_session_points(key, corrected)
        st.rerun()

st.subheader(ui.t("preview"))
labels = ui.map_labels(own)
st_folium(
    ui.base_map(labels, mapview.pairings_legend(labels)),
    key="upload_map",
    feature_group_to_add=mapview.pairings_layer(
        mapview.layers(own.partnerships, own.places, labels)
    ),
    returned_objects=[],
    height=420,
    use_container_width=True,
)

if st.button(ui.t("use_for_session"), key="use_for_session", type="primary"):
    st.session_state[ui.SESSION_LIST] = {"path": key, "name": uploaded.name}
    st.switch_page("pages/map.py")
confirm = st.checkbox(ui.t("save_confirm"), key="save_confirm")
if st.button(ui.t("save_to_files"), key="save_to_files", disabled=not confirm):
    upload.save(own, ui.session_points(key), data_dir)
    st.success(ui.t("saved", count=len(own.partnerships)))
