"""A link's destination just left of the right column lands in the right column's entry.

hyperref (natbib, biblatex) sets a ``cite.<key>`` destination where the entry's box starts: at
or left of its first line's left edge, at the hanging label. In two columns that spot lies a
little left of the right column, which is also inside the full lines of the left column; the
destination means the column whose left edge is nearest. Two layouts: US Letter with a narrow
gutter and unlabelled author-year entries, A4 with a wide gutter and hanging "[n]" labels.
"""

from __future__ import annotations

import pytest

from refcheck.extract.anchors import read_anchors
from refcheck.extract.references import RawEntry
from refcheck.model import Reference
from refcheck.pdf import InternalLink, Line, Page, PdfText
from refcheck.pdf.reader import Word

LEADING = 12.0


def _line(text: str, page: int, x0: float, x1: float, top: float, column: int) -> Line:
    words, x, step = [], x0, (x1 - x0) / max(1, len(text.split()))
    for part in text.split():
        words.append(Word(part, x, x + step - 3, top, top + 10, 10.0))
        x += step
    return Line(text, page, x0, x1, top, top + 10, 10.0, tuple(words), column=column)


def _paper(
    left: tuple[float, float], right: tuple[float, float], labelled: bool
) -> tuple[tuple[Page, ...], list[RawEntry], list[Reference]]:
    """Page 1: a callout; page 2: two columns of entries, one line each, side by side."""
    callout = _line("as shown before (Zeta, 2001).", 1, left[0], left[1], 100, 1)
    lines, entries = [], []
    for index in range(8):
        column = 1 if index < 4 else 2
        x0, x1 = left if column == 1 else right
        top = 100 + (index % 4) * LEADING * 2
        label = f"[{index + 1}] " if labelled else ""
        text = f"{label}Author{index}, A. (2001). A title of the work."
        line = _line(text, 2, x0, x1, top, column)
        lines.append(line)
        entries.append(RawEntry(str(index + 1) if labelled else None, line.text, 2, (line,)))
    pages = (
        Page(1, 612, 792, 2, (callout,)),
        Page(2, 612, 792, 2, tuple(sorted(lines, key=lambda ln: (ln.column, ln.top)))),
    )
    references = [Reference(f"R{i + 1}", e.text, 2) for i, e in enumerate(entries)]
    return pages, entries, references


@pytest.mark.parametrize(
    ("left", "right", "labelled", "offset"),
    [
        ((72.0, 300.0), (311.0, 540.0), False, 20.3),  # Letter, 11 pt gutter, hanging indent
        ((57.0, 290.0), (305.0, 538.0), True, 18.0),  # A4, 15 pt gutter, wide label box
    ],
)
def test_destination_left_of_the_right_column_names_the_right_columns_entry(
    left: tuple[float, float], right: tuple[float, float], labelled: bool, offset: float
) -> None:
    pages, entries, references = _paper(left, right, labelled)
    for row in range(4):
        top = 100 + row * LEADING * 2 - 3  # destinations sit a little above their line
        link = InternalLink(1, (200.0, 100.0, 230.0, 110.0), 2, right[0] - offset, top, "cite.x")
        pdf = PdfText("x.pdf", pages, (), links=(link,))
        anchors = read_anchors(pdf, entries, references)
        assert [a.reference_id for a in anchors] == [f"R{row + 5}"]
        at_left = InternalLink(1, link.rect, 2, left[0] - offset / 2, top, "cite.y")
        pdf = PdfText("x.pdf", pages, (), links=(at_left,))
        assert [a.reference_id for a in read_anchors(pdf, entries, references)] == [f"R{row + 1}"]
