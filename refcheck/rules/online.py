"""What the online rules share: each reference with what the registries said about it."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Reference, ReferenceResolution
from refcheck.resolve.verdict import CitedRecord, cited_record, doi_record, search_record
from refcheck.rules.base import RuleInput

__all__ = [
    "CitedRecord",
    "cited_record",
    "cited_records",
    "doi_record",
    "resolved_references",
    "search_record",
]


def resolved_references(data: RuleInput) -> Iterator[tuple[Reference, ReferenceResolution]]:
    """Every reference the resolve stage looked at; none when offline."""
    for reference in data.document.references:
        resolution = data.resolutions.of_reference(reference.id)
        if resolution is not None:
            yield reference, resolution


def cited_records(data: RuleInput) -> Iterator[tuple[Reference, CitedRecord]]:
    """Each reference whose cited work's record is known for certain, with that record."""
    for reference, resolution in resolved_references(data):
        cited = cited_record(reference, resolution)
        if cited is not None:
            yield reference, cited
