"""Build the folium map: a fixed base map, and the pairings as two GeoJSON layers.

The base map (basemap, legend, assets) does not depend on the filters, so streamlit-folium
keeps it mounted and the view stays where the user left it; the pairings are a separate
FeatureGroup that it swaps in place (`feature_group_to_add`). Lines and places are one
GeoJSON FeatureCollection each, drawn on a canvas: one folium object per line is an order of
magnitude slower to prepare and to send.

Every string that comes from the data goes through `text.escape` before it is put in a
feature: folium's GeoJsonTooltip and GeoJsonPopup write property values with innerHTML.
"""

import math
from pathlib import Path

import folium
import pandas as pd
from branca.element import MacroElement, Template

from .summary import region_group
from .text import escape

STATIC_URL = "/app/static"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
# Where Streamlit serves ./static (server.enableStaticServing): no asset from a CDN.
OFFLINE_JS = [
    ("leaflet", f"{STATIC_URL}/vendor/leaflet/leaflet.js"),
    # folium's Popup builds its content with jQuery; without it the whole map stays blank.
    ("jquery", f"{STATIC_URL}/vendor/jquery/jquery.min.js"),
]
OFFLINE_CSS = [
    ("leaflet_css", f"{STATIC_URL}/vendor/leaflet/leaflet.css"),
    ("coopmap_css", f"{STATIC_URL}/coopmap.css"),
]

# Okabe-Ito colours: told apart with the common colour-vision deficiencies.
LEVEL_COLOURS = {"town": "#0072B2", "territory": "#D55E00"}
COUNTRY_COLOURS = {"MA": "#009E73", "FR": "#6A3D9A"}
REQUESTS_COLOUR = "#CC79A7"
FRAME = [[21.0, -17.5], [51.5, 8.5]]  # Dakhla to Lille: both countries as the source shows them
ARC_POINTS = 24


def offline_map(**options):
    """A folium.Map whose Leaflet and jQuery come from this server, never from a CDN."""
    fmap = folium.Map(tiles=None, prefer_canvas=True, control_scale=True, **options)
    fmap.default_js = OFFLINE_JS
    fmap.default_css = OFFLINE_CSS
    return fmap


class _Legend(MacroElement):
    """The legend, fixed in a corner of the map; its text is escaped by the caller."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="coopmap-legend" role="note" aria-label="{{ this.title }}">
          <strong>{{ this.title }}</strong>
          {% for colour, label in this.lines %}
          <div><span class="coopmap-swatch-line" style="background:{{ colour }}"></span>
            {{- label }}</div>
          {% endfor %}
          {% for colour, label in this.points %}
          <div><span class="coopmap-swatch-point" style="border-color:{{ colour }}"></span>
            {{- label }}</div>
          {% endfor %}
          <div class="coopmap-legend-note">{{ this.note }}</div>
        </div>
        {% endmacro %}
        """
    )

    def __init__(self, title, lines, points, note):
        super().__init__()
        self._name = "Legend"
        self.title, self.lines, self.points, self.note = title, lines, points, note


class _TileFallback(MacroElement):
    """Switch to the offline outlines when the online tiles fail to load.

    A few failed tiles are enough: in a room with no internet every tile fails at once.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
          var failures = 0;
          {{ this.tiles.get_name() }}.on('tileerror', function() {
            failures += 1;
            var map = {{ this._parent.get_name() }};
            if (failures >= 3 && map.hasLayer({{ this.tiles.get_name() }})) {
              map.removeLayer({{ this.tiles.get_name() }});
              map.addLayer({{ this.outlines.get_name() }});
            }
          });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, tiles, outlines):
        super().__init__()
        self._name = "TileFallback"
        self.tiles, self.outlines = tiles, outlines


def pairings_legend(labels):
    """The legend of the pairings map: lines by level, places by country, circle size."""
    return _Legend(
        escape(labels["legend_title"]),
        [(LEVEL_COLOURS[level], escape(labels[f"level_{level}"])) for level in LEVEL_COLOURS],
        [(COUNTRY_COLOURS[c], escape(labels[f"country_{c}"])) for c in COUNTRY_COLOURS],
        escape(labels["legend_size"]),
    )


def requests_legend(labels):
    title = escape(labels["legend_requests"])
    return _Legend(title, [], [(REQUESTS_COLOUR, title)], escape(labels["legend_requests_size"]))


def base_map(basemap, labels, mode="auto", tiles_url=None, tiles_attribution=None):
    """The map that does not change with the filters: the basemap layers.

    `basemap` is the offline outlines GeoJSON; `labels` the legend's translated texts;
    `mode` is "auto" (tiles, falling back to outlines), "tiles" or "offline".
    """
    fmap = offline_map()
    fmap.fit_bounds(FRAME)
    outlines = folium.FeatureGroup(
        name=escape(labels["offline_basemap"]), overlay=False, show=mode == "offline"
    )
    folium.GeoJson(
        basemap,
        style_function=lambda _: {
            "fillColor": "#f3efe6",
            "fillOpacity": 1,
            "color": "#8c8c8c",
            "weight": 0.8,
        },
        interactive=False,
    ).add_to(outlines)
    if mode != "tiles":
        outlines.add_to(fmap)
    if mode != "offline":
        tiles = folium.TileLayer(
            tiles_url, attr=tiles_attribution, name=escape(labels["online_basemap"])
        )
        tiles.add_to(fmap)
    if mode == "auto":
        folium.LayerControl(collapsed=True).add_to(fmap)
        _TileFallback(tiles, outlines).add_to(fmap)
    return fmap


def arc(start, end, bend):
    """Points of a gentle quadratic curve from `start` to `end`, as [lon, lat] pairs.

    The control point sits off the midpoint, perpendicular to the chord, by `bend` times its
    length, so that several links leaving one place fan out instead of overlapping.
    """
    (lat1, lon1), (lat2, lon2) = start, end
    mid_lat, mid_lon = (lat1 + lat2) / 2, (lon1 + lon2) / 2
    d_lat, d_lon = lat2 - lat1, lon2 - lon1
    control = (mid_lat - d_lon * bend, mid_lon + d_lat * bend)
    points = []
    for i in range(ARC_POINTS + 1):
        t = i / ARC_POINTS
        lat = (1 - t) ** 2 * lat1 + 2 * (1 - t) * t * control[0] + t**2 * lat2
        lon = (1 - t) ** 2 * lon1 + 2 * (1 - t) * t * control[1] + t**2 * lon2
        points.append([round(lon, 5), round(lat, 5)])
    return points


def _bends(partnerships, places):
    """A bend per pairing: the links of one Moroccan place fan out in order of longitude."""
    longitude = places.set_index("place_id").longitude
    bends = {}
    for _, links in partnerships.groupby("morocco_place_id", sort=False):
        ordered = links.assign(lon=links.france_place_id.map(longitude)).sort_values("lon")
        for rank, pairing in enumerate(ordered.pairing_id):
            bends[pairing] = 0.12 + 0.07 * rank
    return bends


def place_label(place, labels):
    return (
        f"{place['name']} ({labels['types'].get(place['authority_type'], place['authority_type'])})"
    )


def lines_geojson(partnerships, places, labels, selected=None):
    """One LineString feature per drawable pairing, with escaped tooltip and popup."""
    located = places.dropna(subset=["latitude", "longitude"]).set_index("place_id")
    bends = _bends(partnerships, places)
    features = []
    for row in partnerships.itertuples(index=False):
        if row.morocco_place_id not in located.index or row.france_place_id not in located.index:
            continue
        morocco, france = located.loc[row.morocco_place_id], located.loc[row.france_place_id]
        start = (morocco.latitude, morocco.longitude)
        end = (france.latitude, france.longitude)
        title = f"{place_label(morocco, labels)} – {place_label(france, labels)}"
        popup = (
            f"<b>{escape(morocco['name'])}</b> – <b>{escape(france['name'])}</b><br>"
            f"{escape(labels[f'level_{row.level}'])}<br>"
            f"<small>{escape(labels['source'])}: {escape(row.source_text)}</small>"
        )
        highlighted = selected in (row.morocco_place_id, row.france_place_id)
        features.append(
            {
                "type": "Feature",
                "id": f"pairing-{row.pairing_id}",
                "properties": {
                    "pairing_id": str(row.pairing_id),
                    "level": row.level,
                    "state": "selected" if highlighted else ("faded" if selected else "normal"),
                    "tooltip": escape(title),
                    "popup": popup,
                },
                "geometry": {
                    "type": "LineString",
                    "coordinates": arc(start, end, bends[row.pairing_id]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def points_geojson(places, partnerships, labels, selected=None):
    """One Point feature per placed place, sized by its number of partners."""
    names = places.set_index("place_id")["name"]
    partners = {}
    for row in partnerships.itertuples(index=False):
        partners.setdefault(row.morocco_place_id, []).append(names[row.france_place_id])
        partners.setdefault(row.france_place_id, []).append(names[row.morocco_place_id])
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
        features.append(
            {
                "type": "Feature",
                "id": f"place-{key}",
                "properties": {
                    "place": int(key),
                    "country": place.country,
                    "radius": round(4 + 3 * math.sqrt(len(listed)), 1),
                    "selected": place.place_id == selected,
                    "tooltip": escape(
                        f"{place_label(place, labels)} – {len(listed)} {labels['partners_short']}"
                    ),
                    "popup": popup,
                },
                "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _line_style(feature):
    properties = feature["properties"]
    return {
        "color": LEVEL_COLOURS[properties["level"]],
        "weight": 5 if properties["state"] == "selected" else 2.5,
        "opacity": 0.2 if properties["state"] == "faded" else 0.85,
    }


def _point_style(feature):
    properties = feature["properties"]
    return {
        "radius": properties["radius"],
        "color": "#111111" if properties["selected"] else COUNTRY_COLOURS[properties["country"]],
        "weight": 3 if properties["selected"] else 1.5,
        "fill": True,  # folium's CircleMarker defaults to no fill
        "fillColor": "#ffffff",
        "fillOpacity": 0.9,
    }


def pairings_layer(lines, points, name="pairings", aggregated=False):
    """The FeatureGroup that changes with the filters: lines (or flows) under places."""
    group = folium.FeatureGroup(name=name)
    folium.GeoJson(
        lines,
        name="lines",
        style_function=_flow_style if aggregated else _line_style,
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False),
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False),
    ).add_to(group)
    folium.GeoJson(
        points,
        name="places",
        marker=folium.CircleMarker(),
        style_function=_point_style,
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False),
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False),
    ).add_to(group)
    return group


def requests_geojson(requests, places, labels):
    """One circle per territory of the expertise requests; its area grows with the requests."""
    located = places.dropna(subset=["latitude", "longitude"]).set_index("place_id")
    largest = max(requests.requests.max(), 1)
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
                    "radius": round(8 + 32 * math.sqrt(row.requests / largest), 1),
                    "tooltip": escape(title),
                    "popup": f"<b>{escape(row.territory)}</b><br>{escape(row.source_text)}",
                },
                "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def requests_layer(circles, name="requests"):
    """Proportional circles, on the same offline base map as the pairings."""
    group = folium.FeatureGroup(name=name)
    folium.GeoJson(
        circles,
        marker=folium.CircleMarker(),
        style_function=lambda feature: {
            "radius": feature["properties"]["radius"],
            "color": REQUESTS_COLOUR,
            "weight": 2,
            "fill": True,
            "fillColor": REQUESTS_COLOUR,
            "fillOpacity": 0.45,
        },
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False),
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False),
    ).add_to(group)
    return group


# Above this many pairings a map of single lines is unreadable and too heavy to send: the map
# draws the flows between regions instead, and says so; a filter brings back single pairings.
AGGREGATE_ABOVE = 1_500


def region_centres(partnerships, places, side, division):
    """The mean point of each region's places on one side, keyed by region group."""
    located = places.set_index("place_id")
    ids = partnerships[f"{side}_place_id"]
    frame = located.loc[ids, ["latitude", "longitude"]].reset_index(drop=True)
    frame["region"] = partnerships[f"{side}_region_{division}"].map(region_group).to_list()
    return frame.dropna().groupby("region")[["latitude", "longitude"]].mean()


def flows_geojson(partnerships, places, labels, division="current"):
    """One arc per pair of regions that have pairings, its width growing with their number."""
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
                    "weight": round(1.5 + 1.2 * math.sqrt(count), 1),
                    "tooltip": escape(title),
                    "popup": f"<b>{escape(title)}</b>",
                },
                "geometry": {"type": "LineString", "coordinates": arc(start, end, 0.15)},
            }
        )
        for side, region, point in (("MA", morocco, start), ("FR", france, end)):
            total = points.get((side, region), (point, 0))[1] + int(count)
            points[(side, region)] = (point, total)
    circles = [
        {
            "type": "Feature",
            "id": f"region-{index}",
            "properties": {
                "region": region,
                "country": country,
                "radius": round(5 + 2 * math.sqrt(total), 1),
                "selected": False,
                "tooltip": escape(f"{region}: {total} {labels['pairings_short']}"),
                "popup": f"<b>{escape(region)}</b>",
            },
            "geometry": {"type": "Point", "coordinates": [point[1], point[0]]},
        }
        for index, ((country, region), (point, total)) in enumerate(sorted(points.items()))
    ]
    return (
        {"type": "FeatureCollection", "features": features},
        {"type": "FeatureCollection", "features": circles},
    )


def _flow_style(feature):
    return {"color": "#555555", "weight": feature["properties"]["weight"], "opacity": 0.55}


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


class _Caption(MacroElement):
    """A title and the data's date and source, in a corner of an exported map."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="coopmap-caption" role="note"><strong>{{ this.title }}</strong>
          <div>{{ this.caption }}</div></div>
        {% endmacro %}
        """
    )

    def __init__(self, title, caption):
        super().__init__()
        self._name = "Caption"
        self.title, self.caption = title, caption


def _inline(page, url, tag):
    """Replace the link to a served asset with the asset itself."""
    content = (STATIC_DIR / url.removeprefix(f"{STATIC_URL}/")).read_text(encoding="utf-8")
    if tag == "script":
        return page.replace(f'<script src="{url}"></script>', f"<script>{content}</script>")
    return page.replace(f'<link rel="stylesheet" href="{url}"/>', f"<style>{content}</style>")


def standalone_html(basemap, labels, lines, points, aggregated, title, caption):
    """The map as one HTML file that opens with no server and no internet (a USB stick).

    Leaflet, jQuery, the styles and the offline basemap are inside the file; the legend and a
    caption (title, date and source of the data) are drawn on it.
    """
    fmap = base_map(basemap, labels, "offline")
    pairings_legend(labels).add_to(fmap)
    pairings_layer(lines, points, aggregated=aggregated).add_to(fmap)
    _Caption(escape(title), escape(caption)).add_to(fmap)
    page = fmap.get_root().render()
    for _, url in OFFLINE_JS:
        page = _inline(page, url, "script")
    for _, url in OFFLINE_CSS:
        page = _inline(page, url, "link")
    return page
