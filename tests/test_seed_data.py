"""The shipped data holds every pairing of the source (the 2013 presentation), each place placed
inside its country; the pairings that public pages add are checked in test_sources.py.
"""

import csv
import hashlib
import re

import pytest
from shapely.geometry import Point

from coopmap import data, schema

from conftest import DATA_DIR, ROOT

SEED = ROOT / "sources" / "000_3c279f0d5724d53e.txt"  # in the repository: any clone can check
SEED_SHA256 = "c70fe927c10242e5fb38c54f11206a2623400d8aaee99509c752a31274fe478a"
SHARED_SEED = ROOT.parent / "shared" / "seed" / SEED.name  # where the project was given it
TOWNS, TERRITORIES = "Villes et groupements intercommunaux", "Régions et provinces"


@pytest.fixture(scope="module")
def deck(shipped):
    """The pairings of the 2013 presentation: those that quote a line of it."""
    return shipped.partnerships[shipped.partnerships.source_text != ""]


def test_all_40_pairings_of_the_source(shipped, deck):
    assert shipped.problems == []
    partnerships = deck
    assert len(partnerships) == 40
    sections = partnerships.source_section.value_counts().to_dict()
    assert sections == {TOWNS: 24, TERRITORIES: 16}
    # The level shown on the map is the source's own grouping of the pairings.
    levels = partnerships.groupby("source_section")["level"].unique().to_dict()
    assert [*levels[TOWNS]] == ["town"] and [*levels[TERRITORIES]] == ["territory"]


@pytest.mark.parametrize(
    ("morocco", "france"),
    [
        ("Oujda", ["Lille", "Grenoble", "Aix-en-Provence"]),
        ("Fès", ["Strasbourg", "Montpellier", "Saint-Étienne"]),
        ("Rabat", ["Grand Lyon", "Paris"]),
        ("Marrakech", ["Marseille", "Tours"]),
        ("Doukkala-Abda", ["Nord-Pas-de-Calais", "Isère"]),
        ("Souss-Massa-Drâa", ["Aquitaine", "Isère", "Hérault"]),
    ],
)
def test_one_line_of_the_source_can_hold_several_partners(deck, morocco, france):
    rows = deck[deck.morocco_name == morocco]
    assert sorted(rows.france_name) == sorted(france)
    assert rows.source_text.nunique() == 1


@pytest.mark.parametrize(("name", "partner"), [("Figuig", "Stains"), ("Ouarzazate", "Bédarieux")])
def test_a_name_can_be_a_commune_and_a_province(deck, name, partner):
    rows = deck[deck.morocco_name == name]
    assert set(rows.morocco_authority_type) == {"commune urbaine", "province"}
    commune = rows[rows.morocco_authority_type == "commune urbaine"]
    assert list(commune.france_name) == [partner]
    assert rows.morocco_place_id.nunique() == 2


def test_the_seed_document_is_the_one_the_project_was_given():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256
    if SHARED_SEED.exists():  # beside the repository on the developers' machines
        assert SHARED_SEED.read_bytes() == SEED.read_bytes()


def test_every_row_of_the_presentation_names_a_source_file_of_the_repository(deck):
    for name in deck.source_file.unique():
        assert (ROOT / name).is_file(), name


def test_every_source_text_is_in_the_seed_document(shipped):
    def squeeze(text):
        text = re.sub(r"\s+", " ", text.replace("’", "'"))
        return re.sub(r"- ", "-", text).strip()  # the slides break lines after hyphens

    seed = squeeze(SEED.read_text(encoding="utf-8"))
    for text in shipped.partnerships.source_text.unique():
        for part in re.split(r"\s*[:,]\s*", text):
            assert squeeze(part) in seed, part


def test_regions_in_both_divisions(shipped):
    partnerships = shipped.partnerships
    for side in ("morocco", "france"):
        assert (partnerships[f"{side}_region_2013"] != "").all()
        assert (partnerships[f"{side}_region_current"] != "").all()
    # A 2013 region that lies in several of today's regions lists them all.
    souss = partnerships[partnerships.morocco_name == "Souss-Massa-Drâa"]
    assert set(souss.morocco_region_current) == {"Souss-Massa|Drâa-Tafilalet|Guelmim-Oued Noun"}


def test_region_crosswalk_has_the_16_and_22_former_regions(shipped):
    regions = shipped.regions
    assert regions[regions.country == "MA"].region_2013.nunique() == 16
    assert regions[regions.country == "MA"].region_current.nunique() == 12
    assert regions[regions.country == "FR"].region_2013.nunique() == 22
    assert regions[regions.country == "FR"].region_current.nunique() == 13
    assert (regions.source != "").all()


def test_every_place_has_a_point_and_its_source(shipped):
    places = shipped.places
    assert data.unplaced(places).empty
    sources = ["geonames-cities500", "geonames-cities1000-area", "geonames-cities500-area"]
    assert places.source.isin([*sources, "manual"]).all()
    manual = places[places.source == "manual"]
    assert (manual.note.str.len() > 20).all(), "a manual point says why"


def test_every_point_lies_inside_its_own_country(shipped):
    """Morocco as the source presents it: Dakhla, in the south, is a Moroccan commune. A port
    or a cape may lie a little off the simplified outlines: within the data's own tolerance.
    """
    territories = schema.widened_outlines(data.territories())
    with open(DATA_DIR / "coordinates.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    cached = {data.place_id(r["country"], r["authority_type"], r["name"]) for r in rows}
    assert set(data.derive_places(shipped.partnerships).place_id) <= cached
    outside = [
        row["name"]
        for row in rows
        if not territories[row["country"]].contains(
            Point(float(row["longitude"]), float(row["latitude"]))
        )
    ]
    assert outside == []


def test_places_share_a_point_only_with_their_seat_or_capital(shipped):
    """Two places at one point are a body placed at its seat and the commune of that town
    (Toulouse Métropole, Toulouse), or an area placed at its only town (the préfecture of
    Meknès): the map draws them as rings around each other (test_mapview.py).
    """
    places = shipped.places
    points = places[["latitude", "longitude"]].round(4).apply(tuple, axis=1)
    for _, group in places[points.duplicated(keep=False)].groupby(points):
        assert (group.precision == "town").sum() == 1, group.name.tolist()
        others = group[group.precision != "town"]
        assert others.precision.isin(["seat", "area"]).all(), group.name.tolist()


def test_homonyms_are_placed_on_the_right_one(shipped):
    places = shipped.places.set_index("place_id")
    # GeoNames has a "Dakhla" district of Agadir, at 30.4°N; the commune is at 23.7°N.
    assert places.loc["MA:commune urbaine:Dakhla"].latitude < 24
    # Tours, not Tours-en-Savoie; Montpellier, not Montpellier-de-Médillan.
    assert places.loc["FR:commune:Tours"].latitude == pytest.approx(47.39, abs=0.05)
    assert places.loc["FR:commune:Montpellier"].longitude == pytest.approx(3.88, abs=0.05)
