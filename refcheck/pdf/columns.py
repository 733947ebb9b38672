"""Which column each line of a page belongs to, once the page's gutters are known.

A line across a gutter spans the page (column 0); others go to the column their text stands
in. The gutter found is the emptiest strip between two columns, so what hangs in it (a list's
labels left of their column) is placed by the text it stands closer to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from refcheck.patterns import compiled

if TYPE_CHECKING:
    from refcheck.pdf.layout import Line

# Gutter edges are measured in 2 pt slots, and justified lines reach a little into them.
GUTTER_SLACK = 4.0


def assign_columns(lines: Sequence[Line], gutters: Sequence[tuple[float, float]]) -> list[Line]:
    """Column 0 for lines across a gutter; otherwise the column the line's middle is in.

    Short pieces inside a gutter (a reference number hanging left of its column) belong to
    the column whose text they stand closer to.
    """
    edges = [_text_edges(lines, gutter) for gutter in gutters]
    assigned = []
    for line in lines:
        column = 1
        for (left, right), (text_end, text_start) in zip(gutters, edges, strict=True):
            if line.x0 < left - GUTTER_SLACK and line.x1 > right + GUTTER_SLACK:
                column = 0
                break
            label = _LABEL.fullmatch(line.text) is not None and line.x0 >= text_end
            if label or line.x0 - text_end > text_start - line.x1:
                column += 1
        if gutters and column != line.column:
            line = replace(line, column=column)
        assigned.append(line)
    return assigned


# A list label alone in a gutter hangs left of the column on its right.
_LABEL = compiled(r"\[\d{1,3}\]|\d{1,3}\.")


def _text_edges(lines: Sequence[Line], gutter: tuple[float, float]) -> tuple[float, float]:
    """Where the text left of a gutter ends and the text right of it starts.

    The gutter found is only the emptiest strip between them: a column of labels hanging in
    it (ignored when the gutter is measured) may sit right of that strip's middle and still
    belong to the text on the right. Without text on both sides the gutter's middle decides.
    """
    left, right = gutter
    ends = sorted(ln.x1 for ln in lines if ln.x1 <= left + GUTTER_SLACK)
    starts = sorted(ln.x0 for ln in lines if ln.x0 >= right - GUTTER_SLACK)
    if not ends or not starts:
        return left, right
    # Where most lines end and start: one line (a wide formula, a figure label) may reach
    # further into the gutter than its column does.
    return ends[len(ends) * 9 // 10], starts[len(starts) // 10]
