"""What the eye sees of the map: is every drawn line and circle on top, in its own colour?

A map whose layers all exist can still show nothing: a basemap painted over the pairings leaves
every Leaflet count right. So this helper looks at a screenshot of the map's iframe, once the
map has settled. For every line it samples points along the line, and for every circle points
on its ring; a sample is visible when a pixel within a few pixels of it has the layer's own
colour, drawn at its own opacity over one of the colours the map can have beneath it (land,
sea, borders, a tile). Samples that something is meant to cover are not counted: an HTML
control (the legend, the step-through's caption, the buttons), another line or circle touching
it (a place's circle over its lines, a crossing, translucent lines over one another), and
points outside the view: the question is whether a mark alone over the basemap shows.
"""

import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from coopmap.palette import PALETTES

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
VISIBLE_SHARE = 0.99  # the share of samples that must show their layer's colour
NEAR = 3  # pixels around a sample where the colour may be found
TOLERANCE = 12  # on each of red, green and blue (0-255), after blending at the layer's opacity
COVERAGE = 0.6  # of a pixel at the edge of a line, by the line (anti-aliasing)
LINE_FRACTIONS = tuple(i / 20 for i in range(1, 20, 2))  # 0.05, 0.15, ... 0.95
RING_DIRECTIONS = 12

# The map's state, for "has it settled": its view, the layers it holds, and whether anything
# is still moving or loading.
MAP_STATE = """() => {
  if (!window.map || !window.L) return null;
  let layers = 0, loading = false;
  map.eachLayer(layer => {
    layers += 1;
    if (layer instanceof L.TileLayer && layer.isLoading()) loading = true;
  });
  const moving = Boolean(map._animatingZoom || (map._panAnim && map._panAnim._inProgress));
  const centre = map.getCenter();
  return {layers, loading, moving, view: [centre.lat.toFixed(5), centre.lng.toFixed(5),
                                          map.getZoom()]};
}"""

# Every sample, in the iframe's CSS pixels, with the colour and opacity its layer draws, and
# whether something covers it by design: an HTML control, or another line or circle touching
# it (a place's circle over its lines, a crossing, translucent lines over one another). The
# marks are taken from Leaflet's canvas renderers, in the order they are painted.
SAMPLES = """([fractions, directions]) => {
  const box = map.getContainer().getBoundingClientRect();
  const size = map.getSize();
  const isMark = layer => layer instanceof L.CircleMarker ||
    (layer instanceof L.Polyline && !(layer instanceof L.Polygon));
  const renderers = new Set();
  map.eachLayer(layer => {
    if (isMark(layer) && layer._renderer && layer.options.stroke !== false) {
      renderers.add(layer._renderer);
    }
  });
  const zIndex = r => Number(getComputedStyle(r.getPane()).zIndex) || 0;
  const painted = [];
  for (const renderer of [...renderers].sort((a, b) => zIndex(a) - zIndex(b))) {
    for (let link = renderer._drawFirst; link; link = link.next) {
      if (isMark(link.layer)) painted.push(link.layer);
    }
  }
  // `covers(p, reach)`: whether this mark's stroke (or disc) comes within `reach` px of p.
  const shapes = painted.map(layer => {
    const half = (layer.options.weight || 0) / 2;
    if (layer instanceof L.CircleMarker) {
      const centre = map.latLngToContainerPoint(layer.getLatLng());
      return {layer, half, covers: (p, reach) =>
        p.distanceTo(centre) <= layer.options.radius + half + reach};
    }
    const points = layer.getLatLngs().flat(Infinity).map(ll => map.latLngToContainerPoint(ll));
    return {layer, half, points, covers: (p, reach) => points.some((a, i) =>
      i > 0 && L.LineUtil.pointToSegmentDistance(p, points[i - 1], a) <= half + reach)};
  });
  const inView = p => p.x >= 4 && p.y >= 4 && p.x <= size.x - 4 && p.y <= size.y - 4;
  // An HTML control above the map (legend, caption, buttons, tooltips) covers it on purpose.
  const underControl = p => {
    const element = document.elementFromPoint(box.left + p.x, box.top + p.y);
    return !(element instanceof HTMLCanvasElement);
  };
  const samples = [];
  function add(order, kind, p) {
    if (!inView(p)) return;
    const {layer, half} = shapes[order];
    // Another mark touching this one's stroke there covers it (painted later) or tints it
    // (beneath a translucent mark): only a mark alone over the basemap must show its colour.
    const touched = shapes.some((shape, other) => other !== order && shape.covers(p, half + 1));
    const properties = (layer.feature && layer.feature.properties) || {};
    const covered = underControl(p) ? "control" : (touched ? "mark" : null);
    samples.push({kind, name: String(properties.tooltip || ""), x: box.left + p.x,
                  y: box.top + p.y, covered, colour: layer.options.color,
                  opacity: layer.options.opacity ?? 1});
  }
  shapes.forEach((shape, order) => {
    const layer = shape.layer;
    if (layer instanceof L.CircleMarker) {
      const centre = map.latLngToContainerPoint(layer.getLatLng());
      for (let k = 0; k < directions; k++) {
        const angle = (2 * Math.PI * k) / directions;
        add(order, "circle", L.point(centre.x + layer.options.radius * Math.cos(angle),
                                     centre.y + layer.options.radius * Math.sin(angle)));
      }
      return;
    }
    const points = shape.points;
    const lengths = [0];
    for (let i = 1; i < points.length; i++) {
      lengths.push(lengths[i - 1] + points[i].distanceTo(points[i - 1]));
    }
    const total = lengths[lengths.length - 1];
    if (total < 10) return;
    for (const fraction of fractions) {
      const at = fraction * total;
      let i = 1;
      while (i < lengths.length - 1 && lengths[i] < at) i++;
      const t = (at - lengths[i - 1]) / (lengths[i] - lengths[i - 1] || 1);
      add(order, "line", L.point(points[i - 1].x + t * (points[i].x - points[i - 1].x),
                                 points[i - 1].y + t * (points[i].y - points[i - 1].y)));
    }
  });
  return samples;
}"""


def rgb(colour):
    """'#0072B2' as (0, 114, 178)."""
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def backgrounds(theme, tile_colour=None):
    """The colours the map can show beneath a layer, in `theme`: land, sea, borders, a tile."""
    palette = PALETTES[theme]
    found = [rgb(palette.land), rgb(palette.sea), rgb(palette.border)]
    return found + ([rgb(tile_colour)] if tile_colour else [])


def wait_until_settled(frame, timeout=30.0, steady=1.0):
    """Wait until the map has held the same view and layers, nothing moving or loading, for
    `steady` seconds; raise AssertionError if it never does.
    """
    deadline = time.monotonic() + timeout
    last, since = None, None
    while time.monotonic() < deadline:
        state = frame.evaluate(MAP_STATE)
        calm = state is not None and not state["moving"] and not state["loading"]
        if not calm or state != last:
            last, since = state, time.monotonic()
        elif time.monotonic() - since >= steady:
            frame.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
            return state
        frame.page.wait_for_timeout(100)
    raise AssertionError(f"the map never settled: {last}")


def _visible(pixels, sample, under):
    """Whether a pixel near `sample` shows its layer's colour over one of the `under` colours.

    The colour is the layer's, blended at its opacity over the colour beneath; a pixel at the
    edge of a thin line is only partly covered (anti-aliasing), so a pixel counts when it lies
    on the way from the colour beneath to that blend, at least COVERAGE of the way.
    """
    x, y = round(sample["x"]), round(sample["y"])
    height, width, _ = pixels.shape
    window = pixels[
        max(0, y - NEAR) : min(height, y + NEAR + 1), max(0, x - NEAR) : min(width, x + NEAR + 1)
    ].reshape(-1, 3)
    colour = np.array(rgb(sample["colour"]), dtype=float)
    alpha = float(sample["opacity"])
    for beneath in np.array(under, dtype=float):
        drawn = alpha * colour + (1 - alpha) * beneath
        step = drawn - beneath
        coverage = (window - beneath) @ step / max(step @ step, 1e-9)
        nearest = beneath + np.clip(coverage, 0, 1)[:, None] * step
        close = np.abs(window - nearest).max(axis=1) <= TOLERANCE
        if (close & (coverage >= COVERAGE)).any():
            return True
    return False


def check_map_pixels(page, under, artifact, in_iframe=True):
    """Screenshot the settled map and check its samples; return the report.

    `under`: the colours beneath the layers (see `backgrounds`); `artifact`: where the
    screenshot goes, with a copy that marks each hidden sample with a red square. The map is
    the app's, in streamlit-folium's iframe, or (`in_iframe=False`) the page's own (an
    exported file), whose Leaflet map is `window.map`.
    """
    if in_iframe:
        iframe = page.locator(MAP_IFRAME).last
        iframe.scroll_into_view_if_needed()
        frame, shot = iframe.element_handle().content_frame(), iframe.screenshot
    else:
        frame, shot = page.main_frame, page.screenshot
    wait_until_settled(frame)
    samples = frame.evaluate(SAMPLES, [list(LINE_FRACTIONS), RING_DIRECTIONS])
    artifact = Path(artifact)
    artifact.parent.mkdir(parents=True, exist_ok=True)
    shot(path=artifact)
    image = Image.open(artifact).convert("RGB")
    pixels = np.asarray(image, dtype=float)
    counted = [s for s in samples if not s["covered"]]
    hidden = [s for s in counted if not _visible(pixels, s, under)]
    marked = image.copy()
    draw = ImageDraw.Draw(marked)
    for sample in hidden:
        x, y = sample["x"], sample["y"]
        draw.rectangle([x - 4, y - 4, x + 4, y + 4], outline=(255, 0, 0), width=2)
    marked.save(artifact.with_name(artifact.stem + "-hidden.png"))
    report = PixelReport(len(counted), hidden, len(samples) - len(counted))
    artifact.with_suffix(".txt").write_text(f"{report}\n", encoding="utf-8")
    return report


class PixelReport:
    """How many samples were counted, which were hidden, and how many were covered by design."""

    def __init__(self, counted, hidden, covered):
        self.counted, self.hidden, self.covered = counted, hidden, covered

    @property
    def share(self):
        return 1 - len(self.hidden) / self.counted if self.counted else 0.0

    def __str__(self):
        names = sorted({s["name"] for s in self.hidden})[:10]
        return (
            f"{self.counted - len(self.hidden)} of {self.counted} samples show their layer's "
            f"colour ({self.share:.1%}); {self.covered} covered by design; hidden on: {names}"
        )

    def assert_visible(self, at_least=1):
        """At least VISIBLE_SHARE of the samples visible, and at least `at_least` counted."""
        assert self.counted >= at_least, f"too few samples to judge: {self}"
        assert self.share >= VISIBLE_SHARE, str(self)
