"""Failures as values that name the registry, so that ``Resolutions.skipped`` can say why."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from refcheck.model import LookupStatus
from refcheck.resolve.http import HttpClient, HttpFailure, HttpResponse

__all__ = ["GuardedClient", "read_json", "unanswered"]

IN_FLIGHT = 3
_TRIPPING = frozenset(
    {
        LookupStatus.TIMEOUT,
        LookupStatus.UNREACHABLE,
        LookupStatus.RATE_LIMITED,
        LookupStatus.SKIPPED,
    }
)
_LABELS = {
    LookupStatus.TIMEOUT: "timed out",
    LookupStatus.RATE_LIMITED: "rate-limited",
    LookupStatus.SKIPPED: "not asked",
}


def unanswered(registry: str, response: HttpResponse | HttpFailure, what: str = "") -> HttpFailure:
    """A failure whose detail reads "Crossref unreachable: HTTP 503 after 4 tries".

    It is no answer about the work and is never read as "not found". An HTTP answer that is
    not the expected one (a 400, a garbage body: ``what``) is "unreachable" too: the registry
    could not tell us anything.
    """
    if isinstance(response, HttpFailure):
        status, detail, http_status = response.status, response.detail, response.http_status
    else:
        status, detail, http_status = (
            LookupStatus.UNREACHABLE,
            f"HTTP {response.status}",
            response.status,
        )
    label = _LABELS.get(status, "unreachable")
    return HttpFailure(status, f"{registry} {label}: {what or detail}", http_status)


def read_json(response: HttpResponse) -> Any | None:
    """The parsed body, or None when it is garbage or cut short."""
    try:
        return response.json()
    except ValueError:
        return None


class GuardedClient:
    """The HTTP client for one registry, which stops asking it once it failed after retries.

    When a request ends down, throttled, hanging or stopped after all the client's retries,
    every later lookup gets the same failure at once. At most ``IN_FLIGHT`` lookups are in
    their retry loops at a time (Crossref's polite concurrency), so a storm of 429s or 503s
    costs a few requests' retries, not every lookup's, and a registry that is down is not
    hammered.
    """

    def __init__(self, client: HttpClient) -> None:
        self.client = client
        self._lock = threading.Lock()
        self._in_flight = threading.BoundedSemaphore(IN_FLIGHT)
        self._stopped_by: HttpFailure | None = None
        self.answered = False  # the registry answered at least once (the network is up)

    def request(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        route: str = "single",
        body: bytes | None = None,
    ) -> HttpResponse | HttpFailure:
        """GET, or POST when there is a ``body``."""
        with self._in_flight:
            if self._stopped_by is not None:
                return self._stopped_by
            response = self.client.request(
                "POST" if body is not None else "GET",
                url,
                params=params,
                headers=headers,
                route=route,
                trusted=True,
                body=body,
            )
            self._trip(response)
        if isinstance(response, HttpResponse):
            self.answered = True
        return response

    def _trip(self, response: HttpResponse | HttpFailure) -> None:
        if isinstance(response, HttpFailure) and response.status in _TRIPPING:
            with self._lock:
                self._stopped_by = self._stopped_by or response
