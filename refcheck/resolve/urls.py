"""Cited URLs: HEAD, then GET when HEAD is refused; redirects followed; statuses, not guesses.

Many publishers refuse robots (403), throttle (429) or answer HEAD wrongly, so only a 404/410
on GET or a host name that does not resolve counts as broken; everything else that is not a
success is "could not tell". Per-host pacing and concurrency live in the HTTP client.
"""

from __future__ import annotations

from refcheck.model import LookupStatus, UrlCheck
from refcheck.resolve.http import HttpClient, HttpFailure, HttpResponse
from refcheck.resolve.url_choice import fetchable

__all__ = ["check_url"]

_GONE = frozenset({404, 410})


def check_url(client: HttpClient, url: str) -> UrlCheck:
    """HEAD, then GET when HEAD gets an error (refused, or a 404 a GET may contradict)."""
    address = fetchable(url)
    response = _fetch(client, "HEAD", address)
    if isinstance(response, HttpResponse) and response.status >= 400:
        response = _fetch(client, "GET", address)
    return _classify(url, address, response)


def _fetch(client: HttpClient, method: str, url: str) -> HttpResponse | HttpFailure:
    return client.request(method, url, stop_on_forbidden=False, allow_redirects=True)


def _classify(url: str, address: str, response: HttpResponse | HttpFailure) -> UrlCheck:
    if isinstance(response, HttpFailure):
        if response.dns_failure:
            return UrlCheck(url, LookupStatus.NOT_FOUND, detail=response.detail)
        return UrlCheck(url, response.status, response.http_status, detail=response.detail)
    final = response.url if response.url != address else None
    status = response.status
    if status < 400:
        return UrlCheck(url, LookupStatus.RESOLVED, status, final)
    if status in _GONE:
        return UrlCheck(url, LookupStatus.NOT_FOUND, status, final, f"HTTP {status}")
    if status == 429:
        return UrlCheck(url, LookupStatus.RATE_LIMITED, status, final, "HTTP 429")
    return UrlCheck(url, LookupStatus.UNREACHABLE, status, final, f"HTTP {status}")
