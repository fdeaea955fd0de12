"""Every selected pairing as a table to sort, search and download; a row opens on a map."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

import datetime
import functools
import hashlib

import streamlit as st
from streamlit_folium import st_folium

import tables
import ui
from coopmap import export, mapview
from coopmap.text import markdown_escape

the_dataset, selection, chosen = ui.selected()

st.title(ui.t("page_table"))
ui.metrics(chosen)
if chosen.empty:  # a sentence, not an empty table that Streamlit labels "empty" in English
    st.info(ui.t("empty_result"))
    st.button(ui.t("reset"), on_click=ui.reset_filters, key="reset_empty")
    st.stop()
kinds = the_dataset.agreement_kinds
table = export.pairings_frame(
    chosen, the_dataset.authority_types, selection.division, ui.language(), kinds
)
# On screen, a pairing's first page is a link (named by its site); all are in the downloads
# and under the map of a selected row.
pages = ui.t("col_source_urls")
table[pages] = table[pages].str.split("\n").str[0]
st.caption(ui.t("table_help"))
# A row is selected among these pairings: other pairings (a filter) make another table,
# with no row selected, rather than a stale number pointing at another pairing.
shown = hashlib.sha256("\n".join(chosen.pairing_id).encode()).hexdigest()[:16]
ticked = tables.show(
    table,
    key=f"pairings_table-{shown}",
    links=(pages,),
    select=True,
    width="stretch",
    placeholder="–",  # a year no source states: not "None"
    column_config={
        # The Moroccan place names the row: it stays on screen as the grid scrolls sideways.
        ui.t("col_morocco"): st.column_config.Column(pinned=True),
        ui.t("col_year"): st.column_config.NumberColumn(format="%d"),
    },
)
# The downloads hold both divisions, and say what they hold: their name gives the filters
# and the date, the .xlsx's first sheet lists them with the source (coopmap/export.py).
language, today = ui.language(), datetime.date.today()
download = export.pairings_frame(chosen, the_dataset.authority_types, None, language, kinds)
own = st.session_state.get(ui.SESSION_LIST)
about = export.about_rows(
    selection,
    the_dataset.authority_types,
    the_dataset.region_names,
    len(chosen),
    export.source_line(language, own and own["name"]),
    language,
    today,
)
stem = ui.t("download_name")
csv_column, excel_csv_column, xlsx_column = st.columns(3)
for column, key, separator in (
    (csv_column, "download_csv", ","),
    (excel_csv_column, "download_csv_excel", export.EXCEL_FR_SEPARATOR),
):
    column.download_button(
        ui.t(key),
        functools.partial(export.csv_bytes, download, separator),
        file_name=export.file_name(
            stem if separator == "," else f"{stem}-excel", selection, language, "csv", today
        ),
        mime="text/csv",
        key=key,
        help=ui.t(f"{key}_help"),
        on_click="ignore",
    )
xlsx_column.download_button(
    ui.t("download_xlsx"),
    functools.partial(
        export.xlsx_bytes,
        download,
        ui.t("sheet_pairings"),
        (ui.t("about_sheet"), about),
        ui.right_to_left(),
    ),
    file_name=export.file_name(stem, selection, language, "xlsx", today),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="download_xlsx",
    on_click="ignore",
)

rows = [row for row in ticked if row < len(chosen)]
if rows:
    pairing = chosen.iloc[[rows[0]]]
    morocco_id = pairing.morocco_place_id.iloc[0]
    names = {
        side: markdown_escape(pairing[f"{side}_name"].iloc[0]) for side in ("morocco", "france")
    }
    st.subheader(ui.t("pairing_heading", **names))
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
    ui.source_links(pairing.iloc[0])
    if ui.pressed(ui.t("show_on_map"), key="show_on_map"):
        st.session_state[ui.PLACE] = morocco_id
        st.switch_page("pages/map.py")
