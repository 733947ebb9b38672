"""Everything extraction learns about one PDF, gathered into a :class:`Document`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from refcheck.extract.citations import find_citations
from refcheck.extract.identifiers import find_dois, find_issns
from refcheck.extract.metadata import extract_metadata
from refcheck.extract.references import RawEntry, find_reference_entries
from refcheck.extract.references.parse import parse_reference
from refcheck.model import Document, IdentifierMention, Reference
from refcheck.pdf import Line, PdfText


def build_document(pdf: PdfText) -> Document:
    entries = find_reference_entries(pdf)
    return Document(
        path=pdf.path,
        pages=len(pdf.pages),
        metadata=extract_metadata(pdf),
        identifiers=tuple(_identifier_mentions(pdf)),
        references=tuple(_references(entries)),
        citations=tuple(find_citations(pdf, skip=_reference_lines(pdf, entries))),
    )


def _references(entries: Sequence[RawEntry]) -> Iterator[Reference]:
    for number, entry in enumerate(entries, start=1):
        yield parse_reference(entry.text, id=f"R{number}", page=entry.page, label=entry.label)


def _reference_lines(pdf: PdfText, entries: Sequence[RawEntry]) -> list[Line]:
    """The reference list's lines, its heading included: no citations are looked for there.

    Text after the list (an appendix) is still read for citations.
    """
    lines = [line for entry in entries for line in entry.lines]
    if lines:
        first = lines[0]
        page = pdf.pages[first.page - 1]
        index = next((i for i, line in enumerate(page.lines) if line is first), 0)
        lines.extend(line for line in page.lines[max(0, index - 2) : index])
    return lines


def _identifier_mentions(pdf: PdfText) -> Iterator[IdentifierMention]:
    """Every DOI and ISSN as printed, on every line, and in the PDF information."""
    texts: list[tuple[int | None, str]] = [(None, value) for _, value in pdf.info]
    texts.extend((line.page, line.text) for page in pdf.pages for line in page.lines)
    for page, text in texts:
        for doi in find_dois(text):
            yield IdentifierMention("doi", doi.value, page, text, doi.valid)
        for issn in find_issns(text):
            yield IdentifierMention("issn", issn.value, page, text, issn.valid)
