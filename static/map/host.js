/* Every touch of the page the map is embedded in: Streamlit's page, the app's (the parent
 * document). Loaded before the other map scripts (coopmap/mapview/elements.py).
 *
 * streamlit-folium draws the map in an iframe of the app's own origin, so the map's scripts
 * could reach into Streamlit's page anywhere; they do it only here, through the functions
 * below, and find Streamlit's elements only through SELECTORS. Streamlit does not promise its
 * markup: tests/browser/test_host_selectors_browser.py checks, in the running app, that each
 * selector still finds its element. Outside the app (an exported file, a test page) there is
 * no host: every function does nothing, and the map is light.
 */
(function () {
  "use strict";
  var coopmap = (window.coopmap = window.coopmap || {});

  // Streamlit's elements the map looks at, by name: the CSS selector, and what it is for.
  var SELECTORS = {
    // The app's root element. Streamlit gives it the theme's CSS `color-scheme`, "light" or
    // "dark", and a new class when the theme changes: the map follows it (look.js).
    app: "[data-testid='stApp']",
    // The button that folds the sidebar away, while the sidebar is open: on a phone, a search
    // typed in the sidebar closes it, to show the map (layers.js).
    sidebarClose: "[data-testid='stSidebarCollapseButton'] button[aria-expanded='true']"
  };
  var PHONE_WIDTH = 640;  // px: below it Streamlit lays the sidebar over the page

  // The app's window, or null when the map is not embedded in a page of its origin.
  function page() {
    try {
      var parent = window.parent;
      return parent !== window && parent.document ? parent : null;
    } catch {
      return null;  // embedded in a page of another origin
    }
  }

  // The page's first element matching SELECTORS[name], or null.
  function find(name) {
    var host = page();
    return host && host.document.querySelector(SELECTORS[name]);
  }

  // Calls `listen(target)` now, and `unlisten(target)` when this map's page goes (a rerun
  // that draws a new map, another page of the app): listeners on the app's page must not
  // outlive the map they serve.
  function whileHere(target, listen, unlisten) {
    listen(target);
    window.addEventListener("pagehide", function () { unlisten(target); });
  }

  coopmap.host = {
    selectors: SELECTORS,

    // Whether the app shows its dark theme.
    isDark: function () {
      var app = find("app");
      return app !== null && page().getComputedStyle(app).colorScheme === "dark";
    },

    // Calls `then()` whenever the app's theme may have changed (the theme switched in the
    // app's menu, or the system's followed): Streamlit then gives its root a new class.
    onThemeChange: function (then) {
      var app = find("app");
      if (!app) return;
      var watch = new MutationObserver(function () { then(); });
      whileHere(watch, function (observer) {
        observer.observe(app, {attributes: true, attributeFilter: ["class", "style"]});
      }, function (observer) { observer.disconnect(); });
    },

    // The page's address as a URL, or null outside the app.
    address: function () {
      var host = page();
      return host && new URL(host.location.href);
    },

    // Shows `url` in the page's address bar, in place of the current address: no new entry in
    // the history, no rerun (Streamlit is not told).
    setAddress: function (url) {
      var host = page();
      if (host) host.history.replaceState(host.history.state, "", url.toString());
    },

    // Calls `then()` after each change of the page's address (Streamlit writes it after a
    // rerun, from the query it knows), where the browser has the Navigation API (Baseline
    // since 2026); elsewhere never.
    onAddressChange: function (then) {
      var host = page();
      if (!host || !host.navigation) return;
      whileHere(host.navigation, function (navigation) {
        navigation.addEventListener("currententrychange", then);
      }, function (navigation) { navigation.removeEventListener("currententrychange", then); });
    },

    // Calls `handler(event)` for each key pressed on the app's page (outside the map).
    onKey: function (handler) {
      var host = page();
      if (!host) return;
      whileHere(host.document, function (document) {
        document.addEventListener("keydown", handler);
      }, function (document) { document.removeEventListener("keydown", handler); });
    },

    // On a phone, folds the sidebar away if it is open: there it lies over the page.
    closeSidebarOnPhone: function () {
      var host = page();
      if (!host || host.innerWidth > PHONE_WIDTH) return;
      var close = find("sidebarClose");
      if (close) close.click();
    },

    // Scrolls every box that holds the map back to its top: the page, its main column.
    scrollToTop: function () {
      if (!page()) return;
      for (var box = window.frameElement; box; box = box.parentElement) box.scrollTop = 0;
    }
  };
})();
