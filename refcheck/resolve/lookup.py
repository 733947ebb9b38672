"""The lookups of one run: cache first, then as few registry requests as the answers allow.

DOIs: Crossref in batches of 50; the DOIs Crossref does not hold go to doi.org's agency
lookup in batches of 100 (the only basis for "does not exist"); DataCite DOIs then get their
DataCite record and other agencies' DOIs their CSL-JSON from doi.org. Searches and URL
checks run concurrently with the DOI chain. The cache is read and written on the calling
thread only; worker threads do nothing but HTTP.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from refcheck.model import DoiLookup, LookupStatus, UrlCheck, WorkRecord
from refcheck.resolve import NO_NETWORK
from refcheck.resolve.cache import FOUND_TTL, NOT_FOUND_TTL, UPDATES_TTL, Cache
from refcheck.resolve.crossref import BATCH_SIZE, Candidate, Crossref, DoiAnswer
from refcheck.resolve.datacite import DataCite
from refcheck.resolve.doi import RA_BATCH_SIZE, Agency, DoiOrg, Nonexistent, unsafe_identifier
from refcheck.resolve.http import HttpClient, HttpFailure
from refcheck.resolve.progress import Progress
from refcheck.resolve.records import record_from_json, record_to_json
from refcheck.resolve.urls import check_url

__all__ = ["Lookups", "SearchAnswer"]

T = TypeVar("T")
R = TypeVar("R")
_Value = TypeVar("_Value", str, int, float)

# Cache namespaces: one per kind of lookup.
DOI_NAMESPACE, SEARCH_NAMESPACE, URL_NAMESPACE = "doi", "search", "url"

# Crossref's answers for one batch of DOIs, under way.
CrossrefBatch = Future[dict[str, DoiAnswer]]
# A search's candidates, or the failure that left it unanswered.
SearchAnswer = list[Candidate] | HttpFailure


@dataclass(frozen=True)
class Cached:
    """Search candidates read from the cache."""

    candidates: list[Candidate]


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Lookups:
    """Registry and URL lookups sharing one HTTP client, one cache and one thread pool."""

    def __init__(
        self,
        client: HttpClient,
        cache: Cache,
        executor: ThreadPoolExecutor,
        progress: Progress,
        *,
        crossref: Crossref,
        doi_org: DoiOrg,
        datacite: DataCite,
    ) -> None:
        self.client = client
        self.cache = cache
        self.executor = executor
        self.progress = progress
        self.crossref = crossref
        self.doi_org = doi_org
        self.datacite = datacite

    def _submit_all(self, work: Callable[[T], R], items: Iterable[T]) -> list[Future[R]]:
        return [self.executor.submit(work, item) for item in items]

    def _gather(self, futures: Iterable[Future[dict[str, T]]]) -> dict[str, T]:
        merged: dict[str, T] = {}
        for future in futures:
            merged.update(future.result())
        return merged

    # DOIs ----------------------------------------------------------------------------------

    def start_dois(self, dois: Sequence[str]) -> tuple[dict[str, DoiLookup], list[CrossrefBatch]]:
        """Cached lookups now, and the Crossref batches for the rest, already under way."""
        self.progress.plan(len(dois))
        known = {
            doi: DoiLookup(doi, LookupStatus.SKIPPED, detail=refused)
            for doi in dois
            if (refused := unsafe_identifier(doi)) is not None
        }
        known |= {
            doi: found
            for doi in dois
            if doi not in known and (found := self._cached_doi(doi)) is not None
        }
        self.progress.advance(len(known))
        pending = [doi for doi in dois if doi not in known]
        return known, self._submit_all(self.crossref.works_by_doi, _chunks(pending, BATCH_SIZE))

    def finish_dois(
        self, known: dict[str, DoiLookup], batches: list[CrossrefBatch]
    ) -> dict[str, DoiLookup]:
        """Wait for Crossref, then ask doi.org (and DataCite) about what Crossref lacks."""
        answers: dict[str, DoiAnswer] = self._gather(batches)
        results = dict(known)
        absent = []
        for doi, answer in answers.items():
            if answer is None:
                absent.append(doi)
            else:
                results[doi] = self._done(_crossref_lookup(doi, answer))
        results.update(self._beyond_crossref(absent))
        return results

    def _beyond_crossref(self, dois: Sequence[str]) -> dict[str, DoiLookup]:
        agencies = self._gather(
            self._submit_all(self.doi_org.agencies, _chunks(dois, RA_BATCH_SIZE))
        )
        results: dict[str, DoiLookup] = {}
        registered: dict[str, str] = {}
        for doi, answer in agencies.items():
            if isinstance(answer, Agency):
                registered[doi] = answer.name
            elif isinstance(answer, Nonexistent):
                detail = f"doi.org: {answer.reason}"
                results[doi] = self._done(DoiLookup(doi, LookupStatus.NOT_FOUND, detail=detail))
            else:
                results[doi] = self._done(DoiLookup(doi, answer.status, detail=answer.detail))
        futures = {
            doi: self.executor.submit(self._agency_record, doi, agency)
            for doi, agency in registered.items()
        }
        for doi, future in futures.items():
            results[doi] = self._done(_agency_lookup(doi, registered[doi], future.result()))
        return results

    def _agency_record(self, doi: str, agency: str) -> WorkRecord | HttpFailure | None:
        if agency == "datacite":
            return self.datacite.record(doi)
        return self.doi_org.record(doi)

    def _done(self, lookup: DoiLookup) -> DoiLookup:
        """Count one finished DOI and cache it when it is an answer."""
        self.progress.advance()
        if lookup.status is LookupStatus.RESOLVED:
            # Crossref records carry the update (retraction) status, which must stay fresh.
            # A DOI whose agency has no readable record may get one: asked again like "not found".
            fresh = lookup.record is not None and lookup.record.source == "crossref"
            ttl = UPDATES_TTL if fresh else FOUND_TTL if lookup.record else NOT_FOUND_TTL
            self.cache.put(DOI_NAMESPACE, lookup.doi, _doi_to_json(lookup), ttl)
        elif lookup.status is LookupStatus.NOT_FOUND:
            self.cache.put(DOI_NAMESPACE, lookup.doi, _doi_to_json(lookup), NOT_FOUND_TTL)
        return lookup

    def _cached_doi(self, doi: str) -> DoiLookup | None:
        data = self.cache.get(DOI_NAMESPACE, doi)
        if not isinstance(data, Mapping):
            return None
        try:
            record = data.get("record")
            return DoiLookup(
                doi=doi,
                status=LookupStatus(data["status"]),
                agency=_optional(data.get("agency"), str),
                record=record_from_json(record) if isinstance(record, Mapping) else None,
                detail=str(data.get("detail", "")),
            )
        except (KeyError, TypeError, ValueError):
            return None  # a shape from another version: ask again

    # Searches ------------------------------------------------------------------------------

    def start_searches(self, queries: Sequence[str]) -> dict[str, Future[SearchAnswer] | Cached]:
        """Cached searches at once; the others are sent now and collected by finish_searches."""
        self.progress.plan(len(queries))
        started: dict[str, Future[SearchAnswer] | Cached] = {}
        for query in queries:
            cached = self._cached_search(query)
            started[query] = (
                Cached(cached) if cached is not None
                else self.executor.submit(self.crossref.search, query)
            )  # fmt: skip
        return started

    def finish_searches(
        self, started: Mapping[str, Future[SearchAnswer] | Cached]
    ) -> dict[str, SearchAnswer]:
        answers: dict[str, SearchAnswer] = {}
        for query, pending in started.items():
            if isinstance(pending, Cached):
                answers[query] = pending.candidates
            else:
                answers[query] = answer = pending.result()
                if not isinstance(answer, HttpFailure):
                    ttl = UPDATES_TTL if answer else NOT_FOUND_TTL
                    self.cache.put(SEARCH_NAMESPACE, query, _candidates_to_json(answer), ttl)
            self.progress.advance()
        return answers

    def _cached_search(self, query: str) -> list[Candidate] | None:
        data = self.cache.get(SEARCH_NAMESPACE, query)
        if not isinstance(data, list):
            return None
        try:
            return [
                (record_from_json(item["record"]), _optional(item["score"], float)) for item in data
            ]
        except (KeyError, TypeError, ValueError):
            return None

    # URLs ----------------------------------------------------------------------------------

    def start_urls(self, urls: Sequence[str]) -> dict[str, Future[UrlCheck] | UrlCheck]:
        self.progress.plan(len(urls))
        started: dict[str, Future[UrlCheck] | UrlCheck] = {}
        for url in urls:
            cached = self._cached_url(url)
            started[url] = cached or self.executor.submit(check_url, self.client, url)
        return started

    def finish_urls(
        self, started: Mapping[str, Future[UrlCheck] | UrlCheck]
    ) -> dict[str, UrlCheck]:
        checks: dict[str, UrlCheck] = {}
        fresh = {url: p.result() for url, p in started.items() if not isinstance(p, UrlCheck)}
        # Without network no host name resolves: that says nothing about the links. A name
        # that does not resolve is broken only when some host answered in this run.
        network_up = self._registries_answered() or any(
            check.http_status is not None for check in fresh.values()
        )
        for url, pending in started.items():
            if isinstance(pending, UrlCheck):
                checks[url] = pending
            else:
                checks[url] = check = fresh[url] if network_up else _no_network(fresh[url])
                ttl = {LookupStatus.RESOLVED: FOUND_TTL, LookupStatus.NOT_FOUND: NOT_FOUND_TTL}
                if check.status in ttl:
                    self.cache.put(URL_NAMESPACE, url, _url_to_json(check), ttl[check.status])
            self.progress.advance()
        return checks

    def _registries_answered(self) -> bool:
        registries = (self.crossref.client, self.doi_org.client, self.datacite.client)
        return any(registry.answered for registry in registries)

    def _cached_url(self, url: str) -> UrlCheck | None:
        data = self.cache.get(URL_NAMESPACE, url)
        if not isinstance(data, Mapping):
            return None
        try:
            return UrlCheck(
                url=url,
                status=LookupStatus(data["status"]),
                http_status=_optional(data.get("http_status"), int),
                final_url=_optional(data.get("final_url"), str),
                detail=str(data.get("detail", "")),
            )
        except (KeyError, TypeError, ValueError):
            return None


def _optional(value: Any, kind: type[_Value]) -> _Value | None:
    """A cached value of the type it was written with, or None; raises TypeError otherwise (a
    damaged or tampered entry is asked again, never handed to the rules)."""
    if value is None:
        return None
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return kind(value)  # JSON writes 2.0 as 2
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _no_network(check: UrlCheck) -> UrlCheck:
    """A host name that did not resolve while no host answered at all: not checked."""
    if check.status is not LookupStatus.NOT_FOUND or check.http_status is not None:
        return check
    return UrlCheck(check.url, LookupStatus.SKIPPED, detail=NO_NETWORK)


def _crossref_lookup(doi: str, answer: WorkRecord | HttpFailure) -> DoiLookup:
    if isinstance(answer, HttpFailure):
        return DoiLookup(doi, answer.status, detail=answer.detail)
    return DoiLookup(doi, LookupStatus.RESOLVED, agency="crossref", record=answer)


def _agency_lookup(doi: str, agency: str, answer: WorkRecord | HttpFailure | None) -> DoiLookup:
    """The DOI exists (doi.org said so); its record may still be out of reach."""
    if isinstance(answer, HttpFailure):
        return DoiLookup(doi, answer.status, agency=agency, detail=answer.detail)
    detail = "" if answer else f"registered with {agency}, but no metadata record could be read"
    return DoiLookup(doi, LookupStatus.RESOLVED, agency=agency, record=answer, detail=detail)


def _doi_to_json(lookup: DoiLookup) -> dict[str, Any]:
    return {
        "status": lookup.status.value,
        "agency": lookup.agency,
        "record": record_to_json(lookup.record) if lookup.record else None,
        "detail": lookup.detail,
    }


def _candidates_to_json(candidates: Sequence[Candidate]) -> list[dict[str, Any]]:
    return [{"record": record_to_json(record), "score": score} for record, score in candidates]


def _url_to_json(check: UrlCheck) -> dict[str, Any]:
    return {
        "status": check.status.value,
        "http_status": check.http_status,
        "final_url": check.final_url,
        "detail": check.detail,
    }
