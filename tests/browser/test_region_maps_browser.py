"""The summary's region maps as a reader sees them: each region coloured by its class, named with
its count when hovered, a legend of the classes, and a click that filters the app.

The expected counts, classes and colours come from the shipped data through coopmap.regionmap,
not from copies of them. A region is pointed at where it is the element on top, deep enough
inside that its outline is not under the pointer; the colour is read back both from the
drawing (its `fill`) and from a screenshot's pixels (what the eye gets). Screenshots of the
two maps go to test-artifacts/region-maps/.
"""

import io
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

from coopmap import place_names, regionmap
from coopmap.catalog import text

from .conftest import watched_page
from .screens import options
from .test_map_browser import ARTIFACTS, open_page, rerun, shipped, shipped_pairings
from .test_pages_browser import go_to, metric_value

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "region-maps"
SIDES = ("morocco", "france")
MAPS = "[data-testid=stVegaLiteChart]:has(g.mark-shape)"
REGIONS = "g.regions_marks path"
VIEWPORT = {"width": 1400, "height": 1000}
PHONE = "phone-390x844"
DEEP = 2  # px: a point this far from a region's edge shows the region's own colour
PIXEL_TOLERANCE = 3  # on each of red, green and blue (0-255)

# Each region of a map (its paths, in drawing order): a point where it is the element on top,
# in the viewport's CSS pixels, as far inside as a grid over its box finds (`depth`: how many
# pixels around it, up to 4, are inside too; null if none is on top), and its fill.
INTERIOR_POINTS = """chart => [...chart.querySelectorAll("g.regions_marks path")].map(path => {
  const box = path.getBBox();
  const matrix = path.getScreenCTM();
  const scale = Math.hypot(matrix.a, matrix.b);
  const inFill = (x, y) => path.isPointInFill(new DOMPoint(x, y));
  const directions = [[1, 0], [-1, 0], [0, 1], [0, -1], [0.7, 0.7], [-0.7, 0.7], [0.7, -0.7],
                      [-0.7, -0.7]];
  const depth = (x, y) => {
    for (let r = 1; r <= 4; r++) {
      const reach = r / scale;
      if (!directions.every(([dx, dy]) => inFill(x + dx * reach, y + dy * reach))) return r - 1;
    }
    return 4;
  };
  let best = null;
  const cells = 16;
  for (let i = 0; i < cells; i++) {
    for (let j = 0; j < cells; j++) {
      const x = box.x + (i + 0.5) * box.width / cells, y = box.y + (j + 0.5) * box.height / cells;
      if (!inFill(x, y)) continue;
      const screen = new DOMPoint(x, y).matrixTransform(matrix);
      if (document.elementFromPoint(screen.x, screen.y) !== path) continue;
      const found = depth(x, y);
      if (!best || found > best.depth) best = {x: screen.x, y: screen.y, depth: found};
      if (found === 4) break;
    }
    if (best && best.depth === 4) break;
  }
  return {fill: path.getAttribute("fill"), point: best};
})"""
# The legend's classes as drawn: each label's text, where it is, and its square's colour.
LEGEND = """chart => [...chart.querySelectorAll(".role-legend-entry .role-scope > g")]
.map(entry => ({
  label: entry.querySelector(".role-legend-label text").textContent,
  x: entry.getBoundingClientRect().left,
  fill: entry.querySelector(".role-legend-symbol path").getAttribute("fill"),
}))"""
# How far left and right the visible elements inside an element reach, in the viewport.
SIDES_REACHED = """element => {
  const boxes = [element, ...element.querySelectorAll("*")]
    .map(e => e.getBoundingClientRect()).filter(box => box.width > 0 && box.height > 0);
  return {left: Math.min(...boxes.map(box => box.left)),
          right: Math.max(...boxes.map(box => box.right))};
}"""
# The tooltip's rows as [title, value], while it is shown; null while hidden.
TOOLTIP_ROWS = """() => {
  const tip = document.querySelector("#vg-tooltip-element");
  if (!tip || !tip.classList.contains("visible")) return null;
  return [...tip.querySelectorAll("tr")].map(row =>
    [...row.querySelectorAll("td")].map(cell => cell.textContent));
}"""


def expected_counts(side, division, **selection):
    """{region: pairings} of `side`'s regions in `division` for the shipped pairings that
    `Selection(division=division, **selection)` keeps.
    """
    chosen = shipped_pairings(division=division, **selection)
    counts = regionmap.per_region(chosen, side, division)
    return dict(zip(counts.region, counts.pairings))


def expected_colours(counts, theme):
    """{region: colour of its class in `theme`}, and the classes, lowest first."""
    found = regionmap.classes(list(counts.values()))
    shades = regionmap.colours(found, theme)
    return {
        region: shades[found.index(regionmap.class_of(count, found))]
        for region, count in counts.items()
    }, found


def region_label(division, language):
    return place_names.region_label(shipped().region_names, division, language)


def address(page):
    """The page's query parameters, decoded: {key: [values]}."""
    return parse_qs(urlsplit(page.url).query)


def open_summary(page, app, query="", language="fr"):
    """The summary page at `query`, once both maps and their legends are drawn."""
    open_page(page, f"{app}/summary{query}")
    header = page.get_by_role("heading", level=2, name=text("summary_by_side", language))
    expect(header).to_be_visible()
    return drawn_maps(page)


def drawn_maps(page):
    """Both maps, once their regions and legends are drawn, and no run is under way."""
    expect(page.locator("[data-test-script-state='notRunning']")).to_be_attached()
    maps = page.locator(MAPS)
    expect(maps).to_have_count(2)
    for index in range(2):
        expect(maps.nth(index).locator(REGIONS).first).to_be_attached()
        expect(maps.nth(index).locator(".role-legend-label text").first).to_be_attached()
    return maps


def leave_maps(page):
    """Move the pointer off the maps, and wait for the tooltip to go."""
    page.mouse.move(1, 1)
    page.wait_for_function(f"!({TOOLTIP_ROWS})()")


def hover_regions(page, chart):
    """Every region of `chart` as the reader finds it by pointing at it: a list of {name,
    count (as the tooltip says them), fill, point}. Each path must have a point to point at.
    """
    centre(chart)
    leave_maps(page)
    regions = chart.evaluate(INTERIOR_POINTS)
    found = []
    for index, region in enumerate(regions):
        assert region["point"], f"region {index} has no point on top of the others"
        leave_maps(page)
        page.mouse.move(region["point"]["x"], region["point"]["y"])
        rows = page.wait_for_function(f"({TOOLTIP_ROWS})()").json_value()
        assert len(rows) == 2, rows
        (_, name), (_, count) = rows
        found.append(region | {"name": name, "count": int(count)})
    leave_maps(page)
    return found


def check_map(page, chart, side, division, theme, language="fr", **selection):
    """The map of `side` names and colours every region as the data say; its legend lists the
    classes in reading order. Returns what was hovered.
    """
    counts = expected_counts(side, division, **selection)
    colours, found = expected_colours(counts, theme)
    label = region_label(division, language)
    hovered = hover_regions(page, chart)
    assert len(hovered) >= len(counts)
    named = {label(region): region for region in counts}
    assert sorted(region["name"] for region in hovered) == sorted(named), "each region once"
    for region in hovered:
        latin = named[region["name"]]
        assert region["count"] == counts[latin], latin
        assert region["fill"] == colours[latin], latin
    legend = chart.evaluate(LEGEND)
    # Lowest class first in reading order: leftmost, or rightmost right to left.
    reading = sorted(legend, key=lambda entry: entry["x"], reverse=language == "ar")
    assert [entry["label"] for entry in reading] == [c.label for c in found]
    assert [entry["fill"] for entry in reading] == regionmap.colours(found, theme)
    return hovered


def check_pixels(page, hovered):
    """On a screenshot, each region shows its fill at its point: every region has a point
    `DEEP` pixels inside, clear of its outline.
    """
    leave_maps(page)
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    for region in hovered:
        point = region["point"]
        assert point and point["depth"] >= DEEP, f"too thin to check: {region}"
        want = tuple(int(region["fill"][i : i + 2], 16) for i in (1, 3, 5))
        got = shot.getpixel((int(point["x"]), int(point["y"])))
        assert all(abs(a - b) <= PIXEL_TOLERANCE for a, b in zip(got, want)), (region, got)


def no_traceback(page):
    expect(page.get_by_test_id("stException")).to_have_count(0)


def centre(element):
    """Scroll `element` to the middle of the screen, clear of Streamlit's header."""
    element.evaluate("e => e.scrollIntoView({block: 'center'})")


def shoot_maps(page, name):
    """The block of the two maps side by side (and their tables), as `name`.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    block = page.get_by_test_id("stHorizontalBlock").filter(has=page.locator(MAPS)).last
    centre(block)
    leave_maps(page)
    block.screenshot(path=SHOTS / f"{name}.png")


def shoot_stacked_maps(page, name):
    """The two maps, one under the other as a phone shows them (a table lies between them,
    and the two do not fit one screen: each is taken on its own, and the pictures put
    together), as `name`.png.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    shots = []
    for index in range(2):
        chart = page.locator(MAPS).nth(index)
        centre(chart)
        leave_maps(page)
        shots.append(Image.open(io.BytesIO(chart.screenshot())))
    whole = Image.new("RGB", (max(s.width for s in shots), sum(s.height for s in shots)))
    whole.paste(shots[0], (0, 0))
    whole.paste(shots[1], (0, shots[0].height))
    whole.save(SHOTS / f"{name}.png")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("division", ["current", "2013"])
def test_each_region_shows_its_count_and_class_colour(browser, guard, app, division, theme):
    with watched_page(browser, guard, color_scheme=theme, viewport=VIEWPORT) as page:
        query = "?division=2013" if division == "2013" else ""
        maps = open_summary(page, app, query)
        for index, side in enumerate(SIDES):
            chart = maps.nth(index)
            hovered = check_map(page, chart, side, division, theme)
            check_pixels(page, hovered)
        no_traceback(page)
        shoot_maps(page, f"maps-{division}-{theme}")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_new_servers_first_visitor_sees_both_maps(browser, guard, start_app, theme):
    """The summary as the first page of a server just started, offline: the guard lets no
    request leave the machine. The maps ask nothing outside the app (no tiles), so a visitor
    with internet gets the same page.
    """
    url = start_app()
    with watched_page(browser, guard, color_scheme=theme, viewport=VIEWPORT) as page:
        maps = open_summary(page, url)
        for index, side in enumerate(SIDES):
            check_pixels(page, check_map(page, maps.nth(index), side, "current", theme))
        no_traceback(page)
        shoot_maps(page, f"maps-first-load-{theme}")


def region_point(page, chart, name):
    """Where the reader points at the region named `name` on `chart`: the tooltip names it."""
    (region,) = [region for region in hover_regions(page, chart) if region["name"] == name]
    page.mouse.move(region["point"]["x"], region["point"]["y"])
    rows = page.wait_for_function(f"({TOOLTIP_ROWS})()").json_value()
    assert rows[0][1] == name
    return region["point"]


def click_region(page, chart, name):
    point = region_point(page, chart, name)
    with rerun(page):
        page.mouse.click(point["x"], point["y"])


def chosen_regions(page, side, language="fr"):
    """The tags of the sidebar's filter of `side`'s regions: what the reader sees chosen."""
    label = text(f"{side}_region", language)
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect")
    return box.filter(has=page.get_by_role("combobox", name=label)).locator("[data-tag]")


def pairings_shown(page, language="fr"):
    return metric_value(page, text("metric_pairings", language))


def check_filtered(page, side, region, language="fr", division="current"):
    """The app is filtered to `side`'s `region`: in its address, its sidebar, its figures."""
    key = f"{side}_regions"
    expect(page).to_have_url(re.compile(f"[?&]{key}={re.escape(quote(region))}(&|$)"))
    assert address(page)[key] == [region]
    tags = chosen_regions(page, side, language)
    expect(tags).to_have_count(1)
    expect(tags.first).to_have_attribute("aria-label", region_label(division, language)(region))
    expect(tags.first).to_be_visible()
    chosen = shipped_pairings(division=division, **{key: (region,)})
    assert 0 < len(chosen) < len(shipped_pairings())
    expect(pairings_shown(page, language)).to_have_text(str(len(chosen)))


def test_a_click_on_a_region_filters_the_app(page, app):
    page.set_viewport_size(VIEWPORT)
    maps = open_summary(page, app)
    morocco, france = maps.nth(0), maps.nth(1)
    everything = str(len(shipped_pairings()))
    expect(pairings_shown(page)).to_have_text(everything)

    # Bretagne has no pairing in the whole data: it is no filter's choice, its click does
    # nothing.
    assert expected_counts("france", "current")["Bretagne"] == 0
    before = page.url
    click_region(page, france, "Bretagne")
    no_traceback(page)
    assert page.url == before
    expect(chosen_regions(page, "france")).to_have_count(0)
    expect(pairings_shown(page)).to_have_text(everything)

    click_region(page, morocco, "Fès-Meknès")
    no_traceback(page)
    check_filtered(page, "morocco", "Fès-Meknès")
    # Both maps now count the pairings of Fès-Meknès only.
    for index, side in enumerate(SIDES):
        chart = page.locator(MAPS).nth(index)
        hovered = check_map(page, chart, side, "current", "light", morocco_regions=("Fès-Meknès",))
        check_pixels(page, hovered)

    # The address the click wrote, opened as a link (a new session reads it): the same maps.
    maps = open_summary(page, app, "?" + urlsplit(page.url).query)
    check_filtered(page, "morocco", "Fès-Meknès")
    check_map(page, maps.nth(1), "france", "current", "light", morocco_regions=("Fès-Meknès",))

    go_to(page, "table", "fr")
    check_filtered(page, "morocco", "Fès-Meknès")
    no_traceback(page)


def test_the_outlines_come_from_the_server_once_per_visit(browser, app):
    """A filter redraws both maps, which take their outlines from the browser's cache: a run
    sends the counts only. In a context of its own: Playwright's routing, with which the other
    tests watch every request, turns the browser's cache off.
    """
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        bodies = []

        def outlines_fetched(request):
            if "/app/static/regions/" in request.url:
                bodies.append(request.sizes()["responseBodySize"])

        page.on("requestfinished", outlines_fetched)
        maps = open_summary(page, app)
        first = list(bodies)
        assert len(first) == 4 and min(first) > 0, first  # land and regions, on each side
        click_region(page, maps.nth(0), "Fès-Meknès")
        check_filtered(page, "morocco", "Fès-Meknès")
        drawn_maps(page)
        for _ in range(40):  # the redrawn maps' requests, which Vega makes as it draws
            if len(bodies) >= 2 * len(first):
                break
            page.wait_for_timeout(250)
        again = bodies[len(first) :]
        # Asked for again, and answered from the cache: no body (the headers' size taken off).
        assert len(again) == 4 and max(again) <= 0, again
    finally:
        context.close()


def test_the_same_click_filters_again_after_the_filter_is_cleared(page, app):
    """The chart keeps a click's selection: clearing the filter in the sidebar and clicking
    the same region again must filter again, not be taken for no change.
    """
    page.set_viewport_size(VIEWPORT)
    maps = open_summary(page, app)
    click_region(page, maps.nth(0), "Oriental")
    check_filtered(page, "morocco", "Oriental")
    tags = chosen_regions(page, "morocco")
    with rerun(page):
        tags.first.get_by_role("button").click()  # the tag's own ×
    expect(tags).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"[?&]morocco_regions="))
    expect(pairings_shown(page)).to_have_text(str(len(shipped_pairings())))
    click_region(page, drawn_maps(page).nth(0), "Oriental")
    check_filtered(page, "morocco", "Oriental")
    no_traceback(page)


def test_a_click_on_a_french_region_of_2013_filters_the_app(page, app):
    page.set_viewport_size(VIEWPORT)
    maps = open_summary(page, app, "?division=2013")
    click_region(page, maps.nth(1), "Languedoc-Roussillon")
    no_traceback(page)
    check_filtered(page, "france", "Languedoc-Roussillon", division="2013")
    assert address(page)["division"] == ["2013"]
    morocco = page.locator(MAPS).nth(0)
    selection = {"france_regions": ("Languedoc-Roussillon",)}
    check_map(page, morocco, "morocco", "2013", "light", **selection)
    # Corse: none in the whole data.
    before = page.url
    click_region(page, page.locator(MAPS).nth(1), "Corse")
    no_traceback(page)
    assert page.url == before


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_maps_in_arabic_name_regions_in_arabic_and_read_right_to_left(
    browser, guard, app, theme
):
    with watched_page(browser, guard, color_scheme=theme, viewport=VIEWPORT) as page:
        maps = open_summary(page, app, "?language=ar", "ar")
        html = page.locator("html")
        expect(html).to_have_attribute("lang", "ar")
        expect(html).to_have_attribute("dir", "rtl")
        # Every Moroccan region has a name in Arabic script, which its tooltip must show.
        arabic = region_label("current", "ar")
        for region in regionmap.outline_regions("morocco", "current"):
            assert re.fullmatch(r"[\u0600-\u06ff -]+", arabic(region)), region
        for index, side in enumerate(SIDES):
            hovered = check_map(page, maps.nth(index), side, "current", theme, "ar")
            check_pixels(page, hovered)
        no_traceback(page)
        shoot_maps(page, f"maps-ar-current-{theme}")

        click_region(page, maps.nth(0), region_label("current", "ar")("Fès-Meknès"))
        no_traceback(page)
        check_filtered(page, "morocco", "Fès-Meknès", "ar")


@pytest.mark.parametrize(("language", "theme"), [("fr", "light"), ("ar", "dark")])
def test_on_a_phone_the_maps_stack_and_fit_the_screen(browser, guard, app, language, theme):
    with watched_page(browser, guard, color_scheme=theme, **options(PHONE)) as page:
        maps = open_summary(page, app, f"?language={language}", language)
        width = page.viewport_size["width"]
        for index, side in enumerate(SIDES):
            chart = maps.nth(index)
            centre(chart)
            box = chart.locator("svg").first.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (side, box, width)
            regions = regionmap.outline_regions(side, "current")
            expect(chart.locator(REGIONS)).to_have_count(len(regions))
            check_pixels(page, chart.evaluate(INTERIOR_POINTS))
        morocco, france = (maps.nth(index).locator("svg").first.bounding_box() for index in (0, 1))
        assert france["y"] >= morocco["y"] + morocco["height"], "one under the other"
        # Nothing of the maps' block (maps, legends, tables) reaches past the screen's sides.
        block = page.get_by_test_id("stHorizontalBlock").filter(has=page.locator(MAPS)).last
        sides = block.evaluate(SIDES_REACHED)
        assert sides["left"] >= -0.5 and sides["right"] <= width + 0.5, sides
        # The heat map, wider than a phone, scrolls sideways in its own box; the page does not.
        heat_map = page.locator(".st-key-heat_map")
        expect(heat_map.locator("svg g.role-axis").first).to_be_attached()
        assert heat_map.evaluate("box => box.scrollWidth > box.clientWidth")
        main = page.get_by_test_id("stMain")
        assert main.evaluate("main => main.scrollWidth <= main.clientWidth + 1")
        no_traceback(page)
        shoot_stacked_maps(page, f"maps-phone-{language}-{theme}")
