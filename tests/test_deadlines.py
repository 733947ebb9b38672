"""Issue 12, item 4: time is bounded whatever the servers do.

A whole-request deadline (connect, headers, body: not the gap between bytes), a deadline for
the online stage, and a breaker for cited URLs' hosts that never answer. Every fault here would
end by itself a little later with an answer, so a test of a missing deadline fails, not hangs.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from refcheck.model import LookupStatus
from refcheck.resolve import resolve_documents
from refcheck.resolve.http import HttpClient, HttpFailure, RouteLimit
from refcheck.resolve.outbound import OutboundPolicy
from refcheck.resolve.urls import check_url
from tests.faultservers import FaultServer, hang, trickle
from tests.registry.server import FakeRegistry
from tests.resolve_helpers import crossref_work, document, reference, settings_for

LOOPBACK_WEB = OutboundPolicy(allow_private=True)  # the fault servers are on 127.0.0.1
FAST = {"single": RouteLimit(rate=1000.0, concurrency=3)}


def _client(timeout: float, retries: int = 0) -> HttpClient:
    return HttpClient(
        user_agent="refcheck-tests",
        timeout=timeout,
        retries=retries,
        backoff=0.01,
        max_backoff=0.01,
        limits=FAST,
        policy=LOOPBACK_WEB,
    )


@pytest.mark.parametrize("in_headers", [False, True], ids=["body", "headers"])
def test_a_trickling_server_times_out_at_the_whole_request_deadline(in_headers: bool) -> None:
    # 40 bytes, one each 0.05 s: every gap is far inside the timeout, the whole is not (2 s+).
    fault = trickle(0.05, in_headers=in_headers, size=40)
    with FaultServer(fault) as server, _client(timeout=0.3, retries=1) as http:
        answer = http.request("GET", f"{server.url}/slow")
    assert answer == HttpFailure(LookupStatus.TIMEOUT, "timed out after 0.3 s (2 tries)")
    assert (server.requests, server.completed) == (2, 0)  # cut off, not waited out


def test_the_online_stage_ends_at_its_deadline(registry: FakeRegistry) -> None:
    registry.add_crossref_work(crossref_work(1))
    registry.faults("crossref").latency = 3.0  # answers, but after the stage's budget
    settings = settings_for(registry, None, http_timeout=10.0, online_timeout=1.0)
    [resolutions] = resolve_documents([document(reference(1, doi="10.5555/test.1"))], settings)
    lookup = resolutions.references[0].doi
    assert lookup is not None and lookup.status is LookupStatus.TIMEOUT
    assert "the online stage ran out of time (1 s)" in lookup.detail
    assert "online stage ran out of time" in resolutions.skipped[0].reason


def test_thirty_urls_on_a_host_that_never_answers_cost_a_few_requests_not_120() -> None:
    with FaultServer(hang) as server, _client(timeout=0.1, retries=3) as http:
        urls = [f"{server.url}/paper/{number}" for number in range(30)]
        with ThreadPoolExecutor(16) as pool:
            checks = list(pool.map(lambda url: check_url(http, url), urls))
    assert server.requests <= 4 + 3  # one request's tries, and what was in flight meanwhile
    statuses = [check.status for check in checks]
    assert set(statuses) == {LookupStatus.TIMEOUT, LookupStatus.SKIPPED}  # tried, or not asked
    stopped = [check for check in checks if check.status is LookupStatus.SKIPPED]
    assert len(stopped) >= 30 - server.requests  # a lookup that timed out sent a request
    assert all("did not answer earlier in this run" in check.detail for check in stopped)


def test_the_deadline_holds_through_an_http_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # The trickling server plays the proxy: it answers the proxied request one byte at a time.
    with FaultServer(trickle(0.05, size=40)) as proxy:
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        with _client(timeout=0.3) as http:
            answer = http.request("GET", "http://registry.example/works", trusted=True)
    assert answer == HttpFailure(LookupStatus.TIMEOUT, "timed out after 0.3 s (1 try)")
    assert (proxy.requests, proxy.completed) == (1, 0)  # cut off, not waited out
