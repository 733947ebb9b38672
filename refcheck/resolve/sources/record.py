"""What a bibliographic source says about one work, whatever the source's own shape.

:class:`SourceRecord` is the small typed record every source client returns. Unlike a
registry's :class:`~refcheck.model.WorkRecord` it need not have a DOI (an arXiv preprint, a
dblp entry, a PubMed record may have none); ``as_work`` gives the comparable fields as a
``WorkRecord`` so that :mod:`refcheck.resolve.match` can validate it like a Crossref hit.
The readers here are lenient in the way of :mod:`refcheck.resolve.records`: any field may be
missing or of the wrong type, and what cannot be read is left ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from refcheck.extract.identifiers import normalize_doi
from refcheck.model import Author, WorkRecord
from refcheck.patterns import compiled

__all__ = [
    "SourceRecord",
    "authors_from_names",
    "doi_or_none",
    "person",
    "record_from_json",
    "record_to_json",
    "text",
    "year_of",
]

_YEAR = compiled(r"\b(1[5-9]\d\d|20\d\d)\b")
# dblp tells homonyms apart with a four-digit number after the name: "Xiaopeng Zhang 0009".
_HOMONYM_NUMBER = compiled(r"\s+\d{4}$")
# PubMed and Europe PMC write "Piwowar HA": family name, then initials in capitals.
_FAMILY_INITIALS = compiled(r"^(?P<family>.+?)\s+(?P<initials>[A-Z]{1,4})$")


@dataclass(frozen=True)
class SourceRecord:
    """One work as a source knows it; ``source_id`` is the source's own key of the work."""

    source: str  # openalex, semanticscholar, arxiv, dblp, europepmc, pubmed
    source_id: str  # W…, a paperId, an arXiv id, a dblp key, a PMID
    title: str | None = None
    authors: tuple[Author, ...] = ()
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    year: str | None = None
    type: str | None = None  # the source's own vocabulary
    doi: str | None = None  # normalised
    arxiv_id: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    retracted: bool | None = None  # None: the source does not say

    def as_work(self) -> WorkRecord:
        """The comparable fields as a registry record; without a DOI, ``doi`` holds the
        source-qualified id ("arxiv:2312.07559") so that two such candidates stay apart."""
        return WorkRecord(
            doi=self.doi or f"{self.source}:{self.source_id}",
            source=self.source,
            title=self.title,
            authors=self.authors,
            container=self.container,
            volume=self.volume,
            issue=self.issue,
            pages=self.pages,
            year=self.year,
            type=self.type,
        )


def field_at(data: Any, *keys: str) -> Any:
    """The value under ``keys`` in nested JSON objects; None where a level is not an object."""
    for key in keys:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def text(value: Any) -> str | None:
    """A non-empty string with whitespace collapsed; numbers become strings."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        collapsed = " ".join(str(value).split())
        return collapsed or None
    return None


def year_of(value: Any) -> str | None:
    """The first plausible four-digit year in a number or a date string ("2007 Mar 21")."""
    found = _YEAR.search(text(value) or "")
    return found.group(1) if found else None


def doi_or_none(value: Any) -> str | None:
    found = text(value)
    return normalize_doi(found) if found else None


def person(name: Any) -> Author | None:
    """A display name as sources write it: "Jakub Lála", "Piwowar HA", "Zhang, Xiaopeng"."""
    full = text(name)
    if not full:
        return None
    full = _HOMONYM_NUMBER.sub("", full).rstrip(".")
    if full.count(",") == 1:
        family, given = (part.strip() for part in full.split(","))
        return Author(family=family, given=given)
    initials = _FAMILY_INITIALS.match(full)
    if initials:
        return Author(family=initials["family"], given=initials["initials"])
    given, _, family = full.rpartition(" ")
    return Author(family=family, given=given)


def authors_from_names(names: Any) -> tuple[Author, ...]:
    if not isinstance(names, list):
        return ()
    return tuple(a for a in map(person, names) if a is not None)


def record_to_json(record: SourceRecord) -> dict[str, Any]:
    """A plain dict for the cache; :func:`record_from_json` reads it back."""
    return asdict(record)


def record_from_json(data: Mapping[str, Any]) -> SourceRecord:
    """The inverse of :func:`record_to_json`; raises KeyError/TypeError on any other shape (a
    damaged or tampered cache entry is asked again, never handed on)."""
    values = dict(data)
    authors = values.get("authors")
    if not isinstance(authors, list) or not all(isinstance(a, Mapping) for a in authors):
        raise TypeError("authors must be a list of objects")
    values["authors"] = tuple(Author(**a) for a in authors)
    record = SourceRecord(**values)
    for field in fields(record):
        value = getattr(record, field.name)
        if field.name == "authors":
            if not all(isinstance(a.family, str) and isinstance(a.given, str) for a in value):
                raise TypeError("an author's names must be strings")
        elif field.name == "retracted":
            if value is not None and not isinstance(value, bool):
                raise TypeError("retracted must be true, false or null")
        elif not (value is None and field.name not in ("source", "source_id")) and not (
            isinstance(value, str)
        ):
            raise TypeError(f"SourceRecord.{field.name} must be a string")
    return record
