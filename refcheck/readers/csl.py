"""CSL-JSON items (what Zotero and Mendeley store in a Word document's fields) as references."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from refcheck.model import Author, Reference
from refcheck.readers.bibtex import with_written_out_raw

# CSL item types → refcheck's reference types.
_TYPES = {
    "article-journal": "article",
    "article": "preprint",
    "paper-conference": "proceedings",
    "chapter": "chapter",
    "book": "book",
    "report": "report",
    "thesis": "thesis",
    "webpage": "web",
    "post-weblog": "web",
    "dataset": "dataset",
    "software": "software",
    "article-newspaper": "news",
    "article-magazine": "news",
}


def csl_reference(item: Mapping[str, Any], id: str, key: str) -> Reference:
    """One CSL-JSON item as a reference, its fields taken as they are."""
    year = _year(item.get("issued"))
    doi = _string(item.get("DOI"))
    url = _string(item.get("URL"))
    reference = Reference(
        id=id,
        raw="",
        page=1,
        key=key,
        authors=tuple(_authors(item.get("author") or item.get("editor") or [])),
        year=year,
        title=_string(item.get("title")),
        container=_string(item.get("container-title")),
        volume=_string(item.get("volume")),
        issue=_string(item.get("issue")),
        pages=(_string(item.get("page")) or "").replace("–", "-") or None,
        doi=doi,
        urls=(url,) if url else (),
        publisher=_string(item.get("publisher")),
        type=_TYPES.get(str(item.get("type", "")), "other"),
    )
    return with_written_out_raw(reference)


def _authors(people: Any) -> list[Author]:
    authors = []
    for person in people if isinstance(people, list) else []:
        if not isinstance(person, Mapping):
            continue
        if person.get("literal"):
            authors.append(Author(family=str(person["literal"]), organization=True))
        elif person.get("family"):
            family = " ".join(
                str(p) for p in (person.get("non-dropping-particle"), person["family"]) if p
            )
            authors.append(Author(family=family, given=str(person.get("given", ""))))
    return authors


def _year(issued: Any) -> str | None:
    """The year of CSL's ``{"date-parts": [[2020, 3, 1]]}`` (or its ``raw`` text)."""
    if not isinstance(issued, Mapping):
        return None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return str(parts[0][0])[:4]
    raw = str(issued.get("raw", "") or issued.get("literal", ""))
    return raw[:4] if raw[:4].isdigit() else None


def _string(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value not in (None, "") else ""
    return text or None
