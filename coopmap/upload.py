"""A list of pairings brought by a user: its template, its limits, and saving it.

An upload is checked with the same schema as the shipped file, against the shipped regions,
types and geocoding cache. Nothing is written to the data folder unless `save` is called.
"""

import io
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from . import data
from .catalog import text
from .exc import DataFileError

MAX_ROWS = 2_000


def load(data_dir, path, session_points=None):
    """The checked `Dataset` of the list at `path`, or DataFileError (too long, unreadable)."""
    dataset = data.load(data_dir, path, session_points)
    rows = len(dataset.partnerships) + len({p.row for p in dataset.problems if p.row})
    if rows > MAX_ROWS:
        raise DataFileError(
            Path(path).name, f"{rows} rows; at most {MAX_ROWS} can be checked at once."
        )
    return dataset


def template_xlsx(example, language):
    """A workbook to fill in: the columns with one example row, and a sheet that explains them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "partnerships"
    sheet.append(list(data.PARTNERSHIP_COLUMNS))
    sheet.append([example.get(column, "") for column in data.PARTNERSHIP_COLUMNS])
    guide = workbook.create_sheet(text("template_guide", language))
    guide.append([text("col_column", language), text("col_meaning", language)])
    for column in data.PARTNERSHIP_COLUMNS:
        guide.append([column, text(f"help_{column}", language)])
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def new_places(dataset):
    """The places of `dataset` that have no point yet."""
    return data.unplaced(dataset.places)


def save(dataset, session_points, data_dir):
    """Write the valid pairings and their session points into the data folder, atomically.

    The points go first: should the second write fail, the cache only holds places more.
    """
    data_dir = Path(data_dir)
    if session_points is not None and len(session_points):
        cache = data.read_coordinates(data_dir / data.COORDINATES_FILE)
        merged = pd.concat([cache, session_points[list(data.COORDINATE_COLUMNS)]])
        merged = merged.drop_duplicates(["country", "authority_type", "name"], keep="last")
        data.write_csv_atomically(merged, data_dir / data.COORDINATES_FILE)
    rows = dataset.partnerships[list(data.PARTNERSHIP_COLUMNS)]
    data.write_csv_atomically(rows, data_dir / data.PARTNERSHIPS_FILE)
