"""Bibliographic searches for references without a DOI, or with the DOI of another work."""

from __future__ import annotations

from refcheck.model import LookupStatus
from refcheck.resolve import resolve_documents
from refcheck.resolve.plan import search_query
from tests.registry.server import FakeRegistry
from tests.resolve_helpers import crossref_work, document, reference, settings_for


def _fill(registry: FakeRegistry, count: int = 6) -> None:
    for number in range(count):
        registry.add_crossref_work(crossref_work(number))


def test_reference_without_doi_finds_its_validated_record(registry: FakeRegistry) -> None:
    _fill(registry)
    [resolutions] = resolve_documents([document(reference(3))], settings_for(registry, None))
    search = resolutions.references[0].search
    assert search is not None and search.status is LookupStatus.RESOLVED
    assert search.record is not None and search.record.doi == "10.5555/test.3"
    [sent] = registry.requests_to("crossref")
    assert sent.query["rows"] == "5"
    assert "score" in sent.query["select"].split(",")
    assert not sent.query["query.bibliographic"].startswith("[3]")


def test_fabricated_article_is_not_found(registry: FakeRegistry) -> None:
    _fill(registry)
    made_up = reference(
        9,
        authors=(),
        title="Quantum entanglement of migratory songbird magnetoreception",
        raw="[9] Brandt L. Quantum entanglement of migratory songbird magnetoreception. "
        "Nature Birds. 2019;4:1-9.",
        container="Nature Birds",
        volume="4",
        pages="1-9",
        year="2019",
    )
    [resolutions] = resolve_documents([document(made_up)], settings_for(registry, None))
    search = resolutions.references[0].search
    assert search is not None and search.status is LookupStatus.NOT_FOUND


def test_books_and_web_pages_are_not_searched(registry: FakeRegistry) -> None:
    book = reference(1, type="book")
    page = reference(2, type="web")
    [resolutions] = resolve_documents([document(book, page)], settings_for(registry, None))
    assert all(r.search is None for r in resolutions.references)
    assert registry.requests_to("crossref") == []
    assert search_query(reference(3, title=None)) is None


def test_search_failure_skips_the_search_checks(registry: FakeRegistry) -> None:
    registry.faults("crossref").status = 503
    registry.faults("crossref").retry_after = "0"
    [resolutions] = resolve_documents([document(reference(1))], settings_for(registry, None))
    search = resolutions.references[0].search
    assert search is not None and search.status is LookupStatus.UNREACHABLE
    [skipped] = resolutions.skipped
    assert skipped.check == "XREF002, XREF003, XREF004"
    assert skipped.reason.startswith("Crossref unreachable: HTTP 503 after 4 tries")


def test_doi_of_another_work_triggers_a_search_for_the_right_one(
    registry: FakeRegistry,
) -> None:
    _fill(registry)
    registry.add_crossref_work(
        crossref_work(
            99,
            title=["Deep learning of galaxy morphologies"],
            author=[{"family": "Zhou", "given": "Wei"}],
        )
    )
    wrong = reference(2, doi="10.5555/test.99")
    [resolutions] = resolve_documents([document(wrong)], settings_for(registry, None))
    resolution = resolutions.references[0]
    assert resolution.doi is not None and resolution.doi.status is LookupStatus.RESOLVED
    assert resolution.search is not None and resolution.search.record is not None
    assert resolution.search.record.doi == "10.5555/test.2"
    assert len(registry.requests_to("crossref")) == 2


def test_matching_doi_is_not_searched_again(registry: FakeRegistry) -> None:
    _fill(registry)
    [resolutions] = resolve_documents(
        [document(reference(2, doi="10.5555/test.2"))], settings_for(registry, None)
    )
    assert resolutions.references[0].search is None
    assert len(registry.requests_to("crossref")) == 1


def test_nonexistent_doi_triggers_a_search_for_the_registered_one(
    registry: FakeRegistry,
) -> None:
    _fill(registry)
    [resolutions] = resolve_documents(
        [document(reference(4, doi="10.5555/test.4x"))], settings_for(registry, None)
    )
    resolution = resolutions.references[0]
    assert resolution.doi is not None and resolution.doi.status is LookupStatus.NOT_FOUND
    assert resolution.search is not None and resolution.search.record is not None
    assert resolution.search.record.doi == "10.5555/test.4"
