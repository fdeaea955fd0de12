"""Selecting pairings: each rule as a row of a table, against the 40 pairings of the 2013
presentation (a fixed part of the shipped data: the counts do not move when pages add
pairings), and the years and sources on a table of four made for them.
"""

import pandas as pd
import pytest

from coopmap import filters, sources
from coopmap.filters import Selection
from coopmap.text import fold

DECK = Selection(sources=(sources.PRESENTATION,))


@pytest.fixture(scope="module")
def deck(shipped):
    return filters.apply(shipped.partnerships, DECK)


RULES = [
    # (selection, number of pairings kept)
    (Selection(), 40),
    (Selection(levels=("town",)), 24),
    (Selection(levels=("territory",)), 16),
    (Selection(morocco_types=("province",)), 6),
    (Selection(france_types=("département",)), 6),
    (Selection(france_types=("commune",)), 19),
    (Selection(morocco_regions=("Oriental",)), 7),
    (Selection(morocco_regions=("Oriental",), division="2013"), 7),
    # Souss-Massa-Drâa (2013) lies in Souss-Massa and in Drâa-Tafilalet today: found by both.
    (Selection(morocco_regions=("Drâa-Tafilalet",)), 6),
    (Selection(morocco_regions=("Souss-Massa-Drâa",), division="2013"), 9),
    (Selection(france_regions=("Occitanie",)), 6),
    (Selection(france_regions=("Languedoc-Roussillon",), division="2013"), 6),
    (Selection(search="fes"), 4),
    (Selection(search="FÈS"), 4),
    (Selection(search="saint etienne"), 1),
    (Selection(search="isere"), 3),
    (Selection(search="zzz"), 0),
    (Selection(levels=("town",), france_regions=("Hauts-de-France",)), 3),
]


@pytest.mark.parametrize(("selection", "expected"), RULES)
def test_selection_keeps_the_right_pairings(deck, selection, expected):
    assert len(filters.apply(deck, selection)) == expected


def test_search_finds_a_place_whatever_the_accents(deck):
    chosen = filters.apply(deck, Selection(search="fes"))
    assert set(chosen.morocco_name) == {"Fès", "Fès-Boulemane"}


def test_counts_follow_the_selection(deck):
    assert filters.counts(deck) == {"pairings": 40, "morocco_places": 31, "france_places": 39}
    oriental = filters.apply(deck, Selection(morocco_regions=("Oriental",)))
    assert filters.counts(oriental) == {"pairings": 7, "morocco_places": 5, "france_places": 7}


def _dated(*cells):
    """Pairings with these (year, groups of sources), the other columns as filters read them."""
    return pd.DataFrame(
        {
            "pairing_id": [str(i) for i in range(len(cells))],
            "morocco_name": "M",
            "france_name": "F",
            "level": "town",
            "year": [year for year, _ in cells],
            "source_groups": [groups for _, groups in cells],
        }
    )


PAGES, BOTH = sources.PUBLIC_PAGES, f"{sources.PRESENTATION}|{sources.PUBLIC_PAGES}"
FOUR = _dated(("1990", sources.PRESENTATION), ("2000", PAGES), ("", PAGES), ("2010", BOTH))
YEAR_RULES = [
    # (selection, the numbers of the pairings kept)
    (Selection(), ["0", "1", "2", "3"]),
    (Selection(years=(1990, 2000)), ["0", "1", "2"]),  # the undated one too, by default
    (Selection(years=(1990, 2000), undated=False), ["0", "1"]),
    (Selection(years=(2001, 2009)), ["2"]),
    (Selection(years=(2001, 2009), undated=False), []),
    (Selection(undated=False), ["0", "1", "3"]),
    (Selection(years=(2010, 2010)), ["2", "3"]),  # both ends are included
    (Selection(sources=(sources.PRESENTATION,)), ["0", "3"]),
    (Selection(sources=(PAGES,)), ["1", "2", "3"]),
    (Selection(sources=(PAGES,), years=(1990, 2005), undated=False), ["1"]),
]


@pytest.mark.parametrize(("selection", "expected"), YEAR_RULES)
def test_years_and_sources_keep_the_right_pairings(selection, expected):
    assert list(filters.apply(FOUR, selection).pairing_id) == expected


def test_the_year_range_needs_two_known_years():
    assert filters.year_range(FOUR) == (1990, 2010)
    assert filters.year_range(_dated(("1990", PAGES), ("", PAGES))) is None


def test_region_options_of_each_division(shipped):
    current = filters.region_options(shipped.partnerships, "morocco", "current")
    assert "Drâa-Tafilalet" in current and "Souss-Massa-Drâa" not in current
    former = filters.region_options(shipped.partnerships, "france", "2013")
    assert "Languedoc-Roussillon" in former and "Occitanie" not in former


def test_partners_of_a_place(shipped):
    partners = filters.partners_of(shipped.partnerships, shipped.places, "MA:commune urbaine:Oujda")
    assert sorted(partners.name) == ["Aix-en-Provence", "Grenoble", "Lille"]
    isere = filters.partners_of(shipped.partnerships, shipped.places, "FR:département:Isère")
    assert sorted(isere.name) == ["Doukkala-Abda", "Souss-Massa-Drâa", "Tadla-Azilal"]
    assert set(isere.level) == {"territory"}


@pytest.mark.parametrize(
    "typed, folded",
    [
        ("Saint-Étienne", "saint etienne"),
        ("St-Étienne", "saint etienne"),
        ("st. etienne", "saint etienne"),
        ("Ste-Foy", "sainte foy"),
        ("Stains", "stains"),  # a word that starts with "st" is left alone
        ("FÈS", "fes"),
        ("Ksar el-Kébir", "ksar el kebir"),
    ],
)
def test_fold_is_blind_to_accents_hyphens_case_and_saint(typed, folded):
    assert fold(typed) == folded


@pytest.mark.parametrize(
    "typed, names",
    [
        ("fes", ["Fès"]),  # named exactly so: not also Fès-Boulemane
        ("st etienne", ["Saint-Étienne"]),
        ("oujd", ["Oujda"]),
        ("zzz", []),
        ("", []),
    ],
)
def test_matching_places_uses_the_search_s_matcher(shipped, typed, names):
    places = shipped.places
    found = filters.matching_places(places, list(places.place_id), typed)
    assert [places.set_index("place_id").name[pid] for pid in found] == names
