"""Semantic Scholar's Graph API: papers by identifier in batches, and title match.

``POST /paper/batch?fields=…`` with ``{"ids": ["DOI:…", "ARXIV:…", "PMID:…"]}`` answers a
list in the order asked, ``null`` where the paper is unknown. ``GET /paper/search/match?query=
TITLE`` answers the one best title match (``{"data": [paper]}``) or 404 ``{"error": "Title
match not found"}``. An API key, when given, goes in the ``x-api-key`` header.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from refcheck.resolve.http import HttpClient, HttpFailure
from refcheck.resolve.sources.client import IdAnswer, SearchHits, SourceClient
from refcheck.resolve.sources.record import (
    SourceRecord,
    authors_from_names,
    doi_or_none,
    field_at,
    text,
    year_of,
)

__all__ = ["BATCH_SIZE", "SemanticScholar", "s2_record"]

# The batch route takes up to 500 ids; 100 keeps one answer small enough to read at once.
BATCH_SIZE = 100
_FIELDS = "paperId,externalIds,title,venue,year,journal,authors,publicationTypes"
# Identifier kinds as the batch route spells their prefixes.
ID_PREFIXES = {"doi": "DOI", "arxiv": "ARXIV", "pmid": "PMID", "pmcid": "PMCID"}


class SemanticScholar(SourceClient):
    label = "Semantic Scholar"
    route = "semanticscholar"

    def __init__(self, client: HttpClient, base_url: str, api_key: str | None = None) -> None:
        super().__init__(client, base_url)
        self._api_key = api_key

    def headers(self) -> dict[str, str]:
        return {"x-api-key": self._api_key} if self._api_key else {}

    def papers(self, ids: Sequence[tuple[str, str]]) -> dict[tuple[str, str], IdAnswer]:
        """Records of up to :data:`BATCH_SIZE` (kind, value) identifiers in one request;
        kinds are the keys of :data:`ID_PREFIXES`."""
        asked = [(kind, value) for kind, value in ids if kind in ID_PREFIXES]
        if not asked:
            return {}
        payload = {"ids": [f"{ID_PREFIXES[kind]}:{value}" for kind, value in asked]}
        data = self.get_json(
            "/paper/batch",
            {"fields": _FIELDS},
            not_found=frozenset(),
            body=json.dumps(payload).encode(),
        )
        if isinstance(data, HttpFailure):
            return dict.fromkeys(asked, data)
        if not isinstance(data, list) or len(data) != len(asked):
            return dict.fromkeys(asked, self.malformed("the answer was not one paper per id"))
        return {key: s2_record(paper) for key, paper in zip(asked, data, strict=True)}

    def match_title(self, title: str) -> SearchHits:
        """The paper whose title matches best, as a list of at most one hit."""
        params = {"query": " ".join(title.split()), "fields": _FIELDS}
        data = self.get_json("/paper/search/match", params)
        if isinstance(data, HttpFailure):
            return data
        if data is None:  # 404: "Title match not found"
            return []
        papers = field_at(data, "data")
        if not isinstance(papers, list):
            return self.malformed("the answer was not a list of papers")
        return [r for r in map(s2_record, papers[:1]) if r is not None]


def _names(authors: Any) -> list[Any]:
    if not isinstance(authors, list):
        return []
    return [author.get("name") for author in authors if isinstance(author, Mapping)]


def s2_record(paper: Any) -> SourceRecord | None:
    """One Graph API paper; None for ``null`` (unknown id) or a paper without ``paperId``."""
    if not isinstance(paper, Mapping) or not (paper_id := text(paper.get("paperId"))):
        return None
    external = paper.get("externalIds")
    external = external if isinstance(external, Mapping) else {}
    journal = paper.get("journal")
    journal = journal if isinstance(journal, Mapping) else {}
    types = paper.get("publicationTypes")
    return SourceRecord(
        source="semanticscholar",
        source_id=paper_id,
        title=text(paper.get("title")),
        authors=authors_from_names(_names(paper.get("authors"))),
        container=text(journal.get("name")) or text(paper.get("venue")),
        volume=text(journal.get("volume")),
        pages=_pages(journal.get("pages")),
        year=year_of(paper.get("year")),
        type=text(types[0]) if isinstance(types, list) and types else None,
        doi=doi_or_none(external.get("DOI")),
        arxiv_id=text(external.get("ArXiv")),
        pmid=text(external.get("PubMed")),
        pmcid=text(external.get("PubMedCentral")),
    )


def _pages(value: Any) -> str | None:
    found = text(value)
    return "-".join(part.strip() for part in found.split("-")) if found else None
