"""The service's own requests: a file at a caller's URL, and the webhook a caller names.

Both URLs come from callers, so both go through the outbound request policy of cited URLs
(:mod:`refcheck.resolve.outbound`): http or https, every address public unless the operator
allows private ones (``allow-private-urls``), checked again for every redirect and pinned at
connect time (:class:`~refcheck.resolve.transport.PolicyAdapter`), all within one deadline.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests

from refcheck.config import Settings
from refcheck.resolve.crossref import user_agent
from refcheck.resolve.http import _causes as wrapped_exceptions
from refcheck.resolve.outbound import OutboundPolicy, RefusedAddress
from refcheck.resolve.transport import PolicyAdapter, RequestDeadline

MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
SIGNATURE_HEADER = "X-Refcheck-Signature"  # "sha256=" and the HMAC-SHA256 of the body, in hex


class OutboundRefused(Exception):
    """The URL may not be requested, or did not give a file; the message says why."""


def policy_of(settings: Settings) -> OutboundPolicy:
    # The cited-URL allow/deny patterns are about documents, not about callers: not applied.
    return OutboundPolicy(allow_private=settings.allow_private_urls)


def check_url(url: str, settings: Settings) -> None:
    """Raises OutboundRefused when the policy refuses ``url`` (its host is resolved)."""
    try:
        refused = policy_of(settings).refusal(url, with_patterns=False)
    except ValueError as exc:
        raise OutboundRefused(f"{url!r} is not a URL that can be read") from exc
    if refused is not None:
        raise OutboundRefused(f"{url} is refused: {refused}")


def _session(settings: Settings) -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = user_agent(settings.mailto)
    adapter = PolicyAdapter(check_addresses=not settings.allow_private_urls, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def download(url: str, target: Path, max_bytes: int, settings: Settings) -> None:
    """Save the file at ``url`` to ``target``, following redirects that the policy allows."""
    with _session(settings) as session, RequestDeadline(settings.http_timeout) as deadline:
        try:
            response = _follow(session, url, settings)
            with response, target.open("wb") as out:
                _copy_capped(response, out, max_bytes)
        except requests.RequestException as exc:
            _raise_if_refused(url, exc)
            if deadline.expired:
                raise OutboundRefused(f"{url}: no answer in {settings.http_timeout:g} s") from exc
            raise OutboundRefused(f"{url}: the request failed ({type(exc).__name__})") from exc


def _follow(session: requests.Session, url: str, settings: Settings) -> requests.Response:
    for _ in range(MAX_REDIRECTS + 1):
        check_url(url, settings)
        response = session.get(url, stream=True, allow_redirects=False)
        if not response.is_redirect:
            if response.status_code != 200:
                response.close()
                raise OutboundRefused(f"{url}: the server answered {response.status_code}")
            return response
        url = urljoin(url, response.headers["Location"])
        response.close()
    raise OutboundRefused(f"{url}: more than {MAX_REDIRECTS} redirects")


def _copy_capped(response: requests.Response, out: Any, max_bytes: int) -> None:
    written = 0
    for chunk in response.iter_content(CHUNK_BYTES):
        written += len(chunk)
        if written > max_bytes:
            raise OutboundRefused(f"the file is larger than the limit of {max_bytes} bytes")
        out.write(chunk)


def _raise_if_refused(url: str, exc: BaseException) -> None:
    """The connection refused an address (requests wraps the refusal in its own errors)."""
    refused = next((c for c in wrapped_exceptions(exc) if isinstance(c, RefusedAddress)), None)
    if refused is not None:
        raise OutboundRefused(f"{url} is refused: {refused.reason}") from exc


def signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post_webhook(url: str, payload: dict[str, Any], secret: str, settings: Settings) -> int:
    """POST ``payload`` as JSON, signed; the status the receiver answered."""
    body = json.dumps(payload, sort_keys=True).encode("utf-8")
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: signature(body, secret)}
    check_url(url, settings)
    with _session(settings) as session, RequestDeadline(settings.http_timeout):
        try:
            response = session.post(url, data=body, headers=headers, allow_redirects=False)
        except requests.RequestException as exc:
            _raise_if_refused(url, exc)
            raise OutboundRefused(f"{url}: the request failed ({type(exc).__name__})") from exc
        return response.status_code
