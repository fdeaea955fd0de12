"""Command line: `python -m coopmap validate`, `geocode`, `package` and `editor add`.

python -m coopmap validate [PATH]              report every problem; exit 1 if any error
python -m coopmap geocode [PATH] [--offline]   place what the cache lacks, and report
python -m coopmap package OUT                  the data as one zip (OUT a folder: named with
                                               the data's version and today's date inside it)
python -m coopmap editor add NAME              add an editor (the password is asked, or read
                                               from standard input with --password-stdin)

PATH is a data folder (the shipped one by default) or a file of pairings (CSV or .xlsx),
checked against the data folder's regions and types and placed in its geocoding cache.
"""

import argparse
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path

from . import data, editors, package, place_names, programme, settings, upload
from .exc import CoopMapError
from .geocode import Outcome, fill_cache, online_source


def _validate(dataset: data.Dataset) -> int:
    for problem in dataset.problems:
        print(f"{problem.severity}: {problem}")
    unnamed = place_names.missing(dataset.places)
    if len(unnamed):
        print(
            f"{len(unnamed)} Moroccan place(s) with no name in Arabic script in "
            f"{place_names.FILE} (shown in Latin script): {', '.join(unnamed.place_id)}."
        )
    errors = sum(problem.severity == "error" for problem in dataset.problems)
    print(
        f"{len(dataset.partnerships)} pairing(s) valid, {errors} error(s), "
        f"{len(dataset.problems) - errors} warning(s), {len(dataset.places)} place(s)."
    )
    return 1 if errors else 0


def _geocode(dataset: data.Dataset, data_dir: Path, offline: bool) -> int:
    online = None if offline else online_source()

    def progress(done: int, total: int, outcome: Outcome) -> None:
        print(
            f"[{done}/{total}] {outcome.place_id}: {outcome.status} ({outcome.reason})", flush=True
        )

    places = programme.places_to_place(dataset, programme.load(data_dir))
    who = f"command line ({getpass.getuser()})"
    outcomes = fill_cache(places, data_dir, who, online=online, progress=progress)
    placed = sum(o.row is not None for o in outcomes)  # ambiguous ones are placed too
    print(
        f"{len(places) - len(outcomes)} place(s) already in the cache, {placed} placed, "
        f"{len(outcomes) - placed} not placed."
    )
    return 0 if placed == len(outcomes) else 1


def _add_editor(name: str, from_stdin: bool) -> int:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Password for {name} (12 characters or more): ")
        if getpass.getpass("Again: ") != password:
            print("error: the two passwords differ", file=sys.stderr)
            return 2
    path = Path(settings.get("editors_file"))
    editors.add(path, name, password)
    print(f"{name} can now sign in as an editor ({path}).")
    return 0


def parser() -> argparse.ArgumentParser:
    """Every command and its options: `main` parses with it, and docs/operations.md documents
    each one (tests/test_docs.py walks it).
    """
    assert __doc__ is not None  # the usage, above
    parser = argparse.ArgumentParser(prog="python -m coopmap", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for command in ("validate", "geocode"):
        sub = commands.add_parser(command)
        sub.add_argument("path", nargs="?", default=settings.get("data_dir"))
        if command == "geocode":
            sub.add_argument("--offline", action="store_true", help="the offline gazetteer only")
    commands.add_parser("package").add_argument("out", help="the zip, or a folder to write it in")
    editor = commands.add_parser("editor").add_subparsers(dest="action", required=True)
    add = editor.add_parser("add", help="add an editor, or give one a new password")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "editor":
            return _add_editor(args.name, args.password_stdin)
        if args.command == "package":
            print(package.write(settings.get("data_dir"), args.out))
            return 0
        path = Path(args.path)
        data_dir = path if path.is_dir() else Path(settings.get("data_dir"))
        # A list brought in (a file) has the limits of an upload.
        dataset = data.load(data_dir) if path.is_dir() else upload.load(data_dir, path)
        if args.command == "validate":
            return _validate(dataset)
        return _geocode(dataset, data_dir, args.offline)
    except CoopMapError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
