"""The fake registry answers in the shapes of the real services (and its faults work), so
that client tests against it mean something."""

from __future__ import annotations

from typing import Any

import pytest

from refcheck.model import LookupStatus
from refcheck.resolve.http import HttpClient, HttpFailure, HttpResponse, RouteLimit
from refcheck.resolve.outbound import OutboundPolicy
from tests.registry import FakeRegistry, PoolLimits

CSL = {"Accept": "application/vnd.citationstyles.csl+json"}
PEERJ = "10.7717/peerj.3811"  # in tests/data/crossref-samples
ARXIV = "10.48550/arXiv.2101.00001"
ARXIV_ATTRIBUTES = {
    "titles": [{"title": "A preprint about graphs"}],
    "creators": [{"name": "Doe, Jane", "givenName": "Jane", "familyName": "Doe"}],
    "publisher": "arXiv",
    "publicationYear": 2021,
    "types": {"resourceTypeGeneral": "Preprint"},
}


@pytest.fixture
def http(registry: FakeRegistry) -> Any:
    """A client that is not slowed down: these tests are about shapes, not politeness."""
    unlimited = PoolLimits(single=1000, list=1000, concurrency=8)
    registry.crossref_pools = {"public": unlimited, "polite": unlimited}
    limits = {"single": RouteLimit(1000.0, 8), "list": RouteLimit(1000.0, 8)}
    loopback_web = OutboundPolicy(allow_private=True)  # the fake web is on 127.0.0.1
    with HttpClient(
        user_agent="refcheck-tests",
        timeout=5,
        retries=0,
        backoff=0.01,
        limits=limits,
        policy=loopback_web,
    ) as client:
        yield client


def get(http: HttpClient, url: str, **options: Any) -> HttpResponse:
    answer = http.request("GET", url, trusted=True, **options)  # the loopback registry
    assert isinstance(answer, HttpResponse), answer
    return answer


@pytest.fixture
def samples(registry: FakeRegistry) -> FakeRegistry:
    assert registry.load_samples() >= 90
    return registry


def test_single_work_has_crossrefs_envelope(samples: FakeRegistry, http: HttpClient) -> None:
    answer = get(http, f"{samples.crossref_url}/works/{PEERJ.upper()}")
    body = answer.json()
    assert (body["status"], body["message-type"]) == ("ok", "work")
    assert body["message"]["DOI"] == PEERJ
    assert answer.headers["content-type"].startswith("application/json")


def test_absent_work_is_a_plain_text_404(samples: FakeRegistry, http: HttpClient) -> None:
    answer = get(http, f"{samples.crossref_url}/works/10.5555/absent")
    assert (answer.status, answer.body) == (404, b"Resource not found.")


def test_doi_filter_returns_present_works_only_and_honours_select(
    samples: FakeRegistry, http: HttpClient
) -> None:
    wanted = [*list(samples.store.crossref)[:5], "10.5555/absent"]
    params = {
        "filter": ",".join(f"doi:{doi}" for doi in wanted),
        "rows": "10",
        "select": "DOI,title,score",
    }
    body = get(http, f"{samples.crossref_url}/works", params=params, route="list").json()
    assert body["message-type"] == "work-list"
    items = body["message"]["items"]
    assert {item["DOI"].lower() for item in items} == set(wanted[:5])
    assert all(set(item) <= {"DOI", "title", "score"} for item in items)
    assert [item["DOI"].lower() for item in items] != wanted[:5]  # order is not promised


def test_bibliographic_query_ranks_the_matching_work_first(
    samples: FakeRegistry, http: HttpClient
) -> None:
    work = samples.store.crossref[PEERJ]
    reference = f"{work['title'][0]}. PeerJ 5:e3811"
    params = {"query.bibliographic": reference, "rows": "5", "select": "DOI,title,score"}
    items = get(http, f"{samples.crossref_url}/works", params=params).json()["message"]["items"]
    assert items[0]["DOI"] == PEERJ
    assert items[0]["score"] > items[1]["score"] > 0
    unscored = {"query.bibliographic": reference, "rows": "5", "select": "DOI,title"}
    items = get(http, f"{samples.crossref_url}/works", params=unscored).json()["message"]["items"]
    assert "score" not in items[0]


@pytest.mark.parametrize(
    ("params", "kind"),
    [
        ({"filter": "from-pub-date:2020"}, "filter-not-available"),
        ({"rows": "5000"}, "integer-not-valid"),
        ({"select": "DOI,nonsense"}, "select-field-not-available"),
        ({"limit": "5"}, "parameter-not-allowed"),
    ],
)
def test_bad_list_queries_are_validation_failures(
    registry: FakeRegistry, http: HttpClient, params: dict[str, str], kind: str
) -> None:
    answer = get(http, f"{registry.crossref_url}/works", params=params)
    assert answer.status == 400
    body = answer.json()
    assert (body["status"], body["message-type"]) == ("failed", "validation-failure")
    assert body["message"][0]["type"] == kind


def test_agency_route(samples: FakeRegistry, http: HttpClient) -> None:
    samples.add_datacite_work(ARXIV, ARXIV_ATTRIBUTES)
    message = get(http, f"{samples.crossref_url}/works/{ARXIV}/agency").json()["message"]
    assert message["agency"] == {"id": "datacite", "label": "DataCite"}
    assert get(http, f"{samples.crossref_url}/works/10.5555/absent/agency").status == 404


def test_doi_org_registration_agencies_in_one_call(samples: FakeRegistry, http: HttpClient) -> None:
    samples.add_datacite_work(ARXIV, ARXIV_ATTRIBUTES)
    samples.set_agency("10.1400/12345", "mEDRA")
    answer = get(http, f"{samples.doi_url}/ra/{PEERJ},{ARXIV},10.1400/12345,10.5555/absent,junk")
    assert answer.json() == [
        {"DOI": PEERJ, "RA": "Crossref"},
        {"DOI": ARXIV, "RA": "DataCite"},
        {"DOI": "10.1400/12345", "RA": "mEDRA"},
        {"DOI": "10.5555/absent", "status": "DOI does not exist"},
        {"DOI": "junk", "status": "Invalid DOI"},
    ]


def test_content_negotiation_redirects_to_csl_json(samples: FakeRegistry, http: HttpClient) -> None:
    samples.add_datacite_work(ARXIV, ARXIV_ATTRIBUTES)
    crossref = get(http, f"{samples.doi_url}/{PEERJ}", headers=CSL)
    assert crossref.status == 200 and crossref.url != f"{samples.doi_url}/{PEERJ}"
    assert isinstance(crossref.json()["title"], str)
    assert crossref.json()["DOI"] == PEERJ
    datacite = get(http, f"{samples.doi_url}/{ARXIV}", headers=CSL).json()
    assert datacite["title"] == "A preprint about graphs"
    assert datacite["author"] == [{"family": "Doe", "given": "Jane"}]
    assert datacite["issued"] == {"date-parts": [[2021]]}
    assert get(http, f"{samples.doi_url}/10.5555/absent", headers=CSL).status == 404
    assert get(http, f"{samples.doi_url}/not-a-doi", headers=CSL).status == 400


def test_datacite_json_api(registry: FakeRegistry, http: HttpClient) -> None:
    registry.add_datacite_work(ARXIV, ARXIV_ATTRIBUTES)
    data = get(http, f"{registry.datacite_url}/dois/{ARXIV}").json()["data"]
    assert (data["id"], data["type"]) == (ARXIV.lower(), "dois")
    assert data["attributes"]["titles"] == ARXIV_ATTRIBUTES["titles"]
    missing = get(http, f"{registry.datacite_url}/dois/10.5555/absent")
    assert missing.status == 404
    assert missing.json()["errors"][0]["status"] == "404"


def test_web_pages_redirects_and_head_refusals(registry: FakeRegistry, http: HttpClient) -> None:
    registry.add_page("/paper", head_status=405)
    registry.add_page("/moved", redirect_to="/paper")
    head = http.request("HEAD", f"{registry.web_url}/paper")
    assert isinstance(head, HttpResponse) and head.status == 405
    assert get(http, f"{registry.web_url}/moved").url == f"{registry.web_url}/paper"
    assert get(http, f"{registry.web_url}/gone").status == 404


@pytest.mark.parametrize(
    ("params", "user_agent", "pool", "limit"),
    [
        ({}, "refcheck-tests", "public", "5"),
        ({"mailto": "me@example.org"}, "refcheck-tests", "polite", "10"),
        ({}, "refcheck/0.1 (mailto:me@example.org)", "polite", "10"),
    ],
)
def test_crossref_announces_the_pools_limits(
    registry: FakeRegistry, params: dict[str, str], user_agent: str, pool: str, limit: str
) -> None:
    with HttpClient(user_agent=user_agent, timeout=5) as http:
        answer = get(http, f"{registry.crossref_url}/works/10.5555/x", params=params)
    assert answer.headers["x-api-pool"] == pool
    assert answer.headers["x-rate-limit-limit"] == limit
    assert answer.headers["x-rate-limit-interval"] == "1s"


def test_enforced_limits_answer_429_to_clients_over_them(registry: FakeRegistry) -> None:
    registry.enforce_limits = True
    registry.crossref_pools["public"] = PoolLimits(single=2, list=1, concurrency=1)
    answers = []
    for number in range(3):  # three clients at once: none has heard the limit yet
        with HttpClient(user_agent="refcheck-tests", timeout=5, retries=0) as http:
            url = f"{registry.crossref_url}/works/10.5555/{number}"
            answers.append(http.request("GET", url, trusted=True))
    assert [getattr(answer, "status", None) for answer in answers[:2]] == [404, 404]
    assert answers[2] == HttpFailure(LookupStatus.RATE_LIMITED, "HTTP 429 after 1 try", 429)


def test_a_client_following_the_announced_limits_gets_every_answer(
    registry: FakeRegistry,
) -> None:
    registry.enforce_limits = True
    registry.crossref_pools["public"] = PoolLimits(single=8, list=1, concurrency=1)
    with HttpClient(user_agent="refcheck-tests", timeout=5, backoff=0.05) as http:
        statuses = {
            get(http, f"{registry.crossref_url}/works/10.5555/{n}").status for n in range(6)
        }
    assert statuses == {404}


def test_a_scripted_fault_sequence_then_normal_answers(
    registry: FakeRegistry, http: HttpClient
) -> None:
    registry.faults("datacite").script = [429, 500]
    registry.faults("datacite").retry_after = "7"
    url = f"{registry.datacite_url}/dois/10.5555/x"
    first, second, third = (http.request("GET", url) for _ in range(3))
    assert isinstance(first, HttpFailure) and first.http_status == 429
    assert isinstance(second, HttpFailure) and second.http_status == 500
    assert isinstance(third, HttpResponse) and third.status == 404
    assert len(registry.requests_to("datacite")) == 3


def test_reset_forgets_data_faults_and_log(registry: FakeRegistry, http: HttpClient) -> None:
    registry.load_samples()
    registry.faults("crossref").status = 500
    get(http, f"{registry.doi_url}/ra/{PEERJ}")
    registry.reset()
    assert registry.requests_log == [] and registry.store.crossref == {}
    assert get(http, f"{registry.crossref_url}/works/{PEERJ}").status == 404
