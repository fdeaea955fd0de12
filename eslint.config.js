// The JavaScript linter of the app's own scripts (static/, not static/vendor/): eslint's
// recommended rules, run by the test command as `npx --no-install eslint static`.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  {ignores: ["static/vendor/", "static/map/bundle/"]},  // the bundle: made of the others
  js.configs.recommended,
  {
    // The map's scripts: classic scripts that streamlit-folium (or an exported file) loads
    // one after the other into the map's page, after Leaflet (`L`); they share `coopmap`.
    files: ["static/map/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: {...globals.browser, L: "readonly"},
    },
  },
  {
    // The table read right to left: a Streamlit component (st.components.v2), an ES module.
    files: ["static/table.js"],
    languageOptions: {sourceType: "module", globals: globals.browser},
  },
];
