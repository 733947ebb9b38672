"""Prometheus metrics in the text format, on a registry of the app's own (one per app, so
several apps in one process, as in the tests, do not collide)."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from refcheck.resolve.counts import ONLINE_COUNTS
from refcheck.serve.store import JobStore

DURATION_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600)


class _JobsByState(Collector):
    """The number of jobs in each state, read from the database at scrape time."""

    def __init__(self, store: JobStore) -> None:
        self.store = store

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "refcheck_jobs", "Jobs in the database by state", labels=["state"]
        )
        for state, count in self.store.counts_by_state().items():
            family.add_metric([state], count)
        yield family


class _OnlineWork(Collector):
    """Registry and source requests sent (by route) and lookup-cache hits and misses (by
    namespace) since the process started, read at scrape time."""

    def collect(self) -> Iterator[CounterMetricFamily]:
        requests, hits, misses = ONLINE_COUNTS.snapshot()
        sent = CounterMetricFamily(
            "refcheck_registry_requests",
            "Requests sent to registries, sources and cited URLs, by route",
            labels=["route"],
        )
        for route, count in sorted(requests.items()):
            sent.add_metric([route], count)
        yield sent
        for name, counts, what in (("hits", hits, "answered"), ("misses", misses, "not answered")):
            family = CounterMetricFamily(
                f"refcheck_cache_{name}",
                f"Lookups the cache {what}, by namespace",
                labels=["namespace"],
            )
            for namespace, count in sorted(counts.items()):
                family.add_metric([namespace], count)
            yield family


class ServiceMetrics:
    def __init__(self, store: JobStore) -> None:
        self.registry = CollectorRegistry()
        self.registry.register(_JobsByState(store))
        self.registry.register(_OnlineWork())
        self.durations = Histogram(
            "refcheck_job_duration_seconds",
            "Seconds from a job's start to its end, by outcome",
            ["outcome"],
            buckets=DURATION_BUCKETS,
            registry=self.registry,
        )
        self.requests = Counter(
            "refcheck_http_requests",
            "API and page requests answered, by status code",
            ["status"],
            registry=self.registry,
        )
        self.refused = Counter(
            "refcheck_uploads_refused",
            "Submissions refused, by reason",
            ["reason"],
            registry=self.registry,
        )

    def finished(self, outcome: str, seconds: float) -> None:
        self.durations.labels(outcome).observe(seconds)

    def text(self) -> bytes:
        return generate_latest(self.registry)
