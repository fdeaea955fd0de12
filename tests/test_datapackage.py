"""data/datapackage.json: the Frictionless Data Package that lets others reuse and check the
data without this app. A third-party validator passes it, catches a broken foreign key, and its
Table Schemas say what the app's own rules say, field by field (the rules are stated once: the
app's, and the package must not disagree with them).
"""

import json
import re
import shutil

import pandas as pd
import pytest
from frictionless import Package

from coopmap import data, place_names, programme, schema, sources

from conftest import DATA_DIR, read_rows, write_rows

PACKAGE = DATA_DIR / "datapackage.json"
PROBES = [
    "",
    "x",
    "1949",
    "1950",
    "2013",
    "2100",
    "0",
    "12",
    "-3",
    "2026-12-07",
    "https://a.fr/p",
    "ftp://a.fr",
    "فاس",
    "Fès",
    "fr",
    "MA",
    "town",
]


@pytest.fixture(scope="module")
def descriptor():
    return json.loads(PACKAGE.read_text(encoding="utf-8"))


def _errors(path):
    report = Package(str(path)).validate()
    return [error.type for task in report.tasks for error in task.errors] + [
        error.type for error in report.errors
    ]


def test_the_shipped_package_validates_with_no_error():
    assert _errors(PACKAGE) == []


def test_a_broken_foreign_key_is_caught(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy, ignore=shutil.ignore_patterns("history"))
    pages = read_rows(data.SOURCES_FILE)
    pages[0]["pairing_id"] = "9999"  # a page about a pairing the file does not hold
    write_rows(copy / data.SOURCES_FILE, pages)
    assert _errors(copy / PACKAGE.name) == ["foreign-key"]


def test_every_data_file_is_described_with_its_own_columns(descriptor):
    described = {
        r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]
    }
    files = {p.name for p in DATA_DIR.glob("*.csv")}
    assert set(described) == files
    for path, fields in described.items():
        assert fields == list(read_rows(path)[0]), path


def _app_rules(shipped):
    """Each file's rules as the app declares them: {file: {column: check(Series) -> bools}}."""
    reference = schema.Reference.from_frames(
        shipped.regions, shipped.authority_types, shipped.agreement_kinds
    )
    pandera = schema.partnerships_schema(reference).columns
    found = {
        data.PARTNERSHIPS_FILE: {
            column: lambda c, checks=pandera[column].checks: pd.Series(
                [
                    all(check(pd.DataFrame({"c": [v]}).c).check_output.all() for check in checks)
                    for v in c
                ],
                index=c.index,
            )
            for column in pandera
        },
        data.SOURCES_FILE: sources.RULES,
        place_names.FILE: place_names.RULES,
        data.REGIONS_FILE: data.REGION_RULES,
        data.AUTHORITY_TYPES_FILE: data.AUTHORITY_TYPE_RULES,
        data.AGREEMENT_KINDS_FILE: data.AGREEMENT_KIND_RULES,
        **{name: rules for name, (rules, _) in programme.RULES.items()},
    }
    for name, rules in found.items():
        if name != data.PARTNERSHIPS_FILE:
            found[name] = {
                column: lambda c, rs=rs: pd.concat(
                    [pd.Series(True, index=c.index), *(r.check(c) for r in rs)], axis=1
                ).all(axis=1)
                for column, rs in rules.items()
            }
    return found


def _table_schema_accepts(field, value):
    constraints = field.get("constraints", {})
    if value == "":
        return not constraints.get("required", False)
    if field["type"] == "integer":
        if not value.lstrip("-").isdigit():
            return False
        value = int(value)
    if field["type"] == "number":
        try:
            value = float(value)
        except ValueError:
            return False
    if "enum" in constraints and value not in constraints["enum"]:
        return False
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], str(value)):
        return False
    return constraints.get("minimum", value) <= value <= constraints.get("maximum", value)


def test_the_table_schemas_and_the_app_s_rules_agree_field_by_field(descriptor, shipped):
    """On the same values (probes, the enums' own values, and every value of the shipped
    column), a field's Table Schema and the app's rule accept and refuse alike. A reference
    table's values (types, kinds) are foreign keys in the package, so the probes of those
    columns are the shipped values only.
    """
    rules = _app_rules(shipped)
    compared = 0
    for resource in descriptor["resources"]:
        shipped_rows = read_rows(resource["path"])
        for field in resource["schema"]["fields"]:
            check = rules.get(resource["path"], {}).get(field["name"])
            if check is None:
                continue
            values = [row[field["name"]] for row in shipped_rows]
            keyed = "regions.csv" in field.get("description", "") or any(
                field["name"] in fk["fields"] for fk in resource["schema"].get("foreignKeys", [])
            )
            if not keyed:
                values += PROBES + [str(v) for v in field.get("constraints", {}).get("enum", [])]
            app = check(pd.Series(values, dtype=str)).tolist()
            package = [_table_schema_accepts(field, v) for v in values]
            disagree = [v for v, a, p in zip(values, app, package) if a != p]
            assert disagree == [], (resource["path"], field["name"])
            compared += 1
    assert compared >= 40


def test_the_keys_are_the_app_s(descriptor):
    keys = {r["path"]: r["schema"].get("primaryKey") for r in descriptor["resources"]}
    assert keys[data.SOURCES_FILE] == list(sources.UNIQUE)
    assert keys[place_names.FILE] == list(place_names.KEY)
    for name, (_, unique) in programme.RULES.items():
        assert keys[name] == list(unique), name
    partnerships = next(r for r in descriptor["resources"] if r["path"] == data.PARTNERSHIPS_FILE)
    assert partnerships["schema"]["uniqueKeys"] == [list(schema.PAIRING_KEY)]


def test_the_package_says_its_version_licences_and_sources(descriptor):
    assert descriptor["version"] and descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    licences = " ".join(s.get("license", "") for s in descriptor["sources"])
    assert "CC-BY-4.0" in licences and "MIT" in licences and "public domain" in licences
