"""Accessibility: every control has a name a screen reader can say, and axe-core finds nothing
serious on any page, in either theme.

The names are read from the accessibility tree (Playwright's ARIA snapshot), as assistive
technology sees it, in the normal view (with the online basemap's layer control) and in
presentation mode; axe-core runs in the page and in each of its frames (the map's).
"""

import importlib.util
import json
import re
from pathlib import Path

import pytest

from .conftest import TILES, TILES_HOST, watched_page
from .pixels import wait_until_settled
from .test_map_browser import (
    ARTIFACTS,
    drawn_lines,
    map_frame,
    open_map,
    open_page,
    shipped_pairings,
    wait_for_counts,
)

pytestmark = pytest.mark.browser
AXE = ARTIFACTS / "axe"

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
    return start_app(basemap="auto", extra_env=TILES)  # with the online basemap's layer switch


@pytest.mark.parametrize(
    ("query", "expected_in_page", "expected_in_map"),
    [
        (
            "",
            {("combobox", "Lieu sélectionné"), ("textbox", "Rechercher un lieu")},
            {("button", "Copier le lien"), ("button", "Zoom avant"), ("button", "Fond de carte")},
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
    guard.tolerated.append(TILES_HOST)  # no internet: they fail, offline
    open_map(page, app + "/" + query)
    wait_for_counts(page, lines=drawn_lines(shipped_pairings()))
    in_page, in_map = controls(page), controls(map_frame(page))
    assert expected_in_page <= set(in_page) and expected_in_map <= set(in_map)
    unnamed = [control for control in in_page + in_map if not control[1].strip()]
    assert unnamed == []
    link = page.get_by_role("link", name="Le contenu de la carte, en tableau")
    assert link.get_attribute("href") == "table"  # the map's content, as a table


# axe-core, the accessibility engine of browsers' own audits; the PyPI package
# axe-playwright-python carries its script (axe.min.js).
AXE_SCRIPT = (
    Path(importlib.util.find_spec("axe_playwright_python").origin).parent / "axe.min.js"
).read_text(encoding="utf-8")
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary).slice(0, 5)}));
}"""
PAGES = {
    "map": "",
    "table": "table",
    "summary": "summary",
    "programme": "programme",
    "expertise": "expertise",
    "data": "data",
    "about": "about",
    "presentation": "?present=true",
}


def axe_violations(page):
    """axe-core's serious and critical violations, in the page and in each of its frames."""
    found = []
    for frame in page.frames:
        frame.evaluate(AXE_SCRIPT)
        for violation in frame.evaluate(RUN_AXE):
            if violation["impact"] in ("serious", "critical"):
                found.append(violation | {"frame": frame.url.split("?")[0]})
    return found


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violation(browser, guard, app, name, theme):
    guard.tolerated.append(TILES_HOST)
    with watched_page(browser, guard, color_scheme=theme) as page:
        open_page(page, f"{app}/{PAGES[name]}")
        if name in ("map", "expertise", "presentation"):
            wait_until_settled(map_frame(page))
        violations = axe_violations(page)
        AXE.mkdir(parents=True, exist_ok=True)
        (AXE / f"{name}-{theme}.json").write_text(json.dumps(violations, indent=1))
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
