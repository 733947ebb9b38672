"""What the HTTP client costs and how polite it is, against the loopback test registry.

    python benchmarks/http_client.py [--requests 300] [--dois 60]

Table 1, overhead: ms per request to the fake Crossref with no rate limit, for refcheck's
HttpClient (one session, connections reused) and for a new connection per request (what
habanero does). Table 2, politeness: looking up DOIs in the fake Crossref that enforces the
pool's limits (polite: 10 req/s single, 3 req/s list, 3 at once; public: 5, 1 and 1; over them
it answers 429), one DOI per request vs 50 per list call, with 3 threads as a resolver would.
Columns: wall seconds, requests sent (retries included), 429 answers received, lookups failed.
Always exits 0: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from refcheck.resolve.http import HttpClient, HttpFailure, RouteLimit
from tests.registry import FakeRegistry, PoolLimits

USER_AGENT = "refcheck-benchmark (mailto:benchmark@example.org)"


def overhead(registry: FakeRegistry, count: int) -> list[tuple[str, float]]:
    unlimited = PoolLimits(single=100_000, list=100_000, concurrency=16)
    registry.crossref_pools = {"public": unlimited, "polite": unlimited}
    url = f"{registry.crossref_url}/works/10.5555/benchmark"
    fast = {"single": RouteLimit(rate=100_000.0, concurrency=4)}
    with HttpClient(user_agent=USER_AGENT, timeout=10, limits=fast) as http:
        reused = timed(lambda: [http.request("GET", url, trusted=True) for _ in range(count)])
    fresh = timed(
        lambda: [
            requests.get(url, headers={"User-Agent": USER_AGENT}, timeout=10) for _ in range(count)
        ]
    )
    return [
        ("HttpClient, connection reused", 1000 * reused / count),
        ("new connection per request", 1000 * fresh / count),
    ]


def politeness(registry: FakeRegistry, dois: list[str]) -> list[tuple[str, float, int, int, int]]:
    registry.crossref_pools = {
        "public": PoolLimits(single=5, list=1, concurrency=1),
        "polite": PoolLimits(single=10, list=3, concurrency=3),
    }
    registry.enforce_limits = True
    batches = [dois[start : start + 50] for start in range(0, len(dois), 50)]
    rows = []
    singles = [single_call(registry, doi) for doi in dois]
    for label, user_agent, calls in (
        ("one DOI per request", USER_AGENT, singles),
        ("same, public pool (no mailto)", "refcheck-benchmark", singles),
        ("50 DOIs per list call", USER_AGENT, [list_call(registry, batch) for batch in batches]),
    ):
        registry.limit_refusals = 0
        with HttpClient(user_agent=user_agent, timeout=10) as http, ThreadPoolExecutor(3) as pool:
            started = time.perf_counter()
            answers = list(pool.map(lambda call: call(http), calls))
            seconds = time.perf_counter() - started
            sent = http.requests_sent
        failed = sum(isinstance(answer, HttpFailure) for answer in answers)
        rows.append((label, seconds, sent, registry.limit_refusals, failed))
    return rows


Call = Callable[[HttpClient], object]


def single_call(registry: FakeRegistry, doi: str) -> Call:
    return lambda http: http.request("GET", f"{registry.crossref_url}/works/{doi}", trusted=True)


def list_call(registry: FakeRegistry, dois: list[str]) -> Call:
    params = {
        "filter": ",".join(f"doi:{doi}" for doi in dois),
        "rows": str(len(dois)),
        "select": "DOI,title",
    }
    return lambda http: http.request(
        "GET", f"{registry.crossref_url}/works", params=params, route="list", trusted=True
    )


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--dois", type=int, default=60)
    options = parser.parse_args()
    with FakeRegistry() as registry:
        registry.load_samples()
        dois = sorted(registry.store.crossref)[: options.dois]
        print(f"{'overhead':32} {'ms/request':>10}")
        for label, ms in overhead(registry, options.requests):
            print(f"{label:32} {ms:10.2f}")
        print()
        title = f"politeness ({len(dois)} DOIs)"
        print(f"{title:32} {'seconds':>8} {'sent':>6} {'429s':>6} {'failed':>6}")
        for label, seconds, sent, refused, failed in politeness(registry, dois):
            print(f"{label:32} {seconds:8.2f} {sent:6} {refused:6} {failed:6}")


if __name__ == "__main__":
    main()
