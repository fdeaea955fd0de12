/* The map's view in the page's address, and a button that copies that address. Configured by
 * coopmap/mapview/controls.py.
 *
 * The map runs in an iframe of the app's own origin: it writes `view=lat,lon,zoom` into the
 * app's URL as the map moves (no rerun: Streamlit is not told), so the address bar, and the
 * copied link, reopen this view; the app reads `view` when the page starts.
 */
(function () {
  "use strict";
  var coopmap = (window.coopmap = window.coopmap || {});

  // The format of coopmap/mapview/view.py (`config.view`), which the app reads back.
  function viewWriter(format) {
    return function (map) {
      var centre = map.getCenter();
      var zoom = Math.round(map.getZoom() / format.zoomStep) * format.zoomStep;
      return [centre.lat.toFixed(format.decimals), centre.lng.toFixed(format.decimals), zoom]
        .join(",");
    };
  }

  // Streamlit writes the page's address itself when the filters change or a place is clicked,
  // with the query it knows, which has no `view`: put the map's view back into each address it
  // writes, while a map is on the page. The wrapper is installed once in the page, and uses
  // only the page's own objects: it outlives this iframe, whose map goes with it.
  function keepViewInAddress(map, viewOf) {
    var host;
    try { host = window.parent; host.history.replaceState; } catch (error) { return; }
    if (host === window) return;  // not embedded
    host.coopmapView = {map: map, frame: window.frameElement, of: viewOf};
    var history = host.history;
    if (history.coopmapKeepsView) return;
    history.coopmapKeepsView = true;
    ["pushState", "replaceState"].forEach(function (name) {
      var original = history[name];
      history[name] = function (state, title, address) {
        try {
          var current = host.coopmapView;
          if (address != null && current && current.frame && current.frame.isConnected) {
            var url = new host.URL(address, host.location.href);
            if (!url.searchParams.has("view")) {
              url.searchParams.set("view", current.of(current.map));
              address = url.toString();
            }
          }
        } catch (error) {}  // the address as Streamlit wrote it
        return original.call(this, state, title, address);
      };
    });
  }

  coopmap.share = function (map, config) {
    var labels = config.labels;
    var viewOf = viewWriter(config.view);

    function link() {
      var url = new URL(window.parent.location.href);
      url.searchParams.set("view", viewOf(map));
      return url.toString();
    }

    // A view in the address as the map is made (a link's, or the one this map kept there
    // before the page drew it anew) is where it opens: its first drawing of the pairings does
    // not frame them (layers.js). Read now, before the map writes its own there.
    map.coopmap.openedAtView = new URL(window.parent.location.href).searchParams.has("view");
    map.on("moveend", function () {
      try {
        window.parent.history.replaceState(window.parent.history.state, "", link());
      } catch (error) {}  // not embedded in the app (a test page): nothing to write
    });
    keepViewInAddress(map, viewOf);

    var Share = L.Control.extend({
      options: {position: coopmap.corner("topright")},
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar coopmap-share");
        var button = L.DomUtil.create("button", "coopmap-share-button", box);
        button.type = "button";
        button.textContent = labels.copy_link;
        button.title = labels.copy_link_help;
        var field = L.DomUtil.create("input", "coopmap-share-field", box);
        field.readOnly = true;
        field.hidden = true;
        field.setAttribute("aria-label", labels.copy_link);
        var hint = L.DomUtil.create("div", "coopmap-share-hint", box);
        hint.textContent = labels.copy_link_manual;
        hint.hidden = true;
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.on(button, "click", function () {
          var text = link();
          function copied() {
            button.textContent = labels.link_copied;
            setTimeout(function () { button.textContent = labels.copy_link; }, 2500);
          }
          function shown() {  // no clipboard (not a secure origin): select it to copy
            field.hidden = hint.hidden = false;
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
  };
})();
