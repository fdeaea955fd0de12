"""A list of pairings brought by a user: its template, its limits, and saving it.

An upload is checked with the same schema as the shipped file, against the shipped regions,
types and geocoding cache. Nothing is written to the data folder unless `save` is called.
"""

import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import data, publish
from .catalog import RIGHT_TO_LEFT, text
from .export import sheet_name

if TYPE_CHECKING:
    from .gazetteer import Candidate

MAX_ROWS = 2_000


def load(
    data_dir: str | Path,
    source: str | Path | data.Source,
    session_points: pd.DataFrame | None = None,
) -> data.Dataset:
    """The checked `Dataset` of the list `source` (a path, or a `data.Source` in memory), or
    DataFileError (unreadable, or more than MAX_ROWS rows: refused before they are checked).
    """
    return data.load(data_dir, source, session_points, max_rows=MAX_ROWS)


def template_xlsx(examples: Iterable[Mapping[str, str]], language: str) -> bytes:
    """A workbook to fill in: the columns with example rows (`examples`, records of
    partnerships.csv), and a sheet that explains them.
    """
    from openpyxl import Workbook  # only a download needs it

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name(text("sheet_pairings", language))  # read as the first sheet
    sheet.append(list(data.PARTNERSHIP_COLUMNS))
    for example in examples:
        sheet.append([example.get(column, "") for column in data.PARTNERSHIP_COLUMNS])
    guide = workbook.create_sheet(sheet_name(text("template_guide", language)))
    guide.sheet_view.rightToLeft = language in RIGHT_TO_LEFT  # the guide is in `language`
    guide.append([text("col_column", language), text("col_meaning", language)])
    for column in data.PARTNERSHIP_COLUMNS:
        guide.append([column, text(f"help_{column}", language)])
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def new_places(dataset: data.Dataset) -> pd.DataFrame:
    """The places of `dataset` that have no point yet."""
    return data.unplaced(dataset.places)


def choose_point(points: pd.DataFrame, place_id: str, candidate: "Candidate") -> bool:
    """Put `place_id` (a row of `points`) on `candidate`, one of its homonyms, if it is not
    there already; True if `points` changed.
    """
    ids = [data.place_id(*key) for key in zip(points.country, points.authority_type, points.name)]
    mine = pd.Series(ids, index=points.index) == place_id
    if not mine.any() or points.loc[mine, "source_id"].iloc[0] == candidate.source_id:
        return False
    points.loc[mine, ["latitude", "longitude"]] = [
        f"{candidate.latitude:.5f}",
        f"{candidate.longitude:.5f}",
    ]
    points.loc[mine, ["source_id", "note"]] = [candidate.source_id, "chosen among homonyms"]
    return True


def correct_points(points: pd.DataFrame, edited: pd.DataFrame) -> pd.DataFrame | None:
    """`points` with the latitudes and longitudes a person typed in `edited` (same rows), marked
    as manual; None if nothing moved. They are checked like the cache when the list loads.
    """
    moved = (edited.latitude != points.latitude) | (edited.longitude != points.longitude)
    if not moved.any():
        return None
    corrected = points.copy()
    corrected.loc[moved, ["latitude", "longitude"]] = edited.loc[moved, ["latitude", "longitude"]]
    corrected.loc[moved, ["source", "note"]] = ["manual", "corrected by hand on upload"]
    return corrected


def change(dataset: data.Dataset, data_dir: str | Path) -> tuple[publish.Change, pd.DataFrame]:
    """The list `dataset` against the published pairings of `data_dir`: a `publish.Change`,
    and the published pairings it was made against.

    A column the list does not have (an older template without `year`) keeps its published
    values: leaving a column out is not deleting what it holds.
    """
    published = data.read_csv(Path(data_dir) / data.PARTNERSHIPS_FILE, data.PARTNERSHIP_COLUMNS)
    proposed = dataset.partnerships
    if dataset.absent_columns:
        kept = published.set_index("pairing_id")
        proposed = proposed.copy()
        for column in dataset.absent_columns:
            proposed[column] = proposed.pairing_id.map(kept[column]).fillna("")
    return publish.compare(published, proposed), published


def save(
    dataset: data.Dataset,
    session_points: pd.DataFrame | None,
    data_dir: str | Path,
    who: str | None,
    base: str,
    replace: bool = False,
) -> publish.Version:
    """Publish the list `dataset` as a new version by editor `who` (see coopmap.publish).

    By default the list adds and updates pairings (by `pairing_id`) and removes none;
    `replace` makes the published pairings exactly the list's. Its points that pass the
    cache's checks join the cache. `base` is the fingerprint of the data the editor saw: if
    the published data changed since, nothing is written (publish.StaleData).
    """
    the_change, published = change(dataset, data_dir)
    pairings = publish.apply(published, the_change, replace)
    files = {data.PARTNERSHIPS_FILE: pairings}
    if session_points is not None and len(session_points):
        columns = list(data.COORDINATE_COLUMNS)
        points, _ = data.validate_coordinates(session_points[columns].astype(str))
        cache = data.read_coordinates(Path(data_dir) / data.COORDINATES_FILE)
        merged = pd.concat([cache, points[columns]])
        merged = merged.drop_duplicates(["country", "authority_type", "name"], keep="last")
        files[data.COORDINATES_FILE] = merged
    return publish.commit(data_dir, files, who, "save", the_change.summary(replace), base)
