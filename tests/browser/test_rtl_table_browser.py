"""The page's language, the tables read right to left, and the table page on a phone, as a
reader sees them in Chromium.

`<html lang dir>` follow the language chosen, from the first load on; in Arabic the tables read
from the right, are whole on a 1280×720 screen, sort by a click on a heading, and the search
box's counter covers none of its text; the presentation's step counter reads "1 من 95", not
"95 من 1". On a 390×844 phone the grid's toolbar covers no line above it, its first column
stays as it scrolls sideways, and a ticked row opens under a heading that names the pairing,
with links to its sources that do not read alike. Screenshots go to test-artifacts/tables/.
"""

import pytest
from playwright.sync_api import expect

from coopmap import sources
from coopmap.catalog import LANGUAGES, text

from .conftest import watched_page
from .screens import inside, options, overlap
from .test_accessibility_browser import axe_violations
from .test_arabic_browser import CHARACTER_X
from .test_map_browser import ARTIFACTS, map_frame, open_map, open_page, rerun, shipped_pairings

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "tables"
AR = "ar"
SCREEN = {"width": 1280, "height": 720}
DIRECTIONS = {"fr": "ltr", "en": "ltr", "ar": "rtl"}
# The search that keeps only the pairing whose three pages on one site were three links named
# alike (Fès-Meknès – Centre-Val de Loire).
SAME_SITE = "centre-val"


def says_language(page, language):
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", DIRECTIONS[language])


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_first_load_says_the_pages_language_and_direction(page, app, language):
    open_page(page, f"{app}/table?language={language}")
    says_language(page, language)


def test_the_pages_language_follows_a_switch_and_a_change_of_page(page, app):
    open_page(page, app)
    says_language(page, "fr")
    for language in ("ar", "en", "fr", "ar"):
        page.get_by_test_id("stButtonGroup").get_by_text(LANGUAGES[language]).click()
        says_language(page, language)
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name=text("page_table", AR)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text("page_table", AR))
    says_language(page, AR)


def arabic_table(page, url):
    page.set_viewport_size(SCREEN)
    open_page(page, url)
    table = page.locator(".coopmap-table").first
    expect(table.locator("tbody tr").first).to_be_visible()
    return table


def test_the_arabic_table_reads_from_the_right_and_its_last_column_is_on_screen(page, app):
    table = arabic_table(page, f"{app}/table?language=ar")
    headings = table.locator("thead th[scope=col]")
    expect(headings.first).to_have_text(text("col_morocco", AR))
    expect(headings.last).to_have_text(text("col_source_urls", AR))
    first, last = headings.first.bounding_box(), headings.last.bounding_box()
    assert first["x"] > last["x"] + last["width"], "the first column is on the right"
    screen = {"x": 0, "y": 0, **SCREEN}
    assert inside(last, screen), f"the last column's heading is on screen: {last}"
    link = table.locator("tbody tr").first.get_by_role("link")
    expect(link).to_have_text(sources.site(shipped_pairings().source_urls.iloc[0]))
    assert inside(link.bounding_box(), screen), "its first link is on screen, whole"
    scroll = table.locator(".coopmap-table-scroll")
    assert scroll.evaluate("e => e.scrollWidth <= e.clientWidth"), "nothing hidden sideways"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "ar-table-1280x720.png")


def column_values(table, name):
    """The text of the column headed `name`, row by row as shown."""
    index = table.locator("thead th").all_inner_texts().index(name)
    return table.locator("tbody tr").evaluate_all(
        "(rows, i) => rows.map(row => row.cells[i].textContent)", index
    )


def test_a_heading_sorts_the_arabic_table_and_the_search_box_narrows_it(page, app):
    table = arabic_table(page, f"{app}/table?language=ar")
    year = table.locator("thead th").filter(has_text=text("col_year", AR))
    years = sorted(str(y) for y in shipped_pairings().year if y)
    for order, expected in (("ascending", years), ("descending", years[::-1])):
        year.get_by_role("button").click()
        expect(year).to_have_attribute("aria-sort", order)
        shown = column_values(table, text("col_year", AR))
        assert shown[: len(expected)] == expected, "sorted, the rows with no year last"
        assert not any(shown[len(expected) :])
    # The search box keeps the rows that hold its words in any column: the pairings of the
    # town, and those of its region.
    table.get_by_role("searchbox").fill("الدار البيضاء")
    shown = table.locator("tbody tr:not([hidden])")
    expect(table.locator("tbody tr[hidden]")).not_to_have_count(0)
    assert shown.count() >= len(shipped_pairings(search="الدار البيضاء"))
    assert all("الدار البيضاء" in row for row in shown.all_inner_texts())
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "ar-table-sorted.png")


def test_the_summary_tables_read_from_the_right_in_arabic(page, app):
    table = arabic_table(page, f"{app}/summary?language=ar")
    expect(page.locator(".coopmap-table")).to_have_count(3)  # each side, and the matrix
    headings = table.locator("thead th[scope=col]")
    expect(headings.first).to_have_text(text("col_region", AR))
    first, last = headings.first.bounding_box(), headings.last.bounding_box()
    assert first["x"] > last["x"], "the region is on the right, its count on the left"
    page.locator(".coopmap-table").last.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "ar-summary-matrix.png")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", ["table", "summary"])
def test_axe_finds_no_serious_violation_in_the_arabic_tables(browser, guard, app, name, theme):
    with watched_page(browser, guard, color_scheme=theme) as page:
        arabic_table(page, f"{app}/{name}?language=ar")
        violations = axe_violations(page)
    assert violations == [], violations


def test_a_ticked_row_of_the_arabic_table_opens_under_its_name(page, app):
    table = arabic_table(page, f"{app}/table?language=ar&search={SAME_SITE}")
    [pairing] = shipped_pairings(search=SAME_SITE).itertuples()
    row = table.locator("tbody tr").first
    morocco = row.locator("th").inner_text()  # in Arabic script
    with rerun(page):
        row.get_by_role("checkbox").check()
    name = text("pairing_heading", AR, morocco=morocco, france=pairing.france_name)
    expect(page.get_by_role("heading", level=3)).to_have_text(name)
    expect(table.get_by_role("checkbox")).to_be_checked()


def test_the_search_boxs_counter_covers_none_of_its_text_in_arabic(page, app):
    page.set_viewport_size(SCREEN)
    open_page(page, f"{app}/?language=ar")
    box = page.get_by_role("textbox", name=text("search", AR))
    box.scroll_into_view_if_needed()
    box.fill("الدار البيضاء")  # not entered: the counter and "Press Enter" are shown
    counter = page.get_by_test_id("stSidebar").get_by_test_id("InputInstructions")
    expect(counter).to_be_visible()
    written = box.evaluate(
        """input => {
          const style = getComputedStyle(input), probe = document.createElement("span");
          probe.style.font = style.font;
          probe.textContent = input.value;
          document.body.appendChild(probe);
          const width = probe.getBoundingClientRect().width;
          probe.remove();
          const box = input.getBoundingClientRect();
          const right = box.right - parseFloat(style.paddingRight);  // read from the right
          return {x: right - width, y: box.top, width, height: box.height};
        }"""
    )
    assert not overlap(counter.bounding_box(), written), (counter.bounding_box(), written)
    SHOTS.mkdir(parents=True, exist_ok=True)
    top, bottom = box.bounding_box(), counter.bounding_box()
    height = bottom["y"] + bottom["height"] - top["y"] + 80
    clip = {"x": 0, "y": top["y"] - 40, "width": top["x"] + top["width"] + 30, "height": height}
    page.screenshot(path=SHOTS / "ar-search-counter.png", clip=clip)


def test_the_step_counter_reads_step_of_total_in_arabic(page, app):
    frame = open_map(page, f"{app}/?language=ar&present=true")
    steps = frame.locator(".coopmap-steps")
    frame.locator(".coopmap-step-next").click()
    expect(steps).to_have_attribute("data-step", "1")
    total = steps.get_attribute("data-steps")
    step = next(n for n in range(1, 10) if str(n) not in total)  # told apart on screen
    for _ in range(step - 1):
        frame.locator(".coopmap-step-next").click()
    expect(steps).to_have_attribute("data-step", str(step))
    count = frame.locator(".coopmap-step-count")
    isolated = "\u2068{}\u2069".format
    expect(count).to_have_text(
        text("step_count", AR).format(step=isolated(step), total=isolated(total))
    )
    x = count.evaluate(CHARACTER_X, [str(step), "م", total[0]])
    assert x[str(step)] > x["م"] > x[total[0]], f"read from the right, the step first: {x}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    steps.screenshot(path=SHOTS / "ar-step-counter.png")


@pytest.fixture
def phone(browser, guard):
    with watched_page(browser, guard, **options("phone-390x844")) as page:
        yield page


def grid_shot(page, grid, left, width, name=None):
    """A picture of a vertical strip of the grid, `left` pixels from its left edge."""
    box = grid.bounding_box()
    clip = {"x": box["x"] + left, "y": box["y"], "width": width, "height": box["height"]}
    return page.screenshot(clip=clip, path=name and SHOTS / name)


def test_on_a_phone_the_table_keeps_its_hint_and_first_column_and_names_a_ticked_row(phone, app):
    open_page(phone, f"{app}/table?search={SAME_SITE}")
    says_language(phone, "fr")  # said with the sidebar folded away too
    grid = phone.get_by_test_id("stDataFrame")
    grid.scroll_into_view_if_needed()
    toolbar = grid.get_by_test_id("stElementToolbar")
    expect(toolbar).to_be_visible()  # a touch screen shows it, with no pointer over the grid
    hint = phone.get_by_test_id("stCaptionContainer").filter(has_text=text("table_help", "fr"))
    assert not overlap(hint.bounding_box(), toolbar.bounding_box()), "the hint is not covered"
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=SHOTS / "phone-table.png")

    # Scrolled sideways, the grid still shows the Moroccan place: the same pixels, and the
    # first of the cells it gives screen readers.
    pinned, moved = grid_shot(phone, grid, 40, 100), grid_shot(phone, grid, 220, 100)
    grid.locator(".dvn-scroller").evaluate("scroller => { scroller.scrollLeft = 600; }")
    headers = grid.locator("[role=columnheader]")  # the canvas's fallback content
    expect(headers.first).to_have_text(text("col_morocco", "fr"))
    expect(headers.filter(has_text=text("col_level", "fr"))).to_have_count(1)
    assert grid_shot(phone, grid, 40, 100, "phone-table-scrolled.png") == pinned
    assert grid_shot(phone, grid, 220, 100) != moved, "the rest of the grid has moved"

    with rerun(phone):
        grid.click(position={"x": 17, "y": 53})  # the first row's box
    [pairing] = shipped_pairings(search=SAME_SITE).itertuples()
    name = text("pairing_heading", "fr", morocco=pairing.morocco_name, france=pairing.france_name)
    heading = phone.get_by_role("heading", level=3, name=name)
    expect(heading).to_be_visible()
    urls = pairing.source_urls.split("\n")
    section = phone.get_by_test_id("stMarkdown").filter(has_text=text("col_sources", "fr"))
    links = section.get_by_role("link")
    expect(links).to_have_count(len(urls))
    named = links.all_inner_texts()
    assert len(set(named)) == len(named), f"no two links read alike: {named}"
    assert [link.get_attribute("href") for link in links.all()] == urls
    assert sum(sources.site(url) == "centre-valdeloire.fr" for url in urls) == 3
    heading.scroll_into_view_if_needed()
    map_frame(phone)  # the pairing's map, for the picture
    phone.wait_for_timeout(2500)
    phone.screenshot(path=SHOTS / "phone-ticked.png")
    links.last.scroll_into_view_if_needed()
    phone.screenshot(path=SHOTS / "phone-sources.png")
