"""The Streamlit edge shared by the pages: cached loading, language, sidebar filters.

Everything here is about the interface; the work is done by the `coopmap` package.
"""

import functools
import ipaddress
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from coopmap import (
    catalog,
    data,
    editors,
    filters,
    links,
    locales,
    mapview,
    place_names,
    programme,
    publish,
    settings,
    sources,
    summary,
    upload,
)
from coopmap.catalog import DEFAULT_LANGUAGE, LANGUAGES, RIGHT_TO_LEFT, say, text
from coopmap.exc import CoopMapError
from coopmap.text import fold, markdown_escape

PRESENTATION_CSS = Path(__file__).resolve().parent / "static" / "presentation.css"
ARABIC_CSS = Path(__file__).resolve().parent / "static" / "arabic.css"
MAP_PAGE_CSS = Path(__file__).resolve().parent / "static" / "map_page.css"


def language():
    # A segmented control can be emptied by a second click: fall back to the default.
    return st.session_state.get("language") or DEFAULT_LANGUAGE


def t(key, **values):
    return text(key, language(), **values)


def joined(items):
    """A list as the interface's language separates one ("، " in Arabic)."""
    return catalog.joined(items, language())


def said(message):
    """A data file's problem, a refused file or a geocoding outcome, in the interface's
    language and escaped for Markdown (its words come from the data files).
    """
    return markdown_escape(say(message, language()))


def number(value):
    """A count as the interface's language writes it (12 000, 12,000, 12.000)."""
    return locales.number(value, language())


def right_to_left():
    """Whether the interface's language reads right to left (Arabic)."""
    return language() in RIGHT_TO_LEFT


def set_direction():
    """The page's language and direction on `<html>`, where Streamlit writes "en" whatever the
    page says (streamlit/streamlit#15726): a screen reader chooses its voice from it (WCAG
    3.1.1). A language read right to left also turns the page (static/arabic.css), and brings
    its font.
    """
    direction = "rtl" if right_to_left() else "ltr"  # the language is a code of LANGUAGES
    st.sidebar.html(  # the script's own place takes no room (nor the main area's gap)
        '<style>[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script)'
        "{display: none}</style>"
        f'<script>Object.assign(document.documentElement, {{lang: "{language()}", '
        f'dir: "{direction}"}})</script>',
        unsafe_allow_javascript=True,
    )
    if right_to_left():
        st.html(ARABIC_CSS)


def _stamps(data_dir, names):
    """What changes when a file is edited: its size and time, so that an edit reloads it."""
    found = []
    for name in names:
        path = Path(data_dir) / name
        stat = path.stat() if path.exists() else None
        found.append((name, stat and stat.st_mtime_ns, stat and stat.st_size))
    return tuple(found)


# The cached loads are pure: they read the files, and write nothing, call nothing online.
@st.cache_data(show_spinner=False, max_entries=4)
def _load(data_dir, stamps):
    return data.load(data_dir)


@st.cache_data(show_spinner=False, max_entries=20, ttl=3600)
def _load_list(data_dir, name, digest, _content, points, stamps):
    """An uploaded list, kept in memory and cached by the hash of its content."""
    return upload.load(data_dir, data.Source(name, _content), points)


_UNREADABLE = "data_unreadable"  # why this run's data could not be read, if it could not


def dataset():
    """The checked data: the published data, or the list this session chose to explore (see
    pages/data.py). Data that cannot be read at all gives an empty dataset, and the reason is
    said once at the top of the page (`say_if_unreadable`): the pages that do not need the
    pairings still work.
    """
    data_dir = Path(settings.get("data_dir"))
    stamps = _stamps(data_dir, data.DATA_FILES)
    own = st.session_state.get(SESSION_LIST)
    st.session_state[_UNREADABLE] = None
    try:
        if own:
            points = session_points(own["digest"])
            return _load_list(
                str(data_dir), own["name"], own["digest"], own["content"], points, stamps
            )
        return _load(str(data_dir), stamps)
    except CoopMapError as error:
        # In every language: the reader may switch before the data is read again.
        st.session_state[_UNREADABLE] = {lang: error.text(lang) for lang in LANGUAGES}
        return data.empty()


def say_if_unreadable():
    reason = st.session_state.get(_UNREADABLE)
    if reason:
        st.error(t("data_error", error=markdown_escape(reason[language()])))


def published():
    """The published data, whatever list this session explores (empty if unreadable)."""
    data_dir = Path(settings.get("data_dir"))
    try:
        return _load(str(data_dir), _stamps(data_dir, data.DATA_FILES))
    except CoopMapError:
        return data.empty()


SESSION_LIST = "session_list"  # the list this session explores: {"name", "digest", "content"}


def session_points(digest):
    """The points this session found or corrected for the places of the list `digest`."""
    points = st.session_state.setdefault("session_points", {})
    return points.get(digest, pd.DataFrame(columns=data.COORDINATE_COLUMNS))


def set_session_points(digest, frame):
    st.session_state.setdefault("session_points", {})[digest] = frame.reset_index(drop=True)


EDITOR = "editor"  # the local editor this session signed in as
SIGNED_IN_AT = "signed_in_at"  # when they typed their password last (time.time())
_SIGN_IN_ERROR = "sign_in_error"


def _identity_provider():
    """Whether Streamlit's own sign-in is configured (an `[auth]` section in its secrets)."""
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def current_editor():
    """The editor this session is signed in as, checked now; None for a visitor.

    Called at the moment of writing: an editor who signed out, or was removed, is no longer
    one, whatever the page showed before.
    """
    if _identity_provider():
        allowed = st.secrets.get("coopmap", {}).get("editors", [])
        return st.user.email if st.user.is_logged_in and st.user.email in allowed else None
    name = st.session_state.get(EDITOR)
    return name if editors.is_editor(settings.get("editors_file"), name) else None


def _fresh_minutes():
    return settings.get("fresh_sign_in_minutes")


def _sign_in_too_old():
    """Whether this session's local sign-in is older than the `fresh_sign_in_minutes` setting."""
    age = time.time() - st.session_state.get(SIGNED_IN_AT, 0)
    return not _identity_provider() and age > _fresh_minutes() * 60


def writing_editor():
    """The editor this session may write as, now: `current_editor()`, whose password, for a
    local editor, was typed within the `fresh_sign_in_minutes` setting. Asked at the moment of
    writing; an older sign-in raises editors.SignInTooOld and the editor panel asks for the
    password again: whoever replays a stolen session id does not know it (README).
    """
    editor = current_editor()
    if editor and _sign_in_too_old():
        raise editors.SignInTooOld("type your password again to change the published data")
    return editor


def _client_address():
    """The client's address as this server sees it (None on localhost), or as the reverse proxy
    in front of it reports it: the last X-Forwarded-For entry, the one the proxy added (the
    client can write the ones before it).
    """
    peer = st.context.ip_address
    forwarded = st.context.headers.get("X-Forwarded-For")
    try:
        behind_proxy = peer is None or ipaddress.ip_address(peer).is_private
    except ValueError:  # not an address (AppTest has none): taken as no peer at all
        peer, behind_proxy = None, True
    if isinstance(forwarded, str) and forwarded and behind_proxy:
        return forwarded.split(",")[-1].strip()
    return peer or "localhost"


def _sign_in(name_key="w:editor_name", password_key="w:password"):
    """The sign-in form's callback: a name and a password against the local editors file (also
    the callback of the form that asks an editor's password again, with their name).
    """
    name = st.session_state.get(name_key, "")
    password = st.session_state.get(password_key, "")
    st.session_state[password_key] = ""
    try:
        st.session_state[EDITOR] = editors.sign_in(
            settings.get("editors_file"), name, password, source=_client_address()
        )
        st.session_state[SIGNED_IN_AT] = time.time()
        st.session_state[_SIGN_IN_ERROR] = None
    except editors.SignInRefused as refused:
        st.session_state[_SIGN_IN_ERROR] = "sign_in_locked" if refused.locked else "sign_in_refused"


def editor_panel():
    """Sign in and out, on the pages where editors change the data; the editor, or None."""
    editor = current_editor()
    stale = editor is not None and _sign_in_too_old()
    with st.expander(t("editor_area"), expanded=editor is None or stale, icon=":material/key:"):
        if editor:
            st.write(t("signed_in_as", name=markdown_escape(editor)))
            if stale:
                with st.form("confirm_form", enter_to_submit=True):
                    st.caption(t("reauth_needed", minutes=number(_fresh_minutes())))
                    st.text_input(
                        t("password"),
                        key="w:confirm_password",
                        type="password",
                        autocomplete="current-password",
                    )
                    st.form_submit_button(
                        t("reauth_button"),
                        on_click=_sign_in,
                        kwargs={"name_key": EDITOR, "password_key": "w:confirm_password"},
                    )
            if _identity_provider():
                st.button(t("sign_out"), on_click=st.logout, key="sign_out")
            else:
                st.button(
                    t("sign_out"),
                    key="sign_out",
                    on_click=lambda: st.session_state.pop(EDITOR, None),
                )
        elif _identity_provider():
            st.button(t("sign_in"), on_click=st.login, key="sign_in")
        else:
            with st.form("sign_in_form", enter_to_submit=True):
                st.text_input(t("editor_name"), key="w:editor_name", autocomplete="username")
                st.text_input(
                    t("password"),
                    key="w:password",
                    type="password",
                    autocomplete="current-password",
                )
                st.form_submit_button(t("sign_in"), on_click=_sign_in)
        error = st.session_state.get(_SIGN_IN_ERROR)
        if error and (editor is None or stale):
            st.error(t(error))
    return editor


def published_fingerprint():
    """The fingerprint of the published files now: what a change about to be made starts from."""
    return publish.fingerprint(Path(settings.get("data_dir")))


def report_write_error(error):
    """Say, in the visitor's language, why a write was refused; nothing was written."""
    if isinstance(error, publish.StaleData):
        since = joined(
            t(
                "version_title",
                number=v.number,
                kind=t(f"kind_{v.kind}"),
                who=markdown_escape(v.who),
                when=v.when,
            )
            for v in error.since
        )
        st.error(t("stale_data", since=since or t("stale_outside")))
    elif isinstance(error, publish.NotAnEditor):
        st.error(t("not_editor"))
    elif isinstance(error, publish.Busy):
        st.error(t("busy"))
    elif isinstance(error, publish.NoChange):
        st.info(t("no_change"))
    elif isinstance(error, editors.SignInTooOld):
        st.error(t("reauth_needed", minutes=number(_fresh_minutes())))
    else:
        st.error(t("data_error", error=said(error)))


def action_button(label, key, **options):
    """A button whose press is noted by a callback, which runs before the script: it survives
    a rerun (the first run of a server's first session reruns, see pages_mode.py), where a
    button's own return value would be lost. `was_pressed(key)` tells.
    """
    flag = f"{key}:pressed"
    st.button(label, key=key, on_click=lambda: st.session_state.update({flag: True}), **options)


def was_pressed(key):
    """Whether the action button `key` was pressed for this run (asked once)."""
    return st.session_state.pop(f"{key}:pressed", False)


def pressed(label, key, **options):
    """An action button, and whether it was pressed for this run."""
    action_button(label, key, **options)
    return was_pressed(key)


def session_banner():
    """On every page: say that a session list is shown, with the way back."""
    own = st.session_state.get(SESSION_LIST)
    if own:
        st.info(t("using_session_data", name=markdown_escape(own["name"])))
        st.button(
            t("back_to_shipped"),
            key="back_to_shipped",
            on_click=lambda: st.session_state.pop(SESSION_LIST, None),
        )


@st.cache_data(show_spinner=False, max_entries=4)
def _load_programme(data_dir, stamps):
    return programme.load(data_dir)


def the_programme():
    """The programme's data files, reloaded when one of them changes; or stop the page with a
    clear error (the other pages do not read them, and still work).
    """
    data_dir = Path(settings.get("data_dir"))
    try:
        return _load_programme(str(data_dir), _stamps(data_dir, programme.RULES))
    except CoopMapError as error:
        st.error(t("data_error", error=said(error)))
        st.stop()


def type_label(country, kind, the_dataset, lang=None):
    """An authority type as its `country` names it, in the reader's language."""
    labels = data.type_labels(the_dataset.authority_types, lang or language())
    return labels.get((country, kind), kind)


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
        "basemap",
        "partners",
        "source",
        "approximate",
        "legend_requests",
        "legend_requests_size",
        "year",
        "year_unknown",
        "agreement",
        "sources_label",
        "list_separator",
    )
    keys += mapview.SHARE_LABELS + mapview.STEP_LABELS + mapview.TIMELINE_LABELS
    keys += mapview.CONTROL_LABELS
    # The language too: the map says counts ("3 partenaires") in its plural forms.
    labels = {key: t(key) for key in keys} | {"language": language()}
    labels["types"] = data.type_labels(the_dataset.authority_types, language())
    agreements = the_dataset.agreement_kinds
    labels["kinds"] = dict(zip(agreements.agreement_kind, agreements[f"label_{language()}"]))
    return labels


def source_links(pairing):
    """Where a pairing comes from, under its map: the 2013 presentation's line, and a link to
    each public page (the address as written in sources.csv; as its text, its site and as
    much of its path as tells it from the pairing's other pages).
    """
    lines = []
    if pairing.source_text:
        lines.append("- " + t("source_quoted", text=markdown_escape(pairing.source_text)))
    urls = list(filter(None, pairing.source_urls.split("\n")))
    for url, label in zip(urls, sources.link_labels(urls)):
        lines.append(f"- [{markdown_escape(label)}]({url.replace(')', '%29').replace(' ', '%20')})")
    if lines:
        st.markdown(f"**{t('col_sources')}**\n" + "\n".join(lines))


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
        rtl=right_to_left(),
    )
    legend.add_to(fmap)
    return fmap


def metrics(chosen):
    """The three counts of a selection, at the top of the pages that filter."""
    figures = filters.counts(chosen)
    for column, key in zip(st.columns(3), ("pairings", "morocco_places", "france_places")):
        column.metric(t(f"metric_{key}"), number(figures[key]))
    counted = {key: number(n) for key, n in sources.counts(chosen).items()}
    st.caption(t("dated_counts", dated=counted["dated"], undated=counted["undated"]))


FILTER_DEFAULTS = {p: links.BY_NAME[p].default for p in links.FILTERS}
PLACE = "selected_place"  # the place selected on the map: kept across pages, not a widget
VIEW = "view"  # the map's centre and zoom from a link (the map then keeps it in the URL)
_LINK_READ = "link_read"  # the link has been read, once per session
_DROPPED = "link_dropped"  # what the link asked that was dropped, to say so once
_PRESENT_ASKED = "present_asked"  # the presentation was turned on: the map page shows it


def narrow_to_region(the_dataset, country, region_group):
    """Filter on a region clicked on the map (named as the reader reads it); the sidebar
    shows it at the next run.
    """
    side = next(side for side, code in data.SIDES.items() if code == country)
    division = st.session_state.get("division") or filters.DIVISIONS[0]
    latin = place_names.latin_region(the_dataset.region_names, division, language())
    st.session_state[f"{side}_regions"] = list(map(latin, region_group.split(summary.GROUP_JOINER)))
    st.rerun()


def region_filter(the_dataset, side, division, lang, **options):
    """The choice of one side's regions: its values are the regions' names in the files (what
    a link and a download carry), its labels and their order as a reader of `lang` reads them.
    `the_dataset` may be as the files name its regions or as the reader reads them.
    """
    names = the_dataset.region_names
    label = place_names.region_label(names, division, lang)
    latin = place_names.latin_region(names, division, lang)
    regions = set(map(latin, filters.region_options(the_dataset.partnerships, side, division)))
    return bound(
        st.multiselect,
        f"{side}_regions",
        text(f"{side}_region", lang),
        sorted(regions, key=lambda region: fold(label(region))),
        format_func=label,
        **_every_when_empty(lang),
        **options,
    )


def _every_when_empty(lang):
    """A filter that keeps every option when none is chosen: its placeholder says "all", and
    Streamlit's own "Select all" (English in every language, and the same as no choice) is left
    out.
    """
    return {"placeholder": text("all", lang), "select_all": False}


def bound(widget, key, *args, then=None, place="", **options):
    """`widget`, showing the session's own `st.session_state[key]` and keeping it up to date.

    A widget's own state is forgotten when the page changes (by the sidebar's links or
    st.switch_page: a selectbox would come back to its first option); the session's is not.
    So the widget has a key of its own, set from the session's value before it is drawn, and
    its changes go back to the session (then `then()` runs). Returns the session's value.
    `place` tells apart two widgets of one value on a page (the sidebar's, the presentation's).
    """
    shadow = f"w{place}:{key}"

    def changed():
        st.session_state[key] = st.session_state[shadow]
        _changed_by_user(shadow)
        if then:
            then()

    _show(shadow, st.session_state.get(key))
    widget(*args, key=shadow, on_change=changed, **options)
    return st.session_state.get(key)


_CHANGED_BY_USER = "changed_by_user"  # the widgets whose own change started this run


def _changed_by_user(shadow):
    st.session_state.setdefault(_CHANGED_BY_USER, set()).add(shadow)


def _show(shadow, value):
    """Give the widget `shadow` the session's `value`, unless the user's change to that widget
    is what started this run.

    Writing a widget's key sends its value to the browser, and that answer to a change can undo
    the next one, made while the run was going on (a second key pressed on a slider). The
    widget is written at every other run: after a change of page it is a new widget, which
    would otherwise come back empty.
    """
    changed = st.session_state.get(_CHANGED_BY_USER, set())
    if shadow in changed:
        changed.discard(shadow)
    else:
        st.session_state[shadow] = value


RESETS = "resets"  # how many times the filters were reset: the map frames everything again


def reset_filters():
    """Start again: every filter at its default, no place selected, and the map back to the
    frame of all the pairings (the view a link or the reader left is forgotten).
    """
    st.session_state.update({key: _copy(value) for key, value in FILTER_DEFAULTS.items()})
    st.session_state[PLACE] = None
    st.session_state[RESETS] = st.session_state.get(RESETS, 0) + 1
    st.query_params.pop(VIEW, None)


def _copy(value):
    return list(value) if isinstance(value, list) else value


def _clear_regions():
    """Regions are named in one division: another division starts with none."""
    st.session_state.update(morocco_regions=[], france_regions=[])


def _defaults():
    """What each piece of state is before anything is chosen."""
    basemap = settings.get("basemap")
    return {key: _copy(value) for key, value in FILTER_DEFAULTS.items()} | {
        "language": DEFAULT_LANGUAGE,
        "basemap": basemap if basemap in mapview.MODES else mapview.MODES[0],
        "present": False,
        PLACE: None,
    }


def _read_link(the_dataset):
    """At a session's start: the state its link asks for, as codes (coopmap/links.py).

    Read once: after that the session's own state is the truth, and the link follows it.
    """
    if st.session_state.get(_LINK_READ):
        return
    st.session_state[_LINK_READ] = True
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    state, dropped = links.read(query, the_dataset)
    for key, value in (_defaults() | state).items():
        st.session_state.setdefault(key, value)
    if dropped:
        st.session_state[_DROPPED] = dropped


def _write_link():
    """Keep the page's address equal to the session's state, as codes, defaults left out."""
    state = {name: st.session_state.get(name) for name in links.BY_NAME if name != VIEW}
    wanted = links.write(state, {"basemap": _defaults()["basemap"]})
    if view() is not None:  # the map's own, written as it moves
        wanted[VIEW] = [st.query_params.get(VIEW)]
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


_FILTERS_SLOT = "filters_slot"  # this run's place for the filters in the sidebar


def sidebar(the_dataset):
    """Language, basemap and presentation mode on every page, and the place of the filters,
    which only the pages whose pairings they filter draw (`selected`): elsewhere they would
    change nothing. Their state lives in the session across pages, and the page's address
    follows it.
    """
    _read_link(the_dataset)
    with st.sidebar:
        bound(
            st.segmented_control,
            "language",
            t("language"),
            list(LANGUAGES),
            format_func=LANGUAGES.get,
        )
        # Labels are bound to the language now: a format_func may be called outside a run.
        lang = language()
        st.session_state[_FILTERS_SLOT] = st.container()
        bound(
            st.selectbox,
            "basemap",
            text("basemap", lang),
            mapview.MODES,
            format_func=lambda mode: text(f"basemap_{mode}", lang),
        )
        bound(
            st.toggle,
            "present",
            text("present", lang),
            help=text("present_help", lang),
            then=lambda: st.session_state.update({_PRESENT_ASKED: st.session_state["present"]}),
        )
    _write_link()
    if st.session_state.pop(_PRESENT_ASKED, False):  # from any page: presenting is the map
        st.switch_page("pages/map.py")
    dropped = st.session_state.pop(_DROPPED, None)
    if dropped:
        st.info(t("ignored_params", names=markdown_escape(joined(dropped))))


def _filters(the_dataset):
    """The filters, in the place `sidebar` kept for them."""
    partnerships = the_dataset.partnerships
    lang = language()
    with st.session_state[_FILTERS_SLOT]:
        st.header(text("filters", lang))
        division = bound(
            st.radio,
            "division",
            text("division", lang),
            filters.DIVISIONS,
            format_func=lambda d: text(f"division_{d}", lang),
            then=_clear_regions,
        )
        for side in data.SIDES:
            region_filter(the_dataset, side, division, lang)
            bound(
                st.multiselect,
                f"{side}_types",
                text(f"{side}_type", lang),
                sorted(partnerships[f"{side}_authority_type"].unique()),
                format_func=functools.partial(
                    type_label, data.SIDES[side], the_dataset=the_dataset, lang=lang
                ),
                **_every_when_empty(lang),
            )
        bound(
            st.multiselect,
            "levels",
            text("level", lang),
            list(mapview.LEVELS),
            format_func=lambda level: text(f"level_{level}", lang),
            **_every_when_empty(lang),
        )
        bound(
            st.text_input,
            "search",
            text("search", lang),
            help=text("search_help", lang),
            max_chars=links.SEARCH_LIMIT,
        )
        groups = [g for g in sources.GROUPS if partnerships.source_groups.str.contains(g).any()]
        bound(
            st.multiselect,
            "sources",
            text("sources_filter", lang),
            groups,
            format_func=lambda group: text(f"source_{group}", lang),
            **_every_when_empty(lang),
        )
        _years_filter(partnerships, lang)
        st.button(text("reset", lang), on_click=reset_filters, key="reset_sidebar")


def _years_filter(partnerships, lang):
    """A range of years of first signature, and whether to show the pairings with no known
    year. The whole range is no restriction (kept as [], so that a link leaves it out).
    """
    span = filters.year_range(partnerships)
    if span is not None:
        shadow = "w:years"

        def changed():
            chosen = tuple(st.session_state[shadow])
            st.session_state["years"] = [] if chosen == span else list(chosen)
            _changed_by_user(shadow)

        wanted = st.session_state.get("years") or span
        _show(shadow, (max(wanted[0], span[0]), min(wanted[1], span[1])))
        st.slider(
            text("years", lang),
            min_value=span[0],
            max_value=span[1],
            key=shadow,
            on_change=changed,
            help=text("years_help", lang),
        )
    undated = int(sources.years(partnerships).isna().sum())
    if undated:
        bound(st.checkbox, "undated", text("undated", lang, count=undated))


def view():
    """The map view the link asked for, as (latitude, longitude, zoom), or None."""
    return mapview.view.parse(st.query_params.get(VIEW))


def exit_presentation():
    st.session_state["present"] = False


def selected():
    """The data, the sidebar's selection and the pairings it keeps: what a page of pairings
    starts from, and the page draws the filters in the sidebar. With no data to read, such a
    page stops (the reason is on screen).
    """
    the_dataset = dataset()
    if st.session_state.get(_UNREADABLE):
        st.stop()
    _filters(the_dataset)
    chosen = selection()
    kept = filters.apply(the_dataset.partnerships, chosen)
    # Filtered on the names as the files write them; shown as the reader reads them.
    the_dataset, kept = place_names.shown(the_dataset, kept, language())
    return the_dataset, chosen, kept


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
        sources=tuple(state.get("sources") or ()),
        years=tuple(state.get("years") or ()),
        undated=state.get("undated", True) is not False,
    )


SHOWN_PROBLEMS = 200  # a list of 2,000 bad rows is read in the file, not on the screen


def report_notices(problems):
    """The problems of data files, errors (rows left out) apart from warnings: the first
    SHOWN_PROBLEMS of each, and how many more.
    """
    for severity, show, key in (
        ("error", st.error, "data_problems"),
        ("warning", st.warning, "data_notices"),
    ):
        found = [p for p in problems if p.severity == severity]
        if found:
            lines = [f"- {said(problem)}" for problem in found[:SHOWN_PROBLEMS]]
            if len(found) > SHOWN_PROBLEMS:
                lines.append(t("more_problems", count=len(found) - SHOWN_PROBLEMS))
            show(t(key, count=len(found)) + "\n" + "\n".join(lines))


def report_problems(the_dataset):
    """Say which rows were left out and which places have no point yet, and why."""
    report_notices(the_dataset.problems)
    missing = data.unplaced(the_dataset.places)
    if not missing.empty:
        kinds = (type_label(p.country, p.authority_type, the_dataset) for p in missing.itertuples())
        lines = "\n".join(
            f"- {markdown_escape(name)} ({kind})" for name, kind in zip(missing.name, kinds)
        )
        st.warning(t("unplaced_warning", count=len(missing)) + "\n" + lines)
