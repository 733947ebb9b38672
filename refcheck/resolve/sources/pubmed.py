"""PubMed through NCBI's E-utilities: ``esummary`` for many PMIDs in one request.

``GET /esummary.fcgi?db=pubmed&id=A,B&retmode=json`` answers ``{"result": {"uids": [...],
"A": {...}, ...}}``; an unknown PMID comes back as ``{"uid": "…", "error": "cannot get
document summary"}`` (or is left out of ``uids``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from refcheck.patterns import compiled
from refcheck.resolve.http import HttpClient, HttpFailure
from refcheck.resolve.sources.client import IdAnswer, SourceClient
from refcheck.resolve.sources.record import (
    SourceRecord,
    authors_from_names,
    doi_or_none,
    field_at,
    text,
    year_of,
)

__all__ = ["BATCH_SIZE", "PubMed", "pubmed_record"]

# NCBI asks for at most about 200 ids per GET request.
BATCH_SIZE = 200
_PMID = compiled(r"^\d{1,9}$")
RETRACTED = "Retracted Publication"  # a publication type of MEDLINE
TOOL = "refcheck"  # NCBI asks every client to name itself (tool=) and give a contact (email=)


class PubMed(SourceClient):
    label = "PubMed"
    route = "pubmed"

    def __init__(self, client: HttpClient, base_url: str, mailto: str | None = None) -> None:
        super().__init__(client, base_url)
        self.mailto = mailto

    def summaries(self, pmids: Sequence[str]) -> dict[str, IdAnswer]:
        """Records of up to :data:`BATCH_SIZE` PMIDs; a malformed PMID is not asked (None)."""
        asked = [pmid for pmid in pmids if _PMID.match(pmid)]
        answers: dict[str, IdAnswer] = {pmid: None for pmid in pmids if pmid not in asked}
        if not asked:
            return answers
        params = {"db": "pubmed", "id": ",".join(asked), "retmode": "json", "tool": TOOL}
        if self.mailto:
            params["email"] = self.mailto
        data = self.get_json("/esummary.fcgi", params, not_found=frozenset())
        if isinstance(data, HttpFailure):
            return answers | dict.fromkeys(asked, data)
        result = field_at(data, "result")
        if not isinstance(result, Mapping):
            return answers | dict.fromkeys(asked, self.malformed("the answer was no summary"))
        return answers | {pmid: pubmed_record(result.get(pmid)) for pmid in asked}


def _author_names(summary: Mapping[str, Any]) -> list[Any]:
    authors = summary.get("authors")
    if not isinstance(authors, list):
        return []
    return [
        author.get("name")
        for author in authors
        if isinstance(author, Mapping) and author.get("authtype", "Author") == "Author"
    ]


def _article_ids(summary: Mapping[str, Any]) -> dict[str, str]:
    ids = summary.get("articleids")
    found: dict[str, str] = {}
    for item in ids if isinstance(ids, list) else []:
        if isinstance(item, Mapping) and (kind := text(item.get("idtype"))):
            found.setdefault(kind, text(item.get("value")) or "")
    return found


def pubmed_record(summary: Any) -> SourceRecord | None:
    """One document summary; None for an error entry or anything without a uid."""
    if not isinstance(summary, Mapping) or summary.get("error"):
        return None
    if not (uid := text(summary.get("uid"))):
        return None
    ids = _article_ids(summary)
    title = text(summary.get("title"))
    types = summary.get("pubtype")
    return SourceRecord(
        source="pubmed",
        source_id=uid,
        title=title[:-1] if title and title.endswith(".") else title,
        authors=authors_from_names(_author_names(summary)),
        container=text(summary.get("fulljournalname")) or text(summary.get("source")),
        volume=text(summary.get("volume")),
        issue=text(summary.get("issue")),
        pages=text(summary.get("pages")),
        year=year_of(summary.get("pubdate")),
        type=text(types[0]) if isinstance(types, list) and types else None,
        doi=doi_or_none(ids.get("doi")),
        pmid=uid,
        pmcid=ids.get("pmc") or None,
        retracted=isinstance(types, list) and RETRACTED in types,
    )
