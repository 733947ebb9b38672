"""Lines of two columns that one line took in: a table cell running into the next column.

A cell of a table set in one column of a two-column page may run past the column's edge, so
its last word ends where the next column's line starts ("Burtner & Kennedy" + "assumptions"
read as one line). Words of one line never overlap; where a word starts over the end of the
word before it, at the left edge the next column's lines share, two lines meet: they are cut
apart there, before columns are assigned. So are two lines whose gap is the whole gutter, the
second starting at that edge: a justified line of a narrow column reaches the gutter, and a
list entry's label right of it ("… Journal of the ACM" + "[13] Dempster") joins it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from refcheck.pdf.reader import Word

if TYPE_CHECKING:
    from refcheck.pdf.layout import Line

# A word starting this share of an em before the end of the word before it overlaps it:
# kerning and italic corrections stay well under it.
OVERLAP_EM = 0.1
# A column's left edge is where at least this many lines right of a gutter start.
MIN_COLUMN_STARTS = 3
# How far (pt) a word may start from that edge and still stand on it.
EDGE_TOLERANCE = 1.0


def split_overlaps(
    lines: Sequence[Line],
    gutters: Sequence[tuple[float, float]],
    slack: float,
    make: Callable[[list[Word], int, int, str], Line],
) -> list[Line]:
    """``lines`` with each line cut where a word overlaps the one before it at a column edge."""
    if not gutters:
        return list(lines)
    right = Counter(
        round(ln.x0) for ln in lines if any(ln.x0 >= edge - slack for _, edge in gutters)
    )
    starts = [x for x, count in right.items() if count >= MIN_COLUMN_STARTS]
    if not starts:
        return list(lines)
    out: list[Line] = []
    for line in lines:
        cuts = _cuts(line.words, starts, gutters)
        if not cuts:
            out.append(line)
            continue
        bounds = [0, *cuts, len(line.words)]
        for a, b in pairwise(bounds):
            out.append(make(list(line.words[a:b]), line.page, 0, line.role))
    return out


def _cuts(
    words: Sequence[Word], starts: Sequence[int], gutters: Sequence[tuple[float, float]]
) -> list[int]:
    cuts = []
    for index in range(1, len(words)):
        before, word = words[index - 1], words[index]
        if not any(abs(word.x0 - x) <= EDGE_TOLERANCE for x in starts):
            continue
        overlap = before.x1 - word.x0 > OVERLAP_EM * max(before.size, word.size)
        across = any(
            before.x1 <= left + EDGE_TOLERANCE and word.x0 >= right - EDGE_TOLERANCE
            for left, right in gutters
        )
        if overlap or across:
            cuts.append(index)
    return cuts
