"""Crossref's REST API: the only module that knows its routes, parameters and shapes.

Two calls: many DOIs in one list request (``filter=doi:A,doi:B``), and a bibliographic search
for a reference without a DOI. Both go through the shared :class:`HttpClient`, which paces
them on Crossref's "list" route budget and follows the limits each response announces.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from refcheck import __version__
from refcheck.model import WorkRecord
from refcheck.resolve.doi import path_segment
from refcheck.resolve.failures import GuardedClient, read_json, unanswered
from refcheck.resolve.http import HttpClient, HttpFailure, HttpResponse
from refcheck.resolve.records import crossref_record

__all__ = ["BATCH_SIZE", "SEARCH_ROWS", "Candidate", "Crossref", "DoiAnswer", "user_agent"]

# About 50 DOIs keep the request URL well under common limits; Crossref documents no cap.
BATCH_SIZE = 50
SEARCH_ROWS = 5
PROJECT_URL = "https://github.com/refcheck/refcheck"
_WORK_FIELDS = (
    "DOI,title,author,issued,published-print,published-online,container-title,"
    "short-container-title,volume,issue,page,article-number,type,updated-by"
)
_SEARCH_FIELDS = f"{_WORK_FIELDS},score"

# What Crossref says about one DOI: its record, None when it is not a Crossref DOI (absent from
# the answer: it may well be a DataCite or mEDRA DOI), or the failure that left it unanswered.
DoiAnswer = WorkRecord | HttpFailure | None
# One search hit and its relevance score (unbounded, grows with the query's length).
Candidate = tuple[WorkRecord, float | None]


def user_agent(mailto: str | None) -> str:
    """The User-Agent Crossref asks for: tool, version, project page and a contact address."""
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"refcheck/{__version__} ({PROJECT_URL}{contact})"


def _items(data: Any) -> list[Any] | None:
    message = data.get("message") if isinstance(data, Mapping) else None
    items = message.get("items") if isinstance(message, Mapping) else None
    return items if isinstance(items, list) else None


class Crossref:
    """Crossref lookups on one HTTP client; ``mailto`` puts them in the polite pool."""

    def __init__(self, client: HttpClient, base_url: str, mailto: str | None) -> None:
        self.client = GuardedClient(client)
        self.base_url = base_url.rstrip("/")
        self.mailto = mailto

    def _get(self, path: str, params: dict[str, str], route: str) -> HttpResponse | HttpFailure:
        if self.mailto:
            params = {**params, "mailto": self.mailto}
        headers = {"User-Agent": user_agent(self.mailto)}
        return self.client.request(
            f"{self.base_url}{path}", params=params, headers=headers, route=route
        )

    def works_by_doi(self, dois: Sequence[str]) -> dict[str, DoiAnswer]:
        """Records of up to :data:`BATCH_SIZE` normalised DOIs, in as few requests as possible.

        A DOI with a comma would split the filter, so it is asked on its own route.
        """
        listed = [doi for doi in dois if "," not in doi]
        answers: dict[str, DoiAnswer] = {}
        if listed:
            answers.update(self._works_list(listed))
        for doi in dois:
            if "," in doi:
                answers[doi] = self._work(doi)
        return answers

    def _works_list(self, dois: Sequence[str]) -> dict[str, DoiAnswer]:
        params = {
            "filter": ",".join(f"doi:{doi}" for doi in dois),
            "rows": str(max(len(dois), 1)),
            "select": _WORK_FIELDS,
        }
        response = self._get("/works", params, route="list")
        if isinstance(response, HttpResponse) and response.status == 400:
            return self._refused(dois)
        failure = self._failure(response)
        items = _items(read_json(response)) if isinstance(response, HttpResponse) else None
        if failure is None and items is None:
            failure = unanswered("Crossref", response, "the answer was not a works list")
        if failure is not None:
            return dict.fromkeys(dois, failure)
        found = {r.doi: r for r in map(crossref_record, items or []) if r is not None}
        return {doi: found.get(doi) for doi in dois}

    def _refused(self, dois: Sequence[str]) -> dict[str, DoiAnswer]:
        """Crossref refused the filter (400): one DOI it cannot parse must not cost the batch.

        Halving finds the DOI in a few requests; a single refused DOI is asked on its own
        route, where it is either a record or absent (and doi.org decides whether it exists).
        """
        if len(dois) == 1:
            return {dois[0]: self._work(dois[0])}
        middle = len(dois) // 2
        return {**self._works_list(dois[:middle]), **self._works_list(dois[middle:])}

    def _work(self, doi: str) -> DoiAnswer:
        response = self._get(f"/works/{path_segment(doi)}", {}, route="single")
        if isinstance(response, HttpResponse) and response.status == 404:
            return None
        failure = self._failure(response)
        if failure is not None:
            return failure
        assert isinstance(response, HttpResponse)
        data = read_json(response)
        record = crossref_record(data.get("message") if isinstance(data, Mapping) else None)
        return record or unanswered("Crossref", response, "the answer was not a work record")

    def search(self, query: str) -> list[Candidate] | HttpFailure:
        """The top :data:`SEARCH_ROWS` candidates for an unstructured reference, best first."""
        params = {"query.bibliographic": query, "rows": str(SEARCH_ROWS), "select": _SEARCH_FIELDS}
        response = self._get("/works", params, route="list")
        failure = self._failure(response)
        if failure is not None:
            return failure
        assert isinstance(response, HttpResponse)
        items = _items(read_json(response))
        if items is None:
            return unanswered("Crossref", response, "the answer was not a works list")
        candidates: list[Candidate] = []
        for item in items:
            record = crossref_record(item)
            if record is not None:
                candidates.append((record, _score(item)))
        return candidates

    @staticmethod
    def _failure(response: HttpResponse | HttpFailure) -> HttpFailure | None:
        if isinstance(response, HttpResponse) and response.status == 200:
            return None
        return unanswered("Crossref", response)


def _score(item: Mapping[str, Any]) -> float | None:
    score = item.get("score")
    if isinstance(score, (int, float)) and not isinstance(score, bool):
        return float(score)
    return None
