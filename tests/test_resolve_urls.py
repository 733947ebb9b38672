"""Cited URLs checked against the fake web server: broken, alive, refused, redirected."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.model import LookupStatus, UrlCheck
from refcheck.resolve import resolve_documents
from refcheck.resolve.url_choice import doi_of_link, fetchable, url_not_checked
from tests.registry.server import FakeRegistry
from tests.resolve_helpers import document, reference, settings_for

# The fake web server is on 127.0.0.1: cited URLs may reach it only with the explicit opt-in.
LOOPBACK_WEB = {"allow_private_urls": True}


def _check(registry: FakeRegistry, url: str, **changes: object) -> UrlCheck:
    ref = reference(1, type="web", title=None, urls=(url,))
    [resolutions] = resolve_documents(
        [document(ref)], settings_for(registry, None, **{**LOOPBACK_WEB, **changes})
    )
    [check] = resolutions.references[0].urls
    return check


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (200, LookupStatus.RESOLVED),
        (404, LookupStatus.NOT_FOUND),
        (410, LookupStatus.NOT_FOUND),
        (401, LookupStatus.UNREACHABLE),
        (403, LookupStatus.UNREACHABLE),
    ],
)
def test_page_status_becomes_a_lookup_status(
    registry: FakeRegistry, status: int, expected: LookupStatus
) -> None:
    url = registry.add_page("/page", status)
    check = _check(registry, url)
    assert (check.status, check.http_status) == (expected, status)


def test_head_refused_then_get_answers(registry: FakeRegistry) -> None:
    url = registry.add_page("/no-head", 200, head_status=405)
    check = _check(registry, url)
    assert (check.status, check.http_status) == (LookupStatus.RESOLVED, 200)
    assert [r.method for r in registry.requests_to("web")] == ["HEAD", "GET"]


def test_forbidden_link_does_not_stop_the_other_links_of_its_host(
    registry: FakeRegistry,
) -> None:
    blocked = registry.add_page("/blocked", 403)
    alive = registry.add_page("/alive", 200)
    ref = reference(1, type="web", title=None, urls=(blocked, alive))
    [resolutions] = resolve_documents([document(ref)], settings_for(registry, None, **LOOPBACK_WEB))
    statuses = [check.status for check in resolutions.references[0].urls]
    assert statuses == [LookupStatus.UNREACHABLE, LookupStatus.RESOLVED]


def test_redirect_is_followed_to_the_live_page(registry: FakeRegistry) -> None:
    target = registry.add_page("/new", 200)
    url = registry.add_page("/old", 301, redirect_to="/new")
    check = _check(registry, url)
    assert (check.status, check.final_url) == (LookupStatus.RESOLVED, target)


def test_redirect_to_a_missing_page_is_broken(registry: FakeRegistry) -> None:
    url = registry.add_page("/moved", 302, redirect_to="/gone")
    assert _check(registry, url).status is LookupStatus.NOT_FOUND


def test_host_that_does_not_resolve_is_broken(registry: FakeRegistry) -> None:
    alive = registry.add_page("/alive", 200)
    ref = reference(1, type="web", title=None, urls=("http://name.invalid/paper.pdf", alive))
    [resolutions] = resolve_documents([document(ref)], settings_for(registry, None, **LOOPBACK_WEB))
    check = resolutions.references[0].urls[0]
    assert check.status is LookupStatus.NOT_FOUND
    assert "does not resolve" in check.detail


def test_no_host_resolving_means_no_network_not_broken_links(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    urls = ("http://name.invalid/a", "http://other.invalid/b")
    ref = reference(1, type="web", title=None, urls=urls)
    settings = settings_for(registry, tmp_path, **LOOPBACK_WEB)
    [resolutions] = resolve_documents([document(ref)], settings)
    checks = resolutions.references[0].urls
    assert {check.status for check in checks} == {LookupStatus.SKIPPED}
    [skipped] = resolutions.skipped
    assert skipped.check == "URL001, URL002"
    assert skipped.reason == (
        "no host answered in this run: the network may be down (2 lookups not answered)"
    )
    alive = registry.add_page("/alive", 200)
    [again] = resolve_documents([document(ref, reference(2, urls=(alive,)))], settings)
    assert again.references[0].urls[0].status is LookupStatus.NOT_FOUND


def test_server_errors_and_throttling_are_could_not_tell(registry: FakeRegistry) -> None:
    url = registry.add_page("/busy", 200)
    registry.faults("web").status = 503
    registry.faults("web").retry_after = "0"
    assert _check(registry, url).status is LookupStatus.UNREACHABLE
    registry.faults("web").status = 429
    assert _check(registry, url).status is LookupStatus.RATE_LIMITED


def test_slow_server_times_out(registry: FakeRegistry) -> None:
    url = registry.add_page("/slow", 200)
    registry.faults("web").latency = 3.0
    check = _check(registry, url, http_timeout=0.2)
    assert check.status is LookupStatus.TIMEOUT


def test_doi_links_are_looked_up_as_dois_not_fetched(registry: FakeRegistry) -> None:
    ref = reference(1, doi=None, urls=("https://doi.org/10.5555/Never.Registered",))
    [resolutions] = resolve_documents([document(ref)], settings_for(registry, None, **LOOPBACK_WEB))
    resolution = resolutions.references[0]
    assert resolution.doi is not None and resolution.doi.doi == "10.5555/never.registered"
    assert resolution.doi.status is LookupStatus.NOT_FOUND
    assert resolution.urls[0].status is LookupStatus.SKIPPED
    assert registry.requests_to("web") == []


def test_deny_and_allow_patterns_and_no_urls(registry: FakeRegistry) -> None:
    url = registry.add_page("/private/x", 404)
    assert _check(registry, url, url_deny=("*/private/*",)).status is LookupStatus.SKIPPED
    assert _check(registry, url, url_allow=("https://*",)).status is LookupStatus.SKIPPED
    assert _check(registry, url, check_urls=False).status is LookupStatus.SKIPPED
    assert registry.requests_to("web") == []


def test_which_links_are_not_fetched() -> None:
    assert doi_of_link("http://dx.doi.org/10.1000/ABC") == "10.1000/abc"
    assert doi_of_link("https://example.org/10.1000/abc") is None
    assert url_not_checked("ftp://example.org/data", (), ()) is not None
    assert url_not_checked("https://example.org/data", ("https://example.org/*",), ()) is None


def test_bare_www_address_is_fetched_over_http() -> None:
    assert fetchable("www.emro.who.int") == "http://www.emro.who.int"
    assert fetchable("https://www.who.int/x") == "https://www.who.int/x"
    assert url_not_checked("www.emro.who.int", (), ()) is None
    assert url_not_checked("emro.who.int/report", (), ()) is not None
