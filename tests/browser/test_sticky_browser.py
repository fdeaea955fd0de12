"""Sticky sessions through the real load balancer: a viewer's requests all reach one replica.

Streamlit keeps a session, and the files it uploads, in the memory of the process that serves
it. The app runs as deploy/local.sh runs it, two replicas behind HAProxy; a browser brings a
list (an upload: an HTTP request beside the session's WebSocket), explores it (later runs over
the WebSocket, which read the upload) and switches language (another run). Every response it
receives names the replica that sent it (HAProxy's `X-Coopmap-Replica`): there must be one.

The same test runs on the balancer's configuration without its cookie line, and must fail
there (strict xfail): without stickiness, the upload goes to the replica with the fewest
connections, which is not the one holding the session.
"""

import pandas as pd
import pytest
from playwright.sync_api import expect

from benchmarks.app_server import HAPROXY, AppDidNotStart, balanced_app
from coopmap import data
from coopmap.catalog import text

from .conftest import DATA_DIR, PROJECT_ROOT
from .test_map_browser import drawn_lines, open_page, wait_for_counts
from conftest import require

pytestmark = pytest.mark.browser

CONFIG = PROJECT_ROOT / "deploy" / "haproxy.cfg"
COOKIE = "COOPMAP_REPLICA"


def without_stickiness(folder):
    """deploy/haproxy.cfg with its cookie line taken out: the balancer forgets who is whose."""
    lines = CONFIG.read_text().splitlines(keepends=True)
    kept = [line for line in lines if not line.strip().startswith("cookie ")]
    assert len(kept) == len(lines) - 1, "haproxy.cfg has one `cookie` line"
    path = folder / "haproxy-not-sticky.cfg"
    path.write_text("".join(kept))
    return path


@pytest.fixture(
    scope="module",
    params=[
        "sticky",
        pytest.param(
            "not sticky",
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason="a session needs its one replica"
            ),
        ),
    ],
)
def balancer(request, tmp_path_factory):
    """deploy/local.sh 2 PORT, with the shipped configuration or one without stickiness."""
    require(HAPROXY, "haproxy")
    folder = tmp_path_factory.mktemp("balancer")
    config = without_stickiness(folder) if request.param == "not sticky" else None
    try:
        with balanced_app(folder / "local.log", replicas=2, config=config) as deployment:
            yield deployment
    except AppDidNotStart as error:
        pytest.fail(str(error))


@pytest.fixture
def my_list(tmp_path):
    """Three published pairings, as a list a visitor brings."""
    frame = pd.read_csv(DATA_DIR / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    path = tmp_path / "ma-liste.csv"
    frame.head(3).to_csv(path, index=False)
    return path


def test_a_sessions_upload_and_later_runs_reach_one_replica(page, balancer, my_list):
    replicas = []  # the replica named by each response the browser received from the app
    page.on("response", lambda response: replicas.append(response.headers.get("x-coopmap-replica")))

    open_page(page, f"{balancer.url}/data")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(my_list)
    # The upload's report, or the uploader's own error (a replica that holds no such session
    # answers 400): whichever comes first, without waiting for one that will not come.
    read = page.get_by_text(text("upload_ok", valid=3, errors=0))
    refused = page.get_by_test_id("stFileUploader").get_by_role("alert")
    expect(read.or_(refused)).to_be_visible()
    expect(read).to_be_visible(timeout=1)
    page.get_by_role("button", name=text("use_for_session")).click()
    expect(page.get_by_text(text("using_session_data", name="ma-liste.csv"))).to_be_visible()
    pairings = pd.read_csv(my_list, dtype=str, keep_default_na=False)
    wait_for_counts(page, lines=drawn_lines(data.load(DATA_DIR).partnerships.head(len(pairings))))
    page.get_by_test_id("stButtonGroup").get_by_text("English").click()  # a later run
    expect(page.get_by_text(text("using_session_data", "en", name="ma-liste.csv"))).to_be_visible()

    served = {name for name in replicas if name}
    assert len(replicas) > 10 and None not in replicas, "every response names its replica"
    assert len(served) == 1, f"one session, one replica; its requests reached {sorted(served)}"
    cookie = {c["name"]: c["value"] for c in page.context.cookies()}.get(COOKIE)
    assert cookie in served, "the balancer's cookie names the session's replica"
