"""Footnotes set at the size of the running text (Word, pandoc through LibreOffice; issue 11).

The note "¹ The code was run on …" at the foot of a column, in body type, was zoned as a heading
or as running text; its shape — a raised mark that the text above raised too, under a wider gap
than the line pitch, in the lower half of the page — tells it.
"""

from __future__ import annotations

import pytest

from refcheck.pdf.layout import layout_pages
from refcheck.pdf.reader import RawPage, Word
from refcheck.zones import model as z
from refcheck.zones.blocks import page_block_zones
from tests.test_layout import PAGE_H, PAGE_W, words_of

SENTENCE = "the method was tested on the data of the study and it held up well"
NOTE = ["The code was run on the 2019 release", "of the data (version 4.2) in full."]


def raised(text: str, x: float, top: float) -> Word:
    return Word(text, x, x + 4, top - 3, top + 5, 7.0, superscript=True)


def column(x: float, width_words: int, marked: bool, note_mark: bool) -> list[Word]:
    """A column of running text at a 14 pt pitch with a body-size note at its foot."""
    words: list[Word] = []
    text = " ".join(SENTENCE.split()[:width_words])
    top = 80.0
    for row in range(36):
        line = words_of(text, x, top)
        words += line
        if marked and row == 20:
            words.append(raised("1", line[-1].x1 + 1, top))
        top += 14
    top += 10  # the white above the note
    if note_mark:
        words.append(raised("1", x, top))
    words += words_of(NOTE[0], x + 6, top)
    words += words_of(NOTE[1], x, top + 14)
    return words


def zones_of(words: list[Word]) -> dict[str, str | None]:
    (page,) = layout_pages([RawPage(1, PAGE_W, PAGE_H, tuple(words))])
    zones = page_block_zones(page, 12.0)
    return {line.text: zone for line, zone in zip(page.lines, zones, strict=True)}


LAYOUTS = [
    pytest.param([(60.0, 14)], id="1col"),
    pytest.param([(60.0, 7), (320.0, 7)], id="2col"),
]


@pytest.mark.parametrize("columns", LAYOUTS)
def test_a_body_size_note_under_a_gap_whose_mark_the_text_raised_is_a_footnote(
    columns: list[tuple[float, int]],
) -> None:
    words = [w for x, n in columns for w in column(x, n, marked=True, note_mark=True)]
    zones = zones_of(words)
    assert zones[f"1 {NOTE[0]}"] == z.FOOTNOTE
    assert zones[NOTE[1]] == z.FOOTNOTE
    assert z.FOOTNOTE not in {zone for text, zone in zones.items() if "method" in text}


@pytest.mark.parametrize("columns", LAYOUTS)
def test_no_footnote_without_a_raised_mark_in_the_text_or_at_the_line_start(
    columns: list[tuple[float, int]],
) -> None:
    unmarked = [w for x, n in columns for w in column(x, n, marked=False, note_mark=True)]
    assert z.FOOTNOTE not in zones_of(unmarked).values()
    plain = [w for x, n in columns for w in column(x, n, marked=True, note_mark=False)]
    assert z.FOOTNOTE not in zones_of(plain).values()
