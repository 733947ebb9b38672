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
    if not right:
        return list(lines)
    # A column's edge is where its leftmost line starts, though few may (a list's first lines
    # when the others are indented).
    edges = [*starts, min(right)]
    out: list[Line] = []
    for line in lines:
        cuts = _cuts(line.words, starts, edges, gutters)
        if not cuts:
            out.append(line)
            continue
        bounds = [0, *cuts, len(line.words)]
        for a, b in pairwise(bounds):
            out.append(make(list(line.words[a:b]), line.page, 0, line.role))
    return out


def _cuts(
    words: Sequence[Word],
    starts: Sequence[int],
    edges: Sequence[int],
    gutters: Sequence[tuple[float, float]],
) -> list[int]:
    cuts = []
    for index in range(1, len(words)):
        before, word = words[index - 1], words[index]
        overlap = before.x1 - word.x0 > OVERLAP_EM * max(before.size, word.size) and _on(
            word, starts
        )
        across = _on(word, edges) and any(
            before.x1 <= left + EDGE_TOLERANCE and word.x0 >= right - EDGE_TOLERANCE
            for left, right in gutters
        )
        if overlap or across:
            cuts.append(index)
    return cuts


def _on(word: Word, xs: Sequence[int]) -> bool:
    return any(abs(word.x0 - x) <= EDGE_TOLERANCE for x in xs)


# Lines right of an earlier page's gutter a page needs before that gutter is carried over.
MIN_LINES_RIGHT = 3


def kept_clear(gutters: Sequence[tuple[float, float]], lines: Sequence[Line], slack: float) -> bool:
    """Whether a page keeps an earlier page's gutters empty, with text on both sides.

    A page of a two-column list whose left lines run to the gutter shows no gutter of its own:
    the rows of both columns were joined into page-wide lines. Yet no word stands in the strip,
    and a page set in one column puts words there on nearly every line.
    """
    if not gutters or not lines:
        return False
    for left, right in gutters:
        inside = any(w.x0 < right - slack and w.x1 > left + slack for ln in lines for w in ln.words)
        beyond = sum(1 for ln in lines if ln.x1 > right + slack)
        if inside or beyond < MIN_LINES_RIGHT:
            return False
    return True


def cut_at_gutters(
    lines: Sequence[Line],
    gutters: Sequence[tuple[float, float]],
    make: Callable[[list[Word], int, int, str], Line],
) -> list[Line]:
    """``lines`` cut wherever the space between two words holds a whole gutter."""
    out: list[Line] = []
    for line in lines:
        words = line.words
        cuts = [
            i
            for i in range(1, len(words))
            if any(words[i - 1].x1 <= left and words[i].x0 >= right for left, right in gutters)
        ]
        bounds = [0, *cuts, len(words)]
        out += [make(list(words[a:b]), line.page, 0, line.role) for a, b in pairwise(bounds)]
    return out
