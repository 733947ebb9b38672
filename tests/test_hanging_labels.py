"""Labels of a list hanging left of its entries, told apart from line numbers (issue 11).

clinsci_2014_douglas p. 9 prints its labels as bare numbers ("20", no bracket) far left of a
page that holds nothing but the list, and the right column's labels stand in the gutter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.extract.references import find_reference_entries
from refcheck.pdf import load
from refcheck.pdf.layout import Page, layout_pages
from refcheck.pdf.reader import RawPage, Word
from tests.listgen import Block, Style, body, reference_list, write
from tests.pdfgen import FONT_MISSING, find_font_files
from tests.test_column_overlaps import justified
from tests.test_layout import PAGE_H, PAGE_W, body_texts, words_of

ENTRY = "Surname, A. and Other, B. (2010) A title that runs on. J. Chem. 12, 1-9"


def stacked_entries(first: int, count: int, label_x: float | None, text_x: float) -> list[Word]:
    """``count`` entries of three lines each, labelled ``first`` … at their first line."""
    words: list[Word] = []
    for index in range(count):
        top = 100 + index * 3 * 14
        if label_x is not None:
            words += words_of(str(first + index), label_x, top, size=7)
        for row in range(3):
            words += words_of(f"{ENTRY} part {row}", text_x, top + row * 14, size=7)
    return words


def page_of(words: list[Word]) -> Page:
    (page,) = layout_pages([RawPage(1, PAGE_W, PAGE_H, tuple(words))])
    return page


def test_bare_numbers_hanging_far_left_of_their_entries_stay_on_their_lines() -> None:
    page = page_of(stacked_entries(20, 12, label_x=60, text_x=78))
    texts = body_texts(page)
    assert texts[0] == f"20 {ENTRY} part 0"
    assert texts[3] == f"21 {ENTRY} part 0"
    assert texts[1] == f"{ENTRY} part 1"


def test_line_numbers_of_a_review_copy_stay_side_notes() -> None:
    # One number per line, evenly spaced: the text's sentences must not take them in.
    words: list[Word] = []
    for row in range(30):
        words += words_of(str(row + 1), 40, 100 + row * 14, size=7)
        words += words_of(
            f"running text line {row} of the paper goes on and on", 78, 100 + row * 14
        )
    texts = body_texts(page_of(words))
    assert texts[:2] == [
        "running text line 0 of the paper goes on and on",
        "running text line 1 of the paper goes on and on",
    ]
    assert texts[30:33] == ["1", "2", "3"]


def test_numbers_that_do_not_count_on_are_no_labels() -> None:
    # Scattered margin numbers (a page reference, a figure's tick marks) count up by no one.
    words = stacked_entries(20, 12, label_x=None, text_x=100)
    for index, value in enumerate((3, 17, 4, 88)):
        words += words_of(str(value), 40, 100 + index * 3 * 14, size=7)
    texts = body_texts(page_of(words))
    assert texts[0] == f"{ENTRY} part 0"
    assert texts[-4:] == ["3", "17", "4", "88"]


@pytest.mark.parametrize("labels", ["bare", "bracket"])
def test_labels_in_the_gutter_belong_to_the_column_they_hang_before(labels: str) -> None:
    # Left column text ends at ~290 (one stray line reaches 303); the right column's labels
    # stand at 308, nearer its text at 326 than the left column's end.
    words = [w for w in stacked_entries(1, 14, label_x=60, text_x=78) if w.x1 <= 290]
    words += words_of("stray", 280, 100 + 20 * 14, size=7)
    for index in range(14):
        top = 100 + index * 3 * 14
        label = str(20 + index) if labels == "bare" else f"[{20 + index}]"
        words += words_of(label, 308, top, size=7)
        for row in range(3):
            words += words_of(
                f"Right, C. (2001) Entry {20 + index} line {row}", 326, top + row * 14, size=7
            )
    page = page_of(words)
    assert page.columns == 2
    right = [ln.text for ln in page.body if ln.column == 2]
    assert right[0] == f"{'20' if labels == 'bare' else '[20]'} Right, C. (2001) Entry 20 line 0"
    assert not any("Right" in ln.text for ln in page.body if ln.column == 1)


LIST_ONLY_PAGES = [
    pytest.param(Style(), id="1col"),
    pytest.param(Style(columns=2, text_size=9.0, list_size=8.0, indent=18.0), id="2col"),
]


@pytest.mark.skipif(find_font_files() is None, reason=FONT_MISSING)
@pytest.mark.parametrize("style", LIST_ONLY_PAGES)
def test_a_list_with_bare_labels_over_pages_of_its_own_is_read_whole(
    tmp_path: Path, style: Style
) -> None:
    blocks = [*body(1, style), Block("heading", "References"), *reference_list(70, "n", seed=11)]
    entries = find_reference_entries(load(write(tmp_path / "doc.pdf", blocks, style), 100))
    assert [entry.label for entry in entries] == [str(n) for n in range(1, 71)]


def test_bracketed_labels_in_a_narrow_gutter_go_with_the_right_column() -> None:
    """biblatex-ext's numeric list in two columns: each right-column label "[27]" hangs in the
    gutter, nearer the end of the left column's text than its own entry's start; the row merge
    joined it to the left entry ("… “On [27]")."""
    words: list[Word] = []
    for index in range(8):
        top = 100 + index * 3 * 14
        words += words_of(f"[{16 + index}]", 60, top)
        words += words_of(f"[{27 + index}]", 304, top)
        for row in range(3):
            words += justified("Glaser, M. and Weber, M. On the dating", 85, 290, top + row * 14)
            words += words_of("Mehellou, Y. and De Clercq", 340, top + row * 14)
    texts = body_texts(page_of(words))
    assert "[27] Mehellou, Y. and De Clercq" in texts
    assert not any("dating [2" in text for text in texts)
