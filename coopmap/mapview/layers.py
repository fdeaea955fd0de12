"""The layers that change with the filters, as GeoJSON: pairing lines (or flows between regions
above AGGREGATE_ABOVE pairings), places, expertise requests; and the layer group that carries
them to the map.

Lines hold only their two ends and a `bend`: static/map/layers.js draws the curve. Each feature
names its `style` in a small table sent with it, and carries its own size where it has one
(`radius`, `weight`). Every string that comes from the data goes through `text.escape` before it
is put in a feature: Leaflet writes tooltips and popups as HTML.
"""

import math

import folium
import pandas as pd

from ..summary import region_group
from ..text import escape
from .controls import LEVELS, LIGHT, country_colour, level_colour
from .elements import Script

# Above this many pairings a map of single lines is unreadable and too heavy to send: the map
# draws the flows between regions instead, and says so; a filter brings back single pairings.
AGGREGATE_ABOVE = 1_500
STATES = ("normal", "selected", "faded")  # of a line, as a place is selected
DECIMALS = 4  # about 10 m: more than the map can show


def styles(present=False):
    """Leaflet's path options for each `style` a feature can name; `scale` enlarges the sizes
    of the features that carry their own (lines and circles for a projector).
    """
    scale = 2 if present else 1
    table = {
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
            "weight": 1.5 * circle["scale"],
        }
        table[f"{country}-selected"] = circle | {
            "color": LIGHT.selected,
            "weight": 3 * circle["scale"],
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


def place_label(place, labels):
    return (
        f"{place['name']} ({labels['types'].get(place['authority_type'], place['authority_type'])})"
    )


def _point(longitude, latitude):
    return [round(float(longitude), DECIMALS), round(float(latitude), DECIMALS)]


def _collection(features):
    return {"type": "FeatureCollection", "features": features}


def _bends(partnerships, places):
    """A bend per pairing: the links of one Moroccan place fan out in order of longitude."""
    longitude = places.set_index("place_id").longitude
    bends = {}
    for _, links in partnerships.groupby("morocco_place_id", sort=False):
        ordered = links.assign(lon=links.france_place_id.map(longitude)).sort_values("lon")
        for rank, pairing in enumerate(ordered.pairing_id):
            bends[pairing] = round(0.12 + 0.07 * rank, 2)
    return bends


def lines_geojson(partnerships, places, labels, selected=None):
    """One LineString feature per drawable pairing (its two ends and its bend)."""
    located = places.dropna(subset=["latitude", "longitude"]).drop_duplicates("place_id")
    located = located.set_index("place_id")
    drawable = partnerships[
        partnerships.morocco_place_id.isin(located.index)
        & partnerships.france_place_id.isin(located.index)
    ]
    bends = _bends(partnerships, places)
    morocco = located.loc[drawable.morocco_place_id].reset_index()
    france = located.loc[drawable.france_place_id].reset_index()
    features = []
    for row, m, f in zip(
        drawable.itertuples(index=False),
        morocco.itertuples(index=False),
        france.itertuples(index=False),
    ):
        highlighted = selected in (row.morocco_place_id, row.france_place_id)
        state = "selected" if highlighted else ("faded" if selected else "normal")
        title = f"{place_label(m._asdict(), labels)} – {place_label(f._asdict(), labels)}"
        regions = [place.region_current.replace("|", ", ") for place in (m, f)]
        features.append(
            {
                "type": "Feature",
                "id": f"pairing-{row.pairing_id}",
                "properties": {
                    "pairing_id": str(row.pairing_id),
                    "level": row.level,
                    "state": state,
                    "style": f"{row.level}-{state}",
                    "bend": bends[row.pairing_id],
                    "tooltip": escape(title),
                    "popup": (
                        f"<b>{escape(m.name)}</b> – <b>{escape(f.name)}</b><br>"
                        f"{escape(labels[f'level_{row.level}'])}<br>"
                        f"<small>{escape(labels['source'])}: {escape(row.source_text)}</small>"
                    ),
                    # For the presentation's step-through: its caption, and its order (not
                    # "region", which marks the clickable circles of regions).
                    "regions": escape(" – ".join(regions)),
                    "group": escape(regions[0]),
                },
                "geometry": {
                    "type": "LineString",
                    "coordinates": [
                        _point(m.longitude, m.latitude),
                        _point(f.longitude, f.latitude),
                    ],
                },
            }
        )
    return _collection(features)


def points_geojson(places, partnerships, labels, selected=None):
    """One Point feature per placed place, sized by its number of partners."""
    names = places.drop_duplicates("place_id").set_index("place_id")["name"]
    partners = {}
    for morocco_id, france_id in zip(partnerships.morocco_place_id, partnerships.france_place_id):
        partners.setdefault(morocco_id, []).append(names.get(france_id, ""))
        partners.setdefault(france_id, []).append(names.get(morocco_id, ""))
    features = []
    for key, place in places.iterrows():
        if math.isnan(place.latitude) or math.isnan(place.longitude):
            continue
        listed = partners.get(place.place_id, [])
        regions = " · ".join(
            r for r in (place.region_current.replace("|", ", "), place.region_2013) if r
        )
        approximate = place.get("precision") == "approximate"
        popup = (
            f"<b>{escape(place_label(place, labels))}</b><br>{escape(regions)}<br>"
            + (f"<i>{escape(labels['approximate'])}</i><br>" if approximate else "")
            + f"{escape(labels['partners'])}: "
            + ", ".join(escape(p) for p in listed)
        )
        chosen = place.place_id == selected
        features.append(
            {
                "type": "Feature",
                "id": f"place-{key}",
                "properties": {
                    "place": int(key),
                    "country": place.country,
                    "style": f"{place.country}-selected" if chosen else place.country,
                    "radius": round(4 + 3 * math.sqrt(len(listed)), 1),
                    "selected": bool(chosen),
                    "tooltip": escape(
                        f"{place_label(place, labels)} – {len(listed)} {labels['partners_short']}"
                    ),
                    "popup": popup,
                },
                "geometry": {
                    "type": "Point",
                    "coordinates": _point(place.longitude, place.latitude),
                },
            }
        )
    return _collection(features)


def region_centres(partnerships, places, side, division):
    """The mean point of each region's places on one side, keyed by region group."""
    located = places.drop_duplicates("place_id").set_index("place_id")
    ids = partnerships[f"{side}_place_id"]
    frame = located.loc[ids, ["latitude", "longitude"]].reset_index(drop=True)
    frame["region"] = partnerships[f"{side}_region_{division}"].map(region_group).to_list()
    return frame.dropna().groupby("region")[["latitude", "longitude"]].mean()


def flows_geojson(partnerships, places, labels, division="current"):
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
    features, points = [], {}
    for (morocco, france), count in counts.items():
        if morocco not in centres["morocco"].index or france not in centres["france"].index:
            continue
        start = tuple(centres["morocco"].loc[morocco])
        end = tuple(centres["france"].loc[france])
        title = f"{morocco} – {france}: {count} {labels['pairings_short']}"
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
    circles = [
        {
            "type": "Feature",
            "id": f"region-{index}",
            "properties": {
                "region": region,
                "country": country,
                "style": country,
                "radius": round(5 + 15 * math.sqrt(total / largest), 1),
                "selected": False,
                "tooltip": escape(f"{region}: {total} {labels['pairings_short']}"),
                "popup": f"<b>{escape(region)}</b>",
            },
            "geometry": {"type": "Point", "coordinates": _point(point[1], point[0])},
        }
        for index, ((country, region), (point, total)) in enumerate(sorted(points.items()))
    ]
    return _collection(features), _collection(circles)


def layers(partnerships, places, labels, selected=None, division="current", limit=None):
    """The pairings as GeoJSON (lines, points), or their flows between regions above `limit`
    (AGGREGATE_ABOVE by default) pairings. Returns (lines, points, aggregated).
    """
    if len(partnerships) > (AGGREGATE_ABOVE if limit is None else limit):
        return (*flows_geojson(partnerships, places, labels, division), True)
    ids = set(partnerships.morocco_place_id) | set(partnerships.france_place_id)
    visible = places[places.place_id.isin(ids)]
    return (
        lines_geojson(partnerships, places, labels, selected),
        points_geojson(visible, partnerships, labels, selected),
        False,
    )


def feature_group(*collections, name, present=False):
    """The FeatureGroup streamlit-folium swaps in place: the collections, drawn in order (lines
    under places). An empty collection is a valid, empty layer.
    """
    group = folium.FeatureGroup(name=name)
    config = {"styles": styles(present)}
    for collection in collections:
        Script("layers", "features", config, collection).add_to(group)
    return group


def pairings_layer(lines, points, name="pairings", present=False):
    """The pairings (or flows) under their places."""
    return feature_group(lines, points, name=name, present=present)


def requests_geojson(requests, places, labels):
    """One circle per territory of the expertise requests; its area grows with the requests."""
    located = places.dropna(subset=["latitude", "longitude"]).set_index("place_id")
    largest = max(requests.requests.max(), 1) if len(requests) else 1
    features = []
    for row in requests.itertuples(index=False):
        if row.place_id not in located.index:
            continue
        place = located.loc[row.place_id]
        title = f"{row.territory}: {row.requests} {labels['requests_short']}"
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


def requests_layer(circles, name="requests"):
    """Proportional circles, on the same offline base map as the pairings."""
    return feature_group(circles, name=name)
