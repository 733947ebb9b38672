"""Callouts in tables (issue 11): a narrow cell wrapped onto a line the zones did not take for
the table is read whole, with its first author; a raised number in a row whose labels are
capitalised ("Method A ¹⁰") cites, as it would in the text."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from refcheck.extract.citations import scan_citations
from refcheck.pdf import Line, Page, PdfText, Word


def _row(
    cells: Sequence[tuple[float, str]], top: float, size: float, column: int = 0, raised: str = ""
) -> Line:
    words = []
    for x, text in cells:
        for token in text.split():
            up = token == raised
            height = size * (0.6 if up else 1.0)
            width = len(token) * height * 0.5
            y = top - size * 0.3 if up else top
            words.append(Word(token, x, x + width, y, y + height, height, superscript=up))
            x += width + size * 0.3
    return Line(
        " ".join(w.text for w in words), 1, words[0].x0, words[-1].x1, top, top + size, size,
        tuple(words), column=column,
    )  # fmt: skip


# (left edge, source cell, score cell, type size, column): one column A4 at 10 pt; the right
# column of a two-column Letter page at 9 pt.
LAYOUTS = [(72.0, 204.0, 330.0, 10.0, 0), (320.0, 380.0, 500.0, 9.0, 1)]


def _table(left: float, source: float, score: float, size: float, column: int) -> list[Line]:
    cells = [
        [(left, "Method"), (source, "Source"), (score, "Accuracy")],
        [(left, "Method A"), (source, "MacWhinney"), (score, "0.71")],
        [(source, "(1993)")],
        [(left, "Method B"), (source, "Henderson and"), (score, "0.74")],
        [(source, "Martin (2013)")],
        [],
        [(left, "Later work by Baker (2001) agrees with this.")],
    ]
    lead = size * 1.4
    return [_row(row, 500 + i * lead, size, column) for i, row in enumerate(cells) if row]


@pytest.mark.parametrize("layout", LAYOUTS, ids=["one-column", "two-column"])
def test_a_wrapped_cell_zoned_apart_is_read_with_its_row(
    layout: tuple[float, float, float, float, int],
) -> None:
    lines = _table(*layout)
    pdf = PdfText("synthetic.pdf", (Page(1, 612, 792, 2, tuple(lines)),), ())
    # The zones took the rows for the table, the wrapped "Martin (2013)" for a heading.
    rows = [lines[0], lines[1], lines[3]]
    scan = scan_citations(pdf, doubtful=rows, headings=[lines[4]])
    works = [w for c in scan.citations for w in c.works]
    assert [(w.names, w.year) for w in works] == [
        (("MacWhinney",), "1993"),
        (("Henderson", "Martin"), "2013"),
        (("Baker",), "2001"),
    ]
    # Table callouts are doubted; the sentence below the table, starting at its left edge,
    # is no cell of it.
    assert [w.doubt is not None for w in works] == [True, True, False]


@pytest.mark.parametrize("layout", LAYOUTS, ids=["one-column", "two-column"])
def test_raised_numbers_in_table_rows_cite(layout: tuple[float, float, float, float, int]) -> None:
    left, source, score, size, column = layout
    lead = size * 1.4
    lines = [
        _row([(left, "Jane Doe 1 and John Roe 2")], 100, size, column, raised="1"),
        _row([(left, "Several authors questioned the effect 3 in practice.")], 300, size, column,
             raised="3"),
        _row([(left, "Method"), (source, "Source"), (score, "Accuracy")], 500, size, column),
        _row([(left, "Method A"), (source, "10"), (score, "0.71")], 500 + lead, size, column,
             raised="10"),
        _row([(left, "Method B"), (source, "11"), (score, "0.74")], 500 + 2 * lead, size, column,
             raised="11"),
    ]  # fmt: skip
    pdf = PdfText("synthetic.pdf", (Page(1, 612, 792, 2, tuple(lines)),), ())
    scan = scan_citations(pdf, doubtful=lines[2:])
    # The author line's raised "1" marks an affiliation; the table's numbers cite, doubted.
    assert [(c.text, c.works[0].doubt is not None) for c in scan.citations] == [
        ("3", False),
        ("10", True),
        ("11", True),
    ]


@pytest.mark.parametrize("layout", LAYOUTS, ids=["one-column", "two-column"])
def test_a_raised_number_set_apart_from_a_one_letter_label_cites(
    layout: tuple[float, float, float, float, int],
) -> None:
    """achemso's table: "Method A" and, 0.7 em on, the cell's raised "10" (left of where the
    column's heading starts, so read in one cell with "A"): no power of "A"."""
    left, _, score, size, column = layout
    mark = left + 3.8 * size + 0.7 * size  # "Method A" is 3.8 em wide here
    lead = size * 1.4
    lines = [
        _row([(left, "Method"), (mark + 5, "Source"), (score, "Accuracy")], 500, size, column),
        _row([(left, "Method A"), (mark, "10"), (score, "0.71")], 500 + lead, size, column,
             raised="10"),
        _row([(left, "Method B"), (mark, "11"), (score, "0.74")], 500 + 2 * lead, size, column,
             raised="11"),
        _row([(left, "a formula where x"), (left + 7.9 * size, "2")], 500 + 4 * lead, size,
             column, raised="2"),
    ]  # fmt: skip
    pdf = PdfText("synthetic.pdf", (Page(1, 612, 792, 2, tuple(lines)),), ())
    scan = scan_citations(pdf, doubtful=lines[:3])
    assert [c.text for c in scan.citations] == ["10", "11"]
