"""The map of pairings: counts, the map, and the partners of the place clicked."""

import datetime
import json

import streamlit as st
from streamlit_folium import st_folium

import ui
from coopmap import export, filters, mapview
from coopmap.text import markdown_escape

ui.leave_legacy_pages_mode()
the_dataset, outcomes, selection, chosen = ui.selected()
places = the_dataset.places

st.title(ui.t("page_map"))
ui.report_problems(the_dataset, outcomes)
ui.metrics(chosen)
if chosen.empty:
    st.info(ui.t("empty_result"))
    st.button(ui.t("reset"), on_click=ui.reset_filters, key="reset_empty")


@st.cache_data(show_spinner=False)
def pairing_layers(chosen, places, selected, labels, division, limit):
    """The GeoJSON of lines and places; cached, unlike the folium map that st_folium alters."""
    return mapview.layers(chosen, places, labels, selected, division, limit)


@st.cache_data(show_spinner=False)
def exported_map(lines, points, aggregated, labels, count, language):
    """The standalone map file; `language` is in the key since the caption is translated."""
    caption = ui.t("export_caption", count=count, date=datetime.date.today().isoformat())
    title = ui.t("app_title")
    return mapview.standalone_html(ui.basemap(), labels, lines, points, aggregated, title, caption)


visible_ids = set(chosen.morocco_place_id) | set(chosen.france_place_id)
# A place clicked on the map (the last run) is taken; one the filters now hide is unselected;
# one named in the URL is left to the widget.
if "clicked_place" in st.session_state:
    st.session_state["selected_place"] = st.session_state.pop("clicked_place")
# Above the aggregation limit the map shows regions, not places: no list of thousands.
many = len(chosen) > mapview.AGGREGATE_ABOVE
names = places.set_index("place_id")
choices = [] if many else sorted(visible_ids, key=lambda pid: names.name[pid])
if st.session_state.get("selected_place") not in set(choices) | {None}:
    st.session_state["selected_place"] = None
labels = ui.map_labels(the_dataset)
map_column, side_column = st.columns([5, 2])
with side_column:  # drawn first: the map highlights what it selects
    selected = st.selectbox(
        ui.t("selected_place"),
        choices,
        key="selected_place",
        bind=ui.URL,
        index=None,
        placeholder=ui.t("no_selection"),
        format_func=lambda pid: mapview.place_label(names.loc[pid], labels),
    )
with map_column:
    base = ui.base_map(labels, mapview.pairings_legend(labels))
    limit = mapview.AGGREGATE_ABOVE
    lines, points, aggregated = pairing_layers(
        chosen, places, selected, labels, selection.division, limit
    )
    if aggregated:
        flows = len(lines["features"])
        st.info(ui.t("aggregated", count=len(chosen), flows=flows, limit=limit))
    state = st_folium(
        base,
        key="map",
        feature_group_to_add=mapview.pairings_layer(lines, points, aggregated=aggregated),
        returned_objects=["last_active_drawing"],
        height=640,
        use_container_width=True,
    )
    st.caption(ui.t("map_help"))
    html_column, geojson_column = st.columns(2)
    html_column.download_button(
        ui.t("export_html"),
        exported_map(lines, points, aggregated, labels, len(chosen), ui.language()),
        file_name="carte-cooperation.html" if ui.language() == "fr" else "cooperation-map.html",
        mime="text/html",
        key="export_html",
    )
    geojson_column.download_button(
        ui.t("export_geojson"),
        export.selection_geojson(chosen, places),
        file_name="cooperation.geojson",
        mime="application/geo+json",
        key="export_geojson",
    )

# A click is taken once: the component keeps returning the last one on every rerun.
clicked = (state or {}).get("last_active_drawing") or {}
click_key = json.dumps(clicked, sort_keys=True)
if clicked and click_key != st.session_state.get("handled_click"):
    st.session_state["handled_click"] = click_key
    properties = clicked.get("properties") or {}
    index = properties.get("place")
    if index in places.index and places.place_id[index] in visible_ids:
        st.session_state["clicked_place"] = places.place_id[index]
        st.rerun()
    if properties.get("region"):  # a region of the flows: narrow the selection to it
        ui.narrow_to_region(properties["country"], properties["region"])

with side_column:
    if selected:
        # st.subheader and st.table read Markdown: data text is escaped to show literally.
        st.subheader(ui.t("partners_of", name=markdown_escape(names.name[selected])))
        partners = filters.partners_of(chosen, places, selected)
        st.table(
            {
                ui.t("col_partner"): partners.name.map(markdown_escape),
                ui.t("col_type"): [ui.type_label(k, the_dataset) for k in partners.authority_type],
                ui.t("col_region"): partners.region_current.str.replace("|", ", ").map(
                    markdown_escape
                ),
            },
            hide_index=True,
        )
