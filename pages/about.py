"""Where the data comes from: every place, its position and the source of that position."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

import streamlit as st

import ui

the_dataset, outcomes = ui.dataset()
st.title(ui.t("page_about"))
st.write(ui.t("about_intro"))
ui.report_problems(the_dataset, outcomes)
st.subheader(ui.t("about_places"))
places = the_dataset.places
st.dataframe(
    {
        ui.t("col_place"): places.name,
        ui.t("col_type"): [ui.type_label(k, the_dataset) for k in places.authority_type],
        ui.t("col_country"): places.country,
        ui.t("col_region"): places.region_current.str.replace("|", ", "),
        ui.t("col_latitude"): places.latitude,
        ui.t("col_longitude"): places.longitude,
        ui.t("col_precision"): places.precision,
        ui.t("col_source"): places.source,
        ui.t("col_note"): places.note,
    },
    hide_index=True,
)
st.caption(ui.t("about_basemap", provenance=ui.basemap_provenance()))
