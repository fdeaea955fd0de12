"""The reader's choices, and the page's address that carries them.

The choices live in the widgets' own state, kept for the session (`persist_state`); a link is
read into it once, as the session starts, and the address follows it after every run, as
`coopmap.links` writes it (codes, not labels; defaults left out). The map's view is the map's
own: its script writes it into the address as the map moves, and a run keeps it there.
"""

from urllib.parse import urlencode

import streamlit as st

from coopmap import data, filters, links, mapview, place_names, summary

from . import keys, loading
from .language import language

VIEW = "view"  # the map's view: the map writes it into the address as it moves


def read_link(the_dataset):
    """At a session's start: the state its link asks for, as codes (coopmap/links.py).

    Read once: after that the session's own state is the truth, and the link follows it.
    """
    if st.session_state.get(keys.LINK_READ):
        return
    st.session_state[keys.LINK_READ] = True
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    state, dropped = links.read(query, the_dataset)
    st.session_state[keys.LINK_VIEW] = state.pop(VIEW, None)
    for key, value in (keys.link_defaults() | state).items():
        st.session_state.setdefault(key, value)
    if dropped:
        st.session_state[keys.LINK_DROPPED] = dropped


def chosen_years(partnerships):
    """The years chosen, as (first, last); () for every year (the slider's whole range)."""
    chosen = st.session_state.get(keys.YEARS)
    span = filters.year_range(partnerships)
    if not chosen or span is None or tuple(chosen) == span:
        return ()
    return tuple(chosen)


def write_link(the_dataset):
    """Keep the page's address equal to the session's state, as codes, defaults left out."""
    state = {key.name: st.session_state.get(key.name) for key in keys.LINK_STATE}
    state[keys.YEARS] = list(chosen_years(the_dataset.partnerships))
    wanted = links.write(state, {keys.BASEMAP: keys.default(keys.BASEMAP)})
    if view() is not None:  # kept for the map, which corrects it to its own as it moves
        wanted[VIEW] = [st.session_state[keys.LINK_VIEW]]
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def view():
    """The map view the session's link asked for, as (latitude, longitude, zoom), or None."""
    return mapview.view.parse(st.session_state.get(keys.LINK_VIEW))


def selection(the_dataset):
    """The `Selection` that the filters describe."""
    state = st.session_state
    return filters.Selection(
        morocco_types=tuple(state.get("morocco_types") or ()),
        france_types=tuple(state.get("france_types") or ()),
        morocco_regions=tuple(state.get("morocco_regions") or ()),
        france_regions=tuple(state.get("france_regions") or ()),
        division=state.get(keys.DIVISION) or "current",
        levels=tuple(state.get("levels") or ()),
        search=state.get("search") or "",
        sources=tuple(state.get("sources") or ()),
        years=chosen_years(the_dataset.partnerships),
        undated=state.get("undated", True) is not False,
    )


def reset_filters():
    """Start again: every filter at its default, no place selected, and the map back to the
    frame of all the pairings (the view a link or the reader left is forgotten). A callback.
    """
    st.session_state.update({name: keys.default(name) for name in links.FILTERS})
    st.session_state[keys.PLACE] = None
    st.session_state[keys.RESETS] = st.session_state.get(keys.RESETS, 0) + 1
    st.session_state[keys.LINK_VIEW] = None
    st.query_params.pop(VIEW, None)


def clear_regions():
    """Regions are named in one division: another division starts with none. A callback."""
    st.session_state.update(morocco_regions=[], france_regions=[])


def narrow_to_region(the_dataset, country, region_group):
    """Filter on a region clicked on the map (named as the reader reads it). A callback: the
    run it starts draws the filters with it.
    """
    side = next(side for side, code in data.SIDES.items() if code == country)
    division = st.session_state.get(keys.DIVISION) or filters.DIVISIONS[0]
    latin = place_names.latin_region(the_dataset.region_names, division, language())
    st.session_state[f"{side}_regions"] = list(map(latin, region_group.split(summary.GROUP_JOINER)))


def presenting():
    return bool(st.session_state.get(keys.PRESENT))


def embedded():
    """Whether a partner's site shows the app in a frame (Streamlit's `?embed=true`, which
    the page's own query parameters do not hold): the map alone, and a link to the full app.
    """
    return bool(st.context.is_embedded)


def full_app_link():
    """This page's address in the full app: the filters, language and place that the address
    holds (write_link keeps them there), without the embed mode.
    """
    query = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    return (st.context.url or "") + ("?" + urlencode(query) if query else "")


def exit_presentation():
    st.session_state[keys.PRESENT] = False


def ask_presentation():
    """The presentation toggle's callback: turning it on, from any page, shows the map."""
    st.session_state[keys.PRESENT_ASKED] = st.session_state.get(keys.PRESENT)


def selected():
    """The data, the filters' selection and the pairings it keeps: what a page of pairings
    starts from (dashboard.py draws the filters for it). With no data to read, such a page
    stops (the reason is on screen).
    """
    the_dataset = loading.dataset()
    if loading.unreadable():
        st.stop()
    chosen = selection(the_dataset)
    kept = filters.apply(the_dataset.partnerships, chosen)
    # Filtered on the names as the files write them; shown as the reader reads them.
    the_dataset, kept = place_names.shown(the_dataset, kept, language())
    return the_dataset, chosen, kept
