"""The Streamlit edge shared by the pages: cached loading, language, sidebar filters.

Everything here is about the interface; the work is done by the `coopmap` package.
"""

import json
from pathlib import Path

import pandas as pd
import streamlit as st

from coopmap import assets, data, filters, geocode, mapview, programme, settings, summary, upload
from coopmap.catalog import DEFAULT_LANGUAGE, LANGUAGES, text
from coopmap.exc import CoopMapError
from coopmap.text import markdown_escape

PRESENTATION_CSS = Path(__file__).resolve().parent / "static" / "presentation.css"


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


@st.cache_data(show_spinner=False, max_entries=20)
def _load_list(data_dir, path, points, stamps):
    return upload.load(data_dir, path, points)


def dataset():
    """The checked data and the geocoding outcomes, or stop the page with a clear error.

    The published data, or the list this session chose to explore (see pages/data.py).
    """
    data_dir = Path(settings.get("data_dir"))
    stamps = tuple(
        (data_dir / name).stat().st_mtime_ns if (data_dir / name).exists() else 0
        for name in (data.PARTNERSHIPS_FILE, data.COORDINATES_FILE)
    )
    own = st.session_state.get(SESSION_LIST)
    try:
        if own:
            return _load_list(str(data_dir), own["path"], session_points(own["path"]), stamps), []
        return _load(str(data_dir), stamps)
    except CoopMapError as error:
        st.error(t("data_error", error=markdown_escape(error)))
        st.stop()


SESSION_LIST = "session_list"  # the uploaded list this session explores: {"path", "name"}


def session_points(path):
    """The points this session found or corrected for the places of the list at `path`."""
    points = st.session_state.setdefault("session_points", {})
    return points.get(path, pd.DataFrame(columns=data.COORDINATE_COLUMNS))


def set_session_points(path, frame):
    st.session_state.setdefault("session_points", {})[path] = frame.reset_index(drop=True)


def session_banner():
    """On every page: say that a session list is shown, with the way back."""
    own = st.session_state.get(SESSION_LIST)
    if own:
        st.info(t("using_session_data", name=markdown_escape(own["name"])))
        if st.button(t("back_to_shipped"), key="back_to_shipped"):
            del st.session_state[SESSION_LIST]
            st.rerun()


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
        st.error(t("data_error", error=markdown_escape(error)))
        st.stop()


@st.cache_resource(show_spinner=False)
def basemap_provenance():
    """Where the offline outlines come from, as their file says (read once per server)."""
    with open(assets.BASEMAP_FILE, encoding="utf-8") as f:
        return json.load(f)["provenance"]


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
        "pairings_short",
        "legend_requests",
        "legend_requests_size",
    )
    keys += mapview.SHARE_LABELS + mapview.STEP_LABELS
    labels = {key: t(key) for key in keys}
    kinds = the_dataset.authority_types.authority_type.unique()
    labels["types"] = {kind: type_label(kind, the_dataset) for kind in kinds}
    return labels


def presenting():
    return bool(st.session_state.get("present"))


def base_map(labels, legend, share=False, present=False):
    """The offline-first base map with `legend`, in the basemap mode chosen in the sidebar.

    The map follows the app's light or dark theme by itself (static/map/look.js).
    """
    fmap = mapview.base_map(
        labels,
        mode=st.session_state.get("basemap") or settings.get("basemap"),
        tiles={
            "light": (settings.get("tiles_url"), settings.get("tiles_attribution")),
            "dark": (settings.get("tiles_url_dark"), settings.get("tiles_attribution_dark")),
        },
        present=present,
        share=share,
    )
    legend.add_to(fmap)
    return fmap


def metrics(chosen):
    """The three counts of a selection, at the top of the pages that filter."""
    figures = filters.counts(chosen)
    for column, key in zip(st.columns(3), ("pairings", "morocco_places", "france_places")):
        column.metric(t(f"metric_{key}"), figures[key])


# Bound widgets keep their value in the URL: a copied link reopens the same view.
URL = "query-params"
FILTER_DEFAULTS = {
    "division": "current",
    "morocco_regions": [],
    "france_regions": [],
    "morocco_types": [],
    "france_types": [],
    "levels": [],
    "search": "",
}


def narrow_to_region(country, region_group):
    """Filter on a region clicked on the map; the sidebar takes it at the next run."""
    side = next(side for side, code in data.SIDES.items() if code == country)
    regions = region_group.split(summary.GROUP_JOINER)
    st.session_state[_PENDING_FILTER] = {f"{side}_regions": regions}
    st.rerun()


_PENDING_FILTER = "pending_filter"  # set after the sidebar is drawn, applied before it is


def reset_filters():
    """Give every filter widget its default (removing the keys would leave the browser's)."""
    st.session_state.update(FILTER_DEFAULTS)


def _clear_regions():
    st.session_state.pop("morocco_regions", None)
    st.session_state.pop("france_regions", None)


def sidebar(the_dataset):
    """Language, basemap and filters; their state lives in the session across pages."""
    partnerships = the_dataset.partnerships
    st.session_state.update(st.session_state.pop(_PENDING_FILTER, {}))
    asked = {key: st.query_params.get_all(key) for key in st.query_params}
    with st.sidebar:
        st.segmented_control(
            t("language"),
            list(LANGUAGES),
            format_func=LANGUAGES.get,
            key="language",
            default=DEFAULT_LANGUAGE,
            bind=URL,
            on_change=_relabel_link,
        )
        # Labels are bound to the language now: a format_func may be called outside a run.
        lang = language()
        st.header(text("filters", lang))
        division = st.radio(
            text("division", lang),
            filters.DIVISIONS,
            format_func=lambda d: text(f"division_{d}", lang),
            key="division",
            bind=URL,
            on_change=_clear_regions,
        )
        for side in data.SIDES:
            st.multiselect(
                text(f"{side}_region", lang),
                filters.region_options(partnerships, side, division),
                key=f"{side}_regions",
                bind=URL,
                placeholder=text("all", lang),
            )
            st.multiselect(
                text(f"{side}_type", lang),
                sorted(partnerships[f"{side}_authority_type"].unique()),
                format_func=lambda kind: type_label(kind, the_dataset, lang),
                key=f"{side}_types",
                bind=URL,
                placeholder=text("all", lang),
            )
        st.multiselect(
            text("level", lang),
            list(mapview.LEVELS),
            format_func=lambda level: text(f"level_{level}", lang),
            key="levels",
            bind=URL,
            placeholder=text("all", lang),
        )
        st.text_input(text("search", lang), key="search", help=text("search_help", lang), bind=URL)
        st.button(text("reset", lang), on_click=reset_filters, key="reset_sidebar")
        default_mode = settings.get("basemap")
        st.selectbox(
            text("basemap", lang),
            mapview.MODES,
            index=mapview.MODES.index(default_mode) if default_mode in mapview.MODES else 0,
            format_func=lambda mode: text(f"basemap_{mode}", lang),
            key="basemap",
            bind=URL,
        )
        st.toggle(text("present", lang), key="present", help=text("present_help", lang), bind=URL)
    ignored = [
        key
        for key, values in asked.items()
        if key not in URL_KEYS | {VIEW}
        or (key in URL_KEYS and key not in st.query_params and values != _as_list(key))
    ]
    if VIEW in asked and view() is None:
        ignored.append(VIEW)
        del st.query_params[VIEW]
    if ignored:
        st.info(t("ignored_params", names=markdown_escape(", ".join(sorted(ignored)))))


URL_KEYS = {*FILTER_DEFAULTS, "language", "basemap", "selected_place", "present"}
VIEW = "view"  # the map's centre and zoom, written by the map itself (mapview._Share)


def view():
    """The map view the link asks for, as (latitude, longitude, zoom), or None."""
    return mapview.parse_view(st.query_params.get(VIEW))


def exit_presentation():
    st.session_state["present"] = False


def _relabel_link():
    """The link names choices by their labels, which the language changes: write them again."""
    for key in URL_KEYS - {"language"}:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _as_list(key):
    value = st.session_state.get(key)
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def selected():
    """The data, the sidebar's selection and the pairings it keeps: what a page starts from."""
    the_dataset, outcomes = dataset()
    chosen = selection()
    return the_dataset, outcomes, chosen, filters.apply(the_dataset.partnerships, chosen)


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
    for severity, show, key in (
        ("error", st.error, "data_problems"),
        ("warning", st.warning, "data_notices"),
    ):
        found = [p for p in the_dataset.problems if p.severity == severity]
        if found:
            lines = "\n".join(f"- {markdown_escape(problem)}" for problem in found)
            show(t(key, count=len(found)) + "\n" + lines)
    missing = data.unplaced(the_dataset.places)
    if not missing.empty:
        reasons = {o.place_id: o.reason for o in outcomes}
        lines = "\n".join(
            f"- {markdown_escape(place.name)} ({type_label(place.authority_type, the_dataset)}): "
            f"{markdown_escape(reasons.get(place.place_id, ''))}"
            for place in missing.itertuples()
        )
        st.warning(t("unplaced_warning", count=len(missing)) + "\n" + lines)
