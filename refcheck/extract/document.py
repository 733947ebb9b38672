"""Everything extraction learns about one PDF, gathered into a :class:`Document`."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.extract.identifiers import find_dois, find_issns
from refcheck.extract.metadata import extract_metadata
from refcheck.model import Document, IdentifierMention
from refcheck.pdf import PdfText


def build_document(pdf: PdfText) -> Document:
    return Document(
        path=pdf.path,
        pages=len(pdf.pages),
        metadata=extract_metadata(pdf),
        identifiers=tuple(_identifier_mentions(pdf)),
    )


def _identifier_mentions(pdf: PdfText) -> Iterator[IdentifierMention]:
    """Every DOI and ISSN as printed, on every line, and in the PDF information."""
    texts: list[tuple[int | None, str]] = [(None, value) for _, value in pdf.info]
    texts.extend((line.page, line.text) for page in pdf.pages for line in page.lines)
    for page, text in texts:
        for doi in find_dois(text):
            yield IdentifierMention("doi", doi.value, page, text, doi.valid)
        for issn in find_issns(text):
            yield IdentifierMention("issn", issn.value, page, text, issn.valid)
