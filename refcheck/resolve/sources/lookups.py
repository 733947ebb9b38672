"""The sources of one run: their clients on the shared HTTP client, and the cache in front.

:meth:`Sources.ask` makes one step of :func:`~refcheck.resolve.sources.order.lookup_order`,
cache first; :meth:`Sources.find` walks a reference's order to the first validated record.
Only answers are cached (a record, "not held", a list of hits), never a failure, as for the
registries (see :mod:`refcheck.resolve.cache`).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from refcheck.config import Settings
from refcheck.model import LookupStatus, Reference, SourceFind, SourceQuery, WorkUpdate
from refcheck.resolve.cache import FOUND_TTL, NOT_FOUND_TTL, UPDATES_TTL, Cache
from refcheck.resolve.http import HttpClient, HttpFailure
from refcheck.resolve.sources.arxiv import Arxiv
from refcheck.resolve.sources.client import IdAnswer, SearchHits
from refcheck.resolve.sources.dblp import Dblp
from refcheck.resolve.sources.europepmc import EuropePmc
from refcheck.resolve.sources.openalex import OpenAlex
from refcheck.resolve.sources.order import REGISTRIES, Outcome, Step, first_validated, lookup_order
from refcheck.resolve.sources.pubmed import PubMed
from refcheck.resolve.sources.record import SourceRecord, record_from_json, record_to_json
from refcheck.resolve.sources.semanticscholar import SemanticScholar

__all__ = ["SOURCE_NAMESPACE", "Sources", "source_find"]

SOURCE_NAMESPACE = "source"
_NOT_ASKED = HttpFailure(LookupStatus.SKIPPED, "this source cannot look that up")


@dataclass(frozen=True)
class _Hit:
    """An answer read from the cache (``answer`` None: the source does not hold the id)."""

    answer: IdAnswer | SearchHits


class Sources:
    """The sources ``settings.sources`` turns on, sharing one HTTP client and one cache."""

    def __init__(self, client: HttpClient, cache: Cache, settings: Settings) -> None:
        self.cache = cache
        self.enabled = frozenset(settings.sources)
        self.openalex = OpenAlex(client, settings.openalex_url, settings.mailto)
        self.semanticscholar = SemanticScholar(
            client, settings.semanticscholar_url, settings.s2_api_key
        )
        self.arxiv = Arxiv(client, settings.arxiv_url)
        self.dblp = Dblp(client, settings.dblp_url)
        self.europepmc = EuropePmc(client, settings.europepmc_url)
        self.pubmed = PubMed(client, settings.eutils_url, settings.mailto)
        # Answers of this run by step, failures too: two documents citing one work, or one
        # source failing for a query, cost one request (each step's lock keeps it so while
        # threads ask at once).
        self._answers: dict[str, IdAnswer | SearchHits] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()

    def find(self, reference: Reference) -> Outcome:
        """The first validated record in the reference's polite order, beyond the registries
        (whose DOI lookups :mod:`refcheck.resolve.lookup` makes)."""
        steps = [s for s in lookup_order(reference, self.enabled) if s.source != REGISTRIES]
        return first_validated(reference, steps, self.ask)

    def ask(self, step: Step) -> IdAnswer | SearchHits:
        key = f"{step.source}|{step.kind}|{step.value}"
        with self._locks_lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._answers:
                self._answers[key] = self._ask_once(key, step)
            return self._answers[key]

    def _ask_once(self, key: str, step: Step) -> IdAnswer | SearchHits:
        cached = self._cached(key, step.kind == "title")
        if cached is not None:
            return cached.answer
        answer = self._send(step)
        if not isinstance(answer, HttpFailure):
            self._put(key, answer)
        return answer

    def _send(self, step: Step) -> IdAnswer | SearchHits:
        if step.source not in self.enabled:
            return _NOT_ASKED
        if step.kind == "title":
            return self._search(step.source, step.value)
        if step.source == "arxiv":
            return self.arxiv.papers([step.value]).get(step.value)
        if step.source == "pubmed":
            return self.pubmed.summaries([step.value]).get(step.value)
        if step.source == "europepmc":
            return self.europepmc.by_identifier(step.kind, step.value)
        if step.source == "openalex" and step.kind == "doi":
            return self.openalex.works_by_doi([step.value]).get(step.value, _NOT_ASKED)
        if step.source == "semanticscholar":
            key = (step.kind, step.value)
            return self.semanticscholar.papers([key]).get(key, _NOT_ASKED)
        return _NOT_ASKED

    def _search(self, source: str, title: str) -> SearchHits:
        searches = {
            "openalex": self.openalex.search_title,
            "semanticscholar": self.semanticscholar.match_title,
            "arxiv": self.arxiv.search_title,
            "dblp": self.dblp.search,
            "europepmc": self.europepmc.search_title,
        }
        search = searches.get(source)
        return search(title) if search is not None else _NOT_ASKED

    def _put(self, key: str, answer: SourceRecord | list[SourceRecord] | None) -> None:
        records = answer if isinstance(answer, list) else [answer] if answer else []
        fresh = any(record.retracted is not None for record in records)
        ttl = (UPDATES_TTL if fresh else FOUND_TTL) if records else NOT_FOUND_TTL
        value = {"list": isinstance(answer, list), "records": [record_to_json(r) for r in records]}
        self.cache.put(SOURCE_NAMESPACE, key, value, ttl)

    def _cached(self, key: str, is_search: bool) -> _Hit | None:
        """The cached answer, or None when there is none to use (asked again)."""
        data = self.cache.get(SOURCE_NAMESPACE, key)
        if not isinstance(data, Mapping) or data.get("list") is not is_search:
            return None
        try:
            records = [record_from_json(item) for item in _list(data.get("records"))]
        except (KeyError, TypeError, ValueError):
            return None  # a damaged entry, or a shape from another version: ask again
        if is_search:
            return _Hit(records)
        return _Hit(records[0] if records else None)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


def source_find(outcome: Outcome) -> SourceFind:
    """The outcome as the model's :class:`SourceFind`: records as comparable works."""
    asked = tuple(
        SourceQuery(step.source, step.kind, step.value, status) for step, status in outcome.asked
    )
    twins = tuple(twin.as_work() for twin in outcome.title_twins)
    record, step = outcome.record, outcome.step
    if record is None or step is None:
        return SourceFind(title_twins=twins, asked=asked)
    work = record.as_work()
    if record.retracted:  # OpenAlex's is_retracted (from Retraction Watch and the publishers)
        label = f"marked retracted by {record.source}"
        work = dataclasses.replace(
            work, updates=(WorkUpdate("retraction", None, label, record.source),)
        )
    return SourceFind(work, _identifier(record, step), twins, asked, step.kind)


def _identifier(record: SourceRecord, step: Step) -> tuple[str, str]:
    """What the work is known by: the identifier asked, else its DOI, else the source's key."""
    if step.kind != "title":
        return (step.kind, step.value)
    if record.doi:
        return ("doi", record.doi)
    return (record.source, record.source_id)
