"""Issue 12, item 1: a cited URL never makes refcheck probe the network it runs in.

The loopback registry is the user's own configuration (trusted); the same servers named by a
URL in a document are refused unless the user opts in with ``allow_private_urls``.
"""

from __future__ import annotations

import pytest
import requests

from refcheck.model import LookupStatus, UrlCheck
from refcheck.resolve import resolve_documents
from refcheck.resolve.http import HttpClient, HttpFailure, HttpResponse
from refcheck.resolve.outbound import OutboundPolicy, RefusedAddress, normalised_url
from refcheck.resolve.transport import PolicyAdapter
from tests.registry.server import FakeRegistry
from tests.resolve_helpers import document, reference, settings_for

REFUSED = "refused by outbound policy"


def _checks(registry: FakeRegistry, *urls: str, **changes: object) -> list[UrlCheck]:
    ref = reference(1, type="web", title=None, urls=urls)
    [resolutions] = resolve_documents([document(ref)], settings_for(registry, None, **changes))
    return list(resolutions.references[0].urls)


def _client(policy: OutboundPolicy | None = None) -> HttpClient:
    return HttpClient(user_agent="refcheck-tests", timeout=2.0, retries=0, policy=policy)


def test_a_cited_loopback_url_is_refused_by_default_and_fetched_with_the_opt_in(
    registry: FakeRegistry,
) -> None:
    registry.add_page("/admin", 200)
    url = f"{registry.web_url}/admin?action=delete-all"
    [refused] = _checks(registry, url)
    assert (refused.status, refused.detail) == (
        LookupStatus.SKIPPED,
        f"{REFUSED}: loopback address",
    )
    assert registry.requests_to("web") == []
    [fetched] = _checks(registry, url, allow_private_urls=True)
    assert (fetched.status, fetched.http_status) == (LookupStatus.RESOLVED, 200)
    assert [entry.method for entry in registry.requests_to("web")] == ["HEAD"]


def test_a_refusal_does_not_tell_whether_a_port_answers(registry: FakeRegistry) -> None:
    closed = "http://127.0.0.1:9/admin"  # discard: nothing listens there
    open_port, closed_port = _checks(registry, f"{registry.web_url}/admin", closed)
    assert open_port.status is closed_port.status is LookupStatus.SKIPPED
    assert open_port.detail == closed_port.detail == f"{REFUSED}: loopback address"
    assert open_port.http_status is closed_port.http_status is None
    assert registry.requests_to("web") == []


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("2130706433", "loopback"),  # decimal
        ("0x7f.1", "loopback"),  # hexadecimal, short form
        ("017700000001", "loopback"),  # octal
        ("127.1", "loopback"),
        ("[::ffff:127.0.0.1]", "loopback"),  # IPv4-mapped IPv6
        ("[::1]", "loopback"),
        ("localhost", "loopback"),  # a name: resolved, then refused
        ("LOCALHOST.", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("[::]", "unspecified"),
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("[fe80::1]", "link-local"),
        ("10.0.0.1", "private"),
        ("192.168.1.1", "private"),
        ("[fd00::1]", "private"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),  # carrier-grade NAT
        ("[64:ff9b::7f00:1]", "loopback"),  # NAT64 of 127.0.0.1
    ],
)
def test_non_public_addresses_in_any_spelling_are_refused_without_a_request(
    registry: FakeRegistry, host: str, kind: str
) -> None:
    port = registry.web_url.rsplit(":", 1)[1]
    with _client() as http:
        answer = http.request("GET", f"HTTP://{host}:{port}/latest/meta-data/")
        assert http.requests_sent == 0
    assert answer == HttpFailure(LookupStatus.SKIPPED, f"{REFUSED}: {kind} address")
    assert registry.requests_to("web") == []


def test_only_http_and_https_are_requested() -> None:
    with _client() as http:
        answer = http.request("GET", "ftp://example.org/data")
        assert http.requests_sent == 0
    assert answer == HttpFailure(
        LookupStatus.SKIPPED, f"{REFUSED}: only http and https addresses are requested"
    )


def test_patterns_see_the_normalised_url() -> None:
    url = "HTTP://User@LocalHost.:80/a/./b/../%70rivate/x?q=%7e#top"
    assert normalised_url(url) == "http://localhost/a/private/x?q=~"
    assert normalised_url("https://0x7f.1:8443/") == "https://127.0.0.1:8443/"
    policy = OutboundPolicy(deny=("http://localhost/*/private/*",))
    assert policy.refusal_before_resolving(url) == (
        "matches the deny pattern 'http://localhost/*/private/*'"
    )


def test_deny_patterns_ignore_case(registry: FakeRegistry) -> None:
    registry.add_page("/private/x", 200)
    upper = registry.web_url.replace("http://", "HTTP://") + "/a/../private/x"
    deny = (f"{registry.web_url}/private/*",)
    [check] = _checks(registry, upper, allow_private_urls=True, url_deny=deny)
    assert check.status is LookupStatus.SKIPPED
    assert registry.requests_to("web") == []


def test_a_redirect_to_a_denied_url_is_refused(registry: FakeRegistry) -> None:
    registry.add_page("/private/x", 200)
    url = registry.add_page("/open", 302, redirect_to="/Private/x")
    [check] = _checks(registry, url, allow_private_urls=True, url_deny=("*/private/*",))
    assert check.status is LookupStatus.SKIPPED
    assert check.detail == f"{REFUSED}: matches the deny pattern '*/private/*' (redirected)"
    assert [entry.path for entry in registry.requests_to("web")] == ["/open"]


def test_a_trusted_registry_redirecting_elsewhere_is_checked_at_that_hop(
    registry: FakeRegistry,
) -> None:
    # A DOI's registrant chooses where doi.org sends its landing page: that hop is untrusted.
    elsewhere = registry.doi_url.replace("127.0.0.1", "localhost") + "/internal"
    registry.add_page("/landing", 302, redirect_to=elsewhere)
    registry.add_page("/moved", 301, redirect_to="/new")
    target = registry.add_page("/new", 200)
    with _client() as http:
        refused = http.request("GET", f"{registry.web_url}/landing", trusted=True)
        same_origin = http.request("GET", f"{registry.web_url}/moved", trusted=True)
    assert refused == HttpFailure(LookupStatus.SKIPPED, f"{REFUSED}: loopback address (redirected)")
    assert registry.requests_to("doi") == []
    assert isinstance(same_origin, HttpResponse)
    assert (same_origin.status, same_origin.url) == (200, target)


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_the_connection_itself_refuses_a_non_public_address(
    registry: FakeRegistry, scheme: str
) -> None:
    # The check a request makes first is repeated where the socket is opened, on the address
    # connected to: a name that changed its answer in between (DNS rebinding) gains nothing.
    url = registry.web_url.replace("http://127.0.0.1", f"{scheme}://localhost") + "/x"
    with requests.Session() as session:
        session.mount(f"{scheme}://", PolicyAdapter(check_addresses=True, max_retries=0))
        with pytest.raises(requests.ConnectionError) as raised:
            session.get(url, timeout=2)
    assert _refused_address_in(raised.value)
    assert registry.requests_to("web") == []


def _refused_address_in(error: BaseException) -> bool:
    pending: list[object] = [error]
    while pending:
        current = pending.pop()
        if isinstance(current, RefusedAddress):
            return True
        if isinstance(current, BaseException):
            pending += [current.__cause__, current.__context__, *current.args]
            pending.append(getattr(current, "reason", None))
    return False


def test_the_url_patterns_are_for_cited_urls_not_for_where_a_registry_redirects(
    registry: FakeRegistry,
) -> None:
    registry.add_page("/landing", 302, redirect_to=f"{registry.doi_url}/elsewhere")
    policy = OutboundPolicy(allow_private=True, allow=("https://journal.example/*",))
    with _client(policy) as http:
        answer = http.request("GET", f"{registry.web_url}/landing", trusted=True)
    assert isinstance(answer, HttpResponse)
    assert [entry.path for entry in registry.requests_to("doi")] == ["/elsewhere"]
