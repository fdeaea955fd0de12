/* The map follows the app's theme, light or dark, as it is and as it changes. Configured by
 * coopmap/mapview/controls.py.
 *
 * The map runs in an iframe of the app's origin: it reads the theme Streamlit gives the page
 * (coopmap.host, host.js) and, in dark, swaps every light colour of its layers, outlines, sea
 * and tiles for its dark counterpart; a filter's new layers are swapped as they arrive.
 * Switching the theme in the app's menu reruns nothing: the map watches the page for it.
 * Outside the app (an exported file) the map stays light.
 */
(function () {
  "use strict";
  var coopmap = (window.coopmap = window.coopmap || {});

  coopmap.look = function (map, config) {
    var dark = null;
    // On the body: the legend and the caption are beside the map's container, not in it.
    if (config.present) document.body.classList.add("coopmap-present");

    function recolour(layer) {
      if (!layer.setStyle || layer.eachLayer) return;  // a path, not a group of them
      if (!layer.coopmapLight) {
        layer.coopmapLight = {color: layer.options.color, fillColor: layer.options.fillColor};
      }
      var light = layer.coopmapLight;
      layer.setStyle(!dark ? light : {
        color: config.swap[(light.color || "").toLowerCase()] || light.color,
        fillColor: config.swap[(light.fillColor || "").toLowerCase()] || light.fillColor
      });
    }

    function follow() {
      var now = coopmap.host.isDark();
      if (now === dark) return;
      dark = now;
      document.body.classList.toggle("coopmap-dark", dark);
      map.getContainer().style.background = dark ? config.sea.dark : config.sea.light;
      map.eachLayer(recolour);
      var base = map.coopmap, tiles = base && base.tiles;
      if (tiles) {
        var shown = map.hasLayer(tiles), source = base.tileSources[dark ? "dark" : "light"];
        if (shown) map.removeLayer(tiles);
        tiles.options.attribution = source[1];
        tiles.setUrl(source[0], true);
        if (shown) map.addLayer(tiles);
      }
    }

    map.on("layeradd", function (event) { if (dark) recolour(event.layer); });
    follow();
    coopmap.host.onThemeChange(follow);
  };
})();
