"""Project-wide rules: one catalog of strings, documented settings and data, vendored assets."""

import ast
import re
from pathlib import Path

import pytest

from coopmap import catalog, settings

from conftest import DATA_DIR, ROOT

UI_FILES = [ROOT / "dashboard.py", ROOT / "ui.py", *sorted((ROOT / "pages").glob("*.py"))]


def test_every_string_has_both_languages():
    for key, entry in catalog.STRINGS.items():
        assert set(entry) == set(catalog.LANGUAGES), key
        assert all(value.strip() for value in entry.values()), key


def _catalog_keys_used(path):
    """Literal keys passed to t(...) or text(...), and f-string prefixes such as "level_"."""
    source = path.read_text(encoding="utf-8")
    keys = set(re.findall(r'\b(?:t|text)\(\s*"([a-z0-9_]+)"', source))
    prefixes = set(re.findall(r'\b(?:t|text)\(\s*f"([a-z0-9_]+)\{', source))
    return keys, prefixes


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: p.name)
def test_pages_use_catalog_keys_that_exist(path):
    keys, prefixes = _catalog_keys_used(path)
    assert keys <= set(catalog.STRINGS), keys - set(catalog.STRINGS)
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in catalog.STRINGS), prefix


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: p.name)
def test_pages_hold_no_literal_text(path):
    """Text shown to people comes from the catalog: string arguments to st.* are keys or code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    shown = ("title", "header", "subheader", "write", "markdown", "caption", "info", "error")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in shown
        ):
            for argument in node.args:
                assert not isinstance(argument, ast.Constant), f"{path.name}:{node.lineno}"


def test_the_domain_package_does_not_import_streamlit():
    for path in (ROOT / "coopmap").rglob("*.py"):
        assert "import streamlit" not in path.read_text(encoding="utf-8"), path.name


def test_readme_documents_every_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        assert f"COOPMAP_{setting.name.upper()}" in readme, setting.name


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_data_readme_documents_every_file_and_column(path):
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert f"`{path.name}`" in readme
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    for column in header:
        assert f"`{column}`" in readme, column


def test_settings_come_from_the_environment():
    assert settings.get("geocoder_timeout", {"COOPMAP_GEOCODER_TIMEOUT": "2.5"}) == 2.5
    assert settings.get("online_geocoding", {"COOPMAP_ONLINE_GEOCODING": "false"}) is False
    assert settings.get("basemap", {}) == "auto"


@pytest.mark.parametrize(
    ("vendored", "package", "packaged"),
    [
        ("leaflet/leaflet.js", "xstatic.pkg.leaflet", "leaflet.js"),
        ("leaflet/leaflet.css", "xstatic.pkg.leaflet", "leaflet.css"),
    ],
)
def test_vendored_assets_are_the_packaged_ones(vendored, package, packaged):
    module = pytest.importorskip(package)
    expected = (Path(module.BASE_DIR) / packaged).read_bytes()
    assert (ROOT / "static" / "vendor" / vendored).read_bytes() == expected
