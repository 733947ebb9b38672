"""Issue 12, item 2: identifiers are data, never paths, and one bad one costs no other lookup."""

from __future__ import annotations

from refcheck.model import LookupStatus
from refcheck.resolve import resolve_documents
from refcheck.resolve.doi import unsafe_identifier
from tests.registry.server import SERVICES, FakeRegistry
from tests.resolve_helpers import document, reference, settings_for

TRAVERSAL = "10.1234/../../../__stats"
DATACITE_DOI = "10.5555/zenodo.1"
DATACITE_RECORD = {
    "titles": [{"title": "A data set of zebrafish growth"}],
    "creators": [{"name": "Okafor, Ada", "familyName": "Okafor", "givenName": "Ada"}],
    "publicationYear": 2020,
    "types": {"resourceTypeGeneral": "Dataset"},
}


def test_a_path_like_doi_is_not_asked_and_costs_the_other_documents_nothing(
    registry: FakeRegistry,
) -> None:
    registry.add_datacite_work(DATACITE_DOI, DATACITE_RECORD)
    hostile = document(reference(1, doi=TRAVERSAL))
    other = document(reference(2, doi=DATACITE_DOI, title="A data set of zebrafish growth"))
    first, second = resolve_documents([hostile, other], settings_for(registry, None))
    refused = first.references[0].doi
    assert refused is not None and refused.status is LookupStatus.SKIPPED
    assert refused.detail.startswith("not looked up: '10.1234/../../../__stats' holds a path")
    looked_up = second.references[0].doi
    assert looked_up is not None
    assert (looked_up.status, looked_up.agency) == (LookupStatus.RESOLVED, "datacite")
    assert second.skipped == ()
    paths = [entry.path for service in SERVICES for entry in registry.requests_to(service)]
    assert paths and not any("__stats" in path or "/.." in path for path in paths)


def test_a_doi_travels_as_one_escaped_path_segment(registry: FakeRegistry) -> None:
    registry.add_datacite_work(DATACITE_DOI, DATACITE_RECORD)
    ref = reference(1, doi=DATACITE_DOI, title="A data set of zebrafish growth")
    resolve_documents([document(ref)], settings_for(registry, None))
    [agency] = registry.requests_to("doi")
    [record] = registry.requests_to("datacite")
    # the servers log decoded paths; the raw ones carried %2F, which no server splits on
    assert (agency.path, record.path) == (f"/ra/{DATACITE_DOI}", f"/dois/{DATACITE_DOI}")
    assert agency.raw_query == record.raw_query == ""


def test_an_agency_batch_refused_as_a_whole_is_halved(registry: FakeRegistry) -> None:
    registry.add_datacite_work(DATACITE_DOI, DATACITE_RECORD)
    registry.set_agency("10.5555/other.2", "DataCite")
    registry.faults("doi").script = [400]  # doi.org refuses the batch holding both DOIs
    refs = (
        reference(1, doi=DATACITE_DOI, title="A data set of zebrafish growth"),
        reference(2, doi="10.5555/other.2"),
    )
    [resolutions] = resolve_documents([document(*refs)], settings_for(registry, None))
    agencies = [resolution.doi.agency for resolution in resolutions.references if resolution.doi]
    assert agencies == ["datacite", "datacite"]
    assert len(registry.requests_to("doi")) == 3  # the batch, then each half


def test_which_identifiers_are_refused() -> None:
    for doi in (TRAVERSAL, "10.1234/./x", "10.1234/a/..", "10.1234/a%2f..", "10.1234\\..\\x"):
        assert unsafe_identifier(doi) is not None, doi
    for doi in ("10.1234/a..b", "10.1234/...", "10.1002/(sici)1097-4571", "10.1234/a.b/c"):
        assert unsafe_identifier(doi) is None, doi
