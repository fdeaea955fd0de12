/* Which side of the map its own controls sit on. Configured by coopmap/mapview/controls.py.
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

  coopmap.direction = function (map, config) {
    if (config.right_to_left) {
      document.body.classList.add("coopmap-rtl");
      coopmap.corner = function (position) {
        return position.replace(/left|right/, function (side) { return MIRROR[side]; });
      };
      if (map.zoomControl) map.zoomControl.setPosition(coopmap.corner("topleft"));
      if (map.attributionControl) {
        map.attributionControl.setPosition(coopmap.corner("bottomright"));
      }
    }
    L.control.scale({position: coopmap.corner("bottomleft")}).addTo(map);
  };
})();
