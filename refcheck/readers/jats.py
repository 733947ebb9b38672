"""JATS XML, the format of publishers' production systems and PubMed Central.

``<ref-list>`` gives the references (``element-citation`` fields exactly; a
``mixed-citation`` without them is read as printed text), ``<xref ref-type="bibr" rid="…">``
the citations, linked by ``rid`` exactly, and ``<article-meta>`` with ``<journal-meta>`` the
paper's own metadata. The XML is parsed with defusedxml: a document type declaration (PMC
files have one) is allowed, but entity declarations and external references are refused, so a
billion-laughs file is an input error, not a hang.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as parse_xml

from refcheck.errors import SourceFileError
from refcheck.extract.references.parse import parse_reference
from refcheck.model import (
    Author,
    Citation,
    CitedWork,
    Document,
    PaperMetadata,
    Reference,
    Statement,
)
from refcheck.readers.document import source_document

# JATS publication types → refcheck's reference types.
_TYPES = {
    "journal": "article",
    "book": "book",
    "confproc": "proceedings",
    "conf-proc": "proceedings",
    "report": "report",
    "thesis": "thesis",
    "web": "web",
    "webpage": "web",
    "preprint": "preprint",
    "data": "dataset",
    "software": "software",
}
# Text between two xrefs that makes them a range: "[3]–[6]" cites 4 and 5 too.
_RANGE_DASHES = {"-", "–", "—", "‐", "−"}


def read_jats(path: Path) -> Document:
    """A JATS article: its references, its citations of them and its own metadata."""
    root = _parse(path)
    references = tuple(_references(root))
    citations = _citations(root, [r.key or "" for r in references])
    return source_document(path, "jats", references, tuple(citations), _metadata(root))


def _parse(path: Path) -> ET.Element:
    try:
        tree = parse_xml(path, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise SourceFileError(
            f"{path}: the XML declares entities or external references ({exc}); refcheck "
            "refuses them, since they can expand without bound. Remove the declarations."
        ) from exc
    except ET.ParseError as exc:
        raise SourceFileError(f"{path}: not well-formed XML ({exc})") from exc
    root: ET.Element = tree.getroot()
    for element in root.iter():  # JATS is unqualified, but some exports add a namespace
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]
    if root.tag != "article":
        raise SourceFileError(f"{path}: the root element is <{root.tag}>, not a JATS <article>")
    return root


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _references(root: ET.Element) -> Iterator[Reference]:
    refs = root.findall("./back//ref-list/ref") or root.findall(".//ref-list/ref")
    for number, ref in enumerate(refs, start=1):
        key = ref.get("id") or f"ref{number}"
        citation = ref.find("element-citation")
        if citation is None:
            citation = ref.find("mixed-citation")
        if citation is None:
            citation = ref.find("citation")
        if citation is None:
            continue
        label = _text(ref.find("label"))
        label = label.strip("[].") if label else None
        yield _reference(citation, f"R{number}", key, label)


def _reference(citation: ET.Element, id: str, key: str, label: str | None) -> Reference:
    raw = _text(citation) or ""
    printed = parse_reference(raw, id=id, page=1, label=label)
    authors = tuple(_people(citation))
    if not authors and citation.find("article-title") is None and citation.find("source") is None:
        return replace(printed, key=key)  # an unstructured mixed-citation: read as printed
    first, last = _text(citation.find("fpage")), _text(citation.find("lpage"))
    pages = f"{first}-{last}" if first and last else first or _text(citation.find("elocation-id"))
    kind = citation.get("publication-type") or citation.get("citation-type") or ""
    title = citation.find("article-title")
    if title is None:
        title = citation.find("chapter-title")
    return replace(
        printed,
        key=key,
        authors=authors or printed.authors,
        year=(_text(citation.find("year")) or "")[:4] or printed.year,
        title=_text(title) or (_text(citation.find("source")) if kind == "book" else None),
        container=None if kind == "book" else _text(citation.find("source")),
        volume=_text(citation.find("volume")),
        issue=_text(citation.find("issue")),
        pages=pages,
        doi=_text(citation.find("pub-id[@pub-id-type='doi']")) or printed.doi,
        publisher=_text(citation.find("publisher-name")),
        type=_TYPES.get(kind, printed.type),
    )


def _people(citation: ET.Element) -> Iterator[Author]:
    group = citation.find("person-group[@person-group-type='author']")
    if group is None:
        group = citation.find("person-group")
    names = list(group) if group is not None else list(citation)
    for name in names:
        if name.tag in ("name", "string-name"):
            family = _text(name.find("surname")) or _text(name) or ""
            yield Author(family=family, given=_text(name.find("given-names")) or "")
        elif name.tag == "collab":
            yield Author(family=_text(name) or "", organization=True)


def _citations(root: ET.Element, keys: Sequence[str]) -> Iterator[Citation]:
    """One citation per ``<xref ref-type="bibr">``; "[3]–[6]" also cites 4 and 5."""
    body = root.find("body")
    if body is None:
        return
    number = 0
    for parent in body.iter():
        children = list(parent)
        for index, xref in enumerate(children):
            if xref.tag != "xref" or xref.get("ref-type") != "bibr":
                continue
            rids = (xref.get("rid") or "").split()
            between = _range_between(children, index, rids, keys)
            if not rids:
                continue
            number += 1
            works = tuple(CitedWork(_text(xref) or rid, key=rid) for rid in [*rids, *between])
            text = _text(xref) or " ".join(rids)
            style = "numeric" if text.strip("[]()").isdigit() else "parenthetical"
            yield Citation(f"C{number}", text, 1, style, works)


def _range_between(
    children: Sequence[ET.Element], index: int, rids: Sequence[str], keys: Sequence[str]
) -> list[str]:
    """The keys strictly between this xref and the next, when a dash alone joins them."""
    xref = children[index]
    following = children[index + 1] if index + 1 < len(children) else None
    if not rids or following is None or following.tag != "xref":
        return []
    if (xref.tail or "").strip() not in _RANGE_DASHES:
        return []
    start, end = rids[-1], (following.get("rid") or "").split()[:1]
    if start not in keys or not end or end[0] not in keys:
        return []
    return list(keys[keys.index(start) + 1 : keys.index(end[0])])


def _metadata(root: ET.Element) -> PaperMetadata:
    """The paper's own metadata from ``<article-meta>`` and ``<journal-meta>``."""
    meta = root.find("./front/article-meta")
    journal = root.find("./front/journal-meta")
    if meta is None:
        return PaperMetadata()
    first, last = _text(meta.find("fpage")), _text(meta.find("lpage"))
    values = {
        "title": _text(meta.find("./title-group/article-title")),
        "doi": _text(meta.find("article-id[@pub-id-type='doi']")),
        "volume": _text(meta.find("volume")),
        "issue": _text(meta.find("issue")),
        "pages": f"{first}-{last}" if first and last else first or _text(meta.find("elocation-id")),
        "year": _publication_year(meta),
        "journal": _text(journal.find(".//journal-title")) if journal is not None else None,
    }
    issns = (
        tuple(t for i in journal.findall("issn") if (t := _text(i))) if journal is not None else ()
    )
    authors = tuple(
        " ".join(p for p in (_text(n.find("given-names")), _text(n.find("surname"))) if p)
        for n in meta.findall("./contrib-group/contrib[@contrib-type='author']/name")
    )
    statements = tuple(
        Statement(field, value, value.lower() if field == "doi" else value, 1, "markup")
        for field, value in values.items()
        if value
    )
    return PaperMetadata(authors=authors, issn=issns, statements=statements, **values)


def _publication_year(meta: ET.Element) -> str | None:
    """The year of the version of record: print, else electronic, else any date given."""
    dates = meta.findall("pub-date")
    for wanted in ("ppub", "epub", "collection", "pub"):
        for date in dates:
            if wanted in (date.get("pub-type"), date.get("date-type")):
                return _text(date.find("year"))
    return _text(dates[0].find("year")) if dates else None
