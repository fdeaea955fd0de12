/* Leaflet's own controls: their words in the reader's language, and the side of the map each
 * control sits on. Configured by coopmap/mapview/controls.py.
 *
 * Leaflet writes English: "Zoom in" and "Zoom out" on its zoom buttons (title and name read
 * aloud), "Close popup" on a popup's ×, a title on its own name in the attribution. They are
 * the app's words here, from its catalogs (the basemap switch's title: basemap.js).
 *
 * Read right to left (Arabic), the map is mirrored as such a reader expects: the zoom buttons
 * top right, the scale and the "play" button bottom right; the basemap switch, the copy-link
 * button and the attribution on the left; and the texts of its boxes read right to left (the
 * class on the body: see coopmap.css). The legend stays top left, over the Atlantic: on the
 * right it would hide eastern France. This script runs first; the others ask `coopmap.corner`
 * where to put their controls.
 */
(function () {
  "use strict";
  var coopmap = (window.coopmap = window.coopmap || {});
  var MIRROR = {left: "right", right: "left"};

  coopmap.corner = function (position) { return position; };

  // Leaflet's own markup for its name in the attribution (none: none), with `title` as the
  // link's title.
  function prefix(markup, title) {
    if (!markup) return markup;
    var holder = document.createElement("div");
    holder.innerHTML = markup;
    var link = holder.querySelector("a");
    if (link) link.title = title;
    return holder.innerHTML;
  }

  coopmap.direction = function (map, config) {
    var labels = config.labels;
    if (config.right_to_left) {
      document.body.classList.add("coopmap-rtl");
      coopmap.corner = function (position) {
        return position.replace(/left|right/, function (side) { return MIRROR[side]; });
      };
    }
    if (map.zoomControl) {
      map.removeControl(map.zoomControl);
      map.zoomControl = L.control.zoom({
        position: coopmap.corner("topleft"), zoomInTitle: labels.zoom_in,
        zoomOutTitle: labels.zoom_out
      }).addTo(map);
    }
    var attribution = map.attributionControl;
    if (attribution) {
      attribution.setPosition(coopmap.corner("bottomright"));
      attribution.setPrefix(prefix(attribution.options.prefix, labels.leaflet_about));
    }
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) close.setAttribute("aria-label", labels.popup_close);
    });
    L.control.scale({position: coopmap.corner("bottomleft")}).addTo(map);
  };
})();
