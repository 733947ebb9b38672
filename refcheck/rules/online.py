"""What the online rules share: each reference with what the registries said about it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from refcheck.model import LookupStatus, Reference, ReferenceResolution, WorkRecord
from refcheck.resolve.fields import first_author_agrees, titles_agree
from refcheck.rules.base import RuleInput


def resolved_references(data: RuleInput) -> Iterator[tuple[Reference, ReferenceResolution]]:
    """Every reference the resolve stage looked at; none when offline."""
    for reference in data.document.references:
        resolution = data.resolutions.of_reference(reference.id)
        if resolution is not None:
            yield reference, resolution


@dataclass(frozen=True)
class CitedRecord:
    """The registry record of the work a reference cites, and how it was found."""

    record: WorkRecord
    via: str  # "doi": the reference's own DOI; "search": a validated bibliographic match


def doi_record(resolution: ReferenceResolution) -> WorkRecord | None:
    lookup = resolution.doi
    if lookup is None or lookup.status is not LookupStatus.RESOLVED:
        return None
    return lookup.record


def search_record(resolution: ReferenceResolution) -> WorkRecord | None:
    search = resolution.search
    if search is None or search.status is not LookupStatus.RESOLVED:
        return None
    return search.record


def cited_record(reference: Reference, resolution: ReferenceResolution) -> CitedRecord | None:
    """The record that is certainly the cited work, or None.

    The DOI's record counts when its title or its first author agrees with the reference (a
    DOI of another work is DOI002's business, not a list of field mismatches); otherwise a
    validated search match counts.
    """
    record = doi_record(resolution)
    if record is not None and (
        titles_agree(reference.title, record.title) is True
        or first_author_agrees(reference.authors, record.authors) is True
    ):
        return CitedRecord(record, "doi")
    if reference.doi is None or record is None:
        found = search_record(resolution)
        if found is not None:
            return CitedRecord(found, "search")
    return None


def cited_records(data: RuleInput) -> Iterator[tuple[Reference, CitedRecord]]:
    """Each reference whose cited work's record is known for certain, with that record."""
    for reference, resolution in resolved_references(data):
        cited = cited_record(reference, resolution)
        if cited is not None:
            yield reference, cited
