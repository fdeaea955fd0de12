/* The base map: its own pane under the pairings, the offline outlines, the online tiles and the
 * fall-back from one to the other. Configured by coopmap/mapview/basemap.py.
 *
 * The pane is the point. With a canvas renderer every vector layer of a pane shares one canvas,
 * drawn in the order the layers arrive: outlines added after the pairings (when the tiles fail,
 * seconds after the first draw) would paint the land over them. In a pane of their own, below
 * Leaflet's overlay pane, the outlines and tiles stay under whatever arrives, whenever.
 */
(function () {
  "use strict";
  var coopmap = (window.coopmap = window.coopmap || {});

  function loadOutlines(layer, outlines) {
    if (outlines.data) {
      layer.addData(outlines.data);
      return;
    }
    // A static file the browser fetches once and caches, rather than 0.7 MB in every map.
    fetch(outlines.url)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .then(function (data) { layer.addData(data); })
      .catch(function (error) {
        console.error("coopmap: the offline basemap could not be loaded: " + error);
      });
  }

  coopmap.basemap = function (map, config) {
    var pane = map.createPane(config.pane);
    pane.style.zIndex = config.zIndex;
    var outlines = L.geoJSON(null, {
      pane: config.pane,
      renderer: L.canvas({pane: config.pane}),
      interactive: false,
      style: config.outlines.style
    });
    loadOutlines(outlines, config.outlines);
    var tiles = null;
    if (config.mode !== "offline") {
      tiles = L.tileLayer(config.tiles.light[0], {
        attribution: config.tiles.light[1], pane: config.pane, maxZoom: 19
      });
    }
    map.addLayer(config.mode === "offline" ? outlines : tiles);
    if (config.mode === "auto") {
      // In a room with no internet every tile fails at once: a few failures are enough.
      var failures = 0;
      tiles.on("tileerror", function () {
        failures += 1;
        if (failures >= config.failuresBeforeFallback && map.hasLayer(tiles)) {
          map.removeLayer(tiles);
          map.addLayer(outlines);
        }
      });
      var choices = {};
      choices[config.labels.online] = tiles;
      choices[config.labels.offline] = outlines;
      var corner = coopmap.corner("topright");
      var layers = L.control.layers(choices, null, {collapsed: true, position: corner}).addTo(map);
      var toggle = layers.getContainer().querySelector(".leaflet-control-layers-toggle");
      toggle.title = config.labels.switch;  // Leaflet's is "Layers", in English
      toggle.setAttribute("aria-label", config.labels.switch);
    }
    // The outlines stop at the edges of `config.extent`: the view stays inside it, at any size
    // of screen, so that no straight edge of land shows (the tiles cover it too).
    // Set before the first view, not by setMinZoom, whose animated zoom would end after it.
    var extent = L.latLngBounds(config.extent);
    function smallestZoom() { return Math.max(config.minZoom, map.getBoundsZoom(extent, true)); }
    // Quarter zoom levels: a whole level is a factor of two, too coarse to frame both
    // countries inside the extent on a wide screen (1920×1080 would have to show less).
    map.options.zoomSnap = config.zoomSnap;
    map.options.minZoom = smallestZoom();
    map.options.maxBoundsViscosity = 1;
    // Both countries, as the source shows them, with no animation: the end of an animated
    // fit would undo a view set just after it (a link's `view`).
    map.fitBounds(config.frame, {animate: false});
    map.setMaxBounds(extent);
    map.on("resize", function () { map.setMinZoom(smallestZoom()); });
    // The container may change size with no resize of the window (presentation.css sizes the
    // map's frame once the page has its style): Leaflet would keep drawing the old size.
    if (window.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize(); }).observe(map.getContainer());
    }
    // On a touch screen the map is most of the page: one finger scrolls the page, two move
    // and zoom the map (Leaflet's pinch). Without dragging, Leaflet lets the browser pan.
    if (L.Browser.mobile || window.matchMedia("(pointer: coarse)").matches) map.dragging.disable();
    map.coopmap = {tiles: tiles, outlines: outlines, tileSources: config.tiles,
                   frame: config.frame};
  };
})();
