"""Every benchmark script runs in its quick mode, so that a benchmark that rots fails the tests.

Nothing ran the benchmarks before, and benchmarks/server.py crashed on main unseen. Each
script runs here as a person runs it, as a subprocess with `--quick` (small sizes, one
repeat); the test checks that it exits 0 and that its Markdown tables hold their figures:
numbers where numbers belong, positive where a count, a size or a rate cannot be zero, and no
errors counted. No time is compared with a limit: this machine's speed is not a test's business.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.app_server import CHROMIUM, HAPROXY

from conftest import require

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300  # seconds; each quick run takes well under a minute on an idle machine
NUMBER = re.compile(r"^-?\d[\d,]*(\.\d+)?")


def run_quick(script, *options):
    """The output of `python benchmarks/SCRIPT --quick [OPTIONS]`, which must exit 0."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), "--quick", *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, f"{script} exited {result.returncode}:\n{result.stderr[-4000:]}"
    return result.stdout


def tables(output):
    """{title: [{column: cell}]} of the Markdown tables in `output`; a table's title is the
    last line of text above it ("" if none), without its leading #.
    """
    found, title, rows, header = {}, "", None, None
    for line in [*output.splitlines(), ""]:
        if line.startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if header is None:
                header, rows = cells, []
            elif set(cells) != {"---"}:
                rows.append(dict(zip(header, cells, strict=True)))
        else:
            if header is not None:
                found[title] = rows
                header = None
            if line.strip():
                title = line.strip().lstrip("#").strip()
    return found


def number(cell):
    """The number a cell starts with ("0.14 MB", "1,000", "54.8%"); fails if there is none."""
    match = NUMBER.match(cell)
    assert match, f"no number in {cell!r}"
    return float(match.group().replace(",", ""))


def table(found, start):
    """The one table whose title starts with `start`."""
    (rows,) = [rows for title, rows in found.items() if title.startswith(start)]
    assert rows, f"the table {start!r} is empty"
    return rows


def check(rows, positive=(), at_least_zero=(), zero=()):
    for row in rows:
        for column in positive:
            assert number(row[column]) > 0, (column, row)
        for column in at_least_zero:
            assert number(row[column]) >= 0, (column, row)
        for column in zero:
            assert number(row[column]) == 0, (column, row)


def test_server_quick():
    rows = table(tables(run_quick("server.py")), "")
    assert [row["size"] for row in rows] == ["shipped", "200 (synthetic)"]
    check(
        rows,
        positive=["pairings", "sent_MB", "naive_sent_MB", "speed-up"],
        at_least_zero=["load_s", "filter_s", "build_s", "naive_build_s"],
    )


def test_region_maps_quick():
    rows = table(tables(run_quick("region_maps.py")), "Region maps")
    assert [(row["pairings"], row["division"]) for row in rows] == [
        ("shipped", "current"),
        ("shipped", "2013"),
        ("200 (synthetic)", "current"),
        ("200 (synthetic)", "2013"),
    ]
    check(rows, positive=["run_ms", "altair_run_ms", "faster", "sent_KB", "inline_sent_KB"])
    # Fetched once by the browser rather than sent at each run: the outlines outweigh counts.
    assert all(number(row["less sent"]) > 1 for row in rows)


def test_bad_files_quick():
    rows = table(tables(run_quick("bad_files.py")), "")
    assert len(rows) == 4
    check(rows, positive=["size"], at_least_zero=["checked in", "baseline time"])
    refused = [row["case"] for row in rows if row["shows"].startswith("refused")]
    assert len(refused) == 3, rows  # the junk workbook, the junk CSV and the zip bomb


def test_load_quick():
    found = tables(run_quick("load.py"))
    for start in ("app:", "naive:"):
        rows = table(found, start)
        assert [number(row["viewers"]) for row in rows] == [1, 2]
        check(
            rows,
            positive=["runs", "wall_s", "runs/s", "p50_s", "p95_s", "RSS_MB"],
            zero=["errors"],
        )
        for row in rows:
            number(row["MB per idle session"])  # an estimate, which may be below 0 at N = 1
    check(table(found, "app / naive"), positive=["app runs/s", "naive runs/s", "app/naive"])


def test_load_of_another_page_against_a_checkout_quick():
    """`--page summary`: viewers open the summary, against the same page of a baseline
    checkout (this one here: the figures' shape is checked, not a speed-up).
    """
    output = run_quick("load.py", "--page", "summary", "--baseline-dir", str(ROOT))
    found = tables(output)
    for start in ("app:", "baseline:"):
        rows = table(found, start)
        assert [number(row["viewers"]) for row in rows] == [1, 2]
        check(rows, positive=["runs", "runs/s", "p95_s"], zero=["errors"])
    check(table(found, "app / baseline"), positive=["baseline runs/s", "app/baseline"])
    assert "each opening the summary page" in output


def test_load_through_the_balancer_quick():
    require(HAPROXY, "haproxy")
    found = tables(run_quick("load.py", "--replicas", "1,2"))
    for replicas in (1, 2):
        rows = table(found, f"{replicas} replicas behind HAProxy")
        assert [number(row["viewers"]) for row in rows] == [1, 2]
        check(rows, positive=["runs", "runs/s", "p95_s", "RSS_MB"], zero=["errors"])
    two = table(found, "2 replicas behind HAProxy")[-1]
    assert two["viewers per replica"] == "1/1", "the balancer spread two viewers over two"
    check(table(found, "replicas / first"), positive=["2/1"])


def test_profile_run_quick():
    found = tables(run_quick("profile_run.py"))
    (profiled,) = table(found, "Runs profiled")
    assert number(profiled["runs"]) == 4  # 2 viewers, each opening the map and searching
    check([profiled], positive=["mean run_s (client, profiled)", "profiled script-thread time_s"])
    cumulative = table(found, "Top 25 functions by cumulative time")
    assert len(cumulative) == 25
    check(cumulative, positive=["cumulative_s per run"])
    functions = [row["function"] for row in cumulative]
    # The profile is the script thread's: the script run and the app's own script are in it.
    assert any(f.endswith("(_run_script)") for f in functions), functions
    assert any(f.startswith("dashboard.py:") for f in functions), functions
    assert len(table(found, "Top 25 functions by total (own) time")) == 25


@pytest.mark.browser
def test_browser_quick():
    require(CHROMIUM, "chromium")
    found = tables(run_quick("browser.py"))
    first = table(found, "A server's first visitor")
    check(first, positive=["first visitor goto→drawn_s", "second visitor goto→drawn_s"])
    check(first, zero=["errors"])
    sessions = table(found, "Browser side: medians")
    check(sessions, positive=["goto→drawn_s", "search→drawn_s"], zero=["errors"])
    load = table(found, "Load: concurrent sessions")
    check(load, positive=["goto→drawn median_s", "all done_s"], zero=["errors"])
