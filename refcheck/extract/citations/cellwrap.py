"""A table cell wrapped onto a line of its own that the zones did not take for the table.

A narrow cell wraps: "Henderson and" stands in its row, "Martin (2013)" on the line below,
alone, under its cell. Set apart from the rows and short, that line can be zoned a heading or
body text; read there, the callout loses its first author and blames a co-author (CIT004). A
line set right under a table row, starting right of where the row's first cell ends, and no
wider than the table, is that cell going on: it is read with the table (see
:func:`refcheck.zones.cells.table_rows`, which joins it to the cell above it).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from refcheck.pdf import Line
from refcheck.zones.cells import ALIGN_TOLERANCE, split_cells

# A wrapped cell's line sits at most this many of the row's line heights below the row.
WRAP_LEADING = 1.6


def wraps_a_cell(line: Line, run: Sequence[Line], tables: Collection[int]) -> bool:
    """Whether ``line`` goes on with a cell of the table rows in ``run`` (ids in ``tables``)."""
    rows = [row for row in run if id(row) in tables]
    if not rows or not line.words:
        return False
    last, row = run[-1], rows[-1]
    first_cell = split_cells(row)[0] if row.words else ()
    return (
        bool(first_cell)
        and (line.page, line.column) == (last.page, last.column)
        and 0 < line.top - last.top <= WRAP_LEADING * max(last.height, 1.0)
        and line.x0 > first_cell[-1].x1 + ALIGN_TOLERANCE
        and line.x1 <= max(r.x1 for r in rows) + ALIGN_TOLERANCE
    )
