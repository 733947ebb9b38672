"""A heading at the top of the right column is not a word of the left column's line (issue 11).

In a two-column paper whose reference list starts at the top of the right column, the heading
"References" (14.4 pt) stood 11 pt right of a justified 10 pt body line: under the heading's em
that gap passed for a word space, the two were one line across the gutter, and no list was
found. The gap is measured in the smaller em. Two layouts: US Letter 10 pt with a 14.4 pt
heading and a 10 pt gutter, A4 9 pt with a 12 pt heading and a 9.5 pt gutter. Words of one size,
and a raised mark beside its word, still join.
"""

from __future__ import annotations

import pytest

from refcheck.pdf.layout import build_lines
from refcheck.pdf.reader import Word


def _words(text: str, x0: float, top: float, size: float, step: float) -> list[Word]:
    out, x = [], x0
    for part in text.split():
        width = 0.5 * size * len(part)
        out.append(Word(part, x, x + width, top, top + size, size))
        x += width + step
    return out


@pytest.mark.parametrize(
    ("body", "heading", "column_end", "gutter"),
    [(10.0, 14.4, 300.0, 10.8), (9.0, 12.0, 290.0, 9.5)],
)
def test_a_larger_heading_across_the_gutter_is_a_line_of_its_own(
    body: float, heading: float, column_end: float, gutter: float
) -> None:
    text = "Baumert, 1965). Earlier work reported"
    width = sum(0.5 * body * len(part) + 3.0 for part in text.split()) - 3.0
    left = _words(text, column_end - width, 125, body, 3.0)  # justified to the column's end
    title = _words("References", column_end + gutter, 124, heading, 3.0)
    lines = build_lines([*left, *title], 2)
    assert sorted(line.text for line in lines) == [
        "Baumert, 1965). Earlier work reported",
        "References",
    ]


@pytest.mark.parametrize("size", [10.0, 9.0])
def test_words_of_one_size_and_a_raised_mark_still_join(size: float) -> None:
    words = _words("the effect was robust", 72, 300, size, 0.4 * size)
    x = words[-1].x1 + 0.3
    mark = Word("12", x, x + 0.7 * size, 298, 298 + 0.75 * size, 0.7 * size)
    after = _words("in all samples", mark.x1 + 0.35 * size, 300, size, 0.4 * size)
    lines = build_lines([*words, mark, *after], 1)
    assert [line.text for line in lines] == ["the effect was robust 12 in all samples"]
