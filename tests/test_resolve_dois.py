"""DOI lookups end to end against the fake registry over loopback HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.model import LookupStatus
from refcheck.resolve import resolve_documents
from tests.registry.server import FakeRegistry
from tests.resolve_helpers import MAILTO, crossref_work, document, reference, settings_for

ARXIV_DOI = "10.48550/arXiv.1706.03762"
ARXIV = {
    "titles": [{"title": "Attention Is All You Need"}],
    "creators": [{"name": "Vaswani, Ashish", "familyName": "Vaswani", "givenName": "Ashish"}],
    "publicationYear": 2017,
    "types": {"resourceTypeGeneral": "Preprint"},
}


def test_forty_dois_take_one_crossref_request(registry: FakeRegistry) -> None:
    for number in range(40):
        registry.add_crossref_work(crossref_work(number))
    references = [reference(n, doi=f"10.5555/test.{n}") for n in range(40)]
    [resolutions] = resolve_documents([document(*references)], settings_for(registry, None))
    [sent] = registry.requests_to("crossref")
    assert sent.path == "/works"
    assert int(sent.query["rows"]) >= 40
    assert sent.query["filter"].count("doi:") == 40
    assert "updated-by" in sent.query["select"].split(",")
    assert registry.requests_to("doi") == []
    lookups = [r.doi for r in resolutions.references]
    assert all(lookup and lookup.status is LookupStatus.RESOLVED for lookup in lookups)
    first = resolutions.of_reference("R7")
    assert first is not None and first.doi is not None and first.doi.record is not None
    assert first.doi.record.pages == "107-117"
    assert resolutions.skipped == ()


def test_mailto_goes_in_the_parameters_and_the_user_agent(registry: FakeRegistry) -> None:
    registry.add_crossref_work(crossref_work(1))
    resolve_documents([document(reference(1, doi="10.5555/test.1"))], settings_for(registry, None))
    [sent] = registry.requests_to("crossref")
    assert sent.query["mailto"] == MAILTO
    assert f"mailto:{MAILTO}" in sent.headers["user-agent"]
    assert sent.headers["user-agent"].startswith("refcheck/")


def test_missing_mailto_is_warned_about_once(
    registry: FakeRegistry, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    docs = [document(reference(1, doi="10.5555/test.1")), document(reference(2, doi="10.5/x"))]
    resolve_documents(docs, settings_for(registry, None, mailto=None, quiet=False))
    # A warning of the refcheck logger, never a line the library prints on stderr itself.
    assert [r.levelname for r in caplog.records if "--mailto" in r.getMessage()] == ["WARNING"]
    assert capsys.readouterr().err == ""
    [sent, *_] = registry.requests_to("crossref")
    assert "mailto" not in sent.query and "mailto:" not in sent.headers["user-agent"]


def test_datacite_doi_is_resolved_not_reported_missing(registry: FakeRegistry) -> None:
    registry.add_datacite_work(ARXIV_DOI, ARXIV)
    ref = reference(1, doi=ARXIV_DOI.lower(), title="Attention Is All You Need", type="preprint")
    [resolutions] = resolve_documents([document(ref)], settings_for(registry, None))
    lookup = resolutions.references[0].doi
    assert lookup is not None
    assert (lookup.status, lookup.agency) == (LookupStatus.RESOLVED, "datacite")
    assert lookup.record is not None and lookup.record.title == "Attention Is All You Need"
    assert len(registry.requests_to("datacite")) == 1


def test_other_agency_doi_is_read_by_content_negotiation(registry: FakeRegistry) -> None:
    registry.set_agency("10.1400/medra.1", "mEDRA")
    [resolutions] = resolve_documents(
        [document(reference(1, doi="10.1400/medra.1"))], settings_for(registry, None)
    )
    lookup = resolutions.references[0].doi
    assert lookup is not None
    assert (lookup.status, lookup.agency) == (LookupStatus.RESOLVED, "medra")
    assert lookup.record is not None and lookup.record.source == "doi.org"


def test_nonexistent_doi_is_not_found_only_on_the_agency_word(registry: FakeRegistry) -> None:
    [resolutions] = resolve_documents(
        [document(reference(1, doi="10.5555/never.registered"))], settings_for(registry, None)
    )
    lookup = resolutions.references[0].doi
    assert lookup is not None and lookup.status is LookupStatus.NOT_FOUND
    assert "DOI does not exist" in lookup.detail
    [asked] = registry.requests_to("doi")
    assert asked.path == "/ra/10.5555/never.registered"


def test_crossref_down_skips_the_checks_and_finds_nothing_missing(
    registry: FakeRegistry,
) -> None:
    registry.faults("crossref").status = 503
    registry.faults("crossref").retry_after = "0"
    refs = [reference(1, doi="10.5555/test.1"), reference(2, doi="10.5555/never.registered")]
    [resolutions] = resolve_documents([document(*refs)], settings_for(registry, None))
    statuses = {r.doi.status for r in resolutions.references if r.doi}
    assert statuses == {LookupStatus.UNREACHABLE}
    [skipped] = resolutions.skipped
    assert skipped.check == "DOI001, DOI002, XREF001, XREF002, XREF003, XREF004, RET001"
    assert skipped.reason == "Crossref unreachable: HTTP 503 after 4 tries (2 lookups not answered)"


def test_doi_org_down_never_turns_into_not_found(registry: FakeRegistry) -> None:
    registry.faults("doi").status = 503
    registry.faults("doi").retry_after = "0"
    [resolutions] = resolve_documents(
        [document(reference(1, doi="10.5555/never.registered"))], settings_for(registry, None)
    )
    lookup = resolutions.references[0].doi
    assert lookup is not None and lookup.status is LookupStatus.UNREACHABLE
    assert resolutions.skipped[0].reason.startswith("doi.org unreachable: HTTP 503")


@pytest.mark.parametrize("fault", ["garbage", "truncate"])
def test_garbage_or_truncated_json_is_unreachable(registry: FakeRegistry, fault: str) -> None:
    registry.add_crossref_work(crossref_work(1))
    setattr(registry.faults("crossref"), fault, True)
    [resolutions] = resolve_documents(
        [document(reference(1, doi="10.5555/test.1"))], settings_for(registry, None)
    )
    lookup = resolutions.references[0].doi
    assert lookup is not None and lookup.status is LookupStatus.UNREACHABLE
    assert "not a works list" in lookup.detail


def test_garbage_agency_answer_is_unreachable(registry: FakeRegistry) -> None:
    registry.faults("doi").garbage = True
    [resolutions] = resolve_documents(
        [document(reference(1, doi="10.5555/never.registered"))], settings_for(registry, None)
    )
    lookup = resolutions.references[0].doi
    assert lookup is not None and lookup.status is LookupStatus.UNREACHABLE


def test_warm_cache_sends_no_request(registry: FakeRegistry, tmp_path: Path) -> None:
    registry.add_crossref_work(crossref_work(1))
    registry.add_datacite_work(ARXIV_DOI, ARXIV)
    registry.add_page("/data", 200)
    refs = [
        reference(1, doi="10.5555/test.1"),
        reference(2, doi=ARXIV_DOI.lower()),
        reference(3, doi="10.5555/never.registered", urls=(f"{registry.web_url}/data",)),
        reference(4, doi=None, title="Measured effects of compound number 1 on zebrafish growth"),
    ]
    settings = settings_for(registry, tmp_path)
    cold = resolve_documents([document(*refs)], settings)
    sent = len(registry.requests_log)
    assert sent > 0
    warm = resolve_documents([document(*refs)], settings)
    assert len(registry.requests_log) == sent
    assert warm == cold


def test_transient_failures_are_not_cached(registry: FakeRegistry, tmp_path: Path) -> None:
    registry.add_crossref_work(crossref_work(1))
    registry.faults("crossref").status = 503
    registry.faults("crossref").retry_after = "0"
    docs = [document(reference(1, doi="10.5555/test.1"))]
    resolve_documents(docs, settings_for(registry, tmp_path))
    registry.faults("crossref").status = None
    [resolutions] = resolve_documents(docs, settings_for(registry, tmp_path))
    lookup = resolutions.references[0].doi
    assert lookup is not None and lookup.status is LookupStatus.RESOLVED


def test_offline_sends_nothing_and_says_what_was_skipped(registry: FakeRegistry) -> None:
    ref = reference(1, doi="10.5555/test.1", urls=(f"{registry.web_url}/x",))
    [resolutions] = resolve_documents(
        [document(ref, own_doi="10.5555/own")], settings_for(registry, None, offline=True)
    )
    assert registry.requests_log == []
    assert resolutions.references == ()
    checks = [s.check for s in resolutions.skipped]
    assert checks == [
        "DOI001, DOI002, XREF001, XREF002, XREF003, XREF004, RET001",
        "META001",
        "URL001, URL002",
    ]
    assert all("offline" in s.reason for s in resolutions.skipped)


def test_own_doi_is_looked_up_with_the_references(registry: FakeRegistry) -> None:
    registry.add_crossref_work(crossref_work(1))
    registry.add_crossref_work(crossref_work(2))
    [resolutions] = resolve_documents(
        [document(reference(1, doi="10.5555/test.1"), own_doi="10.5555/TEST.2")],
        settings_for(registry, None),
    )
    assert resolutions.own is not None and resolutions.own.status is LookupStatus.RESOLVED
    assert len(registry.requests_to("crossref")) == 1


def test_dois_shared_by_documents_are_asked_once(registry: FakeRegistry) -> None:
    registry.add_crossref_work(crossref_work(1))
    docs = [document(reference(1, doi="10.5555/test.1")) for _ in range(3)]
    results = resolve_documents(docs, settings_for(registry, None))
    [sent] = registry.requests_to("crossref")
    assert sent.query["filter"] == "doi:10.5555/test.1"
    assert len({r.references[0].doi for r in results}) == 1


def test_429_storm_stops_asking_and_skips_every_lookup(registry: FakeRegistry) -> None:
    registry.faults("crossref").status = 429
    registry.faults("crossref").retry_after = "0"
    refs = [reference(1, doi="10.5555/test.1"), *(reference(n) for n in range(2, 8))]
    [resolutions] = resolve_documents([document(*refs)], settings_for(registry, None))
    lookups = [r.doi or r.search for r in resolutions.references]
    assert {lookup.status for lookup in lookups if lookup} == {LookupStatus.RATE_LIMITED}
    # Three lookups at a time try four times each; the first to give up stops the rest.
    assert len(registry.requests_to("crossref")) <= 3 * 4
    assert all("rate-limited: HTTP 429 after 4 tries" in s.reason for s in resolutions.skipped)
    # The DOI lookups and the searches failed alike: one note, each check named once.
    assert [s.check for s in resolutions.skipped] == [
        "DOI001, DOI002, XREF001, XREF002, XREF003, XREF004, RET001"
    ]


def test_hanging_registry_times_out_without_not_found(registry: FakeRegistry) -> None:
    registry.faults("doi").latency = 3.0
    [resolutions] = resolve_documents(
        [document(reference(1, doi="10.5555/never.registered"))],
        settings_for(registry, None, http_timeout=0.2),
    )
    lookup = resolutions.references[0].doi
    assert lookup is not None and lookup.status is LookupStatus.TIMEOUT
    assert resolutions.skipped[0].reason.startswith("doi.org timed out")


def test_doi_with_a_comma_is_asked_on_its_own(registry: FakeRegistry) -> None:
    registry.add_crossref_work(crossref_work(1, DOI="10.5555/a,b"))
    registry.add_crossref_work(crossref_work(2))
    refs = [reference(1, doi="10.5555/a,b"), reference(2, doi="10.5555/test.2")]
    [resolutions] = resolve_documents([document(*refs)], settings_for(registry, None))
    assert all(r.doi and r.doi.status is LookupStatus.RESOLVED for r in resolutions.references)
    paths = sorted(r.path for r in registry.requests_to("crossref"))
    assert paths == ["/works", "/works/10.5555/a,b"]


def test_batch_refused_with_400_is_halved_instead_of_lost(registry: FakeRegistry) -> None:
    for number in range(4):
        registry.add_crossref_work(crossref_work(number))
    registry.faults("crossref").script = [400]
    refs = [reference(n, doi=f"10.5555/test.{n}") for n in range(4)]
    [resolutions] = resolve_documents([document(*refs)], settings_for(registry, None))
    assert all(r.doi and r.doi.status is LookupStatus.RESOLVED for r in resolutions.references)
    assert [r.query["filter"].count("doi:") for r in registry.requests_to("crossref")] == [4, 2, 2]
