"""Project-wide rules: one catalog of strings, documented settings and data, vendored assets."""

import ast
import gettext
import hashlib
import io
import json
import re
import string
import subprocess
import sys
import tomllib
import typing
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo

from coopmap import catalog, settings

from conftest import ROOT

UI_FILES = [
    ROOT / "dashboard.py",
    *sorted((ROOT / "ui").glob("*.py")),
    *sorted((ROOT / "pages").glob("*.py")),
]


def _placeholders(message):
    """The names in braces of a message ("{count}"), doubled braces ("{{year}}") left out."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}


def _forms(string):
    """A message's text, or each of its plural forms."""
    return string if isinstance(string, tuple) else (string,)


def test_every_string_is_in_every_language():
    for key, entry in catalog.STRINGS.items():
        assert set(entry) == set(catalog.LANGUAGES), key
        assert all(form.strip() for value in entry.values() for form in _forms(value)), key
        # A message with plural forms has them in every language.
        assert len({isinstance(value, tuple) for value in entry.values()}) == 1, key


@pytest.mark.parametrize("language", catalog.LANGUAGES)
def test_each_catalog_translates_every_message_with_the_same_placeholders(language):
    """Read as a translator's tool leaves it: no message missing, empty, fuzzy or extra, and
    the same placeholders as the French source (a renamed one would raise a KeyError).
    """
    source = catalog.read_catalog(catalog.DEFAULT_LANGUAGE)
    translated = catalog.read_catalog(language)
    ids = [message.id for message in source if message.id]
    assert [message.id for message in translated if message.id] == ids
    for key in ids:
        message, original = translated[key], _forms(source[key].string)[-1]
        assert not message.fuzzy, (language, key)
        if message.pluralizable:  # as many forms as the language has; one may leave out {count}
            assert len(message.string) == translated.num_plurals, (language, key)
        for form in _forms(message.string):
            assert form.strip(), (language, key)
            if message.pluralizable:
                assert _placeholders(form) - {"count"} == _placeholders(original) - {"count"}
            else:
                assert _placeholders(form) == _placeholders(original), (language, key)
    assert list(translated.check()) == []  # Babel's own checks, as `pybabel compile` runs them


@pytest.mark.parametrize("language", catalog.LANGUAGES)
def test_each_catalog_compiles_and_gettext_reads_it(language):
    """Compiled to .mo by Babel and read back by the standard library, every message says what
    the app shows.
    """
    compiled = io.BytesIO()
    write_mo(compiled, catalog.read_catalog(language))
    compiled.seek(0)
    translations = gettext.GNUTranslations(compiled)
    for key, entry in catalog.STRINGS.items():
        if isinstance(entry[language], tuple):
            for count in (0, 1, 2, 3, 11, 100, 1_000_000):
                form = entry[language][translations.plural(count)]
                assert translations.ngettext(key, key, count) == form, (key, count)
        else:
            assert translations.gettext(key) == entry[language], key


def _catalog_keys_used(path):
    """Literal keys passed to t(...), text(...) or Message(...), and f-string prefixes such as
    "level_".
    """
    source = path.read_text(encoding="utf-8")
    keys = set(re.findall(r'\b(?:t|text|Message)\(\s*"([a-z0-9_]+)"', source))
    keys -= set(catalog.LANGUAGES)  # a problem's text("en"): a language, not a key
    prefixes = set(re.findall(r'\b(?:t|text|Message)\(\s*f"([a-z0-9_]+)\{', source))
    return keys, prefixes


DOMAIN_FILES = sorted((ROOT / "coopmap").glob("*.py"))


@pytest.mark.parametrize("path", UI_FILES + DOMAIN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_code_asks_for_catalog_keys_that_exist(path):
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


def _imported(tree):
    """The top-level packages a module's code imports, wherever the import statement is."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


@pytest.mark.parametrize(
    "path", sorted((ROOT / "coopmap").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_the_domain_package_does_not_import_streamlit(path):
    """Nor its components (streamlit_folium): the domain runs from a command line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not {"streamlit", "streamlit_folium"} & set(_imported(tree))


def test_importing_the_whole_domain_loads_no_streamlit():
    """What the statements cannot show: an import through another package."""
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in sorted((ROOT / "coopmap").rglob("*.py"))
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0].startswith('streamlit')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "[]"


def test_each_setting_s_declared_type_is_the_type_of_its_default():
    """settings.get's return type comes from three lists of names (for the type checker):
    each setting is in the one list of its default's type, and in no other.
    """
    lists = {
        float: settings.FloatSetting,
        bool: settings.BoolSetting,
        str: settings.TextSetting,
    }
    declared = {kind: set(typing.get_args(names)) for kind, names in lists.items()}
    actual = {kind: set() for kind in lists}
    for setting in settings.SETTINGS:
        actual[type(setting.default)].add(setting.name)
    assert declared == actual


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


def test_vendored_fonts_are_the_package_s_files_with_their_licence():
    """The fonts' hashes, as static/vendor/README.md records them from the npm package."""
    readme = (ROOT / "static" / "vendor" / "README.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"\| `([\w-]+\.woff2)` \| `([0-9a-f]{64})` \|", readme))
    fonts = ROOT / "static" / "vendor" / "fonts"
    assert set(recorded) == {path.name for path in fonts.glob("*.woff2")} != set()
    for name, digest in recorded.items():
        assert hashlib.sha256((fonts / name).read_bytes()).hexdigest() == digest, name
    assert "SIL Open Font License" in (fonts / "OFL.txt").read_text(encoding="utf-8")


def _pins(path):
    """{package: version} of a compiled requirements file."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        if match:
            found[match[1].lower().replace("_", "-")] = match[2]
    return found


def test_the_app_installs_without_the_test_tools():
    app = _pins(ROOT / "requirements.txt")
    assert {"streamlit", "folium", "pandas", "geopy", "pandera"} <= set(app)
    assert not {"pytest", "playwright", "ruff"} & set(app), "the app's set holds no test tool"


def test_the_tests_install_the_app_exactly_as_it_ships():
    app, dev = _pins(ROOT / "requirements.txt"), _pins(ROOT / "requirements-dev.txt")
    assert {name: dev.get(name) for name in app} == app
    assert {"pytest", "playwright", "ruff"} <= set(dev)


def test_every_declared_dependency_is_locked():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    locked = _pins(ROOT / "requirements.txt")
    for requirement in pyproject["project"]["dependencies"]:
        name = re.split(r"[~=<>!\[ ]", requirement)[0].lower().replace("_", "-")
        assert name in locked, name


def test_ci_runs_the_readme_test_command_exactly():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [command] = re.findall(r"# run the tests.*\n(.*)\n", readme)
    assert "pytest" in command and "ruff check" in command and "ruff format --check" in command
    assert "npm ci " in command and "npx --no-install eslint static" in command
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_the_javascript_linter_is_pinned_and_locked():
    """eslint and its flat config's packages at exact versions, the lock agreeing with them,
    and what npm installs kept out of git.
    """
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    wanted = package["devDependencies"]
    assert {"eslint", "@eslint/js", "globals"} <= set(wanted)
    for name, version in wanted.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned: {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name
    assert lock["packages"][""]["devDependencies"] == wanted, "npm install was not run again"
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "node_modules/" in ignored
