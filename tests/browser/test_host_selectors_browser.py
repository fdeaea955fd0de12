"""Every element of Streamlit's page that the map's scripts look for is still there.

The map's scripts touch Streamlit's page only through static/map/host.js, and find its
elements only through the selectors of its table (`coopmap.host.selectors`). Streamlit does
not promise its markup: an upgrade that renamed a `data-testid` would silently stop the map
following the theme, or closing the sidebar on a phone. Here the real app is opened, the table
is read from the map's iframe, and each selector must match in the page, in the state where
the map uses it (a selector this test does not place is checked on the map page as it opens,
on a desktop).
"""

import pytest
from playwright.sync_api import expect

from .conftest import watched_page
from .screens import options
from .test_map_browser import map_frame, open_map

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1400, "height": 1000}}
PHONE = options("phone-390x844")


def open_sidebar(page):
    """On a phone the sidebar starts folded away, over the page when open."""
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "false")


# The states the map page is checked in: the screen, and what is done on the page first.
STATES = {
    "desktop": (DESKTOP, None),
    "phone-sidebar-open": (PHONE, open_sidebar),
}
# Where the map uses each selector that only matches in some state (host.js says what for).
WHERE = {
    "sidebarClose": "phone-sidebar-open",  # the open sidebar's close button, on a phone
}
MATCHES = "selector => document.querySelectorAll(selector).length"


@pytest.mark.parametrize("state", list(STATES))
def test_each_selector_of_the_host_matches_in_the_running_app(browser, guard, app, state):
    options, prepare = STATES[state]
    with watched_page(browser, guard, **options) as page:
        open_map(page, app)
        frame = map_frame(page)
        assert frame.evaluate("coopmap.host.address() !== null"), "the map sees the app's page"
        selectors = frame.evaluate("coopmap.host.selectors")
        assert set(WHERE) <= set(selectors), "a state is given for a selector host.js lacks"
        if prepare:
            prepare(page)
        checked = {
            name: selector
            for name, selector in selectors.items()
            if WHERE.get(name, "desktop") == state
        }
        assert checked, f"no selector is checked in the state {state}"
        missing = [
            f"{name}: {selector}"
            for name, selector in checked.items()
            if page.evaluate(MATCHES, selector) == 0
        ]
    assert not missing, "host.js looks for what Streamlit's page no longer has:\n" + "\n".join(
        missing
    )
