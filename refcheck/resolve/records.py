"""Registry JSON → :class:`~refcheck.model.WorkRecord`: Crossref works, DataCite, CSL-JSON.

Registries send what they have, not what their documentation promises: any field may be
missing, empty, a list where a string was expected or the other way round. Every reader here
takes what it can and leaves the rest ``None``; only a record without a DOI is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, fields
from typing import Any, TypeVar

from refcheck.extract.identifiers import normalize_doi
from refcheck.model import Author, WorkRecord, WorkUpdate

__all__ = [
    "crossref_record",
    "csl_record",
    "datacite_record",
    "record_from_json",
    "record_to_json",
]


def _text(value: Any) -> str | None:
    """The first non-empty string of a string or a list of strings, whitespace collapsed."""
    if isinstance(value, (list, tuple)):
        return next((t for t in map(_text, value) if t), None)
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def _texts(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, (list, tuple)) else [value]
    return tuple(dict.fromkeys(t for t in map(_text, items) if t))


def _date_parts(value: Any) -> list[int]:
    """``{"date-parts": [[2012, 3, 21]]}`` → [2012, 3, 21]; partial or broken dates shorten."""
    if not isinstance(value, Mapping):
        return []
    parts = value.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return []
    numbers: list[int] = []
    for part in parts[0]:
        try:
            numbers.append(int(part))
        except (TypeError, ValueError):
            break
    return numbers


def _year(value: Any) -> str | None:
    parts = _date_parts(value)
    return f"{parts[0]:04d}" if parts and 0 < parts[0] < 10000 else None


def _iso_date(value: Any) -> str | None:
    parts = _date_parts(value)
    if not parts or not 0 < parts[0] < 10000:
        return None
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:3])])


def _pages(value: Any) -> str | None:
    """Crossref and CSL write ranges with hyphens or en dashes; the model's form is "a-b"."""
    text = _text(value)
    return re.sub(r"\s*[-‐‑‒–—]+\s*", "-", text) if text else None


def _person(family: Any, given: Any, name: Any, organization: bool) -> Author | None:
    family_text, given_text, name_text = _text(family), _text(given), _text(name)
    if family_text:
        return Author(family=family_text, given=given_text or "")
    if name_text and not organization and name_text.count(",") == 1:
        last, first = (part.strip() for part in name_text.split(","))
        return Author(family=last, given=first)
    if name_text:
        return Author(family=name_text, organization=True)
    return None


def _authors(items: Any, read: Callable[[Mapping[str, Any]], Author | None]) -> tuple[Author, ...]:
    if not isinstance(items, list):
        return ()
    authors = (read(item) for item in items if isinstance(item, Mapping))
    return tuple(a for a in authors if a is not None)


def _crossref_author(item: Mapping[str, Any]) -> Author | None:
    # Crossref gives organisations as {"name": ...}; a literal name is never split.
    return _person(item.get("family"), item.get("given"), item.get("name"), organization=True)


def _update(item: Any) -> WorkUpdate | None:
    if not isinstance(item, Mapping) or not _text(item.get("type")):
        return None
    doi = _text(item.get("DOI"))
    return WorkUpdate(
        type=str(_text(item.get("type"))).lower(),
        doi=normalize_doi(doi) if doi else None,
        label=_text(item.get("label")) or "",
        source=_text(item.get("source")) or "",
        date=_iso_date(item.get("updated")),
    )


def _updates(items: Any) -> tuple[WorkUpdate, ...]:
    if not isinstance(items, list):
        return ()
    return tuple(u for u in map(_update, items) if u is not None)


def _doi(value: Any) -> str | None:
    text = _text(value)
    return normalize_doi(text) if text else None


def crossref_record(item: Any) -> WorkRecord | None:
    """One item of a Crossref works list (or the message of /works/{doi}); None without DOI."""
    return _citeproc_like(item, "crossref", _crossref_author, "short-container-title")


def _kebab(name: str) -> str:
    """DataCite's "JournalArticle" → "journal-article", the spelling Crossref uses."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "-", name).lower()


def _datacite_author(item: Mapping[str, Any]) -> Author | None:
    organization = item.get("nameType") == "Organizational"
    return _person(item.get("familyName"), item.get("givenName"), item.get("name"), organization)


def _datacite_title(titles: Any) -> str | None:
    """The main title: the first entry without a ``titleType`` (subtitles, translations)."""
    if not isinstance(titles, list):
        return None
    entries = [t for t in titles if isinstance(t, Mapping)]
    main = [t for t in entries if not t.get("titleType")] or entries
    return next((text for t in main if (text := _text(t.get("title")))), None)


def _datacite_pages(container: Mapping[str, Any]) -> str | None:
    first, last = _text(container.get("firstPage")), _text(container.get("lastPage"))
    if first and last and last != first:
        return f"{first}-{last}"
    return first


def datacite_record(attributes: Any) -> WorkRecord | None:
    """DataCite's JSON:API ``data.attributes`` of one DOI; None without DOI."""
    if not isinstance(attributes, Mapping) or (doi := _doi(attributes.get("doi"))) is None:
        return None
    container = attributes.get("container")
    container = container if isinstance(container, Mapping) else {}
    types = attributes.get("types")
    general = _text(types.get("resourceTypeGeneral")) if isinstance(types, Mapping) else None
    year = _text(attributes.get("publicationYear"))
    return WorkRecord(
        doi=doi,
        source="datacite",
        title=_datacite_title(attributes.get("titles")),
        authors=_authors(attributes.get("creators"), _datacite_author),
        container=_text(container.get("title")),
        volume=_text(container.get("volume")),
        issue=_text(container.get("issue")),
        pages=_datacite_pages(container),
        year=year if year and re.fullmatch(r"\d{4}", year) else None,
        type=_kebab(general) if general else None,
    )


def _csl_author(item: Mapping[str, Any]) -> Author | None:
    return _person(item.get("family"), item.get("given"), item.get("literal"), organization=True)


def csl_record(item: Any) -> WorkRecord | None:
    """CSL-JSON from content negotiation at doi.org (any agency); None without DOI."""
    return _citeproc_like(item, "doi.org", _csl_author, "container-title-short")


def _citeproc_like(
    item: Any,
    source: str,
    author: Callable[[Mapping[str, Any]], Author | None],
    short_container_key: str,
) -> WorkRecord | None:
    """Crossref's JSON and CSL-JSON share their shape (Crossref's is citeproc-derived); they
    differ in how authors are written and in the short container title's key."""
    if not isinstance(item, Mapping) or (doi := _doi(item.get("DOI"))) is None:
        return None
    return WorkRecord(
        doi=doi,
        source=source,
        title=_text(item.get("title")),
        authors=_authors(item.get("author"), author),
        container=_text(item.get("container-title")),
        short_containers=_texts(item.get(short_container_key)),
        volume=_text(item.get("volume")),
        issue=_text(item.get("issue")),
        pages=_pages(item.get("page")) or _text(item.get("article-number")),
        year=_year(item.get("issued")),
        print_year=_year(item.get("published-print")),
        online_year=_year(item.get("published-online")),
        type=_text(item.get("type")),
        updates=_updates(item.get("updated-by")),
    )


def record_to_json(record: WorkRecord) -> dict[str, Any]:
    """A plain dict for the cache; :func:`record_from_json` reads it back."""
    return asdict(record)


def record_from_json(data: Mapping[str, Any]) -> WorkRecord:
    """The inverse of :func:`record_to_json`; raises KeyError/TypeError on a foreign shape,
    including a field of another type than was written (a damaged or tampered cache entry)."""
    values = dict(data)
    values["authors"] = tuple(_typed(Author(**a)) for a in _sequence(values.get("authors")))
    values["updates"] = tuple(_typed(WorkUpdate(**u)) for u in _sequence(values.get("updates")))
    values["short_containers"] = tuple(_sequence(values.get("short_containers")))
    return _typed(WorkRecord(**values))


# What each field annotation of the record classes admits when read back.
_ADMITS: dict[str, Callable[[Any], bool]] = {
    "str": lambda value: isinstance(value, str),
    "str | None": lambda value: value is None or isinstance(value, str),
    "bool": lambda value: isinstance(value, bool),
    "tuple[str, ...]": lambda value: all(isinstance(item, str) for item in value),
    "tuple[Author, ...]": lambda value: all(isinstance(item, Author) for item in value),
    "tuple[WorkUpdate, ...]": lambda value: all(isinstance(item, WorkUpdate) for item in value),
}

_Record = TypeVar("_Record", Author, WorkUpdate, WorkRecord)


def _typed(record: _Record) -> _Record:
    for field in fields(record):
        if not _ADMITS[str(field.type)](getattr(record, field.name)):
            raise TypeError(f"{type(record).__name__}.{field.name} is not a {field.type}")
    return record


def _sequence(value: Any) -> Sequence[Any]:
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value
