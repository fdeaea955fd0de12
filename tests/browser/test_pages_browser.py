"""Every page in a real browser, in both languages: title, a key figure, a screenshot.

Pages are reached as a visitor reaches them, through the sidebar's links; the filters chosen on
one page must still apply on the next. Screenshots go to test-artifacts/pages/ (git-ignored).
"""

import pytest
from playwright.sync_api import expect

from coopmap import filters, programme
from coopmap.catalog import STRINGS

from .test_map_browser import ARTIFACTS, DATA_DIR, open_map, search, shipped, shipped_pairings

pytestmark = pytest.mark.browser

# The figures the pages show, computed from the shipped files.
PAIRINGS = str(len(shipped_pairings()))
FES_PAIRINGS = str(len(shipped_pairings(search="fes")))
PROGRAMME = programme.load(DATA_DIR)
REQUESTS = programme.request_totals(PROGRAMME.requests)


def both(value):
    return {"fr": str(value), "en": str(value)}


# page: (catalog key of its title, label of a metric, the value it must show)
PAGES = {
    "map": ("page_map", "metric_pairings", both(PAIRINGS)),
    "table": ("page_table", "metric_pairings", both(PAIRINGS)),
    "summary": (
        "page_summary",
        "metric_morocco_places",
        both(filters.counts(shipped().partnerships)["morocco_places"]),
    ),
    "programme": (  # the programme's figures: cards whose number is a heading
        "page_programme",
        None,
        {
            language: programme.shown_value(PROGRAMME.figures, "partnership_relations", language)
            for language in ("fr", "en")
        },
    ),
    "expertise": ("page_expertise", "metric_requests", both(REQUESTS["requests"])),
    "about": ("page_about", None, None),
}


def go_to(page, key, language):
    """Follow the sidebar's link to a page and wait for its script to finish."""
    title = STRINGS[PAGES[key][0]][language]
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.wait_for_selector("[data-test-script-state='notRunning']")


def screenshot(page, path):
    """A picture of the page once its lazily loaded charts and tables are drawn."""
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
    page.wait_for_timeout(1000)  # the charts' own drawing: for the picture only
    page.screenshot(path=path, full_page=True)


def metric_value(page, label):
    metric = page.get_by_test_id("stMetric").filter(has_text=label)
    return metric.get_by_test_id("stMetricValue").first


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_shows_its_title_and_key_figure(page, app, language):
    open_map(page, app)
    if language == "en":
        page.get_by_test_id("stButtonGroup").get_by_text("English").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(STRINGS["page_map"]["en"])
    (ARTIFACTS / "pages").mkdir(parents=True, exist_ok=True)
    for key, (_, metric, value) in PAGES.items():
        go_to(page, key, language)
        if metric:
            expect(metric_value(page, STRINGS[metric][language])).to_have_text(value[language])
        elif value:  # the programme's figures: cards whose number is a heading
            expect(page.get_by_role("heading", name=value[language], exact=True)).to_be_visible()
        else:
            expect(page.get_by_test_id("stDataFrame")).to_be_visible()
        screenshot(page, ARTIFACTS / "pages" / f"{language}-{key}.png")


def test_a_language_change_keeps_every_choice(page, app):
    """Streamlit's widgets send their option as the words they show: after a change of
    language, each choice must still be the same option, on every page, and in the address.
    """
    chosen = {
        "division": "2013",
        "morocco_types": "commune urbaine",
        "levels": "town",
        "basemap": "offline",
        "sources": "presentation_2013",
    }
    expected = shipped_pairings(
        division="2013",
        morocco_types=("commune urbaine",),
        levels=("town",),
        sources=("presentation_2013",),
    )
    open_map(page, f"{app}/?" + "&".join(f"{key}={value}" for key, value in chosen.items()))
    expect(metric_value(page, STRINGS["metric_pairings"]["fr"])).to_have_text(str(len(expected)))
    page.get_by_test_id("stButtonGroup").get_by_text("English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(STRINGS["page_map"]["en"])
    for key in ("table", "programme", "map"):
        go_to(page, key, "en")
    expect(metric_value(page, STRINGS["metric_pairings"]["en"])).to_have_text(str(len(expected)))
    address = page.evaluate("location.search")
    for key, value in chosen.items():
        if key != "basemap":  # the setting's default, left out of the address
            assert f"{key}={value.replace(' ', '+')}" in address, address
    assert "basemap=" not in address, address


def test_filters_chosen_on_the_map_apply_on_the_other_pages(page, app):
    open_map(page, app)
    search(page, "fes")
    expect(metric_value(page, "Partenariats")).to_have_text(FES_PAIRINGS)
    for key in ("table", "summary"):
        go_to(page, key, "fr")
        expect(metric_value(page, "Partenariats")).to_have_text(FES_PAIRINGS)
    go_to(page, "map", "fr")
    expect(page.get_by_role("textbox", name="Rechercher un lieu")).to_have_value("fes")


def test_expertise_totals_and_programme_coverage(page, app):
    open_map(page, app)
    go_to(page, "expertise", "fr")
    expect(metric_value(page, "Collectivités demandeuses")).to_have_text(
        str(REQUESTS["authorities"])
    )
    go_to(page, "programme", "fr")
    figures = programme.coverage(PROGRAMME, shipped().partnerships)
    coverage = STRINGS["coverage"]["fr"].format(**figures)
    expect(page.get_by_test_id("stAlert")).to_contain_text(coverage)


@pytest.fixture(scope="module")
def fresh_app(start_app):
    """A server no session has opened yet: Streamlit's legacy pages mode is still on."""
    return start_app()


def test_a_link_to_a_page_opens_it_with_the_sidebar(page, fresh_app):
    page.goto(f"{fresh_app}/summary")
    expect(page.get_by_role("heading", level=1)).to_have_text(STRINGS["page_summary"]["fr"])
    expect(page.get_by_role("textbox", name="Rechercher un lieu")).to_be_visible()
    expect(metric_value(page, "Partenariats")).to_have_text(PAIRINGS)
