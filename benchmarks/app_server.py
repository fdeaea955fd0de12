"""The real app in a subprocess, and the browser that looks at it: for the benchmarks and the
browser tests alike.

The app runs as `streamlit run app.py` on a free port, or as the deployment of
deploy/local.sh (replicas behind HAProxy), with the developer's COOPMAP_* variables dropped so
that nothing but the caller's settings changes what is measured or seen; online geocoding is
off unless the caller turns it on.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")  # Debian's; Playwright has no browser of its own here
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
STARTUP_TIMEOUT = 60.0
LOCAL_DEPLOYMENT = ROOT / "deploy" / "local.sh"
HAPROXY = Path("/usr/sbin/haproxy")  # Debian's, which deploy/local.sh runs
PORT_ATTEMPTS = 3


class AppDidNotStart(RuntimeError):
    """The app exited or did not answer its health check in time; the message holds its log."""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url):
    with (
        contextlib.suppress(OSError),
        urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response,
    ):
        return response.read() == b"ok"
    return False


def _app_env(data_dir, basemap, extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COOPMAP_")}
    env.update({"COOPMAP_BASEMAP": basemap, "COOPMAP_ONLINE_GEOCODING": "false"})
    env.update(extra_env or {})
    if data_dir is not None:
        env["COOPMAP_DATA_DIR"] = str(data_dir)
    return env


@contextlib.contextmanager
def app_process(
    log_path,
    data_dir=None,
    basemap="offline",
    extra_env=None,
    app_dir=ROOT,
    script="app.py",
    launcher=("-m", "streamlit"),
):
    """Run `streamlit run SCRIPT` in `app_dir` and yield (its URL, its process) once it
    answers; always stop it.

    `app_dir` and `script` let a benchmark run another checkout of the app, or another app
    (benchmarks/naive_app.py), started the same way; `launcher` replaces `-m streamlit` by a
    script that takes the same arguments (benchmarks/profile_run.py wraps Streamlit so).
    The process is the server itself, whose memory a load test reads.
    """
    env = _app_env(data_dir, basemap, extra_env)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    for attempt in range(PORT_ATTEMPTS):
        # A free port can be taken by another process (a parallel test worker's app) between
        # the moment it is found and the moment Streamlit binds it: then Streamlit exits, and
        # the app starts again on another port.
        port = _free_port()
        command = [sys.executable, *launcher, "run", str(script)]
        command += ["--server.port", str(port), "--server.headless", "true"]
        command += ["--server.fileWatcherType", "none"]
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                command, cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        url = f"http://127.0.0.1:{port}"
        while not _healthy(url) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        taken = process.poll() is not None and "already in use" in Path(log_path).read_text()
        if not taken or attempt == PORT_ATTEMPTS - 1:
            break
    try:
        if process.poll() is not None or not _healthy(url):
            raise AppDidNotStart(f"the app did not start:\n{Path(log_path).read_text()}")
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def running_app(log_path, data_dir=None, basemap="offline", extra_env=None):
    """Run the app and yield its URL once it answers; always stop it."""
    with app_process(log_path, data_dir, basemap, extra_env) as (url, _process):
        yield url


@dataclass(frozen=True)
class Deployment:
    """deploy/local.sh running: the balancer's URL, and each replica's process id and URL by its
    name (app1, app2, ...), which is also the value of the balancer's cookie for it.
    """

    url: str
    replicas: dict[str, tuple[int, str]]


def free_ports(count):
    """A port P such that P … P+count-1 were all free a moment ago."""
    for _ in range(50):
        first = _free_port()
        with contextlib.ExitStack() as held:
            try:
                for port in range(first, first + count):
                    held.enter_context(socket.socket()).bind(("127.0.0.1", port))
            except OSError:
                continue
        return first
    raise AppDidNotStart(f"found no {count} free ports in a row")


@contextlib.contextmanager
def balanced_app(
    log_path, replicas=2, data_dir=None, basemap="offline", extra_env=None, config=None
):
    """Run `deploy/local.sh REPLICAS PORT [CONFIG]` and yield its `Deployment` once the
    balancer reaches every replica (its "ready" line); always stop it, as an operator does
    (SIGTERM), and then anything it left.
    """
    env = _app_env(data_dir, basemap, extra_env)
    for attempt in range(PORT_ATTEMPTS):
        port = free_ports(replicas + 1)
        command = [str(LOCAL_DEPLOYMENT), str(replicas), str(port)]
        command += [str(config)] if config else []
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        ready = f"ready: http://127.0.0.1:{port} "
        while process.poll() is None and time.monotonic() < deadline:
            if ready in Path(log_path).read_text(errors="replace"):
                break
            time.sleep(0.2)
        taken = process.poll() is not None and "in use" in Path(log_path).read_text()
        if not taken or attempt == PORT_ATTEMPTS - 1:
            break
    try:
        output = Path(log_path).read_text(errors="replace")
        if process.poll() is not None or ready not in output:
            raise AppDidNotStart(f"deploy/local.sh did not start:\n{output}")
        found = re.findall(r"^replica (app\d+): pid (\d+) on (\S+)$", output, re.MULTILINE)
        yield Deployment(
            f"http://127.0.0.1:{port}", {name: (int(pid), url) for name, pid, url in found}
        )
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # anything local.sh did not stop
        process.wait()
