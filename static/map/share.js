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

  coopmap.share = function (map, config) {
    var labels = config.labels;

    function link() {
      var url = new URL(window.parent.location.href), centre = map.getCenter();
      url.searchParams.set("view", [centre.lat.toFixed(4), centre.lng.toFixed(4),
                                    map.getZoom()].join(","));
      return url.toString();
    }

    map.on("moveend", function () {
      try {
        window.parent.history.replaceState(window.parent.history.state, "", link());
      } catch (error) {}  // not embedded in the app (a test page): nothing to write
    });

    var Share = L.Control.extend({
      options: {position: "topright"},
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
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.on(button, "click", function () {
          var text = link();
          function copied() {
            button.textContent = labels.link_copied;
            setTimeout(function () { button.textContent = labels.copy_link; }, 2500);
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
  };
})();
