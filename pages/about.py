"""Where the data comes from: every place, its position and the source of that position."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

import datetime
import functools
from pathlib import Path

import streamlit as st

import ui
from coopmap import data, export, geocode, package, place_names, settings
from coopmap.exc import CoopMapError
from coopmap.text import markdown_escape

the_dataset = ui.published()
st.title(ui.t("page_about"))
st.write(ui.t("about_intro"))
ui.report_problems(the_dataset)

# The data as open data: one zip, built when pressed (not on every view of the page).
data_dir, today = Path(settings.get("data_dir")), datetime.date.today()
st.download_button(
    ui.t("package_download"),
    functools.partial(package.build, data_dir, today),
    file_name=package.file_name(data_dir, today),
    mime="application/zip",
    key="package_download",
    on_click="ignore",
)
st.caption(ui.t("package_caption", version=package.version(data_dir)))

# Placing the places that have no point is an explicit action of an editor, never a page
# view's doing: it may ask Nominatim, and it writes the geocoding cache (a new version).
missing = data.unplaced(the_dataset.places)
outcomes = st.session_state.get(ui.keys.PLACING_OUTCOMES)
if not missing.empty or outcomes:
    st.subheader(ui.t("place_missing"))
if not missing.empty and ui.editor_panel():
    ui.action_button(ui.t("place_missing_button"), key="place_missing")
if ui.was_pressed("place_missing"):  # the write checks the editor again, now
    bar = st.progress(0.0)

    def progress(done, total, outcome):
        bar.progress(done / total, text=ui.t("geocoding", name=outcome.place_id.split(":")[-1]))

    try:
        st.session_state[ui.keys.PLACING_OUTCOMES] = geocode.fill_cache(
            missing,
            data_dir,
            ui.writing_editor(),
            online=geocode.online_source(),
            progress=progress,
        )
    except CoopMapError as error:
        ui.report_write_error(error)
    else:
        st.rerun()
if outcomes:
    st.table(
        {
            ui.t("col_place"): [markdown_escape(o.place_id.split(":", 2)[2]) for o in outcomes],
            ui.t("col_status"): [ui.t(f"status_{o.status}") for o in outcomes],
            ui.t("col_reason"): [ui.said(o.reason) for o in outcomes],
        },
        hide_index=True,
    )
st.subheader(ui.t("about_places"))
# The places named as the reader reads them (Arabic script in Arabic), codes said as words.
shown, _ = place_names.shown(the_dataset, the_dataset.partnerships, ui.language())
st.dataframe(
    export.places_frame(shown.places, shown.authority_types, ui.language()), hide_index=True
)
st.caption(ui.t("about_basemap", provenance=ui.t("basemap_provenance")))
