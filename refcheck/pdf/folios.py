"""Running lines set inside the outer tenth of the page, found by their page numbers.

LaTeX's default geometry puts the footer about a fifth of the page from its foot, well inside
the outer tenth where ``layout`` looks for running lines; on a short paper the footer's text
("Journal of Applied Inquiry 12 (2020)   2") is not repeated often enough to be recognised by
repetition either, and is read as text (a reference entry). What such a line does have is a page
number of its own, set apart by a wide gap, that counts up with the pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from refcheck.patterns import compiled

if TYPE_CHECKING:
    from refcheck.pdf.layout import Line

# Folios of LaTeX's default page styles sit within the outer fifth of the page.
FOLIO_ZONE = 0.2
# A running row is a few fragments (journal name, volume, page number), not a paragraph.
MAX_ROW_LINES = 3
# Pages whose edge rows must count with the same offset before any is trusted.
MIN_PAGES = 2
# Rows this close in height (pt) stand at the same place on their pages.
SAME_HEIGHT = 2.0

_BARE_NUMBER = compiled(r"^\d{1,4}$")


class _EdgeRow(NamedTuple):
    """A page's top or bottom row that holds a bare number."""

    page: int  # the page's index
    lines: list[int]  # the row's lines, by index on the page
    apart: bool  # set apart from the text by more than a line's height
    foot: float  # the row's lowest glyph edge: glyph boxes differ in height, not foot


def folio_rows(pages: Sequence[Sequence[Line]], heights: Sequence[float]) -> set[tuple[int, int]]:
    """(page index, line index) of the lines in top or bottom rows that carry a page number.

    A row counts when it stands apart from the text by at least a blank line, one of its
    fragments is a bare number, and that number minus the page's index is the same on at least
    two pages (or the document has one page numbered 1): a footnote or a table cell at the foot
    of a page does not count up with the pages.
    """
    by_offset: dict[int, list[_EdgeRow]] = defaultdict(list)
    for index, (lines, height) in enumerate(zip(pages, heights, strict=True)):
        for row, apart in _edge_rows(lines, height):
            found = _EdgeRow(index, row, apart, max(lines[i].bottom for i in row))
            for number in {int(lines[i].text) for i in row if _folio(lines, row, i)}:
                by_offset[number - (index + 1)].append(found)
    needed = MIN_PAGES if len(pages) > 1 else 1
    marked: set[tuple[int, int]] = set()
    for offset, rows in by_offset.items():
        kept = _standing_with_one_apart(rows)
        # A running line (text and the page's own number) set apart counts alone.
        running = offset == 0 and any(r.apart and len(r.lines) > 1 for r in kept)
        counted = len({r.page for r in kept}) >= needed and (len(pages) > 1 or offset == 0)
        if running or counted:
            marked.update((r.page, i) for r in kept for i in r.lines)
    return marked


def _standing_with_one_apart(rows: list[_EdgeRow]) -> list[_EdgeRow]:
    """The rows that stand apart from the text, and those set at the height of one that does.

    A full page's last line of text may end a line's height above the footer, with no blank
    line between (amsart's footer under a full page); the footer, its text beside its number,
    still stands where it stands on the page whose text ends higher. A bare number close under
    the text may be the last line of a column.
    """
    feet = [r.foot for r in rows if r.apart]
    return [
        r
        for r in rows
        if r.apart or (len(r.lines) > 1 and any(abs(r.foot - foot) <= SAME_HEIGHT for foot in feet))
    ]


def _folio(lines: Sequence[Line], row: Sequence[int], index: int) -> bool:
    """A bare number in the type of its row, set apart from the rest of it by at least an em.

    A footnote's mark is raised and small, and set close to its text: a page's notes "1" and
    "2" on consecutive pages would otherwise count with them.
    """
    line = lines[index]
    if not _BARE_NUMBER.match(line.text.strip()):
        return False
    others = [lines[i] for i in row if i != index]
    return all(
        line.size >= 0.9 * other.size and max(other.x0 - line.x1, line.x0 - other.x1) >= line.size
        for other in others
    )


def _edge_rows(lines: Sequence[Line], height: float) -> list[tuple[list[int], bool]]:
    """The indices of the page's top row and bottom row in the outer fifth, and whether each
    stands apart from the text by more than a line's height."""
    if len(lines) < 2:
        return []
    order = sorted(range(len(lines)), key=lambda i: lines[i].top)
    rows = []
    for bottom_edge, ends in ((False, order), (True, order[::-1])):
        # The first line is in its row even when it has no height (a degenerate box).
        row = [ends[0], *(i for i in ends[1:] if _same_row(lines[i], lines[ends[0]]))]
        rest = [lines[i] for i in ends if i not in row]
        if not rest or len(row) > MAX_ROW_LINES:
            continue
        top = min(lines[i].top for i in row)
        bottom = max(lines[i].bottom for i in row)
        if bottom_edge:
            gap, outer = top - max(ln.bottom for ln in rest), top > height * (1 - FOLIO_ZONE)
        else:
            gap, outer = min(ln.top for ln in rest) - bottom, bottom < height * FOLIO_ZONE
        if outer:
            rows.append((row, gap > max(lines[i].height for i in row)))
    return rows


def _same_row(a: Line, b: Line) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) > 0
