"""The Streamlit edge shared by the pages: cached loading, language, sidebar filters.

Everything here is about the interface; the work is done by the `coopmap` package.
"""

import json
import re
from pathlib import Path

import streamlit as st

from coopmap import data, filters, geocode, mapview, programme, settings
from coopmap.catalog import DEFAULT_LANGUAGE, LANGUAGES, text
from coopmap.exc import CoopMapError

FILTER_KEYS = (
    "division",
    "morocco_regions",
    "france_regions",
    "morocco_types",
    "france_types",
    "levels",
    "search",
)
BASEMAP_MODES = ("auto", "tiles", "offline")


ROOT = Path(__file__).resolve().parent
ENTRY_POINT = "dashboard.py"
_ROUTED = "_routed_by_entry_point"  # this run went through the entry point
_COMPONENT_KEY = re.compile(r"^[0-9a-f]{64}$")  # streamlit-folium keys a map by a hash


def routed(page_file=None):
    """Mark a run as going through dashboard.py; send a page reached without it there.

    While a pages/ folder sits beside the entry point, Streamlit runs pages/x.py on its own
    (its legacy multipage mode) when a server's first session opens x's URL, and AppTest
    reruns a page so: no sidebar, no filters, no page settings. Such a run keeps the state
    of the session and goes to the entry point, which then opens the page.
    """
    if page_file is None:  # the entry point, once its st.navigation is set up
        st.session_state[_ROUTED] = True
        pending = st.session_state.pop("_pending_page", None)
        if pending:
            st.switch_page(pending)
    elif not st.session_state.pop(_ROUTED, False):
        _keep_state()
        st.session_state["_pending_page"] = Path(page_file).resolve().relative_to(ROOT).as_posix()
        st.switch_page(ENTRY_POINT)


def _keep_state():
    """Keep the sidebar's choices through a run that does not draw the sidebar.

    Streamlit forgets a widget's value after a run that did not draw it; writing the value
    back as plain session state keeps it (the workaround of Streamlit's multipage docs). The
    maps' values are kept too, so that a click is not lost.
    """
    kept = (*FILTER_KEYS, "language", "basemap", "selected_place")
    for key in list(st.session_state):
        if key in kept or _COMPONENT_KEY.match(key):
            st.session_state[key] = st.session_state[key]


def language():
    # A segmented control can be emptied by a second click: fall back to the default.
    return st.session_state.get("language") or DEFAULT_LANGUAGE


def t(key, **values):
    return text(key, language(), **values)


@st.cache_data(show_spinner=False)
def _load(data_dir, stamps):
    """Load the data and place what the cache lacks; `stamps` make edits reload it."""
    dataset = data.load(data_dir)
    the_programme = programme.load(data_dir)
    outcomes = []
    places = programme.places_to_place(dataset, the_programme)
    if not data.unplaced(data.attach_coordinates(places, dataset.coordinates)).empty:
        online = None
        if settings.get("online_geocoding"):
            online = geocode.NominatimSource.from_settings()
        outcomes = geocode.fill_cache(places, Path(data_dir), online=online)
        dataset = data.load(data_dir)
    return dataset, outcomes


def dataset():
    """The checked data and the geocoding outcomes, or stop the page with a clear error."""
    data_dir = Path(settings.get("data_dir"))
    stamps = tuple(
        (data_dir / name).stat().st_mtime_ns if (data_dir / name).exists() else 0
        for name in (data.PARTNERSHIPS_FILE, data.COORDINATES_FILE)
    )
    try:
        return _load(str(data_dir), stamps)
    except CoopMapError as error:
        st.error(t("data_error", error=error))
        st.stop()


@st.cache_data(show_spinner=False)
def _load_programme(data_dir, stamps):
    return programme.load(data_dir)


def the_programme():
    """The programme's data files, reloaded when one of them changes."""
    data_dir = Path(settings.get("data_dir"))
    names = (
        programme.FIGURES_FILE,
        programme.ITEMS_FILE,
        programme.CONTACTS_FILE,
        programme.REQUESTS_FILE,
    )
    stamps = tuple((data_dir / name).stat().st_mtime_ns for name in names)
    try:
        return _load_programme(str(data_dir), stamps)
    except CoopMapError as error:
        st.error(t("data_error", error=error))
        st.stop()


@st.cache_data(show_spinner=False)
def _read_basemap(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def basemap():
    """The offline outlines (data/basemap.geojson), read once per data folder."""
    return _read_basemap(str(Path(settings.get("data_dir")) / "basemap.geojson"))


def type_label(kind, the_dataset, lang=None):
    types = the_dataset.authority_types.drop_duplicates("authority_type")
    labels = dict(zip(types.authority_type, types[f"label_{lang or language()}"]))
    return labels.get(kind, kind)


def map_labels(the_dataset):
    """The translated texts the map needs, in the shape `mapview` expects."""
    keys = (
        "legend_title",
        "legend_size",
        "level_town",
        "level_territory",
        "country_MA",
        "country_FR",
        "online_basemap",
        "offline_basemap",
        "partners",
        "partners_short",
        "source",
        "approximate",
        "requests_short",
        "legend_requests",
        "legend_requests_size",
    )
    labels = {key: t(key) for key in keys}
    kinds = the_dataset.authority_types.authority_type.unique()
    labels["types"] = {kind: type_label(kind, the_dataset) for kind in kinds}
    return labels


def base_map(labels, legend):
    """The offline-first base map with `legend`, in the basemap mode chosen in the sidebar."""
    fmap = mapview.base_map(
        basemap(),
        labels,
        mode=st.session_state.get("basemap") or settings.get("basemap"),
        tiles_url=settings.get("tiles_url"),
        tiles_attribution=settings.get("tiles_attribution"),
    )
    legend.add_to(fmap)
    return fmap


def metrics(chosen):
    """The three counts of a selection, at the top of the pages that filter."""
    figures = filters.counts(chosen)
    for column, key in zip(st.columns(3), ("pairings", "morocco_places", "france_places")):
        column.metric(t(f"metric_{key}"), figures[key])


def reset_filters():
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)


def _clear_regions():
    st.session_state.pop("morocco_regions", None)
    st.session_state.pop("france_regions", None)


def sidebar(the_dataset):
    """Language, basemap and filters; their state lives in the session across pages."""
    partnerships = the_dataset.partnerships
    with st.sidebar:
        st.session_state.setdefault("language", DEFAULT_LANGUAGE)
        st.segmented_control(
            t("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="language"
        )
        # Labels are bound to the language now: a format_func may be called outside a run.
        lang = language()
        st.header(text("filters", lang))
        division = st.radio(
            text("division", lang),
            filters.DIVISIONS,
            format_func=lambda d: text(f"division_{d}", lang),
            key="division",
            on_change=_clear_regions,
        )
        for side in data.SIDES:
            st.multiselect(
                text(f"{side}_region", lang),
                filters.region_options(partnerships, side, division),
                key=f"{side}_regions",
                placeholder=text("all", lang),
            )
            st.multiselect(
                text(f"{side}_type", lang),
                sorted(partnerships[f"{side}_authority_type"].unique()),
                format_func=lambda kind: type_label(kind, the_dataset, lang),
                key=f"{side}_types",
                placeholder=text("all", lang),
            )
        st.multiselect(
            text("level", lang),
            list(mapview.LEVEL_COLOURS),
            format_func=lambda level: text(f"level_{level}", lang),
            key="levels",
            placeholder=text("all", lang),
        )
        st.text_input(text("search", lang), key="search", help=text("search_help", lang))
        st.button(text("reset", lang), on_click=reset_filters, key="reset_sidebar")
        if st.session_state.get("basemap") not in BASEMAP_MODES:
            default_mode = settings.get("basemap")
            st.session_state["basemap"] = default_mode if default_mode in BASEMAP_MODES else "auto"
        st.selectbox(
            text("basemap", lang),
            BASEMAP_MODES,
            format_func=lambda mode: text(f"basemap_{mode}", lang),
            key="basemap",
        )


def selection():
    """The `Selection` that the sidebar widgets describe."""
    state = st.session_state
    return filters.Selection(
        morocco_types=tuple(state.get("morocco_types") or ()),
        france_types=tuple(state.get("france_types") or ()),
        morocco_regions=tuple(state.get("morocco_regions") or ()),
        france_regions=tuple(state.get("france_regions") or ()),
        division=state.get("division") or "current",
        levels=tuple(state.get("levels") or ()),
        search=state.get("search") or "",
    )


def report_problems(the_dataset, outcomes):
    """Say which rows were left out and which places could not be placed, and why."""
    if the_dataset.problems:
        lines = "\n".join(f"- {problem}" for problem in the_dataset.problems)
        st.error(t("data_problems", count=len(the_dataset.problems)) + "\n" + lines)
    missing = data.unplaced(the_dataset.places)
    if not missing.empty:
        reasons = {o.place_id: o.reason for o in outcomes}
        lines = "\n".join(
            f"- {place.name} ({type_label(place.authority_type, the_dataset)}): "
            f"{reasons.get(place.place_id, '')}"
            for place in missing.itertuples()
        )
        st.warning(t("unplaced_warning", count=len(missing)) + "\n" + lines)
