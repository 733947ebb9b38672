"""A fake Crossref, doi.org, DataCite and web, served over real HTTP on 127.0.0.1.

One ``ThreadingHTTPServer`` per service, each on its own ephemeral port (so each is its own
host for the client's politeness), all sharing one :class:`FakeRegistry` state::

    with FakeRegistry() as registry:
        registry.add_crossref_work({"DOI": "10.1/x", "title": ["A title"]})
        registry.faults("crossref").script = [429, 429]   # then normal answers
        ... HttpClient(...).request("GET", f"{registry.crossref_url}/works/10.1/x")
        registry.requests_to("crossref")                  # what the client sent

Faults per service: ``latency`` (seconds before answering; above the client's timeout it is
a hang, bounded and cut short by ``stop``/``reset``), ``script`` (statuses answered first, one
per request), ``status`` (every request), ``retry_after`` (sent with those 429/503),
``truncate`` and ``garbage`` (the body of normal answers). Crossref answers carry the pool's
rate-limit headers; with ``enforce_limits`` it answers 429 to a client over them.
"""

from __future__ import annotations

import http
import json
import socket
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.registry.services import (
    Answer,
    JsonDict,
    Page,
    Store,
    crossref_answer,
    crossref_route,
    datacite_answer,
    doi_answer,
    text_answer,
    web_answer,
)
from tests.registry.sources import SOURCE_SERVICES, SourceStore, source_answer

SERVICES = ("crossref", "datacite", "doi", "web", *SOURCE_SERVICES)
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "crossref-samples"
MAX_LATENCY = 20.0  # a hang ends by itself even if nobody stops the server


@dataclass
class Faults:
    latency: float = 0.0
    script: list[int] = field(default_factory=list)
    status: int | None = None
    retry_after: str | None = None
    truncate: bool = False
    garbage: bool = False
    body: bytes | None = None  # sent instead of the answer's own body


@dataclass(frozen=True)
class PoolLimits:
    """What Crossref announces to one pool: requests per interval per route, and concurrency."""

    single: int
    list: int
    concurrency: int
    interval: str = "1s"


def default_pools() -> dict[str, PoolLimits]:
    """Crossref's limits as seen in 2026."""
    return {
        "public": PoolLimits(single=5, list=1, concurrency=1),
        "polite": PoolLimits(single=10, list=3, concurrency=3),
    }


@dataclass(frozen=True)
class LoggedRequest:
    service: str
    method: str
    path: str  # percent-decoded
    query: dict[str, str]
    raw_query: str
    headers: dict[str, str]  # names lower-cased
    time: float  # time.monotonic() on arrival
    client_port: int  # one port per connection: tells reused connections apart
    body: bytes = b""  # a POST's payload


class FakeRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._servers: dict[str, _ServiceServer] = {}
        self._threads: list[threading.Thread] = []
        self.urls: dict[str, str] = {}  # every service's base URL, by service name
        self.crossref_url = self.datacite_url = self.doi_url = self.web_url = ""
        self._reset_state()

    def _reset_state(self) -> None:
        self.store = Store()
        self.sources = SourceStore()
        self._faults = {service: Faults() for service in SERVICES}
        self.requests_log: list[LoggedRequest] = []
        self.crossref_pools = default_pools()
        self.enforce_limits = False
        self.limit_refusals = 0  # 429s answered because a client went over the enforced limits
        self.max_in_flight = dict.fromkeys(SERVICES, 0)
        self._in_flight = dict.fromkeys(SERVICES, 0)
        self._pool_in_flight: dict[str, int] = {}
        self._pool_times: dict[tuple[str, str], deque[float]] = {}
        self._wake = threading.Event()

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakeRegistry:
        for service in SERVICES:
            server = _ServiceServer(("127.0.0.1", 0), _Handler)
            server.registry, server.service = self, service
            thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            thread.start()
            self._servers[service] = server
            self._threads.append(thread)
            self.urls[service] = f"http://127.0.0.1:{server.server_port}"
            setattr(self, f"{service}_url", self.urls[service])
        return self

    def stop(self) -> None:
        self._wake.set()
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def reset(self) -> None:
        """Forget data, faults, limits and the log (between tests); servers keep running."""
        with self._lock:
            self._wake.set()  # ends hangs left over from the previous test
            self._reset_state()

    def __enter__(self) -> FakeRegistry:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # --- data ---------------------------------------------------------------------------------

    def add_crossref_work(self, message: JsonDict) -> None:
        doi = str(message["DOI"]).lower()
        with self._lock:
            self.store.crossref[doi] = message
            self.store.agencies[doi] = "Crossref"

    def add_datacite_work(self, doi: str, attributes: JsonDict) -> None:
        with self._lock:
            self.store.datacite[doi.lower()] = attributes
            self.store.agencies[doi.lower()] = "DataCite"

    def set_agency(self, doi: str, ra: str) -> None:
        with self._lock:
            self.store.agencies[doi.lower()] = ra

    def add_page(
        self,
        path: str,
        status: int = 200,
        head_status: int | None = None,
        redirect_to: str | None = None,
    ) -> str:
        """Serve ``path`` on the web server; returns its full URL."""
        with self._lock:
            self.store.pages[path] = Page(status, head_status, redirect_to)
        return self.web_url + path

    def load_samples(self, directory: Path = SAMPLES) -> int:
        """Every work in the recorded Crossref responses (single works and lists); the fullest
        record wins when a DOI appears more than once. Returns how many works are stored."""
        for path in sorted(directory.glob("*.json")):
            envelope = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(envelope, dict) or envelope.get("status") != "ok":
                continue
            message = envelope["message"]
            if envelope["message-type"] == "work":
                self._add_fuller(message)
            elif envelope["message-type"] == "work-list":
                for item in message["items"]:
                    self._add_fuller(item)
            elif envelope["message-type"] == "work-agency":
                self.set_agency(message["DOI"], message["agency"]["label"])
        return len(self.store.crossref)

    def _add_fuller(self, message: JsonDict) -> None:
        known = self.store.crossref.get(str(message.get("DOI", "")).lower())
        if "DOI" in message and (known is None or len(known) < len(message)):
            self.add_crossref_work(message)

    # --- faults and the log -------------------------------------------------------------------

    def faults(self, service: str) -> Faults:
        return self._faults[service]

    def requests_to(self, service: str) -> list[LoggedRequest]:
        with self._lock:
            return [entry for entry in self.requests_log if entry.service == service]

    # --- answering ----------------------------------------------------------------------------

    def answer(
        self,
        service: str,
        method: str,
        target: str,
        headers: dict[str, str],
        client_port: int,
        body: bytes = b"",
    ) -> Answer:
        parts = urlsplit(target)
        path, query = unquote(parts.path), dict(parse_qsl(parts.query, keep_blank_values=True))
        entry = LoggedRequest(
            service, method, path, query, parts.query, headers, time.monotonic(), client_port, body
        )
        with self._lock:
            self.requests_log.append(entry)
            self._in_flight[service] += 1
            self.max_in_flight[service] = max(self.max_in_flight[service], self._in_flight[service])
            wake, faults = self._wake, self._faults[service]
        try:
            if faults.latency > 0:
                wake.wait(min(faults.latency, MAX_LATENCY))
            if service != "crossref":
                return self._faulty(faults) or self._finish(faults, self._plain(entry))
            return self._crossref(entry, faults)
        finally:
            with self._lock:
                self._in_flight[service] -= 1

    def _plain(self, entry: LoggedRequest) -> Answer:
        if entry.service in SOURCE_SERVICES:
            return source_answer(self.sources, entry.service, entry.path, entry.query, entry.body)
        if entry.service == "datacite":
            return datacite_answer(self.store, entry.path)
        if entry.service == "doi":
            return doi_answer(self.store, entry.method, entry.path, entry.headers.get("accept", ""))
        return web_answer(self.store, entry.method, entry.path, entry.raw_query)

    def _crossref(self, entry: LoggedRequest, faults: Faults) -> Answer:
        pool_name = (
            "polite"
            if "mailto" in entry.query or "mailto:" in entry.headers.get("user-agent", "")
            else "public"
        )
        pool, route = self.crossref_pools[pool_name], crossref_route(entry.path)
        limit_headers = {
            "x-rate-limit-limit": str(pool.single if route == "single" else pool.list),
            "x-rate-limit-interval": pool.interval,
            "x-concurrency-limit": str(pool.concurrency),
            "x-api-pool": pool_name,
        }
        with self._lock:
            over = self.enforce_limits and self._over_limit(pool_name, pool, route)
            self._pool_in_flight[pool_name] = self._pool_in_flight.get(pool_name, 0) + 1
        try:
            answer = (
                text_answer(429, "Too Many Requests")
                if over
                else self._faulty(faults)
                or self._finish(faults, crossref_answer(self.store, entry.path, entry.query))
            )
        finally:
            with self._lock:
                self._pool_in_flight[pool_name] -= 1
        answer.headers.update(limit_headers)
        return answer

    def _over_limit(self, pool_name: str, pool: PoolLimits, route: str) -> bool:
        """Called under the lock: a sliding one-interval window per pool and route."""
        interval = float(pool.interval.rstrip("s") or 1)
        now = time.monotonic()
        times = self._pool_times.setdefault((pool_name, route), deque())
        while times and times[0] <= now - interval:
            times.popleft()
        limit = pool.single if route == "single" else pool.list
        if len(times) >= limit or self._pool_in_flight.get(pool_name, 0) >= pool.concurrency:
            self.limit_refusals += 1
            return True
        times.append(now)
        return False

    def _faulty(self, faults: Faults) -> Answer | None:
        with self._lock:
            status = faults.script.pop(0) if faults.script else faults.status
        if status is None:
            return None
        answer = text_answer(status, http.HTTPStatus(status).phrase)
        if faults.retry_after is not None and status in (429, 503):
            answer.headers["Retry-After"] = faults.retry_after
        return answer

    @staticmethod
    def _finish(faults: Faults, answer: Answer) -> Answer:
        if faults.body is not None:
            answer.body = faults.body
        elif faults.garbage:
            answer.body = b"\x89PNG\r\n<html>this is not JSON"
        elif faults.truncate:
            answer.body = answer.body[: len(answer.body) // 2]
        return answer


class _ServiceServer(ThreadingHTTPServer):
    daemon_threads = True
    registry: FakeRegistry
    service: str

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (timeout) closes its end: that is expected, not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so the client can reuse connections
    server: _ServiceServer

    def setup(self) -> None:
        super().setup()
        # headers and body leave in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK add 40 ms to every answer on a kept-alive connection
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the registry keeps its own log."""

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_POST(self) -> None:
        self._serve(send_body=True)

    def _serve(self, *, send_body: bool) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        length = int(headers.get("content-length") or 0)
        payload = self.rfile.read(length) if length else b""
        answer = self.server.registry.answer(
            self.server.service, self.command, self.path, headers, self.client_address[1], payload
        )
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(answer.body)
