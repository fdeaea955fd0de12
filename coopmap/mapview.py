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

from .palette import PALETTES, dark_for_light
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

LEVELS = ("town", "territory")  # of a pairing: between towns, or between territories
# The map is built in the light colours; in the dark theme, the map itself swaps each for its
# dark counterpart (see _Look), so that a change of theme needs no rerun and no new map.
LIGHT, DARK = PALETTES["light"], PALETTES["dark"]
FRAME = [[21.0, -17.5], [51.5, 8.5]]  # Dakhla to Lille: both countries as the source shows them
ARC_POINTS = 24


def offline_map(**options):
    """A folium.Map whose Leaflet and jQuery come from this server, never from a CDN."""
    fmap = folium.Map(tiles=None, prefer_canvas=True, control_scale=True, **options)
    fmap.default_js = OFFLINE_JS
    fmap.default_css = OFFLINE_CSS
    return fmap


class _Legend(MacroElement):
    """The legend, fixed in a corner of the map; its text is escaped by the caller.

    Each swatch carries its light and dark colour; the stylesheet shows the theme's.
    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="coopmap-legend" role="note" aria-label="{{ this.title }}">
          <strong>{{ this.title }}</strong>
          {% for light, dark, label in this.lines %}
          <div><span class="coopmap-swatch-line" style="--light:{{ light }};--dark:{{ dark }}">
            </span>{{- label }}</div>
          {% endfor %}
          {% for light, dark, label in this.points %}
          <div><span class="coopmap-swatch-point" style="--light:{{ light }};--dark:{{ dark }}">
            </span>{{- label }}</div>
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


class _Outlines(folium.GeoJson):
    """The offline outlines, whose bounds are taken to be the frame of the two countries.

    streamlit-folium asks the map for its bounds on every run, and folium would find them by
    walking every vertex of the outlines (0.1 s a run, for a value nobody reads).
    """

    def _get_self_bounds(self):
        return FRAME


def level_colour(level, colours=LIGHT):
    return colours.town if level == "town" else colours.territory


def country_colour(country, colours=LIGHT):
    return colours.morocco if country == "MA" else colours.france


def pairings_legend(labels):
    """The legend of the pairings map: lines by level, places by country, circle size."""
    return _Legend(
        escape(labels["legend_title"]),
        [
            (level_colour(level), level_colour(level, DARK), escape(labels[f"level_{level}"]))
            for level in LEVELS
        ],
        [
            (country_colour(c), country_colour(c, DARK), escape(labels[f"country_{c}"]))
            for c in ("MA", "FR")
        ],
        escape(labels["legend_size"]),
    )


def requests_legend(labels):
    title = escape(labels["legend_requests"])
    swatch = (LIGHT.requests, DARK.requests, title)
    return _Legend(title, [], [swatch], escape(labels["legend_requests_size"]))


class _Look(MacroElement):
    """The map follows the app's theme, light or dark, as it is and as it changes.

    The map runs in an iframe of the app's origin: it reads the theme Streamlit gives the page
    (the CSS `color-scheme` of the app) and, in dark, swaps every light colour of its layers,
    outlines, sea and tiles for its dark counterpart; a filter's new layers are swapped as they
    arrive. Switching the theme in the app's menu reruns nothing, so the map watches for it.
    Outside the app (an exported file) the map stays light. It also marks presentation mode.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
          var map = {{ this._parent.get_name() }};
          var swap = {{ this.swap | tojson }}, sea = {{ this.sea | tojson }};
          var tiles = {{ this.tiles.get_name() if this.tiles else "null" }};
          var tileSources = {{ this.tile_sources | tojson }};
          var dark = null;
          // On the body: the legend and caption are beside the map's container, not in it.
          {% if this.present %}document.body.classList.add("coopmap-present");{% endif %}

          function appIsDark() {
            try {
              var app = window.parent.document.querySelector("[data-testid='stApp']");
              return window.parent !== window && app !== null &&
                window.parent.getComputedStyle(app).colorScheme === "dark";
            } catch (error) { return false; }
          }
          function recolour(layer) {
            if (!layer.setStyle || layer.eachLayer) return;  // a path, not a group of them
            if (!layer.coopmapLight) {
              layer.coopmapLight = {color: layer.options.color, fillColor: layer.options.fillColor};
            }
            var light = layer.coopmapLight;
            layer.setStyle(!dark ? light : {
              color: swap[(light.color || "").toLowerCase()] || light.color,
              fillColor: swap[(light.fillColor || "").toLowerCase()] || light.fillColor
            });
          }
          function follow() {
            var now = appIsDark();
            if (now === dark) return;
            dark = now;
            document.body.classList.toggle("coopmap-dark", dark);
            map.getContainer().style.background = dark ? sea.dark : sea.light;
            map.eachLayer(recolour);
            if (tiles) {
              var shown = map.hasLayer(tiles), source = tileSources[dark ? "dark" : "light"];
              if (shown) map.removeLayer(tiles);
              tiles.options.attribution = source[1];
              tiles.setUrl(source[0], true);
              if (shown) map.addLayer(tiles);
            }
          }
          map.on("layeradd", function(event) { if (dark) recolour(event.layer); });
          follow();
          var watch = setInterval(follow, 500);
          window.addEventListener("pagehide", function() { clearInterval(watch); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, present, tiles, tile_sources):
        super().__init__()
        self._name = "Look"
        self.present, self.tiles, self.tile_sources = present, tiles, tile_sources
        self.swap = dark_for_light()
        self.sea = {"light": LIGHT.sea, "dark": DARK.sea}


class _Frame(MacroElement):
    """Open on both countries, as the source shows them, with no animation.

    folium's fit_bounds animates the zoom from the world view, and the end of that animation
    would undo a view set just after it (a link's `view`).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.fitBounds({{ this.frame | tojson }}, {animate: false});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Frame"
        self.frame = FRAME


class _Share(MacroElement):
    """The map's view in the page's address, and a button that copies that address.

    The map runs in an iframe of the app's own origin: it writes `view=lat,lon,zoom` into the
    app's URL as the map moves (no rerun: Streamlit is not told), so the address bar, and the
    copied link, reopen this view; the app reads `view` when the page starts.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
          var map = {{ this._parent.get_name() }};
          var labels = {{ this.labels | tojson }};
          function link() {
            var url = new URL(window.parent.location.href), centre = map.getCenter();
            url.searchParams.set("view", [centre.lat.toFixed(4), centre.lng.toFixed(4),
                                          map.getZoom()].join(","));
            return url.toString();
          }
          map.on("moveend", function() {
            try {
              window.parent.history.replaceState(window.parent.history.state, "", link());
            } catch (error) {}  // not embedded in the app (a test page): nothing to write
          });
          var Share = L.Control.extend({
            options: {position: "topright"},
            onAdd: function() {
              var box = L.DomUtil.create("div", "leaflet-bar coopmap-share");
              var button = L.DomUtil.create("button", "coopmap-share-button", box);
              button.type = "button";
              button.textContent = labels.copy_link;
              button.title = labels.copy_link_help;
              var field = L.DomUtil.create("input", "coopmap-share-field", box);
              field.readOnly = true;
              field.hidden = true;
              field.setAttribute("aria-label", labels.copy_link);
              L.DomEvent.disableClickPropagation(box);
              L.DomEvent.on(button, "click", function() {
                var text = link();
                function copied() {
                  button.textContent = labels.link_copied;
                  setTimeout(function() { button.textContent = labels.copy_link; }, 2500);
                }
                function shown() {  // no clipboard (not a secure origin): select it to copy
                  field.hidden = false;
                  field.value = text;
                  field.select();
                }
                if (navigator.clipboard) navigator.clipboard.writeText(text).then(copied, shown);
                else shown();
              });
              return box;
            }
          });
          new Share().addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, labels):
        super().__init__()
        self._name = "Share"
        self.labels = labels


class _StepThrough(MacroElement):
    """Presentation mode: step through the lines on the map, flying to each, with a caption.

    Keys: → or Page Down next, ← or Page Up previous, ↓ / ↑ the first line of the next or
    previous region, Home and End, Escape back to the whole map. They work with the focus on
    the page or in the map (the iframe has the app's origin and listens on both); the buttons
    are real buttons, reachable with Tab. The steps are the lines the map shows, in the order
    of their Moroccan region, so a filter change gives new steps without a new map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
          var map = {{ this._parent.get_name() }};
          var labels = {{ this.labels | tojson }};
          var panel = L.DomUtil.create("div", "coopmap-steps", map.getContainer());
          panel.setAttribute("role", "group");
          panel.setAttribute("aria-label", labels.steps_label);
          var previous = L.DomUtil.create("button", "coopmap-step-previous", panel);
          var caption = L.DomUtil.create("div", "coopmap-step-caption", panel);
          var next = L.DomUtil.create("button", "coopmap-step-next", panel);
          previous.type = next.type = "button";
          previous.textContent = "‹";
          next.textContent = "›";
          previous.setAttribute("aria-label", labels.step_previous);
          next.setAttribute("aria-label", labels.step_next);
          previous.title = labels.step_previous;
          next.title = labels.step_next;
          caption.setAttribute("aria-live", "polite");
          caption.textContent = labels.step_hint;
          L.DomEvent.disableClickPropagation(panel);
          L.DomEvent.disableScrollPropagation(panel);
          var index = -1, current = null;

          function steps() {
            var found = [];
            map.eachLayer(function(layer) {
              if (layer.feature && layer.feature.geometry.type === "LineString") found.push(layer);
            });
            return found.map(function(layer, order) { return [layer, order]; }).sort(
              function(a, b) {
                var ra = a[0].feature.properties.group || "";
                var rb = b[0].feature.properties.group || "";
                return ra.localeCompare(rb) || a[1] - b[1];
              }).map(function(pair) { return pair[0]; });
          }
          function highlight(all, chosen) {
            all.forEach(function(layer) {
              if (!layer.coopmapStyle) {
                layer.coopmapStyle = {opacity: layer.options.opacity, weight: layer.options.weight};
              }
              var style = layer.coopmapStyle;
              layer.setStyle(chosen === null ? style : {
                opacity: layer === chosen ? 1 : 0.15,
                weight: layer === chosen ? style.weight * 1.6 : style.weight
              });
            });
            if (chosen) chosen.bringToFront();
          }
          function show(position) {
            var all = steps();
            if (!all.length) { caption.textContent = labels.step_none; return; }
            index = (position + all.length) % all.length;
            current = all[index];
            var properties = current.feature.properties;
            highlight(all, current);
            caption.innerHTML = "<span class='coopmap-step-count'>" + (index + 1) + " / " +
              all.length + "</span> <strong>" + properties.tooltip + "</strong>" +
              (properties.regions ? "<br><span>" + properties.regions + "</span>" : "");
            panel.dataset.step = index + 1;
            panel.dataset.steps = all.length;
            panel.dataset.feature = current.feature.id;
            map.flyToBounds(current.getBounds(), {  // clear of the new caption, at the bottom
              paddingTopLeft: [80, 80], paddingBottomRight: [80, 80 + panel.offsetHeight],
              maxZoom: 9, duration: 1.2
            });
          }
          function region(step) {  // the first line of the next (+1) or previous (-1) region
            var all = steps();
            if (!all.length) return show(0);
            var here = index < 0 ? null : (all[index].feature.properties.group || "");
            var at = index < 0 ? (step > 0 ? -1 : 0) : index;
            for (var moved = 1; moved <= all.length; moved++) {
              var candidate = (at + step * moved + all.length) % all.length;
              var name = all[candidate].feature.properties.group || "";
              if (name !== here) {
                while (step < 0 && candidate > 0 &&
                       (all[candidate - 1].feature.properties.group || "") === name) candidate--;
                return show(candidate);
              }
            }
          }
          function overview() {
            index = -1;
            highlight(steps(), null);
            map.flyToBounds({{ this.frame | tojson }}, {duration: 1.2});
            caption.textContent = labels.step_hint;
            panel.dataset.step = 0;
            delete panel.dataset.feature;
          }
          L.DomEvent.on(previous, "click", function() { show(index - 1); });
          L.DomEvent.on(next, "click", function() { show(index + 1); });
          function onKey(event) {
            if (event.altKey || event.ctrlKey || event.metaKey) return;  // the browser's keys
            var target = event.target, tag = (target.tagName || "").toLowerCase();
            if (tag === "input" || tag === "textarea" || tag === "select" ||
                target.isContentEditable) return;
            if (tag === "button" && (event.key === " " || event.key === "Enter")) return;
            function forward() { show(index + 1); }
            function back() { show(index - 1); }
            var actions = {
              ArrowRight: forward, PageDown: forward, ArrowLeft: back, PageUp: back,
              ArrowDown: function() { region(1); }, ArrowUp: function() { region(-1); },
              Home: function() { show(0); }, End: function() { show(-1); }, Escape: overview
            };
            if (!actions[event.key]) return;
            event.preventDefault();
            actions[event.key]();
          }
          document.addEventListener("keydown", onKey);
          try {
            var host = window.parent.document;
            host.addEventListener("keydown", onKey);
            window.addEventListener("pagehide", function() {
              host.removeEventListener("keydown", onKey);
            });
          } catch (error) {}  // not embedded in the app
        })();
        {% endmacro %}
        """
    )

    def __init__(self, labels):
        super().__init__()
        self._name = "StepThrough"
        self.labels = labels
        self.frame = FRAME


def parse_view(text):
    """(latitude, longitude, zoom) from a link's `view=lat,lon,zoom`; None if it is not one."""
    parts = (text or "").split(",")
    try:
        latitude, longitude, zoom = float(parts[0]), float(parts[1]), int(parts[2])
    except (ValueError, IndexError):
        return None
    if len(parts) != 3 or not (-85 <= latitude <= 85 and -180 <= longitude <= 180):
        return None
    return (latitude, longitude, zoom) if 1 <= zoom <= 18 else None


SHARE_LABELS = ("copy_link", "copy_link_help", "link_copied")
STEP_LABELS = ("steps_label", "step_previous", "step_next", "step_hint", "step_none")


def base_map(
    basemap,
    labels,
    mode="auto",
    tiles_url=None,
    tiles_attribution=None,
    *,
    dark_tiles=None,
    present=False,
    share=False,
):
    """The map that does not change with the filters: the basemap layers and its controls.

    `basemap` is the offline outlines GeoJSON; `labels` the translated texts; `mode` is "auto"
    (tiles, falling back to outlines), "tiles" or "offline"; `dark_tiles` the (URL,
    attribution) of the tiles for the dark theme. `share` keeps the view in the page's address
    and adds a copy-link button; `present` is the presentation mode: large type, the
    step-through.
    """
    fmap = offline_map()
    _Frame().add_to(fmap)
    outlines = folium.FeatureGroup(
        name=escape(labels["offline_basemap"]), overlay=False, show=mode == "offline"
    )
    _Outlines(
        basemap,
        style_function=lambda _: {
            "fillColor": LIGHT.land,
            "fillOpacity": 1,
            "color": LIGHT.border,
            "weight": 0.8,
        },
        interactive=False,
    ).add_to(outlines)
    tiles = None
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
    sources = {"light": (tiles_url, tiles_attribution)}
    sources["dark"] = dark_tiles or sources["light"]
    _Look(present, tiles, sources).add_to(fmap)
    if share:
        _Share({key: labels[key] for key in SHARE_LABELS}).add_to(fmap)
    if present:
        _StepThrough({key: labels[key] for key in STEP_LABELS}).add_to(fmap)
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
        regions = [place.region_current.replace("|", ", ") for place in (morocco, france)]
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
                    # For the presentation's step-through: its caption, and its order (not
                    # "region", which marks the clickable circles of regions).
                    "regions": escape(" – ".join(regions)),
                    "group": escape(regions[0]),
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


def _line_style(present):
    scale = 2 if present else 1  # thick lines for a projector

    def style(feature):
        properties = feature["properties"]
        return {
            "color": level_colour(properties["level"]),
            "weight": (5 if properties["state"] == "selected" else 2.5) * scale,
            "opacity": 0.2 if properties["state"] == "faded" else 0.85,
        }

    return style


def _flow_style(present):
    scale = 1.5 if present else 1

    def style(feature):
        return {
            "color": LIGHT.flow,
            "weight": feature["properties"]["weight"] * scale,
            "opacity": 0.6,
        }

    return style


def _point_style(present):
    scale = 1.5 if present else 1

    def style(feature):
        properties = feature["properties"]
        selected = properties["selected"]
        outline = country_colour(properties["country"])
        return {
            "radius": properties["radius"] * scale,
            "color": LIGHT.selected if selected else outline,
            "weight": (3 if selected else 1.5) * scale,
            "fill": True,  # folium's CircleMarker defaults to no fill
            "fillColor": LIGHT.place_fill,
            "fillOpacity": 0.9,
        }

    return style


def pairings_layer(lines, points, name="pairings", aggregated=False, present=False):
    """The FeatureGroup that changes with the filters: lines (or flows) under places."""
    group = folium.FeatureGroup(name=name)
    folium.GeoJson(
        lines,
        name="lines",
        style_function=(_flow_style if aggregated else _line_style)(present),
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False),
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False),
    ).add_to(group)
    folium.GeoJson(
        points,
        name="places",
        marker=folium.CircleMarker(),
        style_function=_point_style(present),
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
            "color": LIGHT.requests,
            "weight": 2,
            "fill": True,
            "fillColor": LIGHT.requests,
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
                    "group": escape(morocco),  # the step-through's order
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
