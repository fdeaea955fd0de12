"""Issue 13: a summary whose charts name every region, downloads that say what they hold,
programme pages whose figures read in full, and filters only on the pages they filter. Issue 22:
the right words in each language (codes as words, sheets and lists as the language writes them).
"""

import datetime
import io
import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager

from coopmap import (
    assets,
    charts,
    export,
    filters,
    locales,
    mapview,
    palette,
    place_names,
    programme,
    regionmap,
    summary,
)
from coopmap.catalog import LANGUAGES, STRINGS, text
from coopmap.filters import Selection

from conftest import read_rows

DAY = datetime.date(2026, 12, 2)
FILTER_KEYS = ("division", "morocco_regions", "levels", "search", "reset_sidebar")


def _open(app, page, **query):
    for key, value in query.items():
        app.query_params[key] = [value]
    app.run()
    return app.switch_page(f"pages/{page}.py").run()


def _charts(app):
    return [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]


def _sidebar_keys(app):
    return {getattr(element, "key", None) for element in app.sidebar}


# A. The summary


def test_regions_sort_as_a_reader_looks_them_up(shipped):
    """Île-de-France among the I, not after every unaccented name."""
    table = summary.matrix(shipped.partnerships, "current")
    french = list(table.columns)
    assert french.index("Île-de-France") < french.index("Nouvelle-Aquitaine")
    assert french == sorted(french, key=lambda name: name.casefold().replace("î", "i"))


def test_the_heat_map_labels_every_region_in_full(shipped):
    flows = summary.flows(shipped.partnerships, "current")
    spec = charts.heat_map(flows, ("Maroc", "France", "N")).to_dict()
    [cells, _] = spec["layer"]
    for axis in ("x", "y"):
        options = cells["encoding"][axis]["axis"]
        assert options["labelOverlap"] is False and options["labelLimit"] == 0
    assert cells["encoding"]["y"]["sort"] == sorted(flows.morocco.unique(), key=summary.fold)
    assert spec["height"] == {"step": charts.BAND}
    assert spec["width"] == {"step": charts.BAND + 6}


def test_one_region_makes_a_chart_and_a_whole_legend_not_a_strip(shipped):
    chosen = filters.apply(shipped.partnerships, Selection(morocco_regions=("Souss-Massa",)))
    flows = summary.flows(chosen, "current")
    assert flows.morocco.nunique() * charts.BAND < charts.MIN_HEIGHT
    spec = charts.heat_map(flows, ("Maroc", "France", "N")).to_dict()
    assert spec["height"]["step"] * flows.morocco.nunique() >= charts.MIN_HEIGHT
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["orient"] == "top" and legend["direction"] == "horizontal"


@pytest.mark.parametrize(
    ("division", "region", "shown", "hidden"),
    [
        ("current", "Souss-Massa", "Souss-Massa", "Souss-Massa-Drâa"),
        ("2013", "Souss-Massa-Drâa", "Souss-Massa-Drâa", "Souss-Massa"),
    ],
)
def test_the_summary_follows_the_division_chosen(app, division, region, shown, hidden):
    app = _open(app, "summary", division=division, morocco_regions=region)
    assert not app.exception
    heat_map = _charts(app)[-1]  # after the years and each side
    regions = set(app.dataframe[0].value[STRINGS["col_region"]["fr"]])
    assert shown in regions and hidden not in regions
    captions = " ".join(caption.value for caption in app.caption)
    assert STRINGS[f"division_{division}"]["fr"] in captions
    assert heat_map["height"]["step"] * len(regions) >= charts.MIN_HEIGHT
    assert len(app.dataframe) == 3  # each side, and the matrix


def test_a_selection_with_no_pairing_says_so_instead_of_empty_charts(app):
    app = _open(app, "summary", search="zzz")
    assert not app.exception
    assert [info.value for info in app.info] == [STRINGS["empty_result"]["fr"]]
    assert not _charts(app) and not app.dataframe


# B. Downloads


def test_a_file_name_holds_the_filters_and_the_date():
    selection = Selection(morocco_regions=("Souss-Massa",))
    assert export.file_name("partenariats", selection, "fr", "xlsx", DAY) == (
        "partenariats-souss-massa-2026-12-02.xlsx"
    )
    assert export.file_name("partenariats", Selection(), "fr", "csv", DAY) == (
        "partenariats-2026-12-02.csv"
    )
    folded = Selection(
        division="2013", france_regions=("Île-de-France",), levels=("town",), search="Fès"
    )
    assert export.file_name("partnerships", folded, "en", "csv", DAY) == (
        "partnerships-2013-regions-source-ile-de-france-towns-and-groupings-fes-2026-12-02.csv"
    )


def test_a_file_name_stays_short_and_ascii():
    many = Selection(morocco_regions=("Tanger-Tétouan-Al Hoceïma", "Drâa-Tafilalet", "Fès-Meknès"))
    name = export.file_name("partenariats", many, "fr", "xlsx", DAY)
    assert name.isascii() and " " not in name
    filters_part = name.removeprefix("partenariats-").removesuffix("-2026-12-02.xlsx")
    assert len(filters_part) <= export.SLUG_LIMIT
    assert filters_part.startswith("tanger-tetouan-al-hoceima-draa-tafilalet")
    assert not filters_part.endswith("-")


def test_the_download_has_both_divisions_each_side(shipped):
    frame = export.pairings_frame(shipped.partnerships, shipped.authority_types, None, "fr")
    for column in (
        "Région actuelle (Maroc)",
        "Région de 2013 (Maroc)",
        "Région actuelle (France)",
        "Région de 2013 (France)",
    ):
        assert column in frame.columns
    fes = frame[frame["Collectivité marocaine"] == "Fès"].iloc[0]
    assert (fes["Région actuelle (Maroc)"], fes["Région de 2013 (Maroc)"]) == (
        "Fès-Meknès",
        "Fès-Boulemane",
    )


def _about(shipped, selection, language="fr", search_source=None):
    """The .xlsx the table page serves: filtered on the files' names, shown in `language`'s."""
    chosen = filters.apply(shipped.partnerships, selection)
    shipped, chosen = place_names.shown(shipped, chosen, language)
    frame = export.pairings_frame(chosen, shipped.authority_types, None, language)
    rows = export.about_rows(
        selection,
        shipped.authority_types,
        shipped.region_names,
        len(chosen),
        export.source_line(language, search_source),
        language,
        DAY,
    )
    pairings, about = (STRINGS[key][language] for key in ("sheet_pairings", "about_sheet"))
    content = export.xlsx_bytes(frame, pairings, (about, rows), language == "ar")
    return content, len(chosen)


def test_the_workbook_first_sheet_says_what_it_holds(shipped):
    selection = Selection(morocco_regions=("Souss-Massa",), levels=("town",), search="agadir")
    content, count = _about(shipped, selection)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["À propos", "Partenariats"]
    about = dict(row for row in workbook["À propos"].iter_rows(values_only=True) if row[0])
    assert about["Région marocaine"] == "Souss-Massa"
    assert about["Région française"] == "Tous"
    assert about["Découpage régional"] == "Régions actuelles"
    assert about["Niveau"] == "Villes et groupements"
    assert about["Rechercher un lieu"] == "agadir"
    assert about["Téléchargé le"] == "2 décembre 2026"
    assert about["Partenariats"] == count == workbook["Partenariats"].max_row - 1
    assert about["Source"].startswith("data/partnerships.csv — présentation du programme")
    assert "2013" in about["Colonnes « Région »"]


def test_the_workbook_in_arabic_reads_right_to_left_with_arabic_names(shipped):
    content, count = _about(shipped, Selection(morocco_regions=("Souss-Massa",)), "ar")
    workbook = load_workbook(io.BytesIO(content))
    assert all(sheet.sheet_view.rightToLeft for sheet in workbook.worksheets)
    about = dict(row for row in workbook.worksheets[0].iter_rows(values_only=True) if row[0])
    assert about[STRINGS["morocco_region"]["ar"]] == "سوس-ماسة"
    assert about[STRINGS["about_date"]["ar"]] == locales.date(DAY, "ar")
    pairings = workbook.worksheets[1]
    header = [cell.value for cell in pairings[1]]
    regions = [
        row[header.index(STRINGS["col_morocco_region_current"]["ar"])].value
        for row in pairings.iter_rows(min_row=2)
    ]
    assert len(regions) == count
    assert all("سوس-ماسة" in cell and not re.search("[A-Za-z]", cell) for cell in regions)


def test_the_workbook_keeps_a_search_that_looks_like_a_formula_as_text(shipped):
    content, _ = _about(shipped, Selection(search="=1+1"), "en", search_source="=my list.csv")
    sheet = load_workbook(io.BytesIO(content))["About"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows() if row[0].value}
    assert (cells["Search a place"].value, cells["Search a place"].data_type) == ("=1+1", "s")
    assert cells["Source"].value.endswith("=my list.csv") and cells["Source"].data_type == "s"


def test_the_csv_for_french_excel_has_semicolons_and_a_bom(shipped):
    frame = export.pairings_frame(shipped.partnerships, shipped.authority_types, None, "fr")
    frame.iloc[0, 0] = "=cmd"
    content = export.csv_bytes(frame, export.EXCEL_FR_SEPARATOR)
    assert content.startswith(b"\xef\xbb\xbf")
    header = content.decode("utf-8-sig").splitlines()[0]
    assert header.split(";")[:3] == [
        "Collectivité marocaine",
        "Type (Maroc)",
        "Région actuelle (Maroc)",
    ]
    back = pd.read_csv(io.BytesIO(content), sep=";", encoding="utf-8-sig", dtype=str)
    assert back.shape == frame.shape and back.iloc[0, 0] == "'=cmd"
    standard = export.csv_bytes(frame).decode("utf-8-sig").splitlines()[0]
    assert standard.startswith("Collectivité marocaine,Type (Maroc),")


class _Head(HTMLParser):
    """The <html> tag's attributes and the <title> inside <head>."""

    def __init__(self):
        super().__init__()
        self.lang, self.titles, self._in = None, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "html" and self.lang is None:
            self.lang = dict(attrs).get("lang")
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data):
        if self._in[-2:] == ["head", "title"]:
            self.titles.append(data)


def test_the_exported_map_has_a_title_and_a_language(shipped):
    labels = {key: key for key in ("legend_title", "legend_size", "level_town")}
    labels |= {key: key for key in mapview.SHARE_LABELS + mapview.STEP_LABELS}
    labels |= {key: key for key in ("level_territory", "country_MA", "country_FR")}
    labels |= {key: key for key in ("online_basemap", "offline_basemap", "partners")}
    labels |= {key: key for key in ("basemap", *mapview.CONTROL_LABELS)}
    labels |= {key: key for key in ("source", "approximate")}
    labels |= {key: key for key in ("year", "year_unknown", "agreement", "sources_label")}
    labels |= {"types": {}, "list_separator": ", ", "language": "fr"}
    drawing = mapview.layers(shipped.partnerships.head(2), shipped.places, labels)
    page = mapview.standalone_html(labels, drawing, "Coopération <franco-marocaine>", "t", "fr")
    head = _Head()
    head.feed(page)
    assert head.lang == "fr"
    assert head.titles == ["Coopération <franco-marocaine>"]


def _downloads(app, monkeypatch):
    """Record what each download button would serve: {file name: bytes}."""
    served = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **options):
        served[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **options)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return served


def test_the_table_page_downloads_say_what_they_hold(app, monkeypatch):
    served = _downloads(app, monkeypatch)
    app = _open(app, "table", morocco_regions="Souss-Massa")
    assert not app.exception
    today = datetime.date.today().isoformat()
    names = {f"partenariats-souss-massa-{today}.{ext}" for ext in ("csv", "xlsx")}
    names.add(f"partenariats-excel-souss-massa-{today}.csv")
    assert names <= set(served)
    workbook = load_workbook(io.BytesIO(served[f"partenariats-souss-massa-{today}.xlsx"]()))
    about = dict(row for row in workbook.worksheets[0].iter_rows(values_only=True) if row[0])
    assert workbook.sheetnames[0] == "À propos"
    assert about["Région marocaine"] == "Souss-Massa"
    assert about["Téléchargé le"] == locales.date(datetime.date.today(), "fr")
    assert about["Partenariats"] == int(app.metric[0].value)
    excel = served[f"partenariats-excel-souss-massa-{today}.csv"]()
    assert excel.startswith(b"\xef\xbb\xbf") and b";" in excel.splitlines()[0]


def test_the_table_page_says_when_no_pairing_is_left(app):
    app = _open(app, "table", search="zzz")
    assert [info.value for info in app.info] == [STRINGS["empty_result"]["fr"]]
    assert not app.dataframe


# C. The programme pages


@pytest.mark.parametrize(
    ("value", "french", "english"),
    [(1, "1re", "1st"), (2, "2e", "2nd"), (3, "3e", "3rd"), (4, "4e", "4th"), (11, "11e", "11th")]
    + [(21, "21e", "21st"), (112, "112e", "112th")],
)
def test_ranks_read_as_ordinals(value, french, english):
    assert programme.ordinal(value, "fr") == french
    assert programme.ordinal(value, "en") == english


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_figures_show_whole_labels_and_a_rank_once(app, language):
    app = _open(app, "programme", language=language)
    assert not app.exception
    numbers = [subheader.value for subheader in app.subheader]
    labels = [markdown.value.replace("\\", "") for markdown in app.markdown]
    values = dict(zip(labels, numbers))  # a card per figure: its number, then its label
    label = {row["figure"]: row[f"label_{language}"] for row in read_rows(programme.FIGURES_FILE)}
    # In Arabic the number is a Unicode isolate (catalog.ISOLATE) in the sentence.
    arabic = tuple(f"المرتبة \u2068{n}\u2069" for n in (3, 1))
    ranks = {"fr": ("3e", "1re"), "en": ("3rd", "1st"), "ar": arabic}
    assert values[label["rank_world"]] == ranks[language][0]
    assert values[label["rank_mediterranean"]] == ranks[language][1]
    assert not app.metric  # a metric cut its label and its value to one line
    for label in list(values)[:10]:
        assert not label[0].isdigit(), label  # the rank is the number, not the label


def test_the_pages_name_the_project_exchange_one_way(app):
    for page in ("programme", "expertise"):
        app = _open(app, page)
        shown = " ".join(m.value for m in app.markdown) + " ".join(m.value for m in app.caption)
        assert "bourse de projet" not in shown.lower()
        assert "bourse à projet" in shown.lower() or page == "expertise"


def test_the_requesters_take_the_checked_palette_and_a_whole_legend(app):
    app = _open(app, "expertise")
    assert not app.exception
    _, by_requester = _charts(app)
    colour = by_requester["encoding"]["color"]
    assert colour["scale"]["range"] == palette.chart_colours(3)
    assert colour["scale"]["domain"] == [
        STRINGS[f"col_{kind}"]["fr"] for kind in programme.REQUESTER_COLUMNS
    ]
    assert colour["legend"]["labelLimit"] == 0
    assert by_requester["encoding"]["y"]["axis"]["labelLimit"] == 0


# D. Filters only where they filter


@pytest.mark.parametrize("page", ["programme", "expertise", "data", "about", "history"])
def test_pages_that_do_not_filter_show_no_filter(app, page):
    app = _open(app, page, morocco_regions="Oriental")
    assert not app.exception
    keys = _sidebar_keys(app)
    assert "language" in keys and not keys & set(FILTER_KEYS)
    assert app.query_params["morocco_regions"] == "Oriental"  # still chosen, still linked


@pytest.mark.parametrize("page", ["map", "table", "summary"])
def test_pages_of_pairings_show_the_filters(app, page):
    app = _open(app, page, morocco_regions="Oriental")
    assert set(FILTER_KEYS) <= _sidebar_keys(app)
    assert app.multiselect(key="morocco_regions").value == ["Oriental"]
    sidebar = [getattr(element, "key", None) for element in app.sidebar]
    assert sidebar.index("language") < sidebar.index("division") < sidebar.index("basemap")


def test_the_filters_come_back_as_they_were_after_a_page_without_them(app, shipped):
    fes = str(len(filters.apply(shipped.partnerships, filters.Selection(search="fes"))))
    app = _open(app, "table", search="fes")
    assert app.metric[0].value == fes
    app.switch_page("pages/programme.py").run()
    app.switch_page("pages/summary.py").run()
    assert app.text_input(key="search").value == "fes" and app.metric[0].value == fes


# E. Streamlit's own words


def test_the_upload_says_in_the_visitors_language_what_the_drop_zone_says_in_english(app):
    app = _open(app, "data")
    [uploader] = app.get("file_uploader")
    assert uploader.proto.help == STRINGS["upload_help"]["fr"].format(size=5)


def test_the_filters_leave_out_streamlit_s_select_all(app):
    """A filter with nothing chosen keeps everything: Streamlit's "Select all" (English in
    every language, and the same as no choice) is left out of each list.
    """
    app = _open(app, "table", language="ar")
    assert app.multiselect and all(choice.proto.select_all == 0 for choice in app.multiselect)


# F. The right words in each language (issue 22)


def _places_page(app, language):
    """The places table of "Données et sources" in `language`, and the page's captions."""
    app = _open(app, "about", language=language)
    assert not app.exception
    [table] = app.dataframe
    return table.value, [caption.value for caption in app.caption]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sources_page_says_its_codes_and_its_basemap_in_the_reader_s_words(app, language):
    places, captions = _places_page(app, language)

    def shown(column):
        return set(places[STRINGS[column][language]])

    def words(prefix):
        return {entry[language] for key, entry in STRINGS.items() if key.startswith(prefix)}

    assert shown("col_country") == {STRINGS[f"country_name_{c}"][language] for c in ("MA", "FR")}
    assert shown("col_precision") <= words("precision_")
    assert shown("col_source") <= words("place_source_")
    provenance = STRINGS["basemap_provenance"][language]
    assert text("about_basemap", language, provenance=provenance) in captions
    assert (STRINGS["basemap_provenance"]["en"] == provenance) is (language == "en")


def test_the_sources_page_names_the_moroccan_places_in_arabic_script(app, shipped):
    places, _ = _places_page(app, "ar")
    moroccan = places[places[STRINGS["col_country"]["ar"]] == STRINGS["country_name_MA"]["ar"]]
    names = moroccan[STRINGS["col_place"]["ar"]]
    assert "الدار البيضاء" in set(names) and "Casablanca" not in set(names)
    # In Latin script only where no source names the place in Arabic (reported, not guessed).
    unnamed = place_names.missing(shipped.places).name
    assert set(names[names.str.contains("[A-Za-z]")]) == set(unnamed)
    assert not moroccan[STRINGS["col_region"]["ar"]].str.contains("[A-Za-z]").any()


def test_the_basemap_note_in_english_is_the_basemap_file_s_own():
    """The catalogs translate the file's provenance: a basemap rebuilt with another one fails
    here until the catalogs say the new one.
    """
    with open(assets.BASEMAP_FILE, encoding="utf-8") as f:
        assert STRINGS["basemap_provenance"]["en"] == json.load(f)["provenance"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workbook_s_sheets_are_named_in_the_reader_s_language(app, monkeypatch, language):
    served = _downloads(app, monkeypatch)
    app = _open(app, "table", language=language)
    [name] = [name for name in served if name.endswith(".xlsx")]
    workbook = load_workbook(io.BytesIO(served[name]()))
    assert workbook.sheetnames == [STRINGS[k][language] for k in ("about_sheet", "sheet_pairings")]


def test_a_sheet_s_name_is_one_excel_takes():
    title = export.sheet_name("Partenariats [2013]: Fès/Meknès*? \\ " + "x" * 40)
    assert len(title) == export.SHEET_LIMIT and not set("[]:*?/\\") & set(title)
    workbook = load_workbook(io.BytesIO(export.xlsx_bytes(pd.DataFrame({"a": [1]}), title)))
    assert workbook.sheetnames == [title]


def test_arabic_lists_are_separated_by_the_arabic_comma(shipped):
    several = shipped.partnerships.morocco_region_2013.str.contains("|", regex=False)
    arabic, pairings = place_names.shown(shipped, shipped.partnerships, "ar")
    frame = export.pairings_frame(pairings, arabic.authority_types, "2013", "ar")
    regions = frame[STRINGS["col_morocco_region"]["ar"]]
    assert list(regions.str.contains("، ")) == list(several) and several.any()
    assert not regions.str.contains(",", regex=False).any()
    assert frame[STRINGS["col_source_groups"]["ar"]].str.contains("، ").any()
    selection = Selection(morocco_regions=("Souss-Massa", "Oriental"))
    rows = export.about_rows(
        selection, shipped.authority_types, shipped.region_names, 3, "", "ar", DAY
    )
    assert dict(rows)[STRINGS["morocco_region"]["ar"]] == "سوس-ماسة، الشرق"


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
@pytest.mark.parametrize("division", ["current", "2013"])
def test_the_summary_maps_each_side_in_the_division_chosen(app, division, language):
    """Two region maps, Morocco then France, each fetching its division's outlines, with a
    table beside each: in every language, no error.
    """
    app = _open(app, "summary", division=division, language=language)
    assert not app.exception
    maps = [spec["layer"][1] for spec in _charts(app) if "layer" in spec and "projection" in spec]
    assert [spec["data"]["url"] for spec in maps] == [
        regionmap.outline_url(side, division) for side in ("morocco", "france")
    ]
    assert [caption.value for caption in app.caption].count(
        STRINGS["region_map_outlines"][language]
    ) == 1
