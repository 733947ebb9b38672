"""Word documents (.docx), read with python-docx.

The text is searched for citations as a PDF's text is (the same citation finder, paragraph by
paragraph, superscript runs kept), up to a references heading; the paragraphs after it are the
reference list, each parsed as a printed reference. Where Zotero or Mendeley inserted the
citations as fields (``ADDIN ZOTERO_ITEM CSL_CITATION {…}``, Mendeley's ``ADDIN CSL_CITATION``),
the cited works come from the fields' CSL-JSON exactly and are the reference list; citations
typed by hand beside them are still found in the text and linked by names and year.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import docx
from lxml import etree

from refcheck.errors import SourceFileError
from refcheck.extract.citations.scan import citations_in_text
from refcheck.extract.references.parse import parse_reference
from refcheck.model import Citation, CitedWork, Document, PaperMetadata, Reference, Statement
from refcheck.patterns import compiled
from refcheck.readers.csl import csl_reference
from refcheck.readers.document import source_document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REFERENCES_HEADING = compiled(
    r"^\s*(?:\d+\.?\s*)?(?:references?|bibliography|works cited|literature cited|"
    r"literatur(?:verzeichnis)?|r[ée]f[ée]rences)\s*:?\s*$",
    re.I,
)
_ENTRY_NUMBER = compiled(r"^\s*\[?(\d{1,4})[\].)]\s+")
_CSL_FIELD = compiled(r"ADDIN\s+(?:ZOTERO_ITEM\s+)?CSL_CITATION\s+(\{.*\})\s*$", re.S)
_BIBLIOGRAPHY_FIELD = compiled(r"ADDIN\s+(?:ZOTERO_BIBL|Mendeley Bibliography)", re.I)


@dataclass
class _Field:
    instruction: str = ""
    in_result: bool = False


@dataclass
class _Paragraph:
    """A paragraph's text as printed, with what fields left out and where runs are raised."""

    text: str = ""
    typed: list[tuple[int, int]] = field(default_factory=list)  # spans outside any field
    superscripts: list[tuple[int, int]] = field(default_factory=list)
    in_bibliography: bool = False
    style: str = ""


@dataclass
class _Reading:
    paragraphs: list[_Paragraph] = field(default_factory=list)
    csl_citations: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)


def read_docx(path: Path) -> Document:
    """A Word document's citations, reference list and own title and authors."""
    try:
        word = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise SourceFileError(f"{path}: not a readable Word document ({exc})") from exc
    reading = _read_body(word.element.body)
    body, listed = _split_at_heading(reading.paragraphs)
    numbers = iter(range(1, 1_000_000))
    if reading.csl_citations:
        references, keyed = _csl_references(reading.csl_citations, numbers)
    else:
        references, keyed = tuple(_listed_references(listed)), []
    typed = list(_typed_citations(body, numbers))
    return source_document(path, "docx", references, (*keyed, *typed), _metadata(word))


def _read_body(body: Any) -> _Reading:
    """Walk the body in order: complex fields (begin, instruction, separate, result, end) may
    span runs and paragraphs, so one stack of open fields is kept across them."""
    reading = _Reading()
    fields: list[_Field] = []
    for element in body.iter(f"{_W}p"):
        paragraph = _Paragraph(style=_style_of(element))
        for node in element.iter(f"{_W}fldChar", f"{_W}instrText", f"{_W}t", f"{_W}tab"):
            if node.tag == f"{_W}fldChar":
                _field_char(node.get(f"{_W}fldCharType"), fields, reading)
            elif node.tag == f"{_W}instrText" and fields and not fields[-1].in_result:
                fields[-1].instruction += node.text or ""
            elif node.tag in (f"{_W}t", f"{_W}tab"):
                _add_text(paragraph, node, fields)
        paragraph.in_bibliography = any(_BIBLIOGRAPHY_FIELD.search(f.instruction) for f in fields)
        reading.paragraphs.append(paragraph)
    return reading


def _field_char(kind: str | None, fields: list[_Field], reading: _Reading) -> None:
    if kind == "begin":
        fields.append(_Field())
    elif kind == "separate" and fields:
        fields[-1].in_result = True
    elif kind == "end" and fields:
        ended = fields.pop()
        found = _CSL_FIELD.search(ended.instruction)
        if found:
            items = _csl_items(found.group(1))
            if items:
                reading.csl_citations.append(items)


def _add_text(paragraph: _Paragraph, node: Any, fields: Sequence[_Field]) -> None:
    text = "\t" if node.tag == f"{_W}tab" else node.text or ""
    start, end = len(paragraph.text), len(paragraph.text) + len(text)
    paragraph.text += text
    if not fields:  # runs typed one after another make one span: a callout may cross runs
        if paragraph.typed and paragraph.typed[-1][1] == start:
            start = paragraph.typed.pop()[0]
        paragraph.typed.append((start, end))
        start = end - len(text)
    alignment = node.getparent().find(f"{_W}rPr/{_W}vertAlign")
    if alignment is not None and alignment.get(f"{_W}val") == "superscript":
        paragraph.superscripts.append((start, end))


def _csl_items(payload: str) -> tuple[str, list[dict[str, Any]]] | None:
    """The citation's printed form and its items; a field whose JSON is damaged is skipped
    (Word keeps the printed text, which the text search still reads)."""
    try:
        data = json.loads(payload)
    except json.JSONDecodeError:
        return None
    items = [i for i in data.get("citationItems", []) if isinstance(i.get("itemData"), dict)]
    properties = data.get("properties") or {}
    printed = properties.get("plainCitation") or properties.get("formattedCitation") or ""
    return (str(printed), items) if items else None


def _style_of(element: Any) -> str:
    style = element.find(f"{_W}pPr/{_W}pStyle")
    return str(style.get(f"{_W}val")) if style is not None else ""


def _split_at_heading(
    paragraphs: Sequence[_Paragraph],
) -> tuple[list[_Paragraph], list[_Paragraph]]:
    """The text before the references heading (or the bibliography field), and the list
    after it up to the next heading."""
    for index, paragraph in enumerate(paragraphs):
        if _REFERENCES_HEADING.match(paragraph.text) or paragraph.in_bibliography:
            start = index if paragraph.in_bibliography else index + 1
            listed = []
            for entry in paragraphs[start:]:
                if entry.style.lower().startswith("heading") and entry.text.strip():
                    break
                listed.append(entry)
            return list(paragraphs[:index]), listed
    return list(paragraphs), []


def _listed_references(paragraphs: Sequence[_Paragraph]) -> Iterator[Reference]:
    texts = [p.text.strip() for p in paragraphs if p.text.strip()]
    for number, text in enumerate(texts, start=1):
        label = _ENTRY_NUMBER.match(text)
        entry = text[label.end() :] if label else text
        yield parse_reference(
            entry, id=f"R{number}", page=1, label=label.group(1) if label else None
        )


def _csl_references(
    citations: Sequence[tuple[str, list[dict[str, Any]]]], numbers: Iterator[int]
) -> tuple[tuple[Reference, ...], list[Citation]]:
    """The cited works of the fields, each once in order of first citation, and the
    citations that name them by key (the item's URI, stable across the document)."""
    references: dict[str, Reference] = {}
    keyed = []
    for printed, items in citations:
        works = []
        for item in items:
            key = _item_key(item)
            if key not in references:
                rid = f"R{len(references) + 1}"
                # Labelled by the item's own short key ("7KQ2M4ZP"): messages name it, and the
                # list (in order of first citation here) is not judged for its order.
                label = key.rstrip("/").rsplit("/", 1)[-1]
                references[key] = replace(csl_reference(item["itemData"], rid, key), label=label)
            works.append(CitedWork(printed or key, key=key))
        keyed.append(Citation(f"C{next(numbers)}", printed, 1, "parenthetical", tuple(works)))
    return tuple(references.values()), keyed


def _item_key(item: dict[str, Any]) -> str:
    uris = item.get("uris") or item.get("uri") or []
    if isinstance(uris, list) and uris:
        return str(uris[0])
    return str(item["itemData"].get("id", item.get("id", "")))


def _typed_citations(
    paragraphs: Sequence[_Paragraph], numbers: Iterator[int]
) -> Iterator[Citation]:
    """Citations typed as text (outside any field), found as the PDF path finds them."""
    for paragraph in paragraphs:
        text = paragraph.text
        for start, end, style, works in citations_in_text(text, paragraph.superscripts):
            if any(s <= start and end <= e for s, e in paragraph.typed):
                yield Citation(f"C{next(numbers)}", text[start:end], 1, style, works)


def _metadata(word: Any) -> PaperMetadata:
    """The title and author the document's properties record, where set."""
    core = word.core_properties
    title = " ".join((core.title or "").split()) or None
    authors = tuple(a.strip() for a in (core.author or "").split(";") if a.strip())
    statements = (Statement("title", title, title, 1, "markup"),) if title else ()
    return PaperMetadata(title=title, authors=authors, statements=statements)
