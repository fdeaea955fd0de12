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
    var features = [];
    lines.id.forEach(function (id, i) {
      var m = lines.morocco[i], f = lines.france[i], level = lines.level[i];
      if (!placed(m) || !placed(f)) return;
      var state = m === chosen || f === chosen ? "selected" : (chosen >= 0 ? "faded" : "normal");
      features.push({
        type: "Feature", id: "pairing-" + id,
        properties: {
          pairing_id: id, level: level, state: state, style: level + "-" + state,
          tooltip: label(m) + " – " + label(f),
          popup: "<b>" + places.name[m] + "</b> – <b>" + places.name[f] + "</b><br>" +
            labels["level_" + level] + "<br><small>" + labels.source + ": " +
            lines.source[i] + "</small>",
          // For the presentation's step-through: its caption, and its order (not "region",
          // which marks the clickable circles of regions).
          regions: region(m) + " – " + region(f),
          group: region(m)
        },
        geometry: {type: "LineString",
                   coordinates: coopmap.arc(point(m), point(f), lines.bend[i])}
      });
    });
    places.name.forEach(function (name, p) {
      if (!placed(p)) return;
      var regions = [region(p), table.regions[places.region2013[p]]].filter(Boolean);
      features.push({
        type: "Feature", id: "place-" + places.row[p],
        properties: {
          place: places.row[p], country: places.country[p], radius: places.radius[p],
          selected: p === chosen,
          style: places.country[p] + (p === chosen ? "-selected" : ""),
          tooltip: label(p) + " – " + partners[p].length + " " + labels.partners_short,
          popup: "<b>" + label(p) + "</b><br>" + regions.join(" · ") + "<br>" +
            (places.approximate[p] ? "<i>" + labels.approximate + "</i><br>" : "") +
            labels.partners + ": " + partners[p].join(", ")
        },
        geometry: {type: "Point", coordinates: point(p)}
      });
    });
    return {type: "FeatureCollection", features: features};
  };

  coopmap.pairings = function (group, config, table) {
    coopmap.features(group, config, coopmap.pairingFeatures(table));
  };

  coopmap.features = function (group, config, collection) {
    var styles = config.styles;
    L.geoJSON(curved(collection), {
      style: function (feature) { return styleOf(styles, feature.properties); },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, styleOf(styles, feature.properties));
      },
      onEachFeature: function (feature, layer) {
        var properties = feature.properties;
        if (properties.tooltip) layer.bindTooltip(properties.tooltip, {sticky: true});
        if (properties.popup) layer.bindPopup(properties.popup, {maxWidth: 360});
      }
    }).addTo(group);
  };
})();
