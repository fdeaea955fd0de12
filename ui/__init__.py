"""The Streamlit edge shared by the pages: one module per concern, each read in one sitting.

    ui/
    ├── keys.py       every key of the session, its default and purpose, in one table
    ├── language.py   the reader's language: words, numbers, direction
    ├── loading.py    the data through st.cache_data; the list a session explores
    ├── editors.py    sign-in, the editor panel, why a write was refused
    ├── actions.py    buttons whose press survives a rerun
    ├── state.py      the reader's choices and the address that carries them
    ├── sidebar.py    language, basemap, presentation and the filters
    ├── notices.py    the session's list, the counts, the data files' problems
    └── mapglue.py    what the map needs: its words, its base map, sources, type names

The work is done by the `coopmap` package, which has no Streamlit in it. The names the pages
use most are here, so that a page reads `ui.t(...)`, `ui.selected()`.
"""

from .actions import action_button, pressed, was_pressed
from .editors import current_editor, editor_panel, report_write_error, writing_editor
from .keys import PLACE, RESETS, SESSION_LIST
from .language import joined, language, number, right_to_left, said, set_direction, t
from .loading import (
    dataset,
    published,
    published_fingerprint,
    say_if_unreadable,
    session_points,
    set_session_points,
    the_programme,
)
from .mapglue import (
    EMBED_CSS,
    MAP_PAGE_CSS,
    PRESENTATION_CSS,
    base_map,
    map_labels,
    source_links,
    type_label,
)
from .notices import metrics, report_notices, report_problems, session_banner
from .sidebar import region_filter, sidebar
from .state import (
    embedded,
    exit_presentation,
    full_app_link,
    narrow_to_region,
    presenting,
    read_link,
    reset_filters,
    selected,
    view,
)

__all__ = [
    "EMBED_CSS",
    "MAP_PAGE_CSS",
    "PLACE",
    "PRESENTATION_CSS",
    "RESETS",
    "SESSION_LIST",
    "action_button",
    "base_map",
    "current_editor",
    "dataset",
    "editor_panel",
    "embedded",
    "exit_presentation",
    "full_app_link",
    "joined",
    "language",
    "map_labels",
    "metrics",
    "narrow_to_region",
    "number",
    "presenting",
    "pressed",
    "published",
    "published_fingerprint",
    "read_link",
    "region_filter",
    "report_notices",
    "report_problems",
    "report_write_error",
    "reset_filters",
    "right_to_left",
    "said",
    "say_if_unreadable",
    "selected",
    "session_banner",
    "session_points",
    "source_links",
    "set_direction",
    "set_session_points",
    "sidebar",
    "t",
    "the_programme",
    "type_label",
    "view",
    "was_pressed",
    "writing_editor",
]
