"""Links carry codes; old links with labels still open; what a link drops is named."""

from urllib.parse import parse_qs, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopmap import data, filters, links, mapview, sources
from coopmap.catalog import LANGUAGES

from conftest import ROOT

FES = "MA:commune urbaine:Fès"


@pytest.mark.parametrize(
    ("query", "state", "dropped"),
    [
        # Codes, as the app writes them.
        ({"levels": ["territory"]}, {"levels": ["territory"]}, []),
        ({"language": ["en"]}, {"language": "en"}, []),
        ({"division": ["2013"]}, {"division": "2013"}, []),
        ({"basemap": ["offline"]}, {"basemap": "offline"}, []),
        ({"present": ["true"]}, {"present": True}, []),
        ({"morocco_regions": ["Oriental"]}, {"morocco_regions": ["Oriental"]}, []),
        ({"france_types": ["département"]}, {"france_types": ["département"]}, []),
        ({"search": ["fes"]}, {"search": "fes"}, []),
        ({"view": ["40.5,-1.25,6"]}, {"view": "40.5,-1.25,6"}, []),
        ({"selected_place": [FES]}, {"selected_place": FES}, []),
        # A default stated in a link is valid, not "ignored".
        ({"present": ["false"]}, {"present": False}, []),
        ({"language": ["fr"]}, {"language": "fr"}, []),
        # Old links, with the labels of either language.
        ({"levels": ["Régions et provinces"]}, {"levels": ["territory"]}, []),
        ({"levels": ["Regions and provinces"]}, {"levels": ["territory"]}, []),
        ({"language": ["Français"]}, {"language": "fr"}, []),
        ({"language": ["English"]}, {"language": "en"}, []),
        ({"division": ["Régions de 2013 (source)"]}, {"division": "2013"}, []),
        ({"france_types": ["department"]}, {"france_types": ["département"]}, []),
        ({"selected_place": ["Fès (commune urbaine)"]}, {"selected_place": FES}, []),
        ({"selected_place": ["Fès (urban commune)"]}, {"selected_place": FES}, []),
        # 2013 regions are read in the division the link names, whatever order it gives.
        (
            {"morocco_regions": ["Fès-Boulemane"], "division": ["2013"]},
            {"division": "2013", "morocco_regions": ["Fès-Boulemane"]},
            [],
        ),
        # What cannot be given is dropped, and named exactly.
        ({"levels": ["zzz"]}, {"levels": []}, ["levels=zzz"]),
        ({"levels": ["town", "zzz"]}, {"levels": ["town"]}, ["levels=zzz"]),
        ({"division": ["nope"]}, {}, ["division=nope"]),
        ({"foo": ["<b>"]}, {}, ["foo"]),
        ({"view": ["1e9,x,99"]}, {}, ["view=1e9,x,99"]),
        (
            {"morocco_regions": ["Fès-Boulemane"]},
            {"morocco_regions": []},
            ["morocco_regions=Fès-Boulemane"],
        ),
        ({"selected_place": ["Atlantis"]}, {}, ["selected_place=Atlantis"]),
        # A place the link's own filters hide cannot be selected.
        (
            {"search": ["oujda"], "selected_place": [FES]},
            {"search": "oujda"},
            [f"selected_place={FES}"],
        ),
        ({"search": ["x" * 500]}, {"search": "x" * links.SEARCH_LIMIT}, []),
        ({"levels": ["town", "town"]}, {"levels": ["town"]}, []),
    ],
)
def test_read(shipped, query, state, dropped):
    assert links.read(query, shipped) == (state, dropped)


@pytest.mark.parametrize(
    ("state", "query"),
    [
        (
            {"levels": ["territory"], "language": "en"},
            {"language": ["en"], "levels": ["territory"]},
        ),
        ({"levels": [], "language": "fr", "present": False, "search": ""}, {}),
        ({"present": True, "selected_place": FES}, {"present": ["true"], "selected_place": [FES]}),
        ({"basemap": "offline"}, {"basemap": ["offline"]}),
    ],
)
def test_write_leaves_defaults_out(state, query):
    assert links.write(state, {"basemap": "auto"}) == query


def test_a_written_link_reads_back_the_same(shipped):
    state = {
        "language": "en",
        "division": "2013",
        "morocco_regions": ["Fès-Boulemane"],
        "france_types": ["commune"],
        "levels": ["town"],
        "search": "fès",
        "present": True,
        "selected_place": FES,
    }
    assert links.read(links.write(state), shipped) == (state, [])


# The round trip over generated states: what the app writes into its address, it reads back.
SHIPPED = data.load(ROOT / "data")
PARTNERSHIPS = SHIPPED.partnerships


def _subset(values):
    return st.lists(st.sampled_from(sorted(values)), unique=True, max_size=3)


@st.composite
def link_states(draw):
    """A state a reader can reach: filters from the shipped data's own values, a search of
    any text, the map's view at one of its quarter zoom levels, and a place the filters keep.
    """
    division = draw(st.sampled_from(filters.DIVISIONS))
    state = {"language": draw(st.sampled_from(list(LANGUAGES))), "division": division}
    for side in links.SIDES:
        regions = filters.region_options(PARTNERSHIPS, side, division)
        state[f"{side}_regions"] = draw(_subset(regions))
        state[f"{side}_types"] = draw(_subset(set(PARTNERSHIPS[f"{side}_authority_type"])))
    state["levels"] = draw(_subset(mapview.LEVELS))
    search = st.text(st.characters(exclude_categories=("Cs",)), max_size=links.SEARCH_LIMIT)
    state["search"] = draw(st.one_of(search, st.sampled_from(["fes", "Saint-Étienne", "ال"])))
    state["sources"] = draw(_subset(sources.GROUPS))
    first, last = filters.year_range(PARTNERSHIPS)
    years = st.lists(st.integers(first, last), min_size=2, max_size=2).map(sorted)
    state["years"] = draw(st.one_of(st.just([]), years))
    state["undated"] = draw(st.booleans())
    state["basemap"] = draw(st.sampled_from(mapview.MODES))
    state["present"] = draw(st.booleans())
    zoom = draw(st.integers(4, 18 * 4)) / 4
    latitude, longitude = draw(st.floats(-85, 85)), draw(st.floats(-180, 180))
    state["view"] = mapview.view.write(latitude, longitude, zoom)
    kept = filters.apply(PARTNERSHIPS, links_selection(state))
    places = sorted(set(kept.morocco_place_id) | set(kept.france_place_id))
    state["selected_place"] = draw(st.one_of(st.none(), st.sampled_from(places or [None])))
    return state


def links_selection(state):
    return filters.Selection(
        **{
            k: tuple(v) if isinstance(v, list) else v
            for k, v in state.items()
            if k in links.FILTERS
        }
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(link_states())
def test_every_state_written_in_an_address_reads_back_the_same(state):
    """write → the address as a browser encodes it → read: the same state, nothing dropped."""
    address = urlencode(links.write(state, {"basemap": "auto"}), doseq=True)
    query = parse_qs(address, keep_blank_values=True)
    read, dropped = links.read(query, SHIPPED)
    defaults = {p.name: p.default for p in links.PARAMETERS} | {"basemap": "auto"}
    expected = {k: v for k, v in state.items() if v not in (None, "", [], defaults[k])}
    assert dropped == []
    assert {k: v for k, v in read.items() if v not in (None, "", [], defaults[k])} == expected


@given(
    st.floats(-85, 85),
    st.floats(-180, 180),
    st.integers(4, 18 * 4).map(lambda quarters: quarters / 4),
)
def test_a_view_at_any_quarter_zoom_reads_back(latitude, longitude, zoom):
    """The map stops at quarter zoom levels (5.25): a link keeps them, to 4 decimals."""
    read = mapview.view.parse(mapview.view.write(latitude, longitude, zoom))
    assert read == (round(latitude, 4) + 0.0, round(longitude, 4) + 0.0, zoom)
