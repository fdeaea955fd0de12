"""static/map/layers.js in Chromium, on the columns the server sends: the features it makes.

The server sends each place once and the lines as pairs of places (mapview.pairings_table);
the script makes the GeoJSON features, their tooltips and popups, and the curves. These tests
load Leaflet and the script into an empty page and compare what it makes with the data.
"""

import pytest

from coopmap import assets, mapview
from coopmap.catalog import STRINGS
from coopmap.text import escape

pytestmark = pytest.mark.browser

LABELS = {key: value["fr"] for key, value in STRINGS.items()}
NASTY = ["<img src=x onerror=alert(1)>", "`${alert(1)}`", "back\\slash", "</script><b>"]
# Each feature's properties, with its HTML turned into the text a person reads.
FEATURES = """table => coopmap.pairingFeatures(table).features.map(feature => {
  const text = html => new DOMParser().parseFromString(html, "text/html").body.textContent;
  const p = feature.properties;
  return Object.assign({}, p, {id: feature.id, coordinates: feature.geometry.coordinates,
                               tooltip: text(p.tooltip), popup: text(p.popup)});
})"""


@pytest.fixture(scope="module")
def script(browser):
    page = browser.new_page()
    page.set_content("<!DOCTYPE html><html><body></body></html>")
    page.add_script_tag(path=str(assets.path_of(assets.LEAFLET_JS)))
    page.add_script_tag(path=str(assets.path_of(assets.script_url("layers"))))
    yield page
    page.close()


@pytest.fixture(scope="module")
def labels(shipped):
    types = shipped.authority_types.drop_duplicates("authority_type")
    return LABELS | {"types": dict(zip(types.authority_type, types.label_fr))}


def features(script, shipped, labels, selected=None, partnerships=None, places=None):
    table = mapview.pairings_table(
        shipped.partnerships if partnerships is None else partnerships,
        shipped.places if places is None else places,
        labels,
        selected,
    )
    made = script.evaluate(FEATURES, table)
    return [f for f in made if "pairing_id" in f], [f for f in made if "place" in f]


def test_one_line_per_pairing_and_one_circle_per_place(script, shipped, labels):
    lines, places = features(script, shipped, labels)
    assert len(lines) == 40 and len(places) == 70
    oujda_lille = next(line for line in lines if line["tooltip"].startswith("Oujda"))
    assert oujda_lille["tooltip"] == "Oujda (commune urbaine) – Lille (commune)"
    assert oujda_lille["popup"] == (
        "Oujda – LilleVilles et groupementsSource: Oujda : Lille Grenoble, Aix en Provence"
    )
    assert oujda_lille["regions"] == "Oriental – Hauts-de-France"
    assert oujda_lille["group"] == "Oriental" and "region" not in oujda_lille
    oujda = next(place for place in places if place["tooltip"].startswith("Oujda ("))
    assert oujda["tooltip"] == "Oujda (commune urbaine) – 3 partenaire(s)"
    assert oujda["popup"].endswith("Partenaires: Lille, Grenoble, Aix-en-Provence")
    assert shipped.places.name[oujda["place"]] == "Oujda", "a click names the place's row"


def test_lines_are_curved_between_their_places_and_fan_out(script, shipped, labels):
    lines, places = features(script, shipped, labels)
    at = {place["tooltip"].split(" (")[0]: place["coordinates"] for place in places}
    oujda = [line for line in lines if line["tooltip"].startswith("Oujda (")]
    middles = set()
    for line in oujda:
        points = line["coordinates"]
        assert len(points) == 25
        assert points[0] == at["Oujda"]
        assert points[-1] == at[line["tooltip"].split(" – ")[1].split(" (")[0]]
        middles.add(tuple(points[12]))
    assert len(middles) == 3, "the three links of Oujda do not lie on one another"


def test_a_selected_place_highlights_its_lines(script, shipped, labels):
    lines, places = features(script, shipped, labels, selected="MA:commune urbaine:Oujda")
    states = [line["state"] for line in lines]
    assert states.count("selected") == 3 and states.count("faded") == 37
    assert all(line["style"] == f"{line['level']}-{line['state']}" for line in lines)
    [chosen] = [place for place in places if place["selected"]]
    assert chosen["tooltip"].startswith("Oujda (") and chosen["style"] == "MA-selected"


def test_a_place_with_no_point_is_a_partner_but_is_not_drawn(script, shipped, labels):
    places = shipped.places.copy()
    places.loc[places.name == "Lille", ["latitude", "longitude"]] = float("nan")
    lines, drawn = features(script, shipped, labels, places=places)
    assert len(lines) == 39 and len(drawn) == 69
    oujda = next(place for place in drawn if place["tooltip"].startswith("Oujda ("))
    assert oujda["popup"].endswith("Partenaires: Lille, Grenoble, Aix-en-Provence")


def test_hostile_names_come_out_as_written(script, shipped, labels):
    partnerships = shipped.partnerships.head(4).copy()
    places = shipped.places.copy()
    for index, name in enumerate(NASTY):
        place_id = partnerships.morocco_place_id.iloc[index]
        places.loc[places.place_id == place_id, "name"] = name
        partnerships.iloc[index, partnerships.columns.get_loc("source_text")] = name
    lines, drawn = features(script, shipped, labels, partnerships=partnerships, places=places)
    for line, name in zip(lines, NASTY):
        assert line["tooltip"].startswith(f"{name} (")
        assert line["popup"].startswith(f"{name} – ") and line["popup"].endswith(f": {name}")
    assert script.locator("img").count() == 0
    assert escape(NASTY[0]) != NASTY[0]


def test_an_empty_table_makes_no_feature(script, shipped, labels):
    assert features(script, shipped, labels, partnerships=shipped.partnerships.iloc[0:0]) == (
        [],
        [],
    )
