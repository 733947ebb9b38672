"""The cells of a table: where a row's cells start, which rows line up, and a cell's text
when it wraps onto the next line.

LaTeX sets the columns of a ``tabular`` two ``\\tabcolsep`` (12 pt) apart, so a cell gap may be
only 1.2 em wide: too narrow to tell a table from loose justified text by one line alone. What
tells it is alignment: cells of neighbouring rows start at the same x, words of running text
almost never do.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from refcheck.patterns import compiled
from refcheck.pdf import Line, Word

# A gap this many ems wide may part two cells (a word space is about a third of an em).
MIN_CELL_GAP_EM = 1.0
# Cells of two rows that start this close (points) start in the same column.
ALIGN_TOLERANCE = 1.0
# Rows this many lines apart are compared: the next, and the one after a wrapped cell's line.
ROW_REACH = 2

# A table row has a cell of at most this many words ("Method A", "0.71", "Cole (1999)").
MAX_SHORT_CELL_WORDS = 4
# A section number, list number or bullet before a heading or an item.
_LABEL = compiled(r"\(?(?:\d{1,2}(?:\.\d{1,2})*|[IVXivx]{1,5}|[A-Za-z])[.)]?|[^\w\s]")

Cells = tuple[tuple[Word, ...], ...]


def split_cells(line: Line) -> Cells:
    """The words of a row, grouped into cells wherever the white between words is wide."""
    if not line.words:
        return ()
    cells: list[list[Word]] = [[line.words[0]]]
    for previous, word in pairwise(line.words):
        if word.x0 - previous.x1 > MIN_CELL_GAP_EM * max(previous.size, 1):
            cells.append([])
        cells[-1].append(word)
    return tuple(tuple(cell) for cell in cells)


def _inner_starts(line: Line) -> list[float]:
    """Where the cells after the first start, for a line shaped like a table row."""
    cells = split_cells(line)
    if len(cells) < 2 or not any(len(cell) <= MAX_SHORT_CELL_WORDS for cell in cells):
        # Two columns of prose read as one line ("… [1,2]. ACE con-   ation of the …") line
        # up at the gutter, but no cell of theirs is short.
        return []
    if len(cells) == 2 and _LABEL.fullmatch(" ".join(w.text for w in cells[0])):
        return []  # "4 Method" above "4.1 Data": numbered headings or list items, not rows
    return [cell[0].x0 for cell in cells[1:]]


def aligned_rows(lines: Sequence[Line]) -> set[int]:
    """Indices of body lines that share an inner cell start with a line just before or after
    them in the same column: rows of one table. The row after next counts too, since a
    wrapped cell may stand on a line of its own between two rows."""
    found: set[int] = set()
    starts = [_inner_starts(line) if line.role == "body" else [] for line in lines]
    for index, line in enumerate(lines):
        for other in range(index + 1, min(len(lines), index + 1 + ROW_REACH)):
            if (lines[other].page, lines[other].column) != (line.page, line.column):
                continue
            if any(abs(x - y) <= ALIGN_TOLERANCE for x in starts[index] for y in starts[other]):
                found.update((index, other))
    return found


def table_rows(lines: Sequence[Line]) -> list[tuple[Line, Cells]]:
    """The rows of a run of table lines, each with its cells' words.

    A line that starts right of where the first cell of the row above ends leaves the first
    column empty: it goes on with that row, a narrow cell wrapped ("Alnaim &" above
    "Abuelsoud (2007)"), so its words join the cells above them, and it yields no cells.
    """
    rows: list[tuple[Line, list[list[Word]]]] = []
    for line in lines:
        cells = split_cells(line)
        above = _last_cells(rows, line)
        if above and line.x0 > above[0][-1].x1 + ALIGN_TOLERANCE:
            for cell in cells:
                _column_of(above, cell[0]).extend(cell)
            rows.append((line, []))
            continue
        rows.append((line, [list(cell) for cell in cells]))
    return [(line, tuple(tuple(cell) for cell in cells)) for line, cells in rows]


def _last_cells(rows: list[tuple[Line, list[list[Word]]]], line: Line) -> list[list[Word]]:
    """The cells of the last row with cells, when it stands in the line's page and column."""
    for previous, cells in reversed(rows):
        if (previous.page, previous.column) != (line.page, line.column):
            return []
        if cells:
            return cells
    return []


def _column_of(cells: list[list[Word]], word: Word) -> list[Word]:
    """The cell of a row that a word of the next line stands under: the last that starts at
    or left of it."""
    chosen = cells[0]
    for cell in cells:
        if cell[0].x0 <= word.x0 + ALIGN_TOLERANCE:
            chosen = cell
    return chosen
