"""Years of first signature in a real browser: the slider, the "no known year" checkbox, the
link that carries them, and the map's "play" that grows the map year by year.

Every number the page shows is compared with the one coopmap.filters and coopmap.sources
compute from the shipped data, so that the page is checked against the rows, not against
figures copied into the test.
"""

import re

import pytest
from playwright.sync_api import expect

from coopmap import data, filters, sources
from coopmap.catalog import text
from coopmap.filters import Selection

from .test_map_browser import (
    ARTIFACTS,
    DATA_DIR,
    MAP_IFRAME,
    open_map,
    pairings_metric,
    wait_for_counts,
)

pytestmark = pytest.mark.browser

YEARS = ARTIFACTS / "years"
PLAY = text("play")
# Every change of the play control's year, with what it shows then, recorded in the map's
# iframe as it happens: sampling from the test could miss a year (one lasts 450 ms).
# timeline.js sets data-shown before data-year, and an observer runs once the tick's script
# is over, so each entry is one consistent state; the last year's tick goes on to show the
# undated pairings and set data-done: its entry is the end, with every line shown. `visible`
# counts the lines not made transparent, to check that data-shown tells the truth.
RECORD_PLAY = """() => {
  const box = document.querySelector(".coopmap-timeline");
  const visible = () => {
    let count = 0;
    map.eachLayer(layer => {
      const properties = (layer.feature && layer.feature.properties) || {};
      if (properties.pairing_id !== undefined && layer.options.opacity > 0) count += 1;
    });
    return count;
  };
  window.played = [];
  new MutationObserver(() => {
    if (box.dataset.year === undefined) return;
    window.played.push({year: Number(box.dataset.year), shown: Number(box.dataset.shown),
                        visible: visible(), playing: box.dataset.playing,
                        done: box.dataset.done === "true"});
  }).observe(box, {attributes: true, attributeFilter: ["data-year", "data-done"]});
}"""

REACHED = "year => Number(document.querySelector('.coopmap-timeline').dataset.year) >= year"


@pytest.fixture(scope="module")
def pairings():
    """The shipped pairings as the app reads them (with `source_groups`, which filters need)."""
    return data.load(DATA_DIR).partnerships


def selected(pairings, **selection):
    return filters.apply(pairings, Selection(**selection))


def dated_counts(chosen):
    """The caption under the metrics, as the app should write it for `chosen`."""
    counted = sources.counts(chosen)
    return text("dated_counts", dated=counted["dated"], undated=counted["undated"])


def year_thumbs(page):
    """The slider's two thumbs (inputs of type range): the first year, then the last."""
    slider = page.get_by_test_id("stSlider").filter(has_text=text("years"))
    thumbs = slider.locator("input[type=range]")
    expect(thumbs).to_have_count(2)
    return thumbs.first, thumbs.last


def expect_years(page, first, last):
    """The slider shows `first` and `last`, on its thumbs and in the values it writes."""
    start, end = year_thumbs(page)
    expect(start).to_have_attribute("aria-valuetext", str(first))
    expect(end).to_have_attribute("aria-valuetext", str(last))
    slider = page.get_by_test_id("stSlider").filter(has_text=text("years"))
    expect(slider.get_by_test_id("stSliderThumbValue")).to_have_text([str(first), str(last)])


def years_in_url(first, last):
    return re.compile(rf"[?&]years={first}-{last}(&|$)")


def undated_label(pairings):
    return text("undated", count=sources.counts(pairings)["undated"])


def undated_checkbox(page, pairings):
    return page.get_by_role("checkbox", name=undated_label(pairings))


def test_a_link_with_years_opens_that_range(page, app, pairings):
    """`?years=1990-2005` sets the slider and keeps the pairings of those years, and by
    default those with no known year, which no range can hold.
    """
    chosen = selected(pairings, years=(1990, 2005))
    assert 0 < sources.counts(chosen)["dated"] < sources.counts(pairings)["dated"]
    open_map(page, f"{app}/?years=1990-2005")
    expect(pairings_metric(page)).to_have_text(str(len(chosen)))
    expect_years(page, 1990, 2005)
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text=dated_counts(chosen))
    expect(caption).to_have_count(1)
    expect(undated_checkbox(page, pairings)).to_be_checked()
    wait_for_counts(page, lines=len(chosen))


def test_unticking_undated_leaves_the_dated_pairings_of_the_range(page, app, pairings):
    """The checkbox takes the pairings with no known year out, and the link says so."""
    open_map(page, f"{app}/?years=1990-2005")
    expect(pairings_metric(page)).to_have_text(str(len(selected(pairings, years=(1990, 2005)))))
    # Its input is hidden under Streamlit's drawn box: a user clicks the label.
    page.get_by_test_id("stCheckbox").get_by_text(undated_label(pairings)).click()
    dated = selected(pairings, years=(1990, 2005), undated=False)
    assert len(dated) == sources.counts(dated)["dated"]
    expect(pairings_metric(page)).to_have_text(str(len(dated)))
    expect(page).to_have_url(re.compile(r"[?&]undated=false(&|$)"))
    expect(page).to_have_url(years_in_url(1990, 2005))
    expect(undated_checkbox(page, pairings)).not_to_be_checked()
    expect_years(page, 1990, 2005)
    wait_for_counts(page, lines=len(dated))


def press(page, thumb, key, years):
    """Press `key` on the slider's first (0) or last (1) thumb, as a user with the focus on it
    would; wait until the slider and the link show `years` (None: the whole range, which the
    link leaves out).
    """
    handle = year_thumbs(page)[thumb]  # looked up afresh: a rerun may draw the slider anew
    handle.focus()
    handle.press(key)
    if years is None:
        expect(page).not_to_have_url(re.compile(r"[?&]years="))
    else:
        expect(page).to_have_url(years_in_url(*years))
        expect_years(page, *years)


def test_the_slider_moves_by_keyboard_and_the_link_follows(page, app, pairings):
    """Arrow keys, Home and End move a thumb; the count and the link follow each move, and the
    whole range is no restriction at all: `years` leaves the link.
    """
    first, last = filters.year_range(pairings)
    open_map(page, f"{app}/?years=1990-2005")
    expect(pairings_metric(page)).to_have_text(str(len(selected(pairings, years=(1990, 2005)))))

    # Back to the first year takes in the pairings before 1990. Quick presses, as a user
    # tapping the key: each counts, none is undone by the page's answer to the one before.
    assert first < 1990 - 1, "the shipped data has pairings at least two years before 1990"
    handle = year_thumbs(page)[0]
    handle.focus()
    for _ in range(1990 - first):
        handle.press("ArrowLeft")
    expect(page).to_have_url(years_in_url(first, 2005))
    expect_years(page, first, 2005)
    chosen = selected(pairings, years=(first, 2005))
    assert len(chosen) > len(selected(pairings, years=(1990, 2005)))
    expect(pairings_metric(page)).to_have_text(str(len(chosen)))

    press(page, 1, "ArrowRight", (first, 2006))
    expect(pairings_metric(page)).to_have_text(str(len(selected(pairings, years=(first, 2006)))))

    press(page, 0, "ArrowRight", (first + 1, 2006))
    press(page, 1, "End", (first + 1, last))
    expect(pairings_metric(page)).to_have_text(
        str(len(selected(pairings, years=(first + 1, last))))
    )

    # The first year down to the start: the whole range, so every pairing and no `years`.
    press(page, 0, "Home", None)
    expect(pairings_metric(page)).to_have_text(str(len(pairings)))
    expect_years(page, first, last)
    wait_for_counts(page, lines=len(pairings))


def signed_by(pairings, year):
    """How many pairings were first signed in `year` or before."""
    return int((sources.years(pairings) <= year).sum())


def test_play_grows_the_map_year_by_year(page, app, pairings):
    """Play shows, year after year, exactly the pairings signed by then, never fewer than the
    year before; at the end every line again, with the pairings of no known year counted apart.
    """
    first, last = filters.year_range(pairings)
    undated = sources.counts(pairings)["undated"]
    frame = open_map(page, app)
    wait_for_counts(page, lines=len(pairings))  # every shipped place is placed
    box = frame.locator(".coopmap-timeline")
    expect(box).to_have_attribute("data-playing", "false")
    frame.evaluate(RECORD_PLAY)

    frame.get_by_role("button", name=PLAY).click()
    expect(box).to_have_attribute("data-playing", "true")
    expect(frame.get_by_role("button", name=text("pause"))).to_be_visible()
    # Mid-play, for a human eye: part of the lines, and the year in the control.
    frame.wait_for_function(REACHED, arg=(first + last) // 2)
    YEARS.mkdir(parents=True, exist_ok=True)
    page.locator(MAP_IFRAME).screenshot(path=YEARS / "map-playing.png")
    expect(box).to_have_attribute("data-done", "true", timeout=40_000)

    played = frame.evaluate("window.played")
    assert [entry["year"] for entry in played] == list(range(first, last + 1))  # each once
    *during, end = played
    assert end["done"] and not any(entry["done"] for entry in during), played
    assert all(entry["playing"] == "true" for entry in during), played
    assert all(entry["shown"] == entry["visible"] for entry in played), played
    shown = [entry["shown"] for entry in during]
    assert shown == sorted(shown), "a year never hides a line shown the year before"
    for entry in during:  # the lines shown are the pairings signed by then
        assert entry["shown"] == signed_by(pairings, entry["year"]), entry
    assert 0 < shown[0] < shown[-1] < end["shown"]

    lines = wait_for_counts(page, lines=len(pairings))["lines"]
    expect(box).to_have_attribute("data-shown", str(lines))
    expect(box).to_have_attribute("data-playing", "false")
    caption = frame.locator(".coopmap-timeline-caption")
    dated = sources.counts(pairings)["dated"]
    expect(caption).to_have_text(
        text("play_caption").format(year=last, count=dated)
        + " "
        + text("play_undated").format(count=undated)
    )
    expect(frame.get_by_role("button", name=PLAY)).to_be_visible()


def test_play_in_presentation_mode(page, app, pairings):
    """In presentation mode the control is whole inside the map, and a click starts it."""
    frame = open_map(page, f"{app}/?present=true")
    wait_for_counts(page, lines=len(pairings))
    box = frame.locator(".coopmap-timeline")
    expect(box).to_be_visible()
    inner, outer = box.bounding_box(), page.locator(MAP_IFRAME).bounding_box()
    assert outer["x"] <= inner["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
    assert outer["y"] <= inner["y"], (inner, outer)
    assert inner["y"] + inner["height"] <= outer["y"] + outer["height"], (inner, outer)
    assert inner["y"] + inner["height"] <= page.viewport_size["height"], inner  # on the screen

    frame.get_by_role("button", name=PLAY).click()  # a real click: nothing covers the button
    expect(box).to_have_attribute("data-playing", "true")
    expect(box).to_have_attribute("data-year", re.compile(r"^\d{4}$"))
    expect(frame.locator(".coopmap-timeline-caption")).not_to_be_empty()
