"""Every state a user can reach, on every page: no exception, and exactly the notices expected.

One row of STATES per state: how it is reached (a link, data files changed, things pressed),
and which notices each page must show then, named by their catalog keys. A page shows no
notice that is not expected (so no false "ignored" notice, no error where there is none) and
no exception, neither Streamlit's nor the app's last net ("unexpected_error").
"""

import re
import shutil
from dataclasses import dataclass, field

import pandas as pd
import pytest

from coopmap import data, publish
from coopmap.catalog import STRINGS, Message, text

import spoil
from conftest import DATA_DIR, ROOT, said

PAGES = ("map", "table", "summary", "programme", "expertise", "data", "about")
# The keys a notice starts with: not the words inside one (a data file's problem, a geocoding
# outcome, which are lines of a notice).
NOTICE_KEYS = [
    key for key in STRINGS if key != "app_title" and not key.startswith(("problem_", "reason_"))
]
PROGRAMME_PAGES = {"programme", "expertise"}  # the pages that read the programme's files


def _list_csv(change=None):
    """A list of five published pairings as CSV bytes, changed by `change`."""
    frame = spoil.frame(DATA_DIR, data.PARTNERSHIPS_FILE)
    frame = frame.head(5)
    return (change(frame) if change else frame).to_csv(index=False).encode()


def _upload(content, name="ma-liste.csv"):
    def act(app):
        app.switch_page("pages/data.py").run()
        app.file_uploader(key="upload").set_value((name, content, "text/csv")).run()

    return act


def _use_list(content):
    def act(app):
        _upload(content)(app)
        app.button(key="use_for_session").click().run()

    return act


def _press(key):
    return lambda app: app.button(key=key).click().run()


def _then(*actions):
    def act(app):
        for action in actions:
            action(app)

    return act


def _choose(kind, key, value):
    """Set the sidebar's widget for `key` (a widget of `kind`) as a user would."""
    return lambda app: getattr(app, kind)(key=f"{key}").set_value(value).run()


def _set_points(**values):
    """Type `values` into the first row of the upload page's table of points."""

    def act(app):
        from coopmap import geocode

        app.button(key="geocode_new").click().run()  # the offline gazetteer finds nothing
        digest = next(iter(app.session_state["upload_outcomes"]))
        points = pd.DataFrame(
            [
                {
                    "country": "MA",
                    "authority_type": "commune urbaine",
                    "name": "Zzyzx",
                    "latitude": "31.5",
                    "longitude": "-7.9",
                    "precision": "town",
                    "source": "manual",
                    "source_id": "",
                    "query": "",
                    "note": "typed",
                }
                | values
            ]
        )
        app.session_state["session_points"] = {digest: points}
        assert geocode.NOT_FOUND in {
            o.status for o in app.session_state["upload_outcomes"][digest].values()
        }
        app.run()

    return act


def _select_table_row(row):
    def act(app):
        app.switch_page("pages/table.py").run()
        [table] = app.dataframe
        key = table.proto.id.split("-", 2)[2]  # the widget's own key, after its id's prefix
        app.session_state[key] = {"selection": {"rows": [row], "columns": []}}
        app.run()

    return act


@dataclass
class State:
    name: str
    query: dict = field(default_factory=dict)
    files: object = None  # a function that changes the data folder
    act: object = None  # what the user does after the first run
    # {page or "*": {notice keys}}: what each page must show ("*": every page).
    notices: dict = field(default_factory=dict)

    def expected(self, page):
        if page in self.notices:
            return self.notices[page]
        return self.notices.get("*", set()) | ALWAYS.get(page, set())


# What a page always says: the programme page, how much of the source the map covers.
ALWAYS = {"programme": {"coverage"}}


PROGRAMME_ERROR = {page: {"data_error"} for page in PROGRAMME_PAGES}
STATES = [
    State("default"),
    State("a Moroccan region", {"morocco_regions": ["Oriental"]}),
    State("a French region", {"france_regions": ["Hauts-de-France"]}),
    State("a Moroccan type", {"morocco_types": ["province"]}),
    State("a French type", {"france_types": ["département"]}),
    State("a level", {"levels": ["territory"]}),
    State("a search", {"search": ["fes"]}),
    State(
        "filters combined",
        {"morocco_regions": ["Oriental"], "levels": ["town"], "search": ["lille"]},
    ),
    State(
        "a search with no match",
        {"search": ["zzz"]},
        notices={page: {"empty_result"} for page in ("map", "table", "summary")},
    ),
    State("the 2013 division", {"division": ["2013"], "morocco_regions": ["Fès-Boulemane"]}),
    State("English", {"language": ["en"]}),
    State("presentation mode", {"present": ["true"]}),
    State("a selected place", {"selected_place": ["MA:commune urbaine:Oujda"]}),
    State("an old link with labels", {"levels": ["Régions et provinces"], "present": ["false"]}),
    State(
        "a link with garbage",
        {"levels": ["zzz"], "foo": ["x"], "view": ["1,2"]},
        notices={"*": {"ignored_params"}},
    ),
    State(
        "leaving presentation mode",
        {"present": ["true"]},
        act=_press("present_exit"),
    ),
    State("resetting the filters", {"morocco_regions": ["Oriental"]}, act=_press("reset_sidebar")),
    State(
        "switching the division",
        {"morocco_regions": ["Souss-Massa"]},
        act=_choose("radio", "division", "2013"),
    ),
    State(
        "a table row selected, then filtered away",
        act=_then(_select_table_row(30), _choose("text_input", "search", "fes")),
    ),
    State(
        "show on the map, with filters, in English",
        {"language": ["en"], "levels": ["town"]},
        act=_then(_select_table_row(3), _press("show_on_map")),
    ),
    State(
        "show on the map, with filters, in French",
        {"search": ["oujda"]},
        act=_then(_select_table_row(1), _press("show_on_map")),
    ),
    State(
        "a valid list for the session",
        act=_use_list(_list_csv()),
        notices={"*": {"using_session_data"}},
    ),
    State(
        "back to the published data",
        act=_then(_use_list(_list_csv()), _press("back_to_shipped")),
    ),
    State(
        "a list with a point typed out of range",
        act=_then(
            _upload(_list_csv(lambda f: f.assign(morocco_name="Zzyzx"))),
            _set_points(latitude="999"),
        ),
        # The point is refused, so the place is still to be placed.
        notices={"data": {"upload_ok", "data_problems", "unplaced_warning", "editor_only"}},
    ),
    State(
        "a list whose rows are all bad",
        act=_upload(_list_csv(lambda f: f.assign(france_authority_type="communne"))),
        notices={"data": {"upload_ok", "data_problems", "no_valid_row"}},
    ),
    State(
        "a changed list under the same name",
        act=_then(
            _use_list(_list_csv()),
            _upload(_list_csv(lambda f: f.head(2))),
            _press("use_for_session"),
        ),
        notices={"*": {"using_session_data"}},
    ),
    State(
        "partnerships.csv missing",
        files=spoil.remove(data.PARTNERSHIPS_FILE),
        notices={"*": {"data_error"}, "programme": {"data_error", "coverage"}},
    ),
    State(
        "a bad cell in partnerships.csv",
        files=spoil.cells(data.PARTNERSHIPS_FILE, (2, "france_authority_type", "communne")),
        notices={"map": {"data_problems"}, "about": {"data_problems"}},
    ),
    State(
        "coordinates.csv missing",
        files=spoil.remove(data.COORDINATES_FILE),
        notices={"map": {"unplaced_warning"}, "about": {"unplaced_warning"}},
    ),
    State(
        "a bad cell in coordinates.csv",
        files=spoil.cells(data.COORDINATES_FILE, (5, "latitude", "north")),
        notices={
            "map": {"data_problems", "unplaced_warning"},
            "about": {"data_problems", "unplaced_warning"},
        },
    ),
    State(
        "a bad cell in regions.csv",
        files=spoil.cells(data.REGIONS_FILE, (0, "country", "EH")),
        notices={"map": {"data_problems"}, "about": {"data_problems"}},
    ),
    State(
        "a bad cell in authority_types.csv",
        files=spoil.cells(data.AUTHORITY_TYPES_FILE, (2, "level", "city")),
        notices={"map": {"data_problems"}, "about": {"data_problems"}},
    ),
    State(
        "regions.csv missing",
        files=spoil.remove(data.REGIONS_FILE),
        notices={"*": {"data_error"}, "programme": {"data_error", "coverage"}},
    ),
    State(
        "a bad cell in programme_figures.csv",
        files=spoil.cells("programme_figures.csv", (0, "value", "1er")),
        notices=PROGRAMME_ERROR,
    ),
    State(
        "a bad cell in programme_items.csv",
        files=spoil.cells("programme_items.csv", (0, "depth", "deux")),
        notices=PROGRAMME_ERROR,
    ),
    State("contacts.csv missing", files=spoil.remove("contacts.csv"), notices=PROGRAMME_ERROR),
    State(
        "a bad cell in expertise_requests.csv",
        files=spoil.cells("expertise_requests.csv", (0, "requests", "-3")),
        notices=PROGRAMME_ERROR,
    ),
]


def _text(element):
    """The text a notice shows: Markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", element.value)


def _notice_keys(app, language):
    """The catalog keys of the notices on the page (each notice starts with its key's text);
    a notice that is no catalog text is kept as it is.
    """

    def forms(key):  # a message, or each of its plural forms
        entry = STRINGS[key][language]
        return entry if isinstance(entry, tuple) else (entry,)

    def literal(key):  # how much of the notice the key's text fixes: the longest wins
        return max(len(re.sub(r"\{\w+\}", "", form)) for form in forms(key))

    found = set()
    for kind in ("error", "warning", "info", "success"):
        for element in getattr(app, kind):
            text = _text(element)
            keys = [key for key in NOTICE_KEYS if said(key, language).match(text)]
            found.add(max(keys, key=literal) if keys else text)
    return found


@pytest.fixture
def reach(app, tmp_path, monkeypatch):
    """The app brought to a state on a page. A state that changes data files has a copy of
    the data of its own; the others share the shipped folder, which the app then loads once
    (it caches the data by folder), since none of them writes to it.
    """

    shipped_before = publish.fingerprint(DATA_DIR)

    def go(state, page):
        """A link opens the page itself; what a user does starts on the map, then goes there."""
        if state.files:
            folder = tmp_path / "data"
            shutil.copytree(DATA_DIR, folder)
            state.files(folder)
            monkeypatch.setenv("COOPMAP_DATA_DIR", str(folder))
        else:
            monkeypatch.setenv("COOPMAP_DATA_DIR", str(DATA_DIR))
        for key, values in state.query.items():
            app.query_params[key] = values
        if not state.act:
            return app.switch_page(f"pages/{page}.py").run()
        app.run()
        state.act(app)
        return app.switch_page(f"pages/{page}.py").run()

    yield go
    assert publish.fingerprint(DATA_DIR) == shipped_before, "a state wrote to the shipped data"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("state", STATES, ids=[s.name for s in STATES])
def test_every_state_on_every_page(reach, tmp_path, state, page):
    app = reach(state, page)
    assert not app.exception, [e.value for e in app.exception]
    shown = [e.value for kind in ("error", "warning", "info") for e in getattr(app, kind)]
    for folder in (ROOT, tmp_path):
        assert not any(str(folder) in notice for notice in shown), "no server path"
    language = app.session_state["language"]
    assert _notice_keys(app, language) == state.expected(page)


def test_a_division_switch_leaves_no_region_shown_that_is_not_applied(reach, shipped):
    """Souss-Massa is a region of today: in the 2013 division it is neither chosen nor linked."""
    app = reach(
        State("", {"morocco_regions": ["Souss-Massa"]}, act=_choose("radio", "division", "2013")),
        "map",
    )
    assert app.multiselect(key="morocco_regions").value == []
    assert app.metric[0].value == str(len(shipped.partnerships))
    assert "morocco_regions" not in app.query_params and app.query_params["division"] == "2013"


def test_programme_files_saved_by_excel_are_read_with_a_notice(reach):
    # A Western Excel writes "?" for what Windows-1252 lacks (the Arabic roles): the notice
    # tells the editor that the file was not saved as UTF-8.
    app = reach(State("", files=spoil.text("contacts.csv", str, "cp1252")), "programme")
    [warning] = app.warning
    windows = data.Problem("contacts.csv", 2, None, Message("problem_windows_1252"))
    assert windows.text("fr") in _text(warning)


def test_a_list_of_many_bad_rows_shows_the_first_200_problems_and_how_many_more(reach):
    """2,000 bad rows are counted and the first 200 said; the page stays readable."""
    frame = spoil.frame(DATA_DIR, data.PARTNERSHIPS_FILE)
    rows = pd.concat([frame] * 8, ignore_index=True).head(300)
    bad = rows.assign(
        pairing_id=[str(i) for i in range(300)],
        morocco_name=[f"{name} {i}" for i, name in enumerate(rows.morocco_name)],
        france_authority_type="communne",
    )
    app = reach(State("", act=_upload(bad.to_csv(index=False).encode())), "data")
    [problems] = [e for e in app.error if "left out" in e.value or "écartées" in e.value]
    lines = _text(problems).splitlines()
    assert lines[0] == text("data_problems", "fr", count=300)
    unknown = said("problem_unknown_type", value="communne")
    assert sum(bool(unknown.search(line)) for line in lines) == 200
    assert lines[-1] == text("more_problems", "fr", count=100)
