/* The layers that change with the filters: pairing lines (or flows between regions), places,
 * expertise requests. Configured by coopmap/mapview/layers.py, which sends GeoJSON whose lines
 * hold only their two ends and a bend: the curve is drawn here, not sent point by point.
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
