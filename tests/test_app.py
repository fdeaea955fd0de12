"""The Streamlit app run headless with AppTest: every page in every language, a click, filters."""

import json
import re

import pandas as pd
import pytest

from coopmap import data, filters, mapview
from coopmap.catalog import LANGUAGES, STRINGS

from conftest import ROOT, click_map, said, script_calls, sign_in, type_into_picker

PAGES = [
    "pages/map.py",
    "pages/table.py",
    "pages/summary.py",
    "pages/programme.py",
    "pages/expertise.py",
    "pages/data.py",
    "pages/about.py",
]


def _map_args(at):
    [component] = at.get("component_instance")
    return json.loads(component.proto.json_args)


def _shown(element):
    """The text a Markdown element shows: data text in it is escaped with backslashes."""
    return re.sub(r"\\(.)", r"\1", element.value)


def _drawing(at):
    """What the map page gives its layer group: {"pairings": table} or {"flows", "regions"}."""
    script = _map_args(at)["feature_group"]
    [[_, table]] = script_calls(script, "pairings") or [[None, None]]
    if table is not None:
        return {"pairings": table}
    (_, flows), (_, regions) = script_calls(script, "features")
    return {"flows": flows, "regions": regions}


def _drawn_pairings(at):
    """The pairings the map draws: those whose two places have a point."""
    table = _drawing(at).get("pairings")
    if table is None:
        return 0
    placed = [latitude is not None for latitude in table["places"]["latitude"]]
    lines = zip(table["lines"]["morocco"], table["lines"]["france"])
    return sum(placed[morocco] and placed[france] for morocco, france in lines)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_every_language(app, page, language):
    app.session_state["language"] = language
    app.run()
    if page != PAGES[0]:
        app.switch_page(page)
        app.run()
    assert not app.exception
    title = "page_" + page.removeprefix("pages/").removesuffix(".py")
    assert app.title[0].value == STRINGS[title][language]


def _metrics(partnerships):
    """The three counts the pages show for `partnerships`, as the metrics write them."""
    return [str(n) for n in filters.counts(partnerships).values()]


def _involving(partnerships, *names):
    return partnerships[
        partnerships.morocco_name.isin(names) | partnerships.france_name.isin(names)
    ]


def test_the_map_page_draws_every_pairing_offline(app, shipped):
    app.run()
    assert [m.value for m in app.metric] == _metrics(shipped.partnerships)
    args = _map_args(app)
    assert _drawn_pairings(app) == len(shipped.partnerships)
    assert args["returned_objects"] == ["last_active_drawing"], "pan and zoom must not rerun"
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])


def test_a_filter_changes_counts_and_lines_but_not_the_base_map(app, shipped):
    app.run()
    base = _map_args(app)["script"]
    app.text_input(key="search").input("fes").run()
    fes = filters.apply(shipped.partnerships, filters.Selection(search="fes"))
    assert [m.value for m in app.metric] == _metrics(fes)
    assert _drawn_pairings(app) == len(fes) < len(shipped.partnerships)
    assert _map_args(app)["script"] == base, "the base map stays mounted, with its view"


def test_an_empty_selection_says_so_and_offers_a_reset(app, shipped):
    app.run()
    app.text_input(key="search").input("zzz").run()
    assert app.metric[0].value == "0"
    assert app.info[0].value == STRINGS["empty_result"]["fr"]
    app.button(key="reset_empty").click().run()
    assert app.metric[0].value == str(len(shipped.partnerships))


def test_clicking_a_place_lists_its_partners(app, shipped):
    app.run()
    oujda = int(shipped.places.index[shipped.places.name == "Oujda"][0])
    click_map(app, place=oujda)
    assert app.session_state["selected_place"] == "MA:commune urbaine:Oujda"
    # In the address at once: a link copied now opens on Oujda's partners.
    assert app.query_params["selected_place"] == "MA:commune urbaine:Oujda"
    [table] = app.table
    partners = sorted(re.sub(r"\\(.)", r"\1", name) for name in table.value.iloc[:, 0])
    assert partners == ["Aix-en-Provence", "Grenoble", "Lille"]
    assert _shown(app.subheader[0]) == "Partenaires d'Oujda"
    table = _drawing(app)["pairings"]
    assert table["places"]["name"][table["selected"]] == "Oujda"


def test_reset_forgets_the_filters_the_selected_place_and_the_view(app, shipped):
    app.query_params.update(search="oujda", view="38.4100,-1.3600,5.25")
    app.query_params["selected_place"] = "MA:commune urbaine:Oujda"
    app.run()
    assert _map_args(app)["zoom"] == 5.25, "the link's quarter zoom is taken"
    frame = script_calls(_map_args(app)["feature_group"], "pairings")[0][0]["resets"]
    app.button(key="reset_sidebar").click().run()
    assert not app.exception
    assert app.session_state["selected_place"] is None and app.session_state["search"] == ""
    assert "view" not in app.query_params and "selected_place" not in app.query_params
    assert app.metric[0].value == str(len(shipped.partnerships))
    assert not app.subheader, "no partners listed"
    # The map frames every pairing again, even where the drawing itself is the same.
    assert script_calls(_map_args(app)["feature_group"], "pairings")[0][0]["resets"] == frame + 1


def test_a_page_view_places_nothing_an_explicit_action_does(
    app, data_copy, monkeypatch, editors_file, shipped
):
    """Loading is pure: the map lists the places with no point and writes nothing. Placing
    them is a button on "Données et sources": Oujda is found again in the offline gazetteer and
    cached; Thorey-Lyautey (129 inhabitants) is in no gazetteer, and online geocoding is off.
    """
    path = data_copy / data.COORDINATES_FILE
    cache = pd.read_csv(path, dtype=str, keep_default_na=False)
    cache[~cache.name.isin(["Oujda", "Thorey-Lyautey"])].to_csv(path, index=False)
    before = path.read_bytes()
    monkeypatch.setenv("COOPMAP_DATA_DIR", str(data_copy))
    app.run()
    assert not app.exception
    [warning] = app.warning
    assert "Thorey-Lyautey" in _shown(warning) and "Oujda" in _shown(warning)
    total = len(shipped.partnerships)
    assert app.metric[0].value == str(total), "the pairing of an unplaced place still counts"
    # Oujda's and Thorey-Lyautey's pairings are not drawn.
    assert _drawn_pairings(app) == total - len(
        _involving(shipped.partnerships, "Oujda", "Thorey-Lyautey")
    )
    assert path.read_bytes() == before, "a page view wrote nothing"

    app.switch_page("pages/about.py").run()
    assert not [b for b in app.button if b.key == "place_missing"], "only editors place places"
    sign_in(app)
    app.button(key="place_missing").click().run()
    assert not app.exception
    [outcomes] = app.table
    names = [re.sub(r"\\(.)", r"\1", name) for name in outcomes.value.iloc[:, 0]]  # unescaped
    shown = dict(zip(names, outcomes.value.iloc[:, 2]))
    assert (
        "répertoire hors ligne" in shown["Oujda"]
        and "la géolocalisation en ligne est désactivée" in shown["Thorey-Lyautey"]
    )
    cache = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert cache[cache.name == "Oujda"].source.tolist() == ["geonames-cities500"]
    app.switch_page("pages/map.py").run()
    thorey = len(_involving(shipped.partnerships, "Thorey-Lyautey"))
    assert _drawn_pairings(app) == total - thorey, "the new point is read at once"


# A bad authority type and a file without its columns, as each reader is told.
ISOLATED = "\u2068{}\u2069"  # a value in an Arabic sentence (catalog.ISOLATE)
BAD_ROW_SAID = {
    "fr": (
        "partnerships.csv, ligne 4, colonne france_authority_type : type de collectivité "
        "inconnu « communne ». Vouliez-vous dire « commune » ?",
        "colonne(s) manquante(s) : pairing_id",
    ),
    "en": (
        "partnerships.csv, row 4, column france_authority_type: unknown authority type "
        "'communne'. Did you mean 'commune'?",
        "missing column(s): pairing_id",
    ),
    "ar": (
        "السطر " + ISOLATED.format(4),
        "هل تقصد «" + ISOLATED.format("commune") + "»؟",
        # The missing columns, a list: read from the right (U+2067), each column isolated.
        "عمود (أعمدة) ناقص: \u2068\u2067" + ISOLATED.format("pairing_id"),
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bad_row_is_reported_on_the_page(app, data_copy, monkeypatch, shipped, language):
    path = data_copy / data.PARTNERSHIPS_FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[2, "france_authority_type"] = "communne"
    frame.to_csv(path, index=False)
    monkeypatch.setenv("COOPMAP_DATA_DIR", str(data_copy))
    app.session_state["language"] = language
    app.run()
    [error] = app.error
    for words in BAD_ROW_SAID[language][:-1]:
        assert words in _shown(error)
    assert app.metric[0].value == str(len(shipped.partnerships) - 1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unreadable_file_stops_with_a_clear_error(app, data_copy, monkeypatch, language):
    (data_copy / data.PARTNERSHIPS_FILE).write_bytes("nom;ville\nFès;x\n".encode("cp1252"))
    monkeypatch.setenv("COOPMAP_DATA_DIR", str(data_copy))
    app.session_state["language"] = language
    app.run()
    assert not app.exception
    assert BAD_ROW_SAID[language][-1] in _shown(app.error[0])


def test_a_large_selection_shows_flows_and_a_region_click_narrows_it(app, monkeypatch, shipped):
    monkeypatch.setattr(mapview, "AGGREGATE_ABOVE", 10)
    app.run()
    assert said("aggregated", count=len(shipped.partnerships)).match(_shown(app.info[0]))
    flows = _drawing(app)["flows"]["features"]
    assert flows and all("flow" in f["properties"] for f in flows)
    click_map(app, region="Béni Mellal-Khénifra", country="MA")
    assert app.multiselect(key="morocco_regions").value == ["Béni Mellal-Khénifra"]
    region = filters.Selection(morocco_regions=("Béni Mellal-Khénifra",))
    narrowed = len(filters.apply(shipped.partnerships, region))
    assert app.metric[0].value == str(narrowed)
    assert _drawn_pairings(app) == narrowed <= 10, "few enough: single pairings again"


def test_a_link_with_a_map_view_opens_the_map_there(app):
    app.query_params["view"] = "40.5,-1.25,6"
    app.run()
    args = _map_args(app)
    assert (args["center"], args["zoom"]) == ([40.5, -1.25], 6)
    assert not app.info  # a valid view is not reported as ignored


def test_a_bad_map_view_is_ignored_with_a_notice(app):
    app.query_params["view"] = "north,-1.25,6"
    app.run()
    args = _map_args(app)
    assert (args["center"], args["zoom"]) == (None, None)
    assert "view" in app.info[0].value
    assert "view" not in app.query_params


def test_presentation_mode_shows_the_map_alone_with_a_way_out(app):
    app.query_params["present"] = "true"
    app.run()
    assert not app.exception
    assert not app.metric  # the counts and the place list make way for the map
    assert app.button(key="present_exit").label == STRINGS["present_exit"]["fr"]
    args = _map_args(app)
    # The map fills the screen under the bar (presentation.css; measured in the browser tests),
    # and the bar holds the Moroccan region filter, bound to the sidebar's.
    css = (ROOT / "static" / "presentation.css").read_text(encoding="utf-8")
    assert 'iframe[title="streamlit_folium.st_folium"]' in css and "100vh" in css
    app.multiselect(key="morocco_regions").set_value(["Souss-Massa"]).run()
    assert app.session_state["morocco_regions"] == ["Souss-Massa"]
    assert app.multiselect(key="morocco_regions").value == ["Souss-Massa"]
    assert app.session_state["present"] is True
    assert script_calls(args["script"], "look")[0][0]["present"] is True
    assert script_calls(args["script"], "steps")
    app.button(key="present_exit").click().run()
    assert app.metric and not script_calls(_map_args(app)["script"], "steps")


@pytest.mark.parametrize(
    "typed, place",
    [
        ("fes", "MA:commune urbaine:Fès"),
        ("st etienne", "FR:commune:Saint-Étienne"),
        ("SAINT-ETIENNE", "FR:commune:Saint-Étienne"),
        ("oujd", "MA:commune urbaine:Oujda"),
    ],
)
def test_a_name_typed_in_the_picker_is_found_as_the_search_finds_it(app, typed, place):
    """The picker's own filter folds nothing: a typed text the picker returns as new (as its
    browser sends it) goes to the search's matcher,
    which folds accents, hyphens and "st". tests/browser/test_screens_browser.py types it.
    """
    type_into_picker(app.run(), "selected_place", typed)
    assert not app.exception
    assert app.session_state["selected_place"] == place
    assert app.table  # its partners are listed


@pytest.mark.parametrize("typed, notice", [("zzz", "typed_none"), ("ma", "typed_several")])
def test_a_typed_name_that_finds_no_place_or_several_says_so(app, typed, notice):
    type_into_picker(app.run(), "selected_place", typed)
    assert not app.exception and app.session_state["selected_place"] is None
    [info] = app.info
    prefix = re.split(r"\{", STRINGS[notice]["fr"])[0]
    assert info.value.replace("\\", "").startswith(prefix)


def test_the_partners_follow_the_chosen_division(app):
    app.run()
    app.radio(key="division").set_value("2013").run()
    app.selectbox(key="selected_place").set_value("MA:commune urbaine:Fès").run()
    [table] = app.table
    regions = {re.sub(r"\\(.)", r"\1", r) for r in table.value.iloc[:, 2]}
    assert regions == {"Alsace", "Languedoc-Roussillon", "Rhône-Alpes"}


def test_turning_the_presentation_on_from_another_page_opens_the_map(app):
    app.run()
    app.switch_page("pages/table.py").run()
    app.toggle(key="present").set_value(True).run()
    assert not app.exception
    assert app.button(key="present_exit")  # the map page, presenting
    assert script_calls(_map_args(app)["script"], "steps")


def test_no_page_changes_the_shared_data(app, shipped):
    """The published data is one object that every session reads (st.cache_resource, not a
    copy per run): after every page, a search, a click and each language, it is still what
    the files hold.
    """
    import ui

    app.run()
    app.text_input(key="search").input("fes").run()
    click_map(app, place=int(shipped.places.index[shipped.places.name == "Fès"][0]))
    for language in ("en", "ar", "fr"):
        app.session_state["language"] = language
        for page in sorted((ROOT / "pages").glob("*.py")):
            app.switch_page(f"pages/{page.name}").run()
            assert not app.exception, page.name
    shared = ui.loading.published()
    for name in ("partnerships", "places", "coordinates", "sources", "authority_types"):
        pd.testing.assert_frame_equal(getattr(shared, name), getattr(shipped, name), obj=name)
    assert shared.problems == shipped.problems
