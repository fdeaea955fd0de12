/* Presentation mode: step through the lines on the map, flying to each, with a caption.
 * Configured by coopmap/mapview/controls.py.
 *
 * Keys: → or Page Down next, ← or Page Up previous (read right to left, ← next and → previous,
 * and the buttons' arrows likewise), ↓ / ↑ the first line of the next or previous region, Home
 * and End, Escape back to the frame of every pairing shown. They work with the focus on the
 * page or in the map (the iframe has the app's origin and listens on both); the buttons are
 * real buttons, reachable with Tab. The steps are the lines the map shows, in the order of
 * their Moroccan region, so a filter change gives new steps without a new map, at the same
 * step.
 */
(function () {
  "use strict";
  var coopmap = (window.coopmap = window.coopmap || {});

  function group(layer) { return layer.feature.properties.group || ""; }

  coopmap.steps = function (map, config) {
    var labels = config.labels;
    // Presentation opens at the top of the page, its bar in sight: turned on after scrolling
    // down the page, it would keep that scroll. The map is drawn anew when presentation begins.
    coopmap.host.scrollToTop();
    var panel = L.DomUtil.create("div", "coopmap-steps", map.getContainer());
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", labels.steps_label);
    var previous = L.DomUtil.create("button", "coopmap-step-previous", panel);
    var caption = L.DomUtil.create("div", "coopmap-step-caption", panel);
    var next = L.DomUtil.create("button", "coopmap-step-next", panel);
    previous.type = next.type = "button";
    var rtl = config.right_to_left;  // the panel reads right to left: "next" is on the left
    previous.textContent = rtl ? "›" : "‹";
    next.textContent = rtl ? "‹" : "›";
    previous.setAttribute("aria-label", labels.step_previous);
    next.setAttribute("aria-label", labels.step_next);
    previous.title = labels.step_previous;
    next.title = labels.step_next;
    caption.setAttribute("aria-live", "polite");
    caption.textContent = labels.step_hint;
    L.DomEvent.disableClickPropagation(panel);
    L.DomEvent.disableScrollPropagation(panel);
    var index = -1, current = null;

    function steps() {
      var found = [];
      map.eachLayer(function (layer) {
        if (layer.feature && layer.feature.geometry.type === "LineString") found.push(layer);
      });
      return found.map(function (layer, order) { return [layer, order]; })
        .sort(function (a, b) { return group(a[0]).localeCompare(group(b[0])) || a[1] - b[1]; })
        .map(function (pair) { return pair[0]; });
    }

    function highlight(all, chosen) {
      all.forEach(function (layer) {
        if (!layer.coopmapStyle) {
          layer.coopmapStyle = {opacity: layer.options.opacity, weight: layer.options.weight};
        }
        var style = layer.coopmapStyle;
        layer.setStyle(chosen === null ? style : {
          opacity: layer === chosen ? 1 : 0.15,
          weight: layer === chosen ? style.weight * 1.6 : style.weight
        });
      });
      if (chosen) chosen.bringToFront();
    }

    function show(position) {
      var all = steps();
      if (!all.length) { caption.textContent = labels.step_none; return; }
      index = (position + all.length) % all.length;
      current = all[index];
      var properties = current.feature.properties;
      highlight(all, current);
      // The tooltip and regions were escaped by the server, like every text of a feature.
      caption.innerHTML = "<span class='coopmap-step-count'></span> <strong>" +
        properties.tooltip + "</strong>" +
        (properties.regions ? "<br><span>" + properties.regions + "</span>" : "");
      caption.firstChild.textContent = count(index + 1, all.length);
      panel.dataset.step = index + 1;
      panel.dataset.steps = all.length;
      panel.dataset.feature = current.feature.id;
      map.flyToBounds(current.getBounds(), coopmap.flight({  // clear of the new caption
        paddingTopLeft: [80, 80], paddingBottomRight: [80, 80 + panel.offsetHeight],
        maxZoom: 9, duration: 1.2
      }));
    }

    // "3 of 11", as the catalog words it: each number an isolate (U+2068, U+2069), so that
    // read right to left, "3 من 11" keeps the step first and cannot read "11 of 3".
    function count(step, total) {
      return labels.step_count.replace(/\{(\w+)\}/g, function (all, key) {
        return "\u2068" + {step: step, total: total}[key] + "\u2069";
      });
    }

    function region(step) {  // the first line of the next (+1) or previous (-1) region
      var all = steps();
      if (!all.length) return show(0);
      var here = index < 0 ? null : group(all[index]);
      var at = index < 0 ? (step > 0 ? -1 : 0) : index;
      for (var moved = 1; moved <= all.length; moved++) {
        var candidate = (at + step * moved + all.length) % all.length;
        var name = group(all[candidate]);
        if (name !== here) {
          while (step < 0 && candidate > 0 && group(all[candidate - 1]) === name) candidate--;
          return show(candidate);
        }
      }
    }

    function overview() {  // the frame of every pairing shown (layers.js keeps it)
      index = -1;
      highlight(steps(), null);
      var all = map.coopmap.frame;
      map.flyToBounds(all, coopmap.flight(L.extend({duration: 1.2}, coopmap.framing(map, all))));
      caption.textContent = labels.step_hint;
      panel.dataset.step = 0;
      delete panel.dataset.feature;
    }

    // New pairings (a region chosen during the presentation): the same step of the new ones.
    map.on("coopmap:drawn", function () {
      if (index >= 0) show(Math.min(index, steps().length - 1));
      else caption.textContent = labels.step_hint;
    });

    L.DomEvent.on(previous, "click", function () { show(index - 1); });
    L.DomEvent.on(next, "click", function () { show(index + 1); });

    function onKey(event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;  // the browser's keys
      var target = event.target, tag = (target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select" ||
          target.isContentEditable) return;
      if (tag === "button" && (event.key === " " || event.key === "Enter")) return;
      function forward() { show(index + 1); }
      function back() { show(index - 1); }
      var actions = {
        ArrowRight: rtl ? back : forward, ArrowLeft: rtl ? forward : back,
        PageDown: forward, PageUp: back,
        ArrowDown: function () { region(1); }, ArrowUp: function () { region(-1); },
        Home: function () { show(0); }, End: function () { show(-1); }, Escape: overview
      };
      if (!actions[event.key]) return;
      event.preventDefault();
      actions[event.key]();
    }
    document.addEventListener("keydown", onKey);
    coopmap.host.onKey(onKey);
  };
})();
