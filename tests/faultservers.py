"""Loopback HTTP servers that misbehave on purpose: trickle, hang.

::

    with FaultServer(trickle(interval=0.05)) as server:
        HttpClient(...).request("GET", server.url + "/x")
        server.connections   # how many connections it accepted
        server.completed     # how many answers it sent whole (the client did not hang up)

A behaviour gets the connected socket after the request head was read and returns when it is
done or when ``stopped`` is set (on leaving the ``with``), so no test waits for a fault.
"""

from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

# What a fault does with a connection whose request head has been read.
Behaviour = Callable[[socket.socket, threading.Event], None]


def trickle(interval: float, *, size: int, in_headers: bool = False) -> Behaviour:
    """A 200 with a ``size``-byte body sent one byte every ``interval`` seconds: the body, or
    the whole answer from the status line on."""
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {size}\r\n\r\n"

    def send(connection: socket.socket, stopped: threading.Event) -> None:
        if not in_headers:
            connection.sendall(head.encode())
        data = (head.encode() if in_headers else b"") + b"x" * size
        for byte in data:
            if stopped.wait(interval):
                return
            connection.sendall(bytes([byte]))

    return send


def hang(connection: socket.socket, stopped: threading.Event) -> None:
    """Never answer."""
    stopped.wait()


class FaultServer:
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.stopped = threading.Event()
        self.connections = 0
        self.requests = 0
        self.completed = 0
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fault = self
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def count(self, what: str) -> None:
        with self._lock:
            setattr(self, what, getattr(self, what) + 1)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stopped.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    fault: FaultServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """The client cutting the connection is the point of these servers, not an error."""


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        fault = self.server.fault
        fault.count("connections")
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        fault.count("requests")
        fault.behaviour(self.request, fault.stopped)  # raises when the client hangs up
        if not fault.stopped.is_set():
            fault.count("completed")
