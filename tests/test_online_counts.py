"""The online stage counts its requests and cache answers (``refcheck serve`` exports them)."""

from __future__ import annotations

from pathlib import Path

from refcheck.resolve import resolve_documents
from refcheck.resolve.counts import ONLINE_COUNTS
from tests.registry.server import FakeRegistry
from tests.resolve_helpers import crossref_work, document, reference, settings_for


def test_requests_and_cache_answers_are_counted(registry: FakeRegistry, tmp_path: Path) -> None:
    registry.add_crossref_work(crossref_work(1))
    papers = [document(reference(1, doi="10.5555/test.1"))]
    settings = settings_for(registry, tmp_path / "cache", sources=())
    requests, _, misses = ONLINE_COUNTS.snapshot()
    resolve_documents(papers, settings)
    cold_requests, cold_hits, cold_misses = ONLINE_COUNTS.snapshot()
    sent = sum(cold_requests.values()) - sum(requests.values())
    assert sent == len(registry.requests_log) > 0
    assert sum(cold_misses.values()) > sum(misses.values())
    resolve_documents(papers, settings)  # warm: the cache answers, nothing is sent
    warm_requests, warm_hits, _ = ONLINE_COUNTS.snapshot()
    assert warm_requests == cold_requests
    assert sum(warm_hits.values()) > sum(cold_hits.values())
