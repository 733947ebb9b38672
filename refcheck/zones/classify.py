"""Label every line of a document with its zone.

Zones are assigned in order of how sure each clue is, and a line keeps the first zone it gets:
running headers and footers (the PDF layer's repetition test), the reference lists
(:mod:`refcheck.extract.references`), cite-this boxes, the title page's front matter, licence
and imprint lines, the parts after the list (acknowledgements, biographies, appendices), then
the blocks of the body (tables, figure text, captions, footnotes, headings). What is left is
running text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from refcheck.extract.references import find_reference_lists, is_reference_heading
from refcheck.extract.references.section import RawEntry, ReferenceLists
from refcheck.patterns import compiled
from refcheck.pdf import Line, PdfText
from refcheck.zones import model as z
from refcheck.zones.back import back_matter_zones
from refcheck.zones.blocks import page_block_zones
from refcheck.zones.front import citation_blocks, find_title_page, licence_lines, title_page_zones

_SECTION_NUMBER = compiled(r"(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6})\.?")
# Venue and copyright imprints ("Proceedings of NAACL-HLT 2018, pages 84–91", "© 2017
# Association for Computational Linguistics"), wherever a title page sets them.
_IMPRINT = compiled(
    r"^(?:In\s+)?Proceedings\s+of\b.*\b(?:pages?|pp\.)\s*\d"
    r"|(?:©|\(c\)|\bc\b|copyright)\s*(?:19|20)\d\d\b.*\b(?:Association|Society|Press|"
    r"Publish\w*|Elsevier|Springer|Wiley|IEEE|ACM|Licen[cs]\w*|rights\s+reserved|Authors?)\b",
    re.I,
)
# Small print is set smaller than the body by at least this share.
SMALL_PRINT = 0.95

_Zones = list[list[str | None]]


def zone_document(pdf: PdfText) -> z.ZonedDocument:
    """Every line's zone, and the reference lists the zones were drawn from."""
    lists = find_reference_lists(pdf)
    title_page = find_title_page(pdf)
    size = body_size(pdf)
    zones: _Zones = [[_running(line) for line in page.lines] for page in pdf.pages]
    _set(pdf, zones, reference_lines(pdf, lists.article), z.REFERENCES)
    for other in lists.others:
        _set(pdf, zones, reference_lines(pdf, other), z.OTHER_REFERENCES)
    _set(
        pdf, zones, (ln for block in citation_blocks(pdf, title_page) for ln in block), z.CITE_THIS
    )
    _front(pdf, zones, title_page, size)
    _imprints_and_licences(pdf, zones, title_page, size)
    parts: dict[str, list[Line]] = {}
    for line, part in back_matter_zones(pdf, lists.article):
        parts.setdefault(part, []).append(line)
    for part, lines in parts.items():
        _set(pdf, zones, lines, part)
    for page, page_zones in zip(pdf.pages, zones, strict=True):
        for index, block in enumerate(page_block_zones(page, size)):
            if page_zones[index] is None and block is not None:
                page_zones[index] = block
    done = tuple(tuple(zone or z.BODY for zone in page_zones) for page_zones in zones)
    return z.ZonedDocument(pdf=pdf, zones=done, references=lists, title_page=title_page)


def body_size(pdf: PdfText) -> float:
    """The size most of the body's letters are set in."""
    sizes = Counter[float]()
    for page in pdf.pages:
        for line in page.body:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _running(line: Line) -> str | None:
    if line.role == "header":
        return z.HEADER
    return z.FOOTER if line.role == "footer" else None


def _set(pdf: PdfText, zones: _Zones, lines: Iterator[Line] | Sequence[Line], zone: str) -> None:
    """Give ``zone`` to those of ``lines`` that have none yet.

    Only the lines' own pages are looked through: a book may have a list per chapter, and
    reading every page for each would grow with the square of its length.
    """
    wanted: dict[int, set[int]] = {}
    for line in lines:
        wanted.setdefault(line.page, set()).add(id(line))
    for page, page_zones in zip(pdf.pages, zones, strict=True):
        on_page = wanted.get(page.number)
        if on_page is None:
            continue
        for index, line in enumerate(page.lines):
            if id(line) in on_page and page_zones[index] is None:
                page_zones[index] = zone


def _front(pdf: PdfText, zones: _Zones, title_page: int, size: float) -> None:
    page = pdf.pages[title_page - 1]
    page_zones = zones[title_page - 1]
    for index, zone in enumerate(title_page_zones(page, size)):
        if page_zones[index] is None and zone is not None:
            page_zones[index] = zone


def _imprints_and_licences(pdf: PdfText, zones: _Zones, title_page: int, size: float) -> None:
    """Imprints on every page; licence notes on later pages only in small print (a paper about
    software licences says "licence" in its running text)."""
    for page, page_zones in zip(pdf.pages, zones, strict=True):
        for index, line in enumerate(page.lines):
            if page_zones[index] is None and _IMPRINT.search(line.text):
                page_zones[index] = z.MASTHEAD
        for index in licence_lines(page.lines):
            small = page.lines[index].size < size * SMALL_PRINT
            if page_zones[index] is None and (page.number <= title_page or small):
                page_zones[index] = z.LICENCE


def reference_lines(pdf: PdfText, entries: Sequence[RawEntry]) -> list[Line]:
    """A reference list's lines, its heading included (and the heading's number where it
    stands on a line of its own); not the body's last line above it."""
    lines = [line for entry in entries for line in entry.lines]
    if lines:
        first = lines[0]
        page = pdf.pages[first.page - 1]
        index = next((i for i, line in enumerate(page.lines) if line is first), 0)
        for line in reversed(page.lines[max(0, index - 2) : index]):
            if not (is_reference_heading(line) or _SECTION_NUMBER.fullmatch(line.text.strip())):
                break
            lines.append(line)
    return lines


__all__ = ["ReferenceLists", "body_size", "reference_lines", "zone_document"]
