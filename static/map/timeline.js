/* "Play": the map grows year by year, from the first year of first signature to the last,
 * then shows the pairings with no known year. Configured by coopmap/mapview/controls.py.
 *
 * It works on the lines the map shows (their `year`, from layers.js), so a filter changes
 * what it plays without a new map; a new drawing stops it and shows everything again. Lines
 * and places that are not yet signed are hidden and cannot be clicked. The button is a real
 * button (Tab, Enter, Space), in presentation mode too.
 */
(function () {
  "use strict";
  var coopmap = (window.coopmap = window.coopmap || {});
  var YEAR_MS = 450;  // one year on screen: 1986 to 2025 in under 20 seconds

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return values[key]; });
  }

  coopmap.timeline = function (map, config) {
    var labels = config.labels, box, button, caption;
    var control = L.control({position: coopmap.corner("bottomleft")});
    control.onAdd = function () {
      box = L.DomUtil.create("div", "coopmap-timeline leaflet-bar");
      button = L.DomUtil.create("button", "coopmap-timeline-play", box);
      caption = L.DomUtil.create("span", "coopmap-timeline-caption", box);
      button.type = "button";
      caption.setAttribute("aria-live", "polite");
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
    var timer = null, year = null;

    function drawn(kind) {
      var found = [];
      map.eachLayer(function (layer) {
        var properties = layer.feature && layer.feature.properties;
        if (properties && properties[kind] !== undefined) found.push(layer);
      });
      return found;
    }
    function lines() { return drawn("pairing_id"); }
    function span() {
      var years = lines().map(function (l) { return l.feature.properties.year; })
        .filter(function (y) { return y !== null && y !== undefined; });
      return years.length ? [Math.min.apply(null, years), Math.max.apply(null, years)] : null;
    }

    function setVisible(layer, visible) {
      if (visible && !layer.coopmapTimeline) return;  // never hidden: as drawn
      if (!layer.coopmapTimeline) {
        layer.coopmapTimeline = {opacity: layer.options.opacity,
                                 fillOpacity: layer.options.fillOpacity};
      }
      var style = layer.coopmapTimeline;
      layer.setStyle({opacity: visible ? style.opacity : 0,
                      fillOpacity: visible ? style.fillOpacity : 0});
      layer.options.interactive = visible;
    }

    // The lines signed by `upTo` (every line with `undated`), and the places they join.
    function show(upTo, undated) {
      var ends = {}, count = 0, extra = 0;
      lines().forEach(function (layer) {
        var properties = layer.feature.properties, known = properties.year !== null;
        var visible = upTo === null || (known ? properties.year <= upTo : undated);
        setVisible(layer, visible);
        if (!visible) return;
        if (known) count++; else extra++;
        properties.ends.forEach(function (end) { ends[end] = true; });
      });
      drawn("place").forEach(function (layer) {
        setVisible(layer, upTo === null || ends[layer.feature.properties.place] === true);
      });
      box.dataset.shown = count + extra;
      return {count: count, extra: extra};
    }

    function idle() {
      var years = span();
      box.hidden = years === null;
      button.textContent = "▶";
      button.title = labels.play;
      button.setAttribute("aria-label", labels.play);
      box.dataset.playing = "false";
    }

    function stop(showAll) {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (showAll) { year = null; show(null); caption.textContent = ""; delete box.dataset.year; }
      idle();
    }

    function tick() {
      var years = span();
      if (years === null) return stop(true);
      if (year === null || year > years[1]) year = years[0];
      var shown = show(year, false);
      box.dataset.year = year;
      caption.textContent = fill(labels.play_caption, {year: year, count: shown.count});
      if (year === years[1]) {  // the end: then the pairings whose year no source gives
        var all = show(years[1], true);
        if (all.extra) {
          caption.textContent += " " + fill(labels.play_undated, {count: all.extra});
        }
        box.dataset.done = "true";
        year = null;
        timer = null;
        idle();
        return;
      }
      year += 1;
      timer = setTimeout(tick, YEAR_MS);
    }

    L.DomEvent.on(button, "click", function () {
      if (timer !== null) return stop(false);  // pause: the map stays at that year
      delete box.dataset.done;
      box.dataset.playing = "true";
      button.textContent = "❚❚";
      button.title = labels.pause;
      button.setAttribute("aria-label", labels.pause);
      tick();
    });
    // New pairings (a filter changed): everything is shown again, and the button knows
    // whether there are years to play (before the map frames them: layers.js).
    map.on("coopmap:shown", function () { stop(true); });
    idle();
  };
})();
