"""Running lines set a fifth of the page from its edge, found by their page numbers (issue 11).

LaTeX's default geometry puts the footer ("Journal of Applied Inquiry 12 (2020)   2") well
inside the outer tenth where running lines were looked for; on a short paper it is not repeated
often enough either, and it became the last entry of the reference list.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from refcheck.extract.references import find_reference_entries
from refcheck.pdf import load
from refcheck.pdf.layout import layout_pages
from refcheck.pdf.reader import RawPage, Word
from tests.listgen import Block, Style, author_year_entry, reference_list, write
from tests.pdfgen import FONT_MISSING, find_font_files

PAGE_W, PAGE_H = 600.0, 800.0
JOURNAL = "Journal of Applied Statistics 12 (2020)"


def words_of(text: str, x: float, top: float, size: float = 10.0) -> list[Word]:
    words = []
    for token in text.split():
        width = len(token) * size * 0.5
        words.append(Word(token, x, x + width, top, top + size, size))
        x += width + 3
    return words


def text_page(number: int, rows: int, foot: list[tuple[str, float]]) -> RawPage:
    """``rows`` lines of text from the top, then the foot's fragments (text, x) at 660."""
    words: list[Word] = []
    for row in range(rows):
        words += words_of(f"line {row} of the running text on this page", 60, 80 + row * 14)
    for text, x in foot:
        words += words_of(text, x, 660)
    return RawPage(number, PAGE_W, PAGE_H, tuple(words))


def roles(pages: list[RawPage]) -> list[list[str]]:
    return [[ln.role for ln in page.lines if ln.top > 600] for page in layout_pages(pages)]


def test_a_footer_inside_the_outer_fifth_is_running_when_its_number_counts_the_pages() -> None:
    pages = [text_page(1, 30, [("1", 300)]), text_page(2, 8, [(JOURNAL, 60), ("2", 520)])]
    assert roles(pages) == [["footer"], ["footer", "footer"]]


def test_a_note_at_the_foot_of_one_page_is_no_running_line() -> None:
    # A footnote ("1 See …") or a table's last row counts up with no other page.
    pages = [text_page(1, 30, [("3", 60), ("See the appendix for details.", 80)])]
    pages.append(text_page(2, 30, []))
    assert all(role == "body" for role in roles(pages)[0])


def test_a_numbered_page_foot_close_under_the_text_stays_text() -> None:
    # No blank line above it: the last line of a column, not a folio.
    words = words_of("line 0 of the running text", 60, 646) + words_of("2", 520, 660)
    close = RawPage(2, PAGE_W, PAGE_H, tuple(words))
    assert all(role == "body" for role in roles([text_page(1, 30, [("1", 300)]), close])[1])


needs_fonts = pytest.mark.skipif(find_font_files() is None, reason=FONT_MISSING)


@needs_fonts
@pytest.mark.parametrize(
    ("columns", "running_at", "top", "bottom", "numbered"),
    [
        # (fpdf's baseline; the line's box starts about 58 pt higher)
        (1, 750.0, 72.0, 690.0, ""),  # A4, one column, an author-year list, footer at 82 %
        (2, 160.0, 190.0, 770.0, "[n]"),  # two columns, a numbered list, header at 12 %
    ],
)
def test_a_running_line_never_becomes_a_reference_entry(
    tmp_path: Path, columns: int, running_at: float, top: float, bottom: float, numbered: str
) -> None:
    style = Style(columns=columns, running=JOURNAL, running_at=running_at, top=top, bottom=bottom)
    blocks = [Block("heading", "References"), *reference_list(40, numbered, seed=11)]
    entries = find_reference_entries(load(write(tmp_path / "list.pdf", blocks, style), 10))
    assert len(entries) == 40
    assert not any("Applied Statistics 12" in entry.text for entry in entries)


@needs_fonts
def test_the_footer_of_a_short_papers_last_page_is_not_its_last_entry(tmp_path: Path) -> None:
    rng = random.Random(3)
    entries = sorted(author_year_entry(rng) for _ in range(14))
    blocks = [Block("heading", "References"), *(Block("entry", text) for text in entries)]
    style = Style(running=JOURNAL, running_at=750.0, bottom=690.0)
    found = find_reference_entries(load(write(tmp_path / "short.pdf", blocks, style), 10))
    assert [entry.text[:12] for entry in found] == [text[:12] for text in entries]


def test_footnotes_numbered_on_consecutive_pages_are_no_folios() -> None:
    # Notes "1" and "2" at the feet of pages 4 and 5 count up with the pages, as folios do;
    # their marks are raised, small and set close to the note's text.
    pages = [text_page(n, 30, []) for n in range(1, 4)]
    for number in (4, 5):
        words = [Word(str(number - 3), 60, 64, 656, 661, 5.0)]
        words += words_of("This is similar in concept to the analysis of Schmidt (1968).", 67, 660)
        pages.append(RawPage(number, PAGE_W, PAGE_H, (*text_page(number, 30, []).words, *words)))
    assert all(role == "body" for page_roles in roles(pages) for role in page_roles)


def test_a_footer_right_under_a_full_page_is_running_where_another_page_sets_it_apart() -> None:
    """amsart under a full page: the last line of text ends a line's height above the footer,
    with no blank line between. Page 3's text ends higher; its footer, at the same height, and
    the page number counting the pages say what the row on page 2 is."""
    full = text_page(2, 41, [(JOURNAL, 60), ("2", 520)])  # its last line ends at 650
    short = text_page(3, 10, [(JOURNAL, 60), ("3", 520)])
    pages = layout_pages([text_page(1, 30, [("1", 300)]), full, short])
    assert [[ln.role for ln in page.lines if ln.top >= 660] for page in pages[1:]] == [
        ["footer", "footer"],
        ["footer", "footer"],
    ]
    assert pages[1].lines[-3].role == "body"  # the page's last line of text


def test_rows_at_the_foot_of_full_pages_only_are_no_running_lines() -> None:
    """Without a page that sets the row apart, a row under the text stays text."""
    pages = [text_page(n, 41, [(f"{n} A note that goes on here.", 60)]) for n in (1, 2, 3)]
    assert all(role == "body" for page in roles(pages) for role in page)


def test_a_running_line_with_its_own_page_number_set_apart_counts_on_its_own() -> None:
    """A two-page paper whose first page's number sits close under a footnote: page 2's
    "Journal … 2", set apart and numbered as its page, is running matter by itself."""
    pages = [text_page(1, 41, [("1", 300)]), text_page(2, 10, [(JOURNAL, 60), ("2", 520)])]
    assert roles(pages)[1] == ["footer", "footer"]
