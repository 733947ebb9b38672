"""OpenAlex: works by DOI in batches and title search, with ``is_retracted``.

``GET /works?filter=doi:A|B|…&per-page=N`` answers many DOIs at once (OR within one filter
value; missing DOIs are simply absent, as in Crossref's batch); ``GET /works?filter=
title.search:…`` finds candidates for a reference without identifiers. Both answer the list
shape ``{"meta": …, "results": [work, …]}`` seen in the recorded responses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from refcheck.patterns import compiled
from refcheck.resolve.http import HttpClient, HttpFailure
from refcheck.resolve.sources.client import SEARCH_HITS, IdAnswer, SearchHits, SourceClient
from refcheck.resolve.sources.record import (
    SourceRecord,
    authors_from_names,
    doi_or_none,
    field_at,
    text,
    year_of,
)

__all__ = ["BATCH_SIZE", "OpenAlex", "openalex_record"]

# OpenAlex takes up to 100 values OR-ed in one filter; 50 keeps the URL short, as for Crossref.
BATCH_SIZE = 50
_FIELDS = (
    "id,doi,ids,title,display_name,publication_year,type,authorships,primary_location,"
    "biblio,is_retracted"
)
# Commas and pipes separate filters and values in OpenAlex's filter syntax; colons its keys.
_FILTER_SYNTAX = compiled(r"[,|:]")
_PMID = compiled(r"(\d+)\s*$")


class OpenAlex(SourceClient):
    label = "OpenAlex"
    route = "openalex"

    def __init__(self, client: HttpClient, base_url: str, mailto: str | None = None) -> None:
        super().__init__(client, base_url)
        self.mailto = mailto

    def _works(self, filter_value: str, rows: int) -> list[Any] | HttpFailure:
        params = {"filter": filter_value, "per-page": str(rows), "select": _FIELDS}
        if self.mailto:  # OpenAlex's polite pool, as for Crossref
            params["mailto"] = self.mailto
        data = self.get_json("/works", params, not_found=frozenset())
        if isinstance(data, HttpFailure):
            return data
        results = field_at(data, "results")
        if not isinstance(results, list):
            return self.malformed("the answer was not a works list")
        return results

    def works_by_doi(self, dois: Sequence[str]) -> dict[str, IdAnswer]:
        """Records of up to :data:`BATCH_SIZE` normalised DOIs in one request.

        A DOI holding a character of the filter syntax cannot be OR-ed: it is not asked and is
        left out of the answer (not asked is no "not found").
        """
        listed = [doi for doi in dois if not _FILTER_SYNTAX.search(doi)]
        if not listed:
            return {}
        results = self._works("doi:" + "|".join(listed), len(listed))
        if isinstance(results, HttpFailure):
            return dict.fromkeys(listed, results)
        found = {r.doi: r for r in map(openalex_record, results) if r is not None and r.doi}
        return {doi: found.get(doi) for doi in listed}

    def search_title(self, title: str) -> SearchHits:
        """The top :data:`SEARCH_HITS` works whose title matches, best first."""
        words = " ".join(_FILTER_SYNTAX.sub(" ", title).split())
        if not words:
            return []
        results = self._works(f"title.search:{words}", SEARCH_HITS)
        if isinstance(results, HttpFailure):
            return results
        return [r for r in map(openalex_record, results) if r is not None]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _short_id(value: Any, prefix: str) -> str | None:
    found = text(value)
    return found.rsplit("/", 1)[-1] if found and found.startswith(prefix) else found


def _pmcid(value: Any) -> str | None:
    """``https://www.ncbi.nlm.nih.gov/pmc/articles/1234`` → ``PMC1234``."""
    found = _PMID.search(text(value) or "")
    return f"PMC{found.group(1)}" if found else None


def _venue(work: Mapping[str, Any]) -> str | None:
    return text(field_at(work, "primary_location", "source", "display_name"))


def _pages(biblio: Mapping[str, Any]) -> str | None:
    first, last = text(biblio.get("first_page")), text(biblio.get("last_page"))
    return f"{first}-{last}" if first and last and last != first else first


def _author_names(work: Mapping[str, Any]) -> list[Any]:
    authorships = work.get("authorships")
    if not isinstance(authorships, list):
        return []
    names = []
    for authorship in authorships:
        if isinstance(field_at(authorship, "author"), Mapping):
            names.append(field_at(authorship, "author", "display_name"))
    return names


def openalex_record(work: Any) -> SourceRecord | None:
    """One OpenAlex work; None without an OpenAlex id."""
    if not isinstance(work, Mapping):
        return None
    work_id = _short_id(work.get("id"), "https://openalex.org/")
    if not work_id:
        return None
    ids = _mapping(work.get("ids"))
    biblio = _mapping(work.get("biblio"))
    pmid = _PMID.search(text(ids.get("pmid")) or "")
    retracted = work.get("is_retracted")
    return SourceRecord(
        source="openalex",
        source_id=work_id,
        title=text(work.get("title")) or text(work.get("display_name")),
        authors=authors_from_names(_author_names(work)),
        container=_venue(work),
        volume=text(biblio.get("volume")),
        issue=text(biblio.get("issue")),
        pages=_pages(biblio),
        year=year_of(work.get("publication_year")),
        type=text(work.get("type")),
        doi=doi_or_none(work.get("doi")),
        pmid=pmid.group(1) if pmid else None,
        pmcid=_pmcid(ids.get("pmcid")),
        retracted=retracted if isinstance(retracted, bool) else None,
    )
