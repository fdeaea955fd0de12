"""The app in Arabic, in a real browser: right to left, in Arabic script, and searchable in it.

The expected figures come from the shipped data through coopmap.filters, and the labels from
the Arabic catalog, so that the page is checked against the files, not against copies of them.
Screenshots of the map and of presentation mode, light and dark, go to test-artifacts/arabic/.
"""

import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from coopmap import sources
from coopmap.catalog import text

from .conftest import DATA_DIR, watched_page
from .screens import inside
from .test_map_browser import (
    ARTIFACTS,
    MAP_IFRAME,
    map_frame,
    open_map,
    open_page,
    shipped_pairings,
)
from .test_screens_browser import box_in_page

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "arabic"
AR = "ar"
# The share of the letters of an element's text that are Arabic (U+0600–U+06FF and the
# presentation forms), spaces, digits and punctuation left out.
ARABIC_SHARE = """element => {
  const letters = [...element.innerText].filter(c => /\\p{L}/u.test(c));
  const arabic = letters.filter(c => /[\\u0600-\\u06ff\\u0750-\\u077f\\ufb50-\\ufeff]/.test(c));
  return letters.length ? arabic.length / letters.length : 0;
}"""


# An element's box, and the left and right ends of the lines of text it holds.
TEXT_AND_BOX = """element => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let left = Infinity, right = -Infinity;
  while (walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(walker.currentNode);
    for (const line of range.getClientRects()) {
      if (line.width) { left = Math.min(left, line.left); right = Math.max(right, line.right); }
    }
  }
  return [element.getBoundingClientRect().toJSON(), {left, right}];
}"""


def pairings_metric(page):
    metric = page.get_by_test_id("stMetric").filter(has_text=text("metric_pairings", AR))
    return metric.get_by_test_id("stMetricValue")


def test_the_arabic_pages_read_right_to_left_in_arabic_script(page, app):
    open_map(page, f"{app}/?language=ar")
    expect(pairings_metric(page)).to_have_text(str(len(shipped_pairings())))
    for part in ("stMain", "stSidebar"):
        element = page.get_by_test_id(part)
        assert element.evaluate("e => getComputedStyle(e).direction") == "rtl", part
        assert element.evaluate(ARABIC_SHARE) > 0.5, f"most of the {part}'s text is Arabic"
    title = page.get_by_role("heading", level=1)
    expect(title).to_have_text(text("page_map", AR))
    # Titles and text begin on the right of their box, where an Arabic reader looks.
    for element in (title, page.get_by_test_id("stCaptionContainer").first):
        box, words = element.evaluate(TEXT_AND_BOX)
        assert words["right"] >= box["right"] - 2 and words["left"] > box["left"] + 20, box
    # The vendored face draws the Arabic letters: the browser loaded it from this server.
    loaded = page.evaluate(
        "() => document.fonts.check('16px \"Source Sans\"', 'خريطة') && [...document.fonts]"
        ".some(f => f.status === 'loaded' && f.unicodeRange.includes('U+600'))"
    )
    assert loaded


def test_a_search_in_arabic_finds_its_town(page, app):
    open_map(page, f"{app}/?language=ar")
    box = page.get_by_role("textbox", name=text("search", AR))
    box.fill("الدار البيضاء")
    box.press("Enter")
    found = shipped_pairings(search="الدار البيضاء")
    assert "Casablanca" in set(found.morocco_name)
    expect(pairings_metric(page)).to_have_text(str(len(found)))
    expect(page).to_have_url(re.compile(r"[?&]search=[^&]+"))  # the link keeps it


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_legend_and_step_caption_are_inside_the_map_in_arabic(browser, guard, app, scheme):
    """In presentation mode, on a projector's screen, in both themes; screenshots kept."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    viewport = {"width": 1366, "height": 768}
    with watched_page(browser, guard, viewport=viewport, color_scheme=scheme) as page:
        open_map(page, f"{app}/?language=ar")
        page.screenshot(path=SHOTS / f"map-{scheme}.png")
        open_map(page, f"{app}/?language=ar&present=true")
        map_frame(page).locator(".coopmap-step-next").click()
        expect(map_frame(page).locator(".coopmap-steps")).to_have_attribute("data-step", "1")
        page.wait_for_timeout(1500)  # the flight to the first pairing
        map_box = page.locator(MAP_IFRAME).bounding_box()
        screen = {"x": 0, "y": 0, **viewport}
        for selector in (".coopmap-steps", ".coopmap-legend"):
            box = box_in_page(page, selector)
            assert inside(box, map_box), f"{selector} is inside the map"
            assert inside(box, screen), f"{selector} is on screen"
        page.screenshot(path=SHOTS / f"present-{scheme}.png")


def test_the_arrow_keys_and_buttons_follow_the_direction_of_reading(page, app):
    """Read right to left, ← goes forward and → back; Page Down and Page Up, a presenter's
    remote, keep their meaning; the "next" button, on the left, points left.
    """
    frame = open_map(page, f"{app}/?language=ar&present=true")
    steps = frame.locator(".coopmap-steps")
    hint = text("step_hint", AR)
    assert hint.startswith("←"), "the hint says which way is forward"
    expect(frame.locator(".coopmap-step-caption")).to_have_text(hint)
    expect(frame.locator(".coopmap-step-next")).to_have_text("‹")
    expect(frame.locator(".coopmap-step-previous")).to_have_text("›")
    next_box = frame.locator(".coopmap-step-next").bounding_box()
    previous_box = frame.locator(".coopmap-step-previous").bounding_box()
    assert next_box["x"] < previous_box["x"], "next is on the left, where reading goes"
    page.get_by_test_id("stMain").click(position={"x": 5, "y": 5})  # the focus on the page
    for key, step in [("ArrowLeft", "1"), ("ArrowLeft", "2"), ("ArrowRight", "1")]:
        page.keyboard.press(key)
        expect(steps).to_have_attribute("data-step", step)
    for key, step in [("PageDown", "2"), ("PageUp", "1")]:
        page.keyboard.press(key)
        expect(steps).to_have_attribute("data-step", step)


# The map's own controls and the side of the map each sits on, read left to right. Read right
# to left they change sides, but the legend, which stays over the Atlantic (on the right it
# would hide eastern France).
CONTROL_SIDES = {
    ".leaflet-control-zoom": "left",
    ".leaflet-control-scale": "left",
    ".coopmap-timeline": "left",
    ".coopmap-share": "right",
    ".leaflet-control-attribution": "right",
    ".coopmap-legend": "left",
}
MIRRORED = {"left": "right", "right": "left"}


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_maps_own_controls_change_sides_in_arabic(page, app, language):
    frame = open_map(page, f"{app}/?language={language}")
    map_box = page.locator(MAP_IFRAME).bounding_box()
    middle = map_box["x"] + map_box["width"] / 2
    found = {}
    for selector in CONTROL_SIDES:
        box = frame.locator(selector).bounding_box()
        assert inside(box, map_box), f"{selector} is inside the map"
        found[selector] = "left" if box["x"] + box["width"] / 2 < middle else "right"
    expected = dict(CONTROL_SIDES)
    if language == AR:
        expected = {
            s: side if s == ".coopmap-legend" else MIRRORED[side] for s, side in expected.items()
        }
    assert found == expected
    direction = frame.locator(".coopmap-legend").evaluate("e => getComputedStyle(e).direction")
    assert direction == ("rtl" if language == AR else "ltr")


# The middle of the first glyph of each of `wanted`'s characters in an element, in the page.
CHARACTER_X = """(element, wanted) => {
  const found = {};
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    [...node.data].forEach((character, i) => {
      if (wanted.includes(character) && !(character in found)) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getBoundingClientRect();
        found[character] = box.left + box.width / 2;
      }
    });
  }
  return found;
}"""


def test_a_latin_name_in_an_arabic_sentence_reads_in_its_own_order(page, app, tmp_path):
    """A list brought under the name "2024 liste.csv", explored in Arabic: in the sentence
    that names it, the name reads left to right, its number first. Were the name not a Unicode
    isolate, its number would take the sentence's Arabic side and show after "liste.csv".
    """
    rows = pd.read_csv(DATA_DIR / "partnerships.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "2024 liste.csv"
    rows.head(3).to_csv(path, index=False)
    open_map(page, f"{app}/?language=ar")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=text("page_data", AR)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text("page_data", AR))
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
    page.get_by_role("button", name=text("use_for_session", AR)).click()
    sentence = text("using_session_data", AR, name=path.name)
    notice = page.get_by_test_id("stAlert").filter(has_text="liste.csv")
    expect(notice).to_contain_text(sentence.split("\u2068")[0].strip())
    x = notice.evaluate(CHARACTER_X, ["2", "l", "أ"])
    assert x["2"] < x["l"] < x["أ"], x


# The per-year chart as drawn: its year labels, the bottom of its bars, its legend's symbols
# and words.
YEARS_CHART = """(chart, title) => {
  const box = e => e.getBoundingClientRect().toJSON();
  const axis = [...chart.querySelectorAll("g.role-axis")]
    .find(a => a.querySelector(".role-axis-title text")?.textContent === title);
  return {
    labels: [...axis.querySelectorAll(".role-axis-label text")]
      .map(t => ({text: t.textContent, ...box(t)})),
    bars: Math.max(...[...chart.querySelectorAll("g.mark-rect path")].map(p => box(p).bottom)),
    symbols: [...chart.querySelectorAll(".role-legend-symbol path")].map(box),
    words: [...chart.querySelectorAll(".role-legend-label text")].map(box),
  };
}"""


def test_a_chart_in_arabic_is_drawn_whole(page, app):
    """Vega lays a chart out left to right: in an Arabic page its year labels hang under the
    bars, and its legend's symbols stand beside their words, not on them.
    """
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{app}/summary?language=ar")
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart.locator("svg g.role-axis").first).to_be_attached()
    drawn = chart.evaluate(YEARS_CHART, text("col_year", AR))
    years = sources.years(shipped_pairings()).dropna().astype(int)
    assert [label["text"] for label in drawn["labels"]][0] == str(years.min())
    assert all(label["top"] >= drawn["bars"] for label in drawn["labels"]), "under the bars"
    assert len(drawn["symbols"]) == len(drawn["words"]) == 2
    for symbol, word in zip(drawn["symbols"], drawn["words"]):
        assert symbol["right"] <= word["left"] or word["right"] <= symbol["left"], (symbol, word)


def test_a_bad_row_is_reported_in_arabic_from_the_right(page, app, tmp_path):
    """A list with a bad authority type, brought in Arabic: the report says where (file, row,
    column) and what is wrong in Arabic, and reads from the right: the file first, then the
    row, the column and the message.
    """
    rows = pd.read_csv(DATA_DIR / "partnerships.csv", dtype=str, keep_default_na=False)
    mine = rows.head(3).copy()
    mine.loc[1, "france_authority_type"] = "communne"  # row 3 of the file
    path = tmp_path / "2024-liste.csv"
    mine.to_csv(path, index=False)
    open_map(page, f"{app}/?language=ar")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=text("page_data", AR)).click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
    report = page.get_by_test_id("stAlert").filter(has_text="2024-liste.csv")
    line = report.locator("li").filter(has_text="2024-liste.csv")
    for said in (
        text("problem_row", AR, row=3),
        text("problem_column", AR, column="france_authority_type"),
        text("problem_did_you_mean", AR, value="commune").strip(),
    ):
        expect(line).to_contain_text(said)
    # "2" of the file's name, "س" of السطر (row), "ع" of العمود (column), "ن" of the message.
    x = line.evaluate(CHARACTER_X, ["2", "س", "ع", "ن"])
    assert x["2"] > x["س"] > x["ع"] > x["ن"], x
    SHOTS.mkdir(parents=True, exist_ok=True)
    report.screenshot(path=SHOTS / "bad-row.png")
