"""The selection by year of first signature and by region, in the division chosen in the
sidebar: per year and level, a map of each side's regions, and region by region.
"""

from pathlib import Path

import pages_mode

pages_mode.leave_legacy_pages_mode()

import streamlit as st

import tables
import ui
from coopmap import charts, mapview, sources, summary
from ui import regionmaps

the_dataset, selection, chosen = ui.selected()
division = selection.division

st.title(ui.t("page_summary"))
ui.metrics(chosen)
if chosen.empty:  # no chart of nothing, with axes that read 0.000000
    st.info(ui.t("empty_result"))
    st.button(ui.t("reset"), on_click=ui.reset_filters, key="reset_empty")
    st.stop()
st.caption(ui.t("summary_division", division=ui.t(f"division_{division}")))
pairings = ui.t("col_pairings")

st.header(ui.t("summary_per_year"))
counted = sources.counts(chosen)
if counted["dated"]:
    titles = (ui.t("col_year"), ui.t("col_level"), pairings)
    levels = {level: ui.t(f"level_{level}") for level in mapview.LEVELS}
    st.altair_chart(charts.year_chart(summary.per_year(chosen), titles, levels), width="stretch")
    if counted["undated"]:
        st.caption(ui.t("summary_per_year_note", count=counted["undated"]))
else:
    st.info(ui.t("summary_no_year"))

st.header(ui.t("summary_by_side"))
st.caption(ui.t("region_map_note"))
for side, column in zip(("morocco", "france"), st.columns(2)):
    with column:
        st.subheader(ui.t(f"col_{side}_regions"))
        regionmaps.region_map(the_dataset, chosen, side, division)
st.caption(ui.t("region_map_outlines"))

st.header(ui.t("summary_matrix"))
st.caption(ui.t("summary_note", count=len(chosen)))
morocco, france = ui.t("col_morocco_regions"), ui.t("col_france_regions")
flows = summary.flows(chosen, division)
st.html(Path(__file__).resolve().parent.parent / "static" / "summary.css")
with st.container(key="heat_map"):  # scrolls sideways on a phone (static/summary.css)
    st.altair_chart(charts.heat_map(flows, (morocco, france, pairings)), width="content")
matrix = summary.matrix(chosen, division)
matrix.index.name, matrix.columns.name = morocco, france
tables.show(matrix, key="matrix", index=True)
