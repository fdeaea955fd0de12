"""How many viewers one server process serves: the app against the card done the plain way;
and how many N replicas behind the load balancer serve.

    python benchmarks/load.py [--levels 1,10,50,100] [--app-dir PATH] [--json OUT] [--quick]
    python benchmarks/load.py --replicas 1,2 [--levels ...] [--json OUT] [--quick]
    python benchmarks/load.py --page summary --baseline-dir PATH [--levels ...] [--quick]

No browser: each viewer speaks Streamlit's own protocol, as its front end does. It opens a
WebSocket to `/_stcore/stream` (subprotocol `streamlit`, an `Origin` of the server's own URL),
sends a `BackMsg` whose `rerun_script` asks for the map page (the default page), and reads
`ForwardMsg`s until `script_finished`; then it types a search: a rerun whose widget states set
the sidebar's search box (the text input whose widget id ends with its key, `search`), and
waits for that run too. A browser would also load the page's JavaScript and the map's iframe;
that costs the viewer's machine, not the server, and is left out, so these figures are the
server's side of a visit only (benchmarks/browser.py has the browser's).

For each level, N viewers arrive at once (asyncio, one process) on a server that one viewer
has warmed (a fresh server's first run imports pandas, folium and the rest) and stays
connected to. Printed per level:

- runs/s: the script runs completed (`script_finished` messages) over the level's wall time;
- p50 and p95 of one run, from the request sent to its `script_finished` with the status
  FINISHED_SUCCESSFULLY (a run cut short for a rerun, as the first run of a fresh server is,
  is part of the step that asked for it);
- errors: exceptions, timeouts, a script that did not finish, a missing search box, and any
  exception element the script showed;
- the server's CPU time per run (all its threads, over the level's wall time; with replicas,
  theirs together), which says whether more runs/s come from more cores or from less work;
- the server's RSS with the N sessions open and idle, and per idle session: that RSS less the
  RSS before the level, over N. Sessions of an earlier level stay in the server for up to two
  minutes after they disconnect (Streamlit keeps them for a reconnection), and freed memory
  rarely returns to the system, so the figure per session is an estimate, best at high N.

Two apps are measured in the same run, each in a fresh server process started the same way
(benchmarks/app_server.py): the app (`dashboard.py` in --app-dir, by default this checkout)
and the naive baseline (benchmarks/naive_app.py), both on the data of --data-dir (by default
the app's own data/). Each runs in its own folder, and so with its own settings: the app with
its .streamlit/config.toml, the naive app with Streamlit's defaults (benchmarks/ has none), as
a plain app would be. A last table gives the ratio of their runs/s at each level. The
machine's cores are shared by the server and this client.

With `--replicas 1,2`, the app alone is measured, through the real load balancer: for each
count N, `deploy/local.sh N PORT` (N replicas behind HAProxy, as deploy/compose.yaml runs them),
each replica warmed by a viewer of its own that stays connected; the viewers connect to the
balancer, which spreads them (no cookie: each is a new visitor). RSS is the replicas' total.
The last table gives each count's runs/s over the first count's, measured in the same run.

With `--page NAME` (its address's path: `summary`, `table`...), viewers open that page
rather than the map, and search there; the naive card has no such page, so the baseline is
the same page of another checkout of the app, `--baseline-dir` (an earlier commit, made with
`git worktree add`), measured in the same run.
"""

import argparse
import asyncio
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.RootContainer_pb2 import RootContainer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.app_server import app_process, balanced_app  # noqa: E402
from benchmarks.tables import print_table  # noqa: E402

NAIVE_APP = ROOT / "benchmarks" / "naive_app.py"
LEVELS = (1, 10, 50, 100)
QUICK_LEVELS = (1, 2)
STEP_TIMEOUT = 300.0  # seconds for one run at the highest level: 100 viewers queue for long
QUICK_STEP_TIMEOUT = 60.0
SEARCH = "rabat"  # found by the app (accents folded) and by the naive app (plain substring)
# The sidebar's search box: its widget id ends with its key, `w:search` or `search`.
SEARCH_ID = re.compile(r"[-:]search$")
SETTLE = 1.0  # seconds for the server to finish sending before its memory is read


class RunFailed(Exception):
    """A run that ended otherwise than FINISHED_SUCCESSFULLY, or a page without a search box."""


class Viewer:
    """One browserless viewer: a WebSocket session speaking Streamlit's protocol.

    `runs` counts the script runs the server finished for it, `times` the seconds of each of
    its steps, `errors` what went wrong (an exception shown by the script is an error even
    when the run finishes).
    """

    page_name = ""  # the page viewers open, as its address names it ("": the map)

    def __init__(self, url, timeout):
        self.url = url
        self.timeout = timeout
        self.socket = None
        self.page_script_hash = ""  # the page the server last ran, sent back like the browser
        self.search_id = None
        self.replica = None  # which replica the load balancer sent this viewer to, if any
        self.runs = 0
        self.times = []
        self.errors = []

    async def connect(self):
        # No pings (a browser sends none at the WebSocket level, and a busy server would be
        # dropped for a late pong), no size limit (a map is a large message), no proxy.
        self.socket = await websockets.connect(
            self.url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.url,
            max_size=None,
            ping_interval=None,
            proxy=None,
            open_timeout=self.timeout,
        )
        self.replica = self.socket.response.headers.get("X-Coopmap-Replica")

    async def close(self):
        if self.socket is not None:
            await self.socket.close()

    def _read(self, message):
        """Note what a viewer needs from a message: its page, the search box, exceptions."""
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.page_script_hash = message.new_session.page_script_hash
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "exception":
                self.errors.append(f"exception shown: {element.exception.message[:200]}")
            elif (
                element.WhichOneof("type") == "text_input"
                and message.metadata.delta_path[:1] == [RootContainer.SIDEBAR]
                and SEARCH_ID.search(element.text_input.id)
            ):
                self.search_id = element.text_input.id

    async def run(self, search=None):
        """Ask for a run of the map page, with `search` typed in the search box if given;
        return its seconds once the script finished successfully.
        """
        request = BackMsg()
        request.rerun_script.query_string = ""
        request.rerun_script.page_script_hash = self.page_script_hash
        request.rerun_script.page_name = self.page_name
        if search is not None:
            widget = request.rerun_script.widget_states.widgets.add()
            widget.id = self.search_id
            widget.string_value = search
        start = time.perf_counter()
        await self.socket.send(request.SerializeToString())
        async with asyncio.timeout(self.timeout):
            while True:
                message = ForwardMsg.FromString(await self.socket.recv())
                self._read(message)
                if message.WhichOneof("type") != "script_finished":
                    continue
                self.runs += 1
                status = message.script_finished
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return time.perf_counter() - start
                if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # that rerun follows
                    name = ForwardMsg.ScriptFinishedStatus.Name(status)
                    raise RunFailed(f"the script finished with {name}")

    async def visit(self, search):
        """Open the map page, then search; every failure is kept in `errors`."""
        try:
            await self.connect()
            self.times.append(await self.run())
            if self.search_id is None:
                raise RunFailed("no search box in the sidebar")
            self.times.append(await self.run(search))
        except Exception as error:  # a timeout or any failure counts as an error
            self.errors.append(f"{type(error).__name__}: {error}")


def rss_mb(pids):
    """The resident memory of processes `pids`, in MB, together (VmRSS of /proc/PID/status)."""
    total = 0.0
    for pid in pids:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        (rss,) = [line for line in lines if line.startswith("VmRSS:")]
        total += int(rss.split()[1]) / 1024
    return total


def cpu_s(pids):
    """The CPU time that processes `pids` have used, all their threads, in seconds."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        ticks += int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15
    return ticks / os.sysconf("SC_CLK_TCK")


def percentile(values, share):
    """The nearest-rank percentile: the smallest value with `share` of the values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else float("nan")


async def measure_level(url, pids, viewers, search, timeout):
    """N viewers at once, each opening the map and searching; the level's figures."""
    before = rss_mb(pids)
    crowd = [Viewer(url, timeout) for _ in range(viewers)]
    start, cpu = time.perf_counter(), cpu_s(pids)
    await asyncio.gather(*(viewer.visit(search) for viewer in crowd))
    wall, cpu = time.perf_counter() - start, cpu_s(pids) - cpu
    await asyncio.sleep(SETTLE)
    idle = rss_mb(pids)
    await asyncio.gather(*(viewer.close() for viewer in crowd), return_exceptions=True)
    times = [t for viewer in crowd for t in viewer.times]
    errors = [e for viewer in crowd for e in viewer.errors]
    for error in sorted(set(errors)):
        print(f"  {viewers} viewers: {errors.count(error)} × {error}", file=sys.stderr)
    runs = sum(viewer.runs for viewer in crowd)
    return {
        "viewers": viewers,
        "runs": runs,
        "wall_s": wall,
        "runs/s": runs / wall,
        "p50_s": statistics.median(times) if times else float("nan"),
        "p95_s": percentile(times, 0.95),
        "errors": len(errors),
        "server CPU s/run": cpu / runs if runs else float("nan"),
        "RSS_MB": idle,
        "MB per idle session": (idle - before) / viewers,
        "viewers per replica": "/".join(
            str(n) for _, n in sorted(Counter(v.replica for v in crowd if v.replica).items())
        )
        or "—",
    }


async def measure_server(url, pids, levels, search, timeout):
    """A warm-up visit per server process (not counted), then each level in turn; (the first
    warm-up's seconds, rows).

    The warm-up viewers stay connected throughout: a server left with no session clears its
    cache of compiled scripts, and a server in use always has someone connected. Behind the
    balancer, each goes to the replica with the fewest connections: one each.
    """
    warm = [Viewer(url, timeout) for _ in pids]
    for viewer in warm:
        await viewer.visit(search)
        if viewer.errors:
            raise RuntimeError(f"the warm-up visit failed: {viewer.errors}")
    if len({viewer.replica for viewer in warm}) != len(pids):
        raise RuntimeError("the warm-up viewers did not reach every replica")
    rows = []
    for viewers in levels:
        rows.append(await measure_level(url, pids, viewers, search, timeout))
        row = rows[-1]
        print(
            f"  {viewers} viewers: {row['runs/s']:.2f} runs/s, p95 {row['p95_s']:.2f} s, "
            f"{row['errors']} errors",
            file=sys.stderr,
        )
        await asyncio.sleep(SETTLE)
    for viewer in warm:
        await viewer.close()
    return warm[0].times, rows


def measure_app(label, folder, app_dir, script, data_dir, levels, search, timeout):
    print(f"{label}: starting {script} in {app_dir}", file=sys.stderr)
    log = Path(folder) / f"{label}.log"
    with app_process(log, data_dir, app_dir=app_dir, script=script) as (url, process):
        warm, rows = asyncio.run(measure_server(url, [process.pid], levels, search, timeout))
    return {"script": str(script), "app_dir": str(app_dir), "warm-up_s": warm, "levels": rows}


def measure_replicas(folder, replicas, data_dir, levels, search, timeout):
    """The app through the load balancer, `replicas` processes behind it (deploy/local.sh)."""
    print(f"{replicas} replicas: starting deploy/local.sh", file=sys.stderr)
    log = Path(folder) / f"replicas-{replicas}.log"
    with balanced_app(log, replicas, data_dir) as deployment:
        pids = [pid for pid, _ in deployment.replicas.values()]
        warm, rows = asyncio.run(measure_server(deployment.url, pids, levels, search, timeout))
    # A replica the balancer took out of service under load (a late health check) would lose
    # its viewers' sessions: there must be none once all were ready.
    after_ready = log.read_text(errors="replace").partition("ready: ")[2]
    down = after_ready.count(" is DOWN")
    print(f"  replicas taken out of service under load: {down}", file=sys.stderr)
    return {"replicas": replicas, "warm-up_s": warm, "levels": rows, "taken out": down}


def scaling(counts):
    """Per level: each replica count's runs/s and p95, and its runs/s over the first count's."""
    first = counts[0]
    return [
        {"viewers": row["viewers"]}
        | {
            f"{n['replicas']} replicas {name}": n["levels"][i][key]
            for n in counts
            for name, key in (("runs/s", "runs/s"), ("p95_s", "p95_s"), ("errors", "errors"))
        }
        | {
            f"{n['replicas']}/{first['replicas']}": n["levels"][i]["runs/s"] / row["runs/s"]
            for n in counts[1:]
        }
        for i, row in enumerate(first["levels"])
    ]


def main_replicas(options, counts, levels, timeout):
    """`--replicas`: the app through the balancer with each replica count, in one run."""
    data_dir = (options.data_dir or ROOT / "data").resolve()
    with tempfile.TemporaryDirectory() as folder:
        common = (data_dir, levels, options.search, timeout)
        measured = [measure_replicas(folder, n, *common) for n in counts]
    cores = os.cpu_count()
    commit = commit_of(ROOT)
    print("\nLoad through the balancer: N viewers at once, each opening the map and searching")
    print(f"{options.search!r}; deploy/local.sh, {cores} cores, data {data_dir}, {commit}.")
    for figures in measured:
        replicas, down = figures["replicas"], figures["taken out"]
        print(f"\n{replicas} replicas, taken out of service under load: {down}")
        print_table(f"{figures['replicas']} replicas behind HAProxy", figures["levels"])
    ratios = scaling(measured)
    print_table("replicas / first", ratios)
    if options.json:
        figures = {"cores": cores, "commit": commit, "data_dir": str(data_dir)}
        figures |= {"search": options.search, "replicas": measured, "scaling": ratios}
        options.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False))


def commit_of(folder):
    """The checkout's commit, to say which code was measured ("" outside git)."""
    result = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip()


def comparison(app, naive, name="naive"):
    """Per level: both apps' runs/s and p95, and the ratio app/`name` of runs/s."""
    return [
        {
            "viewers": a["viewers"],
            "app runs/s": a["runs/s"],
            f"{name} runs/s": n["runs/s"],
            f"app/{name}": a["runs/s"] / n["runs/s"],
            "app p95_s": a["p95_s"],
            f"{name} p95_s": n["p95_s"],
            "app errors": a["errors"],
            f"{name} errors": n["errors"],
        }
        for a, n in zip(app["levels"], naive["levels"])
    ]


def script_of(app_dir):
    """The server's script as the README starts it; an older checkout has only its own."""
    return "app.py" if (app_dir / "app.py").exists() else "dashboard.py"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--levels", help="viewers at once, e.g. 1,10,50,100 (the default)")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="a checkout of the app")
    parser.add_argument("--data-dir", type=Path, help="the data of both apps (APP_DIR/data)")
    parser.add_argument("--search", default=SEARCH, help=f"what viewers type ({SEARCH!r})")
    parser.add_argument("--json", type=Path, help="also save the figures there")
    parser.add_argument("--quick", action="store_true", help="levels 1,2, short timeouts")
    parser.add_argument(
        "--replicas", help="replica counts behind the balancer, e.g. 1,2: the app alone"
    )
    parser.add_argument("--page", help="the page viewers open, e.g. summary (the map)")
    parser.add_argument("--baseline-dir", type=Path, help="with --page: the baseline checkout")
    options = parser.parse_args()
    if options.page and not options.baseline_dir:
        parser.error("--page needs --baseline-dir: the naive card has only the map")
    Viewer.page_name = options.page or ""
    levels = QUICK_LEVELS if options.quick else LEVELS
    if options.levels:
        levels = tuple(int(n) for n in options.levels.split(","))
    timeout = QUICK_STEP_TIMEOUT if options.quick else STEP_TIMEOUT
    if options.replicas:
        counts = [int(n) for n in options.replicas.split(",")]
        return main_replicas(options, counts, levels, timeout)
    app_dir = options.app_dir.resolve()
    data_dir = (options.data_dir or app_dir / "data").resolve()
    with tempfile.TemporaryDirectory() as folder:
        common = (data_dir, levels, options.search, timeout)
        script = script_of(app_dir)
        app = measure_app("app", folder, app_dir, script, *common)
        if options.page:
            baseline_dir = options.baseline_dir.resolve()
            naive = measure_app("baseline", folder, baseline_dir, script_of(baseline_dir), *common)
            baseline = f"baseline: {baseline_dir} ({commit_of(baseline_dir)})"
        else:
            naive = measure_app("naive", folder, NAIVE_APP.parent, NAIVE_APP.name, *common)
            baseline = "naive: benchmarks/naive_app.py"
    cores = os.cpu_count()
    commit = commit_of(app_dir)
    page = f"the {options.page} page" if options.page else "the map"
    print(f"\nLoad: N viewers at once, each opening {page} and searching {options.search!r};")
    print(f"one server process per app, {cores} cores, data {data_dir}.")
    for label, figures in (("app", app), (baseline.split(":")[0], naive)):
        warm = ", ".join(f"{t:.2f} s" for t in figures["warm-up_s"])
        print(f"{label}: a fresh server's first visit took {warm} (open, search)")
    print_table(f"app: {script} in {app_dir} ({commit or 'not a git checkout'})", app["levels"])
    print_table(baseline, naive["levels"])
    name = baseline.split(":")[0]
    ratios = comparison(app, naive, name)
    print_table(f"app / {name}", ratios)
    if options.json:
        figures = {"cores": cores, "commit": commit, "data_dir": str(data_dir)}
        figures |= {"search": options.search, "app": app, "naive": naive, "comparison": ratios}
        options.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
