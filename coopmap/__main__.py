"""Command line: `python -m coopmap validate` and `python -m coopmap geocode`.

python -m coopmap validate [PATH]              report every problem; exit 1 if any error
python -m coopmap geocode [PATH] [--offline]   place what the cache lacks, and report

PATH is a data folder (the shipped one by default) or a file of pairings (CSV or .xlsx),
checked against the data folder's regions and types and placed in its geocoding cache.
"""

import argparse
import sys
from pathlib import Path

from . import data, programme, settings, upload
from .exc import CoopMapError
from .geocode import NominatimSource, fill_cache


def _validate(dataset):
    for problem in dataset.problems:
        print(f"{problem.severity}: {problem}")
    errors = sum(problem.severity == "error" for problem in dataset.problems)
    print(
        f"{len(dataset.partnerships)} pairing(s) valid, {errors} error(s), "
        f"{len(dataset.problems) - errors} warning(s), {len(dataset.places)} place(s)."
    )
    return 1 if errors else 0


def _geocode(dataset, data_dir, offline):
    online = (
        None if offline or not settings.get("online_geocoding") else NominatimSource.from_settings()
    )

    def progress(done, total, outcome):
        print(
            f"[{done}/{total}] {outcome.place_id}: {outcome.status} ({outcome.reason})", flush=True
        )

    places = programme.places_to_place(dataset, programme.load(data_dir))
    outcomes = fill_cache(places, data_dir, online=online, progress=progress)
    placed = sum(o.row is not None for o in outcomes)  # ambiguous ones are placed too
    print(
        f"{len(places) - len(outcomes)} place(s) already in the cache, {placed} placed, "
        f"{len(outcomes) - placed} not placed."
    )
    return 0 if placed == len(outcomes) else 1


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m coopmap", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("validate", "geocode"))
    parser.add_argument("path", nargs="?", default=settings.get("data_dir"))
    parser.add_argument("--offline", action="store_true", help="use the offline gazetteer only")
    args = parser.parse_args(argv)
    path = Path(args.path)
    data_dir = path if path.is_dir() else Path(settings.get("data_dir"))
    try:
        # A list brought in (a file) has the limits of an upload.
        dataset = data.load(data_dir) if path.is_dir() else upload.load(data_dir, path)
    except CoopMapError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.command == "validate":
        return _validate(dataset)
    return _geocode(dataset, data_dir, args.offline)


if __name__ == "__main__":
    sys.exit(main())
