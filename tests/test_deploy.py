"""The deployment's files agree with one another, and deploy/local.sh cleans up after itself.

No container is built here (the machines have no container daemon: docs/deployment.md says how
the image was checked). What can go wrong without one is checked: HAProxy parses the balancer's
configuration, compose's services are the balancer's servers, the image listens where the
balancer and its own health check look, the mounts are where the image's settings point, no
data or secret goes into the image, and `local.sh` stops every process it started.
"""

import fnmatch
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from benchmarks.app_server import HAPROXY, LOCAL_DEPLOYMENT, free_ports

from conftest import ROOT, require

DEPLOY = ROOT / "deploy"
CONTAINERFILE = (ROOT / "Containerfile").read_text()
COMPOSE = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
HAPROXY_CFG = (DEPLOY / "haproxy.cfg").read_text()


def instructions(name):
    """The arguments of each `NAME` instruction of the Containerfile, continuation lines joined."""
    joined = CONTAINERFILE.replace("\\\n", " ")
    return [m[1].strip() for m in re.finditer(rf"^{name} (.*)$", joined, re.MULTILINE)]


def image_env():
    found = {}
    for line in instructions("ENV"):
        found |= dict(re.findall(r"(\w+)=(\S+)", line))
    return found


def replicas():
    return {
        name: s for name, s in COMPOSE["services"].items() if s.get("image") == "coopmap:latest"
    }


def test_haproxy_accepts_the_balancers_configuration():
    require(HAPROXY, "haproxy")
    checked = subprocess.run(
        [str(HAPROXY), "-c", "-f", str(DEPLOY / "haproxy.cfg")],
        env=os.environ | {"COOPMAP_LISTEN": ":8080"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_balancers_servers_are_composes_replicas_on_the_images_port():
    port = image_env()["STREAMLIT_SERVER_PORT"]
    servers = re.findall(r"^\s*server (\S+) (\S+) cookie (\S+)$", HAPROXY_CFG, re.MULTILINE)
    assert servers == [(name, f"{name}:{port}", name) for name in replicas()]
    assert len(replicas()) >= 2
    assert instructions("EXPOSE") == [port]


def test_the_balancer_listens_where_compose_publishes_it():
    balancer = COMPOSE["services"]["balancer"]
    listen = balancer["environment"]["COOPMAP_LISTEN"]
    [published] = balancer["ports"]
    assert published.endswith(":" + listen.split(":")[-1])
    [config] = balancer["volumes"]
    assert config.startswith("./haproxy.cfg:") and config.endswith(":ro")


def test_the_image_checks_its_health_where_the_balancer_does():
    port = image_env()["STREAMLIT_SERVER_PORT"]
    [check] = instructions("HEALTHCHECK")
    assert f"http://127.0.0.1:{port}/_stcore/health" in check
    assert "option httpchk GET /_stcore/health" in HAPROXY_CFG
    assert "http-check expect string ok" in HAPROXY_CFG and "!= b'ok'" in check


def test_the_image_runs_as_a_user_and_the_replica_command():
    [user] = instructions("USER")
    assert user not in ("root", "0")
    assert instructions("CMD") == ['["deploy/replica.sh"]']
    assert instructions("FROM")[0].startswith("python:3.11")  # as requirements.txt is compiled
    assert "Python 3.11" in (ROOT / "requirements.txt").read_text()


def test_the_mounts_are_where_the_images_settings_point():
    env = image_env()
    volumes = " ".join(instructions("VOLUME"))
    for replica in replicas().values():
        targets = {mount["target"] for mount in replica["volumes"]}
        assert env["COOPMAP_DATA_DIR"] in targets and env["COOPMAP_DATA_DIR"] in volumes
        editors = Path(env["COOPMAP_EDITORS_FILE"])
        assert str(editors.parent) in targets, "the editors' folder: the count of failures too"
        assert "/app/.streamlit/secrets.toml" in targets
        assert all(not m["bind"]["create_host_path"] for m in replica["volumes"])
        assert "STREAMLIT_SERVER_COOKIE_SECRET" in replica["environment"]


def in_image(path):
    """Whether .dockerignore lets `path` (relative, as git lists it) into the build context:
    its last matching pattern decides, `!` letting in. The file uses only `*`, `**/name` and
    `!folder/` or `!file` patterns.
    """
    inside = False
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        keep, pattern = pattern.startswith("!"), pattern.removeprefix("!")
        parts = Path(path).parts
        matched = (
            fnmatch.fnmatch(path, pattern)
            or (pattern.endswith("/") and path.startswith(pattern))
            or (pattern.startswith("**/") and pattern[3:] in parts)
        )
        if matched:
            inside = keep
    return inside


def test_no_data_or_secret_goes_into_the_image_and_the_app_does():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    taken = {path for path in tracked if in_image(path)}
    assert not [p for p in taken if p.startswith(("data/", "tests/", "sources/", "benchmarks/"))]
    for secret in (".streamlit/secrets.toml", ".streamlit/editors.json", "deploy/secrets.toml"):
        assert not in_image(secret)
    assert not in_image("coopmap/__pycache__/data.cpython-311.pyc")
    needed = ("app.py", "dashboard.py", "coopmap/data.py", "ui/loading.py", "pages/map.py")
    needed += (".streamlit/config.toml", "CITATION.cff", "deploy/replica.sh", "requirements.txt")
    assert all(in_image(path) and (ROOT / path).exists() for path in needed)
    assert all(in_image(path) for path in tracked if path.startswith("static/")), "offline"


@pytest.mark.parametrize("sent, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_local_sh_stops_everything_it_started(tmp_path, sent, status):
    require(HAPROXY, "haproxy")
    port = free_ports(2)
    log = tmp_path / "local.log"
    env = os.environ | {"COOPMAP_BASEMAP": "offline", "COOPMAP_ONLINE_GEOCODING": "false"}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(LOCAL_DEPLOYMENT), "1", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while "ready: " not in log.read_text() and time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            time.sleep(0.2)
        started = [int(pid) for pid in re.findall(r"pid (\d+)", log.read_text())]
        assert len(started) == 2, log.read_text()  # the replica and the balancer
        process.send_signal(sent)
        assert process.wait(timeout=30) == status
        assert not [pid for pid in started if Path(f"/proc/{pid}").exists()]
    finally:
        if process.poll() is None:
            process.kill()
