"""Downloads of a selection: CSV that Excel opens with its accents, and .xlsx.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a
formula by a spreadsheet (CSV injection). In CSV such a cell gets a leading apostrophe, the
mark spreadsheets take for "this is text"; in .xlsx the cell is written as a string, which a
spreadsheet never evaluates.
"""

import io
import json

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter

from .catalog import text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def pairings_frame(partnerships, authority_types, division, language):
    """The pairings with readable columns in `language`, as shown and downloaded."""
    types = authority_types.drop_duplicates("authority_type")
    type_label = dict(zip(types.authority_type, types[f"label_{language}"]))

    def column(key):
        return text(key, language)

    def regions(side):
        return partnerships[f"{side}_region_{division}"].str.replace("|", ", ")

    return pd.DataFrame(
        {
            column("col_morocco"): partnerships.morocco_name,
            column("col_morocco_type"): partnerships.morocco_authority_type.map(type_label),
            column("col_morocco_region"): regions("morocco"),
            column("col_france"): partnerships.france_name,
            column("col_france_type"): partnerships.france_authority_type.map(type_label),
            column("col_france_region"): regions("france"),
            column("col_level"): [text(f"level_{level}", language) for level in partnerships.level],
            column("col_source_text"): partnerships.source_text,
        }
    ).reset_index(drop=True)


def _neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame):
    """`frame` as CSV in UTF-8 with a byte order mark, so that Excel reads the accents."""
    safe = frame.map(_neutralise)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(frame, sheet_title):
    """`frame` as an .xlsx workbook of one sheet; every text cell stays text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]  # Excel's limit
    sheet.append([str(column) for column in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([None if value is None else value for value in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
    for index, column in enumerate(frame.columns, 1):
        width = max([len(str(column)), *(len(str(v)) for v in frame[column])], default=10)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def selection_geojson(partnerships, places):
    """The selected pairings and their places as GeoJSON, for GIS software.

    Straight lines between the places (GIS draws its own styles); the properties are the
    data's own text, JSON-encoded, not HTML.
    """
    located = places.dropna(subset=["latitude", "longitude"]).set_index("place_id")
    used = set(partnerships.morocco_place_id) | set(partnerships.france_place_id)
    features = [
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
    for row in partnerships.itertuples(index=False):
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
                        "source_text": row.source_text,
                    },
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[end.longitude, end.latitude] for end in ends],
                    },
                }
            )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
