"""One online run: the HTTP client, cache and thread pool, and the order lookups are made in.

Crossref batches go out first (they unlock doi.org and DataCite for what Crossref lacks);
searches for references without a DOI and URL checks run alongside. Searches for references
whose DOI names another work follow once the DOI records are in. Last, the other sources
(OpenAlex, Semantic Scholar, arXiv, dblp, Europe PMC, PubMed) are asked about the references
the registries did not settle, each in its polite order (see
:mod:`refcheck.resolve.sources.order`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from refcheck.config import Settings
from refcheck.model import DoiLookup, ReferenceResolution, SearchLookup, SourceFind, UrlCheck
from refcheck.resolve.cache import Cache
from refcheck.resolve.crossref import Crossref, user_agent
from refcheck.resolve.datacite import DataCite
from refcheck.resolve.doi import DoiOrg
from refcheck.resolve.http import DEFAULT_LIMITS, HttpClient, HttpFailure, RouteLimit
from refcheck.resolve.lookup import Lookups, SearchAnswer
from refcheck.resolve.match import validate_candidates
from refcheck.resolve.outbound import OutboundPolicy
from refcheck.resolve.plan import DocumentPlan, ReferencePlan, wants_search
from refcheck.resolve.progress import Progress
from refcheck.resolve.sources import SOURCE_LIMITS
from refcheck.resolve.sources.lookups import Sources, source_find
from refcheck.resolve.verdict import settled_record

__all__ = ["RunResults", "run_lookups"]

# Requests in flight at most; per-host limits inside the HTTP client are the real brake.
WORKERS = 16
RETRIES = 3
# Crossref's public pool (no mailto): 5 single / 1 list request per second, one at a time.
PUBLIC_LIMITS = {"single": RouteLimit(rate=5.0, concurrency=1), "list": RouteLimit(1.0, 1)}


@dataclass(frozen=True)
class RunResults:
    """Every answer of the run, keyed by normalised DOI, search query, URL and reference."""

    dois: Mapping[str, DoiLookup]
    searches: Mapping[str, SearchAnswer]
    urls: Mapping[str, UrlCheck]
    sources: Mapping[ReferencePlan, SourceFind]

    def search_lookup(self, item: ReferencePlan) -> SearchLookup | None:
        """The validated search for a reference that wanted one; None when none was made."""
        if item.query is None or not wants_search(item, self.dois):
            return None
        answer = self.searches.get(item.query)
        if answer is None:
            return None
        if isinstance(answer, HttpFailure):
            return SearchLookup(answer.status, detail=answer.detail)
        records = [record for record, _ in answer]
        return validate_candidates(item.reference, records, [score for _, score in answer])


def _unsettled(run: RunResults, plans: Sequence[DocumentPlan]) -> list[ReferencePlan]:
    """The references no registry record is certainly the cited work of: the sources' turn."""
    unsettled = []
    for plan in plans:
        for item in plan.references:
            doi = run.dois.get(item.doi) if item.doi else None
            so_far = ReferenceResolution(item.reference.id, doi, run.search_lookup(item))
            if settled_record(item.reference, so_far) is None:
                unsettled.append(item)
    return list(dict.fromkeys(unsettled))


def _open_cache(settings: Settings) -> Cache:
    if not settings.use_cache:
        return Cache.disabled()
    return Cache.open(Path(settings.cache_dir) if settings.cache_dir else None)


def run_lookups(
    plans: Sequence[DocumentPlan], settings: Settings, progress_bar: bool = False
) -> RunResults:
    """Make every lookup the plans ask for, cache first; ``progress_bar`` only for the CLI."""
    dois = list(dict.fromkeys(doi for plan in plans for doi in plan.dois))
    queries = list(dict.fromkeys(q for plan in plans for q in plan.queries))
    urls = list(dict.fromkeys(url for plan in plans for url in plan.urls_to_check))
    online_documents = sum(1 for plan in plans if plan.asks_anything(bool(settings.sources)))
    client = HttpClient(
        user_agent=user_agent(None),
        timeout=settings.http_timeout,
        retries=RETRIES,
        limits={**(DEFAULT_LIMITS if settings.mailto else PUBLIC_LIMITS), **SOURCE_LIMITS},
        policy=OutboundPolicy(
            allow_private=settings.allow_private_urls,
            allow=settings.url_allow,
            deny=settings.url_deny,
        ),
        stage_seconds=settings.online_timeout * max(online_documents, 1),
    )
    progress = Progress(enabled=progress_bar and not settings.quiet)
    with client, ThreadPoolExecutor(WORKERS) as executor:
        cache = _open_cache(settings)
        try:
            lookups = Lookups(
                client,
                cache,
                executor,
                progress,
                crossref=Crossref(client, settings.crossref_url, settings.mailto),
                doi_org=DoiOrg(client, settings.doi_url),
                datacite=DataCite(client, settings.datacite_url),
            )
            known, batches = lookups.start_dois(dois)
            searches = lookups.start_searches(queries)
            checks = lookups.start_urls(urls)
            found = lookups.finish_dois(known, batches)
            second = [
                item.query
                for plan in plans
                for item in plan.references
                if item.query and item.query not in searches and wants_search(item, found)
            ]
            searches.update(lookups.start_searches(list(dict.fromkeys(second))))
            registries = RunResults(
                dois=found,
                searches=lookups.finish_searches(searches),
                urls=lookups.finish_urls(checks),
                sources={},
            )
            sources = Sources(client, cache, settings)
            unsettled = _unsettled(registries, plans) if settings.sources else []
            outcomes = executor.map(sources.find, [item.reference for item in unsettled])
            finds = {item: source_find(o) for item, o in zip(unsettled, outcomes, strict=True)}
            return dataclasses.replace(registries, sources=finds)
        finally:
            cache.close()
            progress.close()
