"""The one place that sends HTTP requests: politeness, retries and failures as values.

Every registry client and the URL checker go through :class:`HttpClient`. It keeps one
``requests.Session`` (connections are reused across calls and threads), and per host and
route a pace (token bucket) and per host a concurrency limit. Both start from ``limits`` and
then follow what the server announces in ``x-rate-limit-limit`` / ``x-rate-limit-interval`` /
``x-concurrency-limit`` (Crossref does, and changes them without notice).

A failed lookup is a value, never an exception: :meth:`HttpClient.request` returns an
:class:`HttpResponse` for every answer of the server (2xx, 3xx without following, 400, 404, other
4xx) and an :class:`HttpFailure` when there was no answer to give: a timeout, a host that cannot
be reached or does not resolve, 429 or 5xx after all retries, or a host that refused us (403)
and is not asked again for the rest of the run.
"""

from __future__ import annotations

import email.utils
import random
import re
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
import requests.adapters
import urllib3.exceptions

from refcheck.model import LookupStatus
from refcheck.resolve.body import parse_untrusted_json

__all__ = [
    "DEFAULT_LIMITS",
    "HttpClient",
    "HttpFailure",
    "HttpResponse",
    "RouteLimit",
]

MAX_BODY_BYTES = 16 * 1024 * 1024  # a cited URL may be a large data file: read no more
# 501 and 505 say "this server never does that": an answer (HEAD refused), not a hiccup.
_FINAL_SERVER_ERRORS = frozenset({501, 505})
# RFC 6761: resolvers must fail names under .invalid; answering at once keeps offline runs fast.
_NEVER_RESOLVING_SUFFIX = ".invalid"
# Departures 5 % further apart than the limit allows: network jitter must not push two
# requests into one of the server's windows (Crossref answers that with 429).
_PACE_MARGIN = 1.05
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")
_INTERVAL_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


@dataclass(frozen=True)
class RouteLimit:
    """Politeness for one route of a host: ``rate`` requests per second, ``concurrency`` at once."""

    rate: float
    concurrency: int


# Crossref's polite pool (2026): 10 req/s on single-record routes, 3 req/s on list/query routes,
# 3 at once. Lower announcements (the public pool) are followed as soon as a response says so.
DEFAULT_LIMITS: Mapping[str, RouteLimit] = {
    "single": RouteLimit(rate=10.0, concurrency=3),
    "list": RouteLimit(rate=3.0, concurrency=3),
}
_FALLBACK_LIMIT = RouteLimit(rate=5.0, concurrency=2)


@dataclass(frozen=True)
class HttpResponse:
    """An answer of the server; ``status`` and ``url`` are the final ones after redirects."""

    status: int
    headers: Mapping[str, str]  # names lower-cased
    body: bytes
    url: str

    def json(self) -> Any:
        """The body parsed as JSON; raises ValueError on garbage, a truncated, huge or deeply
        nested body."""
        return parse_untrusted_json(self.body)


@dataclass(frozen=True)
class HttpFailure:
    """No answer to give: ``status`` is TIMEOUT, UNREACHABLE, RATE_LIMITED or SKIPPED."""

    status: LookupStatus
    detail: str
    http_status: int | None = None
    dns_failure: bool = False  # the host name does not resolve: the URL checker calls that broken


class _Pace:
    """Evenly spaced departures (a token bucket holding one token): thread-safe."""

    def __init__(self, rate: float) -> None:
        self._lock = threading.Lock()
        self._interval = _PACE_MARGIN / rate
        self._last_departure = -float("inf")

    def set_rate(self, rate: float) -> None:
        """A new rate applies from the last departure on, not only after the next one."""
        with self._lock:
            self._interval = _PACE_MARGIN / rate

    def reserve(self, now: float) -> float:
        """Book the next departure; returns how long the caller waits for it."""
        with self._lock:
            departure = max(now, self._last_departure + self._interval)
            self._last_departure = departure
            return departure - now


class _Slots:
    """A concurrency limit whose size can change while requests are in flight."""

    def __init__(self, limit: int) -> None:
        self._condition = threading.Condition()
        self._limit = max(1, limit)
        self._in_use = 0

    def set_limit(self, limit: int) -> None:
        with self._condition:
            self._limit = max(1, limit)
            self._condition.notify_all()

    def __enter__(self) -> None:
        with self._condition:
            self._condition.wait_for(lambda: self._in_use < self._limit)
            self._in_use += 1

    def __exit__(self, *_: object) -> None:
        with self._condition:
            self._in_use -= 1
            self._condition.notify_all()


class _InFlight:
    """One identical request in progress: later callers wait for its result instead of sending."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: HttpResponse | HttpFailure | None = None


@dataclass(frozen=True)
class _Attempt:
    """What one try came to, before deciding whether to try again."""

    outcome: HttpResponse | HttpFailure
    retry_status: LookupStatus | None = None  # set when the try may be repeated
    wait: float | None = None  # Retry-After, when the server said how long to wait


class HttpClient:
    """A polite, retrying HTTP client shared by all lookups of a run (safe across threads).

    ``sleep`` and ``clock`` are injectable so tests and benchmarks control time.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float,
        retries: int = 3,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        limits: Mapping[str, RouteLimit] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.requests_sent = 0
        self._limits = dict(DEFAULT_LIMITS if limits is None else limits)
        self._sleep = sleep
        self._clock = clock
        self._max_body_bytes = max_body_bytes
        self._session = requests.Session()
        self._session.headers["User-Agent"] = user_agent
        # Retries are ours (they know about Retry-After and politeness), never urllib3's; pools
        # large enough for a URL check touching many hosts with a few connections each.
        adapter = requests.adapters.HTTPAdapter(pool_connections=64, pool_maxsize=16, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._lock = threading.Lock()
        self._paces: dict[tuple[str, str], _Pace] = {}
        self._slots: dict[str, _Slots] = {}
        self._stopped: dict[str, str] = {}  # host → why it is not asked again
        self._in_flight: dict[tuple[object, ...], _InFlight] = {}

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        route: str = "single",
        stop_on_forbidden: bool = True,
        allow_redirects: bool = True,
    ) -> HttpResponse | HttpFailure:
        """Send with politeness and retries; identical concurrent requests are sent once."""
        key = (
            method.upper(),
            url,
            tuple(sorted((params or {}).items())),
            tuple(sorted((k.lower(), v) for k, v in (headers or {}).items())),
            route,
            stop_on_forbidden,
            allow_redirects,
        )
        with self._lock:
            pending = self._in_flight.get(key)
            leader = pending is None
            if pending is None:
                pending = self._in_flight[key] = _InFlight()
        if not leader:
            pending.done.wait()
            assert pending.result is not None
            return pending.result
        try:
            pending.result = self._request_with_retries(
                method.upper(), url, params, headers, route, stop_on_forbidden, allow_redirects
            )
            return pending.result
        finally:
            with self._lock:
                del self._in_flight[key]
            if pending.result is None:  # the leader raised: followers must not wait forever
                pending.result = HttpFailure(LookupStatus.UNREACHABLE, "the request failed")
            pending.done.set()

    def _request_with_retries(
        self,
        method: str,
        url: str,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str] | None,
        route: str,
        stop_on_forbidden: bool,
        allow_redirects: bool,
    ) -> HttpResponse | HttpFailure:
        try:
            host = _host(url)
        except ValueError as exc:
            return HttpFailure(LookupStatus.UNREACHABLE, _unsendable(exc))
        if host.split(":")[0].rstrip(".").endswith(_NEVER_RESOLVING_SUFFIX):
            return _dns_failure(host)
        attempt = _Attempt(HttpFailure(LookupStatus.UNREACHABLE, "no request was sent"))
        for number in range(self.retries + 1):
            stopped = self._stopped.get(host)
            if stopped is not None:
                return HttpFailure(LookupStatus.SKIPPED, stopped)
            if number:
                self._sleep(self._retry_delay(number, attempt.wait))
            with self._slots_for(host, route):
                self._sleep_until_departure(host, route)
                attempt = self._send_once(method, url, params, headers, allow_redirects)
            if isinstance(attempt.outcome, HttpResponse):
                self._follow_announced_limits(host, route, attempt.outcome.headers)
                if attempt.outcome.status == 403 and stop_on_forbidden:
                    reason = "stopped: the host answered 403"
                    self._stopped[host] = f"{reason} earlier in this run"
                    return HttpFailure(LookupStatus.SKIPPED, reason, http_status=403)
            if attempt.retry_status is None:
                return attempt.outcome
        return self._exhausted(attempt)

    def _exhausted(self, attempt: _Attempt) -> HttpFailure:
        tries = f"{self.retries + 1} {'try' if self.retries == 0 else 'tries'}"
        outcome = attempt.outcome
        if isinstance(outcome, HttpFailure):
            return HttpFailure(outcome.status, f"{outcome.detail} ({tries})", outcome.http_status)
        assert attempt.retry_status is not None
        return HttpFailure(
            attempt.retry_status, f"HTTP {outcome.status} after {tries}", outcome.status
        )

    def _send_once(
        self,
        method: str,
        url: str,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str] | None,
        allow_redirects: bool,
    ) -> _Attempt:
        with self._lock:
            self.requests_sent += 1
        try:
            with self._session.request(
                method,
                url,
                params=params,
                headers=headers,
                timeout=self.timeout,
                allow_redirects=allow_redirects,
                stream=True,
            ) as response:
                body = self._read_body(response)
            with self._lock:  # each redirect followed was a request of its own
                self.requests_sent += len(response.history)
        except (requests.TooManyRedirects, requests.exceptions.InvalidURL, ValueError) as exc:
            # a redirect loop or a URL that cannot be sent: asking again gives the same
            return _Attempt(HttpFailure(LookupStatus.UNREACHABLE, _unsendable(exc)))
        except requests.exceptions.SSLError as exc:  # a bad certificate stays bad: no retry
            return _Attempt(HttpFailure(LookupStatus.UNREACHABLE, f"TLS failed: {_reason(exc)}"))
        except requests.Timeout:
            failure = HttpFailure(LookupStatus.TIMEOUT, f"timed out after {self.timeout:g} s")
            return _Attempt(failure, retry_status=LookupStatus.TIMEOUT)
        except requests.RequestException as exc:
            if _caused_by(exc, (socket.gaierror, urllib3.exceptions.NameResolutionError)):
                return _Attempt(_dns_failure(_host(url)))
            if _caused_by(exc, (urllib3.exceptions.ReadTimeoutError,)):  # stalled mid-body
                failure = HttpFailure(LookupStatus.TIMEOUT, f"timed out after {self.timeout:g} s")
                return _Attempt(failure, retry_status=LookupStatus.TIMEOUT)
            failure = HttpFailure(LookupStatus.UNREACHABLE, f"connection failed: {_reason(exc)}")
            return _Attempt(failure, retry_status=LookupStatus.UNREACHABLE)
        answer = HttpResponse(
            status=response.status_code,
            headers={name.lower(): value for name, value in response.headers.items()},
            body=body,
            url=response.url,
        )
        if answer.status != 429 and (answer.status < 500 or answer.status in _FINAL_SERVER_ERRORS):
            return _Attempt(answer)
        status = LookupStatus.RATE_LIMITED if answer.status == 429 else LookupStatus.UNREACHABLE
        return _Attempt(answer, retry_status=status, wait=_retry_after(answer.headers))

    def _read_body(self, response: requests.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(chunk_size=65536):
            chunks.append(chunk)
            size += len(chunk)
            if size >= self._max_body_bytes:
                break
        return b"".join(chunks)[: self._max_body_bytes]

    def _retry_delay(self, number: int, retry_after: float | None) -> float:
        """Retry-After when given, else exponential backoff with full jitter; both capped."""
        if retry_after is not None:
            return min(retry_after, self.max_backoff)
        ceiling = min(self.max_backoff, self.backoff * 2 ** (number - 1))
        return random.uniform(0.0, ceiling)

    def _limit(self, route: str) -> RouteLimit:
        return self._limits.get(route, _FALLBACK_LIMIT)

    def _slots_for(self, host: str, route: str) -> _Slots:
        with self._lock:
            slots = self._slots.get(host)
            if slots is None:
                slots = self._slots[host] = _Slots(self._limit(route).concurrency)
            return slots

    def _pace_for(self, host: str, route: str) -> _Pace:
        with self._lock:
            pace = self._paces.get((host, route))
            if pace is None:
                pace = self._paces[host, route] = _Pace(self._limit(route).rate)
            return pace

    def _sleep_until_departure(self, host: str, route: str) -> None:
        wait = self._pace_for(host, route).reserve(self._clock())
        if wait > 0:
            self._sleep(wait)

    def _follow_announced_limits(self, host: str, route: str, headers: Mapping[str, str]) -> None:
        rate = _announced_rate(headers)
        if rate is not None:
            self._pace_for(host, route).set_rate(rate)
        concurrency = _positive_int(headers.get("x-concurrency-limit"))
        if concurrency is not None:
            self._slots_for(host, route).set_limit(concurrency)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _dns_failure(host: str) -> HttpFailure:
    name = host.split(":")[0]
    return HttpFailure(LookupStatus.UNREACHABLE, f"{name} does not resolve", dns_failure=True)


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and everything it wraps (requests wraps urllib3 wraps socket), outermost
    first."""
    found: list[BaseException] = []
    pending: list[object] = [exc]
    while pending:
        current = pending.pop(0)
        if not isinstance(current, BaseException) or any(current is f for f in found):
            continue
        found.append(current)
        pending.extend([current.__cause__, current.__context__, *current.args])
        pending.append(getattr(current, "reason", None))
    return found


def _caused_by(exc: BaseException, kinds: tuple[type[BaseException], ...]) -> bool:
    return any(isinstance(cause, kinds) for cause in _causes(exc))


def _unsendable(exc: BaseException) -> str:
    if isinstance(exc, requests.TooManyRedirects):
        return "too many redirects"
    return f"invalid URL: {str(exc)[:200]}"


def _reason(exc: BaseException) -> str:
    """The innermost system error ("Connection refused") rather than urllib3's long wrapping."""
    for cause in reversed(_causes(exc)):
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror
    return type(exc).__name__


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Retry-After in seconds, given as a number or as an HTTP date; None when absent or bad."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _announced_rate(headers: Mapping[str, str]) -> float | None:
    """Requests per second from ``x-rate-limit-limit`` per ``x-rate-limit-interval`` ("1s")."""
    limit = _positive_int(headers.get("x-rate-limit-limit"))
    interval = _INTERVAL.match(headers.get("x-rate-limit-interval", "1s"))
    if limit is None or interval is None:
        return None
    seconds = float(interval.group(1)) * _INTERVAL_UNITS[interval.group(2) or "s"]
    return limit / seconds if seconds > 0 else None


def _positive_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        return None
    return number if number > 0 else None
