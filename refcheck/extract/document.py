"""Everything extraction learns about one PDF, gathered into a :class:`Document`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from refcheck.extract.citations import find_citations
from refcheck.extract.identifiers import find_dois, find_issns
from refcheck.extract.metadata import extract_metadata
from refcheck.extract.references import RawEntry, find_reference_entries
from refcheck.extract.references.parse import parse_reference
from refcheck.model import Document, IdentifierMention, Reference
from refcheck.pdf import PdfText


def build_document(pdf: PdfText) -> Document:
    entries = find_reference_entries(pdf)
    return Document(
        path=pdf.path,
        pages=len(pdf.pages),
        metadata=extract_metadata(pdf),
        identifiers=tuple(_identifier_mentions(pdf)),
        references=tuple(_references(entries)),
        citations=tuple(find_citations(pdf, _body_end(pdf, entries))),
    )


def _references(entries: Sequence[RawEntry]) -> Iterator[Reference]:
    for number, entry in enumerate(entries, start=1):
        yield parse_reference(entry.text, id=f"R{number}", page=entry.page, label=entry.label)


def _body_end(pdf: PdfText, entries: Sequence[RawEntry]) -> tuple[int, int] | None:
    """Where the reference list starts: citations are looked for before it."""
    if not entries or not entries[0].lines:
        return None
    first = min(entries, key=lambda e: (e.page, e.lines[0].top if e.lines else 0.0)).lines[0]
    page = pdf.pages[first.page - 1]
    index = next((i for i, line in enumerate(page.lines) if line is first), None)
    return (first.page, index) if index is not None else None


def _identifier_mentions(pdf: PdfText) -> Iterator[IdentifierMention]:
    """Every DOI and ISSN as printed, on every line, and in the PDF information."""
    texts: list[tuple[int | None, str]] = [(None, value) for _, value in pdf.info]
    texts.extend((line.page, line.text) for page in pdf.pages for line in page.lines)
    for page, text in texts:
        for doi in find_dois(text):
            yield IdentifierMention("doi", doi.value, page, text, doi.valid)
        for issn in find_issns(text):
            yield IdentifierMention("issn", issn.value, page, text, issn.valid)
