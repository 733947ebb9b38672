"""Failures as values that name the registry, so that ``Resolutions.skipped`` can say why."""

from __future__ import annotations

from typing import Any

from refcheck.model import LookupStatus
from refcheck.resolve.http import HttpFailure, HttpResponse

__all__ = ["read_json", "unanswered"]

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
