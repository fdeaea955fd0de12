"""A copied link reopens the same view; a link with garbage in it opens the app with a notice."""

import re

import pytest
from playwright.sync_api import expect

from coopmap.catalog import text

from .test_map_browser import (
    SELECTED_PLACES,
    choose_place,
    drawn_lines,
    map_frame,
    open_map,
    pairings_metric,
    partner_names,
    place_id,
    rerun,
    search,
    shipped_pairings,
    wait_for_counts,
    wait_for_map,
)

pytestmark = pytest.mark.browser

# What a search for "fes" keeps, and the partners of the town of Fès among them.
FES = shipped_pairings(search="fes")
FES_LINES = drawn_lines(FES)
FES_PARTNERS = len(partner_names(FES, place_id(FES, "Fès")))


# The view to a tenth of a degree: resizing the map to its frame moves it by a pixel or so.
MAP_VIEW = """() => [Math.round(map.getCenter().lat * 10) / 10,
                     Math.round(map.getCenter().lng * 10) / 10, map.getZoom()]"""


def expect_the_fes_view(page):
    """The view of these links: in English, the search "fes", Fès selected, its lines and
    counts.
    """
    expect(page.get_by_role("heading", level=1)).to_have_text("Map of partnerships")
    expect(page.get_by_role("textbox", name="Search a place")).to_have_value("fes")
    expect(page.get_by_role("heading", name="Partners of Fès")).to_be_visible()
    metric = page.get_by_test_id("stMetric").filter(has_text="Pairings")
    expect(metric.get_by_test_id("stMetricValue")).to_have_text(str(len(FES)))
    wait_for_counts(page, lines=FES_LINES, selected=FES_PARTNERS)


def copy_link(page, button_name):
    """Press the map's copy-link button; return what it put on the clipboard."""
    frame = map_frame(page)
    frame.get_by_role("button", name=button_name).click()
    expect(frame.get_by_role("button", name="Link copied ✓")).to_be_visible()
    return page.evaluate("navigator.clipboard.readText()")


def test_a_copied_link_reopens_the_same_view(page, browser, app):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_map(page, app)
    search(page, "fes")
    wait_for_counts(page, lines=FES_LINES)
    choose_place(page, "Fès (commune urbaine)")
    wait_for_map(page, SELECTED_PLACES, [f"Fès (commune urbaine) – {FES_PARTNERS} partenaires"])
    page.get_by_test_id("stButtonGroup").get_by_text("English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Map of partnerships")
    expect(page.get_by_role("heading", name="Partners of Fès")).to_be_visible()
    # The map in English is a new map (its legend changed): move that one.
    expect(map_frame(page).get_by_role("button", name="Copy link")).to_be_visible()
    wait_for_counts(page, lines=FES_LINES, selected=FES_PARTNERS)
    map_frame(page).evaluate("() => { map.setView([40.5, -1.3], 6, {animate: false}); }")
    expect(page).to_have_url(re.compile(r"view=40\.5000%2C-1\.3000%2C6"))  # kept as it moves
    link = copy_link(page, "Copy link")
    assert link == page.url and "search=fes" in link and "language=en&" in link

    other = browser.new_context().new_page()  # someone who received the link
    open_map(other, link)
    expect_the_fes_view(other)
    wait_for_map(other, MAP_VIEW, [40.5, -1.3, 6])
    expect(other.get_by_test_id("stAlert")).to_have_count(0)  # nothing in it was ignored
    other.context.close()


def test_an_old_link_with_labels_opens_with_no_notice_and_becomes_codes(page, app):
    """Links written before codes name choices by their labels; a default stated is valid."""
    open_map(page, f"{app}/?levels=R%C3%A9gions+et+provinces&language=English&present=false")
    expect(page.get_by_role("heading", level=1)).to_have_text("Map of partnerships")
    wait_for_counts(page, lines=drawn_lines(shipped_pairings(levels=("territory",))))
    # Codes; and the map's view, which the map keeps in the address as Streamlit rewrites it.
    expect(page).to_have_url(re.compile(r"/\?language=en&levels=territory&view=[\d.%C,-]+$"))
    expect(page.get_by_test_id("stAlert")).to_have_count(0)


def test_the_view_stays_in_the_address_through_a_rerun_that_leaves_the_map_still(page, app):
    """Streamlit writes the address after a rerun from the query it knows (here its rewrite of
    the old link), which has none of the views the map wrote since: the map puts its view back
    (static/map/share.js), even when the change does not move it (the regional division, with
    no region chosen, keeps every pairing).
    """
    open_map(page, f"{app}/?levels=R%C3%A9gions+et+provinces")
    expect(page).to_have_url(re.compile(r"/\?levels=territory&view="))
    map_frame(page).evaluate("() => { map.setView([40.5, -1.3], 6, {animate: false}); }")
    expect(page).to_have_url(re.compile(r"view=40\.5000%2C-1\.3000%2C6$"))
    with rerun(page):
        page.get_by_role("radio", name=text("division_2013")).check(force=True)
    expect(page).to_have_url(re.compile(r"division=2013&levels=territory&view=40\.5000%2C"))
    assert map_frame(page).evaluate(MAP_VIEW) == [40.5, -1.3, 6], "the map did not move"


def test_garbage_in_a_link_is_ignored_with_a_notice(page, app):
    open_map(page, f"{app}/?levels=zzz&division=nope&foo=%3Cb%3E&search=fes&view=1e9,x,99")
    notice = page.get_by_test_id("stAlert").filter(has_text="Paramètres du lien ignorés")
    expect(notice).to_contain_text("foo, division=nope, levels=zzz, view=1e9,x,99")
    expect(pairings_metric(page)).to_have_text(str(len(FES)))
    wait_for_counts(page, lines=FES_LINES)
    expect(page.get_by_test_id("stException")).to_have_count(0)
