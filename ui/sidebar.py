"""The sidebar: language, basemap and presentation on every page, and the filters on the pages
whose pairings they filter.

Every control keeps its value for the session by Streamlit's own widget state
(`persist_state="session"`), under its name in `ui.keys`: a page that does not draw the
filters leaves them as they were, and the address follows them (`state.write_link`).
"""

import functools

import streamlit as st

from coopmap import data, filters, links, mapview, place_names, sources
from coopmap.catalog import LANGUAGES, text
from coopmap.text import fold, markdown_escape

from . import keys, state
from .language import joined, language, t
from .mapglue import type_label

KEPT = {"persist_state": "session"}  # the value outlives the page that draws the widget


def sidebar(the_dataset, filtering=False, presenting_here=False):
    """The sidebar of every page. `filtering`: the page shows pairings, and its filters come
    between the language and the basemap; `presenting_here`: the map's presentation bar holds
    the Moroccan region filter, the sidebar does not.
    """
    with st.sidebar:
        st.segmented_control(
            t("language"),
            list(LANGUAGES),
            format_func=LANGUAGES.get,
            key=keys.LANGUAGE,
            on_change=_reword,
            **KEPT,
        )
        # Labels are bound to the language now: a format_func may be called outside a run.
        lang = language()
        if filtering:
            _filters(the_dataset, lang, without_moroccan_regions=presenting_here)
        st.selectbox(
            text("basemap", lang),
            mapview.MODES,
            format_func=lambda mode: text(f"basemap_{mode}", lang),
            key=keys.BASEMAP,
            **KEPT,
        )
        st.toggle(
            text("present", lang),
            help=text("present_help", lang),
            key=keys.PRESENT,
            on_change=state.ask_presentation,
            **KEPT,
        )
    state.write_link(the_dataset)
    if st.session_state.pop(keys.PRESENT_ASKED, False):  # from any page: presenting is the map
        st.switch_page("pages/map.py")
    dropped = st.session_state.pop(keys.LINK_DROPPED, None)
    if dropped:
        st.info(t("ignored_params", names=markdown_escape(joined(dropped))))


def _reword():
    """The language's callback. A choice travels between the browser and the server as the
    words it is shown in (a widget sends its option as formatted): in the new language the
    browser's words would match no option, and the choice would fall back to its default. So
    each worded choice is given again, by value, to the run in the new language, which sends
    the browser its new words.
    """
    for name in keys.WORDED:
        if name in st.session_state:
            st.session_state[name] = st.session_state[name]


def region_filter(the_dataset, side, division, lang, **options):
    """The choice of one side's regions: its values are the regions' names in the files (what
    a link and a download carry), its labels and their order as a reader of `lang` reads them.
    `the_dataset` may be as the files name its regions or as the reader reads them.
    """
    label = place_names.region_label(the_dataset.region_names, division, lang)
    st.multiselect(
        text(f"{side}_region", lang),
        sorted(region_choices(the_dataset, side, division, lang), key=lambda r: fold(label(r))),
        format_func=label,
        key=f"{side}_regions",
        **_every_when_empty(lang),
        **KEPT,
        **options,
    )


def region_choices(the_dataset, side, division, lang):
    """The regions a filter of `side` offers: those the pairings name, as the files name them
    (`the_dataset` may name them as a reader of `lang` reads them).
    """
    latin = place_names.latin_region(the_dataset.region_names, division, lang)
    return set(map(latin, filters.region_options(the_dataset.partnerships, side, division)))


def _every_when_empty(lang):
    """A filter that keeps every option when none is chosen: its placeholder says "all", and
    Streamlit's own "Select all" (English in every language, and the same as no choice) is left
    out.
    """
    return {"placeholder": text("all", lang), "select_all": False}


def _filters(the_dataset, lang, without_moroccan_regions):
    partnerships = the_dataset.partnerships
    st.header(text("filters", lang))
    st.radio(
        text("division", lang),
        filters.DIVISIONS,
        format_func=lambda d: text(f"division_{d}", lang),
        key=keys.DIVISION,
        on_change=state.clear_regions,
        **KEPT,
    )
    division = st.session_state.get(keys.DIVISION) or filters.DIVISIONS[0]
    for side in data.SIDES:
        if not (side == "morocco" and without_moroccan_regions):
            region_filter(the_dataset, side, division, lang)
        st.multiselect(
            text(f"{side}_type", lang),
            sorted(partnerships[f"{side}_authority_type"].unique()),
            format_func=functools.partial(
                type_label, data.SIDES[side], the_dataset=the_dataset, lang=lang
            ),
            key=f"{side}_types",
            **_every_when_empty(lang),
            **KEPT,
        )
    st.multiselect(
        text("level", lang),
        list(mapview.LEVELS),
        format_func=lambda level: text(f"level_{level}", lang),
        key="levels",
        **_every_when_empty(lang),
        **KEPT,
    )
    st.text_input(
        text("search", lang),
        help=text("search_help", lang),
        max_chars=links.SEARCH_LIMIT,
        key="search",
        **KEPT,
    )
    groups = [g for g in sources.GROUPS if partnerships.source_groups.str.contains(g).any()]
    st.multiselect(
        text("sources_filter", lang),
        groups,
        format_func=lambda group: text(f"source_{group}", lang),
        key="sources",
        **_every_when_empty(lang),
        **KEPT,
    )
    _years_filter(partnerships, lang)
    st.button(text("reset", lang), on_click=state.reset_filters, key="reset_sidebar")


def _years_filter(partnerships, lang):
    """A range of years of first signature, and whether to show the pairings with no known
    year. The whole range is no restriction (`state.chosen_years`).
    """
    span = filters.year_range(partnerships)
    if span is not None:
        # A link's years, or none yet, fitted to this data's range before the slider is drawn
        # (written only when they differ: a write would undo a key pressed during the run).
        chosen = st.session_state.get(keys.YEARS) or span
        fitted = (max(chosen[0], span[0]), min(chosen[1], span[1]))
        fitted = fitted if fitted[0] <= fitted[1] else span
        if tuple(chosen) != fitted or not isinstance(st.session_state.get(keys.YEARS), tuple):
            st.session_state[keys.YEARS] = fitted
        st.slider(
            text("years", lang),
            min_value=span[0],
            max_value=span[1],
            key=keys.YEARS,
            help=text("years_help", lang),
            **KEPT,
        )
    undated = int(sources.years(partnerships).isna().sum())
    if undated:
        st.checkbox(text("undated", lang, count=undated), key="undated", **KEPT)
