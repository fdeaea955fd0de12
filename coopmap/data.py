"""Load and check the data files; derive the table of places from the table of pairings.

Every problem with a row is collected as a `Problem` that names the file, the row as a
spreadsheet shows it (the header is row 1) and the column, so that the people who keep the data
can find it; the rows without problems still load. Only a file that cannot be read at all
raises `DataFileError`.
"""

import difflib
import functools
import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from shapely.geometry import shape

from . import assets, schema
from .exc import DataFileError

PARTNERSHIPS_FILE = "partnerships.csv"
COORDINATES_FILE = "coordinates.csv"
REGIONS_FILE = "regions.csv"
AUTHORITY_TYPES_FILE = "authority_types.csv"

SIDES = schema.SIDES
PLACE_ATTRIBUTES = ("name", "authority_type", "seat", "region_2013", "region_current")
PARTNERSHIP_COLUMNS = (
    "pairing_id",
    *(f"{side}_{attribute}" for side in SIDES for attribute in PLACE_ATTRIBUTES),
    "source_file",
    "source_section",
    "source_text",
    "notes",
)
COORDINATE_COLUMNS = (
    "country",
    "authority_type",
    "name",
    "latitude",
    "longitude",
    "precision",
    "source",
    "source_id",
    "query",
    "note",
)
REGION_SEPARATOR = schema.REGION_SEPARATOR
FIRST_DATA_ROW = 2  # the header is row 1 in a spreadsheet


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, said so that a person can find and fix it."""

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = "error"  # or "warning": the rows still load

    def __str__(self):
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


@dataclass
class Dataset:
    """The pairings that passed the checks, their places, and every problem found."""

    partnerships: pd.DataFrame
    places: pd.DataFrame
    problems: list = field(default_factory=list)
    regions: pd.DataFrame = None
    authority_types: pd.DataFrame = None
    coordinates: pd.DataFrame = None  # the geocoding cache as read


def place_id(country, authority_type, name):
    """The key of a place: a name alone is not enough (Figuig is a commune and a province)."""
    return f"{country}:{authority_type}:{name}"


def _decode(path, raw, notices):
    """The text of a CSV: UTF-8 (with or without BOM), else Windows-1252 with a notice."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise DataFileError(
                path, f"neither UTF-8 nor Windows-1252 (line {line}); save it as 'CSV UTF-8'"
            ) from None
        notices.append(
            Problem(
                path.name,
                line,
                None,
                "not UTF-8: read as Windows-1252 (Excel's plain 'CSV'); check the accents, "
                "and save it as 'CSV UTF-8' next time.",
                "warning",
            )
        )
        return text


def read_csv(path, columns, notices=None):
    """Read a CSV as text, checking that it has `columns`; raise DataFileError if not.

    Exports of Excel are accepted as they come: UTF-8 with or without a byte order mark,
    Windows-1252, and `;` as the separator (French Excel); `notices` gets a warning for each
    of those guesses.
    """
    path = Path(path)
    notices = [] if notices is None else notices
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(path, "the file does not exist") from None
    text = _decode(path, raw, notices)
    header = text.split("\n", 1)[0]
    separator = ";" if header.count(";") > header.count(",") else ","
    if separator == ";":
        notices.append(
            Problem(path.name, 1, None, "columns separated by ';': read as such.", "warning")
        )
    try:
        frame = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataFileError(path, f"not a readable CSV: {error}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    _check_columns(path, frame, columns)
    return frame.apply(lambda column: column.str.strip())


def _check_columns(path, frame, columns):
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        unknown = [c for c in frame.columns if c not in columns]
        said = [f"{c}{_renamed(c, unknown)}" for c in missing]
        raise DataFileError(path, f"missing column(s): {'; '.join(said)}")


def _renamed(column, unknown):
    match = difflib.get_close_matches(column, unknown, n=1, cutoff=0.6)
    return f" (is '{match[0]}' it, renamed? Name it '{column}')" if match else ""


def write_csv_atomically(frame, path):
    """Write `frame` to `path` so that a crash leaves either the old file or the new one.

    The rows go to a temporary file in the same folder, flushed to disk, which then replaces
    the target in one rename: a reader never sees half a file.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
            frame.to_csv(f, index=False, lineterminator="\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def validate_partnerships(frame, regions, authority_types, file):
    """Split `frame` into the rows that pass every rule of `schema` and the problems found."""
    reference = schema.Reference.from_frames(regions, authority_types)
    valid, found = schema.validate_partnerships(frame, reference, FIRST_DATA_ROW)
    return valid, [Problem(file, row, column, message) for row, column, message in found]


@functools.cache
def territories():
    """Morocco's and France's outlines as the basemap draws them (shapely geometries).

    Read once per process: the file is an asset of the app, not an editable data file.
    """
    with open(assets.BASEMAP_FILE, encoding="utf-8") as f:
        features = json.load(f)["features"]
    outlines = {feature["properties"]["name"]: feature["geometry"] for feature in features}
    return {code: shape(outlines[name]) for code, name in schema.COUNTRY_NAMES.items()}


def validate_coordinates(frame, file=COORDINATES_FILE):
    valid, found = schema.validate_coordinates(frame, territories(), FIRST_DATA_ROW)
    return valid, [Problem(file, row, column, message) for row, column, message in found]


def derive_places(partnerships):
    """One row per place, with its number of partners, from the table of pairings."""
    sides = []
    for side, country in SIDES.items():
        columns = {f"{side}_{attribute}": attribute for attribute in PLACE_ATTRIBUTES}
        one_side = partnerships[list(columns)].rename(columns=columns)
        one_side.insert(0, "country", country)
        one_side["place_id"] = partnerships[f"{side}_place_id"]
        sides.append(one_side)
    every = pd.concat(sides, ignore_index=True)
    counts = every.place_id.value_counts()
    places = every.drop_duplicates("place_id").reset_index(drop=True)
    places["partner_count"] = places.place_id.map(counts).astype(int)
    return places


def attach_coordinates(places, coordinates):
    """Add latitude, longitude and provenance from the geocoding cache to `places`."""
    coordinates = coordinates.copy()
    coordinates["place_id"] = [
        place_id(*key)
        for key in zip(coordinates.country, coordinates.authority_type, coordinates.name)
    ]
    coordinates["latitude"] = pd.to_numeric(coordinates.latitude, errors="coerce")
    coordinates["longitude"] = pd.to_numeric(coordinates.longitude, errors="coerce")
    kept = ["place_id", "latitude", "longitude", "precision", "source", "source_id", "note"]
    merged = places.merge(coordinates[kept].drop_duplicates("place_id"), on="place_id", how="left")
    return merged


def read_coordinates(path, notices=None):
    """The geocoding cache at `path`, empty if there is none yet."""
    if not Path(path).exists():
        return pd.DataFrame(columns=COORDINATE_COLUMNS)
    return read_csv(path, COORDINATE_COLUMNS, notices)


def read_table(path, columns, notices):
    """A CSV (see `read_csv`) or an Excel workbook's first sheet, as text."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        return read_csv(path, columns, notices)
    try:
        frame = pd.read_excel(path, dtype=str).fillna("")
    except FileNotFoundError:
        raise DataFileError(path, "the file does not exist") from None
    except (ValueError, OSError, zipfile.BadZipFile) as error:
        raise DataFileError(path, f"not a readable Excel workbook: {error}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    _check_columns(path, frame, columns)
    return frame.apply(lambda column: column.str.strip())


def load(data_dir, partnerships_file=None, extra_coordinates=None):
    """Read every data file of `data_dir` into a checked `Dataset`.

    `partnerships_file` (CSV or .xlsx) replaces the folder's partnerships.csv: a list brought
    by a user, checked against the folder's regions, types and geocoding cache.
    `extra_coordinates` (rows of coordinates.csv) add points that are not in the cache, such
    as those a user placed for one session only; they win over the cache.
    """
    data_dir = Path(data_dir)
    partnerships_path = Path(partnerships_file or data_dir / PARTNERSHIPS_FILE)
    regions = read_csv(data_dir / REGIONS_FILE, ("country", "region_2013", "region_current"))
    authority_types = read_csv(
        data_dir / AUTHORITY_TYPES_FILE,
        ("country", "authority_type", "level", "label_fr", "label_en"),
    )
    notices = []
    raw = read_table(partnerships_path, PARTNERSHIP_COLUMNS, notices)
    partnerships, problems = validate_partnerships(
        raw, regions, authority_types, partnerships_path.name
    )
    problems = notices + problems
    partnerships = partnerships.copy()
    for side, country in SIDES.items():
        partnerships[f"{side}_place_id"] = [
            place_id(country, kind, name)
            for kind, name in zip(
                partnerships[f"{side}_authority_type"], partnerships[f"{side}_name"]
            )
        ]
    level = authority_types[authority_types.country == "MA"].set_index("authority_type").level
    partnerships["level"] = partnerships.morocco_authority_type.map(level)
    places = derive_places(partnerships)
    coordinates, wrong = validate_coordinates(
        read_coordinates(data_dir / COORDINATES_FILE, notices)
    )
    problems += wrong
    if extra_coordinates is not None and len(extra_coordinates):
        coordinates = pd.concat([extra_coordinates, coordinates], ignore_index=True)
    places = attach_coordinates(places, coordinates)
    return Dataset(
        partnerships.reset_index(drop=True), places, problems, regions, authority_types, coordinates
    )


def unplaced(places):
    """The places the map cannot draw, for the warning that lists them."""
    return places[places.latitude.isna() | places.longitude.isna()]
