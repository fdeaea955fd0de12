"""static/map/layers.js in Chromium, on the columns the server sends: the features it makes.

The server sends each place once and the lines as pairs of places (mapview.pairings_table);
the script makes the GeoJSON features, their tooltips and popups, and the curves. These tests
load Leaflet and the script into an empty page and compare what it makes with the data.
"""

from urllib.parse import urlsplit

import pytest

from coopmap import assets, mapview
from coopmap.catalog import STRINGS
from coopmap.sources import URL_SEPARATOR
from coopmap.text import escape

from .test_map_browser import drawn_lines, line_tooltips, partner_names, place_id

pytestmark = pytest.mark.browser

LABELS = {key: value["fr"] for key, value in STRINGS.items()} | {"language": "fr"}
NASTY = ["<img src=x onerror=alert(1)>", "`${alert(1)}`", "back\\slash", "</script><b>"]
OUJDA = "Oujda"  # a Moroccan town with several partners, all of them towns
# Each feature's properties, with its HTML turned into the text a person reads, its line
# breaks as "\n".
FEATURES = """table => coopmap.pairingFeatures(table).features.map(feature => {
  const text = html => new DOMParser()
    .parseFromString(html.replace(/<br>/g, "\\n"), "text/html").body.textContent;
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
    """The French labels, as ui.map_labels gives them to the map."""
    types = shipped.authority_types.drop_duplicates("authority_type")
    kinds = shipped.agreement_kinds
    return LABELS | {
        "types": dict(zip(types.authority_type, types.label_fr)),
        "kinds": dict(zip(kinds.agreement_kind, kinds.label_fr)),
    }


def features(script, shipped, labels, selected=None, partnerships=None, places=None):
    table = mapview.pairings_table(
        shipped.partnerships if partnerships is None else partnerships,
        shipped.places if places is None else places,
        labels,
        selected,
    )
    made = script.evaluate(FEATURES, table)
    return [f for f in made if "pairing_id" in f], [f for f in made if "place" in f]


def line_popup(one):
    """The text of the popup of the pairing in `one` (a frame of one row): its places, its
    level, year and kind of agreement, and its sources.
    """
    (tooltip,) = line_tooltips(one)
    (pairing,) = one.itertuples()
    agreement = tooltip.split("\n")[1]
    popup = [
        f"{pairing.morocco_name} – {pairing.france_name}",
        f"{LABELS['level_' + pairing.level]} · {agreement}",
        f"{LABELS['source']}: {pairing.source_text}",
    ]
    urls = [url for url in pairing.source_urls.split(URL_SEPARATOR) if url]
    if urls:  # each page as the site it is on
        hosts = [urlsplit(url).netloc.removeprefix("www.") for url in urls]
        popup.append(f"{LABELS['sources_label']}: {', '.join(hosts)}")
    return "\n".join(popup)


def test_one_line_per_pairing_and_one_circle_per_place(script, shipped, labels):
    lines, places = features(script, shipped, labels)
    pairings = shipped.partnerships
    assert len(lines) == drawn_lines(pairings) == len(pairings)  # every place is placed
    assert len(places) == shipped.places.place_id.nunique() == len(shipped.places)
    oujda_id = place_id(pairings, OUJDA)
    one = pairings[pairings.morocco_place_id == oujda_id].iloc[[0]]  # Oujda's first pairing
    (first,) = one.itertuples()
    oujda_line = next(line for line in lines if line["tooltip"].startswith(f"{OUJDA} ("))
    assert oujda_line["pairing_id"] == str(first.pairing_id)
    assert [oujda_line["tooltip"]] == line_tooltips(one)
    assert oujda_line["popup"] == line_popup(one)
    morocco_region, france_region = first.morocco_region_current, first.france_region_current
    assert oujda_line["regions"] == f"{morocco_region} – {france_region}"
    assert oujda_line["group"] == morocco_region and "region" not in oujda_line
    partners = partner_names(pairings, oujda_id)
    oujda = next(place for place in places if place["tooltip"].startswith(f"{OUJDA} ("))
    assert oujda["tooltip"] == f"{OUJDA} (commune urbaine) – {len(partners)} partenaires"
    assert oujda["popup"].endswith(f"Partenaires: {', '.join(partners)}")
    assert shipped.places.name[oujda["place"]] == OUJDA, "a click names the place's row"


def test_lines_are_curved_between_their_places_and_fan_out(script, shipped, labels):
    lines, places = features(script, shipped, labels)
    at = {place["place"]: place["coordinates"] for place in places}
    oujda = [line for line in lines if line["tooltip"].startswith(f"{OUJDA} (")]
    pairings = shipped.partnerships
    assert len(oujda) == len(partner_names(pairings, place_id(pairings, OUJDA))) > 1
    middles = set()
    for line in oujda:
        points = line["coordinates"]
        assert len(points) == 25
        morocco, france = line["ends"]  # the rows of its places
        assert points[0] == at[morocco] and points[-1] == at[france]
        assert shipped.places.name[morocco] == OUJDA
        middles.add(tuple(points[12]))
    assert len(middles) == len(oujda), "the links of Oujda do not lie on one another"


def test_a_selected_place_highlights_its_lines(script, shipped, labels):
    oujda = place_id(shipped.partnerships, OUJDA)
    lines, places = features(script, shipped, labels, selected=oujda)
    partners = len(partner_names(shipped.partnerships, oujda))
    states = [line["state"] for line in lines]
    assert states.count("selected") == partners and states.count("faded") == len(lines) - partners
    assert all(line["style"] == f"{line['level']}-{line['state']}" for line in lines)
    [chosen] = [place for place in places if place["selected"]]
    assert chosen["tooltip"].startswith(f"{OUJDA} (") and chosen["style"] == "MA-selected"


def test_a_place_with_no_point_is_a_partner_but_is_not_drawn(script, shipped, labels):
    pairings = shipped.partnerships
    oujda = place_id(pairings, OUJDA)
    partners = partner_names(pairings, oujda)
    places = shipped.places.copy()
    unplaced = places.name == partners[0]  # the first partner of Oujda loses its point
    places.loc[unplaced, ["latitude", "longitude"]] = float("nan")
    gone = set(places.place_id[unplaced])
    kept = ~(pairings.morocco_place_id.isin(gone) | pairings.france_place_id.isin(gone))
    lines, drawn = features(script, shipped, labels, places=places)
    assert len(lines) == kept.sum() < len(pairings)
    assert len(drawn) == len(places) - len(gone)
    oujda = next(place for place in drawn if place["tooltip"].startswith(f"{OUJDA} ("))
    assert oujda["popup"].endswith(f"Partenaires: {', '.join(partners)}")


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
        assert line["popup"].startswith(f"{name} – ")
        assert f"{LABELS['source']}: {name}" in line["popup"].split("\n")
    assert script.locator("img").count() == 0
    assert escape(NASTY[0]) != NASTY[0]


def test_an_empty_table_makes_no_feature(script, shipped, labels):
    assert features(script, shipped, labels, partnerships=shipped.partnerships.iloc[0:0]) == (
        [],
        [],
    )
