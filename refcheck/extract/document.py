"""Everything extraction learns about one PDF, gathered into a :class:`Document`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from refcheck.extract.anchors import read_anchors, repair_from_uris
from refcheck.extract.citations import scan_citations
from refcheck.extract.identifiers import find_dois, find_issns
from refcheck.extract.metadata import extract_metadata
from refcheck.extract.references import RawEntry, find_reference_lists, is_reference_heading
from refcheck.extract.references.parse import parse_reference
from refcheck.model import Document, IdentifierMention, PageNumber, PaperMetadata, Reference
from refcheck.pdf import Line, PdfText, printed_numbers


def build_document(pdf: PdfText) -> Document:
    lists = find_reference_lists(pdf)
    entries = lists.article
    metadata = extract_metadata(pdf)
    skip = [
        *_reference_lines(pdf, entries),
        # A supplementary list is no body text either, though it is not the article's list.
        *(line for other in lists.others for line in _reference_lines(pdf, other)),
        *_own_metadata_lines(pdf, metadata),
        *_biography_lines(pdf),
        *_imprint_lines(pdf),
    ]
    numbered = any(entry.label for entry in entries)
    scan = scan_citations(pdf, skip=skip, numbered_list=numbered or not entries)
    references = repair_from_uris(pdf, entries, tuple(_references(entries)))
    others = [entry for other in lists.others for entry in other]
    return Document(
        path=pdf.path,
        pages=len(pdf.pages),
        metadata=metadata,
        identifiers=tuple(_identifier_mentions(pdf)),
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


_BIOGRAPHY_HEADING = re.compile(
    r"^(?:about\s+the\s+authors?|authors?['’]?\s+biograph(?:y|ies)|biograph(?:y|ies|ical\s+notes?)"
    r"|notes\s+on\s+(?:the\s+)?contributors?|author\s+information)\s*:?$",
    re.I,
)
_END_OF_BIOGRAPHIES = re.compile(
    r"^(?:(?:\d{1,2}|[A-Z]|[IVXLC]{1,6})[.)]?\s+)?(?:appendix|appendices|supplementary|"
    r"supporting\s+information)\b",
    re.I,
)


def _biography_lines(pdf: PdfText) -> Iterator[Line]:
    """The authors' biographies ("About the Authors"): their "(edited with Ben Carrington,
    2013, Blackwell)" names the authors' own books, not works the paper cites."""
    inside = False
    for page in pdf.pages:
        for line in page.lines:
            text = line.text.strip()
            if _BIOGRAPHY_HEADING.match(text):
                inside = True
            elif inside and _END_OF_BIOGRAPHIES.match(text):
                inside = False
            if inside:
                yield line


_IMPRINT = re.compile(
    r"^(?:In\s+)?Proceedings\s+of\b.*\b(?:pages?|pp\.)\s*\d"
    r"|(?:©|\(c\)|\bc\b|copyright)\s*(?:19|20)\d\d\b.*\b(?:Association|Society|Press|"
    r"Publish\w*|Elsevier|Springer|Wiley|IEEE|ACM|Licen[cs]\w*|rights\s+reserved|Authors?)\b",
    re.I,
)


def _imprint_lines(pdf: PdfText) -> Iterator[Line]:
    """Venue and copyright lines ("Proceedings of NAACL-HLT 2018, pages 84–91", "© 2017
    Association for Computational Linguistics"): a conference or a publisher with a year is
    not a citation, even where a title page prints it inside the text column."""
    for page in pdf.pages:
        for line in page.lines:
            if _IMPRINT.search(line.text):
                yield line


def _references(entries: Sequence[RawEntry]) -> Iterator[Reference]:
    for number, entry in enumerate(entries, start=1):
        yield parse_reference(entry.text, id=f"R{number}", page=entry.page, label=entry.label)


_SECTION_NUMBER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6})\.?")


def _reference_lines(pdf: PdfText, entries: Sequence[RawEntry]) -> list[Line]:
    """The reference list's lines, its heading included: no citations are looked for there.

    Text after the list (an appendix) is still read for citations.
    """
    lines = [line for entry in entries for line in entry.lines]
    if lines:
        first = lines[0]
        page = pdf.pages[first.page - 1]
        index = next((i for i, line in enumerate(page.lines) if line is first), 0)
        # The heading, and its number where it stands on a line of its own; not the body's
        # last line above it, which may end in a citation ("… formal in (Raza, 2020).").
        for line in reversed(page.lines[max(0, index - 2) : index]):
            if not (is_reference_heading(line) or _SECTION_NUMBER.fullmatch(line.text.strip())):
                break
            lines.append(line)
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
