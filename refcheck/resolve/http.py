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

import random
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from refcheck.model import LookupStatus
from refcheck.resolve.body import parse_untrusted_json
from refcheck.resolve.counts import ONLINE_COUNTS
from refcheck.resolve.outbound import OutboundPolicy, RefusedAddress
from refcheck.resolve.politeness import Pace, Slots, announced_rate, positive_int, retry_after

if TYPE_CHECKING:
    import requests

    from refcheck.resolve.transport import RequestDeadline

__all__ = [
    "DEFAULT_LIMITS",
    "HttpClient",
    "HttpFailure",
    "HttpResponse",
    "RouteLimit",
]

REFUSED = "refused by outbound policy"
# Browsers follow about 20; a citation needs a few (http → https → new path). Each hop is
# checked against the policy again.
MAX_REDIRECTS = 10
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Tries that got no answer at all (timeout, connection failure): a cited URL's host that
# gives none to as many tries in a row as one request may make is not asked again in the run.
_NO_ANSWER = frozenset({LookupStatus.TIMEOUT, LookupStatus.UNREACHABLE})

MAX_BODY_BYTES = 16 * 1024 * 1024  # a cited URL may be a large data file: read no more
# 501 and 505 say "this server never does that": an answer (HEAD refused), not a hiccup.
_FINAL_SERVER_ERRORS = frozenset({501, 505})
# RFC 6761: resolvers must fail names under .invalid; answering at once keeps offline runs fast.
_NEVER_RESOLVING_SUFFIX = ".invalid"


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
    silent: bool = False  # not sent: the host gave no answer to many tries in a row


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

    ``policy`` governs untrusted requests (cited URLs: ``trusted=False``, the default) and every
    redirect that leaves a trusted request's origin. ``timeout`` bounds each try of a request
    as a whole; ``stage_seconds``, when given, bounds the client's whole life: a request that
    would start later is not sent. ``sleep`` and ``clock`` are injectable so tests and
    benchmarks control time.
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
        policy: OutboundPolicy | None = None,
        stage_seconds: float | None = None,
    ) -> None:
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.requests_sent = 0
        self.policy = policy or OutboundPolicy()
        self.stage_seconds = stage_seconds
        self._limits = dict(DEFAULT_LIMITS if limits is None else limits)
        self._sleep = sleep
        self._clock = clock
        self._stage_ends = None if stage_seconds is None else clock() + stage_seconds
        self._max_body_bytes = max_body_bytes
        self._session = _session(user_agent, check_addresses=False)
        self._untrusted_session = (
            self._session
            if self.policy.allow_private
            else _session(user_agent, check_addresses=True)
        )
        self._lock = threading.Lock()
        self._paces: dict[tuple[str, str], Pace] = {}
        self._slots: dict[str, Slots] = {}
        self._stopped: dict[str, str] = {}  # host → why it is not asked again
        self._unanswered: dict[str, int] = {}  # cited URLs' host → tries unanswered in a row
        self._in_flight: dict[_Call, _InFlight] = {}

    def close(self) -> None:
        self._session.close()
        self._untrusted_session.close()

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
        trusted: bool = False,
        body: bytes | None = None,
    ) -> HttpResponse | HttpFailure:
        """Send with politeness and retries; identical concurrent requests are sent once.

        ``trusted`` is for the registries the user configured: their origin is not checked
        against the outbound policy (a redirect to another origin is).
        """
        call = _Call(
            method.upper(),
            url,
            tuple(sorted((params or {}).items())),
            tuple(sorted((k.lower(), v) for k, v in (headers or {}).items())),
            route,
            stop_on_forbidden,
            allow_redirects,
            trusted,
            body,
        )
        with self._lock:
            pending = self._in_flight.get(call)
            leader = pending is None
            if pending is None:
                pending = self._in_flight[call] = _InFlight()
        if not leader:
            pending.done.wait()
            assert pending.result is not None
            return pending.result
        try:
            pending.result = self._request_with_retries(call)
            return pending.result
        finally:
            with self._lock:
                del self._in_flight[call]
            if pending.result is None:  # the leader raised: followers must not wait forever
                pending.result = HttpFailure(LookupStatus.UNREACHABLE, "the request failed")
            pending.done.set()

    def _request_with_retries(self, call: _Call) -> HttpResponse | HttpFailure:
        try:
            host = _host(call.url)
            if host.split(":")[0].rstrip(".").endswith(_NEVER_RESOLVING_SUFFIX):
                return _dns_failure(host)
            refused = None if call.trusted else self.policy.refusal(call.url)
        except ValueError as exc:
            return HttpFailure(LookupStatus.UNREACHABLE, _unsendable(exc))
        if refused is not None:
            return HttpFailure(LookupStatus.SKIPPED, f"{REFUSED}: {refused}")
        attempt = _Attempt(HttpFailure(LookupStatus.UNREACHABLE, "no request was sent"))
        for number in range(self.retries + 1):
            if number:
                self._sleep(self._within_stage(self._retry_delay(number, attempt.wait)))
            with self._slots_for(host, call.route):
                # asked after waiting for a slot: the host may have been stopped meanwhile
                not_sent = self._not_sent(host, call.trusted)
                if not_sent is not None:  # after own tries, their failure is the answer
                    return (
                        self._exhausted(attempt, number) if number and not_sent.silent else not_sent
                    )
                self._sleep_until_departure(host, call.route)
                attempt = self._send_once(call)
            if not call.trusted:
                self._count_unanswered(host, attempt)
            if isinstance(attempt.outcome, HttpResponse):
                self._follow_announced_limits(host, call.route, attempt.outcome.headers)
                if attempt.outcome.status == 403 and call.stop_on_forbidden:
                    reason = "stopped: the host answered 403"
                    self._stopped[host] = f"{reason} earlier in this run"
                    return HttpFailure(LookupStatus.SKIPPED, reason, http_status=403)
            if attempt.retry_status is None:
                return attempt.outcome
        return self._exhausted(attempt, self.retries + 1)

    def _not_sent(self, host: str, trusted: bool) -> HttpFailure | None:
        """Why the next try is not sent: the host is stopped, silent, or time is up."""
        stopped = self._stopped.get(host)
        if stopped is not None:
            return HttpFailure(LookupStatus.SKIPPED, stopped)
        with self._lock:  # the breaker for cited URLs' hosts (registries': GuardedClient)
            silent = not trusted and self._unanswered.get(host, 0) > self.retries
        if silent:
            detail = f"not asked: {host} did not answer earlier in this run"
            return HttpFailure(LookupStatus.SKIPPED, detail, silent=True)
        return self._stage_over() if self._stage_left() <= 0 else None

    def _count_unanswered(self, host: str, attempt: _Attempt) -> None:
        outcome = attempt.outcome
        no_answer = isinstance(outcome, HttpFailure) and attempt.retry_status in _NO_ANSWER
        with self._lock:
            self._unanswered[host] = self._unanswered.get(host, 0) + 1 if no_answer else 0

    def _exhausted(self, attempt: _Attempt, tries_made: int) -> HttpFailure:
        tries = f"{tries_made} {'try' if tries_made == 1 else 'tries'}"
        outcome = attempt.outcome
        if isinstance(outcome, HttpFailure):
            return HttpFailure(outcome.status, f"{outcome.detail} ({tries})", outcome.http_status)
        assert attempt.retry_status is not None
        return HttpFailure(
            attempt.retry_status, f"HTTP {outcome.status} after {tries}", outcome.status
        )

    def _stage_left(self) -> float:
        return float("inf") if self._stage_ends is None else self._stage_ends - self._clock()

    def _within_stage(self, seconds: float) -> float:
        return max(0.0, min(seconds, self._stage_left()))

    def _stage_over(self) -> HttpFailure:  # no retry: the stage's time does not come back
        detail = f"not asked: the online stage ran out of time ({self.stage_seconds:g} s)"
        return HttpFailure(LookupStatus.TIMEOUT, detail)

    def _send_once(self, call: _Call) -> _Attempt:
        seconds = self._within_stage(self.timeout)
        timed_out = _Attempt(
            HttpFailure(LookupStatus.TIMEOUT, f"timed out after {seconds:g} s"),
            retry_status=LookupStatus.TIMEOUT,
        )
        ONLINE_COUNTS.request(call.route)
        import requests

        from refcheck.resolve.transport import RequestDeadline

        try:
            with RequestDeadline(seconds) as deadline:
                outcome = self._exchange(call, deadline)
        except (requests.RequestException, ValueError) as exc:
            return timed_out if deadline.expired else _attempt_after(exc, call.url, timed_out)
        if deadline.expired:  # the body may have been cut short: not an answer
            return timed_out
        if isinstance(outcome, HttpFailure):
            return _Attempt(outcome)
        if outcome.status != 429 and (
            outcome.status < 500 or outcome.status in _FINAL_SERVER_ERRORS
        ):
            return _Attempt(outcome)
        status = LookupStatus.RATE_LIMITED if outcome.status == 429 else LookupStatus.UNREACHABLE
        return _Attempt(outcome, retry_status=status, wait=retry_after(outcome.headers))

    def _exchange(self, call: _Call, deadline: RequestDeadline) -> HttpResponse | HttpFailure:
        """One try: the request and the redirects it leads to, each hop checked, all within
        the deadline."""
        trusted_origin = _origin(call.url) if call.trusted else None
        url, params = call.url, dict(call.params) or None
        for hop in range(MAX_REDIRECTS + 1):
            trusted = _origin(url) == trusted_origin
            refused = (
                None
                if trusted or not hop
                else self.policy.refusal(url, with_patterns=not call.trusted)
            )
            if refused is not None:
                return HttpFailure(LookupStatus.SKIPPED, f"{REFUSED}: {refused} (redirected)")
            with self._lock:
                self.requests_sent += 1
            session = self._session if trusted else self._untrusted_session
            with session.request(
                call.method,
                url,
                params=params,
                data=call.body,
                headers=dict(call.headers),
                timeout=max(deadline.seconds, 0.001),
                allow_redirects=False,
                stream=True,
            ) as response:
                location = response.headers.get("location")
                if not (call.allow_redirects and response.status_code in _REDIRECTS and location):
                    return HttpResponse(
                        status=response.status_code,
                        headers={name.lower(): value for name, value in response.headers.items()},
                        body=self._read_body(response),
                        url=response.url,
                    )
            url, params = urljoin(response.url, location), None
        return HttpFailure(LookupStatus.UNREACHABLE, "too many redirects")

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

    def _slots_for(self, host: str, route: str) -> Slots:
        with self._lock:
            slots = self._slots.get(host)
            if slots is None:
                slots = self._slots[host] = Slots(self._limit(route).concurrency)
            return slots

    def _pace_for(self, host: str, route: str) -> Pace:
        with self._lock:
            pace = self._paces.get((host, route))
            if pace is None:
                pace = self._paces[host, route] = Pace(self._limit(route).rate)
            return pace

    def _sleep_until_departure(self, host: str, route: str) -> None:
        wait = self._pace_for(host, route).reserve(self._clock())
        if wait > 0:
            self._sleep(wait)

    def _follow_announced_limits(self, host: str, route: str, headers: Mapping[str, str]) -> None:
        rate = announced_rate(headers)
        if rate is not None:
            self._pace_for(host, route).set_rate(rate)
        concurrency = positive_int(headers.get("x-concurrency-limit"))
        if concurrency is not None:
            self._slots_for(host, route).set_limit(concurrency)


@dataclass(frozen=True)
class _Call:
    """One request as asked: identical calls in flight at once are sent once."""

    method: str
    url: str
    params: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]
    route: str
    stop_on_forbidden: bool
    allow_redirects: bool
    trusted: bool
    body: bytes | None  # a POST's payload (Semantic Scholar's batch)


def _session(user_agent: str, *, check_addresses: bool) -> requests.Session:
    # The network stack (requests, urllib3: ~50 ms of imports) loads with the first client,
    # never in an offline run, which makes none.
    import requests

    from refcheck.resolve.transport import PolicyAdapter

    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    # Retries and redirects are ours (they know about Retry-After, politeness and the
    # outbound policy), never urllib3's; pools large enough for a URL check touching many
    # hosts with a few connections each.
    adapter = PolicyAdapter(
        check_addresses=check_addresses, pool_connections=64, pool_maxsize=16, max_retries=0
    )
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _attempt_after(exc: BaseException, url: str, timed_out: _Attempt) -> _Attempt:
    """What an exception of requests means: refused, not sendable, or worth another try."""
    import requests
    import urllib3.exceptions

    refused = next((c for c in _causes(exc) if isinstance(c, RefusedAddress)), None)
    if refused is not None:
        return _Attempt(HttpFailure(LookupStatus.SKIPPED, f"{REFUSED}: {refused.reason}"))
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema)) or (
        not isinstance(exc, requests.RequestException)
    ):  # a URL that cannot be sent: asking again gives the same
        return _Attempt(HttpFailure(LookupStatus.UNREACHABLE, _unsendable(exc)))
    if isinstance(exc, requests.exceptions.SSLError):  # a bad certificate stays bad: no retry
        return _Attempt(HttpFailure(LookupStatus.UNREACHABLE, f"TLS failed: {_reason(exc)}"))
    if isinstance(exc, requests.Timeout) or _caused_by(exc, (urllib3.exceptions.ReadTimeoutError,)):
        return timed_out
    if _caused_by(exc, (socket.gaierror, urllib3.exceptions.NameResolutionError)):
        return _Attempt(_dns_failure(_host(url)))
    failure = HttpFailure(LookupStatus.UNREACHABLE, f"connection failed: {_reason(exc)}")
    return _Attempt(failure, retry_status=LookupStatus.UNREACHABLE)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


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
    return f"invalid URL: {str(exc)[:200]}"


def _reason(exc: BaseException) -> str:
    """The innermost system error ("Connection refused") rather than urllib3's long wrapping."""
    for cause in reversed(_causes(exc)):
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror
    return type(exc).__name__
