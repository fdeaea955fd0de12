"""The shipped data holds every pairing of the source, each place placed inside its country."""

import csv
import hashlib
import re

import pytest
from shapely.geometry import Point

from coopmap import data

from conftest import DATA_DIR, ROOT

SEED = ROOT / "sources" / "000_3c279f0d5724d53e.txt"  # in the repository: any clone can check
SEED_SHA256 = "c70fe927c10242e5fb38c54f11206a2623400d8aaee99509c752a31274fe478a"
SHARED_SEED = ROOT.parent / "shared" / "seed" / SEED.name  # where the project was given it
TOWNS, TERRITORIES = "Villes et groupements intercommunaux", "Régions et provinces"


def test_all_40_pairings_of_the_source(shipped):
    assert shipped.problems == []
    partnerships = shipped.partnerships
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
def test_one_line_of_the_source_can_hold_several_partners(shipped, morocco, france):
    rows = shipped.partnerships[shipped.partnerships.morocco_name == morocco]
    assert sorted(rows.france_name) == sorted(france)
    assert rows.source_text.nunique() == 1


@pytest.mark.parametrize(("name", "partner"), [("Figuig", "Stains"), ("Ouarzazate", "Bédarieux")])
def test_a_name_can_be_a_commune_and_a_province(shipped, name, partner):
    rows = shipped.partnerships[shipped.partnerships.morocco_name == name]
    assert set(rows.morocco_authority_type) == {"commune urbaine", "province"}
    commune = rows[rows.morocco_authority_type == "commune urbaine"]
    assert list(commune.france_name) == [partner]
    assert rows.morocco_place_id.nunique() == 2


def test_the_seed_document_is_the_one_the_project_was_given():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256
    if SHARED_SEED.exists():  # beside the repository on the developers' machines
        assert SHARED_SEED.read_bytes() == SEED.read_bytes()


def test_every_row_names_a_source_file_of_the_repository(shipped):
    for name in shipped.partnerships.source_file.unique():
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
    assert len(places) == 70
    assert data.unplaced(places).empty
    assert (places.source.isin(["geonames-cities500", "geonames-cities1000-area", "manual"])).all()
    manual = places[places.source == "manual"]
    assert (manual.note.str.len() > 20).all(), "a manual point says why"


def test_every_point_lies_inside_its_own_country():
    """Morocco as the source presents it: Dakhla, in the south, is a Moroccan commune."""
    territories = data.territories()
    with open(DATA_DIR / "coordinates.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 72, "the 70 places of the pairings and 2 of the expertise requests"
    outside = [
        row["name"]
        for row in rows
        if not territories[row["country"]].contains(
            Point(float(row["longitude"]), float(row["latitude"]))
        )
    ]
    assert outside == []


def test_no_two_places_share_a_point(shipped):
    points = shipped.places[["latitude", "longitude"]].round(4)
    shared = shipped.places[points.duplicated(keep=False)]
    assert shared.empty, shared[["name", "authority_type"]].to_dict("records")


def test_homonyms_are_placed_on_the_right_one(shipped):
    places = shipped.places.set_index("place_id")
    # GeoNames has a "Dakhla" district of Agadir, at 30.4°N; the commune is at 23.7°N.
    assert places.loc["MA:commune urbaine:Dakhla"].latitude < 24
    # Tours, not Tours-en-Savoie; Montpellier, not Montpellier-de-Médillan.
    assert places.loc["FR:commune:Tours"].latitude == pytest.approx(47.39, abs=0.05)
    assert places.loc["FR:commune:Montpellier"].longitude == pytest.approx(3.88, abs=0.05)
