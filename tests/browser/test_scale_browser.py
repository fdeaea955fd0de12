"""The map page in a real browser on 12,000 synthetic pairings (benchmarks/generate.py).

Above `coopmap.mapview.AGGREGATE_ABOVE` pairings the map draws the flows between regions and
says so; clicking a region's circle narrows the selection to it, which brings back single
pairings, and a click on a place then selects it, as on the real data. The `guard` fixture
(conftest.py) fails every test on a non-local request, a console error, an uncaught exception
or a dialog. No timing is asserted here: benchmarks/browser.py measures it.
"""

import csv

import pytest
from playwright.sync_api import expect

from benchmarks.browser import COUNT_LAYERS
from benchmarks.generate import generate
from benchmarks.server import LABELS
from coopmap import data, filters, locales, mapview, summary
from coopmap.catalog import text
from tests.browser.test_map_browser import (
    MAP_IFRAME,
    map_frame,
    open_map,
    page_position,
    pairings_metric,
    wait_for_map,
)

pytestmark = pytest.mark.browser

PAIRINGS = 12_000
# Each region circle or place, with its point and where it is in the iframe's coordinates.
FEATURE_POSITIONS = """() => {
  const origin = map.getContainer().getBoundingClientRect();
  const text = html => new DOMParser().parseFromString(html, "text/html").body.textContent;
  const found = [];
  map.eachLayer(layer => {
    const properties = (layer.feature && layer.feature.properties) || {};
    if (properties.region === undefined && properties.place === undefined) return;
    const at = layer.getLatLng();
    const point = map.latLngToContainerPoint(at);
    found.push({
      region: properties.region === undefined ? null : properties.region,
      country: properties.country === undefined ? null : properties.country,
      label: text(properties.tooltip),
      at: [at.lat, at.lng],
      x: origin.left + point.x,
      y: origin.top + point.y,
    });
  });
  return found;
}"""
ZOOM_ON = "([at, zoom]) => { map.setView(at, zoom, {animate: false}); }"


def wait_for_counts(page, **expected):
    return wait_for_map(page, COUNT_LAYERS, expected, timeout=60.0)


@pytest.fixture(scope="module")
def large_data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale") / "data"
    generate(PAIRINGS, folder)
    return folder


@pytest.fixture(scope="module")
def large_app(start_app, large_data):
    return start_app(data_dir=large_data)


@pytest.fixture(scope="module")
def large_dataset(large_data):
    return data.load(large_data)


def click_at(page, position):
    page.mouse.click(*page_position(page, position))


def test_large_map_draws_flows_filters_and_selects(page, large_app, large_data, large_dataset):
    """12,000 pairings: flows between regions, then a region's single pairings, then a place."""
    with open(large_data / "partnerships.csv", encoding="utf-8", newline="") as f:
        count = sum(1 for _ in csv.DictReader(f))
    assert count > mapview.AGGREGATE_ABOVE
    everything = large_dataset.partnerships
    drawing = mapview.layers(everything, large_dataset.places, LABELS)
    flows, circles = drawing["flows"], drawing["regions"]

    open_map(page, large_app)
    wait_for_counts(page, lines=0, flows=len(flows["features"]), regions=len(circles["features"]))
    expect(pairings_metric(page)).to_have_text(locales.number(count, "fr"))  # 12 000
    info = page.get_by_test_id("stAlert").filter(has_text="la carte montre leurs")
    expect(info).to_contain_text(f"la carte montre leurs {len(flows['features'])} flux")

    # The smallest Moroccan region: zoomed in on, its circle stands clear of the others.
    def size(circle):
        regions = circle["region"].split(summary.GROUP_JOINER)
        return len(filters.apply(everything, filters.Selection(morocco_regions=tuple(regions))))

    moroccan = [c for c in map_frame(page).evaluate(FEATURE_POSITIONS) if c["country"] == "MA"]
    region = min(moroccan, key=size)
    expected = size(region)
    assert 0 < expected <= mapview.AGGREGATE_ABOVE
    map_frame(page).evaluate(ZOOM_ON, [region["at"], 9])
    (region,) = [
        c for c in map_frame(page).evaluate(FEATURE_POSITIONS) if c["region"] == region["region"]
    ]
    click_at(page, region)
    counts = wait_for_counts(page, lines=expected, flows=0, regions=0)
    assert 0 < counts["lines"] < count
    expect(pairings_metric(page)).to_have_text(locales.number(expected, "fr"))
    expect(page.get_by_test_id("stAlert").filter(has_text="la carte montre leurs")).to_have_count(0)
    single = map_frame(page).evaluate(
        "() => { let n = 0; map.eachLayer(l => { if (l.feature && l.feature.properties"
        " && l.feature.properties.pairing_id !== undefined) n += 1; }); return n; }"
    )
    assert single == expected

    # A place of that region, zoomed in on so that its circle is the one under the mouse.
    places = [p for p in map_frame(page).evaluate(FEATURE_POSITIONS) if p["region"] is None]
    names = [p["label"].split(" (")[0] for p in places]
    points = [tuple(p["at"]) for p in places]

    def isolated(at):  # no other place within about 5 km (a region sits by its town)
        return all(
            max(abs(a - b) for a, b in zip(at, other)) > 0.05 for other in points if other != at
        )

    place = next(
        p
        for p, name, at in zip(places, names, points)
        if names.count(name) == 1 and points.count(at) == 1 and isolated(at)
    )
    name = place["label"].split(" (")[0]
    map_frame(page).evaluate(ZOOM_ON, [place["at"], 12])
    (place,) = [p for p in map_frame(page).evaluate(FEATURE_POSITIONS) if p["at"] == place["at"]]
    click_at(page, place)
    expect(page.get_by_role("heading", name=text("partners_of", name=name))).to_be_visible()
    assert page.locator(MAP_IFRAME).count() == 1
