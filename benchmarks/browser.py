"""Browser-side figures and a load test, the app in headless Chromium: shipped data, 1,000 and
12,000 pairings.

    python benchmarks/browser.py [first] [--quick]

For each size the app is started on its data (the shipped data; the larger sets are made by
benchmarks/generate.py into a temporary folder), warmed by one throwaway session, then
measured over 3 fresh sessions (medians): the time from `page.goto`, and from the page's load
event, to the map drawn (the expected number of line layers, single pairings or flows between
regions, present and steady for half a second; the time is when it first appeared), the time
from a search (Enter pressed) to the new map drawn, and whether zooming or panning the map
reruns the script (it must not).
Then a load test on the shipped data and the 12,000: 1, 5 and 10 browser contexts at once,
each opening the map and searching; the median and worst times to a drawn map, and the errors
(exceptions, timeouts, uncaught page errors). Every server started is stopped; non-local
requests are aborted, as the app must work with no internet.

`first` measures only a server's first visitor. `--quick` (the tests' run): the shipped data
only, one fresh server for the first visitor, one session not warmed, a load test of 2
contexts.
"""

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.app_server import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402
from benchmarks.generate import generate  # noqa: E402
from benchmarks.server import LABELS  # noqa: E402
from benchmarks.tables import print_table  # noqa: E402
from coopmap import data, filters, mapview  # noqa: E402

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
SESSIONS = 3
CONCURRENCY = (1, 5, 10)
QUICK_CONCURRENCY = (2,)
STEADY = 0.5  # seconds a count must hold to be trusted: streamlit-folium redraws in place
DRAW_TIMEOUT = 60.0
SESSION_TIMEOUT = 150.0
RERUN_WATCH = 2.0
SEARCHES = ("fes", "rabat", "tanger", "oujda")
FIRST_VISITS = 3  # fresh servers, each measured at its first visitor

# Single pairings, flows between regions and the regions' circles, and places, as the map
# holds them (tests/browser/test_scale_browser.py counts with this too).
COUNT_LAYERS = """() => {
  if (!window.map || !window.L) return null;
  const counts = {lines: 0, flows: 0, regions: 0, places: 0};
  map.eachLayer(layer => {
    const properties = (layer.feature && layer.feature.properties) || {};
    if (properties.pairing_id !== undefined) counts.lines += 1;
    else if (properties.flow !== undefined) counts.flows += 1;
    else if (properties.region !== undefined) counts.regions += 1;
    else if (properties.place !== undefined) counts.places += 1;
  });
  return counts;
}"""
# The script runs seen from now on: those that ended (a change away from "running", told by
# its old value, which no delay of the observer's callback can miss: a run that starts and
# ends before the callback leaves two records whose target reads "notRunning" by then), and
# the one running now, if any.
WATCH_RUNS = """() => {
  let ended = 0;
  new MutationObserver(records => {
    for (const record of records) {
      if (record.oldValue === "running") ended += 1;
    }
  }).observe(document.body, {subtree: true, attributes: true, attributeOldValue: true,
                             attributeFilter: ["data-test-script-state"]});
  window.runsSeen = () =>
    ended + (document.querySelector("[data-test-script-state='running']") ? 1 : 0);
}"""
MOVE_MAP = """async () => {
  const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
  map.setView([40, 0], map.getZoom() + 1, {animate: false});
  await pause(300);
  map.panBy([200, 120], {animate: false});
  await pause(300);
  map.setView([33, -6], map.getZoom() + 2, {animate: false});
}"""


# --- the app ------------------------------------------------------------------------------


# --- what each size should show -------------------------------------------------------------


def expected_map(partnerships, places):
    """The layer counts of the map of `partnerships`: lines, or flows above the limit."""
    drawing = mapview.layers(partnerships, places, LABELS)
    if "flows" in drawing:
        return {"flows": len(drawing["flows"]["features"])}
    return {"lines": len(drawing["pairings"]["lines"]["id"])}


def plan(data_dir):
    """(pairings, expected map at load, search text, expected map after the search)."""
    dataset = data.load(data_dir)
    everything = dataset.partnerships
    for text in SEARCHES:
        found = filters.apply(everything, filters.Selection(search=text))
        if 0 < len(found) <= mapview.AGGREGATE_ABOVE:
            break
    full, narrowed = (expected_map(p, dataset.places) for p in (everything, found))
    return {"pairings": len(everything), "full": full, "search": text, "narrowed": narrowed}


# --- one browser session -----------------------------------------------------------------------


async def new_page(browser, errors):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})

    async def route(route):
        parts = urlsplit(route.request.url)
        if parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost"):
            await route.continue_()
        else:
            await route.abort()

    await context.route("**/*", route)
    page = await context.new_page()
    page.set_default_timeout(DRAW_TIMEOUT * 1000)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    return context, page


async def map_counts(page):
    """The layer counts in the map's iframe, or None while it is (re)mounted."""
    try:
        handle = await page.query_selector(MAP_IFRAME)
        frame = handle and await handle.content_frame()
        return frame and await frame.evaluate(COUNT_LAYERS)
    except Exception:  # the iframe was replaced or navigated while we looked
        return None


async def drawn(page, expected, start):
    """Seconds from `start` to the map first showing `expected`, once it has held `STEADY`."""
    deadline = time.perf_counter() + DRAW_TIMEOUT
    first = None
    seen = None
    while time.perf_counter() < deadline:
        seen = await map_counts(page)
        now = time.perf_counter()
        if seen and all(seen.get(key) == value for key, value in expected.items()):
            first = first or now
            if now - first >= STEADY:
                return first - start
        else:
            first = None
        await asyncio.sleep(0.05)
    raise TimeoutError(f"the map shows {seen}, expected {expected}")


async def search(page, text):
    """Type `text` in the search box, press Enter; return when Enter was pressed."""
    box = page.get_by_role("textbox", name="Rechercher un lieu")
    await box.fill(text)
    start = time.perf_counter()
    await box.press("Enter")
    return start


async def open_and_search(browser, url, expected, errors):
    """One session: seconds to the drawn map from `page.goto` and from the page's load event,
    and from a search.
    """
    context, page = await new_page(browser, errors)
    try:
        start = time.perf_counter()
        await page.goto(url)  # returns at the load event: Streamlit's own page is there
        page_loaded = time.perf_counter() - start
        opened = await drawn(page, expected["full"], start)
        await page.wait_for_selector("[data-test-script-state='notRunning']")
        start = await search(page, expected["search"])
        filtered = await drawn(page, expected["narrowed"], start)
        return opened, opened - page_loaded, filtered
    finally:
        await context.close()


async def moving_reruns(browser, url, expected, errors):
    """How many script runs zooming and panning the map starts (it should be none)."""
    context, page = await new_page(browser, errors)
    try:
        await page.goto(url)
        await drawn(page, expected["full"], time.perf_counter())
        await page.wait_for_selector("[data-test-script-state='notRunning']")
        await page.evaluate(WATCH_RUNS)
        frame = await (await page.query_selector(MAP_IFRAME)).content_frame()
        await frame.evaluate(MOVE_MAP)
        await asyncio.sleep(RERUN_WATCH)
        reruns = await page.evaluate("window.runsSeen()")
        # The control: a search does rerun the script, and the observer must see it.
        await search(page, expected["search"])
        await page.wait_for_function(f"window.runsSeen() > {reruns}", timeout=10_000)
        return reruns
    finally:
        await context.close()


# --- the two parts ------------------------------------------------------------------------


async def first_visits(browser, folder, expected, servers=FIRST_VISITS):
    """Seconds from `page.goto` to the drawn map for the first visitor of a server just
    started (median over fresh servers), and for a second visitor of each (warm).
    """
    errors, first, warm = [], [], []
    for index in range(servers):
        with running_app(Path(folder) / f"first-{index}.log", ROOT / "data") as url:
            first.append((await open_and_search(browser, url, expected, errors))[0])
            warm.append((await open_and_search(browser, url, expected, errors))[0])
    return {
        "size": "shipped",
        "servers": servers,
        "first visitor goto→drawn_s": statistics.median(first),
        "worst_s": max(first),
        "second visitor goto→drawn_s": statistics.median(warm),
        "errors": len(errors),
    }


async def measure_sessions(browser, url, label, expected, sessions=SESSIONS, warm=True):
    errors = []
    if warm:  # a throwaway session, so that the server's first-run costs are not measured
        await open_and_search(browser, url, expected, errors)
    times = [await open_and_search(browser, url, expected, errors) for _ in range(sessions)]
    reruns = await moving_reruns(browser, url, expected, errors)
    return {
        "size": label,
        "pairings": expected["pairings"],
        "map at load": expected["full"],
        "goto→drawn_s": statistics.median(t[0] for t in times),
        "load event→drawn_s": statistics.median(t[1] for t in times),
        "search": f"{expected['search']!r} → {expected['narrowed']}",
        "search→drawn_s": statistics.median(t[2] for t in times),
        "zoom/pan reruns": "yes" if reruns else "no",
        "errors": len(errors),
    }


async def load_test(browser, url, label, expected, sessions):
    errors = []

    async def one():
        try:
            return await asyncio.wait_for(
                open_and_search(browser, url, expected, errors), SESSION_TIMEOUT
            )
        except Exception as error:  # a timeout or any failure counts as an error
            errors.append(f"{type(error).__name__}: {error}")
            return None

    start = time.perf_counter()
    results = [r for r in await asyncio.gather(*(one() for _ in range(sessions))) if r]
    wall = time.perf_counter() - start
    loads = [r[0] for r in results] or [float("nan")]
    searches = [r[2] for r in results] or [float("nan")]
    for error in errors:
        print(f"  {label}, {sessions} sessions: {error}", file=sys.stderr)
    return {
        "size": label,
        "sessions": sessions,
        "goto→drawn median_s": statistics.median(loads),
        "goto→drawn worst_s": max(loads),
        "search→drawn median_s": statistics.median(searches),
        "search→drawn worst_s": max(searches),
        "all done_s": wall,
        "errors": len(errors),
    }


async def run(folder, first_only=False, quick=False):
    sizes = [("shipped", ROOT / "data")]
    for count in () if first_only or quick else (1_000, 12_000):
        target = Path(folder) / str(count)
        generate(count, target)
        sizes.append((f"{count:,} (synthetic)", target))
    session_rows, load_rows = [], []
    cores = os.cpu_count()
    first_title = f"A server's first visitor, and its second ({cores} cores)"
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            servers = 1 if quick else FIRST_VISITS
            first = await first_visits(browser, folder, plan(ROOT / "data"), servers)
            print_table(first_title, [first])
            for label, data_dir in [] if first_only else sizes:
                expected = plan(data_dir)
                log = Path(folder) / f"streamlit-{expected['pairings']}.log"
                with running_app(log, data_dir) as url:
                    sessions = 1 if quick else SESSIONS
                    row = await measure_sessions(
                        browser, url, label, expected, sessions, warm=not quick
                    )
                    session_rows.append(row)
                    print_table("Browser side, so far", session_rows[-1:])
                    if label.startswith(("shipped", "12,000")):
                        for sessions in QUICK_CONCURRENCY if quick else CONCURRENCY:
                            row = await load_test(browser, url, label, expected, sessions)
                            load_rows.append(row)
                            print_table("Load, so far", [row])
        finally:
            await browser.close()
    if first_only:
        return
    print_table(first_title, [first])
    server = "a server not warmed (--quick)" if quick else "a warm server"
    print_table(f"Browser side: medians of fresh sessions on {server}", session_rows)
    print_table(
        f"Load: concurrent sessions, each opening the map and searching ({cores} cores)", load_rows
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("part", nargs="?", choices=["first"], help="only a first visitor")
    parser.add_argument("--quick", action="store_true", help="shipped data, one session")
    options = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(run(folder, first_only=options.part == "first", quick=options.quick))
    print(f"\nTotal run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
