"""The resolve stage: the only code that touches the network.

``resolve_documents`` looks up every selected online check for a batch of documents at once
(DOIs of all documents share batch calls, one cache and one politeness budget) and returns
one :class:`~refcheck.model.Resolutions` per document, in order. A failed lookup is a value
(a :class:`~refcheck.model.LookupStatus`), never an exception, and never "not found".
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from refcheck.config import Settings
from refcheck.model import (
    Document,
    DoiLookup,
    LookupStatus,
    ReferenceResolution,
    Resolutions,
    SearchLookup,
    Skipped,
    UrlCheck,
)

if TYPE_CHECKING:
    from refcheck.resolve.plan import DocumentPlan, ReferencePlan
    from refcheck.resolve.run import RunResults

__all__ = ["resolve_documents"]

# The detail of URL checks left undone because no host answered (see lookup.finish_urls).
NO_NETWORK = "no host answered in this run: the network may be down"
DOI_CODES = ("DOI001", "DOI002", "XREF001", "XREF002", "XREF003", "XREF004", "RET001")
SEARCH_CODES = ("XREF002", "XREF003", "XREF004")
SOURCE_CODES = ("XREF004",)
OWN_CODES = ("META001",)
URL_CODES = ("URL001", "URL002")
MAILTO_WARNING = (
    "refcheck: no --mailto (or REFCHECK_MAILTO) given: Crossref asks for a contact address "
    "and serves anonymous requests from a slower pool"
)
logger = logging.getLogger(__name__)


def resolve_documents(
    documents: Sequence[Document], settings: Settings, progress: bool = False
) -> list[Resolutions]:
    """One Resolutions per document; offline, every online check is listed as skipped.

    ``progress`` draws a progress bar on stderr when it is a terminal: the CLI asks for it, a
    library call never gets one.
    """
    if settings.offline:
        reason = "offline (--offline): no registry or URL was asked"
        return [_offline(document, reason, settings) for document in documents]
    # Imported here: the clients pull in requests and the thread pool, which offline runs
    # never need.
    from refcheck.resolve.plan import plan_document
    from refcheck.resolve.run import run_lookups

    plans = [plan_document(document, settings) for document in documents]
    if not settings.mailto and not settings.quiet and any(p.dois or p.queries for p in plans):
        logger.warning(MAILTO_WARNING)
    run = run_lookups(plans, settings, progress)
    return [_resolutions(plan, run, settings) for plan in plans]


def _resolutions(plan: DocumentPlan, run: RunResults, settings: Settings) -> Resolutions:
    references = tuple(_reference_resolution(item, run) for item in plan.references)
    own = run.dois.get(plan.own_doi) if plan.own_doi else None
    skipped = list(_failure_skips(references, own, settings))
    if not settings.check_urls and plan.has_urls:
        skipped += _skips(URL_CODES, "URL checks turned off (--no-urls)", settings)
    return Resolutions(references=references, own=own, skipped=tuple(skipped))


def _reference_resolution(item: ReferencePlan, run: RunResults) -> ReferenceResolution:
    from refcheck.resolve.verdict import reference_verdict  # online only, like the clients

    resolution = ReferenceResolution(
        reference_id=item.reference.id,
        doi=run.dois.get(item.doi) if item.doi else None,
        search=run.search_lookup(item),
        urls=tuple(
            run.urls[url] if reason is None else UrlCheck(url, LookupStatus.SKIPPED, detail=reason)
            for url, reason in item.urls
        ),
        sources=run.sources.get(item),
    )
    verdict = reference_verdict(item.reference, resolution)
    return dataclasses.replace(resolution, verdict=verdict)


def _failure_skips(
    references: Sequence[ReferenceResolution], own: DoiLookup | None, settings: Settings
) -> Iterable[Skipped]:
    """The checks a registry's failure kept us from making, each named once, with the
    registries' reasons (XREF002 needs both the DOI lookups and the searches: it has the
    reasons of both, in one note)."""
    counts: dict[str, int] = {}
    details_of: dict[str, list[str]] = {}
    for codes, detail in _failures(references, own):
        counts[detail] = counts.get(detail, 0) + 1
        for code in codes:
            known = details_of.setdefault(code, [])
            if detail not in known:
                known.append(detail)
    codes_of: dict[tuple[str, ...], list[str]] = {}
    for code, details in details_of.items():
        codes_of.setdefault(tuple(details), []).append(code)
    for shared, named in codes_of.items():
        reasons = (
            f"{d} ({counts[d]} {'lookup' if counts[d] == 1 else 'lookups'} not answered)"
            for d in shared
        )
        yield from _skips(named, "; ".join(reasons), settings)


def _failures(
    references: Sequence[ReferenceResolution], own: DoiLookup | None
) -> Iterable[tuple[tuple[str, ...], str]]:
    for resolution in references:
        for check in resolution.urls:
            if check.status is LookupStatus.SKIPPED and check.detail == NO_NETWORK:
                yield URL_CODES, check.detail
        if resolution.doi is not None and not resolution.doi.status.is_answer:
            yield DOI_CODES, resolution.doi.detail
        search: SearchLookup | None = resolution.search
        if search is not None and not search.status.is_answer:
            yield SEARCH_CODES, search.detail
        for query in resolution.sources.asked if resolution.sources else ():
            if not query.status.is_answer and query.status is not LookupStatus.SKIPPED:
                yield SOURCE_CODES, f"{query.source}: {query.status.value}"
    if own is not None and not own.status.is_answer:
        yield OWN_CODES, own.detail


def _offline(document: Document, reason: str, settings: Settings) -> Resolutions:
    skipped = _skips(DOI_CODES, reason, settings)
    if document.metadata.doi:
        skipped += _skips(OWN_CODES, f"{reason} about the paper's own DOI", settings)
    if any(reference.urls for reference in document.references):
        skipped += _skips(URL_CODES, reason, settings)
    return Resolutions(skipped=tuple(skipped))


def _skips(codes: Sequence[str], reason: str, settings: Settings) -> list[Skipped]:
    """One Skipped naming the codes the user selected (codes no rule has yet are kept)."""
    # Imported here: rule modules import refcheck.resolve.match, which runs this package first.
    from refcheck.rules import ALL_RULES, select_rules

    known = {rule.code for rule in ALL_RULES}
    selected = {rule.code for rule in select_rules(settings.select, settings.ignore)}
    kept = [code for code in codes if code not in known or code in selected]
    return [Skipped(", ".join(kept), reason)] if kept else []
