"""Selecting pairings: each rule as a row of a table, against the shipped data."""

import pytest

from coopmap import filters
from coopmap.filters import Selection
from coopmap.text import fold

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
def test_selection_keeps_the_right_pairings(shipped, selection, expected):
    assert len(filters.apply(shipped.partnerships, selection)) == expected


def test_search_finds_a_place_whatever_the_accents(shipped):
    chosen = filters.apply(shipped.partnerships, Selection(search="fes"))
    assert set(chosen.morocco_name) == {"Fès", "Fès-Boulemane"}


def test_counts_follow_the_selection(shipped):
    assert filters.counts(shipped.partnerships) == {
        "pairings": 40,
        "morocco_places": 31,
        "france_places": 39,
    }
    oriental = filters.apply(shipped.partnerships, Selection(morocco_regions=("Oriental",)))
    assert filters.counts(oriental) == {"pairings": 7, "morocco_places": 5, "france_places": 7}


def test_region_options_of_each_division(shipped):
    current = filters.region_options(shipped.partnerships, "morocco", "current")
    assert "Drâa-Tafilalet" in current and "Souss-Massa-Drâa" not in current
    former = filters.region_options(shipped.partnerships, "france", "2013")
    assert "Languedoc-Roussillon" in former and "Occitanie" not in former


def test_partners_of_a_place(shipped):
    partners = filters.partners_of(shipped.partnerships, shipped.places, "MA:commune urbaine:Oujda")
    assert sorted(partners.name) == ["Aix-en-Provence", "Grenoble", "Lille"]
    isere = filters.partners_of(shipped.partnerships, shipped.places, "FR:département:Isère")
    assert sorted(isere.name) == ["Doukkala-Abda", "Souss-Massa-Drâa"]
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
