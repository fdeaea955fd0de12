"""Load and check the data files; derive the table of places from the table of pairings.

Every problem with a row is collected as a `Problem` that names the file, the row as a
spreadsheet shows it (the header is row 1) and the column, so that the people who keep the data
can find it; the rows without problems still load. Only a file that cannot be read at all
raises `DataFileError`.
"""

import difflib
import functools
import io
import itertools
import json
import zipfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from . import assets, atomic, place_names, schema, sources
from .catalog import Message
from .exc import DataFileError

PARTNERSHIPS_FILE = "partnerships.csv"
COORDINATES_FILE = "coordinates.csv"
REGIONS_FILE = "regions.csv"
AUTHORITY_TYPES_FILE = "authority_types.csv"
AGREEMENT_KINDS_FILE = "agreement_kinds.csv"
SOURCES_FILE = "sources.csv"

SIDES = schema.SIDES
PLACE_ATTRIBUTES = ("name", "authority_type", "seat", "region_2013", "region_current")
PARTNERSHIP_COLUMNS = (
    "pairing_id",
    *(f"{side}_{attribute}" for side in SIDES for attribute in PLACE_ATTRIBUTES),
    "year",
    "agreement_kind",
    "source_file",
    "source_section",
    "source_text",
    "notes",
)
# Columns added after lists were first written: a list without them still reads, as unknown.
OPTIONAL_COLUMNS = ("year", "agreement_kind")
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
SESSION_POINTS = "points placed for this list"  # how their problems name them
# Every file `load` reads: a change to any of them makes the app load the data again.
DATA_FILES = (
    PARTNERSHIPS_FILE,
    COORDINATES_FILE,
    REGIONS_FILE,
    AUTHORITY_TYPES_FILE,
    AGREEMENT_KINDS_FILE,
    SOURCES_FILE,
    place_names.FILE,
)
REGION_SEPARATOR = schema.REGION_SEPARATOR
FIRST_DATA_ROW = 2  # the header is row 1 in a spreadsheet


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, said so that a person can find and fix it."""

    file: str
    row: int | None
    column: str | None
    message: str  # a catalog.Message, except a library's own words (pandera's, pandas')
    severity: str = "error"  # or "warning": the rows still load

    def said(self) -> Message:
        """Where (file, row, column) and what, as one Message: a list, so that in a language
        read right to left the place reads from the right, the file first.
        """
        where = [self.file]
        if self.row is not None:
            where.append(Message("problem_row", row=self.row))
        if self.column:
            where.append(Message("problem_column", column=self.column))
        return Message("problem_at", where=where, message=self.message)

    def text(self, language: str) -> str:
        """In `language`: "ma-liste.csv, ligne 3, colonne year : …"."""
        return self.said().text(language)

    def __str__(self) -> str:
        return str(self.said())


@dataclass
class Dataset:
    """The pairings that passed the checks, their places, and every problem found."""

    partnerships: pd.DataFrame
    places: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    regions: pd.DataFrame | None = None
    authority_types: pd.DataFrame | None = None
    coordinates: pd.DataFrame | None = None  # the geocoding cache as read
    agreement_kinds: pd.DataFrame | None = None
    sources: pd.DataFrame | None = None  # one row per pairing and public page
    # Optional columns the file did not have (a list in the older format): saving it must
    # keep the published values of those columns, not blank them.
    absent_columns: tuple[str, ...] = ()
    # {place_id: name in Arabic script} of the places place_names.csv names.
    arabic_names: dict[str, str] = field(default_factory=dict)

    @property
    def region_names(self) -> dict[str, dict[str, str]]:
        """{division: {Latin name: Arabic name}} of the Moroccan regions in `arabic_names`."""
        return {
            division: {
                key.removeprefix(prefix): name
                for key, name in self.arabic_names.items()
                if key.startswith(prefix)
            }
            for division, kind in place_names.REGION_KINDS.items()
            for prefix in [place_id("MA", kind, "")]
        }


def empty() -> Dataset:
    """A `Dataset` with no pairing, shaped like a loaded one: what the pages that do not need
    the pairings work with when the data cannot be read.
    """
    columns = [*PARTNERSHIP_COLUMNS, "morocco_place_id", "france_place_id", "level"]
    columns += ["source_urls", "source_groups", "morocco_name_ar", "france_name_ar"]
    partnerships = pd.DataFrame(columns=columns).astype(str)
    coordinates = pd.DataFrame(columns=COORDINATE_COLUMNS).astype(str)
    places = place_names.attach(derive_places(partnerships), {})
    places = attach_coordinates(places, coordinates)
    regions = pd.DataFrame(columns=["country", "region_2013", "region_current"]).astype(str)
    types = pd.DataFrame(columns=list(AUTHORITY_TYPE_RULES))
    kinds = pd.DataFrame(columns=list(AGREEMENT_KIND_RULES)).astype(str)
    pages = pd.DataFrame(columns=list(sources.COLUMNS)).astype(str)
    return Dataset(partnerships, places, [], regions, types.astype(str), coordinates, kinds, pages)


def type_labels(authority_types: pd.DataFrame, language: str) -> dict[tuple[str, str], str]:
    """{(country, authority_type): its label in `language`}. A type is named in its country:
    a French `région` (of before 2016) is not the Moroccan one (of 1997).
    """
    return dict(
        zip(
            zip(authority_types.country, authority_types.authority_type),
            authority_types[f"label_{language}"],
        )
    )


def place_id(country: str, authority_type: str, name: str) -> str:
    """The key of a place: a name alone is not enough (Figuig is a commune and a province)."""
    return f"{country}:{authority_type}:{name}"


def _decode(path: Path, raw: bytes, notices: list[Problem]) -> str:
    """The text of a CSV: UTF-8 (with or without BOM), else Windows-1252 with a notice."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise DataFileError(path.name, Message("problem_encoding", line=line)) from None
        notices.append(
            Problem(
                path.name,
                line,
                None,
                Message("problem_windows_1252"),
                "warning",
            )
        )
        return text


@dataclass(frozen=True)
class Source:
    """A file brought by a user, kept in memory: its name and its bytes (never on disk)."""

    name: str
    content: bytes


def _contents(source: str | Path | Source) -> tuple[str, bytes]:
    """(name, bytes) of a path or a `Source`."""
    if isinstance(source, Source):
        return source.name, source.content
    path = Path(source)
    try:
        return path.name, path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(path.name, Message("problem_no_file")) from None


def read_csv(
    source: str | Path | Source,
    columns: Collection[str],
    notices: list[Problem] | None = None,
    max_rows: int | None = None,
) -> pd.DataFrame:
    """Read a CSV (a path or a `Source`) as text, checking that it has `columns`; raise
    DataFileError if not.

    Exports of Excel are accepted as they come: UTF-8 with or without a byte order mark,
    Windows-1252, and `;` as the separator (French Excel); `notices` gets a warning for each
    of those guesses. With `max_rows`, a file with more rows is refused before it is parsed
    any further.
    """
    name, raw = _contents(source)
    notices = [] if notices is None else notices
    text = _decode(Path(name), raw, notices)
    header = text.split("\n", 1)[0]
    separator = ";" if header.count(";") > header.count(",") else ","
    if separator == ";":
        notices.append(Problem(name, 1, None, Message("problem_semicolons"), "warning"))
    nrows = None if max_rows is None else max_rows + 1
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=separator, dtype=str, keep_default_na=False, nrows=nrows
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataFileError(name, Message("problem_not_a_csv", error=str(error))) from None
    return _tidy(name, frame, columns, max_rows)


def _tidy(
    name: str, frame: pd.DataFrame, columns: Collection[str], max_rows: int | None
) -> pd.DataFrame:
    """Columns named as written, the ones needed present, the rows within the limit, and the
    cells as stripped text.
    """
    if max_rows is not None and len(frame) > max_rows:
        raise DataFileError(name, Message("problem_too_many_rows", count=max_rows))
    frame.columns = [str(c).strip() for c in frame.columns]
    _check_columns(name, frame, columns)
    stripped: pd.DataFrame = frame.astype(str).apply(lambda column: column.str.strip())
    return stripped


def _check_columns(name: str, frame: pd.DataFrame, columns: Collection[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        unknown = [c for c in frame.columns if c not in columns]
        said = [_renamed(c, unknown) for c in missing]
        raise DataFileError(name, Message("problem_missing_columns", columns=said))


def _renamed(column: str, unknown: list[str]) -> str:
    """`column`, and the column of the file that looks like it, renamed, if there is one."""
    match = difflib.get_close_matches(column, unknown, n=1, cutoff=0.6)
    return Message("problem_renamed", column=column, found=match[0]) if match else column


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """`frame` as a data file holds it: UTF-8, comma-separated, `\\n` line ends, no index."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_csv_atomically(frame: pd.DataFrame, path: str | Path) -> None:
    """Write `frame` to `path` so that a crash leaves either the old file or the new one, with
    the file's mode kept (coopmap.atomic): a reader never sees half a file.
    """
    atomic.write_bytes(path, csv_bytes(frame))


REGION_RULES = {
    "country": [schema.one_of(SIDES.values())],
    "region_2013": [schema.required()],
    "region_current": [schema.required()],
    "source": [schema.required()],
}
AGREEMENT_KIND_RULES = {
    "agreement_kind": [schema.required()],
    "label_fr": [schema.required()],
    "label_en": [schema.required()],
    "label_ar": [schema.required()],
}
AUTHORITY_TYPE_RULES = {
    "country": [schema.one_of(SIDES.values())],
    "authority_type": [schema.required()],
    "level": [schema.one_of(schema.LEVELS)],
    "label_fr": [schema.required()],
    "label_en": [schema.required()],
    "label_ar": [schema.required()],
}


def read_checked(
    path: str | Path,
    rules: Mapping[str, Sequence[schema.Rule]],
    notices: list[Problem],
    unique: Sequence[str] = (),
) -> tuple[pd.DataFrame, list[Problem]]:
    """A data file read (see `read_csv`) and checked against its `rules` (schema.Rule lists by
    column) and `unique` key: the rows that keep them, and a `Problem` for each value that
    breaks one.
    """
    path = Path(path)
    frame = read_csv(path, tuple(rules), notices)
    valid, found = schema.validate_table(frame, rules, unique, FIRST_DATA_ROW)
    return valid, [Problem(path.name, row, column, message) for row, column, message in found]


def validate_partnerships(
    frame: pd.DataFrame,
    regions: pd.DataFrame,
    authority_types: pd.DataFrame,
    file: str,
    agreement_kinds: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Split `frame` into the rows that pass every rule of `schema` and the problems found."""
    reference = schema.Reference.from_frames(regions, authority_types, agreement_kinds)
    frame, formulas = refuse_formulas(frame, file)
    valid, found = schema.validate_partnerships(frame, reference, FIRST_DATA_ROW)
    return valid, formulas + [Problem(file, row, column, message) for row, column, message in found]


@functools.cache
def territories() -> dict[str, BaseGeometry]:
    """Morocco's and France's outlines as the basemap draws them (shapely geometries).

    Read once per process: the file is an asset of the app, not an editable data file.
    """
    with open(assets.BASEMAP_FILE, encoding="utf-8") as f:
        features = json.load(f)["features"]
    outlines = {feature["properties"]["name"]: feature["geometry"] for feature in features}
    return {code: shape(outlines[name]) for code, name in schema.COUNTRY_NAMES.items()}


def validate_coordinates(
    frame: pd.DataFrame, file: str = COORDINATES_FILE
) -> tuple[pd.DataFrame, list[Problem]]:
    frame, formulas = refuse_formulas(frame, file)
    valid, found = schema.validate_coordinates(frame, territories(), FIRST_DATA_ROW)
    return valid, formulas + [Problem(file, row, column, message) for row, column, message in found]


def refuse_formulas(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The rows of `frame` (numbered from 0) with no cell that a spreadsheet would run as a
    formula (schema.is_formula), and a Problem for each such cell: such a cell is refused as a
    bad cell, never stored, neutralised or not, since a changed value would be a silent edit.
    """
    problems = [
        Problem(file, position + FIRST_DATA_ROW, column, Message("problem_formula"))
        for column in frame.columns
        for position, cell in enumerate(frame[column])
        if schema.is_formula(cell)
    ]
    bad = sorted({problem.row - FIRST_DATA_ROW for problem in problems if problem.row is not None})
    return frame.drop(index=frame.index[bad]), problems


def derive_places(partnerships: pd.DataFrame) -> pd.DataFrame:
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


def attach_coordinates(places: pd.DataFrame, coordinates: pd.DataFrame) -> pd.DataFrame:
    """Add latitude, longitude and provenance from the geocoding cache to `places`."""
    coordinates = coordinates.copy()
    coordinates["place_id"] = pd.Series(
        [
            place_id(*key)
            for key in zip(coordinates.country, coordinates.authority_type, coordinates.name)
        ],
        index=coordinates.index,
        dtype=str,
    )
    coordinates["latitude"] = pd.to_numeric(coordinates.latitude, errors="coerce")
    coordinates["longitude"] = pd.to_numeric(coordinates.longitude, errors="coerce")
    kept = ["place_id", "latitude", "longitude", "precision", "source", "source_id", "note"]
    merged = places.merge(coordinates[kept].drop_duplicates("place_id"), on="place_id", how="left")
    return merged


def read_coordinates(path: str | Path, notices: list[Problem] | None = None) -> pd.DataFrame:
    """The geocoding cache at `path`, empty if there is none yet."""
    if not Path(path).exists():
        return pd.DataFrame(columns=COORDINATE_COLUMNS).astype(str)
    return read_csv(path, COORDINATE_COLUMNS, notices)


# An .xlsx is a zip: a small file can unpack to gigabytes (a "zip bomb"). Its parts are
# measured before anything is unpacked.
MAX_UNPACKED_BYTES = 50_000_000


def read_table(
    source: str | Path | Source,
    columns: Collection[str],
    notices: list[Problem] | None,
    max_rows: int | None = None,
) -> pd.DataFrame:
    """A CSV (see `read_csv`) or an Excel workbook's first sheet, as text, from a path or a
    `Source`. With `max_rows`, reading stops at the first row past it, and the file is refused.
    """
    name, raw = _contents(source)
    if not name.lower().endswith(".xlsx"):
        return read_csv(source, columns, notices, max_rows)
    return _tidy(name, _read_xlsx(name, raw, max_rows), columns, max_rows)


def _read_xlsx(name: str, raw: bytes, max_rows: int | None) -> pd.DataFrame:
    """The first sheet's rows, streamed (openpyxl's read-only mode): at most `max_rows` + 1."""
    from openpyxl import load_workbook  # only a workbook needs it

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise DataFileError(name, Message("problem_unpacks", size=round(unpacked / 1e6)))
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise DataFileError(name, Message("problem_not_a_workbook", error=str(error))) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, ())
        limit = None if max_rows is None else max_rows + 1
        body = list(itertools.islice(rows, limit))
    finally:
        workbook.close()
    width = len(header)
    cells = [["" if v is None else str(v) for v in (row + (None,) * width)[:width]] for row in body]
    named = [("" if h is None else str(h)) for h in header]
    return pd.DataFrame(cells, columns=named, dtype=str)


def load(
    data_dir: str | Path,
    partnerships_file: str | Path | Source | None = None,
    extra_coordinates: pd.DataFrame | None = None,
    max_rows: int | None = None,
) -> Dataset:
    """Read every data file of `data_dir` into a checked `Dataset`.

    `partnerships_file` (a path or a `Source`; CSV or .xlsx) replaces the folder's
    partnerships.csv: a list brought by a user, checked against the folder's regions, types
    and geocoding cache, of at most `max_rows` rows. `extra_coordinates` (rows of
    coordinates.csv) add points that are not in the cache, such as those a user placed for
    one session only; they win over the cache.
    """
    data_dir = Path(data_dir)
    source = partnerships_file or data_dir / PARTNERSHIPS_FILE
    source = source if isinstance(source, Source) else Path(source)
    notices: list[Problem] = []
    regions, wrong_regions = read_checked(
        data_dir / REGIONS_FILE, REGION_RULES, notices, ("country", "region_2013", "region_current")
    )
    authority_types, wrong_types = read_checked(
        data_dir / AUTHORITY_TYPES_FILE,
        AUTHORITY_TYPE_RULES,
        notices,
        ("country", "authority_type"),
    )
    agreement_kinds, wrong_kinds = read_checked(
        data_dir / AGREEMENT_KINDS_FILE, AGREEMENT_KIND_RULES, notices, ("agreement_kind",)
    )
    pages, wrong_pages = read_checked(
        data_dir / SOURCES_FILE, sources.RULES, notices, sources.UNIQUE
    )
    names, wrong_names = read_checked(
        data_dir / place_names.FILE, place_names.RULES, notices, place_names.KEY
    )
    notices += wrong_regions + wrong_types + wrong_kinds + wrong_pages + wrong_names
    required = [c for c in PARTNERSHIP_COLUMNS if c not in OPTIONAL_COLUMNS]
    raw = read_table(source, required, notices, max_rows)
    absent = tuple(c for c in OPTIONAL_COLUMNS if c not in raw.columns)
    for column in OPTIONAL_COLUMNS:
        raw[column] = raw.get(column, "")
    partnerships, problems = validate_partnerships(
        raw, regions, authority_types, source.name, agreement_kinds
    )
    problems = notices + problems
    # The pages name the published pairings by number: a list brought by a user numbers its
    # own, so they are not its sources.
    partnerships = sources.attach(partnerships, pages if partnerships_file is None else pages[:0])
    # The pages are checked against a file of pairings that passed: a bad row's pages would
    # only repeat its problem.
    if partnerships_file is None and not any(p.severity == "error" for p in problems):
        problems += [
            Problem(*found, severity="warning")
            for found in sources.problems(partnerships, pages, FIRST_DATA_ROW, raw.pairing_id)
        ]
    for side, country in SIDES.items():
        partnerships[f"{side}_place_id"] = [
            place_id(country, kind, name)
            for kind, name in zip(
                partnerships[f"{side}_authority_type"], partnerships[f"{side}_name"]
            )
        ]
    arabic = place_names.by_place_id(names, place_id)
    for side in SIDES:
        partnerships[f"{side}_name_ar"] = [
            arabic.get(pid, "") for pid in partnerships[f"{side}_place_id"]
        ]
    level = authority_types[authority_types.country == "MA"].set_index("authority_type").level
    partnerships["level"] = partnerships.morocco_authority_type.map(level)
    places = place_names.attach(derive_places(partnerships), arabic)
    coordinates, wrong = validate_coordinates(
        read_coordinates(data_dir / COORDINATES_FILE, notices)
    )
    problems += wrong
    if extra_coordinates is not None and len(extra_coordinates):
        # Points placed or typed for this list only pass the cache's own checks.
        extra, wrong = validate_coordinates(
            extra_coordinates[list(COORDINATE_COLUMNS)].astype(str), SESSION_POINTS
        )
        problems += wrong
        coordinates = pd.concat([extra, coordinates], ignore_index=True)
    places = attach_coordinates(places, coordinates)
    return Dataset(
        partnerships.reset_index(drop=True),
        places,
        problems,
        regions,
        authority_types,
        coordinates,
        agreement_kinds,
        pages,
        absent,
        arabic,
    )


def unplaced(places: pd.DataFrame) -> pd.DataFrame:
    """The places the map cannot draw, for the warning that lists them."""
    return places[places.latitude.isna() | places.longitude.isna()]
