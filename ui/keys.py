"""Every key this app keeps in `st.session_state`: one table of name, default and purpose.

The modules of `ui/` and the pages name a key by its constant here, never by a string of its
own (tests/test_session_keys.py checks it). A key that is also a link's parameter takes its
default from `coopmap.links`, the format of the page's address. The widgets of the link's
state keep their values themselves (`persist_state="session"`): across pages, and while a page
does not draw them.
"""

from dataclasses import dataclass

from coopmap import links, mapview, settings


@dataclass(frozen=True)
class Key:
    name: str
    default: object  # a callable for a default read from the settings when the session starts
    help: str


def _link(name):
    parameter = links.BY_NAME[name]
    return Key(name, parameter.default, parameter.help)


def _basemap():
    basemap = settings.get("basemap")
    return basemap if basemap in mapview.MODES else mapview.MODES[0]


# The state a link carries, kept by the widgets of the sidebar and the map page.
LANGUAGE = "language"
BASEMAP = "basemap"
PRESENT = "present"
PLACE = "selected_place"  # the place selected on the map or in its picker
DIVISION = "division"
YEARS = "years"  # the slider's (first, last); [] or the whole range: no restriction
LINK_STATE = (
    _link(LANGUAGE),
    Key(BASEMAP, _basemap, links.BY_NAME[BASEMAP].help),
    _link(PRESENT),
    _link(PLACE),
    *(_link(name) for name in links.FILTERS),
)

# The choices whose options are shown in the reader's language (see ui/sidebar.py, _reword).
WORDED = (
    BASEMAP,
    DIVISION,
    PLACE,
    *(f"{side}_{kind}" for side in links.SIDES for kind in ("regions", "types")),
    "levels",
    "sources",
)

# The session's own.
LINK_READ = "link_read"
LINK_VIEW = "link_view"
LINK_DROPPED = "link_dropped"
PRESENT_ASKED = "present_asked"
RESETS = "resets"
UNREADABLE = "data_unreadable"
SESSION_LIST = "session_list"
SESSION_POINTS = "session_points"
EDITOR = "editor"
SIGNED_IN_AT = "signed_in_at"
SIGN_IN_ERROR = "sign_in_error"
EDITOR_NAME = "editor_name"
PASSWORD = "password"
CONFIRM_PASSWORD = "confirm_password"
MAP = "map"
PLACING_OUTCOMES = "placing_outcomes"
UPLOAD_OUTCOMES = "upload_outcomes"
PUBLISH_BASE = "publish_base"
SAVE_REPLACE = "save_replace"
HISTORY_SEEN = "history_seen"
SESSION = (
    Key(LINK_READ, False, "The session's link was read (once, as the session starts)."),
    Key(
        LINK_VIEW,
        None,
        "The map's view a link asked for: the map opens there (then keeps its own).",
    ),
    Key(LINK_DROPPED, None, "What the link asked that was dropped: said once, then gone."),
    Key(PRESENT_ASKED, False, "The presentation was just turned on: the map page shows it."),
    Key(RESETS, 0, "How many times the filters were reset: the map frames every pairing."),
    Key(UNREADABLE, None, "Why this run's data could not be read, in each language."),
    Key(SESSION_LIST, None, "The list this session explores: name, digest and content."),
    Key(SESSION_POINTS, {}, "{list digest: the points this session found for its places}."),
    Key(EDITOR, None, "The local editor this session signed in as."),
    Key(SIGNED_IN_AT, 0, "When that editor typed their password last (time.time())."),
    Key(SIGN_IN_ERROR, None, "The catalog key of the last refused sign-in."),
    Key(EDITOR_NAME, "", "The sign-in form's name field."),
    Key(PASSWORD, "", "The sign-in form's password field (emptied as it is read)."),
    Key(CONFIRM_PASSWORD, "", "The password field of a stale editor's confirmation."),
    Key(MAP, None, "The map's last click, as st_folium returns it."),
    Key(PLACING_OUTCOMES, None, "What placing the published places on the map found."),
    Key(UPLOAD_OUTCOMES, {}, "{list digest: {place: geocoding outcome}} of the data page."),
    Key(PUBLISH_BASE, {}, "{list digest: the published fingerprint the list was checked on}."),
    Key(SAVE_REPLACE, False, "The data page's choice to replace the published pairings."),
    Key(HISTORY_SEEN, None, "The published fingerprint the history page showed last."),
)
PRESSED = "{button}:pressed"  # a family: an action button's press, for the run it starts

KEYS = {key.name: key for key in LINK_STATE + SESSION}


def default(name):
    """The default of key `name` (a fresh copy of a list or a dict)."""
    value = KEYS[name].default
    value = value() if callable(value) else value
    return type(value)(value) if isinstance(value, list | dict) else value


def link_defaults():
    """The link's state before anything is chosen."""
    return {key.name: default(key.name) for key in LINK_STATE}
