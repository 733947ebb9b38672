"""Raised numbers glued between a word and its full-size punctuation ("robust2,3.", as pandoc's
ACS and RSC styles and Word's superscripts come out of LibreOffice), and a footnote mark that
shares its number with a citation on the same page (issue 11)."""

from __future__ import annotations

import pytest

from refcheck.extract.citations import scan_citations
from refcheck.extract.citations.scan import GLUED_DOUBT
from refcheck.pdf import Line
from tests.test_citations import document, line


def _cited(scan_lines: list[Line]) -> list[int]:
    scan = scan_citations(document(scan_lines))
    return [w.number for c in scan.citations for w in c.works if w.number is not None]


@pytest.mark.parametrize(
    ("glued", "expected"),
    [
        ("the effect is robust2,3. Later work", [2, 3]),  # ACS: before the full stop
        ("as in the general case13,14, and the", [13, 14]),  # before a comma
        ("in smaller samples5–7; see also", [5, 6, 7]),  # a range before a semicolon
    ],
    ids=["acs-full-stop", "rsc-comma", "range-semicolon"],
)
def test_numbers_glued_before_punctuation_cite_in_a_paper_citing_with_raised_numbers(
    glued: str, expected: list[int]
) -> None:
    lines = [
        line("Cells respond to stress 1 as was reported", 1, 100, raised=("1",)),
        line(glued, 1, 114),
        line(
            "and earlier work found it 8 while others 9,10 did not.", 1, 128, raised=("8", "9,10")
        ),
    ]
    pdf = document(lines)
    works = [w for c in scan_citations(pdf).citations for w in c.works]
    glued_works = [w for w in works if w.doubt == GLUED_DOUBT]
    assert [w.number for w in glued_works] == expected
    assert [w.number for w in works if w.doubt is None] == [1, 8, 9, 10]


@pytest.mark.parametrize(
    "text", ["the covid19. Then more", "emissions of co2, while", "version mp3; the file"]
)
def test_numbers_glued_to_words_cite_nothing_where_the_paper_raises_no_numbers(
    text: str,
) -> None:
    lines = [line("As Smith (2019) found, the effect holds.", 1, 100), line(text, 1, 114)]
    assert _cited(lines) == []


def test_a_word_with_a_number_inside_it_or_capitals_is_no_glued_mark() -> None:
    lines = [
        line("Cells respond to stress 1 as seen 2 and 3 before.", 1, 100, raised=("1", "2", "3")),
        line("in water H2O. The CO2, and CH4; with x2y. Then", 1, 114),
    ]
    assert _cited(lines) == [1, 2, 3]


def test_a_footnote_mark_after_a_full_stop_leaves_the_citation_of_its_number() -> None:
    # Page 1 has footnote 1, a raised 1 inside a sentence (a citation) and one after a full
    # stop (the note's mark).
    lines = [
        line("was extended to the general case 1 . Later work", 1, 100, raised=("1",)),
        line("found it in smaller samples 2 and more 3 too.", 1, 114, raised=("2", "3")),
        line("Earlier work reported comparable effects. 1", 1, 128, raised=("1",)),
        line("1 The code was run on the 2019 release (version 4.2).", 1, 700, size=8),
    ]
    assert _cited(lines)[:3] == [1, 2, 3]
    # Where every raised 1 stands after a full stop, any may be the mark: none cites.
    only_marks = [lines[2], lines[1], lines[3]]
    assert 1 not in _cited(only_marks)
