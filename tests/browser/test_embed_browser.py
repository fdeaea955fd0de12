"""The map on a partner's own site: another origin frames the app's `?embed=true`.

A partner authority (a commune, a region) pastes the code that the map's "Embed" button
copies. Here, a static page served on another origin (`localhost` on a port of its own, where
the app is on 127.0.0.1: another site, for the browser) holds that frame. In each language and
theme, the frame shows the map alone: no sidebar, no page title, its lines drawn and seen on a
screenshot's pixels, and a link that opens the full app with the same filters.
"""

import functools
import html
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from coopmap.catalog import LANGUAGES, text

from .conftest import watched_page
from .pixels import backgrounds, check_map_pixels
from .test_map_browser import (
    ARTIFACTS,
    CONNECTED,
    drawn_lines,
    map_frame,
    open_map,
    search,
    shipped_pairings,
    wait_for_counts,
)

pytestmark = pytest.mark.browser

FRAME = "iframe#coopmap"
SEARCH = "fes"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def partner_site(tmp_path_factory):
    """A static site on another origin: (its folder, its address), with `localhost` for host."""
    folder = tmp_path_factory.mktemp("partner")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://localhost:{server.server_address[1]}"
    server.shutdown()


def publish_page(site, name, code):
    """A page of the partner's site holding `code` (the embed snippet); its address."""
    folder, address = site
    page = f"<!doctype html><meta charset=utf-8><h1>Commune partenaire</h1>\n{code}\n"
    (folder / f"{name}.html").write_text(page, encoding="utf-8")
    return f"{address}/{name}.html"


def snippet(app, language):
    """The frame as the "Embed" button writes it, at a link with a search."""
    source = f"{app}/?language={language}&search={SEARCH}&embed=true"
    return (
        f'<iframe id="coopmap" src="{html.escape(source)}" title="carte" width="100%" '
        'height="600" style="border: 0"></iframe>'
    )


def app_frame(page):
    """The app's document in the partner's page, once Streamlit has run its script."""
    frame = page.wait_for_selector(FRAME).content_frame()
    frame.wait_for_selector(CONNECTED)
    frame.wait_for_selector("[data-test-script-state='notRunning']")
    return frame


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_partner_site_shows_the_map_alone_with_its_lines(
    browser, guard, app, partner_site, language, theme
):
    address = publish_page(partner_site, f"{language}-{theme}", snippet(app, language))
    with watched_page(browser, guard, color_scheme=theme) as page:
        page.goto(address)
        frame = app_frame(page)
        lines = drawn_lines(shipped_pairings(search=SEARCH))
        wait_for_counts(frame, lines=lines)
        expect(frame.get_by_test_id("stSidebar")).to_be_hidden()
        expect(frame.get_by_role("heading", level=1)).to_have_count(0)
        expect(frame.get_by_test_id("stException")).to_have_count(0)
        link = frame.get_by_role("link", name=text("open_full_map", language))
        expect(link).to_be_visible()
        opened = urlsplit(link.get_attribute("href"))
        assert f"{opened.scheme}://{opened.netloc}" == app
        query = parse_qs(opened.query)
        assert query["search"] == [SEARCH] and "embed" not in query
        assert query.get("language", ["fr"]) == [language]
        shots = ARTIFACTS / "embed"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=shots / f"partner-{language}-{theme}.png")
        report = check_map_pixels(frame, backgrounds(theme), shots / f"map-{language}-{theme}.png")
        report.assert_visible(at_least=lines)


def test_the_embed_button_copies_the_frame_a_partner_pastes(browser, guard, app, partner_site):
    """Pressed in the full app, "Embed" copies a frame whose page shows the same filters; the
    frame's "open the full map" link opens the full app on them again: the round trip a reader
    makes, from the app to a partner's site and back.
    """
    with watched_page(browser, guard) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        open_map(page, app)
        search(page, SEARCH)
        lines = drawn_lines(shipped_pairings(search=SEARCH))
        wait_for_counts(page, lines=lines)
        frame = map_frame(page)
        frame.get_by_role("button", name=text("embed_map")).click()
        expect(frame.get_by_role("button", name=text("embed_map_copied"))).to_be_visible()
        code = page.evaluate("navigator.clipboard.readText()")
    assert re.fullmatch(r'<iframe src="[^"<>]+" title="[^"<>]+" [^<>]*></iframe>', code), code
    source = html.unescape(re.search(r'src="([^"]+)"', code)[1])
    assert parse_qs(urlsplit(source).query)["embed"] == ["true"]
    assert html.unescape(re.search(r'title="([^"]+)"', code)[1]) == text("embed_map_title")

    pasted = code.replace("<iframe ", '<iframe id="coopmap" ', 1)
    with watched_page(browser, guard) as page:
        page.goto(publish_page(partner_site, "pasted", pasted))
        frame = app_frame(page)
        wait_for_counts(frame, lines=lines)
        expect(frame.get_by_test_id("stSidebar")).to_be_hidden()
        full = frame.get_by_role("link", name=text("open_full_map")).get_attribute("href")
        open_map(page, full)
        expect(page.get_by_role("heading", level=1)).to_have_text(text("page_map"))
        expect(page.get_by_test_id("stSidebar")).to_be_visible()
        expect(page.get_by_role("textbox", name=text("search"))).to_have_value(SEARCH)
        wait_for_counts(page, lines=lines)
