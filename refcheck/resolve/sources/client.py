"""What every source client shares: the guarded HTTP client, its base URL and route, and the
two kinds of answer (one per identifier asked, or a list of search hits)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from refcheck.model import LookupStatus
from refcheck.resolve.failures import GuardedClient, read_json, unanswered
from refcheck.resolve.http import HttpClient, HttpFailure, HttpResponse
from refcheck.resolve.sources.record import SourceRecord

__all__ = ["IdAnswer", "SearchHits", "SourceClient"]

# What a source says about one identifier: its record, None when the source does not hold
# it, or the failure that left it unanswered (never read as "not found").
IdAnswer = SourceRecord | HttpFailure | None
# A search's hits, best first, or the failure that left it unanswered.
SearchHits = list[SourceRecord] | HttpFailure

SEARCH_HITS = 5  # candidates per title search, like Crossref's SEARCH_ROWS


class SourceClient:
    """One source on the shared HTTP client: paced on its own route, its own circuit breaker.

    ``label`` names the source in failure details ("OpenAlex unreachable: HTTP 503 …");
    ``route`` is the key of its politeness in :data:`refcheck.resolve.sources.SOURCE_LIMITS`.
    """

    label = ""
    route = ""

    def __init__(self, client: HttpClient, base_url: str) -> None:
        self.client = GuardedClient(client)
        self.base_url = base_url.rstrip("/")

    def headers(self) -> dict[str, str]:
        return {}

    def get_json(
        self,
        path: str,
        params: Mapping[str, str],
        *,
        not_found: frozenset[int] = frozenset({404}),
        body: bytes | None = None,
    ) -> Any | HttpFailure | None:
        """The parsed 200 body; None for a status that means "no such work"; else a failure
        (a garbage or truncated body included)."""
        response = self.client.request(
            f"{self.base_url}{path}",
            params=params,
            headers=self.headers(),
            route=self.route,
            body=body,
        )
        if isinstance(response, HttpResponse) and response.status in not_found:
            return None
        if isinstance(response, HttpFailure) or response.status != 200:
            return unanswered(self.label, response)
        data = read_json(response)
        if data is None:
            return unanswered(self.label, response, "the answer was not JSON")
        return data

    def malformed(self, what: str) -> HttpFailure:
        """A 200 whose JSON is not the expected shape: no answer about the work."""
        return unanswered(self.label, HttpFailure(LookupStatus.UNREACHABLE, what), what)
