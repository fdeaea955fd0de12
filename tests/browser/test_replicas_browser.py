"""Two replicas behind the balancer (deploy/local.sh): what a viewer sees when one dies, and
what two editors get when they publish through both at once.

Streamlit keeps a viewer's session in the memory of one process, so the deployment pins each
viewer to a replica with a cookie (COOPMAP_REPLICA) and sends the viewers of a replica that
dies to a live one. These tests go through the real HAProxy, in Chromium, each on a deployment
and a copy of the data of its own:

- A replica killed under load loses no viewer. Browserless viewers (benchmarks/load.py) visit
  without a pause; a page pinned to each replica shows a view opened from its address; app1 is
  killed. The page on app2 sees nothing. The page on app1 reconnects to app2, still showing its
  view, and its next run, on app2, rebuilds that view from its address. Only the visits in
  flight on app1 at that instant may fail; a new viewer gets app2.
- Two editors publish through two replicas at once. The data folder's lock and fingerprint are
  shared by the processes, so exactly one change is written and the other editor is told which
  version came first; both replicas then show the published data.
"""

import asyncio
import contextlib
import os
import shutil
import signal
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote

import pandas as pd
import pytest
from playwright.sync_api import expect

from benchmarks.app_server import HAPROXY, AppDidNotStart, balanced_app
from benchmarks.load import Viewer
from coopmap import data, editors, publish
from coopmap.catalog import text

from .conftest import DATA_DIR, watched_page
from .test_editors_browser import bring, sign_in_and_confirm
from .test_link_browser import expect_the_fes_view
from .test_map_browser import (
    ARTIFACTS,
    open_page,
    pairings_metric,
    shipped_pairings,
)
from conftest import read_rows, require, said

pytestmark = pytest.mark.browser

COOKIE, HEADER = "COOPMAP_REPLICA", "x-coopmap-replica"
EDITORS = {"alice": ("Rabat", "alice's password 1"), "bruno": ("Fès", "bruno's password 2")}
# The view a link opens: in English, a search, a place selected.
VIEW = "/?language=en&search=fes&selected_place=" + quote("MA:commune urbaine:Fès")
# Every state the page's connection passes through from now on, in window.connectionStates.
WATCH_CONNECTION = """() => {
  window.connectionStates = [];
  const app = document.querySelector("[data-testid='stApp']");
  new MutationObserver(() => window.connectionStates.push(app.dataset.testConnectionState))
    .observe(app, {attributes: true, attributeFilter: ["data-test-connection-state"]});
}"""


@pytest.fixture
def deployment(tmp_path):
    """deploy/local.sh with two replicas on a copy of the data, with two editors; its
    `Deployment` and the data folder.
    """
    require(HAPROXY, "haproxy")
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    editors_file = tmp_path / "editors.json"
    for name, (_, password) in EDITORS.items():
        editors.add(editors_file, name, password)
    env = {"COOPMAP_EDITORS_FILE": str(editors_file)}
    try:
        with balanced_app(tmp_path / "local.log", 2, folder, extra_env=env) as running:
            yield running, folder
    except AppDidNotStart as error:
        pytest.fail(str(error))


def shoot(page, name):
    """A screenshot of a key moment, test-artifacts/replicas-NAME.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"replicas-{name}.png", full_page=True)


@contextlib.contextmanager
def pinned_page(browser, guard, deployment, replica):
    """A page whose context carries the balancer's cookie for `replica` (None: no cookie)."""
    with watched_page(browser, guard) as page:
        if replica:
            page.context.add_cookies([{"name": COOKIE, "value": replica, "url": deployment.url}])
        yield page


def open_on(page, url, replica):
    """Open `url`, wait for the script's first run, and check that `replica` answered."""
    response = open_page(page, url)
    assert response.headers.get(HEADER) == replica, response.headers


def expect_the_view(page):
    """The view of VIEW (English, the search, Fès selected, its lines and counts); no error."""
    expect_the_fes_view(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlert")).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)  # Streamlit's connection error


def streams(page):
    """The page's Streamlit WebSockets, in the order it opened them, as they are opened."""
    opened = []
    page.on("websocket", lambda ws: opened.append(ws) if "/_stcore/stream" in ws.url else None)
    return opened


def wait_until(page, condition, timeout=60.0, what="the condition"):
    """Poll `condition` while Playwright keeps serving `page` (time.sleep would block it)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        page.wait_for_timeout(100)


@dataclass
class Visit:
    """One browserless visit: its start and end (time.monotonic()), replica and errors."""

    start: float
    end: float
    replica: str | None  # the balancer's answer to the WebSocket upgrade; None if none came
    errors: list = field(default_factory=list)


class Load:
    """Browserless viewers (benchmarks/load.py) visiting through the balancer, each opening
    the map and searching, again and again, in a thread and an asyncio loop of their own.
    """

    def __init__(self, url, viewers=6):
        self.url, self.viewers, self.visits = url, viewers, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._crowd()), daemon=True)

    async def _viewer(self):
        while not self._stop.is_set():
            viewer, start = Viewer(self.url, timeout=60), time.monotonic()
            await viewer.visit("rabat")
            replica = viewer.socket and viewer.socket.response.headers.get(HEADER)
            self.visits.append(Visit(start, time.monotonic(), replica, viewer.errors))
            with contextlib.suppress(Exception):
                await viewer.close()

    async def _crowd(self):
        await asyncio.gather(*(self._viewer() for _ in range(self.viewers)))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=90)
        assert not self._thread.is_alive(), "the viewers did not stop"

    def served(self, replica):
        """The visits that `replica` answered (whether or not they failed after)."""
        return [v for v in self.visits if v.replica == replica]


def test_a_replica_killed_under_load_loses_no_viewer(browser, guard, deployment):
    running, _ = deployment
    url = running.url + VIEW
    with (
        pinned_page(browser, guard, running, "app1") as one,
        pinned_page(browser, guard, running, "app2") as two,
    ):
        sockets = {"app1": streams(one), "app2": streams(two)}
        for page, replica in ((one, "app1"), (two, "app2")):
            open_on(page, url, replica)
            expect_the_view(page)
            page.evaluate(WATCH_CONNECTION)
        with Load(running.url) as load:
            wait_until(one, lambda: load.served("app1") and load.served("app2"), what="load")
            shoot(one, "app1-before-kill")
            runs, sent = one.evaluate("[window.finishedRuns, window.sentMessages]")
            pid, _ = running.replicas["app1"]
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                assert b"streamlit" in f.read(), "the pid is app1's Streamlit process"
            killed = time.monotonic()
            os.kill(pid, signal.SIGKILL)

            # The page on app1 loses its socket and finds the server again: app2.
            wait_until(one, lambda: sockets["app1"][0].is_closed(), 10, "app1's socket to close")
            one.wait_for_function("window.connectionStates.at(-1) === 'CONNECTED'")
            reconnected = time.monotonic() - killed
            assert len(sockets["app1"]) == 2 and not sockets["app1"][1].is_closed()
            assert {c["name"]: c["value"] for c in one.context.cookies()}[COOKIE] == "app2"
            states = one.evaluate("window.connectionStates")
            expect_the_view(one)
            shoot(one, "app1-reconnected")
            # Streamlit's front end reruns after a reconnection only a run that the loss cut
            # short (streamlit/streamlit#9083): the page keeps what it showed, and its new
            # session on app2 runs at the viewer's next action, from the page's address and
            # widgets. R asks for that run.
            rerun_on_its_own = one.evaluate("window.sentMessages") > sent
            one.locator("body").press("r")
            one.wait_for_function(f"window.finishedRuns > {runs}", timeout=60_000)
            expect_the_view(one)
            back = time.monotonic() - killed
            shoot(one, "app1-rerun-on-app2")

            # The page on app2 saw nothing.
            assert [ws.is_closed() for ws in sockets["app2"]] == [False]
            assert two.evaluate("window.connectionStates") == []
            expect_the_view(two)

            # A new viewer, after the kill, is served by app2 without an error.
            with pinned_page(browser, guard, running, None) as new:
                open_on(new, url, "app2")
                expect_the_view(new)
                shoot(new, "new-after-kill")
            wait_until(one, lambda: sum(v.start > killed for v in load.visits) >= 6)

    before = [v for v in load.visits if v.start <= killed]
    after = [v for v in load.visits if v.start > killed]
    failed = [v for v in load.visits if v.errors]
    print(
        f"\nvisits: {len(before)} started before the kill ({len(load.served('app1'))} on app1), "
        f"{len(after)} after; {len(failed)} failed. app1's page: reconnected in "
        f"{reconnected:.1f} s ({' → '.join(states)}), reran on its own: {rerun_on_its_own}, "
        f"the view back from app2 {back:.1f} s after the kill"
    )
    for visit in failed:
        print(f"  failed visit started {visit.start - killed:+.2f} s: {visit.errors}")
    assert not [v.errors for v in load.served("app2") if v.errors], "app2's viewers saw errors"
    assert not [v.errors for v in after if v.errors], "visits started after the kill failed"
    assert all(v.replica in ("app1", None) and v.end >= killed for v in failed)
    assert {v.replica for v in after} == {"app2"}


def prepare(page, deployment, replica, editor, tmp_path):
    """`editor`, on `replica`, uploads a list adding their pairing, signs in and confirms."""
    town, password = EDITORS[editor]
    frame = pd.read_csv(DATA_DIR / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    number = str(frame.pairing_id.astype(int).max() + 1)
    new = frame.iloc[[0]].assign(pairing_id=number, morocco_name=town, notes="")
    path = tmp_path / f"{editor}.csv"
    pd.concat([frame.head(2), new]).to_csv(path, index=False)
    open_on(page, f"{deployment.url}/data", replica)
    bring(page, path)
    sign_in_and_confirm(page, editor, password)
    expect(page.get_by_role("button", name=text("save_to_files"))).to_be_enabled()


def test_two_editors_publish_through_two_replicas_at_once(browser, guard, deployment, tmp_path):
    running, folder = deployment
    first = {row["pairing_id"] for row in read_rows(data.PARTNERSHIPS_FILE, folder)}
    with (
        pinned_page(browser, guard, running, "app1") as alice,
        pinned_page(browser, guard, running, "app2") as bruno,
    ):
        pages = {"alice": alice, "bruno": bruno}
        prepare(alice, running, "app1", "alice", tmp_path)
        prepare(bruno, running, "app2", "bruno", tmp_path)
        assert publish.versions(folder) == []
        clicked = time.monotonic()
        for page in pages.values():  # each click returns once pressed, before the run ends
            page.get_by_role("button", name=text("save_to_files")).click()
        apart = time.monotonic() - clicked
        for page in pages.values():
            outcome = page.get_by_text(said("saved")).or_(page.get_by_text(said("stale_data")))
            expect(outcome).to_be_visible(timeout=60_000)

        origin, version = publish.versions(folder)
        assert (origin.kind, version.kind) == ("origin", "save")
        winner = version.who
        (loser,) = set(EDITORS) - {winner}
        shoot(pages[winner], "publish-winner")
        shoot(pages[loser], "publish-refused")
        expect(pages[winner].get_by_text(text("saved", number=version.number))).to_be_visible()
        title = text(
            "version_title",
            number=version.number,
            kind=text("kind_save"),
            who=winner,
            when=version.when,
        )
        expect(pages[loser].get_by_text(said("stale_data", since=title))).to_be_visible()
        expect(pages[loser].get_by_text(said("saved"))).to_have_count(0)

    # The version and the published file hold the winner's pairing, nothing of the loser's.
    written = publish.files_of(folder, version.number)[data.PARTNERSHIPS_FILE]
    for rows in (written.to_dict("records"), read_rows(data.PARTNERSHIPS_FILE, folder)):
        added = [
            (r["morocco_name"], r["france_name"]) for r in rows if r["pairing_id"] not in first
        ]
        assert added == [(EDITORS[winner][0], "Bordeaux")]
    print(
        f"\nthe two clicks {apart:.2f} s apart; {winner} published version {version.number}, "
        f"{loser} was refused"
    )

    # Each replica's next run reads the new data: a search for the winner's town finds one
    # pairing more than in the shipped data.
    town = EDITORS[winner][0]
    found = str(len(shipped_pairings(search=town)) + 1)
    for replica in ("app1", "app2"):
        with pinned_page(browser, guard, running, replica) as viewer:
            open_on(viewer, f"{running.url}/?search={quote(town)}", replica)
            expect(pairings_metric(viewer)).to_have_text(found)
            shoot(viewer, f"published-on-{replica}")
