"""The selection by region: per region on each side, in both divisions, and region by region."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

import altair as alt
import streamlit as st

import ui
from coopmap import summary

the_dataset, selection, chosen = ui.selected()

st.title(ui.t("page_summary"))
ui.metrics(chosen)
st.caption(ui.t("summary_note", count=len(chosen)))
pairings, region = ui.t("col_pairings"), ui.t("col_region")

st.header(ui.t("summary_by_side"))
for division, tab in zip(
    ("current", "2013"), st.tabs([ui.t("division_current"), ui.t("division_2013")])
):
    for side, column in zip(("morocco", "france"), tab.columns(2)):
        counts = summary.by_region(chosen, side, division)
        counts.columns = [region, pairings]
        column.subheader(ui.t(f"col_{side}_regions"))
        column.bar_chart(
            counts, x=region, y=pairings, horizontal=True, height=60 + 32 * len(counts)
        )
        column.dataframe(counts, hide_index=True, width="stretch")

st.header(ui.t("summary_matrix"))
flows = summary.flows(chosen, selection.division)
morocco, france = ui.t("col_morocco_regions"), ui.t("col_france_regions")
flows.columns = [morocco, france, pairings]
if not flows.empty:
    base = alt.Chart(flows).encode(
        x=alt.X(f"{france}:N", axis=alt.Axis(labelAngle=-40, labelLimit=220)),
        y=alt.Y(f"{morocco}:N", axis=alt.Axis(labelLimit=320)),
    )
    st.altair_chart(
        (
            base.mark_rect().encode(
                color=alt.Color(f"{pairings}:Q", scale=alt.Scale(scheme="blues")),
                tooltip=[morocco, france, pairings],
            )
            + base.mark_text(fontSize=15, fontWeight="bold").encode(text=f"{pairings}:Q")
        )
        .properties(height=34 * flows[morocco].nunique())
        .configure_axis(labelFontSize=13, titleFontSize=14),
        width="stretch",
    )
matrix = summary.matrix(chosen, selection.division)
matrix.index.name, matrix.columns.name = morocco, france
st.dataframe(matrix, width="stretch")
