/* The layers that change with the filters: pairing lines and places (sent as compact columns),
 * or flows between regions, and expertise requests (sent as GeoJSON). Configured by
 * coopmap/mapview/layers.py. Lines hold only their two ends and a bend: the curve is drawn
 * here, not sent point by point.
 *
 * Every text in a feature (tooltip, popup) was escaped by the server: Leaflet writes it as HTML.
 */
(function () {
  "use strict";
  var coopmap = (window.coopmap = window.coopmap || {});
  var ARC_POINTS = 24;

  // What a click or a hover on the canvas of these layers takes: of the circles under the
  // pointer, the one whose centre is nearest (the last drawn, a town over its region, when two
  // share a centre); a line only where no circle is. Leaflet takes the last drawn: near Fès,
  // Meknès's circle, drawn after, covers Fès's centre.
  function layerAt(renderer, point) {
    var found = null, best = Infinity;
    for (var order = renderer._drawFirst; order; order = order.next) {
      var layer = order.layer;
      if (!layer.options.interactive || !layer._containsPoint(point)) continue;
      var distance = layer._radius !== undefined ? point.distanceTo(layer._point) : Infinity;
      if (distance <= best) { found = layer; best = distance; }
    }
    return found;
  }

  // The canvas the layers of this script are drawn on: Leaflet 1.9.3's own two handlers of a
  // click and a hover, but for `layerAt`. Only these layers' canvas takes it (one per layer
  // group: see `rendererOf`), not the basemap's nor any other.
  var NearestCanvas = L.Canvas.extend({
    _onClick: function (event) {
      var layer = layerAt(this, this._map.mouseEventToLayerPoint(event));
      var moved = layer && (event.type === "click" || event.type === "preclick") &&
        this._map._draggableMoved(layer);
      this._fireEvent(layer && !moved ? [layer] : false, event);
    },
    _handleMouseHover: function (event, point) {
      if (this._mouseHoverThrottled) return;
      var layer = layerAt(this, point);
      if (layer !== this._hoveredLayer) {
        this._handleMouseOut(event);
        if (layer) {
          L.DomUtil.addClass(this._container, "leaflet-interactive");
          this._fireEvent([layer], event, "mouseover");
          this._hoveredLayer = layer;
        }
      }
      this._fireEvent(this._hoveredLayer ? [this._hoveredLayer] : false, event);
      this._mouseHoverThrottled = true;
      setTimeout(L.Util.bind(function () { this._mouseHoverThrottled = false; }, this), 32);
    }
  });

  // The one canvas of a layer group's paths (flows and regions are two layers of one group):
  // two canvases in a pane would lie one over the other, and only the top one would get the
  // pointer. It goes with its group, which streamlit-folium replaces after each rerun.
  function rendererOf(group) {
    if (!group.coopmapRenderer) {
      var renderer = (group.coopmapRenderer = new NearestCanvas());
      group.on("remove", function () { if (renderer._map) renderer.remove(); });
    }
    return group.coopmapRenderer;
  }

  // Points of a gentle quadratic curve from `start` to `end` ([lon, lat] pairs): the control
  // point sits off the midpoint, perpendicular to the chord, by `bend` times its length, so
  // that several links leaving one place fan out instead of overlapping.
  coopmap.arc = function (start, end, bend) {
    var lon1 = start[0], lat1 = start[1], lon2 = end[0], lat2 = end[1];
    var controlLat = (lat1 + lat2) / 2 - (lon2 - lon1) * bend;
    var controlLon = (lon1 + lon2) / 2 + (lat2 - lat1) * bend;
    var points = [];
    for (var i = 0; i <= ARC_POINTS; i++) {
      var t = i / ARC_POINTS, a = (1 - t) * (1 - t), b = 2 * (1 - t) * t, c = t * t;
      points.push([a * lon1 + b * controlLon + c * lon2, a * lat1 + b * controlLat + c * lat2]);
    }
    return points;
  };

  function curved(collection) {
    collection.features.forEach(function (feature) {
      var bend = feature.properties.bend, coordinates = feature.geometry.coordinates;
      if (bend !== undefined && coordinates.length === 2) {
        feature.geometry.coordinates = coopmap.arc(coordinates[0], coordinates[1], bend);
      }
    });
    return collection;
  }

  // `config.styles` maps each feature's `style` to Leaflet's path options; a feature that has
  // its own size (a circle's `radius`, a flow's `weight`) keeps it, times the style's `scale`.
  function styleOf(styles, properties) {
    var style = L.extend({}, styles[properties.style]), scale = style.scale || 1;
    if (properties.radius !== undefined) style.radius = properties.radius * scale;
    if (properties.weight !== undefined) style.weight = properties.weight * scale;
    return style;
  }

  // The features of the pairings and their places, from the columns the server sends (see
  // pairings_table in coopmap/mapview/layers.py). Every text in `table` is escaped already:
  // only escaped pieces and fixed markup are put together here.
  coopmap.pairingFeatures = function (table) {
    var places = table.places, lines = table.lines, labels = table.labels;
    var chosen = table.selected === null ? -1 : table.selected;
    var partners = places.name.map(function () { return []; });
    lines.id.forEach(function (id, i) {
      partners[lines.morocco[i]].push(places.name[lines.france[i]]);
      partners[lines.france[i]].push(places.name[lines.morocco[i]]);
    });
    function placed(p) { return places.latitude[p] !== null && places.longitude[p] !== null; }
    function point(p) { return [places.longitude[p], places.latitude[p]]; }
    function label(p) { return places.name[p] + " (" + table.types[places.type[p]] + ")"; }
    function region(p) { return table.regions[places.region[p]]; }
    // The year and kind of agreement, as one line: "2004 · jumelage", "année inconnue".
    function agreement(i) {
      var year = lines.year[i] === null ? labels.year_unknown : String(lines.year[i]);
      return lines.kind[i] ? year + " · " + lines.kind[i] : year;
    }
    // Where the pairing comes from: the line of the 2013 presentation, and links to its pages.
    function sources(i) {
      var found = lines.source[i] ? [labels.source + ": " + lines.source[i]] : [];
      var pages = lines.pages[i].map(function (page) {
        return "<a href='" + page[0] + "' target='_blank' rel='noopener noreferrer'>" +
          page[1] + "</a>";
      });
      if (pages.length) found.push(labels.sources_label + ": " + pages.join(labels.list_separator));
      return found.join("<br>");
    }
    var features = [];
    lines.id.forEach(function (id, i) {
      var m = lines.morocco[i], f = lines.france[i], level = lines.level[i];
      if (!placed(m) || !placed(f)) return;
      var state = m === chosen || f === chosen ? "selected" : (chosen >= 0 ? "faded" : "normal");
      features.push({
        type: "Feature", id: "pairing-" + id,
        properties: {
          pairing_id: id, level: level, state: state, style: level + "-" + state,
          year: lines.year[i], ends: [places.row[m], places.row[f]],
          tooltip: label(m) + " – " + label(f) + "<br>" + agreement(i),
          popup: "<b>" + places.name[m] + "</b> – <b>" + places.name[f] + "</b><br>" +
            labels["level_" + level] + " · " + agreement(i) + "<br><small>" + sources(i) +
            "</small>",
          // For the presentation's step-through: its caption, and its order (not "region",
          // which marks the clickable circles of regions).
          regions: region(m) + " – " + region(f),
          group: region(m)
        },
        geometry: {type: "LineString",
                   coordinates: coopmap.arc(point(m), point(f), lines.bend[i])}
      });
    });
    // Territories first, then towns, each largest circle first: a click goes to the topmost
    // circle under the pointer, so it takes the smallest area there, and a town is never
    // hidden by the circle of its region or province.
    var order = places.name.map(function (name, p) { return p; }).sort(function (a, b) {
      return places.town[a] - places.town[b] || places.radius[b] - places.radius[a] || a - b;
    });
    order.forEach(function (p) {
      if (!placed(p)) return;
      var regions = [region(p), table.regions[places.region2013[p]]].filter(Boolean);
      features.push({
        type: "Feature", id: "place-" + places.row[p],
        properties: {
          place: places.row[p], country: places.country[p], radius: places.radius[p],
          selected: p === chosen,
          style: places.country[p] + (p === chosen ? "-selected" : ""),
          tooltip: label(p) + " – " + places.partners[p],
          popup: "<b>" + label(p) + "</b><br>" + regions.join(" · ") + "<br>" +
            (places.approximate[p] ? "<i>" + labels.approximate + "</i><br>" : "") +
            labels.partners + ": " + partners[p].join(labels.list_separator)
        },
        geometry: {type: "Point", coordinates: point(p)}
      });
    });
    return {type: "FeatureCollection", features: features};
  };

  coopmap.pairings = function (group, config, table) {
    var layer = coopmap.features(group, config, coopmap.pairingFeatures(table));
    var shown = table.lines.id.join(",") + "|" + table.selected + "|" + config.resets;
    onMap(group, function (map) {
      frame(map, layer, shown, config);
      closeSidebarAfterSearch(map, config.search);
    });
  };

  // On a phone the sidebar covers the page: once a search is typed there, close it, so that
  // the map with what the search found is what the eye meets.
  function closeSidebarAfterSearch(map, search) {
    var changed = map.coopmap.search !== undefined && map.coopmap.search !== search;
    map.coopmap.search = search;
    if (changed && search) coopmap.host.closeSidebarOnPhone();
  }

  function onMap(group, then) {
    if (group._map) then(group._map);
    else group.once("add", function () { then(group._map); });
  }

  // The map goes where the user looks: to the pairings a filter or a search keeps, or to the
  // selected place and its partners. Only when what is shown changes, or the filters are reset
  // (the same layer comes again on every rerun), and not on the first draw of a map opened by
  // a link's `view`.
  // With every pairing shown, the frame holds both countries whole (`config.countries`), not
  // only their places: the south of Morocco has none. The frame of every pairing shown is kept
  // for the presentation's Escape.
  function frame(map, layer, shown, config) {
    var state = map.coopmap, first = state.shown === undefined;
    if (state.shown === shown) return;
    state.shown = shown;
    map.fire("coopmap:shown");  // for the ▶ button, which the frame below then makes room for
    var all = L.latLngBounds([]), selected = L.latLngBounds([]);
    layer.eachLayer(function (item) {
      var bounds = item.getBounds ? item.getBounds() : L.latLngBounds([item.getLatLng()]);
      var properties = item.feature.properties;
      all.extend(bounds);
      if (properties.state === "selected" || properties.selected) selected.extend(bounds);
    });
    if (!all.isValid()) return;
    if (config.countries) all.extend(config.countries);
    state.frame = all;
    var target = selected.isValid() ? selected : all;
    whenStyled(function () {
      map.invalidateSize();
      var options = coopmap.framing(map, target);
      if (first && !map.coopmap.openedAtView) {
        map.fitBounds(target, L.extend({animate: false}, options));
      }
      else if (!first) map.flyToBounds(target, coopmap.flight(L.extend({duration: 0.8}, options)));
      map.fire("coopmap:drawn");  // for the step-through, which may fly on to its step
    });
  }

  // Calls `then` once the page's stylesheets are in. streamlit-folium adds them with the
  // scripts but does not wait for them: until then the map has the component's height, not its
  // frame's, and its controls lie unstyled under it, where no frame can make room for them.
  function whenStyled(then) {
    var loading = [].filter.call(document.querySelectorAll("link[rel='stylesheet']"),
                                 function (link) { return !link.sheet; });
    var left = loading.length;
    if (!left) return then();
    loading.forEach(function (link) {
      function loaded() { if (--left === 0) then(); }
      link.addEventListener("load", loaded);
      link.addEventListener("error", loaded);
    });
  }

  // The boxes on the map: Leaflet's controls (zoom, legend, copy-link, basemap switch, scale,
  // ▶, attribution) and the presentation's caption.
  var BOXES = ".leaflet-control, .coopmap-steps";

  // How far the boxes matching `selector` reach into the map from each of its edges, in px: a
  // box nearer its top than its bottom counts from the top, else from the bottom; likewise
  // from the left or the right. A hidden box takes no room.
  coopmap.margins = function (map, selector) {
    var container = map.getContainer(), edge = container.getBoundingClientRect();
    var room = {top: 0, bottom: 0, left: 0, right: 0};
    function take(near, far, nearSide, farSide) {
      if (near < far) room[nearSide] = Math.max(room[nearSide], near);
      else room[farSide] = Math.max(room[farSide], far);
    }
    container.querySelectorAll(selector).forEach(function (box) {
      var r = box.getBoundingClientRect();
      if (!r.height) return;
      take(r.bottom - edge.top, edge.bottom - r.top, "top", "bottom");
      take(r.right - edge.left, edge.right - r.left, "left", "right");
    });
    return room;
  };

  // Room around a frame of `target`: 40 px, and 20 px past the controls in the map's corners
  // (zoom, copy-link and basemap switch; scale, ▶ and attribution), so that no circle lies
  // under them: past them along the map's top and bottom, or along its sides, whichever frames
  // `target` larger; and past the presentation's caption, at the bottom. Not past the legend:
  // open, it would take half a laptop's map, and it lies over the Atlantic.
  coopmap.framing = function (map, target) {
    var corners = coopmap.margins(map, ".leaflet-control:not(.coopmap-legend)");
    var caption = coopmap.margins(map, ".coopmap-steps").bottom;
    function clear(margin) { return Math.max(40, margin + 20); }
    function zoom(padding) {
      return map.getBoundsZoom(target, false, L.point(padding[0]).add(padding[1]));
    }
    var along = [[40, clear(corners.top)], [40, clear(Math.max(corners.bottom, caption))]];
    var beside = [[clear(corners.left), 40], [clear(corners.right), clear(caption)]];
    var padding = zoom(along) >= zoom(beside) ? along : beside;
    return {paddingTopLeft: padding[0], paddingBottomRight: padding[1], maxZoom: 9};
  };

  // A flight's options, or a jump's for a reader whose system asks for less motion (the
  // "reduce motion" setting; WCAG 2.3.3): the map lands where the flight would, at once.
  coopmap.flight = function (options) {
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    return still ? L.extend({}, options, {animate: false}) : options;
  };

  // A popup that opens in the clear, whole and off the boxes on the map. Leaflet pans the map to
  // bring a popup into view, inside paddings; here they are the room the boxes take along the
  // map's top and bottom (the legend, the zoom and copy-link buttons; the scale, ▶, the
  // presentation's caption), measured as it opens (the legend folds, the caption grows). It
  // stays in view when the map moves under it (the rerun a click causes may set the view the
  // page's address held before the pan). It is no wider than the map (a phone's is narrower
  // than a popup), its content scrolls if it is taller than the room between the boxes, and no
  // tooltip shows while it is open.
  var POPUP_WIDTH = 360, POPUP_HEIGHT = 60, EDGE = 8;  // px: widest, and lowest content
  var Popup = L.Popup.extend({
    options: {keepInView: true},
    update: function () {
      var map = this._map, container = this.getElement();
      if (map && container) {
        var content = container.querySelector(".leaflet-popup-content");
        var margin = parseInt(L.DomUtil.getStyle(container, "marginBottom"), 10) || 0;
        var around = L.point(container.offsetWidth - content.offsetWidth,
                             container.offsetHeight - content.offsetHeight + margin);
        var room = coopmap.margins(map, BOXES), size = map.getSize();
        L.setOptions(this, {
          maxWidth: Math.min(POPUP_WIDTH, size.x - 2 * EDGE - around.x),
          maxHeight: Math.max(POPUP_HEIGHT, size.y - room.top - room.bottom - 2 * EDGE - around.y),
          autoPanPaddingTopLeft: [EDGE, room.top + EDGE],
          autoPanPaddingBottomRight: [EDGE, room.bottom + EDGE]
        });
      }
      return L.Popup.prototype.update.call(this);
    },
    onAdd: function (map) {
      L.DomUtil.addClass(map.getContainer(), "coopmap-popup-open");  // see coopmap.css
      return L.Popup.prototype.onAdd.call(this, map);
    },
    onRemove: function (map) {
      L.DomUtil.removeClass(map.getContainer(), "coopmap-popup-open");
      return L.Popup.prototype.onRemove.call(this, map);
    }
  });

  coopmap.features = function (group, config, collection) {
    var styles = config.styles, renderer = rendererOf(group);
    return L.geoJSON(curved(collection), {
      renderer: renderer,  // the lines'
      style: function (feature) { return styleOf(styles, feature.properties); },
      pointToLayer: function (feature, latlng) {
        var style = styleOf(styles, feature.properties);
        return L.circleMarker(latlng, L.extend(style, {renderer: renderer}));
      },
      onEachFeature: function (feature, layer) {
        var properties = feature.properties;
        if (properties.tooltip) layer.bindTooltip(properties.tooltip, {sticky: true});
        if (properties.popup) layer.bindPopup(new Popup().setContent(properties.popup));
      }
    }).addTo(group);
  };
})();
