"""The map follows the app's theme when it is switched in the app's menu, with no new map."""

import pytest
from playwright.sync_api import expect

from coopmap.palette import PALETTES

from .conftest import watched_page
from .test_map_browser import (
    drawn_lines,
    map_frame,
    open_map,
    shipped_pairings,
    wait_for_counts,
    wait_for_map,
)
from .test_present_browser import css_rgb

pytestmark = pytest.mark.browser

# The colours the map's layers are drawn in now: the lines by level, and the sea.
MAP_COLOURS = """() => {
  const colours = {sea: map.getContainer().style.background, dark: document.body.classList
    .contains("coopmap-dark")};
  map.eachLayer(layer => {
    const properties = (layer.feature && layer.feature.properties) || {};
    if (properties.pairing_id !== undefined) {
      colours[properties.level] = layer.options.color.toLowerCase();
    }
  });
  return colours;
}"""


def expected(theme):
    colours = PALETTES[theme]
    return {
        "dark": theme == "dark",
        "sea": css_rgb(colours.sea),
        "town": colours.town.lower(),
        "territory": colours.territory.lower(),
    }


def choose_theme(page, name):
    page.get_by_test_id("stMainMenu").click()
    page.get_by_role("menuitemradio", name=name).click()
    page.keyboard.press("Escape")


def test_switching_the_theme_recolours_the_same_map(browser, guard, app):
    with watched_page(browser, guard, color_scheme="light") as page:
        open_map(page, app)
        wait_for_counts(page, lines=drawn_lines(shipped_pairings()))
        wait_for_map(page, MAP_COLOURS, expected("light"))
        map_frame(page).evaluate("() => { window.sameMap = true; }")  # gone if it is rebuilt

        choose_theme(page, "Dark")
        expect(page.get_by_test_id("stApp")).to_have_css("color-scheme", "dark")
        wait_for_map(page, MAP_COLOURS, expected("dark"))
        legend = map_frame(page).locator(".coopmap-swatch-line").first
        expect(legend).to_have_css("background-color", css_rgb(PALETTES["dark"].town))

        choose_theme(page, "Light")
        wait_for_map(page, MAP_COLOURS, expected("light"))
        assert map_frame(page).evaluate("window.sameMap === true")
