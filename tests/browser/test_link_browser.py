"""A copied link reopens the same view; a link with garbage in it opens the app with a notice."""

import pytest
from playwright.sync_api import expect

from .test_map_browser import (
    SELECTED_PLACES,
    choose_place,
    open_map,
    pairings_metric,
    search,
    wait_for_counts,
    wait_for_map,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(start_app):
    return start_app()


def test_a_copied_link_reopens_the_same_view(page, browser, app):
    open_map(page, app)
    search(page, "fes")
    wait_for_counts(page, lines=4)
    choose_place(page, "Fès (commune urbaine)")
    wait_for_map(page, SELECTED_PLACES, ["Fès (commune urbaine) – 3 partenaire(s)"])
    page.get_by_test_id("stButtonGroup").get_by_text("English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Map of partnerships")
    expect(page.get_by_role("heading", name="Partners of Fès")).to_be_visible()
    link = page.url

    other = browser.new_context().new_page()  # someone who received the link
    open_map(other, link)
    expect(other.get_by_role("heading", level=1)).to_have_text("Map of partnerships")
    expect(other.get_by_role("textbox", name="Search a place")).to_have_value("fes")
    expect(other.get_by_role("heading", name="Partners of Fès")).to_be_visible()
    metric = other.get_by_test_id("stMetric").filter(has_text="Pairings")
    expect(metric.get_by_test_id("stMetricValue")).to_have_text("4")
    wait_for_counts(other, lines=4, selected=3)
    other.context.close()


def test_garbage_in_a_link_is_ignored_with_a_notice(page, app):
    open_map(page, f"{app}/?levels=zzz&division=nope&foo=%3Cb%3E&search=fes")
    notice = page.get_by_test_id("stAlert").filter(has_text="Paramètres du lien ignorés")
    expect(notice).to_contain_text("division, foo, levels")
    expect(pairings_metric(page)).to_have_text("4")
    wait_for_counts(page, lines=4)
    expect(page.get_by_test_id("stException")).to_have_count(0)
