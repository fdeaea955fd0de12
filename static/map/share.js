/* The map's view in the page's address, a button that copies that address, and one that copies
 * the code that embeds this map, with these filters, in another site (an <iframe> of the same
 * address with Streamlit's `embed=true`). Configured by coopmap/mapview/controls.py.
 *
 * The map runs in an iframe of the app's own origin: it writes `view=lat,lon,zoom` into the
 * app's URL as the map moves (no rerun: Streamlit is not told), so the address bar, and the
 * copied link, reopen this view; the app reads `view` when the page starts. The page's address
 * is read and written through coopmap.host (host.js).
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

  // Streamlit writes the page's address itself after a rerun (a filter changed, a place was
  // clicked), from the query it knows: its own last write, or the address it was opened at;
  // the views this map wrote since are not in it. Where that address has another `view`, or
  // none, put this map's back, while the map is on its page (not once the reader has gone to
  // another page). Without the Navigation API (host.js) it comes back at the map's next move.
  function keepViewInAddress(map, viewOf) {
    var host = coopmap.host, opened = host.address();
    if (!opened) return;  // not embedded in the app
    host.onAddressChange(function () {
      var url = host.address(), own = viewOf(map);
      if (!url || url.pathname !== opened.pathname || url.searchParams.get("view") === own) {
        return;
      }
      url.searchParams.set("view", own);
      host.setAddress(url);
    });
  }

  // "lat,lon,zoom" as [lat, lon, zoom], or null (coopmap/mapview/view.py checks it too).
  function parseView(text) {
    var parts = String(text || "").split(",").map(Number);
    var valid = parts.length === 3 && parts.every(isFinite) && Math.abs(parts[0]) <= 90;
    return valid ? parts : null;
  }

  coopmap.share = function (map, config) {
    var labels = config.labels;
    var viewOf = viewWriter(config.view);

    // The page's address with this map's view (outside the app, this page's own).
    function link() {
      var url = coopmap.host.address() || new URL(window.location.href);
      url.searchParams.set("view", viewOf(map));
      return url.toString();
    }

    // A view in the address as the map is made (a link's, or the one this map kept there
    // before the page drew it anew) is where it opens: its first drawing of the pairings does
    // not frame them (layers.js). Read now, before the map writes its own there.
    // The map drawn anew (another language, basemap or presentation) opens at the view the
    // previous one left there.
    var address = coopmap.host.address();
    var opened = address && parseView(address.searchParams.get("view"));
    map.coopmap.openedAtView = Boolean(opened);
    if (opened) map.setView([opened[0], opened[1]], opened[2], {animate: false});
    map.on("moveend", function () { coopmap.host.setAddress(link()); });
    keepViewInAddress(map, viewOf);

    // The code a partner's site pastes: this address in Streamlit's embed mode, in a frame.
    // The address and the title go into attributes, escaped as such.
    function embedCode() {
      var url = new URL(link());
      url.searchParams.set("embed", "true");
      function attribute(text) {
        return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
      }
      return '<iframe src="' + attribute(url.toString()) + '" title="' +
        attribute(labels.embed_map_title) + '" width="100%" height="600" ' +
        'style="border: 0" loading="lazy"></iframe>';
    }

    var Share = L.Control.extend({
      options: {position: coopmap.corner("topright")},
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar coopmap-share");
        var field = L.DomUtil.create("input", "coopmap-share-field");
        field.readOnly = true;
        field.hidden = true;
        var hint = L.DomUtil.create("div", "coopmap-share-hint");
        hint.textContent = labels.copy_link_manual;
        hint.hidden = true;
        // A button that copies what `text()` gives, says `done` a moment, and, with no
        // clipboard (not a secure origin), shows the text selected for the reader to copy.
        function copier(name, help, done, text) {
          var button = L.DomUtil.create("button", "coopmap-share-button", box);
          button.type = "button";
          button.textContent = name;
          button.title = help;
          L.DomEvent.on(button, "click", function () {
            var copied = text();
            function said() {
              button.textContent = done;
              setTimeout(function () { button.textContent = name; }, 2500);
            }
            function shown() {
              field.hidden = hint.hidden = false;
              field.setAttribute("aria-label", name);
              field.value = copied;
              field.select();
            }
            if (navigator.clipboard) navigator.clipboard.writeText(copied).then(said, shown);
            else shown();
          });
        }
        copier(labels.copy_link, labels.copy_link_help, labels.link_copied, link);
        copier(labels.embed_map, labels.embed_map_help, labels.embed_map_copied, embedCode);
        box.appendChild(field);
        box.appendChild(hint);
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    new Share().addTo(map);
  };
})();
