"""Each source client against its loopback server, built on the recorded responses."""

from __future__ import annotations

import json

import pytest

from refcheck.model import Author, LookupStatus
from refcheck.resolve.http import HttpFailure
from refcheck.resolve.sources.arxiv import Arxiv
from refcheck.resolve.sources.dblp import Dblp
from refcheck.resolve.sources.europepmc import EuropePmc
from refcheck.resolve.sources.openalex import OpenAlex
from refcheck.resolve.sources.pubmed import PubMed
from refcheck.resolve.sources.record import SourceRecord
from refcheck.resolve.sources.semanticscholar import SemanticScholar
from tests.registry.server import FakeRegistry
from tests.sources_helpers import Waits, http_client

PAPERQA = "PaperQA: Retrieval-Augmented Generative Agent for Scientific Research"


@pytest.fixture
def sources(registry: FakeRegistry) -> FakeRegistry:
    registry.sources.load_samples()
    return registry


def test_openalex_batch_by_doi_answers_every_doi_in_one_request(sources: FakeRegistry) -> None:
    with http_client(Waits()) as http:
        answers = OpenAlex(http, sources.urls["openalex"], "me@example.org").works_by_doi(
            ["10.48550/arxiv.2312.07559", "10.5555/unknown"]
        )
    found = answers["10.48550/arxiv.2312.07559"]
    assert isinstance(found, SourceRecord)
    assert found.title == PAPERQA and found.year == "2023" and found.retracted is False
    assert found.source_id == "W4389761608" and found.type == "preprint"
    assert found.authors[0] == Author("Lála", "Jakub")
    assert answers["10.5555/unknown"] is None  # absent from the list: OpenAlex lacks it
    (request,) = sources.requests_to("openalex")
    assert request.query["filter"] == "doi:10.48550/arxiv.2312.07559|10.5555/unknown"
    assert request.query["mailto"] == "me@example.org"


def test_openalex_title_search_reads_the_recorded_list(sources: FakeRegistry) -> None:
    with http_client(Waits()) as http:
        hits = OpenAlex(http, sources.urls["openalex"]).search_title("PaperQA: retrieval, agent")
    assert isinstance(hits, list) and [hit.title for hit in hits] == [PAPERQA]
    (request,) = sources.requests_to("openalex")
    assert request.query["filter"] == "title.search:PaperQA retrieval agent"  # no filter syntax


def test_semantic_scholar_batch_posts_ids_and_reads_nulls(sources: FakeRegistry) -> None:
    with http_client(Waits()) as http:
        client = SemanticScholar(http, sources.urls["semanticscholar"], api_key="k3y")
        answers = client.papers([("doi", "10.2139/ssrn.288970"), ("arxiv", "9999.99999")])
    found = answers["doi", "10.2139/ssrn.288970"]
    assert isinstance(found, SourceRecord) and found.doi == "10.2139/ssrn.288970"
    assert answers["arxiv", "9999.99999"] is None
    (request,) = sources.requests_to("semanticscholar")
    assert request.method == "POST" and request.headers["x-api-key"] == "k3y"
    assert json.loads(request.body) == {"ids": ["DOI:10.2139/ssrn.288970", "ARXIV:9999.99999"]}


def test_semantic_scholar_title_match_and_its_recorded_404(sources: FakeRegistry) -> None:
    with http_client(Waits()) as http:
        client = SemanticScholar(http, sources.urls["semanticscholar"])
        hits = client.match_title(PAPERQA)
        missing = client.match_title("abs12032jsdafn")
    assert isinstance(hits, list) and hits[0].arxiv_id == "2312.07559"
    assert hits[0].doi == "10.48550/arxiv.2312.07559"
    assert missing == []
    assert "x-api-key" not in sources.requests_to("semanticscholar")[0].headers


def test_arxiv_ids_in_one_request_absent_and_malformed_ids(sources: FakeRegistry) -> None:
    with http_client(Waits()) as http:
        client = Arxiv(http, sources.urls["arxiv"])
        answers = client.papers(["1605.08386v1", "1706.03762", "1111.99999"])
        malformed = client.papers(["abc", "1605.08386"])
    assert isinstance(found := answers["1605.08386v1"], SourceRecord)
    assert found.title == "Heat-bath random walks with Markov bases" and found.year == "2016"
    assert found.authors == (Author("Stanley", "Caprice"), Author("Windisch", "Tobias"))
    assert isinstance(answers["1706.03762"], SourceRecord)
    assert answers["1111.99999"] is None
    # arXiv refuses a batch with one malformed id (400 error feed): each is asked alone
    assert malformed["abc"] is None and isinstance(malformed["1605.08386"], SourceRecord)
    assert sources.requests_to("arxiv")[0].query["id_list"] == "1605.08386v1,1706.03762,1111.99999"


def test_arxiv_title_search(sources: FakeRegistry) -> None:
    with http_client(Waits()) as http:
        hits = Arxiv(http, sources.urls["arxiv"]).search_title('Heat-bath "random walks"')
    assert isinstance(hits, list) and [hit.arxiv_id for hit in hits] == ["1605.08386"]
    assert sources.requests_to("arxiv")[0].query["search_query"] == 'ti:"Heat-bath random walks"'


def test_dblp_search_reads_nested_hits(sources: FakeRegistry) -> None:
    with http_client(Waits()) as http:
        hits = Dblp(http, sources.urls["dblp"]).search("Attentional Transfer is All You Need")
        none = Dblp(http, sources.urls["dblp"]).search("no such paper anywhere")
    assert isinstance(hits, list)
    (hit,) = hits
    assert hit.title.endswith("Layout Pattern Generation") if hit.title else False
    assert hit.authors[0] == Author("Zhang", "Xiaopeng")  # dblp's homonym number dropped
    assert hit.doi == "10.1109/dac18074.2021.9586227" and hit.pages == "169-174"
    assert none == []


def test_europe_pmc_by_identifier_and_title(sources: FakeRegistry) -> None:
    with http_client(Waits()) as http:
        client = EuropePmc(http, sources.urls["europepmc"])
        by_pmid = client.by_identifier("pmid", "39709209")
        by_doi = client.by_identifier("doi", "10.1016/s0140-6736(24)02600-x")
        unknown = client.by_identifier("pmid", "1")
        malformed = client.by_identifier("pmid", "12a")
        hits = client.search_title("Abscopal response in a patient")
    assert isinstance(by_pmid, SourceRecord) and by_pmid == by_doi
    assert by_pmid.authors[0] == Author("Schoenfeld", "JD") and by_pmid.volume == "404"
    assert unknown is None and malformed is None
    assert isinstance(hits, list) and hits[0].pmid == "39709209"
    assert len(sources.requests_to("europepmc")) == 4  # the malformed PMID was not sent


def test_pubmed_esummary_reads_summaries_and_error_entries(sources: FakeRegistry) -> None:
    with http_client(Waits()) as http:
        answers = PubMed(http, sources.urls["eutils"], "me@example.org").summaries(
            ["17375194", "99999999", "x1"]
        )
    found = answers["17375194"]
    assert isinstance(found, SourceRecord) and found.pmcid == "PMC1817752"
    assert found.doi == "10.1371/journal.pone.0000308" and found.year == "2007"
    assert found.authors[0] == Author("Piwowar", "HA") and found.retracted is False
    assert answers["99999999"] is None and answers["x1"] is None
    (request,) = sources.requests_to("eutils")
    assert request.query["id"] == "17375194,99999999" and request.query["email"]


def test_a_failed_source_is_a_status_never_an_exception(sources: FakeRegistry) -> None:
    sources.faults("dblp").status = 500
    with http_client(Waits(), retries=0) as http:
        answer = Dblp(http, sources.urls["dblp"]).search("anything")
    assert isinstance(answer, HttpFailure) and answer.status is LookupStatus.UNREACHABLE
    assert answer.detail.startswith("dblp unreachable")
