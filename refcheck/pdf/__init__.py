"""The PDF layer: the only package that imports PDF libraries.

``load`` gives every page's lines in reading order, with running headers and footers labelled,
hyphenated words and broken links rejoined, and the document information dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from refcheck.errors import CorruptPdfError, NoTextLayerError
from refcheck.pdf.annotations import InternalLink, OutlineEntry, UriLink
from refcheck.pdf.joins import join_broken_words
from refcheck.pdf.layout import Line, Page, layout_pages
from refcheck.pdf.pagenumbers import PrintedNumber, printed_numbers
from refcheck.pdf.reader import RawPdf, Word, read_pdf

__all__ = [
    "InternalLink",
    "Line",
    "OutlineEntry",
    "Page",
    "PdfText",
    "PrintedNumber",
    "UriLink",
    "Word",
    "damaged_pages_phrase",
    "load",
    "printed_numbers",
]

# Fewer words than this on every page means the pages are images of text.
MIN_WORDS_FOR_TEXT_LAYER = 20


@dataclass(frozen=True)
class PdfText:
    path: str
    pages: tuple[Page, ...]
    info: tuple[tuple[str, str], ...]
    labels: tuple[str, ...] = ()  # the PDF's page labels, one per page; empty when it has none
    # What the PDF says beyond its text: GoTo links (callout → reference entry), URI links
    # (DOIs and URLs unbroken) and the outline (bookmarks: title, page, level).
    links: tuple[InternalLink, ...] = ()
    uris: tuple[UriLink, ...] = ()
    outline: tuple[OutlineEntry, ...] = ()
    damaged_pages: tuple[int, ...] = ()  # pages that could not be read: present, without text

    def info_value(self, key: str) -> str | None:
        return next((value for k, value in self.info if k == key), None)


def load(path: Path, max_pages: int) -> PdfText:
    raw = read_pdf(path, max_pages)
    _require_text_layer(path, raw)
    pages = join_broken_words(layout_pages(raw.pages))
    return PdfText(
        path=str(path),
        pages=tuple(pages),
        info=raw.info,
        labels=raw.labels,
        links=raw.links,
        uris=raw.uris,
        outline=raw.outline,
        damaged_pages=raw.damaged_pages,
    )


def _require_text_layer(path: Path, raw: RawPdf) -> None:
    words = sum(len(page.words) for page in raw.pages)
    if words < MIN_WORDS_FOR_TEXT_LAYER and raw.damaged_pages:
        raise CorruptPdfError(
            f"{path}: {damaged_pages_phrase(raw.damaged_pages, len(raw.pages))} damaged and "
            "cannot be read, and the other pages hold no text; get an undamaged copy"
        )
    if words < MIN_WORDS_FOR_TEXT_LAYER:
        raise NoTextLayerError(
            f"{path}: no text layer ({words} words on {len(raw.pages)} "
            f"page{'s' if len(raw.pages) != 1 else ''}): if it is a scan, run OCR "
            "(e.g. ocrmypdf) and check the result"
        )


def damaged_pages_phrase(damaged: tuple[int, ...], pages: int) -> str:
    """The subject of a sentence about damaged pages: "page 3 of 8 is", "pages 3, 5 of 8 are"."""
    numbers = ", ".join(map(str, damaged))
    if len(damaged) == 1:
        return f"page {numbers} of {pages} is"
    return f"pages {numbers} of {pages} are"
