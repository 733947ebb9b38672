"""The HTTP client against the loopback registry: retries, politeness, failures as values."""

from __future__ import annotations

import email.utils
import socket
import threading
import time
from collections.abc import Callable, Mapping

import pytest

from refcheck.model import LookupStatus
from refcheck.resolve.http import (
    DEFAULT_LIMITS,
    MAX_REDIRECTS,
    HttpClient,
    HttpFailure,
    HttpResponse,
    RouteLimit,
)
from refcheck.resolve.outbound import OutboundPolicy
from tests.registry import FakeRegistry, PoolLimits

DOI = "10.5555/example.1"
WORK = {"DOI": DOI, "title": ["An example work"], "type": "journal-article"}
FAST = {"single": RouteLimit(rate=1000.0, concurrency=8), "list": RouteLimit(1000.0, 8)}


def client(
    *,
    timeout: float = 2.0,
    retries: int = 3,
    max_backoff: float = 0.05,
    limits: Mapping[str, RouteLimit] = FAST,
    sleep: Callable[[float], None] = time.sleep,
) -> HttpClient:
    return HttpClient(
        user_agent="refcheck-tests (mailto:tests@example.org)",
        timeout=timeout,
        retries=retries,
        backoff=0.01,
        max_backoff=max_backoff,
        limits=limits,
        sleep=sleep,
        # the loopback servers stand in for registries and the web: allowed explicitly here
        policy=OutboundPolicy(allow_private=True),
    )


def work_url(registry: FakeRegistry, doi: str = DOI) -> str:
    return f"{registry.crossref_url}/works/{doi}"


def past_http_date() -> str:
    return email.utils.formatdate(time.time() - 60, usegmt=True)


@pytest.mark.parametrize(
    "retry_after",
    [None, "0", pytest.param(past_http_date(), id="http-date")],  # an id that stays the same
)
def test_answers_after_two_429s_with_or_without_retry_after(
    registry: FakeRegistry, retry_after: str | None
) -> None:
    registry.add_crossref_work(WORK)
    registry.faults("crossref").script = [429, 429]
    registry.faults("crossref").retry_after = retry_after
    with client() as http:
        answer = http.request("GET", work_url(registry))
        assert isinstance(answer, HttpResponse)
        assert answer.status == 200
        assert answer.json()["message"]["DOI"] == DOI
        assert http.requests_sent == 3
    assert len(registry.requests_to("crossref")) == 3


def test_retry_after_is_honoured_but_capped(registry: FakeRegistry) -> None:
    registry.add_crossref_work(WORK)
    waits: list[float] = []
    registry.faults("crossref").script = [503, 429]
    registry.faults("crossref").retry_after = "120"
    with client(max_backoff=0.25, sleep=waits.append) as http:
        answer = http.request("GET", work_url(registry))
    assert isinstance(answer, HttpResponse) and answer.status == 200
    assert waits.count(0.25) == 2  # the server asked for 120 s twice; max_backoff wins


def test_a_429_storm_ends_rate_limited_after_the_retries(registry: FakeRegistry) -> None:
    registry.faults("crossref").status = 429
    with client(retries=3) as http:
        answer = http.request("GET", work_url(registry))
    assert answer == HttpFailure(LookupStatus.RATE_LIMITED, "HTTP 429 after 4 tries", 429)
    assert len(registry.requests_to("crossref")) == 4


def test_server_errors_end_unreachable_after_the_retries(registry: FakeRegistry) -> None:
    registry.faults("datacite").status = 500
    with client(retries=2) as http:
        answer = http.request("GET", f"{registry.datacite_url}/dois/10.5555/x")
    assert answer == HttpFailure(LookupStatus.UNREACHABLE, "HTTP 500 after 3 tries", 500)
    assert len(registry.requests_to("datacite")) == 3


def test_one_503_is_retried_and_the_answer_returned(registry: FakeRegistry) -> None:
    registry.faults("crossref").script = [503]
    with client() as http:
        answer = http.request("GET", work_url(registry))
    assert isinstance(answer, HttpResponse)
    assert (answer.status, answer.body) == (404, b"Resource not found.")


def test_a_hanging_server_gives_timeout(registry: FakeRegistry) -> None:
    registry.faults("crossref").latency = 5.0
    with client(timeout=0.2, retries=1) as http:
        answer = http.request("GET", work_url(registry))
    assert isinstance(answer, HttpFailure)
    assert answer.status is LookupStatus.TIMEOUT
    assert answer.detail == "timed out after 0.2 s (2 tries)"


def test_400_is_returned_without_retrying(registry: FakeRegistry) -> None:
    with client() as http:
        answer = http.request(
            "GET", f"{registry.crossref_url}/works", params={"filter": "nonsense:1"}, route="list"
        )
    assert isinstance(answer, HttpResponse) and answer.status == 400
    assert answer.json()["message-type"] == "validation-failure"
    assert len(registry.requests_to("crossref")) == 1


def test_404_is_an_answer_asked_once(registry: FakeRegistry) -> None:
    with client() as http:
        answer = http.request("GET", work_url(registry, "10.5555/absent"))
    assert isinstance(answer, HttpResponse) and answer.status == 404
    assert len(registry.requests_to("crossref")) == 1


def test_403_stops_that_host_for_the_rest_of_the_run(registry: FakeRegistry) -> None:
    registry.faults("crossref").status = 403
    with client() as http:
        first = http.request("GET", work_url(registry))
        later = http.request("GET", work_url(registry, "10.5555/other"))
        elsewhere = http.request("GET", f"{registry.datacite_url}/dois/10.5555/x")
    assert first == HttpFailure(LookupStatus.SKIPPED, "stopped: the host answered 403", 403)
    assert isinstance(later, HttpFailure) and later.status is LookupStatus.SKIPPED
    assert "403" in later.detail
    assert len(registry.requests_to("crossref")) == 1
    assert isinstance(elsewhere, HttpResponse) and elsewhere.status == 404


def test_403_is_an_answer_when_the_caller_asks(registry: FakeRegistry) -> None:
    registry.add_page("/blocked", status=403)
    with client() as http:
        first = http.request("GET", f"{registry.web_url}/blocked", stop_on_forbidden=False)
        second = http.request("GET", f"{registry.web_url}/blocked", stop_on_forbidden=False)
    assert isinstance(first, HttpResponse) and first.status == 403
    assert isinstance(second, HttpResponse) and second.status == 403


def test_announced_rate_slows_the_client_down(registry: FakeRegistry) -> None:
    registry.crossref_pools["polite"] = PoolLimits(single=8, list=1, concurrency=3)
    with client() as http:  # configured for 1000 req/s; the server announces 8 req/s
        for number in range(7):
            http.request("GET", work_url(registry, f"10.5555/{number}"))
    arrivals = [entry.time for entry in registry.requests_to("crossref")]
    # after the first answer, six departures 0.125 s apart: 0.75 s; allow clock slack
    assert arrivals[-1] - arrivals[0] >= 0.65


def test_announced_concurrency_limits_parallel_requests(registry: FakeRegistry) -> None:
    registry.crossref_pools["polite"] = PoolLimits(single=1000, list=1000, concurrency=1)
    registry.faults("crossref").latency = 0.05
    with client() as http:
        http.request("GET", work_url(registry, "10.5555/first"))
        run_in_threads(6, lambda n: http.request("GET", work_url(registry, f"10.5555/{n}")))
    assert len(registry.requests_to("crossref")) == 7
    assert registry.max_in_flight["crossref"] == 1


def test_requests_slower_than_their_pace_overlap_up_to_the_polite_concurrency(
    registry: FakeRegistry,
) -> None:
    # The polite pool: 10 single requests per second, 3 at once. Answers taking 0.4 s overlap
    # (one in flight at a time is only the pace at work when answers come faster than 0.1 s).
    registry.enforce_limits = True
    registry.faults("crossref").latency = 0.4
    with client(limits=DEFAULT_LIMITS) as http:
        run_in_threads(6, lambda n: http.request("GET", work_url(registry, f"10.5555/{n}")))
    assert registry.max_in_flight["crossref"] == 3
    assert registry.limit_refusals == 0


def test_configured_concurrency_limits_parallel_requests(registry: FakeRegistry) -> None:
    registry.faults("web").latency = 0.05
    limits = {"single": RouteLimit(rate=1000.0, concurrency=2)}
    with client(limits=limits) as http:
        run_in_threads(8, lambda n: http.request("HEAD", f"{registry.web_url}/{n}"))
    assert len(registry.requests_to("web")) == 8
    assert registry.max_in_flight["web"] <= 2


def test_identical_requests_in_flight_are_sent_once(registry: FakeRegistry) -> None:
    registry.add_crossref_work(WORK)
    registry.faults("crossref").latency = 0.5
    with client() as http:
        answers = run_in_threads(4, lambda _: http.request("GET", work_url(registry)))
        assert http.requests_sent == 1
    assert len({answer.body for answer in answers if isinstance(answer, HttpResponse)}) == 1
    assert len(registry.requests_to("crossref")) == 1


def test_one_connection_serves_sequential_requests(registry: FakeRegistry) -> None:
    with client() as http:
        for number in range(5):
            http.request("GET", work_url(registry, f"10.5555/{number}"))
    assert len({entry.client_port for entry in registry.requests_to("crossref")}) == 1


def test_user_agent_is_sent(registry: FakeRegistry) -> None:
    with client() as http:
        http.request("GET", work_url(registry))
    (entry,) = registry.requests_to("crossref")
    assert entry.headers["user-agent"] == "refcheck-tests (mailto:tests@example.org)"
    assert entry.headers.get("x-api-pool") is None


def test_redirects_are_followed_and_each_hop_counted(registry: FakeRegistry) -> None:
    registry.add_page("/old", redirect_to="/new")
    target = registry.add_page("/new")
    with client() as http:
        answer = http.request("HEAD", f"{registry.web_url}/old")
        assert http.requests_sent == 2
    assert isinstance(answer, HttpResponse)
    assert (answer.status, answer.url) == (200, target)


def test_a_redirect_loop_is_unreachable_and_not_retried(registry: FakeRegistry) -> None:
    registry.add_page("/loop", redirect_to="/loop")
    with client() as http:
        answer = http.request("GET", f"{registry.web_url}/loop")
    assert answer == HttpFailure(LookupStatus.UNREACHABLE, "too many redirects")
    assert len(registry.requests_to("web")) == MAX_REDIRECTS + 1  # the cap, once


@pytest.mark.parametrize("url", ["http://", "http://exa mple.org:99999/", "http://[::1/"])
def test_a_url_that_cannot_be_sent_fails_at_once(url: str) -> None:
    with client() as http:
        answer = http.request("GET", url)
        assert http.requests_sent <= 1
    assert isinstance(answer, HttpFailure)
    assert answer.status is LookupStatus.UNREACHABLE
    assert answer.detail.startswith("invalid URL")


def test_a_tls_failure_is_unreachable_and_not_retried(registry: FakeRegistry) -> None:
    plain_http = registry.web_url.replace("http://", "https://")  # no TLS on that port
    with client() as http:
        answer = http.request("GET", f"{plain_http}/")
        assert http.requests_sent == 1
    assert isinstance(answer, HttpFailure)
    assert answer.status is LookupStatus.UNREACHABLE
    assert answer.detail.startswith("TLS failed")


def test_a_name_that_never_resolves_is_a_dns_failure_at_once() -> None:
    started = time.monotonic()
    with client() as http:
        answer = http.request("GET", "http://nonexistent.invalid/")
        assert http.requests_sent == 0
    assert isinstance(answer, HttpFailure)
    assert (answer.status, answer.dns_failure) == (LookupStatus.UNREACHABLE, True)
    assert "does not resolve" in answer.detail
    assert time.monotonic() - started < 1.0


def test_a_refused_connection_is_unreachable_not_dns() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with client(retries=1) as http:
        answer = http.request("GET", f"http://127.0.0.1:{port}/")
    assert isinstance(answer, HttpFailure)
    assert (answer.status, answer.dns_failure) == (LookupStatus.UNREACHABLE, False)
    assert answer.detail == "connection failed: Connection refused (2 tries)"


@pytest.mark.parametrize("fault", ["truncate", "garbage"])
def test_a_broken_json_body_is_a_value_error_for_the_caller(
    registry: FakeRegistry, fault: str
) -> None:
    registry.add_crossref_work(WORK)
    setattr(registry.faults("crossref"), fault, True)
    with client() as http:
        answer = http.request("GET", work_url(registry))
    assert isinstance(answer, HttpResponse) and answer.status == 200
    with pytest.raises(ValueError):
        answer.json()


def run_in_threads(
    count: int, call: Callable[[int], HttpResponse | HttpFailure]
) -> list[HttpResponse | HttpFailure]:
    """Start ``count`` calls at once (a barrier) and collect their results in order."""
    results: list[HttpResponse | HttpFailure | None] = [None] * count
    barrier = threading.Barrier(count)

    def run(number: int) -> None:
        barrier.wait()
        results[number] = call(number)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [result for result in results if result is not None]
