"""dblp: computer-science publications by search (``GET /search/publ/api?q=…&format=json``).

The answer nests ``result.hits.hit[].info``; where a field may hold several values dblp
writes a list, and a single value as the bare object (``authors.author`` is a list for
several authors and one object for one), so both are read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from refcheck.patterns import compiled
from refcheck.resolve.http import HttpFailure
from refcheck.resolve.sources.client import SEARCH_HITS, SearchHits, SourceClient
from refcheck.resolve.sources.record import (
    SourceRecord,
    authors_from_names,
    doi_or_none,
    field_at,
    text,
    year_of,
)

__all__ = ["Dblp", "dblp_record"]

# dblp's search reads some characters as operators: "|" (or), "-" at a word's start (not),
# "$" (exact word end), "*" (prefix) and "^"; a title is searched as plain words.
_OPERATORS = compiled(r"[|$*^:]|(?:(?<=\s)|^)-")
_ARXIV_KEY = compiled(r"^journals/corr/abs-(\d{4})-(\d{4,5})$")


class Dblp(SourceClient):
    label = "dblp"
    route = "dblp"

    def search(self, query: str) -> SearchHits:
        """The top :data:`SEARCH_HITS` publications for a title (or title and authors)."""
        words = " ".join(_OPERATORS.sub(" ", query).split())
        if not words:
            return []
        params = {"q": words, "format": "json", "h": str(SEARCH_HITS)}
        data = self.get_json("/search/publ/api", params, not_found=frozenset())
        if isinstance(data, HttpFailure):
            return data
        hits = field_at(data, "result", "hits")
        if not isinstance(hits, Mapping):
            return self.malformed("the answer was not a search result")
        found = _as_list(hits.get("hit"))
        infos = (hit.get("info") for hit in found if isinstance(hit, Mapping))
        return [r for r in map(dblp_record, infos) if r is not None]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _author_names(info: Mapping[str, Any]) -> list[Any]:
    authors = info.get("authors")
    listed = _as_list(authors.get("author")) if isinstance(authors, Mapping) else []
    return [a.get("text") if isinstance(a, Mapping) else a for a in listed]


def dblp_record(info: Any) -> SourceRecord | None:
    """One hit's ``info``; None without a dblp key."""
    if not isinstance(info, Mapping) or not (key := text(info.get("key"))):
        return None
    title = text(info.get("title"))
    arxiv = _ARXIV_KEY.match(key)
    return SourceRecord(
        source="dblp",
        source_id=key,
        # dblp ends every title with a full stop, even those that end in "?" in print.
        title=title[:-1] if title and title.endswith(".") else title,
        authors=authors_from_names(_author_names(info)),
        container=text(_as_list(info.get("venue"))[0]) if info.get("venue") else None,
        volume=text(info.get("volume")),
        issue=text(info.get("number")),
        pages=text(info.get("pages")),
        year=year_of(info.get("year")),
        type=text(info.get("type")),
        doi=doi_or_none(info.get("doi")),
        arxiv_id=f"{arxiv.group(1)}.{arxiv.group(2)}" if arxiv else None,
    )
