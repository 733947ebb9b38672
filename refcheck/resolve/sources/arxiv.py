"""The arXiv API: preprints by id (``id_list``) and by title (``search_query=ti:"…"``).

Answers are Atom feeds. They are read as untrusted XML: a feed never needs a document type
declaration, so any body that has one (the way to entity bombs and external entities) is
refused before parsing, and the body is capped in size. An unknown or malformed id comes
back as HTTP 400 with a feed holding one "Error" entry whose id points into
``arxiv.org/api/errors``; an id that is well formed but unknown is simply absent.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence

from refcheck.model import LookupStatus
from refcheck.patterns import compiled
from refcheck.resolve.failures import unanswered
from refcheck.resolve.http import HttpFailure, HttpResponse
from refcheck.resolve.sources.client import SEARCH_HITS, IdAnswer, SearchHits, SourceClient
from refcheck.resolve.sources.record import SourceRecord, doi_or_none, person, text, year_of

__all__ = ["BATCH_SIZE", "MAX_FEED_BYTES", "Arxiv", "UnsafeXmlError", "parse_feed"]

# arXiv's manual asks for slices of at most 2,000 results and a URL of sane length.
BATCH_SIZE = 50
MAX_FEED_BYTES = 4 * 1024 * 1024
_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_DECLARATION = compiled(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ABS_ID = compiled(r"arxiv\.org/abs/(?P<id>.+?)(?:v\d+)?$")
_VERSION = compiled(r"v\d+$")
_ERROR_ENTRY = "arxiv.org/api/errors"
# Quotes and the query syntax's own words must not end a title phrase early.
_QUERY_SYNTAX = compiled(r'["():]|\b(?:AND|OR|ANDNOT)\b')


class UnsafeXmlError(ValueError):
    """The body declares a document type or entities, is too big, or is not XML."""


def parse_feed(body: bytes) -> list[SourceRecord]:
    """The entries of an Atom feed; raises :class:`UnsafeXmlError` on anything hostile."""
    if len(body) > MAX_FEED_BYTES:
        raise UnsafeXmlError(f"{len(body)} bytes is over the cap of {MAX_FEED_BYTES}")
    if _DECLARATION.search(body):
        raise UnsafeXmlError("the feed declares a document type or entities")
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise UnsafeXmlError(str(exc)) from None
    if root.tag != f"{_ATOM}feed":
        raise UnsafeXmlError("not an Atom feed")
    entries = (_entry_record(entry) for entry in root.iter(f"{_ATOM}entry"))
    return [record for record in entries if record is not None]


def _entry_record(entry: ElementTree.Element) -> SourceRecord | None:
    found = _ABS_ID.search(entry.findtext(f"{_ATOM}id") or "")
    if found is None:  # the error entry, or something else that is not a paper
        return None
    names = [author.findtext(f"{_ATOM}name") for author in entry.iter(f"{_ATOM}author")]
    journal = text(entry.findtext(f"{_ARXIV}journal_ref"))
    return SourceRecord(
        source="arxiv",
        source_id=found["id"],
        title=text(entry.findtext(f"{_ATOM}title")),
        authors=tuple(a for a in map(person, names) if a is not None),
        container=journal,
        year=year_of(entry.findtext(f"{_ATOM}published")),
        type="preprint",
        doi=doi_or_none(entry.findtext(f"{_ARXIV}doi")),
        arxiv_id=found["id"],
    )


class Arxiv(SourceClient):
    label = "arXiv"
    route = "arxiv"

    def _feed(self, params: dict[str, str]) -> list[SourceRecord] | HttpFailure | None:
        """The feed's papers; None when arXiv refused the ids as malformed (HTTP 400)."""
        response = self.client.request(
            f"{self.base_url}/query", params=params, headers=self.headers(), route=self.route
        )
        if isinstance(response, HttpResponse) and response.status == 400:
            return (
                None if _ERROR_ENTRY.encode() in response.body else unanswered(self.label, response)
            )
        if isinstance(response, HttpFailure) or response.status != 200:
            return unanswered(self.label, response)
        try:
            return parse_feed(response.body)
        except UnsafeXmlError as exc:
            return unanswered(self.label, response, f"the answer was not a usable feed ({exc})")

    def papers(self, arxiv_ids: Sequence[str]) -> dict[str, IdAnswer]:
        """Records of up to :data:`BATCH_SIZE` arXiv ids (with or without version)."""
        if not arxiv_ids:
            return {}
        params = {"id_list": ",".join(arxiv_ids), "max_results": str(len(arxiv_ids))}
        records = self._feed(params)
        if records is None:  # one malformed id refuses the batch: ask each on its own
            return self._one_by_one(arxiv_ids) if len(arxiv_ids) > 1 else {arxiv_ids[0]: None}
        if isinstance(records, HttpFailure):
            return dict.fromkeys(arxiv_ids, records)
        found = {_VERSION.sub("", r.source_id): r for r in records}
        return {arxiv_id: found.get(_VERSION.sub("", arxiv_id)) for arxiv_id in arxiv_ids}

    def _one_by_one(self, arxiv_ids: Sequence[str]) -> dict[str, IdAnswer]:
        answers: dict[str, IdAnswer] = {}
        for arxiv_id in arxiv_ids:
            answers.update(self.papers([arxiv_id]))
        return answers

    def search_title(self, title: str) -> SearchHits:
        """The top :data:`SEARCH_HITS` preprints whose title holds the phrase."""
        phrase = " ".join(_QUERY_SYNTAX.sub(" ", title).split())
        if not phrase:
            return []
        params = {"search_query": f'ti:"{phrase}"', "max_results": str(SEARCH_HITS)}
        records = self._feed(params)
        if records is None:
            return HttpFailure(LookupStatus.UNREACHABLE, "arXiv unreachable: the query was refused")
        return records
