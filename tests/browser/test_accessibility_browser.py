"""Every control of the map page has a name a screen reader can say, in the page and in the map.

Read from the accessibility tree (Playwright's ARIA snapshot), as assistive technology sees it,
in the normal view (with the online basemap's layer control) and in presentation mode.
"""

import re

import pytest

from .test_map_browser import map_frame, open_map, wait_for_counts

pytestmark = pytest.mark.browser

CONTROL = re.compile(
    r"^\s*- (button|textbox|searchbox|combobox|checkbox|switch|radio|slider|spinbutton|link)\b"
    r"(?P<rest>.*)$"
)


def controls(root):
    """(role, name) of each control under `root`'s body; the name is "" when it has none."""
    found = []
    for line in root.locator("body").aria_snapshot().splitlines():
        match = CONTROL.match(line)
        if match:
            name = re.match(r'\s*"(.*?)"', match["rest"])
            found.append((match[1], name[1] if name else ""))
    return found


@pytest.fixture(scope="module")
def app(start_app):
    return start_app(basemap="auto")  # with the layer control of the online basemap


@pytest.mark.parametrize(
    ("query", "expected_in_page", "expected_in_map"),
    [
        (
            "",
            {("combobox", "Lieu sélectionné"), ("textbox", "Rechercher un lieu")},
            {("button", "Copier le lien"), ("button", "Zoom in"), ("button", "Layers")},
        ),
        (
            "?present=true",
            {("button", "Quitter la présentation")},
            {("button", "Partenariat suivant (→)"), ("button", "Partenariat précédent (←)")},
        ),
    ],
    ids=["map", "presentation"],
)
def test_every_control_has_a_name(page, guard, app, query, expected_in_page, expected_in_map):
    guard.tolerated.append("https://tile.openstreetmap.org/")  # no internet: they fail, offline
    open_map(page, app + "/" + query)
    wait_for_counts(page, lines=40)
    in_page, in_map = controls(page), controls(map_frame(page))
    assert expected_in_page <= set(in_page) and expected_in_map <= set(in_map)
    unnamed = [control for control in in_page + in_map if not control[1].strip()]
    assert unnamed == []
    link = page.get_by_role("link", name="Le contenu de la carte, en tableau")
    assert link.get_attribute("href") == "table"  # the map's content, as a table
