"""The rules of partnerships.csv, declared once as a pandera schema.

Every rule is a named check; `_message` turns a failed check into what the person who keeps
the data reads: what is wrong with which value, and what to do. pandera collects every failure
at once (lazy validation), so a file with ten problems reports ten, not the first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self, TypeAlias, cast

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from .catalog import Message

REGION_SEPARATOR = "|"
SIDES = {"morocco": "MA", "france": "FR"}
COUNTRY_NAMES = {"MA": "Morocco", "FR": "France"}  # as the basemap names their outlines
LEVELS = ("town", "territory")  # of a pairing: between towns, or between territories
PAIRING_KEY = tuple(f"{side}_{a}" for side in SIDES for a in ("name", "authority_type"))

# A row of a data file, as `validate` hands it to a `Describe`: {column: cell text}.
Row: TypeAlias = Mapping[Hashable, str]
# The spreadsheet row of the first row holding each key of some columns (see `validate`).
FirstOf: TypeAlias = Callable[[tuple[str, ...]], dict[tuple[Hashable, ...], int]]
# What a failed check means: (check, column, row, first_of) -> (column, message).
Describe: TypeAlias = Callable[[str, str | None, Row, FirstOf], tuple[str | None, str]]
# A problem found, as (spreadsheet row, column, message); row and column None for the file.
Found: TypeAlias = tuple[int | None, str | None, str]
if TYPE_CHECKING:  # pandas' Series takes its type of values only in annotations
    ColumnCheck: TypeAlias = Callable[[pd.Series[str]], pd.Series[bool]]


@dataclass(frozen=True)
class Reference:
    """What the checks accept: the authority types and regions of each country."""

    authority_types: dict[str, list[str]]  # country: [type, ...]
    regions_2013: dict[str, list[str]]  # country: [region, ...]
    # (country, region of 2013): [today's regions it lies in]
    current_of: dict[tuple[str, str], list[str]]
    agreement_kinds: tuple[str, ...] = ()

    @classmethod
    def from_frames(
        cls,
        regions: pd.DataFrame,
        authority_types: pd.DataFrame,
        agreement_kinds: pd.DataFrame | None = None,
    ) -> Self:
        # The frames hold text: the keys of their groups are str (pandas types them as any key).
        return cls(
            cast(
                dict[str, list[str]],
                {c: list(g.authority_type) for c, g in authority_types.groupby("country")},
            ),
            cast(
                dict[str, list[str]],
                {c: sorted(set(g.region_2013)) for c, g in regions.groupby("country")},
            ),
            cast(
                dict[tuple[str, str], list[str]],
                {
                    k: sorted(g.region_current)
                    for k, g in regions.groupby(["country", "region_2013"])
                },
            ),
            () if agreement_kinds is None else tuple(agreement_kinds.agreement_kind),
        )

    def current_of_cell(self, country: str, cell: object) -> list[str] | None:
        """Today's regions that the 2013 regions of `cell` lie in (a region of today, such as
        Fès-Meknès, was made of several of 2013); None if one of them is unknown.
        """
        found: list[str] = []
        for old in split_regions(cell):
            if (country, old) not in self.current_of:
                return None
            found += self.current_of[(country, old)]
        return sorted(set(found))

    def country_of_region(self, region: str) -> str | None:
        return next((c for c, names in self.regions_2013.items() if region in names), None)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def is_formula(cell: object) -> bool:
    """Whether a spreadsheet that opens the file would run `cell` as a formula (CSV injection):
    it starts with = + - @, a tab or a carriage return, and is not a plain number such as a
    longitude (-7.9). The README tells editors to open the files in a spreadsheet.
    """
    cell = str(cell)
    return cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell)


def split_regions(cell: object) -> list[str]:
    return [r.strip() for r in str(cell).split(REGION_SEPARATOR) if r.strip()]


def _close_match(value: str, accepted: Iterable[str]) -> str:
    match = difflib.get_close_matches(value, list(accepted), n=1, cutoff=0.6)
    return Message("problem_did_you_mean", value=match[0]) if match else ""


def _not_empty() -> pa.Check:
    return pa.Check(lambda column: column.str.strip() != "", name="not_empty")


def _known(values: Iterable[str], name: str) -> pa.Check:
    accepted = set(values)
    return pa.Check(lambda column: column.isin(accepted) | (column == ""), name=name)


def _known_regions(values: Iterable[str], name: str) -> pa.Check:
    """Every region a cell names (`|`-separated) is one of `values`."""
    accepted = set(values)
    return pa.Check(
        lambda column: column.map(lambda cell: set(split_regions(cell)) <= accepted), name=name
    )


def is_year(column: pd.Series[str]) -> pd.Series[bool]:
    """A year of first signature (four digits, 1950 or later), or empty where no source states
    one: the rule of `year` in partnerships.csv and sources.csv.
    """
    return column.str.fullmatch(r"(19[5-9]\d|20\d\d)?").fillna(False).astype(bool)


def not_a_year(value: str) -> Message:
    return Message("problem_year", value=value)


def partnerships_schema(reference: Reference) -> pa.DataFrameSchema:
    """The schema of partnerships.csv, given what `reference` accepts."""
    columns = {
        "pairing_id": pa.Column(str, _not_empty()),
        "year": pa.Column(str, pa.Check(is_year, name="year")),
        "agreement_kind": pa.Column(str, _known(reference.agreement_kinds, "agreement_kind")),
    }
    checks: list[pa.Check] = []
    for side, country in SIDES.items():
        columns[f"{side}_name"] = pa.Column(str, _not_empty())
        columns[f"{side}_authority_type"] = pa.Column(
            str, [_not_empty(), _known(reference.authority_types[country], f"type:{country}")]
        )
        columns[f"{side}_region_2013"] = pa.Column(
            str,
            [_not_empty(), _known_regions(reference.regions_2013[country], f"region:{country}")],
        )
        columns[f"{side}_region_current"] = pa.Column(str, _not_empty())

        def crosswalk(
            frame: pd.DataFrame, side: str = side, country: str = country
        ) -> pd.Series[bool]:
            pairs = zip(frame[f"{side}_region_2013"], frame[f"{side}_region_current"])
            allowed = (reference.current_of_cell(country, old) for old, _ in pairs)
            news = frame[f"{side}_region_current"]
            return pd.Series(
                [
                    accepted is None or set(split_regions(new)) <= set(accepted)
                    for accepted, new in zip(allowed, news)
                ],
                index=frame.index,
            )

        checks.append(pa.Check(crosswalk, name=f"crosswalk:{side}"))
    return pa.DataFrameSchema(
        columns,
        checks=checks
        + [
            # A pairing's number names its line on the map: each row has its own.
            pa.Check(lambda frame: ~frame.pairing_id.duplicated(), name="pairing_id_unique")
        ],
        unique=PAIRING_KEY,
        report_duplicates="exclude_first",
        coerce=False,
    )


def _message(
    check: str, column: str | None, row: Row, first_of: FirstOf, reference: Reference
) -> tuple[str | None, Message]:
    """What a person reads for a failed `check` on `column` of `row` (see `validate`)."""
    value = row.get(column, "")
    if check == "not_empty":
        return column, Message("problem_empty_pairing")
    if check.startswith("type:"):
        country = check.split(":")[1]
        accepted: Sequence[str] = reference.authority_types[country]
        elsewhere = next((c for c, t in reference.authority_types.items() if value in t), None)
        if elsewhere:  # the country's name takes its own grammar in each language
            return column, Message(f"problem_type_of_{elsewhere}", value=value)
        return column, Message(
            "problem_unknown_type",
            value=value,
            suggestion=_close_match(value, accepted),
            accepted=list(accepted),
        )
    if check == "year":
        return column, not_a_year(value)
    if check == "agreement_kind":
        accepted = reference.agreement_kinds
        return column, Message(
            "problem_unknown_kind", value=value, suggestion=_close_match(value, accepted)
        )
    if check.startswith("region:"):
        country = check.split(":")[1]
        unknown = [r for r in split_regions(value) if r not in reference.regions_2013[country]]
        value = unknown[0] if unknown else value
        elsewhere = reference.country_of_region(value)
        if elsewhere:
            return column, Message(f"problem_region_of_{elsewhere}", value=value)
        known = reference.regions_2013[country]
        return column, Message(
            "problem_unknown_region", value=value, suggestion=_close_match(value, known)
        )
    if check.startswith("crosswalk:"):
        side = check.split(":")[1]
        country = SIDES[side]
        old = split_regions(row[f"{side}_region_2013"])
        allowed = reference.current_of_cell(country, row[f"{side}_region_2013"])
        assert allowed is not None  # unknown 2013 regions pass this check: these are known
        wrong = [r for r in split_regions(row[f"{side}_region_current"]) if r not in allowed]
        return f"{side}_region_current", Message(
            "problem_crosswalk", wrong=wrong, old=old, allowed=allowed
        )
    if check == "pairing_id_unique":
        first = first_of(("pairing_id",))[(row["pairing_id"],)]
        return "pairing_id", Message(
            "problem_pairing_id_taken", value=row["pairing_id"], first=first
        )
    if check == "multiple_fields_uniqueness":
        first = first_of(PAIRING_KEY)[tuple(row[c] for c in PAIRING_KEY)]
        return None, Message(
            "problem_duplicate_pairing",
            first=first,
            morocco=row["morocco_name"],
            france=row["france_name"],
        )
    return column, Message("problem_fails_check", check=check)


def validate(
    frame: pd.DataFrame, schema: pa.DataFrameSchema, describe: Describe, first_row: int = 2
) -> tuple[pd.DataFrame, list[Found]]:
    """The rows of `frame` that pass every check of `schema`, and (row, column, message)s.

    `describe(check, column, row, first_of)` says what a failed check on `row` (a dict) means;
    `first_of(columns)` maps each key of those columns to the frame index where it first
    appears, to name the row a duplicate repeats. Both are computed once per check, not once
    per failure: a file of 2,000 bad rows has thousands of failures. `first_row` is the
    spreadsheet row of the frame's first row (the header is row 1).
    """
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return frame, []
    rows = frame.to_dict("index")
    firsts: dict[tuple[str, ...], dict[tuple[Hashable, ...], int]] = {}

    def first_of(columns: tuple[str, ...]) -> dict[tuple[Hashable, ...], int]:
        if columns not in firsts:
            keys = zip(*(frame[c] for c in columns))
            firsts[columns] = {}
            for index, key in zip(frame.index, keys):
                firsts[columns].setdefault(key, index + first_row)
        return firsts[columns]

    found: dict[tuple[int, str | None, str], None] = {}
    described: set[tuple[int, str]] = set()
    file_level: list[Found] = []
    for case in cases.itertuples(index=False):
        if case.index is None or case.index != case.index:  # not about one row
            file_level.append((None, case.column, f"{case.check}: {case.failure_case}"))
            continue
        index = int(case.index)
        if case.check == "multiple_fields_uniqueness":  # one case per column of the key
            if (index, case.check) in described:
                continue
            described.add((index, case.check))
        column, message = describe(case.check, case.column, rows[index], first_of)
        found.setdefault((index, column, message), None)
    if file_level:  # the rules could not be applied: load nothing rather than unchecked rows
        return frame.iloc[0:0], file_level
    problems: list[Found] = [
        (index + first_row, column, message) for index, column, message in sorted(found, key=_order)
    ]
    bad = {index for index, _, _ in found}
    return frame.drop(index=sorted(bad)), problems


def validate_partnerships(
    frame: pd.DataFrame, reference: Reference, first_row: int = 2
) -> tuple[pd.DataFrame, list[Found]]:
    def describe(
        check: str, column: str | None, row: Row, first_of: FirstOf
    ) -> tuple[str | None, str]:
        return _message(check, column, row, first_of, reference)

    return validate(frame, partnerships_schema(reference), describe, first_row)


# A point this close to a country's outline counts as inside: the offline outlines are
# simplified to about 2 km, and a port or a cape must not be refused for that.
BORDER_TOLERANCE_DEGREES = 0.05


def _number(column: pd.Series[str]) -> pd.Series[float]:
    return pd.to_numeric(column, errors="coerce")


def widened_outlines(territories: Mapping[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Each country's outline (shapely), widened by BORDER_TOLERANCE_DEGREES."""
    return {c: shape.buffer(BORDER_TOLERANCE_DEGREES) for c, shape in territories.items()}


def coordinates_schema(near: Mapping[str, BaseGeometry]) -> pa.DataFrameSchema:
    """The schema of coordinates.csv; `near` maps a country to its `widened_outlines`."""

    def inside(frame: pd.DataFrame) -> pd.Series[bool]:
        latitude, longitude = _number(frame.latitude), _number(frame.longitude)
        return pd.Series(
            [
                country not in near
                or not (-90 <= lat <= 90 and -180 <= lon <= 180)  # said by the columns' checks
                or near[country].contains(Point(lon, lat))
                for country, lat, lon in zip(frame.country, latitude, longitude)
            ],
            index=frame.index,
        )

    def number_between(low: float, high: float, name: str) -> pa.Check:
        return pa.Check(lambda c: _number(c).between(low, high) | _number(c).isna(), name=name)

    numeric = pa.Check(lambda c: _number(c).notna(), name="number")
    return pa.DataFrameSchema(
        {
            "country": pa.Column(str, pa.Check.isin(list(SIDES.values()))),
            "authority_type": pa.Column(str, _not_empty()),
            "name": pa.Column(str, _not_empty()),
            "latitude": pa.Column(str, [numeric, number_between(-90, 90, "latitude_range")]),
            "longitude": pa.Column(str, [numeric, number_between(-180, 180, "longitude_range")]),
        },
        checks=[pa.Check(inside, name="inside_country")],
        unique=["country", "authority_type", "name"],
        report_duplicates="exclude_first",
    )


def validate_coordinates(
    frame: pd.DataFrame, territories: Mapping[str, BaseGeometry], first_row: int = 2
) -> tuple[pd.DataFrame, list[Found]]:
    widened = widened_outlines(territories)

    def describe(
        check: str, column: str | None, row: Row, first_of: FirstOf
    ) -> tuple[str | None, str]:
        place = f"{row['name']} ({row['authority_type']}, {row['country']})"
        if check == "number":
            return column, Message("problem_not_a_number", value=row[column])
        if check in ("latitude_range", "longitude_range"):
            return column, Message(f"problem_{check}", value=row[column])
        if check == "inside_country":
            lat, lon = float(row["latitude"]), float(row["longitude"])
            country = row["country"]  # the country's name takes its own grammar in each language
            swapped = widened[country].contains(Point(lat, lon))
            return "latitude", Message(
                f"problem_{'swapped' if swapped else 'outside'}_{country}",
                place=place,
                lat=lat,
                lon=lon,
            )
        if check == "multiple_fields_uniqueness":
            return None, Message("problem_place_twice", place=place)
        if check == "not_empty":
            return column, Message("problem_empty_place")
        return column, Message("problem_not_a_country", value=row.get(column, ""))

    return validate(frame, coordinates_schema(widened), describe, first_row)


def _order(item: tuple[int, str | None, str]) -> tuple[int, str]:
    index, column, _ = item
    return index, column or ""


# The rules of the other data files (reference tables, the programme): each column lists its
# rules, each rule says what it checks and what a person reads when a value breaks it.
@dataclass(frozen=True)
class Rule:
    name: str
    check: ColumnCheck  # a column (text) -> a boolean Series
    message: Callable[[str], Message]  # the value that breaks the rule -> what to tell


def required() -> Rule:
    return Rule("required", lambda c: c.str.strip() != "", lambda _: Message("problem_required"))


def whole_number() -> Rule:
    return Rule(
        "whole_number",
        lambda c: c.str.fullmatch(r"\d+").fillna(False).astype(bool),
        lambda value: Message("problem_whole_number", value=value),
    )


def one_of(values: Iterable[str]) -> Rule:
    values = tuple(values)
    return Rule(
        "one_of",
        lambda c: c.isin(values),
        lambda value: Message("problem_one_of", value=value, accepted=list(values)),
    )


def validate_table(
    frame: pd.DataFrame,
    rules: Mapping[str, Sequence[Rule]],
    unique: Sequence[str] = (),
    first_row: int = 2,
) -> tuple[pd.DataFrame, list[Found]]:
    """The rows of `frame` that keep `rules` ({column: [Rule]}), and (row, column, message)s.

    `unique` names the columns whose values together identify a row.
    """
    columns = {
        column: pa.Column(str, [pa.Check(r.check, name=f"{column}:{r.name}") for r in found])
        for column, found in rules.items()
    }
    schema = pa.DataFrameSchema(
        columns, unique=list(unique) or None, report_duplicates="exclude_first"
    )
    by_name = {f"{column}:{r.name}": r for column, found in rules.items() for r in found}

    def describe(
        check: str, column: str | None, row: Row, first_of: FirstOf
    ) -> tuple[str | None, str]:
        if check == "multiple_fields_uniqueness":
            key = [f"{c} {row[c]!r}" for c in unique]
            return None, Message("problem_second_row", key=key)
        return column, by_name[check].message(row.get(column, ""))

    return validate(frame, schema, describe, first_row)
