"""Europe PMC's REST search: works by PMID, PMCID or DOI, and by title.

``GET /search?query=…&resultType=lite&format=json&pageSize=N`` answers ``{"hitCount", …,
"resultList": {"result": [...]}}``; a zero-hit answer has an empty list. Identifier queries
use the search syntax (``EXT_ID:123 AND SRC:MED``, ``PMCID:PMC123``, ``DOI:"10.…"``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from refcheck.patterns import compiled
from refcheck.resolve.http import HttpFailure
from refcheck.resolve.sources.client import SEARCH_HITS, IdAnswer, SearchHits, SourceClient
from refcheck.resolve.sources.record import (
    SourceRecord,
    doi_or_none,
    field_at,
    person,
    text,
    year_of,
)

__all__ = ["EuropePmc", "europepmc_record", "identifier_query"]

_PMID = compiled(r"^\d{1,9}$")
_PMCID = compiled(r"^PMC\d{1,9}$", re.IGNORECASE)
# Quotes end a phrase; the search syntax's field separator and brackets are dropped too.
_QUERY_SYNTAX = compiled(r'["():\[\]]')


def identifier_query(kind: str, value: str) -> str | None:
    """The search for one identifier (kind: pmid, pmcid or doi); None for a malformed one."""
    if kind == "pmid" and _PMID.match(value):
        return f"EXT_ID:{value} AND SRC:MED"
    if kind == "pmcid" and _PMCID.match(value):
        return f"PMCID:{value.upper()}"
    if kind == "doi" and '"' not in value:
        return f'DOI:"{value}"'
    return None


class EuropePmc(SourceClient):
    label = "Europe PMC"
    route = "europepmc"

    def _search(self, query: str, rows: int) -> SearchHits:
        params = {
            "query": query,
            "resultType": "lite",
            "format": "json",
            "pageSize": str(rows),
            "synonym": "false",
        }
        data = self.get_json("/search", params, not_found=frozenset())
        if isinstance(data, HttpFailure):
            return data
        results = field_at(data, "resultList", "result")
        if not isinstance(results, list):
            return self.malformed("the answer was not a result list")
        return [r for r in map(europepmc_record, results) if r is not None]

    def by_identifier(self, kind: str, value: str) -> IdAnswer:
        """The work with this PMID, PMCID or DOI; None when Europe PMC has none."""
        query = identifier_query(kind, value)
        if query is None:
            return None
        hits = self._search(query, 1)
        return hits if isinstance(hits, HttpFailure) else next(iter(hits), None)

    def search_title(self, title: str) -> SearchHits:
        phrase = " ".join(_QUERY_SYNTAX.sub(" ", title).split())
        return self._search(f'TITLE:"{phrase}"', SEARCH_HITS) if phrase else []


def _authors(author_string: Any) -> tuple[Any, ...]:
    names = (text(author_string) or "").rstrip(".").split(", ")
    return tuple(a for a in map(person, names) if a is not None)


def europepmc_record(result: Any) -> SourceRecord | None:
    """One ``lite`` result; None without an id."""
    if not isinstance(result, Mapping) or not (result_id := text(result.get("id"))):
        return None
    source = text(result.get("source")) or ""
    title = text(result.get("title"))
    return SourceRecord(
        source="europepmc",
        source_id=f"{source}:{result_id}" if source else result_id,
        # Europe PMC ends titles with a full stop, as MEDLINE does.
        title=title[:-1] if title and title.endswith(".") else title,
        authors=_authors(result.get("authorString")),
        container=text(result.get("journalTitle")),
        volume=text(result.get("journalVolume")),
        issue=text(result.get("issue")),
        pages=text(result.get("pageInfo")),
        year=year_of(result.get("pubYear")),
        type=text(result.get("pubType")),
        doi=doi_or_none(result.get("doi")),
        pmid=text(result.get("pmid")),
        pmcid=text(result.get("pmcid")),
    )
