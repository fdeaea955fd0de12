"""A stolen session id does not publish once the editor's sign-in is old (docs/editing.md,
"Threat model").

Streamlit ties a browser tab to a session by an id that anyone watching the upload URLs
(`/_stcore/upload_file/<session id>/<file id>`) can read, and its front end reconnects to a
session by presenting that id in the WebSocket's Sec-WebSocket-Protocol header. Here alice
signs in in Chromium, brings a list and ticks the confirmation, so that the publish button is
one press away, then leaves the tab. An attacker who read her session id in an upload URL
opens `/_stcore/stream` with it, as the front end does on reconnect, finds the publish button
in the page it is sent and presses it with a BackMsg. With a sign-in older than
`COOPMAP_FRESH_SIGN_IN_MINUTES` (here a fraction of a minute) nothing is written; the same
replay made while the sign-in is fresh does publish, which shows that the replay really
reaches her session.
"""

import asyncio
import concurrent.futures
import re
import shutil

import pytest
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

from coopmap import data, locales
from coopmap.catalog import DEFAULT_LANGUAGE, text

from .test_editors_browser import (
    folder,
    my_list,
    sign_in_and_confirm,
    upload,
)
from conftest import fingerprints

pytestmark = pytest.mark.browser

__all__ = ["folder", "my_list"]  # fixtures of the editor test, used here

STALE_MINUTES = 0.05  # three seconds: the setting takes a fraction of a minute
UPLOAD_URL = re.compile(r"/_stcore/upload_file/(?P<session>[^/?]+)/(?P<file>[^/?]+)")
REPLAY_TIMEOUT = 90  # seconds for the whole replay, on a loaded machine
SAVED = text("saved", number=3)  # the folder holds two versions: publishing writes the third


@pytest.fixture
def copy(folder, tmp_path):
    """A copy of the editor test's data folder (with its versions) for one test's app only:
    the fresh replay publishes, the stale one must find the folder as it was.
    """
    target, editors_file = folder
    shutil.copytree(target, tmp_path / "data")
    return tmp_path / "data", editors_file


def start(start_app, copy, minutes):
    """The app on `copy`, whose sign-ins allow writing for `minutes` (a float)."""
    target, editors_file = copy
    extra_env = {
        "COOPMAP_EDITORS_FILE": str(editors_file),
        "COOPMAP_FRESH_SIGN_IN_MINUTES": str(minutes),
    }
    return start_app(data_dir=target, extra_env=extra_env)


def leave_ready_to_publish(page, app, my_list):
    """alice brings a list, signs in and ticks the confirmation, then leaves her tab.

    Returns what an attacker could read in the URL her list was uploaded to
    (`/_stcore/upload_file/<session id>/<file id>`): her Streamlit session id and her list's
    file id. Leaving the tab closes her WebSocket, so that her front end does not take the
    session back while the attacker holds it.
    """
    uploads = []

    def note_upload(request):
        found = UPLOAD_URL.search(request.url)
        if found:
            uploads.append((found["session"], found["file"]))

    page.on("request", note_upload)
    upload(page, app, my_list)
    sign_in_and_confirm(page)
    expect(page.get_by_role("button", name=text("save_to_files"))).to_be_enabled()
    page.wait_for_selector("[data-test-script-state='notRunning']")
    page.goto("about:blank")
    assert len(set(uploads)) == 1, f"one upload URL: {uploads}"
    return uploads[0]


def rerun(widgets=()):
    """A BackMsg asking for a run of the data page (by its URL name, as a visitor opening
    /data), with the given widget states, as the front end sends one.
    """
    message = BackMsg()
    message.rerun_script.page_name = "data"
    message.rerun_script.widget_states.widgets.extend(widgets)
    return message.SerializeToString()


async def one_run(websocket, request):
    """Send `request` and return the ForwardMsgs of the run it asks for, up to the end of a
    run that was not cut short for another (the app reruns itself at times).
    """
    await websocket.send(request)
    messages = []
    while True:
        message = ForwardMsg()
        message.ParseFromString(await websocket.recv())
        messages.append(message)
        if message.WhichOneof("type") == "script_finished" and (
            message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            return messages


def elements(messages, kind):
    """The elements of type `kind` (button, checkbox, alert, markdown...) the run drew."""
    return [
        getattr(m.delta.new_element, kind)
        for m in messages
        if m.WhichOneof("type") == "delta"
        and m.delta.WhichOneof("type") == "new_element"
        and m.delta.new_element.WhichOneof("type") == kind
    ]


def said(messages):
    """The texts (alerts and markdown) a run drew, to check and to explain a failure."""
    return [a.body for a in elements(messages, "alert")] + [
        m.body for m in elements(messages, "markdown")
    ]


def widget_id(messages, kind, label):
    """The id of the widget of type `kind` labelled `label`, as the page's deltas give it."""
    ids = [element.id for element in elements(messages, kind) if element.label == label]
    assert len(ids) == 1, f"one {kind} {label!r} in the replayed page, which says {said(messages)}"
    return ids[0]


async def replay(url, session_id, file_id):
    """Reconnect to the session `session_id` as Streamlit's front end does, and press the data
    page's publish button as the front end would. Returns the texts (alerts and markdown) of
    the run that follows the press.

    The Sec-WebSocket-Protocol header carries [subprotocol, XSRF token, session id]; the
    attacker has no XSRF cookie, so the token is a placeholder. The front end sends its
    widgets' states with every run, and the first run after a reconnect, taken for a change
    of page, keeps only the states it is sent (alice's list is gone from it); so the attacker
    sends what alice's page held, as it can learn it: the uploader's state
    (the file id of the upload URL), then the confirmation, which enables the button, then
    the press (Streamlit ignores a press of a button that its last run drew disabled).
    """
    stream = url.replace("http://", "ws://", 1) + "/_stcore/stream"
    protocols = ["streamlit", "no-xsrf-token", session_id]
    async with connect(stream, subprotocols=protocols, origin=url, max_size=None) as websocket:
        first = await one_run(websocket, rerun())
        new_sessions = [m.new_session for m in first if m.WhichOneof("type") == "new_session"]
        held = {n.initialize.session_id for n in new_sessions}
        assert held == {session_id}, f"the server gave session {held}, not {session_id}"
        uploader = WidgetState(id=widget_id(first, "file_uploader", text("upload_label")))
        uploader.file_uploader_state_value.uploaded_file_info.add(file_id=file_id)
        with_list = await one_run(websocket, rerun(widgets=[uploader]))
        confirm = WidgetState(
            id=widget_id(with_list, "checkbox", text("save_confirm")), bool_value=True
        )
        widgets = [uploader, confirm]
        confirmed = await one_run(websocket, rerun(widgets=widgets))
        press = WidgetState(
            id=widget_id(confirmed, "button", text("save_to_files")), trigger_value=True
        )
        widgets.append(press)
        after = await one_run(websocket, rerun(widgets=widgets))
    return said(after)


def replay_in_thread(url, session_id, file_id):
    """`replay`, in its own thread and event loop: Playwright's sync API owns this thread's."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        bounded = asyncio.wait_for(replay(url, session_id, file_id), REPLAY_TIMEOUT)
        return pool.submit(asyncio.run, bounded).result(timeout=REPLAY_TIMEOUT + 10)


def test_a_replayed_session_id_cannot_publish_once_the_sign_in_is_old(
    page, start_app, copy, my_list
):
    app = start(start_app, copy, STALE_MINUTES)
    target, _ = copy
    before = fingerprints(target)
    partnerships = (target / data.PARTNERSHIPS_FILE).read_bytes()
    session_id, file_id = leave_ready_to_publish(page, app, my_list)
    page.wait_for_timeout(STALE_MINUTES * 60_000 + 2_000)

    shown = replay_in_thread(app, session_id, file_id)

    minutes = locales.number(STALE_MINUTES, DEFAULT_LANGUAGE)
    assert text("reauth_needed", minutes=minutes) in shown, shown
    assert SAVED not in shown, shown
    assert (target / data.PARTNERSHIPS_FILE).read_bytes() == partnerships
    assert fingerprints(target) == before, "no new version in data/history/"


def test_the_same_replay_publishes_while_the_sign_in_is_fresh(page, start_app, copy, my_list):
    app = start(start_app, copy, 5)
    target, _ = copy
    before = fingerprints(target)
    session_id, file_id = leave_ready_to_publish(page, app, my_list)

    shown = replay_in_thread(app, session_id, file_id)

    assert SAVED in shown, shown
    now = fingerprints(target)
    assert now[data.PARTNERSHIPS_FILE] != before[data.PARTNERSHIPS_FILE]
    assert set(now) - set(before), "a new version in data/history/"
