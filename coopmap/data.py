"""Load and check the data files; derive the table of places from the table of pairings.

Every problem with a row is collected as a `Problem` that names the file, the row as a
spreadsheet shows it (the header is row 1) and the column, so that the people who keep the data
can find it; the rows without problems still load. Only a file that cannot be read at all
raises `DataFileError`.
"""

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .exc import DataFileError

PARTNERSHIPS_FILE = "partnerships.csv"
COORDINATES_FILE = "coordinates.csv"
REGIONS_FILE = "regions.csv"
AUTHORITY_TYPES_FILE = "authority_types.csv"

SIDES = {"morocco": "MA", "france": "FR"}
PLACE_ATTRIBUTES = ("name", "authority_type", "seat", "region_2013", "region_current")
PARTNERSHIP_COLUMNS = (
    "pairing_id",
    *(f"{side}_{attribute}" for side in SIDES for attribute in PLACE_ATTRIBUTES),
    "source_file",
    "source_section",
    "source_text",
    "notes",
)
REQUIRED_VALUES = tuple(
    f"{side}_{attribute}"
    for side in SIDES
    for attribute in ("name", "authority_type", "region_2013", "region_current")
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
REGION_SEPARATOR = "|"
FIRST_DATA_ROW = 2  # the header is row 1 in a spreadsheet


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, said so that a person can find and fix it."""

    file: str
    row: int | None
    column: str | None
    message: str

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


def read_csv(path, columns):
    """Read a UTF-8 CSV as text, checking that it has `columns`; raise DataFileError if not."""
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataFileError(path, "the file does not exist") from None
    except UnicodeDecodeError as error:
        raise DataFileError(
            path, f"not UTF-8 (byte {error.start}); save it as 'CSV UTF-8' and try again"
        ) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataFileError(path, f"not a readable CSV: {error}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFileError(path, f"missing column(s): {', '.join(missing)}")
    return frame.apply(lambda column: column.str.strip())


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


def _close_match(value, accepted):
    match = difflib.get_close_matches(value, accepted, n=1, cutoff=0.6)
    return f" Did you mean '{match[0]}'?" if match else ""


def validate_partnerships(frame, regions, authority_types, file):
    """Split `frame` into the rows that pass every check and the problems found."""
    problems = []
    bad_rows = set()

    def report(index, column, message):
        problems.append(Problem(file, index + FIRST_DATA_ROW, column, message))
        bad_rows.add(index)

    crosswalk = set(zip(regions.country, regions.region_2013, regions.region_current))
    for index, row in frame.iterrows():
        for column in REQUIRED_VALUES:
            if not row[column]:
                report(index, column, "empty; every pairing needs this value.")
        for side, country in SIDES.items():
            kind = row[f"{side}_authority_type"]
            accepted = authority_types.loc[authority_types.country == country, "authority_type"]
            if kind and kind not in set(accepted):
                report(
                    index,
                    f"{side}_authority_type",
                    f"unknown authority type '{kind}'.{_close_match(kind, list(accepted))} "
                    f"Accepted: {', '.join(accepted)}.",
                )
            region_2013 = row[f"{side}_region_2013"]
            known_2013 = sorted(set(regions.loc[regions.country == country, "region_2013"]))
            if not region_2013:
                continue  # reported as empty above
            if region_2013 not in known_2013:
                report(
                    index,
                    f"{side}_region_2013",
                    f"unknown region '{region_2013}'.{_close_match(region_2013, known_2013)} "
                    f"See {REGIONS_FILE} for the accepted names.",
                )
                continue
            current = [r for r in row[f"{side}_region_current"].split(REGION_SEPARATOR) if r]
            for region in current:
                region = region.strip()
                if (country, region_2013, region) not in crosswalk:
                    allowed = sorted(
                        regions.loc[
                            (regions.country == country) & (regions.region_2013 == region_2013),
                            "region_current",
                        ]
                    )
                    report(
                        index,
                        f"{side}_region_current",
                        f"'{region}' is not one of today's regions that {region_2013} lies in "
                        f"({', '.join(allowed)}).",
                    )
    keys = frame.morocco_name + "\0" + frame.france_name
    keys = keys + "\0" + frame.morocco_authority_type + "\0" + frame.france_authority_type
    for index in frame.index[keys.duplicated(keep="first")]:
        first = frame.index[keys == keys[index]][0]
        report(
            index,
            None,
            f"duplicate of row {first + FIRST_DATA_ROW} "
            f"({frame.morocco_name[index]} – {frame.france_name[index]}); keep one of them.",
        )
    valid = frame.drop(index=sorted(bad_rows))
    return valid, problems


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


def load(data_dir):
    """Read every data file of `data_dir` into a checked `Dataset`."""
    data_dir = Path(data_dir)
    regions = read_csv(data_dir / REGIONS_FILE, ("country", "region_2013", "region_current"))
    authority_types = read_csv(
        data_dir / AUTHORITY_TYPES_FILE,
        ("country", "authority_type", "level", "label_fr", "label_en"),
    )
    raw = read_csv(data_dir / PARTNERSHIPS_FILE, PARTNERSHIP_COLUMNS)
    partnerships, problems = validate_partnerships(raw, regions, authority_types, PARTNERSHIPS_FILE)
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
    coordinates_path = data_dir / COORDINATES_FILE
    if coordinates_path.exists():
        coordinates = read_csv(coordinates_path, COORDINATE_COLUMNS)
    else:
        coordinates = pd.DataFrame(columns=COORDINATE_COLUMNS)
    places = attach_coordinates(places, coordinates)
    return Dataset(
        partnerships.reset_index(drop=True), places, problems, regions, authority_types, coordinates
    )


def unplaced(places):
    """The places the map cannot draw, for the warning that lists them."""
    return places[places.latitude.isna() | places.longitude.isna()]
