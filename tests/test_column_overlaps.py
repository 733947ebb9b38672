"""A table cell running into the next column is cut off that column's line (issue 11).

A table set in one column of a two-column page: its cell "Burtner & Kennedy" ended past the
column's edge, over the start of the next column's line, and the two were read as one line
("Kennedyrelated"), so the citation in the cell was lost.
"""

from __future__ import annotations

import pytest

from refcheck.pdf.layout import Page, layout_pages
from refcheck.pdf.reader import RawPage, Word
from tests.test_layout import PAGE_H, PAGE_W, words_of

TEXT = "the method was tested on the data"


def two_columns(left: float, right: float, rows: int = 30) -> list[Word]:
    words: list[Word] = []
    for row in range(rows):
        if row != 12:
            words += words_of(TEXT, left, 80 + row * 14)
        words += words_of(TEXT, right, 80 + row * 14)
    return words


def page_of(words: list[Word]) -> Page:
    (page,) = layout_pages([RawPage(1, PAGE_W, PAGE_H, tuple(words))])
    return page


LAYOUTS = [pytest.param(60.0, 320.0, id="wide-gutter"), pytest.param(40.0, 300.0, id="narrow")]


@pytest.mark.parametrize(("left", "right"), LAYOUTS)
def test_a_cell_ending_over_the_next_columns_start_is_its_own_line(
    left: float, right: float
) -> None:
    words = two_columns(left, right)
    cell = words_of("Method A Burtner & Kennedy", left + 90, 80 + 12 * 14)
    shift = right + 3 - cell[-1].x1  # the cell's last word ends 3 pt into the next column
    words += [Word(w.text, w.x0 + shift, w.x1 + shift, w.top, w.bottom, w.size) for w in cell]
    texts = {line.text: line.column for line in page_of(words).lines}
    assert texts["Method A Burtner & Kennedy"] == 1
    assert not any("Kennedy the" in text for text in texts)


@pytest.mark.parametrize(("left", "right"), LAYOUTS)
def test_a_line_across_the_columns_with_word_spaces_stays_whole(left: float, right: float) -> None:
    words = two_columns(left, right)
    across = words_of("a caption that runs across the whole page at its foot", left, 80 + 31 * 14)
    texts = [line.text for line in page_of(words + across).lines]
    assert "a caption that runs across the whole page at its foot" in texts


def justified(text: str, x0: float, x1: float, top: float) -> list[Word]:
    """A line of ``text`` spread from ``x0`` to ``x1``, as a justified column sets it."""
    tokens = text.split()
    natural = sum(len(t) * 5.0 for t in tokens)
    return words_of(text, x0, top, gap=(x1 - x0 - natural) / (len(tokens) - 1))


LEFT_TEXT = "dimension of the method Journal of the ACM"
RIGHT_TEXT = "[13] Dempster, A. P., Laird, N. M."


@pytest.mark.parametrize("gutter", [8.0, 10.0, 12.0])
def test_a_justified_line_and_the_next_columns_line_beside_it_are_cut_at_the_gutter(
    gutter: float,
) -> None:
    """A narrow gutter (10 pt in LaTeX's two-column article) is hardly wider than the word
    spaces of a justified line: the list entry beside it was read as part of it."""
    right = 300.0
    words: list[Word] = []
    for row in range(30):
        top = 80 + row * 14
        if row % 8:  # a justified line reaches the gutter; a paragraph's last stops short
            words += justified(LEFT_TEXT, 40.0, right - gutter, top)
        else:
            words += words_of("the last words", 40.0, top)
        if row % 4 == 0:  # a list entry's label hangs at the column's edge
            words += words_of(RIGHT_TEXT if row == 12 else "[9] Smith, J. and Lee, A.", right, top)
        else:  # its later lines are indented
            words += words_of("of the method was tested", right + 20, top)
    texts = {line.text: line.column for line in page_of(words).lines}
    assert texts[RIGHT_TEXT] == 2
    assert not any("ACM [13]" in text for text in texts)


def test_a_page_whose_rows_were_joined_across_the_gutter_keeps_the_earlier_pages_columns() -> None:
    """The last page of a two-column list: left entries run to the gutter, the right column
    holds a few entries, so each row was read as one page-wide line and the page showed no
    gutter. No word stands where page 1's gutter was: the rows are cut there."""
    first = RawPage(1, PAGE_W, PAGE_H, tuple(justified_columns()))
    words: list[Word] = []
    for row in range(12):
        top = 80 + row * 14
        words += justified(ENTRY_TEXT, 60.0, 310.0, top)
        if row < 6:
            words += words_of(f"[{20 + row}] C. Other, Review", 320.0, top)
    second = RawPage(2, PAGE_W, PAGE_H, tuple(words))
    _, page = layout_pages([first, second])
    texts = [line.text for line in page.lines]
    assert "[20] C. Other, Review" in texts
    assert not any("Studies [2" in text for text in texts)


ENTRY_TEXT = "[1] A. Author and B. Writer, Journal of Public Studies"


def justified_columns() -> list[Word]:
    """A two-column page whose left lines run to a 10 pt gutter."""
    words: list[Word] = []
    for row in range(30):
        top = 80 + row * 14
        words += justified(ENTRY_TEXT, 60.0, 310.0, top) if row % 4 else words_of("end", 60, top)
        words += words_of("of the method was tested", 340.0 if row % 3 else 320.0, top)
    return words


def test_a_one_column_page_after_two_column_pages_stays_whole() -> None:
    first = RawPage(1, PAGE_W, PAGE_H, tuple(justified_columns()))
    words: list[Word] = []
    text = [
        "an",
        "appendix",
        "set",
        "across",
        "the",
        "whole",
        "page",
        "in",
        "one",
        "column",
        "of",
        "running",
        "text",
    ]
    for row in range(12):
        rotated = " ".join(text[row % len(text) :] + text[: row % len(text)])
        words += justified(rotated, 60.0, 540.0, 80 + row * 14)
    _, page = layout_pages([first, RawPage(2, PAGE_W, PAGE_H, tuple(words))])
    assert page.columns == 1
    assert all(line.x1 > 500 for line in page.lines)
