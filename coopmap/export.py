"""Downloads of a selection that say what they hold: a name with the filters and the date, an
.xlsx whose first sheet lists the filters, the source and the date, and CSV files.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a
formula by a spreadsheet (CSV injection). In CSV such a cell gets a leading apostrophe, the
mark spreadsheets take for "this is text"; in .xlsx the cell is written as a string, which a
spreadsheet never evaluates.

CSV comes in two dialects, two buttons, rather than one that changes with the interface's
language: the standard one (`,`), which programs read by default, and one for Excel in a
French setting (`;`, EXCEL_FR_SEPARATOR), which otherwise opens every row in one column. A
file then does not depend on the language of whoever downloaded it, and the button says which
is which. Both have a byte order mark, so that Excel reads the accents; neither has lines
above the header, which would trip programs: what a CSV holds is said by its name, and in
full in the .xlsx's first sheet.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol, TypeVar, cast

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import data, locales, place_names
from .catalog import STRINGS, joined, text
from .filters import DIVISIONS, Selection
from .sources import years
from .text import fold

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_FR_SEPARATOR = ";"
SLUG_LIMIT = 60  # characters of filters in a file name: enough to tell, short enough to read
SHEET_LIMIT = 31  # Excel's limit on a sheet's name
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a sheet's name
# A row of the first sheet of a download (see `about_rows`): a label and its value, or blanks.
AboutRow = tuple[str | None, str | int | None]
_T = TypeVar("_T")


class _PairingRow(Protocol):
    """A pairing as a row of `Dataset.partnerships` gives it (the columns read here)."""

    pairing_id: str
    morocco_place_id: str
    france_place_id: str
    morocco_name: str
    france_name: str
    level: str
    year: str
    agreement_kind: str
    source_text: str
    source_urls: str


def sheet_name(title: str) -> str:
    """`title` as Excel takes a sheet's name: without the characters it refuses, at most
    SHEET_LIMIT characters (a longer or odd name makes Excel "repair" the file).
    """
    return SHEET_FORBIDDEN.sub("", title)[:SHEET_LIMIT]


def _listed(cells: pd.Series[str], language: str) -> pd.Series[str]:
    """Cells that hold a list ("Souss-Massa|Drâa-Tafilalet") as `language` writes a list."""
    return cells.map(lambda cell: joined(cell.split(data.REGION_SEPARATOR), language))


def _regions(partnerships: pd.DataFrame, side: str, division: str, language: str) -> pd.Series[str]:
    return _listed(partnerships[f"{side}_region_{division}"], language)


def _word(prefix: str, code: str, language: str) -> str:
    """A code of the data (a precision, a source) as a word of `language`: the catalog's
    `prefix_code`, or the code itself if the catalog has no word for it.
    """
    key = f"{prefix}_{code}".replace("-", "_")
    return text(key, language) if key in STRINGS else code


def places_frame(
    places: pd.DataFrame, authority_types: pd.DataFrame, language: str
) -> pd.DataFrame:
    """The places and their points with readable columns in `language`: the country, the
    precision and the source of each point as words, not the cache's codes.
    """
    types = data.type_labels(authority_types, language)
    keys = zip(places.country, places.authority_type)
    return pd.DataFrame(
        {
            text("col_place", language): places.name,
            text("col_type", language): [types.get(key, key[1]) for key in keys],
            text("col_country", language): [
                text(f"country_name_{country}", language) for country in places.country
            ],
            text("col_region", language): _listed(places.region_current, language),
            text("col_latitude", language): places.latitude,
            text("col_longitude", language): places.longitude,
            text("col_precision", language): [
                _word("precision", p, language) for p in places.precision
            ],
            text("col_source", language): [
                _word("place_source", s, language) for s in places.source
            ],
            text("col_note", language): places.note,
        }
    ).reset_index(drop=True)


def pairings_frame(
    partnerships: pd.DataFrame,
    authority_types: pd.DataFrame,
    division: str | None,
    language: str,
    agreement_kinds: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The pairings with readable columns in `language`, as shown: regions in `division`;
    with `division=None`, as downloaded: regions in both divisions, each side. Then the year
    and kind of agreement (`agreement_kinds` labels them), which sources name the pairing, the
    line of the 2013 presentation and the pages' addresses (one per line).
    """
    type_label = data.type_labels(authority_types, language)
    kinds: dict[str, str] = {}
    if agreement_kinds is not None:
        kinds = dict(zip(agreement_kinds.agreement_kind, agreement_kinds[f"label_{language}"]))

    def column(key: str) -> str:
        return text(key, language)

    def side(side: str) -> dict[str, pd.Series[str] | list[str]]:
        if division:
            regions = {
                column(f"col_{side}_region"): _regions(partnerships, side, division, language)
            }
        else:
            regions = {
                column(f"col_{side}_region_{each}"): _regions(partnerships, side, each, language)
                for each in DIVISIONS
            }
        return {
            column(f"col_{side}"): partnerships[f"{side}_name"],
            column(f"col_{side}_type"): [
                type_label[(data.SIDES[side], kind)]
                for kind in partnerships[f"{side}_authority_type"]
            ],
            **regions,
        }

    return pd.DataFrame(
        {
            **side("morocco"),
            **side("france"),
            column("col_level"): [text(f"level_{level}", language) for level in partnerships.level],
            column("col_year"): years(partnerships),  # whole years; no year is left empty
            column("col_agreement_kind"): [kinds.get(k, k) for k in partnerships.agreement_kind],
            column("col_source_groups"): [
                joined((text(f"source_{g}", language) for g in groups.split("|") if g), language)
                for groups in partnerships.source_groups
            ],
            column("col_source_text"): partnerships.source_text,
            column("col_source_urls"): partnerships.source_urls,
        }
    ).reset_index(drop=True)


def _slug(words: Iterable[str]) -> str:
    """`words` as one ASCII file-name part: "Souss-Massa", "Fès" -> "souss-massa-fes"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(" ".join(words))).strip("-")


def file_name(
    stem: str, selection: Selection, language: str, extension: str, today: datetime.date
) -> str:
    """A download's name: `stem`, the filters of `selection` and the date, in ASCII, as in
    "partenariats-souss-massa-2026-12-02.xlsx". The filters are cut, at a word, to SLUG_LIMIT
    characters: the name tells them apart; the .xlsx's first sheet lists them in full.
    """
    words = [
        *selection.morocco_regions,
        *selection.france_regions,
        *selection.morocco_types,
        *selection.france_types,
        *(text(f"level_{level}", language) for level in selection.levels),
        selection.search,
        *(text(f"source_{group}", language) for group in selection.sources),
        "-".join(str(year) for year in selection.years),
    ]
    if selection.division != DIVISIONS[0]:
        words.insert(0, text(f"division_{selection.division}", language))
    filters = _slug(words)
    if len(filters) > SLUG_LIMIT:
        filters = filters[: SLUG_LIMIT + 1].rsplit("-", 1)[0]
    parts = [_slug([stem]), filters, today.isoformat()]
    return "-".join(part for part in parts if part) + "." + extension


def source_line(language: str, own_list: str | None = None) -> str:
    """Where the pairings come from: the published file and its source, or a list the visitor
    brought for the session (`own_list`, its file name).
    """
    if own_list:
        return text("about_source_own", language, name=own_list)
    return f"data/{data.PARTNERSHIPS_FILE} — {text('about_source_published', language)}"


def about_rows(
    selection: Selection,
    authority_types: pd.DataFrame,
    region_names: Mapping[str, Mapping[str, str]],
    count: int,
    source: str,
    language: str,
    today: datetime.date,
) -> list[AboutRow]:
    """The first sheet of a download: what it holds, as (label, value) rows; the filters as
    the sidebar names them, "all" where none is chosen, and the day as `language` writes it.
    """
    type_label = data.type_labels(authority_types, language)

    def listed(values: Iterable[str], label: Callable[[str], str] = str) -> str:
        return joined(map(label, values), language) or text("all", language)

    def level(value: str) -> str:
        return text(f"level_{value}", language)

    region = place_names.region_label(region_names, selection.division, language)

    def source_label(group: str) -> str:
        return text(f"source_{group}", language)

    return [
        (text("app_title", language), None),
        (text("about_filters", language), None),
        (text("morocco_region", language), listed(selection.morocco_regions, region)),
        (text("france_region", language), listed(selection.france_regions, region)),
        *(
            (
                text(f"{side}_type", language),
                listed(
                    getattr(selection, f"{side}_types"),
                    # mypy cannot infer a lambda with a default argument (checked by hand).
                    lambda kind, country=country: type_label[(country, kind)],  # type: ignore[misc]
                ),
            )
            for side, country in data.SIDES.items()
        ),
        (text("division", language), text(f"division_{selection.division}", language)),
        (text("level", language), listed(selection.levels, level)),
        (text("search", language), selection.search or text("about_no_search", language)),
        (text("sources_filter", language), listed(selection.sources, source_label)),
        (text("years", language), "–".join(map(str, selection.years)) or text("all", language)),
        (text("about_undated", language), text(f"about_{selection.undated}", language)),
        (None, None),
        (text("about_region_columns", language), text("about_region_columns_text", language)),
        (text("col_source", language), source),
        (text("about_date", language), locales.date(today, language)),
        (text("metric_pairings", language), count),
    ]


def _neutralise(value: _T) -> _T | str:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame, separator: str = ",") -> bytes:
    """`frame` as CSV in UTF-8 with a byte order mark, so that Excel reads the accents;
    `separator` EXCEL_FR_SEPARATOR for Excel in a French setting.
    """
    safe = frame.map(_neutralise)
    return safe.to_csv(index=False, sep=separator, lineterminator="\r\n").encode("utf-8-sig")


def _as_text(sheet: Worksheet, min_row: int) -> None:
    for row in sheet.iter_rows(min_row=min_row):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever it starts with


def _about_sheet(workbook: Workbook, title: str, rows: Sequence[AboutRow]) -> None:
    sheet = workbook.active
    sheet.title = sheet_name(title)
    for row in rows:
        sheet.append(list(row))
    _as_text(sheet, 1)  # a search text is the visitor's own: it stays text too
    for cell in sheet["A"]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = max(len(str(row[0] or "")) for row in rows) + 2
    sheet.column_dimensions["B"].width = 80


def xlsx_bytes(
    frame: pd.DataFrame,
    sheet_title: str,
    about: tuple[str, Sequence[AboutRow]] | None = None,
    right_to_left: bool = False,
) -> bytes:
    """`frame` as an .xlsx workbook: a sheet of the pairings, after a first sheet that says
    what they are if `about` is given, as (sheet title, rows of `about_rows`); every text
    cell stays text. `right_to_left`: the sheets read so (columns from the right), in Arabic.
    """
    workbook = Workbook()
    if about:
        _about_sheet(workbook, *about)
        sheet = workbook.create_sheet()
    else:
        sheet = workbook.active
    for each in workbook.worksheets:
        each.sheet_view.rightToLeft = right_to_left
    sheet.title = sheet_name(sheet_title)
    sheet.append([str(column) for column in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([None if value is pd.NA else value for value in row])  # an empty cell
    _as_text(sheet, 2)
    for index, column in enumerate(frame.columns, 1):
        width = max([len(str(column)), *(len(str(v)) for v in frame[column])], default=10)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def selection_geojson(partnerships: pd.DataFrame, places: pd.DataFrame) -> bytes:
    """The selected pairings and their places as GeoJSON, for GIS software.

    Straight lines between the places (GIS draws its own styles); the properties are the
    data's own text, JSON-encoded, not HTML.
    """
    located = places.dropna(subset=["latitude", "longitude"]).set_index("place_id")
    used = set(partnerships.morocco_place_id) | set(partnerships.france_place_id)
    features: list[dict[str, object]] = [
        {
            "type": "Feature",
            "properties": {
                "place": place_id,
                "country": place.country,
                "name": place["name"],
                "authority_type": place.authority_type,
                "region_2013": place.region_2013,
                "region_current": place.region_current,
            },
            "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
        }
        for place_id, place in located.iterrows()
        if place_id in used
    ]
    # A table of text: pandas types its cells as any scalar.
    rows = cast(Iterable[_PairingRow], partnerships.itertuples(index=False))
    for row in rows:
        if row.morocco_place_id in located.index and row.france_place_id in located.index:
            ends = [located.loc[p] for p in (row.morocco_place_id, row.france_place_id)]
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "pairing_id": row.pairing_id,
                        "morocco": row.morocco_name,
                        "france": row.france_name,
                        "level": row.level,
                        "year": None if row.year == "" else int(row.year),
                        "agreement_kind": row.agreement_kind,
                        "source_text": row.source_text,
                        "source_urls": [url for url in row.source_urls.split("\n") if url],
                    },
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[end.longitude, end.latitude] for end in ends],
                    },
                }
            )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
