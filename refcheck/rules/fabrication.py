"""XREF004: a reference no source holds, when every source that should know it answered."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from refcheck.model import (
    Finding,
    LookupStatus,
    Reference,
    ReferenceResolution,
    Severity,
    SourceQuery,
    VerdictStatus,
    WorkRecord,
)
from refcheck.resolve.verdict import not_a_registered_kind
from refcheck.rules.base import Rule, RuleInput
from refcheck.rules.online import resolved_references

__all__ = ["LikelyFabricated", "fabrication_evidence"]

# The kinds of work every broad index holds when they exist: an absence means something.
FABRICABLE_TYPES = frozenset(("article", "proceedings", "preprint"))
# Both broad indexes must have answered: each holds most published works of every field.
BROAD_INDEXES = frozenset(("openalex", "semanticscholar"))
MIN_TITLE_SOURCES = 3  # distinct sources whose title search answered "none"
MIN_TITLE_WORDS = 3  # a shorter title is too generic to search reliably


@dataclass(frozen=True)
class FabricationEvidence:
    """Why a reference is likely fabricated: every query made, and a title's other owner."""

    queries: tuple[SourceQuery, ...]
    title_twin: WorkRecord | None


def _fully_stated(reference: Reference) -> bool:
    """A title, an author and a year, and a venue unless it is a preprint. From a PDF (no
    source key), the fields are the parser's reading: a partial reading is no evidence."""
    if not reference.title or len(reference.title.split()) < MIN_TITLE_WORDS:
        return False
    if not reference.authors or not reference.year:
        return False
    return reference.type == "preprint" or bool(reference.container)


def _registries_answered(
    reference: Reference, queries: tuple[SourceQuery, ...], twin: WorkRecord | None
) -> bool:
    """Crossref's whole-citation search (for an article or a paper) found nothing, or found
    only the title's owner, who shares nothing else with the reference (the search is then
    "ambiguous": a record has the title, its other fields disagree)."""
    if reference.type == "preprint":
        return True
    answers = {LookupStatus.NOT_FOUND} | ({LookupStatus.AMBIGUOUS} if twin else set())
    return any(q.kind == "bibliographic" and q.status in answers for q in queries)


def fabrication_evidence(
    reference: Reference, resolution: ReferenceResolution
) -> FabricationEvidence | None:
    """The evidence that no source holds the work, or None when it is not conclusive."""
    verdict = resolution.verdict
    if verdict is None or verdict.status is not VerdictStatus.NOT_FOUND:
        return None
    if reference.type not in FABRICABLE_TYPES or not_a_registered_kind(reference):
        return None
    registries = _registries_answered(reference, verdict.asked, verdict.title_twin)
    if not _fully_stated(reference) or not registries:
        return None
    searched = {
        q.source for q in verdict.asked if q.kind == "title" and q.status is LookupStatus.NOT_FOUND
    }
    if not searched >= BROAD_INDEXES or len(searched) < MIN_TITLE_SOURCES:
        return None
    return FabricationEvidence(verdict.asked, verdict.title_twin)


def _query_json(query: SourceQuery) -> dict[str, str]:
    return {
        "source": query.source,
        "kind": query.kind,
        "query": query.query,
        "status": query.status.value,
    }


def _twin_text(twin: WorkRecord) -> str:
    authors = ", ".join(a.family for a in twin.authors[:3] if a.family) or "unnamed authors"
    more = " et al." if len(twin.authors) > 3 else ""
    where = f" in {twin.container}" if twin.container else ""
    return f"{authors}{more} ({twin.year or 'n.d.'}){where}"


class LikelyFabricated(Rule):
    """A journal article, conference paper or preprint that no source holds at all.

    What it does:
    Reports a reference when every source that should know the work was asked and answered,
    and none holds it: Crossref's search of the whole citation found no match (for articles
    and conference papers), a DOI the reference prints does not exist or names another work,
    and the title searches of at least three sources, OpenAlex and Semantic Scholar among
    them, found no work with that title and those authors. The evidence lists every query
    made and what each answered. A title that exists, but by other authors in another year
    and venue (a chimera of two papers), is named in the message.

    It stays silent when any lookup failed or was turned off (the verdict is then
    "unverified"), for books, reports, theses, web pages, news and other grey literature
    (never indexed well enough: their verdict is "not-checkable"), for titles under three
    words, and for references without authors, year or venue. A work with the reference's
    title that shares an author, the year or the venue is the work cited wrongly, not a
    fabrication (verdict "metadata-mismatch").

    Why it matters:
    Text generators invent references: plausible titles under real authors' names in real
    journals. A cited work that does not exist misleads every reader, and journals and
    conferences now screen submissions for it.

    Example:
    "Hartley M, Osei K (2021) Quantum annealing of protein folds. Nat Comput Biol 4:211-230",
    when Crossref, OpenAlex, Semantic Scholar, dblp and Europe PMC all answer and none holds a
    work of that title.

    Fix:
    Find the work you meant and cite it from its publisher's page, or remove the reference.
    """

    code = "XREF004"
    name = "likely-fabricated"
    severity = Severity.ERROR
    needs_network = True

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for reference, resolution in resolved_references(data):
            evidence = fabrication_evidence(reference, resolution)
            if evidence is not None:
                yield self._finding(reference, evidence)

    def _finding(self, reference: Reference, evidence: FabricationEvidence) -> Finding:
        sources = sorted({q.source for q in evidence.queries if q.status.is_answer})
        message = (
            f"no source holds this {reference.type}: {reference.title!r} "
            f"(asked {len(sources)} sources: {', '.join(sources)})"
        )
        twin = evidence.title_twin
        if twin is not None:
            message += f"; a work with this title is by {_twin_text(twin)}"
        return self.finding(
            message,
            page=reference.page,
            reference_id=reference.id,
            evidence={
                "title": reference.title,
                "queries": [_query_json(q) for q in evidence.queries],
                "title_owner": None if twin is None else _twin_text(twin),
            },
            fix="Find the work you meant and cite it from its publisher's page, or remove it",
        )
