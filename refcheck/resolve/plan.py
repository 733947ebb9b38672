"""What to look up for one document: DOIs, bibliographic searches and URLs, before any request."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from refcheck.config import Settings
from refcheck.extract.identifiers import normalize_doi
from refcheck.model import Document, DoiLookup, LookupStatus, Reference
from refcheck.patterns import compiled
from refcheck.resolve.match import is_same_work
from refcheck.resolve.url_choice import doi_of_link, url_not_checked

__all__ = ["DocumentPlan", "ReferencePlan", "plan_document", "search_query", "wants_search"]

# Reference types a registry search can find and a missing match is suspicious for.
SEARCHABLE_TYPES = frozenset({"article", "proceedings", "chapter"})
# Crossref matches unstructured references best whole; very long ones are cut (URL length).
MAX_QUERY_CHARS = 400
_LABEL = compiled(r"^\s*(?:\[[^\]]{1,12}\]|\(?\d{1,4}[.)])\s*")
_LINKS = compiled(r"(?:https?://|www\.|doi:\s*|\b10\.\d{4,9}/)\S+", re.IGNORECASE)


@dataclass(frozen=True)
class ReferencePlan:
    """One reference's lookups: its DOI, its search query, its URLs and why some are not fetched."""

    reference: Reference
    doi: str | None
    query: str | None  # set when a search may be made (no DOI, or a DOI of another work)
    urls: tuple[tuple[str, str | None], ...] = ()  # (url, why it is not fetched or None)


@dataclass(frozen=True)
class DocumentPlan:
    references: tuple[ReferencePlan, ...]
    own_doi: str | None

    def asks_anything(self, sources_on: bool) -> bool:
        """True when the document needs the network (a source may be asked of any reference)."""
        has_references = sources_on and bool(self.references)
        return bool(self.dois or self.queries or self.has_urls or has_references)

    @property
    def dois(self) -> list[str]:
        found = [item.doi for item in self.references if item.doi]
        return found + ([self.own_doi] if self.own_doi else [])

    @property
    def has_urls(self) -> bool:
        return any(item.urls for item in self.references)

    @property
    def urls_to_check(self) -> list[str]:
        return [url for item in self.references for url, reason in item.urls if reason is None]

    @property
    def queries(self) -> list[str]:
        return [item.query for item in self.references if item.query and item.doi is None]


def search_query(reference: Reference) -> str | None:
    """The reference as Crossref's matcher wants it (the whole citation, without links)."""
    if reference.type not in SEARCHABLE_TYPES or not reference.title:
        return None
    text = _LINKS.sub(" ", _LABEL.sub("", reference.raw))
    query = " ".join(text.split())[:MAX_QUERY_CHARS]
    return query or None


def _doi_of(reference: Reference) -> str | None:
    if reference.doi:
        return normalize_doi(reference.doi)
    return next((doi for url in reference.urls if (doi := doi_of_link(url))), None)


def plan_document(document: Document, settings: Settings) -> DocumentPlan:
    references = tuple(
        ReferencePlan(
            reference=reference,
            doi=_doi_of(reference),
            query=search_query(reference),
            urls=tuple(
                (
                    url,
                    url_not_checked(url, settings.url_allow, settings.url_deny)
                    if settings.check_urls
                    else "URL checks turned off (--no-urls)",
                )
                for url in dict.fromkeys(reference.urls)
            ),
        )
        for reference in document.references
    )
    own = document.metadata.doi
    return DocumentPlan(references, normalize_doi(own) if own else None)


def wants_search(item: ReferencePlan, dois: Mapping[str, DoiLookup]) -> bool:
    """Search when there is no DOI, when the DOI does not exist, or when its record clearly
    is another work: the search lets DOI001 and DOI002 name the right DOI.
    """
    if item.query is None:
        return False
    if item.doi is None:
        return True
    lookup = dois.get(item.doi)
    if lookup is not None and lookup.status is LookupStatus.NOT_FOUND:
        return True
    if lookup is None or lookup.status is not LookupStatus.RESOLVED or lookup.record is None:
        return False
    return is_same_work(item.reference, lookup.record) is False
