"""Every source under the registries' faults: 429 with Retry-After, 5xx, garbage, truncated
and deeply nested bodies; a source that failed after its retries is not asked again."""

from __future__ import annotations

import pytest

from refcheck.model import LookupStatus
from refcheck.resolve.http import HttpFailure
from refcheck.resolve.sources.arxiv import Arxiv, UnsafeXmlError, parse_feed
from tests.registry.server import FakeRegistry
from tests.registry.sources import SOURCE_SERVICES
from tests.sources_helpers import Waits, http_client, one_lookup

NESTED_JSON = b"[" * 5000 + b"]" * 5000


@pytest.fixture
def sources(registry: FakeRegistry) -> FakeRegistry:
    registry.sources.load_samples()
    return registry


@pytest.mark.parametrize("service", SOURCE_SERVICES)
def test_each_source_answers_when_healthy(sources: FakeRegistry, service: str) -> None:
    with http_client(Waits()) as http:
        answer = one_lookup(sources, service, http)
    assert answer and not isinstance(answer, HttpFailure)


@pytest.mark.parametrize("service", SOURCE_SERVICES)
def test_429_with_retry_after_is_waited_out_then_answered(
    sources: FakeRegistry, service: str
) -> None:
    sources.faults(service).script = [429]
    sources.faults(service).retry_after = "2"
    waits = Waits()
    with http_client(waits) as http:
        answer = one_lookup(sources, service, http)
    assert answer and not isinstance(answer, HttpFailure)
    assert 2.0 in waits.seconds
    assert len(sources.requests_to(service)) == 2


@pytest.mark.parametrize("service", SOURCE_SERVICES)
def test_5xx_after_retries_is_a_failure_value(sources: FakeRegistry, service: str) -> None:
    sources.faults(service).status = 503
    with http_client(Waits(), retries=1) as http:
        first = one_lookup(sources, service, http)
        sent = len(sources.requests_to(service))
    assert isinstance(first, HttpFailure) and first.status is LookupStatus.UNREACHABLE
    assert first.http_status == 503 and sent == 2  # one try and one retry


@pytest.mark.parametrize("service", SOURCE_SERVICES)
@pytest.mark.parametrize("fault", ["garbage", "truncate", "nested"])
def test_a_body_that_cannot_be_read_is_no_answer(
    sources: FakeRegistry, service: str, fault: str
) -> None:
    faults = sources.faults(service)
    if fault == "nested":
        faults.body = NESTED_JSON if service != "arxiv" else b"<a>" * 5000 + b"</a>" * 5000
    else:
        setattr(faults, fault, True)
    with http_client(Waits()) as http:
        answer = one_lookup(sources, service, http)
    assert isinstance(answer, HttpFailure), answer
    assert answer.status is LookupStatus.UNREACHABLE


def test_a_source_that_failed_is_not_asked_again_in_the_run(sources: FakeRegistry) -> None:
    sources.faults("arxiv").status = 503
    with http_client(Waits(), retries=1) as http:
        client = Arxiv(http, sources.urls["arxiv"])
        first = client.papers(["1605.08386"])["1605.08386"]
        second = client.search_title("Heat-bath random walks")
    assert isinstance(first, HttpFailure) and second == first
    assert len(sources.requests_to("arxiv")) == 2


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/1.1</id>
<title>&lol3;</title></entry></feed>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&secret;</title></entry></feed>"""


@pytest.mark.parametrize(
    "body", [BILLION_LAUGHS, EXTERNAL_ENTITY, b"<feed>" + b"x" * (5 * 1024 * 1024)]
)
def test_hostile_xml_is_refused_before_parsing(body: bytes) -> None:
    with pytest.raises(UnsafeXmlError):
        parse_feed(body)


def test_hostile_xml_from_arxiv_is_a_failure_value(sources: FakeRegistry) -> None:
    sources.faults("arxiv").body = BILLION_LAUGHS
    with http_client(Waits()) as http:
        answer = Arxiv(http, sources.urls["arxiv"]).papers(["1605.08386"])["1605.08386"]
    assert isinstance(answer, HttpFailure)
    assert "declares a document type" in answer.detail
