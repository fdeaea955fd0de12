"""A Nominatim-shaped HTTP server on 127.0.0.1, for tests that go through geopy's real HTTP path.

Mocking geopy would test our idea of geopy; a real socket tests geopy's URL building, headers,
status handling and JSON parsing as they are. The server answers `/search` as Nominatim does,
records every request for assertions, and is told per query (the `q` parameter) what to do:
answer a place, answer nothing (`[]`, Nominatim's "not found"), refuse (429, 503), answer too
late, or answer garbage. A query it was not told about is not found, as on the real service.
Standard library only, so that it runs wherever the tests run, with no internet.

    with NominatimServer() as server:
        server.reply("Fès", found(34.03, -5.0))
        ... Nominatim(domain=server.domain, scheme="http") ...
        assert server.requests[0].params["countrycodes"] == "ma,eh"
"""

import json
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Reply:
    """What the server sends for one query, after waiting `delay` seconds."""

    status: int = 200
    body: bytes = b"[]"
    content_type: str = "application/json; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


def json_reply(value, status=200):
    """Any JSON value, e.g. one of the wrong shape."""
    return Reply(status=status, body=json.dumps(value).encode())


def found(latitude, longitude, display_name="A place", osm_type="node", osm_id=1):
    """One place, in the shape of Nominatim's `format=json` (coordinates are strings there)."""
    return json_reply(
        [
            {
                "place_id": 100000 + osm_id,
                "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
                "osm_type": osm_type,
                "osm_id": osm_id,
                "lat": str(latitude),
                "lon": str(longitude),
                "class": "place",
                "type": "town",
                "place_rank": 16,
                "importance": 0.5,
                "addresstype": "town",
                "name": display_name.split(",")[0],
                "display_name": display_name,
                "boundingbox": [
                    str(latitude - 0.05),
                    str(latitude + 0.05),
                    str(longitude - 0.05),
                    str(longitude + 0.05),
                ],
            }
        ]
    )


NOT_FOUND = Reply()
SERVICE_UNAVAILABLE = Reply(
    status=503, body=b"<html>Service Unavailable</html>", content_type="text/html"
)


def rate_limited(retry_after=30):
    """Nominatim's answer to a client that asks too often."""
    return Reply(
        status=429,
        body=b"<html>Too Many Requests</html>",
        content_type="text/html",
        headers=(("Retry-After", str(retry_after)),),
    )


def too_slow(seconds):
    """A good answer that comes after `seconds`: only the client's timeout can make it fail."""
    return Reply(body=found(34.0, -5.0).body, delay=seconds)


def garbage(body=b"<html><body>502 Bad Gateway</body></html>"):
    """A 200 whose body is not JSON, as a proxy or captive portal may send."""
    return Reply(body=body, content_type="text/html")


@dataclass(frozen=True)
class Request:
    """One request as the server saw it; `time` is `time.monotonic()` on arrival."""

    path: str
    params: dict[str, str]
    headers: dict[str, str]  # names in lower case
    time: float


def unused_domain():
    """`127.0.0.1:PORT` with nothing listening: a port that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    return f"{HOST}:{port}"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        nominatim = self.server.nominatim
        url = urlsplit(self.path)
        params = {key: values[-1] for key, values in parse_qs(url.query).items()}
        headers = {name.lower(): value for name, value in self.headers.items()}
        nominatim._record(Request(url.path, params, headers, time.monotonic()))
        if url.path == "/search":
            reply = nominatim.replies.get(params.get("q"), NOT_FOUND)
        else:
            reply = json_reply({"error": f"no such endpoint: {url.path}"}, status=404)
        # Waiting on the event rather than sleeping lets `close()` end a slow answer at once.
        nominatim._closing.wait(reply.delay)
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting, which is what a slow answer is for

    def log_message(self, format, *args):
        """Say nothing: pytest shows what the tests assert, not an access log."""


class _HTTPServer(ThreadingHTTPServer):
    def __init__(self, nominatim):
        super().__init__((HOST, 0), _Handler)
        self.nominatim = nominatim


class NominatimServer:
    """The server, listening on a free port of 127.0.0.1 from `start()` to `close()`."""

    def __init__(self):
        self.replies = {}
        self.requests = []
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._http = _HTTPServer(self)
        # A short poll interval, as `close()` waits for the next poll: tests start many servers.
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def domain(self):
        """`host:port`, as geopy's `domain` and `COOPMAP_NOMINATIM_DOMAIN` take it."""
        host, port = self._http.server_address[:2]
        return f"{host}:{port}"

    def reply(self, query, reply):
        """Answer `reply` to every search whose `q` is `query`."""
        self.replies[query] = reply

    def queries(self):
        """The `q` of every search received, in order."""
        return [request.params.get("q") for request in self.requests]

    def _record(self, request):
        with self._lock:
            self.requests.append(request)

    def start(self):
        self._thread.start()
        return self

    def close(self):
        self._closing.set()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.close()
