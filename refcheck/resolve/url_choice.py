"""Which cited URLs are fetched, and as what: pure decisions, no network.

A doi.org link is checked as a DOI; an address printed without a scheme is fetched as a
browser would; the allow and deny patterns and the schemes decide the rest. The fetching
itself is :mod:`refcheck.resolve.urls`; the rules and the plan need only these answers, and
an offline run never imports the HTTP client.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from refcheck.extract.identifiers import DOI_RESOLVER_HOSTS, normalize_doi
from refcheck.resolve.outbound import SCHEMES, matching_pattern, normalised_url

__all__ = ["doi_of_link", "fetchable", "url_not_checked"]


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
