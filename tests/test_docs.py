"""The documentation stays true to the code, as datasette's docs tests keep theirs.

Every setting, URL parameter, command-line command and data column is documented, in the one
page that is its reference; every module that docs/architecture.md names exists, and every
module of the app is named there; every relative link leads somewhere; the README stays short.
Each failure names what is missing and where it should be written.
"""

import argparse
import re

import pytest

from coopmap import __main__ as cli
from coopmap import links, settings

from conftest import DATA_DIR, ROOT

DOCS = ROOT / "docs"
README = ROOT / "README.md"
OPERATIONS = DOCS / "operations.md"
LINKS = DOCS / "links.md"
ARCHITECTURE = DOCS / "architecture.md"
README_MAX_LINES = 150
# The Python modules that docs/architecture.md must name: the app's, at any depth below these.
MODULE_FOLDERS = ("coopmap", "ui", "pages", "scripts", "benchmarks")


def _read(path):
    return path.read_text(encoding="utf-8")


def _relative(path):
    return path.relative_to(ROOT).as_posix()


def _table_names(text, pattern):
    """The names in the first cell of a Markdown table's rows, where that cell is `pattern`."""
    return set(re.findall(rf"^\| `({pattern})` \|", text, flags=re.MULTILINE))


# Settings: docs/operations.md, one table row per `COOPMAP_<NAME>`.


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting):
    variable = f"COOPMAP_{setting.name.upper()}"
    documented = _table_names(_read(OPERATIONS), r"COOPMAP_[A-Z0-9_]+")
    assert variable in documented, (
        f"setting {setting.name!r} has no row `{variable}` in the settings table of "
        f"{_relative(OPERATIONS)}: add | `{variable}` | default | meaning |"
    )


def test_every_documented_setting_exists():
    names = {f"COOPMAP_{setting.name.upper()}" for setting in settings.SETTINGS}
    unknown = _table_names(_read(OPERATIONS), r"COOPMAP_[A-Z0-9_]+") - names
    assert not unknown, f"{_relative(OPERATIONS)} documents settings that do not exist: {unknown}"


# URL parameters: docs/links.md, one table row per parameter.


@pytest.mark.parametrize("parameter", links.PARAMETERS, ids=lambda p: p.name)
def test_every_link_parameter_is_documented(parameter):
    documented = _table_names(_read(LINKS), r"[a-z_]+")
    assert parameter.name in documented, (
        f"URL parameter {parameter.name!r} (coopmap/links.py) has no row "
        f"| `{parameter.name}` | in the parameters table of {_relative(LINKS)}"
    )


def test_every_documented_link_parameter_exists():
    unknown = _table_names(_read(LINKS), r"[a-z_]+") - {p.name for p in links.PARAMETERS}
    assert not unknown, f"{_relative(LINKS)} documents URL parameters that do not exist: {unknown}"


# The command line: every command and option of its real parser, in docs/operations.md.


def _commands(parser, words=()):
    """(words of the command, its parser) for every command that takes no further command."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        return [(words, parser)]
    return [
        found
        for group in groups
        for name, sub in group.choices.items()
        for found in _commands(sub, (*words, name))
    ]


COMMANDS = _commands(cli.parser())


def test_the_command_line_has_its_known_commands():
    """The walk over the parser finds the nested commands too (so the tests below mean it)."""
    assert {" ".join(words) for words, _ in COMMANDS} >= {"validate", "package", "editor add"}


@pytest.mark.parametrize(("words", "parser"), COMMANDS, ids=[" ".join(w) for w, _ in COMMANDS])
def test_every_command_is_documented(words, parser):
    command = " ".join(("python -m coopmap", *words))
    reference = _read(OPERATIONS)
    assert f"`{command}" in reference, (
        f"`{command}` is not in the command table of {_relative(OPERATIONS)}, where every "
        f"command is documented"
    )
    options = [
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]
    missing = [option for option in options if f"`{option}`" not in reference]
    assert not missing, f"options of `{command}` missing from {_relative(OPERATIONS)}: {missing}"


# Data files: data/README.md, every file and every column.


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_data_readme_documents_every_file_and_column(path):
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert f"`{path.name}`" in readme, f"data/{path.name} is not documented in data/README.md"
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    missing = [column for column in header if f"`{column}`" not in readme]
    assert not missing, f"columns of data/{path.name} not documented in data/README.md: {missing}"


# docs/architecture.md: every path it names exists, and every module is named.


def _code_spans(text):
    """The text of every inline code span (`...`), fenced blocks and ``...`` spans left out."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"``.*?``", "", text)
    return re.findall(r"`([^`\n]+)`", text)


def _named_paths():
    """The spans of docs/architecture.md that are paths in the repository: a Python file, or
    anything with a slash (`ui/`, `static/map/*.js`), not an address (`/app/static`).
    """
    return {
        span
        for span in _code_spans(_read(ARCHITECTURE))
        if ("/" in span or span.endswith(".py"))
        and not span.startswith("/")
        and not re.search(r"[\s<>()=:]", span)
    }


NAMED = sorted(_named_paths())


def test_architecture_names_paths():
    assert len(NAMED) > 50, NAMED  # the tree is there, and written as paths


@pytest.mark.parametrize("path", NAMED)
def test_every_path_in_the_architecture_exists(path):
    found = list(ROOT.glob(path.rstrip("/"))) if "*" in path else [ROOT / path]
    assert found and all(p.exists() for p in found), (
        f"{_relative(ARCHITECTURE)} names `{path}`, which does not exist: rename or remove it"
    )


def _modules():
    found = sorted(ROOT.glob("*.py"))
    for folder in MODULE_FOLDERS:
        found += sorted((ROOT / folder).rglob("*.py"))
    return [_relative(path) for path in found]


@pytest.mark.parametrize("module", _modules())
def test_every_module_is_in_the_architecture(module):
    named = set(NAMED)
    package = module.rsplit("/", 1)[0] + "/" if module.endswith("/__init__.py") else None
    assert module in named or package in named, (
        f"`{module}` is not named in {_relative(ARCHITECTURE)}: add it to the tree, as "
        f"- `{module}`: what it holds"
    )


# Links: every relative link of the README and the docs leads to a file (and heading).

PAGES = [README, DATA_DIR / "README.md", *sorted(DOCS.glob("*.md"))]


def _slug(heading):
    """A heading's anchor, as GitHub makes it."""
    heading = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return heading.replace(" ", "-")


def _anchors(path):
    text = re.sub(r"^```.*?^```", "", _read(path), flags=re.MULTILINE | re.DOTALL)
    return {_slug(h) for h in re.findall(r"^#+ (.*)$", text, flags=re.MULTILINE)}


def _relative_links(path):
    text = re.sub(r"^```.*?^```", "", _read(path), flags=re.MULTILINE | re.DOTALL)
    targets = dict.fromkeys(re.findall(r"\]\(([^)\s]+)\)", text))
    return [t for t in targets if not re.match(r"[a-z]+:", t) and not t.startswith("#")]


LINKS_TO_CHECK = [(page, target) for page in PAGES for target in _relative_links(page)]


@pytest.mark.parametrize(
    ("page", "target"), LINKS_TO_CHECK, ids=lambda x: x if isinstance(x, str) else _relative(x)
)
def test_every_relative_link_leads_somewhere(page, target):
    file, _, anchor = target.partition("#")
    destination = (page.parent / file).resolve()
    assert destination.exists(), f"{_relative(page)} links to {target}, which does not exist"
    if anchor:
        assert destination.suffix == ".md", f"{_relative(page)}: an anchor in {target}"
        assert anchor in _anchors(destination), (
            f"{_relative(page)} links to {target}: {file} has no heading #{anchor}"
        )


# The README: short, and a way into every page of docs/.


def test_the_readme_is_short():
    lines = len(_read(README).splitlines())
    assert lines <= README_MAX_LINES, (
        f"README.md has {lines} lines (at most {README_MAX_LINES}): move the detail to docs/"
    )


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_the_readme_links_to_every_page_of_the_docs(page):
    assert f"](docs/{page.name}" in _read(README), f"README.md does not link to docs/{page.name}"
