"""The map's palettes stay readable, for normal vision and the three colour-vision deficiencies.

Each rule is a row of a table: one row per palette and way of seeing. The deficiencies are
simulated with colorspacious (Machado et al. 2009) at severity 100, the full dichromacy, the
worst case of each kind; distances are ΔE' in CAM02-UCS, where the Euclidean distance follows
judged colour differences (about 1 is a just-noticeable difference between two patches side by
side, and the colours of a categorical map sit tens of units apart).

What the rules made change in `coopmap/palette.py` (Okabe-Ito colours kept throughout):

- light: the bluish green of Moroccan places (#009E73) reached only 2.98:1 on the land
  (#f3efe6) and 2.72:1 on the sea (#dbe7f0). The basemap was lightened a little instead of
  losing the green (the only Okabe-Ito colours dark enough for that sea are the two line
  colours and black, the colour of the selected place): land #f4f1e8, sea #eaf2f8, both still
  light, still beige and blue. The sea is checked too, not the land alone: pairing lines cross
  the Mediterranean, and the circles of coastal places (Tanger, Casablanca, Marseille...) lie
  partly over the sea.
- light: the reddish purple of the requests (#CC79A7) is too light for 3:1 on any basemap but
  white; the requests are Moroccan territories, so they take Morocco's green.
- dark: Morocco's bluish green and France's reddish purple came within 14.8 of each other for
  deuteranopia; Morocco takes the yellow (#F0E442), which the requests, Moroccan too, already had.
"""

import tomllib
from dataclasses import fields, replace
from pathlib import Path

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from coopmap.palette import (
    CHART_ROLES,
    PALETTES,
    REGION_CLASSES,
    REGION_EDGE,
    Palette,
    chart_colours,
    dark_for_light,
)

# Two categories of one map (town lines against territory lines, Moroccan places against
# French ones) must be told apart at a glance, on a thin line or the small swatch of a legend:
# 20 is a large, obvious difference in CAM02-UCS, some 20 just-noticeable steps.
APART = 20
# A mark must not melt into the basemap. Telling a mark from its ground also leans on
# lightness, which the 3:1 contrast rule secures for normal vision and which the simulated
# deficiencies barely change; a distance of 15 (well above noticeable, a little below the 20
# asked of two categories, which must also be named) keeps the hue cue from failing on top.
STANDS_OUT = 15
# WCAG 2.x success criterion 1.4.11 (non-text contrast): graphical objects needed to understand
# the content have a contrast ratio of at least 3:1 against adjacent colours.
WCAG_NON_TEXT = 3.0

NORMAL = "normal"
DEFICIENCIES = ("protanomaly", "deuteranomaly", "tritanomaly")

SIGHTS = [
    # (palette, way of seeing)
    ("light", NORMAL),
    ("light", "protanomaly"),
    ("light", "deuteranomaly"),
    ("light", "tritanomaly"),
    ("dark", NORMAL),
    ("dark", "protanomaly"),
    ("dark", "deuteranomaly"),
    ("dark", "tritanomaly"),
]
DEFICIENT_SIGHTS = [row for row in SIGHTS if row[1] != NORMAL]

CATEGORIES = [
    # (what must be told apart, its two colours)
    ("lines", "town", "territory"),
    ("places", "morocco", "france"),
]

# Every colour drawn over the basemap: lines, place outlines (the selected one too), the
# circles of the requests, the flows between regions. The test takes them opaque; the map
# draws lines at 0.85 opacity and flows at 0.6 over the basemap.
MARKS = ["town", "territory", "morocco", "france", "selected", "requests", "flow"]
GROUNDS = ["land", "sea"]


def _ids(rows):
    return ["-".join(str(cell) for cell in row) for row in rows]


def _rgb(colour):
    """'#rrggbb' as sRGB in [0, 1]."""
    digits = colour.removeprefix("#")
    assert len(digits) == 6, colour
    return np.array([int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)])


def _seen(colour, sight):
    """The colour as someone with that sight sees it, as sRGB in [0, 1]."""
    rgb = _rgb(colour)
    if sight == NORMAL:
        return rgb
    cvd = {"name": "sRGB1+CVD", "cvd_type": sight, "severity": 100}
    # The simulation can leave the gamut a little; a screen shows the clipped colour.
    return np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)


def _distance(first, second, sight):
    """ΔE' in CAM02-UCS between two colours as seen with `sight`."""
    return float(deltaE(_seen(first, sight), _seen(second, sight), input_space="sRGB1"))


def _luminance(colour):
    """WCAG 2.x relative luminance of an sRGB colour."""
    rgb = _rgb(colour)
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def _contrast(first, second):
    """WCAG 2.x contrast ratio, from 1:1 to 21:1."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_helpers_give_the_known_values():
    assert _contrast("#000000", "#ffffff") == pytest.approx(21)
    assert _contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert _distance("#0072B2", "#0072B2", "deuteranomaly") == 0
    # Red and green, far apart for normal vision, close together for deuteranopia.
    assert _distance("#d62728", "#2ca02c", NORMAL) > 3 * _distance(
        "#d62728", "#2ca02c", "deuteranomaly"
    )


def test_the_tables_cover_every_palette_and_sight():
    every = [(theme, sight) for theme in sorted(PALETTES) for sight in (NORMAL, *DEFICIENCIES)]
    assert sorted(SIGHTS) == sorted(every)


@pytest.mark.parametrize(
    ("category", "first", "second"), CATEGORIES, ids=[c[0] for c in CATEGORIES]
)
@pytest.mark.parametrize(("theme", "sight"), SIGHTS, ids=_ids(SIGHTS))
def test_the_two_kinds_stay_apart(theme, sight, category, first, second):
    colours = PALETTES[theme]
    one, other = getattr(colours, first), getattr(colours, second)
    distance = _distance(one, other, sight)
    assert distance >= APART, f"{category}: {first} {one} and {second} {other}: {distance:.1f}"


@pytest.mark.parametrize("ground", GROUNDS)
@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_a_mark_contrasts_with_the_basemap(theme, mark, ground):
    colours = PALETTES[theme]
    colour, under = getattr(colours, mark), getattr(colours, ground)
    ratio = _contrast(colour, under)
    assert ratio >= WCAG_NON_TEXT, f"{mark} {colour} on {ground} {under}: {ratio:.2f}:1"


@pytest.mark.parametrize("ground", GROUNDS)
@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize(("theme", "sight"), DEFICIENT_SIGHTS, ids=_ids(DEFICIENT_SIGHTS))
def test_a_mark_stands_out_from_the_basemap_with_a_deficiency(theme, sight, mark, ground):
    colours = PALETTES[theme]
    colour, under = getattr(colours, mark), getattr(colours, ground)
    distance = _distance(colour, under, sight)
    assert distance >= STANDS_OUT, f"{mark} {colour} on {ground} {under}: {distance:.1f}"


def test_every_light_colour_has_one_dark_colour():
    swap = dark_for_light()
    light, dark = PALETTES["light"], PALETTES["dark"]
    for role in fields(Palette):
        assert swap[getattr(light, role.name).lower()] == getattr(dark, role.name).lower()


def test_two_roles_sharing_a_light_colour_must_share_the_dark_one(monkeypatch):
    light = PALETTES["light"]
    clash = replace(PALETTES["dark"], requests="#000000")  # light morocco = light requests
    assert light.morocco == light.requests
    monkeypatch.setitem(PALETTES, "dark", clash)
    with pytest.raises(ValueError, match="two dark colours"):
        dark_for_light()


LIGHT_SIGHTS = [sight for theme, sight in SIGHTS if theme == "light"]
CHART_PAIRS = [(a, b) for i, a in enumerate(CHART_ROLES) for b in CHART_ROLES[i + 1 :]]


@pytest.mark.parametrize(("first", "second"), CHART_PAIRS, ids=_ids(CHART_PAIRS))
@pytest.mark.parametrize("sight", LIGHT_SIGHTS)
def test_the_categories_of_a_chart_stay_apart(sight, first, second):
    """The requesters of the expertise chart (a stacked bar): every two told apart."""
    colours = PALETTES["light"]
    one, other = getattr(colours, first), getattr(colours, second)
    distance = _distance(one, other, sight)
    assert distance >= APART, f"{first} {one} and {second} {other}: {distance:.1f}"


@pytest.mark.parametrize("role", CHART_ROLES)
def test_a_chart_colour_contrasts_with_a_white_page(role):
    colour = getattr(PALETTES["light"], role)
    assert _contrast(colour, "#ffffff") >= WCAG_NON_TEXT, colour


def test_a_chart_with_more_categories_than_checked_colours_is_refused():
    assert chart_colours(len(CHART_ROLES)) == [PALETTES["light"].territory, "#009E73", "#6A3D9A"]
    with pytest.raises(ValueError, match="checked colours"):
        chart_colours(len(CHART_ROLES) + 1)


# The region maps of the summary page (coopmap.palette.REGION_CLASSES): a class of regions with
# no pairing, then a ramp of classes, on the page's own background in each theme.
THEMES = tomllib.loads((Path(__file__).parent.parent / ".streamlit/config.toml").read_text())[
    "theme"
]
# Two neighbouring classes of a ramp differ in lightness mostly, and a map of five classes
# cannot keep them 20 apart: 10, some ten just-noticeable steps, keeps each apart from the next
# for every sight, the ramp's first class from the "none" grey too.
CLASS_STEP = 10


@pytest.mark.parametrize(("theme", "sight"), SIGHTS, ids=_ids(SIGHTS))
def test_each_class_of_the_region_maps_stays_apart_from_the_next(theme, sight):
    classes = REGION_CLASSES[theme]
    steps = [_distance(a, b, sight) for a, b in zip(classes, classes[1:])]
    assert min(steps) >= CLASS_STEP, steps


@pytest.mark.parametrize("theme", sorted(REGION_CLASSES))
def test_the_ramp_runs_from_the_page_towards_more_contrast(theme):
    """More pairings, further from the page: darker in the light theme, brighter in the dark
    one. Lightness carries the order, the cue every sight keeps.
    """
    _, *ramp = REGION_CLASSES[theme]
    page = THEMES[theme]["backgroundColor"]
    contrasts = [_contrast(colour, page) for colour in ramp]
    assert contrasts == sorted(contrasts) and len(set(contrasts)) == len(contrasts)


@pytest.mark.parametrize(("theme", "sight"), SIGHTS, ids=_ids(SIGHTS))
def test_a_region_with_pairings_stands_out_from_the_page(theme, sight):
    _, *ramp = REGION_CLASSES[theme]
    page = THEMES[theme]["backgroundColor"]
    assert min(_distance(colour, page, sight) for colour in ramp) >= STANDS_OUT


@pytest.mark.parametrize("theme", sorted(REGION_CLASSES))
def test_the_outline_draws_a_region_with_none_against_the_page(theme):
    """The "none" grey is close to the page by design (nothing to see there): its outline
    keeps its shape, at the 3:1 of non-text contrast against both.
    """
    none = REGION_CLASSES[theme][0]
    edge, page = REGION_EDGE[theme], THEMES[theme]["backgroundColor"]
    assert _contrast(edge, page) >= WCAG_NON_TEXT
    assert _contrast(edge, none) >= WCAG_NON_TEXT
