"""Connections that keep two promises the HTTP client makes: a deadline for a whole request, and
for cited URLs an address checked at the moment of connecting.

Socket timeouts bound each wait for a byte, not a request: a server sending one byte a second
never trips them. :class:`RequestDeadline` therefore watches every connection a request uses
and shuts it down when the request's time is up, whatever phase it is in (TLS handshake,
headers, body). The watch is a duplicate of the socket's descriptor, so it still reaches the
connection after TLS has wrapped the socket.

:class:`PolicyAdapter` with ``check_addresses`` resolves the host itself, refuses it unless
every address is public (:func:`~refcheck.resolve.outbound.public_addresses`) and connects to
one of the checked addresses; the Host header, SNI and certificate check keep the name.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any

import requests.adapters
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NameResolutionError
from urllib3.poolmanager import ProxyManager

from refcheck.resolve.outbound import public_addresses

__all__ = ["PolicyAdapter", "RequestDeadline"]

_current = threading.local()  # the deadline of the request this thread is making, if any


class RequestDeadline:
    """Cuts the connections of one request ``seconds`` after it began; ``expired`` tells."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._lock = threading.Lock()
        self._watched: list[_DeadlineHTTPConnection] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> RequestDeadline:
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()
        _current.deadline = None
        with self._lock:
            self._watched.clear()

    def watch(self, connection: _DeadlineHTTPConnection) -> None:
        with self._lock:
            if not self.expired:
                self._watched.append(connection)
                return
        connection.cut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            watched, self._watched = self._watched, []
        for connection in watched:
            connection.cut()


def _watch(connection: _DeadlineHTTPConnection) -> None:
    deadline: RequestDeadline | None = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.watch(connection)


class _DeadlineHTTPConnection(HTTPConnection):
    """A connection the current request's deadline can cut, new or reused from the pool."""

    _handle: socket.socket | None = None

    def _new_conn(self) -> socket.socket:
        sock = self._open_socket()
        self._close_handle()
        self._handle = sock.dup()
        _watch(self)
        return sock

    def _open_socket(self) -> socket.socket:
        return super()._new_conn()

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self)
        super().request(*args, **kwargs)

    def cut(self) -> None:
        """Shut the connection down from another thread: blocked reads and writes return."""
        handle = self._handle
        if handle is not None:
            with contextlib.suppress(OSError):  # already closed by its owner
                handle.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._close_handle()
        super().close()

    def _close_handle(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            handle.close()


class _PinnedHTTPConnection(_DeadlineHTTPConnection):
    """Connects only to addresses the outbound policy allows, resolved here and nowhere else."""

    def _open_socket(self) -> socket.socket:
        name = self._dns_host
        try:
            addresses = public_addresses(name, self.port)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        failure: Exception | None = None
        for address in addresses:
            self._dns_host = address
            try:
                return super()._open_socket()
            except OSError as exc:  # NewConnectionError, ConnectTimeoutError: try the next one
                failure = exc
            finally:
                self._dns_host = name
        assert failure is not None  # a name that resolves has at least one address
        raise failure


class _DeadlineHTTPSConnection(_DeadlineHTTPConnection, HTTPSConnection):
    pass


class _PinnedHTTPSConnection(_PinnedHTTPConnection, HTTPSConnection):
    pass


class _DeadlineHTTPPool(HTTPConnectionPool):
    ConnectionCls = _DeadlineHTTPConnection


class _DeadlineHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _DeadlineHTTPSConnection


class _PinnedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PinnedHTTPConnection


class _PinnedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PinnedHTTPSConnection


class PolicyAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter on deadline-aware connections, address-checked with ``check_addresses``.

    Through an HTTP proxy the connection goes to the proxy, which resolves the target's name:
    it keeps the deadline, and only the per-request check of
    :class:`~refcheck.resolve.outbound.OutboundPolicy` applies to the target. SOCKS proxies keep
    urllib3's own connections (and socket timeouts only).
    """

    def __init__(self, *, check_addresses: bool, **kwargs: Any) -> None:
        self._check_addresses = check_addresses  # read by init_poolmanager, called by super
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        pools: dict[str, type[HTTPConnectionPool]] = (
            {"http": _PinnedHTTPPool, "https": _PinnedHTTPSPool}
            if self._check_addresses
            else {"http": _DeadlineHTTPPool, "https": _DeadlineHTTPSPool}
        )
        self.poolmanager.pool_classes_by_scheme = pools

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if type(manager) is ProxyManager:
            manager.pool_classes_by_scheme = {
                "http": _DeadlineHTTPPool,
                "https": _DeadlineHTTPSPool,
            }
        return manager
