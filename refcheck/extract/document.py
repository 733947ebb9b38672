"""Everything extraction learns about one PDF, gathered into a :class:`Document`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from refcheck.extract.anchors import linked_doi_mentions, read_anchors, repair_from_uris
from refcheck.extract.citations import scan_citations
from refcheck.extract.citations.alphabetic import is_alphabetic_list
from refcheck.extract.citations.spots import line_boxes
from refcheck.extract.identifiers import find_dois, find_issns
from refcheck.extract.metadata import extract_metadata
from refcheck.extract.references import RawEntry
from refcheck.extract.references.parse import parse_reference
from refcheck.extract.references.repeated import inherit_repeated_authors
from refcheck.extract.references.unnumbered import without_alpha_label
from refcheck.model import Document, IdentifierMention, PageNumber, PaperMetadata, Reference
from refcheck.pdf import Line, PdfText, printed_numbers
from refcheck.zones import ZonedDocument, zone_document
from refcheck.zones import model as z


def build_document(pdf: PdfText) -> Document:
    """Zone a PDF and extract its document (for callers that hold only the PDF's text)."""
    return extract_document(zone_document(pdf))


# Zones that are never searched for citations: what they hold names works (the paper's own
# title, its authors, its licence, the list's entries, a figure's labels) without citing them.
UNCITING_ZONES = frozenset(
    {
        z.TITLE,
        z.MASTHEAD,
        z.AUTHORS,
        z.CITE_THIS,
        z.LICENCE,
        z.SIDEBAR,
        z.FIGURE,
        z.BIOGRAPHY,
        *z.RUNNING_ZONES,
        *z.REFERENCE_ZONES,
    }
)


def extract_document(zoned: ZonedDocument) -> Document:
    """Everything extraction learns about one zoned PDF; each part read from its own zones."""
    pdf = zoned.pdf
    entries = zoned.references.article
    metadata = extract_metadata(zoned)
    skip = [*zoned.lines(UNCITING_ZONES), *_own_metadata_lines(pdf, metadata)]
    numbered = any(entry.label for entry in entries)
    scan = scan_citations(
        pdf,
        skip=skip,
        numbered_list=numbered or not entries,
        doubtful=tuple(zoned.lines(frozenset({z.TABLE}))),
        headings=tuple(zoned.lines(frozenset({z.HEADING}))),
        notes=tuple(zoned.lines(frozenset({z.FOOTNOTE, z.TABLE, z.CAPTION}))),
        alphabetic_list=is_alphabetic_list([entry.text for entry in entries]),
    )
    references = repair_from_uris(pdf, entries, tuple(_references(entries)))
    others = [entry for other in zoned.references.others for entry in other]
    return Document(
        path=pdf.path,
        pages=len(pdf.pages),
        metadata=metadata,
        identifiers=(*_identifier_mentions(pdf), *linked_doi_mentions(pdf, entries)),
        references=references,
        citations=tuple(scan.citations),
        note_markers=scan.note_markers,
        page_numbers=_page_numbers(pdf),
        anchors=read_anchors(pdf, entries, references, others),
    )


def _page_numbers(pdf: PdfText) -> tuple[PageNumber, ...]:
    """Each page's label and confirmed printed number, for pages that have either."""
    printed = {p.page: p for p in printed_numbers(pdf.pages)}
    numbers = []
    for page in pdf.pages:
        label = pdf.labels[page.number - 1] or None if len(pdf.labels) >= page.number else None
        number = printed.get(page.number)
        if label is not None or number is not None:
            numbers.append(
                PageNumber(
                    page.number,
                    label,
                    number.number if number else None,
                    number.total if number else None,
                )
            )
    return tuple(numbers)


def _own_metadata_lines(pdf: PdfText, metadata: PaperMetadata) -> Iterator[Line]:
    """Lines that state the paper's own metadata ("Cite this article as: Groenewald (2015)")
    cite the paper itself, not a work of its reference list."""
    stated: dict[int, list[str]] = {}
    for statement in metadata.statements:
        if statement.page is not None and statement.line:
            stated.setdefault(statement.page, []).append(statement.line)
    for page in pdf.pages:
        texts = stated.get(page.number, [])
        for line in page.lines:
            if line.text and any(line.text in text for text in texts):
                yield line


def _references(entries: Sequence[RawEntry]) -> list[Reference]:
    return inherit_repeated_authors(
        _parse(entry, f"R{number}") for number, entry in enumerate(entries, start=1)
    )


def _parse(entry: RawEntry, id: str) -> Reference:
    """The entry parsed without an alphabetic label ("[Asp+00]"), which its raw text keeps."""
    text = without_alpha_label(entry.text)
    reference = parse_reference(text, id=id, page=entry.page, label=entry.label)
    reference = replace(reference, boxes=line_boxes(entry.lines))
    return reference if text == entry.text else replace(reference, raw=entry.text)


def _identifier_mentions(pdf: PdfText) -> Iterator[IdentifierMention]:
    """Every DOI and ISSN as printed, on every line, and in the PDF information."""
    texts: list[tuple[int | None, str]] = [(None, value) for _, value in pdf.info]
    texts.extend((line.page, line.text) for page in pdf.pages for line in page.lines)
    for page, text in texts:
        for doi in find_dois(text):
            yield IdentifierMention("doi", doi.value, page, text, doi.valid)
        for issn in find_issns(text):
            yield IdentifierMention("issn", issn.value, page, text, issn.valid)
