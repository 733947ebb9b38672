"""The zones stage on small PDFs of two layouts: what each part of a page is, and what
extraction then reads (citations, the paper's own metadata) from which zones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from fpdf import FPDF

from refcheck.extract.document import extract_document
from refcheck.link import link_citations
from refcheck.pdf import Line, Page, Word, load
from refcheck.zones import ZonedDocument, zone_document
from refcheck.zones import model as z
from refcheck.zones.front import citation_block, title_page_zones
from tests.pdfgen import find_font_files


@dataclass(frozen=True)
class Layout:
    """Page size, margins, columns and type sizes of one house style (points)."""

    width: float
    height: float
    margin: float
    columns: int
    body: float
    title: float


ONE_COLUMN = Layout(595.0, 842.0, 60.0, 1, 10.0, 17.0)
TWO_COLUMN = Layout(612.0, 792.0, 48.0, 2, 9.0, 15.0)
PROSE = (
    "the method was applied to every sample of the field study and the results were checked "
    "against the earlier measurements of the same sites over several seasons"
)


class _Writer:
    def __init__(self, layout: Layout) -> None:
        fonts = find_font_files()
        if fonts is None:
            pytest.skip("no usable font")
        self.layout = layout
        self.pdf = FPDF(unit="pt", format=(layout.width, layout.height))
        self.pdf.set_auto_page_break(False)
        for weight, font in fonts.items():
            self.pdf.add_font("Z", weight, str(font))
        self.pdf.add_page()

    def text(self, x: float, y: float, text: str, size: float) -> None:
        self.pdf.set_font("Z", "", size)
        self.pdf.text(x, y, text)

    def column_x(self, column: int) -> float:
        lay = self.layout
        width = (lay.width - 2 * lay.margin - 20 * (lay.columns - 1)) / lay.columns
        return lay.margin + column * (width + 20)

    def paragraph(self, column: int, y: float, lines: Sequence[str]) -> float:
        for line in lines:
            self.text(self.column_x(column), y, line, self.layout.body)
            y += self.layout.body * 1.3
        return y + self.layout.body * 0.6

    def prose_lines(self, count: int, last: str = "") -> list[str]:
        words = PROSE.split()
        step = 6 if self.layout.columns == 2 else 11
        lines = [" ".join(words[i % 20 : i % 20 + step]) for i in range(0, count * 3, 3)]
        return [*lines[:-1], f"{lines[-1]} {last}".strip()]


def _front_page(w: _Writer) -> float:
    lay = w.layout
    x = lay.margin
    w.text(x, 50, "Journal of Field Studies, Volume 7, Issue 2, 2020", lay.body)
    w.text(x, 50 + lay.body * 1.3, "Issue DOI: 10.5555/jfs.issue.7.2", lay.body)
    w.text(x, 50 + lay.body * 2.6, "DOI: 10.5555/jfs.2020.123", lay.body)
    w.text(x, 110, "Seasonal Measurements at Coastal Sites", lay.title)
    w.text(x, 140, "Anna Berg and Carl Dorn", lay.body + 1)
    w.text(x, 155, "Institute of Coastal Research, Harbour City (since 2019)", lay.body)
    w.text(x, 175, "Cite this article as: Berg, A., Dorn, C. (2020) Seasonal measurements.", 8)
    w.text(x, 185, "Journal of Field Studies 7(2): 1-9.", 8)
    w.text(x, 215, "Abstract", lay.body)
    y = w.paragraph(0, 230, w.prose_lines(3, "over decades."))
    w.text(x, y, "© 2020 The Authors. Distributed under a Creative Commons CC BY 4.0 licence.", 7)
    return y + 30


def _article(layout: Layout, path: Path) -> Path:
    """A title page with masthead, cite-this box and licence; a body that cites; a table
    whose cells cite; a figure with text; a reference list."""
    w = _Writer(layout)
    y = _front_page(w)
    w.text(layout.margin, y, "1 Introduction", layout.body + 2)
    y = w.paragraph(0, y + 18, w.prose_lines(4, "as Adams (2001) showed."))
    w.text(w.column_x(0), y + 10, "Table 1: Sites and sources.", layout.body)
    rows = [("Site", "Source", "Depth"), ("North", "Baker (2005)", "12.5"),
            ("South", "Zeta (1999)", "14.0"), ("East", "Adams (2001)", "9.75")]  # fmt: skip
    y += 25
    for row in rows:
        for index, cell in enumerate(row):
            w.text(w.column_x(0) + index * 80, y, cell, layout.body)
        y += layout.body * 1.4
    y += 20
    for label, dx in (("(Dalton, 2003)", 10), ("Depth", 90), ("Season", 160)):
        w.text(w.column_x(0) + dx, y, label, 6)
        w.text(w.column_x(0) + dx, y + 8, "0 5 10", 6)
    w.text(w.column_x(0), y + 24, "Figure 1: Depth by season.", layout.body)
    w.pdf.add_page()
    y = w.paragraph(0, 60, w.prose_lines(4, "as Baker (2005) found."))
    w.text(layout.margin, y + 10, "References", layout.body + 2)
    y += 30
    for entry in ("Adams, J. (2001). Coastal depth. Journal of Tides, 3, 1-9.",
                  "Baker, K. (2005). Seasons at sea. Marine Letters, 8, 20-29.",
                  "Dalton, P. (2003). Sites and samples. Harbour Review, 2, 5-8."):  # fmt: skip
        y = w.paragraph(0, y, [entry])
    w.pdf.output(str(path))
    return path


def _zones_of(zoned: ZonedDocument, text: str) -> set[str]:
    return {zoned.zone(line) for line in zoned.lines(z.ALL_ZONES) if text in line.text}


@pytest.fixture(params=[ONE_COLUMN, TWO_COLUMN], ids=["one-column", "two-column"])
def article(request: pytest.FixtureRequest, tmp_path: Path) -> ZonedDocument:
    return zone_document(load(_article(request.param, tmp_path / "article.pdf"), 50))


def test_front_matter_zones(article: ZonedDocument) -> None:
    assert _zones_of(article, "Issue DOI") == {z.MASTHEAD}
    assert _zones_of(article, "Seasonal Measurements at Coastal") == {z.TITLE}
    assert _zones_of(article, "Anna Berg") == {z.AUTHORS}
    assert _zones_of(article, "Cite this article") == {z.CITE_THIS}
    assert _zones_of(article, "Creative Commons") == {z.LICENCE}
    assert _zones_of(article, "Abstract") == {z.ABSTRACT}


def test_body_blocks_and_references(article: ZonedDocument) -> None:
    assert _zones_of(article, "North") == {z.TABLE}
    assert _zones_of(article, "Figure 1:") == {z.CAPTION}
    assert _zones_of(article, "(Dalton, 2003)") == {z.FIGURE}
    assert _zones_of(article, "Coastal depth") == {z.REFERENCES}
    assert _zones_of(article, "References") == {z.REFERENCES}


def test_citations_read_only_citing_zones(article: ZonedDocument) -> None:
    document = extract_document(article)
    texts = [c.text for c in document.citations]
    assert "Adams (2001)" in texts and "Baker (2005)" in texts
    # The cite-this box, the author block and the figure's labels cite nothing.
    assert not any("Berg" in t or "Dalton" in t or "2019" in t for t in texts)
    # A table cell that names no listed work is doubted, not an unmatched citation.
    zeta = [c for c in document.citations if "Zeta" in c.text]
    assert zeta and all(w.doubt for c in zeta for w in c.works)
    linking = link_citations(document)
    statuses = {link.status for link in linking.links if link.citation_id == zeta[0].id}
    assert statuses == {"uncertain"}


def test_masthead_issue_doi_is_not_the_articles(article: ZonedDocument) -> None:
    metadata = extract_document(article).metadata
    assert metadata.doi == "10.5555/jfs.2020.123"
    assert metadata.volume == "7"


def _short_paper(layout: Layout, path: Path) -> Path:
    """Two pages; the reference list starts on page 1, its entries full of volumes, DOIs
    and page ranges; the footer prints the page number beside the volume."""
    w = _Writer(layout)
    w.text(layout.margin, 50, "Letters in Testing, Vol. 3, No. 1, 2021, pp. 11-12", layout.body)
    w.text(layout.margin, 90, "A Short Note on Sampling", layout.title)
    w.text(layout.margin, 115, "Eva Lund", layout.body + 1)
    y = w.paragraph(0, 140, w.prose_lines(5, "as shown before [1, 2]."))
    w.text(layout.margin, y + 10, "References", layout.body + 2)
    y += 30
    entries = (
        "[1] A. Adams, Tides, vol. 12, no. 4, pp. 100-110, 2001, doi:10.5555/t.1",
        "[2] B. Baker, Seas, vol. 40, no. 9, pp. 7-19, 1998, doi:10.5555/s.2",
    )
    for entry in entries:
        y = w.paragraph(0, y, [entry])
    for page in (1, 2):
        if page == 2:
            w.pdf.add_page()
            w.paragraph(0, 60, w.prose_lines(3))
        w.text(layout.margin, layout.height - 30, f"Letters in Testing Vol. 3 Page {page}", 8)
    w.pdf.output(str(path))
    return path


@pytest.mark.parametrize("layout", [ONE_COLUMN, TWO_COLUMN], ids=["one-column", "two-column"])
def test_short_paper_list_on_page_one_is_not_own_metadata(layout: Layout, tmp_path: Path) -> None:
    zoned = zone_document(load(_short_paper(layout, tmp_path / "short.pdf"), 50))
    assert _zones_of(zoned, "A. Adams") == {z.REFERENCES}
    metadata = extract_document(zoned).metadata
    assert metadata.volume == "3"
    assert metadata.issue == "1"
    assert metadata.pages == "11-12"
    assert metadata.doi is None
    assert not any(s.normalized in ("12", "40", "1998", "2001") for s in metadata.statements)


def _plain_line(text: str, top: float, size: float) -> Line:
    word = Word(text, 60.0, 60.0 + len(text) * size * 0.5, top, top + size, size)
    return Line(text, 1, word.x0, word.x1, top, top + size, size, (word,))


def test_a_cite_this_box_ends_at_a_copyright_line() -> None:
    """ "©" is no word character: the box's end must not ask for a word boundary after it."""
    texts = (
        "Cite this article: Haddad, O. (2021). On methods.",
        "https://doi.org/10.5555/x.1",
        "© 2021 The Authors. Open access.",
        "The estimate depends on the data [1].",
    )
    lines = [_plain_line(text, 100 + 10 * i, 8) for i, text in enumerate(texts)]
    assert citation_block(lines, 0) == [0, 1]


def _line_at(text: str, x: float, top: float, size: float, column: int) -> Line:
    word = Word(text, x, x + len(text) * size * 0.5, top, top + size, size)
    return Line(text, 1, word.x0, word.x1, top, top + size, size, (word,), column=column)


def test_an_author_beside_the_author_block_is_read_with_it() -> None:
    """Two authors side by side over two columns: the right one is read with the right column,
    after the left column's "1 Introduction", and must not be a heading of the body there."""
    left = [
        _line_at("On approach models in practice", 200, 60, 17, 0),
        _line_at("Tomas Ilves", 225, 90, 12, 1),
        _line_at("1 Introduction", 72, 200, 12, 1),
        _line_at(
            "These results were later extended to the general case, as it was", 72, 220, 10, 1
        ),
    ]
    right = [
        _line_at("Kenji Ota", 335, 90, 12, 2),
        _line_at("Grace (2005) reported that the method was first described here", 311, 130, 10, 2),
    ]
    page = Page(1, 612, 792, 2, (*left, *right))
    zones = title_page_zones(page, 10)
    assert zones[1] == zones[4] == "authors"
    assert zones[5] is None  # running text beside the abstract is the body's
