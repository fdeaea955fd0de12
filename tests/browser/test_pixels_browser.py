"""What the eye sees: on every map, the pairings, flows and circles above the land.

Each test opens a map as a visitor would, waits for it to settle, takes a screenshot of the
map's iframe and checks, for points along every line and around every circle, that the pixel
there has that layer's own colour (see pixels.py): at least 99% of them. The app runs as
shipped, with the basemap in "auto" mode (online tiles, the offline outlines when tiles fail):
offline, every tile request is refused, so the outlines arrive seconds after the pairings;
online, tile requests are answered with plain tiles. Light and dark, on a server's first load
and on a warm one. Screenshots (and copies marking any hidden sample) go to
test-artifacts/pixels/.
"""

import io

import pandas as pd
import pytest
from PIL import Image

from benchmarks.generate import generate

from .conftest import TILES, TILES_HOST, watched_page
from .pixels import backgrounds, check_map_pixels, wait_until_settled
from .test_map_browser import ARTIFACTS, DATA_DIR, map_frame, open_map, open_page

pytestmark = pytest.mark.browser

TILE_COLOUR = "#d8e4c8"  # the plain tiles of the "online" tests
PIXELS = ARTIFACTS / "pixels"
THEMES = ("light", "dark")
NETWORKS = ("offline", "online")


def _plain_tile():
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), TILE_COLOUR).save(buffer, "PNG")
    return buffer.getvalue()


PLAIN_TILE = _plain_tile()


@pytest.fixture(scope="module")
def warm_app(start_app):
    """The shipped data in "auto" mode, warmed by a first visit in each test's setup."""
    return start_app(basemap="auto", extra_env=TILES)


@pytest.fixture(scope="module")
def flows_app(start_app, tmp_path_factory):
    """12,000 synthetic pairings: the map draws the flows between regions."""
    folder = tmp_path_factory.mktemp("flows") / "data"
    generate(12_000, folder)
    return start_app(data_dir=folder, basemap="auto", extra_env=TILES)


@pytest.fixture(scope="module")
def my_list(tmp_path_factory):
    """Five published pairings as a list to upload: the upload page previews them."""
    path = tmp_path_factory.mktemp("list") / "ma-liste.csv"
    pd.read_csv(DATA_DIR / "partnerships.csv", dtype=str).head(5).to_csv(path, index=False)
    return path


def visit(browser, guard, theme, network):
    """A page in `theme`, whose tile requests are refused (offline) or answered (online)."""
    page = watched_page(browser, guard, color_scheme=theme, viewport={"width": 1440, "height": 900})
    if network == "offline":
        guard.tolerated.append(TILES_HOST)  # refused, as in a room with no internet
    return page


def answer_tiles(page):
    page.context.route(
        TILES_HOST + "**", lambda route: route.fulfill(body=PLAIN_TILE, content_type="image/png")
    )


def present_step_3(page):
    frame = map_frame(page)
    wait_until_settled(frame)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    frame.wait_for_function("document.querySelector('.coopmap-steps').dataset.step === '3'")


def upload(page, path):
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)


# Each view: its address, what a visitor does there, and how many samples it must show at
# least (Bourse à projet has three circles).
VIEWS = {
    "home": ("", None, 50),
    "region-link": ("?morocco_regions=Souss-Massa", None, 20),
    "present-overview": ("?present=true", None, 50),
    "present-step-3": ("?present=true", present_step_3, 50),
    "bourse": ("expertise", None, 12),
    "upload-preview": ("data", upload, 20),
}


def look(page, url, view, theme, network, name, my_list=None):
    path, action, at_least = VIEWS[view]
    if network == "online":
        answer_tiles(page)
    if action is upload:  # the page has no map until a list is given
        open_page(page, f"{url}/{path}")
        upload(page, my_list)
    else:
        open_map(page, f"{url}/{path}")
        if action:
            action(page)
    report = check_map_pixels(page, backgrounds(theme, TILE_COLOUR), PIXELS / f"{name}.png")
    report.assert_visible(at_least)
    return report


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize("theme", THEMES)
def test_first_load_of_a_new_server(browser, guard, start_app, theme, network):
    """The first visitor of a server just started: the case a presentation screen meets."""
    url = start_app(basemap="auto", extra_env=TILES)
    with visit(browser, guard, theme, network) as page:
        look(page, url, "home", theme, network, f"first-load-{theme}-{network}")


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("view", list(VIEWS))
def test_every_map_shows_its_marks_above_the_land(
    browser, guard, warm_app, my_list, view, theme, network
):
    with visit(browser, guard, theme, network) as page:
        look(page, warm_app, view, theme, network, f"{view}-{theme}-{network}", my_list)


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize("theme", THEMES)
def test_the_flows_of_12000_pairings_show_above_the_land(browser, guard, flows_app, theme, network):
    with visit(browser, guard, theme, network) as page:
        look(page, flows_app, "home", theme, network, f"flows-12000-{theme}-{network}")


# Moves the offline outlines into the pairings' pane, painted after them: the fault of old.
OUTLINES_OVER_PAIRINGS = """() => {
  const outlines = map.coopmap.outlines;
  map.removeLayer(outlines);
  outlines.eachLayer(layer => {
    layer.options.pane = "overlayPane";
    delete layer.options.renderer;
  });
  map.addLayer(outlines);
}"""


def test_the_check_sees_land_painted_over_the_pairings(browser, guard, warm_app):
    """The check is not blind: with the outlines moved into the pairings' pane and painted
    after them (as they were before they had a pane of their own), it fails.
    """
    with visit(browser, guard, "light", "offline") as page:
        open_map(page, warm_app)
        frame = map_frame(page)
        wait_until_settled(frame)
        frame.evaluate(OUTLINES_OVER_PAIRINGS)
        report = check_map_pixels(page, backgrounds("light"), PIXELS / "outlines-over.png")
    assert report.counted >= 20
    assert report.share < 0.5, str(report)
