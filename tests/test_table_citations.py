"""Citations in table cells and under headings, on small PDFs of two layouts.

LaTeX sets a tabular's columns 12 pt apart, about 1.2 em: a table is known by its cells lining
up from row to row, not by wide white alone. A cell's label ("Method A") must not be read as
the first words of the name in the next cell, a name wrapped inside a narrow cell ("Alnaim &"
above "Abuelsoud (2007)") is read whole, and a heading set above a sentence that opens with a
name ("3 Method" above "Shah et al. (2009)") is not part of that name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.extract.document import extract_document
from refcheck.link import link_citations
from refcheck.pdf import Line, Word, load
from refcheck.zones import ZonedDocument, zone_document
from refcheck.zones import model as z
from refcheck.zones.cells import aligned_rows
from tests.test_zones import ONE_COLUMN, TWO_COLUMN, Layout, _Writer

CELL_GAP = 12.0  # LaTeX's two \tabcolsep
ROWS = (
    ("Method", "Source", "Score"),
    ("Method A", "Baker et al. (2005)", "0.71"),
    ("Method B", "Alnaim &", "0.74"),
    ("", "Abuelsoud (2007)", ""),
    ("Method C", "Cole (1999)", "0.80"),
)
ENTRIES = (
    "Abuelsoud, W. (2007). Leaf water. Plant Notes, 4, 1-9.",
    "Alnaim, S. & Abuelsoud, W. (2007). Dry seasons. Plant Notes, 4, 10-19.",
    "Baker, K., Lee, M. & Park, J. (2005). Seasons at sea. Marine Letters, 8, 20-29.",
    "Cole, R. (1999). Tides and time. Harbour Review, 2, 5-8.",
    "Shah, A., Ben, Y. & Kline, J. (2009). Airway cilia. Cell Notes, 3, 1-4.",
)


def _table(w: _Writer, y: float) -> float:
    """The rows of ROWS, each column as wide as its widest cell, CELL_GAP apart."""
    size = w.layout.body
    w.pdf.set_font("Z", "", size)
    widths = [max(w.pdf.get_string_width(row[c]) for row in ROWS) for c in range(3)]
    starts = [w.column_x(0)]
    for width in widths[:-1]:
        starts.append(starts[-1] + width + CELL_GAP)
    for row in ROWS:
        for x, cell in zip(starts, row, strict=True):
            if cell:
                w.text(x, y, cell, size)
        y += size * 1.25
    return y


def _paper(layout: Layout, path: Path) -> Path:
    w = _Writer(layout)
    x = layout.margin
    w.text(x, 60, "Cells That Cite", layout.title)
    y = w.paragraph(0, 100, w.prose_lines(3, "as Abuelsoud (2007) showed."))
    w.text(w.column_x(0), y, "Table 1: Methods and their sources.", layout.body)
    y = _table(w, y + layout.body * 1.6) + layout.body
    w.text(w.column_x(0), y, "3 Method", layout.body + 3)
    y = w.paragraph(0, y + layout.body * 1.8, ["Shah et al. (2009) reported it first.",
                                               *w.prose_lines(3)])  # fmt: skip
    w.text(w.column_x(0), y + 10, "References", layout.body + 2)
    y += 30
    for entry in ENTRIES:
        y = w.paragraph(0, y, [entry])
    w.pdf.output(str(path))
    return path


@pytest.fixture(params=[ONE_COLUMN, TWO_COLUMN], ids=["one-column", "two-column"])
def paper(request: pytest.FixtureRequest, tmp_path: Path) -> ZonedDocument:
    return zone_document(load(_paper(request.param, tmp_path / "cells.pdf"), 50))


def test_rows_whose_cells_line_up_are_a_table(paper: ZonedDocument) -> None:
    rows = [line for line in paper.lines(z.ALL_ZONES) if line.text.startswith("Method ")]
    assert rows and {paper.zone(line) for line in rows} == {z.TABLE}
    prose = [line for line in paper.lines(z.ALL_ZONES) if "field study" in line.text]
    assert prose and {paper.zone(line) for line in prose} == {z.BODY}


def test_every_cell_citation_links_and_none_is_repaired(paper: ZonedDocument) -> None:
    document = extract_document(paper)
    texts = [c.text for c in document.citations]
    assert "Baker et al. (2005)" in texts
    assert "Alnaim & Abuelsoud (2007)" in texts  # the wrapped cell read whole
    assert "Shah et al. (2009)" in texts  # not "Method Shah et al. (2009)"
    linking = link_citations(document)
    assert {link.status for link in linking.links} == {"exact"}
    assert linking.cited_reference_ids() == {r.id for r in document.references}


def _line(*cells: tuple[float, str], top: float = 100.0, size: float = 10.0) -> Line:
    """A line of words set 3 pt apart within a cell; each cell starts at its given x."""
    words = []
    for x, text in cells:
        for word in text.split():
            width = len(word) * size * 0.5
            words.append(Word(word, x, x + width, top, top + size, size))
            x += width + 3
    text = " ".join(w.text for w in words)
    return Line(text, 1, words[0].x0, words[-1].x1, top, top + size, size, tuple(words))


def test_lined_up_rows_are_told_from_headings_and_prose_read_across_columns() -> None:
    rows = [_line((60, "Method A"), (120, "Baker (2005)"), (200, "0.71"), top=100),
            _line((60, "Method B"), (120, "Cole (1999)"), (200, "0.74"), top=112)]  # fmt: skip
    assert aligned_rows(rows) == {0, 1}
    headings = [_line((60, "4"), (75, "Two failed initiatives"), top=100),
                _line((60, "4.1"), (75, "The access law (2008-2011)"), top=112)]  # fmt: skip
    assert aligned_rows(headings) == set()
    prose = [
        _line((60, "regulation and electrolyte homoeostasis [1,2]. ACE con-"),
              (320, "ation of the haematopoietic system [11,12]. More recently"), top=100),
        _line((60, "verting enzyme has two catalytic domains of similar"),
              (320, "studies have shown that the peptide levels increase"), top=112),
    ]  # fmt: skip
    assert aligned_rows(prose) == set()
