"""The real app in a subprocess, and the browser that looks at it: for the benchmarks and the
browser tests alike.

The app runs as `streamlit run app.py` on a free port, with the developer's COOPMAP_*
variables dropped so that nothing but the caller's settings changes what is measured or seen;
online geocoding is off unless the caller turns it on.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
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
    env = {k: v for k, v in os.environ.items() if not k.startswith("COOPMAP_")}
    env.update({"COOPMAP_BASEMAP": basemap, "COOPMAP_ONLINE_GEOCODING": "false"})
    env.update(extra_env or {})
    if data_dir is not None:
        env["COOPMAP_DATA_DIR"] = str(data_dir)
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
