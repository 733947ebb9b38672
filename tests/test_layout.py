"""Layout on synthetic word boxes: lines, columns, reading order, running headers."""

from __future__ import annotations

from refcheck.pdf.layout import Line, Page, build_lines, layout_pages
from refcheck.pdf.reader import RawPage, Word

PAGE_W, PAGE_H = 600.0, 800.0


def words_of(text: str, x: float, top: float, size: float = 10.0, gap: float = 3.0) -> list[Word]:
    words = []
    for token in text.split():
        width = len(token) * size * 0.5
        words.append(Word(token, x, x + width, top, top + size * 1.2, size * 1.2))
        x += width + gap
    return words


def column_page(number: int, header: str | None = None, footer: str | None = None) -> RawPage:
    words: list[Word] = []
    if header:
        words += words_of(header, 60, 30, size=8)
    for row in range(30):
        top = 100 + row * 14
        words += words_of(f"left column line {row} text goes here", 60, top)
        words += words_of(f"right column line {row} more words", 320, top)
    if footer:
        words += words_of(footer, 290, 770, size=8)
    return RawPage(number, PAGE_W, PAGE_H, tuple(words))


def body_texts(page: Page) -> list[str]:
    return [line.text for line in page.body]


def test_words_on_one_baseline_form_one_line_left_to_right() -> None:
    words = words_of("the quick brown fox", 60, 100)
    lines = build_lines(reversed(words), page=1)
    assert [line.text for line in lines] == ["the quick brown fox"]


def test_two_columns_are_read_left_column_first() -> None:
    (page,) = layout_pages([column_page(1)])
    assert page.columns == 2
    texts = body_texts(page)
    assert texts[0] == "left column line 0 text goes here"
    assert texts[29] == "left column line 29 text goes here"
    assert texts[30] == "right column line 0 more words"


def test_full_width_title_is_read_before_the_columns() -> None:
    raw = column_page(1)
    title = words_of("A Title That Spans Both Columns Of The Page", 120, 60, size=16)
    (page,) = layout_pages([RawPage(1, PAGE_W, PAGE_H, (*title, *raw.words))])
    assert body_texts(page)[0] == "A Title That Spans Both Columns Of The Page"
    assert page.body[0].column == 0


def test_one_column_page_has_one_column() -> None:
    words = [
        w
        for row in range(30)
        for w in words_of(
            f"a long single column line of running text number {row} that spans the page",
            60,
            100 + row * 14,
        )
    ]
    (page,) = layout_pages([RawPage(1, PAGE_W, PAGE_H, tuple(words))])
    assert page.columns == 1
    assert len(page.body) == 30


def test_repeated_margin_lines_and_page_numbers_are_running_lines() -> None:
    pages = [
        column_page(n, header="Journal of Tests · Vol. 3 · No. 2", footer=str(40 + n))
        for n in range(1, 5)
    ]
    laid = layout_pages(pages)
    for page in laid:
        assert [ln.text for ln in page.by_role("header")] == ["Journal of Tests · Vol. 3 · No. 2"]
        assert [ln.text for ln in page.by_role("footer")] == [str(40 + page.number)]
        assert all("Journal" not in text for text in body_texts(page))


def test_superscript_marks_are_flagged_and_stay_on_their_line() -> None:
    words = words_of("known effects", 60, 100)
    mark = Word("1,2", words[-1].x1 + 0.5, words[-1].x1 + 8, 97, 104, 7.0)
    lines = build_lines([*words, mark], page=1)
    assert len(lines) == 1
    assert [w.superscript for w in lines[0].words] == [False, False, True]


def test_line_height_property() -> None:
    line = Line("x", 1, 0, 10, 5, 17, 12.0, ())
    assert line.height == 12


def test_nearly_empty_last_page_keeps_the_columns_of_the_page_before() -> None:
    # Three lines per column are too few to prove a gutter; merging rows across it would
    # glue the end of one reference to the start of the next.
    words: list[Word] = []
    for row in range(3):
        top = 100 + row * 14
        words += words_of(f"left reference line {row} ends", 60, top)
        words += words_of(f"right reference line {row} ends", 320, top)
    last = RawPage(2, PAGE_W, PAGE_H, tuple(words))
    _, page = layout_pages([column_page(1), last])
    assert page.columns == 2
    assert body_texts(page) == [
        *(f"left reference line {row} ends" for row in range(3)),
        *(f"right reference line {row} ends" for row in range(3)),
    ]


def test_short_one_column_page_after_two_columns_stays_one_column() -> None:
    words: list[Word] = []
    for row in range(3):
        words += words_of(
            f"a full width line {row} of the appendix that runs on across the page and beyond",
            60,
            100 + row * 14,
        )
    _, page = layout_pages([column_page(1), RawPage(2, PAGE_W, PAGE_H, tuple(words))])
    assert page.columns == 1
    assert len(page.body) == 3


def test_side_notes_beside_the_text_are_read_after_it_not_inside_its_sentences() -> None:
    # PeerJ p. 1: "Distributed under" in the left margin stands beside "(Kim, Korbel & …".
    words: list[Word] = []
    for row in range(12):
        text = f"running text line {row} of the introduction goes on and on here"
        words += words_of(text, 180, 100 + row * 14)
    words += words_of("Distributed under", 35, 100 + 5 * 14)
    words += words_of("CC-BY 4.0", 35, 100 + 6 * 14)
    (page,) = layout_pages([RawPage(1, PAGE_W, PAGE_H, tuple(words))])
    texts = body_texts(page)
    assert texts[:12] == [
        f"running text line {row} of the introduction goes on and on here" for row in range(12)
    ]
    assert texts[12:] == ["Distributed under", "CC-BY 4.0"]


def test_justified_gaps_and_hanging_labels_stay_on_their_line() -> None:
    words: list[Word] = []
    for row in range(8):
        words += words_of(f"[{row + 1}]", 60, 100 + row * 14)
        words += words_of(f"a reference entry number {row} with its words here", 85, 100 + row * 14)
    (page,) = layout_pages([RawPage(1, PAGE_W, PAGE_H, tuple(words))])
    assert body_texts(page)[0] == "[1] a reference entry number 0 with its words here"


def test_a_label_hanging_far_left_of_its_item_stays_on_its_line() -> None:
    # Labels set in a margin of their own, five ems from their entries, are no side notes.
    words: list[Word] = []
    for row in range(8):
        top = 100 + row * 14
        words += words_of(f"[{row + 1}]", 50, top)
        words += words_of(f"a reference entry number {row} with its words here", 120, top)
    (page,) = layout_pages([RawPage(1, PAGE_W, PAGE_H, tuple(words))])
    assert body_texts(page)[:2] == [
        "[1] a reference entry number 0 with its words here",
        "[2] a reference entry number 1 with its words here",
    ]


def test_columns_below_a_wide_table_of_many_cells_are_still_found() -> None:
    # acl_2020.acl-main.207 p. 7: a results table of 200 cells above 15 rows of two columns.
    words: list[Word] = []
    for row in range(20):
        for cell in range(10):
            words += words_of(f"{row}.{cell}5", 60 + cell * 50, 60 + row * 12, size=8)
    for row in range(15):
        top = 320 + row * 14
        words += words_of(f"left column line {row} text goes here", 60, top)
        words += words_of(f"right column line {row} more words", 320, top)
    (page,) = layout_pages([RawPage(1, PAGE_W, PAGE_H, tuple(words))])
    assert page.columns == 2
    texts = body_texts(page)
    left = texts.index("left column line 0 text goes here")
    assert texts[left : left + 2] == [
        "left column line 0 text goes here",
        "left column line 1 text goes here",
    ]


BIOGRAPHY = "is professor of sports policy and writes about what sport does for society at large"


def short_columns_above_a_wide_block(right_x: float, rows: int = 3) -> RawPage:
    """A last page: ``rows`` lines per column, then a full-width block of eight lines."""
    words: list[Word] = []
    for row in range(rows):
        top = 100 + row * 14
        words += words_of(f"left reference line {row} ends", 60, top)
        words += words_of(f"right reference line {row} ends", right_x, top)
    for row in range(8):
        words += words_of(f"{BIOGRAPHY} {row}", 60, 200 + row * 14)
    return RawPage(2, PAGE_W, PAGE_H, tuple(words))


def test_columns_above_a_full_width_block_keep_the_gutter_of_the_page_before() -> None:
    # ssoar_45152 p. 5: the list's last entries in two columns, the author's biography below.
    _, page = layout_pages([column_page(1), short_columns_above_a_wide_block(320)])
    assert page.columns == 2
    assert body_texts(page)[:6] == [
        *(f"left reference line {row} ends" for row in range(3)),
        *(f"right reference line {row} ends" for row in range(3)),
    ]


def test_pieces_that_do_not_start_where_the_columns_did_keep_their_rows() -> None:
    # A table row on a one-column page: its right cells start nowhere the columns started.
    _, page = layout_pages([column_page(1), short_columns_above_a_wide_block(400)])
    assert page.columns == 1
    assert body_texts(page)[0] == "left reference line 0 ends right reference line 0 ends"


def test_a_page_range_under_its_entry_is_no_side_note() -> None:
    # Only the page range "501-524." of an entry set at 60 ends left of the long lines' edge
    # (a biography at 130); text starting left of it shows it is no margin note.
    words: list[Word] = []
    words += words_of("Weiss, C. H. (1997). How can theory-based evaluation work", 60, 100)
    words += words_of("501-524.", 74, 114)
    for row in range(6):
        words += words_of(f"{BIOGRAPHY} {row}", 130, 160 + row * 14)
    texts = body_texts(layout_pages([RawPage(1, PAGE_W, PAGE_H, tuple(words))])[0])
    assert texts[:2] == ["Weiss, C. H. (1997). How can theory-based evaluation work", "501-524."]


def test_a_last_page_whose_right_column_holds_an_entrys_last_lines_keeps_its_columns() -> None:
    # IEEEtran: the left column full of entries, the right one the end of the last entry.
    words: list[Word] = []
    for row in range(30):
        words += words_of(f"left reference line {row} ends here", 60, 100 + row * 14)
    for row in range(3):
        words += words_of(f"right tail {row} of the entry", 320, 100 + row * 14)
    _, page = layout_pages([column_page(1), RawPage(2, PAGE_W, PAGE_H, tuple(words))])
    assert page.columns == 2
    assert body_texts(page)[:2] == [
        "left reference line 0 ends here",
        "left reference line 1 ends here",
    ]
    assert body_texts(page)[-1] == "right tail 2 of the entry"


def test_a_left_column_as_wide_as_the_right_is_no_side_note() -> None:
    # REVTeX's last page: the right column has more long lines at one indent than the left,
    # whose lines all end left of that edge; read as notes, the left column came last.
    words: list[Word] = []
    for row in range(8):
        x = 60 if row % 2 == 0 else 75  # no place where five of its long lines start
        words += words_of(f"[{row}] left entry text line {row} with more words", x, 100 + row * 14)
    for row in range(10):
        x = 320 if row % 5 == 0 else 335
        words += words_of(f"right entry text line {row} with a few more words", x, 100 + row * 14)
    _, page = layout_pages([column_page(1), RawPage(2, PAGE_W, PAGE_H, tuple(words))])
    assert body_texts(page)[0].startswith("[0] left entry")
    assert body_texts(page)[-1].startswith("right entry text line 9")
