"""Source clients on one HTTP client against the fake sources, and one lookup per source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from refcheck.config import SOURCE_NAMES
from refcheck.resolve.http import HttpClient, RouteLimit
from refcheck.resolve.sources.arxiv import Arxiv
from refcheck.resolve.sources.client import IdAnswer, SearchHits
from refcheck.resolve.sources.dblp import Dblp
from refcheck.resolve.sources.europepmc import EuropePmc
from refcheck.resolve.sources.openalex import OpenAlex
from refcheck.resolve.sources.pubmed import PubMed
from refcheck.resolve.sources.semanticscholar import SemanticScholar
from tests.registry.server import FakeRegistry

# Fast enough for tests; the pacing itself is tested with an injected clock.
FAST = {name: RouteLimit(rate=1000.0, concurrency=4) for name in SOURCE_NAMES}


@dataclass
class Waits:
    """The client's injected sleep: records how long it was asked to wait, waits not."""

    seconds: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def http_client(waits: Waits, retries: int = 2) -> HttpClient:
    return HttpClient(
        user_agent="refcheck-tests", timeout=2.0, retries=retries, limits=FAST, sleep=waits
    )


def one_lookup(registry: FakeRegistry, service: str, http: HttpClient) -> IdAnswer | SearchHits:
    """A typical lookup of each fake source, on a new client (its own circuit breaker)."""
    url = registry.urls[service]
    lookups: dict[str, Callable[[], Any]] = {
        "openalex": lambda: OpenAlex(http, url).works_by_doi(["10.48550/arxiv.2312.07559"]),
        "semanticscholar": lambda: SemanticScholar(http, url).papers(
            [("doi", "10.2139/ssrn.288970")]
        ),
        "arxiv": lambda: Arxiv(http, url).papers(["1605.08386"]),
        "dblp": lambda: Dblp(http, url).search("Attentional Transfer is All You Need"),
        "europepmc": lambda: EuropePmc(http, url).by_identifier("pmid", "39709209"),
        "eutils": lambda: PubMed(http, url).summaries(["17375194"]),
    }
    answer = lookups[service]()
    if isinstance(answer, dict):
        (only,) = answer.values()
        return only  # type: ignore[no-any-return]
    return answer  # type: ignore[no-any-return]
