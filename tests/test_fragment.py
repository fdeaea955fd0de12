"""A click on the map reruns only the map and its partners (an `st.fragment`), and takes the
town in that one run: checked on the real server, over Streamlit's own protocol, as the
browser speaks it (benchmarks/load.py's viewer).
"""

import asyncio
import concurrent.futures
import json

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.app_server import running_app
from benchmarks.load import Viewer

TIMEOUT = 60.0
DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


class Recorder(Viewer):
    """A viewer that keeps every element of a run, with the fragment it belongs to."""

    def _read(self, message):
        super()._read(message)
        if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == (
            "new_element"
        ):
            element = message.delta.new_element
            self.elements.append((element.WhichOneof("type"), message.delta.fragment_id, element))

    async def step(self, request):
        self.elements = []
        start = asyncio.get_running_loop().time()
        await self.socket.send(request.SerializeToString())
        async with asyncio.timeout(self.timeout):
            while True:
                message = ForwardMsg.FromString(await self.socket.recv())
                self._read(message)
                if message.WhichOneof("type") == "script_finished":
                    self.runs += 1
                    if message.script_finished in DONE:
                        self.finished = message.script_finished
                        return asyncio.get_running_loop().time() - start


def _open_request(viewer):
    request = BackMsg()
    request.rerun_script.query_string = ""
    request.rerun_script.page_script_hash = viewer.page_script_hash
    return request


async def _open_then_click(url, place):
    viewer = Recorder(url, TIMEOUT)
    viewer.elements = []
    await viewer.connect()
    try:
        await viewer.step(_open_request(viewer))
        opened = list(viewer.elements)
        [(_, fragment, component)] = [e for e in opened if e[0] == "component_instance"]
        click = _open_request(viewer)
        click.rerun_script.fragment_id = fragment
        state = click.rerun_script.widget_states.widgets.add()
        state.id = component.component_instance.id
        feature = {"type": "Feature", "properties": {"place": place}}
        state.json_value = json.dumps({"last_active_drawing": feature})
        runs_before = viewer.runs
        await viewer.step(click)
        assert viewer.finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
        return opened, fragment, list(viewer.elements), viewer.runs - runs_before
    finally:
        await viewer.close()


def _run(coroutine):
    """Run `coroutine` in a thread of its own: Playwright's sync API (the browser tests, in the
    same process) leaves an event loop running in the tests' thread.
    """
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("fragment") / "app.log") as url:
        yield url


def test_a_click_reruns_only_the_map_and_its_partners(server, shipped):
    oujda = int(shipped.places.index[shipped.places.name == "Oujda"][0])
    opened, fragment, clicked, runs = _run(_open_then_click(server, oujda))
    assert fragment, "the map is drawn in a fragment"
    kinds = {kind for kind, own, _ in opened if not own}
    assert {"metric", "multiselect", "text_input"} <= kinds, "counts and filters: the page's"
    assert runs == 1, "the click is taken in the run it starts"
    assert clicked and {own for _, own, _ in clicked} == {fragment}, "nothing else reran"
    headings = [e.heading.body for kind, _, e in clicked if kind == "heading"]
    assert any("Oujda" in heading for heading in headings), headings
    assert any(kind == "table" for kind, _, _ in clicked), "its partners are listed"
