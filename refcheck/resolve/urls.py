"""Cited URLs: HEAD, then GET when HEAD is refused; redirects followed; statuses, not guesses.

Many publishers refuse robots (403), throttle (429) or answer HEAD wrongly, so only a 404/410
on GET or a host name that does not resolve counts as broken; everything else that is not a
success is "could not tell". Per-host pacing and concurrency live in the HTTP client.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from refcheck.extract.identifiers import DOI_RESOLVER_HOSTS, normalize_doi
from refcheck.model import LookupStatus, UrlCheck
from refcheck.resolve.http import HttpClient, HttpFailure, HttpResponse
from refcheck.resolve.outbound import SCHEMES, matching_pattern, normalised_url

__all__ = ["check_url", "doi_of_link", "fetchable", "url_not_checked"]

_GONE = frozenset({404, 410})


def doi_of_link(url: str) -> str | None:
    """The DOI of a resolver link (doi.org, doi.acm.org …): such links are checked as DOIs."""
    host = urlsplit(url).hostname or ""
    return normalize_doi(url) if host.lower() in DOI_RESOLVER_HOSTS else None


def fetchable(url: str) -> str:
    """The address to fetch: a host printed without a scheme ("www.who.int/x") is fetched
    over http, as a browser would."""
    if "://" not in url and url.lower().startswith("www."):
        return f"http://{url}"
    return url


def url_not_checked(url: str, allow: Sequence[str], deny: Sequence[str]) -> str | None:
    """Why ``url`` is not fetched (a doi.org link, a denied pattern …), or None to fetch it.

    Patterns see the normalised URL and ignore case; the HTTP client applies them again to
    every redirect, with the address checks of the outbound policy.
    """
    try:
        address = normalised_url(fetchable(url))
    except ValueError:
        return "not a URL that can be requested"
    if urlsplit(address).scheme not in SCHEMES:
        return "only http and https addresses are checked"
    if doi_of_link(url) is not None:
        return "a doi.org link: checked as a DOI"
    denied = matching_pattern(address, deny)
    if denied is not None:
        return f"matches the deny pattern {denied!r}"
    if allow and matching_pattern(address, allow) is None:
        return "matches no allow pattern"
    return None


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
