"""Where a run's time goes: the app's script runs under cProfile, in the script thread.

    python benchmarks/profile_run.py [--runs K] [--app-dir PATH] [--naive] [--quick]

A Streamlit script runs in its session's script thread, not in the thread that serves the
WebSocket, so a profiler started around a test's own calls sees none of it. Here the server is
started as benchmarks/load.py starts it, except that the command is this file with `--serve`,
which wraps `ScriptRunner._run_script` (the method a script thread runs each script run with)
in a cProfile profiler, then hands over to Streamlit's command line. The server writes its
statistics when it is stopped.

A warm-up visit comes first, not profiled (a fresh server's first run imports pandas, folium
and the rest), and stays connected; then K viewers, one after another, open the map page and
search, with load.py's `Viewer`. One at a time, so that the times are a run's own, not time
spent waiting for another session's thread. Printed: the mean run time seen by the viewer
(under the profiler, which slows every Python call: load.py's level 1 has the time without
it), the own time by package, and the top functions by cumulative and by own (total) time.
Not profiled: the server's event loop thread, which serialises and sends the messages a run
produces.
"""

import argparse
import asyncio
import atexit
import cProfile
import os
import pstats
import re
import statistics
import sys
import sysconfig
import tempfile
import threading
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = 25
RUNS = 10  # viewers, each two runs (the map page, a search)
QUICK_RUNS = 2
SITE_PACKAGES = sysconfig.get_paths()["purelib"]


def serve(streamlit_arguments):
    """The server's side: profile every script run once the flag file exists, then run
    `streamlit STREAMLIT_ARGUMENTS` in this process.

    Each call gets its own profiler, merged into one set of statistics after it returns: a
    profiler enabled in two threads at once would mix their calls, and a script thread still
    collects garbage after the viewer has seen its run finish (runner.postScriptGC), while the
    next viewer's run starts in another thread.
    """
    sys.path.pop(0)  # this file's folder: Streamlit puts the app's own folder there
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.web import cli

    flag, out = Path(os.environ["PROFILE_FLAG"]), Path(os.environ["PROFILE_OUT"])
    merged, lock = [], threading.Lock()
    run_script = ScriptRunner._run_script

    def profiled_run_script(self, rerun_data):
        if not flag.exists():
            return run_script(self, rerun_data)
        profiler = cProfile.Profile()
        try:
            return profiler.runcall(run_script, self, rerun_data)
        finally:
            with lock:
                if merged:
                    merged[0].add(profiler)
                else:
                    merged.append(pstats.Stats(profiler))

    ScriptRunner._run_script = profiled_run_script
    atexit.register(lambda: merged and merged[0].dump_stats(out))
    sys.argv = ["streamlit", *streamlit_arguments]
    cli.main(prog_name="streamlit")


async def drive(url, runs, search, flag):
    """A warm-up visit, then `runs` visits one after another, profiled; the times of their
    runs, and how many script runs the server finished for them (more if a script reruns).

    The warm-up viewer stays connected until the end: a server left with no session clears
    its cache of compiled scripts, and a server in use always has someone connected.
    """
    from benchmarks.load import QUICK_STEP_TIMEOUT, Viewer

    warm = Viewer(url, QUICK_STEP_TIMEOUT)
    await warm.visit(search)
    flag.touch()
    times, script_runs = [], 0
    for _ in range(runs):
        viewer = Viewer(url, QUICK_STEP_TIMEOUT)
        await viewer.visit(search)
        await viewer.close()
        times += viewer.times
        script_runs += viewer.runs
        warm.errors += viewer.errors
    await warm.close()
    if warm.errors:
        raise RuntimeError(f"a visit failed: {warm.errors}")
    return times, script_runs


def where(filename, app_dir):
    """A short name for a profiled file, and the package its time is counted under."""
    if filename == "~":
        return "", "(built-in functions)"
    for base in (SITE_PACKAGES, str(app_dir), sys.prefix, sys.base_prefix):
        if filename.startswith(base + os.sep):
            short = filename[len(base) + 1 :]
            package = short.split(os.sep)[0]
            if base in (sys.prefix, sys.base_prefix):
                package = "(standard library)"
            return short, re.sub(r"\.py$", "", package)
    return filename, filename


def function_name(key, app_dir):
    filename, line, name = key
    short, _ = where(filename, app_dir)
    return f"{short}:{line}({name})" if short else name


def report(stats_path, times, script_runs, app_dir, top):
    """The tables, as (title, rows); "per run" is per run a viewer asked for (the map page, or
    a search).
    """
    stats = pstats.Stats(str(stats_path)).stats
    total = sum(tt for _, _, tt, _, _ in stats.values())
    runs = len(times)
    profiled = {
        "runs": runs,
        "script runs": script_runs,
        "mean run_s (client, profiled)": f"{statistics.mean(times):.3f}",
        "profiled script-thread time_s": f"{total:.3f}",
    }
    tables = [("Runs profiled", [profiled])]
    by_package = defaultdict(float)
    for (filename, _, _), (_, _, tt, _, _) in stats.items():
        by_package[where(filename, app_dir)[1]] += tt
    ranked_packages = sorted(by_package.items(), key=lambda i: -i[1])[:15]
    tables.append(
        (
            "Own time by package",
            [
                {
                    "package": package,
                    "own_s per run": f"{seconds / runs:.4f}",
                    "share": f"{seconds / total:.1%}",
                }
                for package, seconds in ranked_packages
            ],
        )
    )
    for title, column in (("cumulative", 3), ("total (own)", 2)):
        ranked = sorted(stats.items(), key=lambda item: -item[1][column])[:top]
        rows = [
            {
                "function": function_name(key, app_dir),
                "calls per run": f"{nc / runs:.1f}",
                "own_s per run": f"{tt / runs:.4f}",
                "cumulative_s per run": f"{ct / runs:.4f}",
                "cumulative": f"{ct / total:.1%}",
            }
            for key, (_, nc, tt, ct, _) in ranked
        ]
        tables.append((f"Top {top} functions by {title} time", rows))
    return tables


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, help=f"viewers profiled, each 2 runs ({RUNS})")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="a checkout of the app")
    parser.add_argument("--naive", action="store_true", help="profile benchmarks/naive_app.py")
    parser.add_argument("--search", default="rabat", help="what each viewer types")
    parser.add_argument("--top", type=int, default=TOP, help=f"functions listed ({TOP})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_RUNS} viewers")
    options = parser.parse_args()
    runs = options.runs or (QUICK_RUNS if options.quick else RUNS)
    app_dir = options.app_dir.resolve()
    data_dir = app_dir / "data"
    sys.path.insert(0, str(ROOT))
    from benchmarks.app_server import app_process
    from benchmarks.tables import print_table

    if options.naive:
        app_dir, script = ROOT / "benchmarks", "naive_app.py"  # as load.py runs it
    else:
        script = "dashboard.py"
    with tempfile.TemporaryDirectory() as folder:
        flag, out = Path(folder) / "profile-now", Path(folder) / "runs.prof"
        with app_process(
            Path(folder) / "server.log",
            data_dir,
            extra_env={"PROFILE_FLAG": str(flag), "PROFILE_OUT": str(out)},
            app_dir=app_dir,
            script=script,
            launcher=(str(Path(__file__).resolve()), "--serve"),
        ) as (url, _process):
            times, script_runs = asyncio.run(drive(url, runs, options.search, flag))
        if not out.exists():
            log = (Path(folder) / "server.log").read_text()
            raise RuntimeError(f"the server wrote no profile; its log:\n{log}")
        print(f"Profile of {script} in {app_dir}: {runs} viewers, each opening the map page")
        print(f"and searching {options.search!r}, one after another, after a warm-up visit.")
        for title, rows in report(out, times, script_runs, app_dir, options.top):
            print_table(title, rows)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2:])
    else:
        main()
