"""The map of pairings: counts, the map, the partners of the place clicked; presentation mode."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

import datetime
import functools

import streamlit as st
from streamlit_folium import st_folium

import ui
from coopmap import export, filters, locales, mapview
from coopmap.text import fold, markdown_escape

PRESENT_HEIGHT = 600
the_dataset, selection, chosen = ui.selected()
places = the_dataset.places

present = ui.presenting()
embedded = ui.embedded()
if present:  # the map fills the screen under one slim bar: see static/presentation.css
    st.html(ui.PRESENTATION_CSS)
    title, regions, leave = st.columns([4, 3, 2], vertical_alignment="center")
    title.title(ui.t("page_map"))
    with regions:  # the sidebar is hidden: its Moroccan region filter, here
        ui.region_filter(
            the_dataset,
            "morocco",
            selection.division,
            ui.language(),
            label_visibility="collapsed",
        )
    leave.button(ui.t("present_exit"), on_click=ui.exit_presentation, key="present_exit")
elif embedded:  # in a partner's site: the map alone, and the way to the full app
    st.html(ui.EMBED_CSS)
    st.caption(f"[{ui.t('open_full_map')}]({ui.full_app_link()})")
else:  # the map whole on a laptop's first screen: see static/map_page.css
    st.html(ui.MAP_PAGE_CSS)
    st.title(ui.t("page_map"))
# The notices that come and go sit in one container, always there: elements appearing above
# the map would move it in the page, and Streamlit would mount a new map, losing its view.
notices = st.container()
with notices:
    ui.report_problems(the_dataset)
if not present and not embedded:
    ui.metrics(chosen)
if chosen.empty:
    with notices:
        st.info(ui.t("empty_result"))
        st.button(ui.t("reset"), on_click=ui.reset_filters, key="reset_empty")


def take_click():
    """The map's callback, before the run its click starts: a town clicked is selected (the
    picker shows it, the address carries it); a region of the flows narrows the filters to it.
    """
    clicked = (st.session_state.get(ui.keys.MAP) or {}).get("last_active_drawing") or {}
    properties = clicked.get("properties") or {}
    index = properties.get("place")
    if index in places.index and places.place_id[index] in visible_ids:
        st.session_state[ui.PLACE] = places.place_id[index]
    elif properties.get("region"):
        ui.narrow_to_region(the_dataset, properties["country"], properties["region"])


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def drawing(data_key, selection, selected, language, limit, _chosen, _places, _labels):
    """What the map draws; cached, unlike the folium map that st_folium alters. Its key is
    what it is drawn from: the data read, the filters, the place and the language (the frames
    and labels follow from them, and are not hashed at every run).
    """
    return mapview.layers(_chosen, _places, _labels, selected, selection.division, limit)


visible_ids = set(chosen.morocco_place_id) | set(chosen.france_place_id)
# Above the aggregation limit the map shows regions, not places: no list of thousands.
many = len(chosen) > mapview.AGGREGATE_ABOVE
labels = ui.map_labels(the_dataset)
data_key, limit = ui.loading.data_key(), mapview.AGGREGATE_ABOVE
if many:
    flows = drawing(data_key, selection, None, ui.language(), limit, chosen, places, labels)
    with notices:
        count = len(flows["flows"]["features"])
        st.info(ui.t("aggregated", count=len(chosen), flows=count, limit=limit))


@st.fragment
def map_and_partners():
    """The map, its picker, the partners of the place selected and the exports: a click on the
    map or a choice in the picker reruns only them (and the address follows).
    """
    if ui.state.selection(the_dataset) != selection:  # a region clicked: every count changes
        st.rerun(scope="app")
    names = places.set_index("place_id")
    visible = places[places.place_id.isin(visible_ids)]
    folded = dict(zip(visible.place_id, map(fold, visible.name)))
    choices = [] if many else sorted(folded, key=folded.get)
    typed_notice = _check_selected(names, choices)
    alone = present or embedded  # the map fills the screen or the partner's frame
    map_column, side_column = (st.container(), st.container()) if alone else st.columns([5, 2])
    with side_column:  # drawn first: the map highlights what it selects
        selected = st.selectbox(
            ui.t("selected_place"),
            choices,
            index=None,
            placeholder=ui.t("no_selection"),
            format_func=mapview.place_labels(visible, labels).get,
            accept_new_options=True,
            key=ui.PLACE,
            persist_state="session",
        )
        if typed_notice:
            st.info(markdown_escape(typed_notice))
    drawn = drawing(data_key, selection, selected, ui.language(), limit, chosen, places, labels)
    with map_column:
        legend = mapview.pairings_legend(labels)
        base = ui.base_map(labels, legend, share=True, present=present)
        view = ui.view()  # from a link: the map opens there, then the map keeps it in the URL
        st_folium(
            base,
            key=ui.keys.MAP,
            on_change=take_click,
            feature_group_to_add=mapview.pairings_layer(
                drawn,
                present=present,
                search=selection.search,
                resets=st.session_state.get(ui.RESETS, 0),
                every=len(chosen) == len(the_dataset.partnerships),
            ),
            returned_objects=["last_active_drawing"],
            height=PRESENT_HEIGHT if present else 640,  # the page's CSS sizes it to the screen
            use_container_width=True,
            center=view[:2] if view else None,
            zoom=view[2] if view else None,
        )
    # Under the map and its partners (on a phone the partners come straight under the map).
    # Embedded, the map is alone: its picker is hidden (static/embed.css), and no more.
    if not embedded:
        st.caption(ui.t("map_help"))
        st.page_link("pages/table.py", label=ui.t("map_as_table"), icon=":material/table:")
        _exports(drawn)
        if selected:
            with side_column:
                _partners(names, selected)
    ui.state.write_link(the_dataset)


def _check_selected(names, choices):
    """A place the filters now hide is unselected. A name typed into the picker (not one of
    its options) is found by the search's matcher, which folds accents and "st": the picker's
    own filter does not. Returns what to say of a typed name that finds none or several.
    """
    typed = st.session_state.get(ui.PLACE)
    if typed in names.index and typed not in choices:
        st.session_state[ui.PLACE] = None
    elif typed is not None and typed not in choices:
        found = filters.matching_places(places, choices, typed)
        st.session_state[ui.PLACE] = found[0] if len(found) == 1 else None
        if len(found) != 1:
            shown = ui.joined(names.name[pid] for pid in found[:8])
            key = "typed_several" if found else "typed_none"
            return ui.t(key, typed=typed, count=len(found), names=shown)
    return None


def _exports(drawn):
    """The map as a file of its own and the selection as GeoJSON. The files are made when a
    button is pressed, not on every run (`data` is a callable), and pressing one does not
    rerun the page.
    """
    html_column, geojson_column = st.columns(2)
    today, language = datetime.date.today(), ui.language()
    caption = ui.t("export_caption", count=len(chosen), date=locales.date(today, language))
    stem = ui.t("export_html_file")
    html_column.download_button(
        ui.t("export_html"),
        functools.partial(
            mapview.standalone_html, labels, drawn, ui.t("app_title"), caption, language
        ),
        file_name=export.file_name(stem, selection, language, "html", today),
        mime="text/html",
        key="export_html",
        on_click="ignore",
    )
    geojson_column.download_button(
        ui.t("export_geojson"),
        functools.partial(export.selection_geojson, chosen, places),
        file_name=export.file_name(stem, selection, language, "geojson", today),
        mime="application/geo+json",
        key="export_geojson",
        on_click="ignore",
    )


def _partners(names, selected):
    """The partners of the place selected. st.subheader and st.table read Markdown: data text
    is escaped to show literally.
    """
    st.subheader(ui.t("partners_of", name=markdown_escape(names.name[selected])))
    partners = filters.partners_of(chosen, places, selected)
    kinds = ui.mapglue.type_labels(the_dataset)
    st.table(
        {
            ui.t("col_partner"): partners.name.map(markdown_escape),
            ui.t("col_type"): [
                kinds.get((country, kind), kind)
                for country, kind in zip(partners.country, partners.authority_type)
            ],
            ui.t("col_region"): partners[f"region_{selection.division}"]
            .str.replace("|", ui.t("list_separator"))
            .map(markdown_escape),
        },
        hide_index=True,
    )


map_and_partners()
