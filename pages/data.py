"""Bring your own list: template, checks, placing the new places, a session view, saving."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import ui
from coopmap import data, geocode, mapview, publish, settings, upload
from coopmap.exc import CoopMapError
from coopmap.gazetteer import Gazetteer
from coopmap.text import markdown_escape

data_dir = Path(settings.get("data_dir"))
language = ui.language()
published = ui.published()

st.title(ui.t("page_data"))
st.write(ui.t("data_intro"))
st.download_button(
    ui.t("template_download"),
    upload.template_xlsx(published.partnerships.head(1).to_dict("records"), language),
    file_name=f"{ui.t('download_name')}-template.xlsx",
    key="template",
)
# The drop zone's own words ("Drag and drop file here", "Upload", "per file") are Streamlit's,
# in English, with no way to set them: the help says the same in the visitor's language.
uploaded = st.file_uploader(
    ui.t("upload_label"),
    type=["csv", "xlsx"],
    key="upload",
    help=ui.t("upload_help", size=st.get_option("server.maxUploadSize")),
)
if uploaded is None:
    st.stop()

# The list stays in this session's memory, named by its content: a file changed and sent
# again under the same name is a new list, and nothing is left on the server's disk.
content = uploaded.getvalue()
digest = hashlib.sha256(content).hexdigest()
name = Path(uploaded.name).name
try:
    own = upload.load(data_dir, data.Source(name, content), ui.session_points(digest))
except CoopMapError as error:
    st.error(ui.said(error))
    st.stop()

bad_rows = {p.row for p in own.problems if p.severity == "error" and p.file == name}
st.success(ui.t("upload_ok", valid=len(own.partnerships), errors=len(bad_rows)))
ui.report_problems(own)
if own.partnerships.empty:
    st.warning(ui.t("no_valid_row"))
    st.stop()


@st.cache_resource(show_spinner=False)
def gazetteer():
    return Gazetteer()


st.subheader(ui.t("new_places"))
missing = upload.new_places(own)
outcomes = st.session_state.setdefault(ui.keys.UPLOAD_OUTCOMES, {}).setdefault(digest, {})
if missing.empty:
    st.info(ui.t("no_new_places"))
elif ui.pressed(ui.t("geocode_new"), key="geocode_new"):
    st.button(ui.t("geocode_cancel"), key="geocode_cancel")  # a click reruns, which stops
    bar = st.progress(0.0)
    online = geocode.online_source()
    before, placed = ui.session_points(digest), []

    def progress(done, total, outcome):
        outcomes[outcome.place_id] = outcome
        if outcome.row:  # kept at once: the user may stop the run at any place
            placed.append(outcome.row)
            ui.set_session_points(digest, pd.concat([before, pd.DataFrame(placed)]))
        bar.progress(done / total, text=ui.t("geocoding", name=outcome.place_id.split(":")[-1]))

    geocode.place_missing(missing, own.coordinates, gazetteer(), online, progress)
    st.rerun()
if outcomes:
    st.table(
        {
            ui.t("col_place"): [markdown_escape(pid.split(":", 2)[2]) for pid in outcomes],
            ui.t("col_status"): [ui.t(f"status_{o.status}") for o in outcomes.values()],
            ui.t("col_reason"): [ui.said(o.reason) for o in outcomes.values()],
        },
        hide_index=True,
    )

points = ui.session_points(digest)
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
    if upload.choose_point(points, place_id, options[choice]):
        ui.set_session_points(digest, points)
        st.rerun()
if len(points):
    st.write(ui.t("correct_points"))
    edited = st.data_editor(
        points[["name", "authority_type", "latitude", "longitude", "source"]],
        disabled=["name", "authority_type", "source"],
        hide_index=True,
        key="correct_points",
    )
    corrected = upload.correct_points(points, edited)
    if corrected is not None:
        ui.set_session_points(digest, corrected)
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

if ui.pressed(ui.t("use_for_session"), key="use_for_session", type="primary"):
    st.session_state[ui.SESSION_LIST] = {"name": name, "digest": digest, "content": content}
    st.switch_page("pages/map.py")

# Publishing: the button is an editor's, and the write checks again, at the moment it is
# asked for, that an editor is signed in (a press that arrives after a sign-out is refused).
# The change is made from the published data as the editor saw it when the list was loaded.
st.subheader(ui.t("save_change_title"))
editor = ui.editor_panel()
bases = st.session_state.setdefault(ui.keys.PUBLISH_BASE, {})
base = bases.setdefault(digest, ui.published_fingerprint())
replace = st.session_state.get(ui.keys.SAVE_REPLACE, False)
if editor is None:
    st.info(ui.t("editor_only"))
else:
    the_change, _ = upload.change(own, data_dir)
    for key, frame in (("change_added", the_change.added), ("change_changed", the_change.changed)):
        with st.expander(ui.t(key, count=len(frame))):
            st.dataframe(frame, hide_index=True)
    if len(the_change.removed):
        with st.expander(ui.t("change_removed", count=len(the_change.removed))):
            st.dataframe(the_change.removed, hide_index=True)
        st.caption(ui.t("change_kept"))
        replace = st.checkbox(
            ui.t("save_replace", count=len(the_change.removed)), key=ui.keys.SAVE_REPLACE
        )
    confirm = st.checkbox(ui.t("save_confirm"), key="save_confirm")
    ui.action_button(ui.t("save_to_files"), key="save_to_files", disabled=not confirm)
if ui.was_pressed("save_to_files"):
    try:
        version = upload.save(
            own, ui.session_points(digest), data_dir, ui.writing_editor(), base, replace
        )
    except CoopMapError as error:
        ui.report_write_error(error)
        if isinstance(error, publish.StaleData):  # the next run starts from the data as it is
            bases.pop(digest)
            st.info(ui.t("stale_redo"))
    else:
        bases.pop(digest)
        st.success(ui.t("saved", number=version.number))
