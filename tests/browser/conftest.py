"""Fixtures for the browser tests: the real app in a subprocess, seen through headless Chromium.

The app is meant for rooms with no internet, so the browser is only allowed to talk to the
local server: every other request is aborted and recorded, and so are console errors, uncaught
exceptions and dialogs, of the page and of the map's iframe. A test fails for any of them,
after its own steps, unless it declares that request as expected (see `BrowserGuard`).
"""

import contextlib
import csv
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from benchmarks.app_server import CHROMIUM, CHROMIUM_ARGS, AppDidNotStart, running_app

from . import screens
from conftest import require

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Online tiles, light and dark, on a host of the tests' own: refused (offline) or answered with
# plain tiles (online) by each test, never asked of the internet.
TILES_HOST = "https://tiles.test/"
TILES = {
    "COOPMAP_TILES_URL": TILES_HOST + "light/{z}/{x}/{y}.png",
    "COOPMAP_TILES_URL_DARK": TILES_HOST + "dark/{z}/{x}/{y}.png",
}
# A Streamlit rerun takes a second or two, more on a loaded CI machine.
expect.set_options(timeout=15_000)


# Opened at a page's own URL (/table), Streamlit's front end first looks for its server under
# that path, then at the root: two 404s that are Streamlit's, not the app's.
STREAMLIT_PAGE_PROBE = re.compile(r"^http://[^/]+/[^/]+/_stcore/(health|host-config)$")


def _is_local(url):
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.hostname in LOCAL_HOSTS


HOSTILE_NAMES = ("<img src=x onerror=alert(1)>", "`${alert(1)}`", 'back\\slash \u2028 "quote"')
# Each Moroccan place pairs with the French place of the next name: every name is on both sides.
HOSTILE_PAIRINGS = [
    (name, HOSTILE_NAMES[(i + 1) % len(HOSTILE_NAMES)]) for i, name in enumerate(HOSTILE_NAMES)
]
HOSTILE_TEMPLATE = ("Figuig", "Stains")  # the real pairing each hostile one copies
MOROCCO_POINTS = [(34.01, -6.83), (31.63, -8.00), (34.68, -1.91)]  # Rabat, Marrakech, Oujda
FRANCE_POINTS = [(48.85, 2.35), (44.84, -0.58), (45.76, 4.83)]  # Paris, Bordeaux, Lyon


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    """A copy of data/ whose pairings join places with names that try to break out of HTML,
    JavaScript and Markdown.

    Each pairing is a real row (Figuig – Stains) with the names changed, so that it passes the
    loader's checks. coordinates.csv keeps its rows, so that every other place the app draws
    or lists is placed too, and gains a point inside its country for each new place: nothing
    is looked up. sources.csv keeps none: its pages name the real pairings by number, and
    would be taken for the new pairings' own; each of them has its line of the 2013
    presentation as its source.
    """
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA_DIR, folder)
    (template,) = [
        row
        for row in read_csv(DATA_DIR / "partnerships.csv")
        if (row["morocco_name"], row["france_name"]) == HOSTILE_TEMPLATE
    ]
    pairings = [
        template
        | {"pairing_id": number, "morocco_name": morocco, "france_name": france}
        | {"source_text": f"{morocco} : {france}"}
        for number, (morocco, france) in enumerate(HOSTILE_PAIRINGS, start=1)
    ]
    coordinates = read_csv(DATA_DIR / "coordinates.csv")
    header = list(coordinates[0])
    for country, side, points in (
        ("MA", "morocco", MOROCCO_POINTS),
        ("FR", "france", FRANCE_POINTS),
    ):
        for name, (latitude, longitude) in zip(HOSTILE_NAMES, points):
            place = dict.fromkeys(header, "") | {"precision": "town", "source": "test"}
            kind = template[f"{side}_authority_type"]
            place |= {"country": country, "authority_type": kind, "name": name}
            coordinates.append(place | {"latitude": latitude, "longitude": longitude})
    for name, rows in (("partnerships.csv", pairings), ("coordinates.csv", coordinates)):
        with open(folder / name, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    with open(DATA_DIR / "sources.csv", encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    with open(folder / "sources.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(header)
    return folder


@pytest.fixture(scope="module")
def start_app(tmp_path_factory, browser):
    """A function that starts the app (`running_app`) and stops it after the module.

    Starting takes a few seconds, so a module starts one app per data set and shares it.
    """
    with contextlib.ExitStack() as stack:

        def start(data_dir=None, basemap="offline", extra_env=None):
            log_path = tmp_path_factory.mktemp("app") / "streamlit.log"
            try:
                return stack.enter_context(running_app(log_path, data_dir, basemap, extra_env))
            except AppDidNotStart as error:
                pytest.fail(str(error))

        yield start


@pytest.fixture(scope="session")
def app(tmp_path_factory, browser):
    """The app on the shipped data with its offline basemap: the one server that the modules
    which only read the shipped data share (one per test worker). A module that needs a server
    of its own (other data, online tiles, a server no session has opened) uses `start_app`.
    """
    log_path = tmp_path_factory.mktemp("app") / "streamlit.log"
    try:
        with running_app(log_path) as url:
            yield url
    except AppDidNotStart as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, which has no browser of its own here.

    A machine without Chromium skips the browser tests; CI=true makes that a failure, so that
    a broken CI image cannot turn them silently into skips.
    """
    require(CHROMIUM, "chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class BrowserGuard:
    """What the browser did that no test may let pass silently.

    Non-local requests are aborted and recorded; `tolerated` holds URL prefixes whose requests
    are still aborted but expected (a test of the tile fallback expects tile requests). The
    console error Chromium logs for an aborted request is part of that request, not a second
    problem: it is reported, or tolerated, with it.
    """

    def __init__(self):
        self.blocked = []
        self.console_errors = []
        self.page_errors = []
        self.dialogs = []
        self.tolerated = []

    def route(self, route):
        url = route.request.url
        if _is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def on_console(self, message):
        if message.type == "error":
            self.console_errors.append((message.text, message.location.get("url", "")))

    def on_page_error(self, error):
        self.page_errors.append(str(error))

    def on_dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def problems(self):
        """Every recorded problem that is not tolerated, as lines for a failure message."""
        blocked = set(self.blocked)
        found = [
            f"non-local request: {url}"
            for url in dict.fromkeys(self.blocked)
            if not url.startswith(tuple(self.tolerated))
        ]
        found += [
            f"console error: {text} ({url})"
            for text, url in self.console_errors
            if url not in blocked and not STREAMLIT_PAGE_PROBE.match(url)
        ]
        found += [f"uncaught exception: {error}" for error in self.page_errors]
        found += [f"dialog: {dialog}" for dialog in self.dialogs]
        return found


@pytest.fixture
def guard():
    return BrowserGuard()


@contextlib.contextmanager
def watched_page(browser, guard, **options):
    """A page in a new browser context (`options`: its colour scheme, viewport...), whose
    requests and complaints `guard` watches; the context is closed after.
    """
    options.setdefault("viewport", {"width": 1400, "height": 1000})
    # As a reader whose system asks for less motion: the map jumps where it would fly, and no
    # test waits for a flight (test_present_browser.py checks the flight too).
    options.setdefault("reduced_motion", "reduce")
    context = browser.new_context(**options)
    try:
        context.route("**/*", guard.route)
        new_page = context.new_page()
        new_page.set_default_timeout(20_000)
        new_page.on("console", guard.on_console)
        new_page.on("pageerror", guard.on_page_error)
        new_page.on("dialog", guard.on_dialog)
        yield new_page
    finally:
        context.close()


@pytest.fixture
def screen(request, browser, guard):
    """A page on the screen that the test's parameter names (screens.SCREENS; parametrize
    "screen" with indirect=True), and that name, for the screenshots.
    """
    with watched_page(browser, guard, **screens.options(request.param)) as new_page:
        yield new_page, request.param


@pytest.fixture
def page(browser, guard):
    """A fresh page (and Streamlit session) whose requests and complaints `guard` watches."""
    with watched_page(browser, guard) as new_page:
        yield new_page


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a browser test for what its page did wrong, once its own steps have passed.

    Checking here rather than in a fixture's teardown makes it a failure of the test itself,
    which the summary reports like any other.
    """
    result = yield
    guard = item.funcargs.get("guard")
    problems = guard.problems() if guard is not None else []
    if problems:
        pytest.fail("the browser saw:\n" + "\n".join(problems), pytrace=False)
    return result
