"""Every selected pairing as a table to sort, search and download; a row opens on a map."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

import hashlib

import streamlit as st
from streamlit_folium import st_folium

import ui
from coopmap import export, mapview

the_dataset, selection, chosen = ui.selected()

st.title(ui.t("page_table"))
ui.metrics(chosen)
table = export.pairings_frame(
    chosen, the_dataset.authority_types, selection.division, ui.language()
)
st.caption(ui.t("table_help"))
# A row is selected among these pairings: other pairings (a filter) make another table,
# with no row selected, rather than a stale number pointing at another pairing.
shown = hashlib.sha256("\n".join(chosen.pairing_id).encode()).hexdigest()[:16]
event = st.dataframe(
    table,
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key=f"pairings_table-{shown}",
    width="stretch",
)
name = ui.t("download_name")
csv_column, xlsx_column = st.columns(2)
csv_column.download_button(
    ui.t("download_csv"),
    export.csv_bytes(table),
    file_name=f"{name}.csv",
    mime="text/csv",
    key="download_csv",
)
xlsx_column.download_button(
    ui.t("download_xlsx"),
    export.xlsx_bytes(table, name),
    file_name=f"{name}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="download_xlsx",
)

rows = [row for row in (event.selection.rows if event else []) if row < len(chosen)]
if rows:
    pairing = chosen.iloc[[rows[0]]]
    morocco_id = pairing.morocco_place_id.iloc[0]
    labels = ui.map_labels(the_dataset)
    st_folium(
        ui.base_map(labels, mapview.pairings_legend(labels)),
        key="pairing_map",
        feature_group_to_add=mapview.pairings_layer(
            mapview.layers(pairing, the_dataset.places, labels, morocco_id)
        ),
        returned_objects=[],
        height=360,
        use_container_width=True,
    )
    if ui.pressed(ui.t("show_on_map"), key="show_on_map"):
        st.session_state[ui.PLACE] = morocco_id
        st.switch_page("pages/map.py")
