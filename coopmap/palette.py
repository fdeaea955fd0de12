"""The map's colours, one palette per app theme (light and dark).

The map is drawn in the light palette; in the dark theme it swaps each light colour for the
dark one of the same role (`dark_for_light`). The line and place colours come from Okabe and
Ito's set, chosen to stay apart for the common colour-vision deficiencies;
`tests/test_palette.py` checks that with a simulator (colorspacious) rather than by eye,
against the basemap each palette is drawn on. The dark palette takes the lighter members of
the set: the darker ones sink into a dark basemap.
"""

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Palette:
    town: str  # lines between towns and groupings
    territory: str  # lines between provinces, départements and regions
    morocco: str  # outline of a Moroccan place
    france: str  # outline of a French place
    requests: str  # circles of the expertise requests
    flow: str  # lines between regions, above the aggregation limit
    selected: str  # outline of the selected place
    place_fill: str  # inside of a place's circle
    land: str  # offline basemap: countries
    sea: str  # offline basemap: background
    border: str  # offline basemap: borders and coasts


PALETTES = {
    "light": Palette(
        town="#0072B2",
        territory="#D55E00",
        morocco="#009E73",
        france="#6A3D9A",
        requests="#009E73",
        flow="#555555",
        selected="#111111",
        place_fill="#ffffff",
        land="#f4f1e8",
        sea="#eaf2f8",
        border="#8c8c8c",
    ),
    "dark": Palette(
        town="#56B4E9",
        territory="#E69F00",
        morocco="#F0E442",
        france="#CC79A7",
        requests="#F0E442",
        flow="#c8c8c8",
        selected="#ffffff",
        place_fill="#1e2329",
        land="#2e353f",
        sea="#161b22",
        border="#6b7480",
    ),
}


# The roles whose light colours tell the categories of a chart apart (the requesters of the
# expertise requests), in order: checked to stay apart for every sight (tests/test_palette.py).
CHART_ROLES = ("territory", "morocco", "france")


def chart_colours(count: int) -> list[str]:
    """The first `count` colours of a chart's categories, from the light palette."""
    if count > len(CHART_ROLES):
        raise ValueError(f"{count} categories, the palette has {len(CHART_ROLES)} checked colours")
    return [getattr(PALETTES["light"], role) for role in CHART_ROLES[:count]]


def dark_for_light() -> dict[str, str]:
    """Each light colour and the dark one that replaces it: the map is drawn in the light
    colours and swaps them in the dark theme. Two roles sharing a light colour must share a
    dark one too, or the swap could not tell them apart.
    """
    light, dark = PALETTES["light"], PALETTES["dark"]
    swap: dict[str, str] = {}
    for role in fields(Palette):
        before, after = getattr(light, role.name).lower(), getattr(dark, role.name).lower()
        if swap.setdefault(before, after) != after:
            raise ValueError(f"light colour {before} has two dark colours ({role.name})")
    return swap


# The summary's region maps (coopmap/regionmap.py), per theme: the colour of the regions with
# no pairing, then a ramp of the classes above zero, fewest first. One hue, blue, so that the
# order reads by lightness alone, as it does for every colour-vision deficiency (checked in
# tests/test_palette.py). In the light theme more is darker; in the dark theme more is
# brighter: the regions with the most pairings stand out from the page in both.
REGION_CLASSES = {
    "light": ("#ececec", "#b3d1e8", "#6baed6", "#2f7dc0", "#08468a"),
    "dark": ("#343b45", "#1b4f7a", "#2f80c4", "#74b6e6", "#cfe8fa"),
}
# The outlines between regions, and around them, in each theme.
REGION_EDGE = {"light": "#707070", "dark": "#9aa4b0"}
