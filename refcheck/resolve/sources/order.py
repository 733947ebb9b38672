"""The polite order of lookups for one reference: pure planning, no I/O.

Identifiers first, each to the one place that owns it (DOI → the DOI registries, arXiv id →
arXiv, PMID → PubMed, PMCID → Europe PMC); then title searches, only for the kinds of work
each source indexes, cheapest first (by the source's rate limit: see
:data:`refcheck.resolve.sources.SOURCE_LIMITS`). :func:`first_validated` walks the order and
stops at the first record that is the cited work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from refcheck.extract.identifiers import find_arxiv_ids, normalize_doi
from refcheck.model import LookupStatus, Reference
from refcheck.patterns import compiled
from refcheck.resolve.fields import titles_agree
from refcheck.resolve.http import HttpFailure
from refcheck.resolve.match import is_same_work, validate_candidates
from refcheck.resolve.sources.client import IdAnswer, SearchHits
from refcheck.resolve.sources.record import SourceRecord

__all__ = [
    "REGISTRIES",
    "TITLE_SEARCH_ORDER",
    "Outcome",
    "Step",
    "first_validated",
    "identifiers",
    "lookup_order",
]

REGISTRIES = "registries"  # Crossref, then doi.org and DataCite: refcheck.resolve.lookup
# Cheapest first: the most requests per second allowed, and the broadest index, go first.
TITLE_SEARCH_ORDER = ("openalex", "europepmc", "dblp", "semanticscholar", "arxiv")
# What each source indexes, in the reference types of refcheck.model.REFERENCE_TYPES.
INDEXED_TYPES: dict[str, frozenset[str]] = {
    "openalex": frozenset({"article", "proceedings", "chapter", "book", "preprint", "thesis"}),
    "europepmc": frozenset({"article", "preprint"}),
    "dblp": frozenset({"article", "proceedings", "chapter", "book", "preprint"}),
    "semanticscholar": frozenset({"article", "proceedings", "chapter", "book", "preprint"}),
    "arxiv": frozenset({"preprint"}),
}
_PMID = compiled(r"\bPMID:?\s*(\d{1,9})\b", re.IGNORECASE)
_PMCID = compiled(r"\b(PMC\d{1,9})\b")
_ARXIV_WORD = compiled(r"\barxiv\b", re.IGNORECASE)


@dataclass(frozen=True)
class Step:
    """One lookup: ``kind`` is doi, arxiv, pmid, pmcid or title; ``value`` what is asked."""

    source: str
    kind: str
    value: str


@dataclass(frozen=True)
class Outcome:
    """Where the order ended: the validated record and the step that found it, or why not.

    ``asked`` lists every step made, in order, with its status: the evidence a verdict needs
    ("looked up in N sources, each named"). ``title_twins`` are search hits with the
    reference's title that did not validate (see :class:`refcheck.model.SourceFind`).
    """

    record: SourceRecord | None
    step: Step | None
    asked: tuple[tuple[Step, LookupStatus], ...]
    title_twins: tuple[SourceRecord, ...] = ()


def identifiers(reference: Reference) -> dict[str, str]:
    """The reference's DOI, arXiv id, PMID and PMCID, as printed in its fields or text."""
    found: dict[str, str] = {}
    doi = normalize_doi(reference.doi) if reference.doi else None
    if doi:
        found["doi"] = doi
    arxiv = next((c.value for c in find_arxiv_ids(reference.raw) if c.valid), None)
    if arxiv:
        found["arxiv"] = arxiv
    for kind, pattern in (("pmid", _PMID), ("pmcid", _PMCID)):
        if match := pattern.search(reference.raw):
            found[kind] = match.group(1)
    return found


def _indexes(source: str, reference: Reference) -> bool:
    if source == "arxiv" and _ARXIV_WORD.search(reference.raw):
        return True  # a journal article may cite its preprint
    return reference.type in INDEXED_TYPES[source]


def lookup_order(reference: Reference, enabled: Collection[str]) -> tuple[Step, ...]:
    """Every lookup worth making for the reference, in the order to make them.

    ``enabled`` names the sources turned on (the registries are always on). A reference
    without a title gets identifier lookups only: a search would match anything.
    """
    ids = identifiers(reference)
    steps = [Step(REGISTRIES, "doi", ids["doi"])] if "doi" in ids else []
    for kind, source in (("arxiv", "arxiv"), ("pmid", "pubmed"), ("pmcid", "europepmc")):
        if kind in ids and source in enabled:
            steps.append(Step(source, kind, ids[kind]))
    if reference.title:
        steps += [
            Step(source, "title", reference.title)
            for source in TITLE_SEARCH_ORDER
            if source in enabled and _indexes(source, reference)
        ]
    return tuple(steps)


def _validated(
    reference: Reference, answer: IdAnswer | SearchHits, step: Step
) -> SourceRecord | None:
    """The answer's record that is the cited work: an identifier's record unless it is
    clearly another work; a search's hit only when its fields vouch for it."""
    if answer is None or isinstance(answer, HttpFailure):
        return None
    if isinstance(answer, SourceRecord):
        return answer if is_same_work(reference, answer.as_work()) is not False else None
    works = [hit.as_work() for hit in answer]
    verdict = validate_candidates(reference, works, [])
    if verdict.status is not LookupStatus.RESOLVED or verdict.record is None:
        return None
    return answer[works.index(verdict.record)]


def _status(answer: IdAnswer | SearchHits, record: SourceRecord | None) -> LookupStatus:
    if isinstance(answer, HttpFailure):
        return answer.status
    return LookupStatus.RESOLVED if record is not None else LookupStatus.NOT_FOUND


def first_validated(
    reference: Reference,
    steps: Iterable[Step],
    ask: Callable[[Step], IdAnswer | SearchHits],
) -> Outcome:
    """Make the steps in order through ``ask`` until one yields the cited work."""
    asked: list[tuple[Step, LookupStatus]] = []
    twins: dict[tuple[str, str], SourceRecord] = {}
    for step in steps:
        answer = ask(step)
        record = _validated(reference, answer, step)
        asked.append((step, _status(answer, record)))
        if record is not None:
            return Outcome(record, step, tuple(asked))
        if isinstance(answer, list):
            for hit in answer:
                if titles_agree(reference.title, hit.title) is True:
                    twins.setdefault((hit.source, hit.source_id), hit)
    return Outcome(None, None, tuple(asked), tuple(twins.values()))
