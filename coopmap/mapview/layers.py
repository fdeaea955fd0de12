"""The layers that change with the filters: the pairings and their places (compact columns),
or the flows between regions above AGGREGATE_ABOVE pairings, and the expertise requests
(GeoJSON); and the layer group that carries them to the map.

Lines hold only their two ends and a `bend`: static/map/layers.js draws the curve. Each feature
names its `style` in a small table sent with it, and carries its own size where it has one
(`radius`, `weight`). Every string that comes from the data goes through `text.escape` here:
Leaflet writes tooltips and popups as HTML.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, TypeAlias, cast
from urllib.parse import urlsplit

import folium
import pandas as pd

from ..catalog import text
from ..schema import LEVELS
from ..sources import URL_SEPARATOR, years
from ..summary import region_group
from ..text import escape
from .basemap import FRAME
from .controls import LIGHT, Labels, country_colour, level_colour
from .elements import Script

# Above this many pairings a map of single lines is unreadable and too heavy to send: the map
# draws the flows between regions instead, and says so; a filter brings back single pairings.
AGGREGATE_ABOVE = 1_500
STATES = ("normal", "selected", "faded")  # of a line, as a place is selected
DECIMALS = 4  # about 10 m: more than the map can show
# A GeoJSON object (a FeatureCollection, a Feature), or the compact columns of `pairings_table`.
JSONObject: TypeAlias = dict[str, object]
# What the map draws of a selection (see `layers`): {"pairings": ...}, or {"flows": ...,
# "regions": ...}.
Drawing: TypeAlias = Mapping[str, JSONObject]


class _RequestsRow(Protocol):
    """A territory as a row of `Programme.requests` gives it (the columns read here)."""

    place_id: str
    territory: str
    requests: int
    source_text: str


def styles(present: bool = False) -> dict[str, dict[str, object]]:
    """Leaflet's path options for each `style` a feature can name; `scale` enlarges the sizes
    of the features that carry their own (lines and circles for a projector).
    """
    scale = 2 if present else 1
    table: dict[str, dict[str, object]] = {
        f"{level}-{state}": {
            "color": level_colour(level),
            "weight": (5 if state == "selected" else 2.5) * scale,
            "opacity": 0.2 if state == "faded" else 0.85,
        }
        for level in LEVELS
        for state in STATES
    }
    circle = {
        "fill": True,
        "fillColor": LIGHT.place_fill,
        "fillOpacity": 0.9,
        "scale": 1.5 if present else 1,
    }
    for country in ("MA", "FR"):
        table[country] = circle | {
            "color": country_colour(country),
            "weight": 1.5 * cast(float, circle["scale"]),
        }
        table[f"{country}-selected"] = circle | {
            "color": LIGHT.selected,
            "weight": 3 * cast(float, circle["scale"]),
        }
    table["flow"] = {"color": LIGHT.flow, "opacity": 0.6, "scale": 1.5 if present else 1}
    table["requests"] = {
        "color": LIGHT.requests,
        "weight": 2,
        "fill": True,
        "fillColor": LIGHT.requests,
        "fillOpacity": 0.45,
    }
    return table


def counted(key: str, count: int, labels: Labels) -> str:
    """A number of things in the map's language: "1 partenariat", "3 شركاء"."""
    return text(key, labels["language"], count=int(count))


def place_labels(places: pd.DataFrame, labels: Labels) -> dict[str, str]:
    """{place_id: "Fès (commune urbaine)"}: each place and its type, as its country names the
    type. Made once for a list of places (a picker's options), not one row at a time.
    """
    types = labels["types"]
    return {
        place_id: f"{name} ({types.get((country, kind), kind)})"
        for place_id, name, country, kind in zip(
            places.place_id, places.name, places.country, places.authority_type
        )
    }


def _point(longitude: float, latitude: float) -> list[float]:
    return [round(float(longitude), DECIMALS), round(float(latitude), DECIMALS)]


def _collection(features: list[JSONObject]) -> JSONObject:
    return {"type": "FeatureCollection", "features": features}


def _bends(partnerships: pd.DataFrame, longitude: pd.Series[float]) -> pd.Series[float]:
    """A bend per pairing: the links of one Moroccan place fan out in order of longitude."""
    east = partnerships.france_place_id.map(longitude)
    rank = east.groupby(partnerships.morocco_place_id).rank(method="first").fillna(1) - 1
    return (0.12 + 0.07 * rank).round(2)


def _column(values: Iterable[float]) -> list[float | None]:
    """A column for JSON: numbers rounded, a missing one as null."""
    return [None if pd.isna(v) else round(float(v), DECIMALS) for v in values]


RING_GAP = 6  # px between the circles of places that share a point


def _rings(shown: pd.DataFrame, radii: Iterable[float], town: Sequence[int]) -> list[float]:
    """`radii`, made concentric rings where places share a point (a métropole placed at its
    seat, the commune of the same town): each a ring around the one drawn over it, so that
    every one of them can be seen, pointed at and clicked. The script draws territories, then
    towns, each largest first (`town`: 1 for a town); so does this.
    """
    radii = list(radii)
    points = list(zip(shown.latitude.round(DECIMALS), shown.longitude.round(DECIMALS)))
    for point in set(points):
        if pd.isna(point[0]) or points.count(point) < 2:
            continue
        members = [i for i, p in enumerate(points) if p == point]
        drawn = sorted(members, key=lambda i: (town[i], -radii[i], i))
        for under, over in reversed(list(zip(drawn, drawn[1:]))):
            radii[under] = max(radii[under], radii[over] + RING_GAP)
    return radii


def pairings_table(
    partnerships: pd.DataFrame, places: pd.DataFrame, labels: Labels, selected: str | None = None
) -> JSONObject:
    """The pairings and their places as compact columns; static/map/layers.js makes the lines
    (curved from their two ends and bend), the circles, their tooltips and popups.

    A place's name, type and regions are sent once, not in every tooltip and popup that
    names it: 1,000 pairings are 0.1 MB rather than 1 MB of GeoJSON. Every text is escaped
    here; the script only puts escaped pieces together. A place with no point is listed (as a
    partner) but not drawn, and neither are its lines.
    """
    ids = pd.unique(pd.concat([partnerships.morocco_place_id, partnerships.france_place_id]))
    shown = places.assign(row=places.index).drop_duplicates("place_id").set_index("place_id")
    shown = shown.reindex(ids)
    position = {place_id: i for i, place_id in enumerate(ids)}
    types = sorted(set(zip(shown.country, shown.authority_type)))
    regions = sorted(set(shown.region_current.dropna()) | set(shown.region_2013.dropna()))
    region_index = {region: i for i, region in enumerate(regions)}
    partners = pd.concat([partnerships.morocco_place_id, partnerships.france_place_id])
    count = partners.value_counts().reindex(ids)
    # A town is drawn over territories (a region's circle may lie on its capital's).
    levels = pd.concat([partnerships.level, partnerships.level])
    town = (levels == "town").groupby(partners.to_numpy()).any().reindex(ids)
    town_flags = [int(t) for t in town]
    kinds = labels.get("kinds", {})
    return {
        "labels": {
            key: escape(labels[key])
            for key in (
                "level_town",
                "level_territory",
                "source",
                "partners",
                "approximate",
                "year",
                "year_unknown",
                "agreement",
                "sources_label",
                "list_separator",
            )
        },
        "types": [escape(labels["types"].get(type_, type_[1])) for type_ in types],
        "regions": [escape(region.replace("|", labels["list_separator"])) for region in regions],
        "places": {
            "row": [None if pd.isna(row) else int(row) for row in shown["row"]],
            "name": [escape(name) for name in shown.name],
            "type": [types.index(type_) for type_ in zip(shown.country, shown.authority_type)],
            "country": list(shown.country),
            "longitude": _column(shown.longitude),
            "latitude": _column(shown.latitude),
            "region": [region_index[r] for r in shown.region_current],
            "region2013": [region_index[r] for r in shown.region_2013],
            "approximate": [int(p == "approximate") for p in shown.get("precision", [])],
            "radius": _rings(shown, [round(4 + 3 * math.sqrt(n), 1) for n in count], town_flags),
            "town": town_flags,
            # "3 partenaires", in the plural form the count takes in the reader's language.
            "partners": [escape(counted("partners_count", n, labels)) for n in count],
        },
        "lines": {
            "id": [str(pairing) for pairing in partnerships.pairing_id],
            "morocco": [position[p] for p in partnerships.morocco_place_id],
            "france": [position[p] for p in partnerships.france_place_id],
            "level": list(partnerships.level),
            "bend": list(_bends(partnerships, shown.longitude)),
            "source": [escape(text) for text in partnerships.source_text],
            "year": [None if pd.isna(year) else int(year) for year in years(partnerships)],
            "kind": [escape(kinds.get(kind, kind)) for kind in partnerships.agreement_kind],
            "pages": [
                [[escape(url), escape(_host(url))] for url in urls.split(URL_SEPARATOR) if url]
                for urls in partnerships.source_urls
            ],
        },
        "selected": position.get(selected),
    }


def _host(url: str) -> str:
    """The site a page is on, as a link's text: "maghress.com" for its long address."""
    host = urlsplit(url).netloc
    return host[4:] if host.startswith("www.") else host


def region_centres(
    partnerships: pd.DataFrame, places: pd.DataFrame, side: str, division: str
) -> pd.DataFrame:
    """The mean point of each region's places on one side, keyed by region group."""
    located = places.drop_duplicates("place_id").set_index("place_id")
    ids = partnerships[f"{side}_place_id"]
    frame = located.loc[ids, ["latitude", "longitude"]].reset_index(drop=True)
    frame["region"] = partnerships[f"{side}_region_{division}"].map(region_group).to_list()
    return frame.dropna().groupby("region")[["latitude", "longitude"]].mean()


def flows_geojson(
    partnerships: pd.DataFrame, places: pd.DataFrame, labels: Labels, division: str = "current"
) -> tuple[JSONObject, JSONObject]:
    """One arc per pair of regions that have pairings, its width growing with their number;
    and one circle per region, its area growing with its pairings.
    """
    centres = {
        side: region_centres(partnerships, places, side, division) for side in ("morocco", "france")
    }
    pairs = pd.DataFrame(
        {
            "morocco": partnerships[f"morocco_region_{division}"].map(region_group),
            "france": partnerships[f"france_region_{division}"].map(region_group),
        }
    )
    counts = pairs.value_counts().sort_index()
    features: list[JSONObject] = []
    points: dict[tuple[str, str], tuple[tuple[float, ...], int]] = {}
    # Keyed by the two columns' region groups (pandas types a key as any key).
    for (morocco, france), count in cast(Iterable[tuple[tuple[str, str], int]], counts.items()):
        if morocco not in centres["morocco"].index or france not in centres["france"].index:
            continue
        start = tuple(centres["morocco"].loc[morocco])
        end = tuple(centres["france"].loc[france])
        title = f"{morocco} – {france}: {counted('pairings_count', count, labels)}"
        features.append(
            {
                "type": "Feature",
                "id": f"flow-{len(features)}",
                "properties": {
                    "flow": int(count),
                    "style": "flow",
                    "weight": round(1.5 + 1.2 * math.sqrt(count), 1),
                    "bend": 0.15,
                    "group": escape(morocco),  # the step-through's order
                    "tooltip": escape(title),
                    "popup": f"<b>{escape(title)}</b>",
                },
                "geometry": {
                    "type": "LineString",
                    "coordinates": [_point(start[1], start[0]), _point(end[1], end[0])],
                },
            }
        )
        for side, region, point in (("MA", morocco, start), ("FR", france, end)):
            total = points.get((side, region), (point, 0))[1] + int(count)
            points[(side, region)] = (point, total)
    # The largest region's circle stays small enough to leave its flows in sight.
    largest = max((total for _, total in points.values()), default=1)
    circles: list[JSONObject] = [
        {
            "type": "Feature",
            "id": f"region-{index}",
            "properties": {
                "region": region,
                "country": country,
                "style": country,
                "radius": round(5 + 15 * math.sqrt(total / largest), 1),
                "selected": False,
                "tooltip": escape(f"{region}: {counted('pairings_count', total, labels)}"),
                "popup": f"<b>{escape(region)}</b>",
            },
            "geometry": {"type": "Point", "coordinates": _point(point[1], point[0])},
        }
        for index, ((country, region), (point, total)) in enumerate(sorted(points.items()))
    ]
    return _collection(features), _collection(circles)


def layers(
    partnerships: pd.DataFrame,
    places: pd.DataFrame,
    labels: Labels,
    selected: str | None = None,
    division: str = "current",
    limit: int | None = None,
) -> dict[str, JSONObject]:
    """What the map draws of a selection: {"pairings": a `pairings_table`}, or, above `limit`
    (AGGREGATE_ABOVE by default) pairings, {"flows": ..., "regions": ...} (GeoJSON).
    """
    if len(partnerships) > (AGGREGATE_ABOVE if limit is None else limit):
        flows, regions = flows_geojson(partnerships, places, labels, division)
        return {"flows": flows, "regions": regions}
    return {"pairings": pairings_table(partnerships, places, labels, selected)}


def feature_group(
    *collections: JSONObject, name: str, present: bool = False
) -> folium.FeatureGroup:
    """The FeatureGroup streamlit-folium swaps in place: GeoJSON collections drawn in order
    (flows under regions). An empty collection is a valid, empty layer.
    """
    group = folium.FeatureGroup(name=name)
    config = {"styles": styles(present)}
    for collection in collections:
        Script("features", config, collection).add_to(group)
    return group


def pairings_layer(
    drawing: Drawing,
    name: str = "pairings",
    present: bool = False,
    search: str = "",
    resets: int = 0,
    every: bool = False,
) -> folium.FeatureGroup:
    """The layer group of what `layers` returned: lines under places, or flows under regions.

    The map frames the pairings (or the selected place and its partners) whenever they change,
    or `resets` (how many times the filters were reset) does; not on its first draw when it
    opens on a view the page's address holds (static/map/share.js). With `every` pairing shown,
    the frame holds both countries whole (FRAME), not only their places. On a phone, a new
    `search` closes the sidebar.
    """
    if "flows" in drawing:
        return feature_group(drawing["flows"], drawing["regions"], name=name, present=present)
    group = folium.FeatureGroup(name=name)
    config: dict[str, object] = {"styles": styles(present), "search": search, "resets": resets}
    config["countries"] = FRAME if every else None
    Script("pairings", config, drawing["pairings"]).add_to(group)
    return group


def requests_geojson(requests: pd.DataFrame, places: pd.DataFrame, labels: Labels) -> JSONObject:
    """One circle per territory of the expertise requests; its area grows with the requests."""
    located = places.dropna(subset=["latitude", "longitude"]).set_index("place_id")
    largest = max(requests.requests.max(), 1) if len(requests) else 1
    features: list[JSONObject] = []
    for row in cast(Iterable[_RequestsRow], requests.itertuples(index=False)):
        if row.place_id not in located.index:
            continue
        place = cast("pd.Series[float]", located.loc[row.place_id])  # one row per place
        title = f"{row.territory}: {counted('requests_count', row.requests, labels)}"
        features.append(
            {
                "type": "Feature",
                "id": f"requests-{row.place_id}",
                "properties": {
                    "style": "requests",
                    "radius": round(8 + 32 * math.sqrt(row.requests / largest), 1),
                    "tooltip": escape(title),
                    "popup": f"<b>{escape(row.territory)}</b><br>{escape(row.source_text)}",
                },
                "geometry": {
                    "type": "Point",
                    "coordinates": _point(place.longitude, place.latitude),
                },
            }
        )
    return _collection(features)


def requests_layer(circles: JSONObject, name: str = "requests") -> folium.FeatureGroup:
    """Proportional circles, on the same offline base map as the pairings."""
    return feature_group(circles, name=name)
