"""The expertise requests of the "bourse à projet", by territory: figures, map, chart, table."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

import altair as alt
import streamlit as st
from streamlit_folium import st_folium

import ui
from coopmap import data, mapview, palette, place_names, programme

the_dataset = ui.dataset()
the_programme = ui.the_programme()
requests = the_programme.requests
totals = programme.request_totals(requests)
# Each territory named as the reader reads it (a province, a region of 1997).
keys = zip(requests.territory_type, requests.territory)
territories = [data.place_id("MA", kind, name) for kind, name in keys]
shown = place_names.shown_names(
    requests.territory, territories, the_dataset.arabic_names, ui.language()
)
requests = requests.assign(territory=shown)
reported = the_programme.figures.value

st.title(ui.t("page_expertise"))
ui.report_notices(the_programme.notices)
st.write(ui.t("expertise_intro"))
for problem in programme.check(the_programme):
    st.error(ui.said(problem))
for column, key in zip(st.columns(3), ("requests", "authorities", "territories")):
    column.metric(ui.t(f"metric_{key}"), ui.number(totals[key]))
st.caption(
    ui.t(
        "expertise_reported",
        requests=reported["expertise_requests"],
        authorities=reported["requesting_authorities"],
        regions=reported["requesting_regions"],
        provinces=reported["requesting_provinces"],
    )
)

places = data.attach_coordinates(programme.request_places(requests), the_dataset.coordinates)
labels = ui.map_labels(the_dataset)
map_column, chart_column = st.columns([3, 2])
with map_column:
    st_folium(
        ui.base_map(labels, mapview.requests_legend(labels)),
        key="requests_map",
        feature_group_to_add=mapview.requests_layer(
            mapview.requests_geojson(requests, places, labels)
        ),
        returned_objects=[],
        height=520,
        use_container_width=True,
    )

territory = ui.t("col_territory")
requester_columns = {column: ui.t(f"col_{column}") for column in programme.REQUESTER_COLUMNS}
table = requests.rename(
    columns={
        "territory": territory,
        "requests": ui.t("col_requests"),
        "authorities": ui.t("col_authorities"),
        **requester_columns,
    }
)[[territory, ui.t("col_requests"), ui.t("col_authorities"), *requester_columns.values()]]
# Altair rather than st.bar_chart: every territory and requester is labelled in full, and the
# requesters take the palette's checked colours.
with chart_column:
    requests_axis = alt.Axis(labelLimit=0, labelOverlap=False, format="d", tickMinStep=1)
    territory_axis = alt.Axis(labelLimit=0, labelOverlap=False)
    st.altair_chart(
        alt.Chart(table)
        .mark_bar(color=mapview.LIGHT.requests)
        .encode(
            x=alt.X(f"{ui.t('col_requests')}:Q", axis=requests_axis),
            y=alt.Y(f"{territory}:N", sort="-x", axis=territory_axis),
            tooltip=[territory, ui.t("col_requests")],
        )
        .properties(height=alt.Step(40)),
        width="stretch",
    )
    by_requester = requests.melt(
        id_vars=["territory"], value_vars=list(requester_columns), var_name="kind"
    ).assign(kind=lambda frame: frame.kind.map(requester_columns))
    by_requester.columns = [territory, ui.t("col_requester"), ui.t("col_authorities")]
    kinds = list(requester_columns.values())
    st.altair_chart(
        alt.Chart(by_requester)
        .mark_bar()
        .encode(
            x=alt.X(f"{ui.t('col_authorities')}:Q", axis=requests_axis),
            y=alt.Y(f"{territory}:N", sort="-x", axis=territory_axis),
            color=alt.Color(
                f"{ui.t('col_requester')}:N",
                scale=alt.Scale(domain=kinds, range=palette.chart_colours(len(kinds))),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
            ),
            tooltip=[territory, ui.t("col_requester"), ui.t("col_authorities")],
        )
        .properties(height=alt.Step(40)),
        width="stretch",
    )
st.dataframe(table, hide_index=True, width="stretch")
st.caption(ui.t("source_note"))
