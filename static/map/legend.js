/* The boxes of notes on the map: the legend, and the caption of an exported map (title, date
 * and source). Configured by coopmap/mapview/controls.py; their text is set as text, never as
 * HTML.
 */
(function () {
  "use strict";
  var coopmap = (window.coopmap = window.coopmap || {});
  var FOLDED_BELOW_WIDTH = 480;  // px of map: a phone's, not a desktop column's

  function line(parent, swatchClass, swatch, label) {
    var row = L.DomUtil.create("div", "", parent);
    var mark = L.DomUtil.create("span", swatchClass, row);
    mark.style.setProperty("--light", swatch[0]);
    mark.style.setProperty("--dark", swatch[1]);
    row.appendChild(document.createTextNode(label));
  }

  // `config`: {title, lines: [[light, dark, label]], points: [[light, dark, label]], note}.
  coopmap.legend = function (map, config) {
    var Legend = L.Control.extend({
      options: {position: "topleft"},
      onAdd: function () {
        // A box that folds to its title: folded at first on a small map (a phone), where it
        // would cover much of the map; open elsewhere.
        var box = L.DomUtil.create("details", "coopmap-legend");
        box.setAttribute("role", "note");
        box.setAttribute("aria-label", config.title);
        box.open = map.getSize().x >= FOLDED_BELOW_WIDTH;
        L.DomUtil.create("summary", "", box).textContent = config.title;
        config.lines.forEach(function (s) { line(box, "coopmap-swatch-line", s, s[2]); });
        config.points.forEach(function (s) { line(box, "coopmap-swatch-point", s, s[2]); });
        L.DomUtil.create("div", "coopmap-legend-note", box).textContent = config.note;
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    new Legend().addTo(map);
  };

  coopmap.caption = function (map, config) {
    var Caption = L.Control.extend({
      options: {position: "topright"},
      onAdd: function () {
        var box = L.DomUtil.create("div", "coopmap-caption");
        box.setAttribute("role", "note");
        L.DomUtil.create("strong", "", box).textContent = config.title;
        L.DomUtil.create("div", "", box).textContent = config.text;
        return box;
      }
    });
    new Caption().addTo(map);
  };
})();
