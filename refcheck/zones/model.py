"""The zoned document: every line of a PDF with the part of the document it belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from refcheck.extract.references.section import ReferenceLists
from refcheck.pdf import Line, PdfText

# Running matter, repeated in the margins of every page.
HEADER = "header"
FOOTER = "footer"
# Front matter of the title page.
TITLE = "title"
MASTHEAD = "masthead"  # journal, volume, issue, ISSN, DOI, dates, article type
AUTHORS = "authors"  # names, affiliations, e-mail addresses, correspondence
CITE_THIS = "cite-this"  # "Cite this article as: …"
LICENCE = "licence"  # copyright and licence statements
ABSTRACT = "abstract"  # abstract and keywords
SIDEBAR = "sidebar"  # notes set in the margin beside the running text
# The body.
HEADING = "heading"
BODY = "body"
TABLE = "table"
FIGURE = "figure"  # text drawn inside a figure: axis labels, legends
CAPTION = "caption"
FOOTNOTE = "footnote"
# Reference lists and what follows them.
REFERENCES = "references"  # the article's own list, its heading included
OTHER_REFERENCES = "references-other"  # a supplementary part's list
ACKNOWLEDGEMENTS = "acknowledgements"
BIOGRAPHY = "biography"
APPENDIX = "appendix"
BACK = "back"  # unheaded text after the article's list (a collaboration's author list)

FRONT_ZONES = frozenset({TITLE, MASTHEAD, AUTHORS, CITE_THIS, LICENCE, ABSTRACT, SIDEBAR})
RUNNING_ZONES = frozenset({HEADER, FOOTER})
REFERENCE_ZONES = frozenset({REFERENCES, OTHER_REFERENCES})
BACK_ZONES = frozenset({ACKNOWLEDGEMENTS, BIOGRAPHY, APPENDIX, BACK})
ALL_ZONES = frozenset(
    {HEADING, BODY, TABLE, FIGURE, CAPTION, FOOTNOTE}
    | FRONT_ZONES
    | RUNNING_ZONES
    | REFERENCE_ZONES
    | BACK_ZONES
)


@dataclass(frozen=True)
class ZonedDocument:
    """A PDF's pages, each line's zone (``zones[page][index]`` for ``pages[page].lines[index]``),
    the reference lists the zones were drawn from, and the page that carries the title."""

    pdf: PdfText
    zones: tuple[tuple[str, ...], ...]
    references: ReferenceLists
    title_page: int = 1
    _by_line: dict[int, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_line = {
            id(line): zone
            for page, zones in zip(self.pdf.pages, self.zones, strict=True)
            for line, zone in zip(page.lines, zones, strict=True)
        }
        object.__setattr__(self, "_by_line", by_line)

    def zone(self, line: Line) -> str:
        """The zone of one of the document's own lines (body for a line it does not hold)."""
        return self._by_line.get(id(line), BODY)

    def lines(self, zones: frozenset[str]) -> Iterator[Line]:
        """The lines of the given zones, page by page in reading order."""
        for page, page_zones in zip(self.pdf.pages, self.zones, strict=True):
            for line, zone in zip(page.lines, page_zones, strict=True):
                if zone in zones:
                    yield line
