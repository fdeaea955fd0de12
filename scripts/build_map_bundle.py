"""Write static/map/bundle/coopmap.js, the map's scripts in one file (coopmap/assets.py says
why). Run after editing any of static/map/*.js:

    python scripts/build_map_bundle.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coopmap import assets  # noqa: E402

if __name__ == "__main__":
    path = assets.path_of(assets.BUNDLE_URL)
    path.write_text(assets.map_bundle(), encoding="utf-8")
    print(f"wrote {path}")
