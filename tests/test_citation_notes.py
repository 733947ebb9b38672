"""A footnote between the two halves of a sentence that runs on to the next page: the
citation across the break is read whole, and the note is still read (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from refcheck.extract.citations import scan_citations
from refcheck.extract.citations.notes import notes_after_sentences
from refcheck.extract.document import build_document
from refcheck.pdf import load
from tests.pdfgen import find_font_files
from tests.test_citations import document, line


def _texts(lines: list[object]) -> list[str]:
    return [ln.text for ln in lines]  # type: ignore[attr-defined]


def test_a_note_waits_for_the_end_of_the_sentence_it_interrupts() -> None:
    body = [
        line("The same was found before (Nolan and Temple", 1, 600),
        line("1 The code was run on the 2019 release (version 4.2).", 1, 700, size=8),
        line("Lang 2010; Ungless 2004). Then more text", 2, 60),
        line("follows here.", 2, 74),
        line("A new sentence", 2, 88),
    ]
    notes = {id(body[1])}
    assert _texts(list(notes_after_sentences(body, notes))) == _texts(
        [body[0], body[2], body[3], body[1], body[4]]
    )
    # After a finished sentence a note stays where it is.
    done = [line("It ends here.", 1, 600), body[1], body[2]]
    assert _texts(list(notes_after_sentences(done, notes))) == _texts(done)


def test_a_full_stop_after_et_al_does_not_end_the_sentence_a_note_waits_for() -> None:
    body = [
        line("as first described by Cunningham et al.", 1, 600),
        line("1 The code was run on the 2019 release (version 4.2).", 1, 700, size=8),
        line("(1996), and then more text follows.", 2, 60),
    ]
    notes = {id(body[1])}
    assert _texts(list(notes_after_sentences(body, notes))) == _texts([body[0], body[2], body[1]])


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("studied before (Nolan and Temple", "Lang 2010; Ungless 2004).", "Nolan"),
        ("studied before [3,", "4]. The method was then used.", "[3, 4]"),
    ],
    ids=["author-year", "numeric"],
)
def test_scan_reads_a_citation_across_a_page_and_its_footnote(
    first: str, second: str, expected: str
) -> None:
    note = line("1 The code was run on the 2019 release (version 4.2).", 1, 700, size=8)
    pdf = document(
        [line("Several authors have questioned the effect as", 1, 586), line(first, 1, 600), note],
        [line(second, 2, 60)],
    )
    texts = [c.text for c in scan_citations(pdf, notes=[note]).citations]
    assert any(expected in text for text in texts), texts


def _page_break_paper(columns: int, path: Path, table: bool = False) -> Path:
    """A sentence that runs from the foot of page 1 (a footnote under it) onto page 2; the
    reference list on page 2. One column A4 10 pt, or two columns Letter 9 pt. With ``table``,
    a table floated to the top of page 2 stands between the sentence's halves."""
    fonts = find_font_files()
    if fonts is None:
        pytest.skip("no usable font")
    width, height, size = (595.0, 842.0, 10.0) if columns == 1 else (612.0, 792.0, 9.0)
    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_auto_page_break(False)
    for weight, font in fonts.items():
        pdf.add_font("Z", weight, str(font))
    col = (width - 96 - 20 * (columns - 1)) / columns
    prose = "the samples were measured at every site and compared with the earlier seasons"

    def put(x: float, y: float, text: str, points: float = size) -> None:
        pdf.set_font("Z", "", points)
        pdf.text(x, y, text)

    pdf.add_page()
    put(48, 60, "Seasonal Measurements at Coastal Sites", 16)
    put(48, 100, "1 Introduction", size + 2)
    x, y = 48 + (columns - 1) * (col + 20), 120.0
    words = prose.split()
    step = 6 if columns == 2 else 11
    for i in range(int((height - 250) / (size * 1.3))):  # the column is full
        put(x, y, " ".join(words[i % 7 : i % 7 + step]) + ("." if i % 5 == 4 else ""))
        y += size * 1.3
    put(x, y, f"the same as found before (Nolan and Temple{'' if columns == 2 else ' Lang'}")
    note = "1 The code was run on the 2019 release of the data (version 4.2) and"
    put(x, height - 70, note, size * 0.8)
    put(x, height - 70 + size, "checked again in 2021 on the new release.", size * 0.8)
    pdf.add_page()
    first = "2010; Ungless 2004)." if columns == 1 else "Lang 2010; Ungless 2004)."
    put(48, 40, "Seasonal Measurements", size * 0.8)  # the running head
    top = 90.0
    if table:
        put(120, top, "Table 1: Accuracy of earlier methods on the test set.")
        rows = (("Method", "Source", "Accuracy"), ("Method A", "Bakshi (1951)", "0.71"),
                ("Method B", "Gott et al. (2009)", "0.74"))  # fmt: skip
        for row, cells in enumerate(rows):
            for x, cell in zip((140, 240, 380), cells, strict=True):
                put(x, top + (row + 1) * size * 1.5, cell)
        top += 6 * size * 1.5
    put(48, top, f"{first} The sites were sampled again.")
    y = top + size * 1.3
    for i in range(6):
        put(48, y, " ".join(words[i : i + step]) + ".")
        y += size * 1.3
    put(48, y + 20, "References", size + 2)
    entries = ("Nolan, D., and D. Temple Lang. 2010. Computing in the curricula. The "
               "American Statistician 64: 97-107.", "Ungless, M. A. 2004. Uniform inhibition "
               "of neurons. Science 303: 2040-42.")  # fmt: skip
    y += 40
    for entry in entries:
        put(48, y, entry[:70])
        put(60, y + size * 1.3, entry[70:])
        y += size * 3
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("columns", [1, 2], ids=["one-column-a4", "two-column-letter"])
def test_a_citation_broken_by_a_page_and_its_footnote_is_read(columns: int, tmp_path: Path) -> None:
    document_ = build_document(load(_page_break_paper(columns, tmp_path / "p.pdf"), 10))
    names = {name for c in document_.citations for w in c.works for name in w.names}
    assert {"Nolan", "Ungless"} <= names, [c.text for c in document_.citations]


@pytest.mark.parametrize("columns", [1, 2], ids=["one-column-a4", "two-column-letter"])
def test_a_citation_broken_by_a_page_and_a_table_floated_to_its_top_is_read(
    columns: int, tmp_path: Path
) -> None:
    """The table at the top of page 2 stood between "(Nolan and Temple" and "Lang 2010; …":
    neither half named a work. Floats are read after the sentence, as footnotes are."""
    document_ = build_document(load(_page_break_paper(columns, tmp_path / "p.pdf", True), 10))
    names = {name for c in document_.citations for w in c.works for name in w.names}
    assert {"Nolan", "Ungless"} <= names, [c.text for c in document_.citations]


def test_a_note_waits_while_a_parenthesis_is_open_past_a_semicolon() -> None:
    """ "(Stuart et al., 1999;" ends in a semicolon, yet the citation goes on to "Barker, 2001)"."""
    body = [
        line("The estimate depends on the data (Stuart et al., 1999;", 1, 600),
        line("Table 1: Accuracy of earlier methods on the test set.", 1, 700, size=8),
        line("Barker, 2001). The approach was studied.", 2, 60),
        line("A new sentence", 2, 74),
    ]
    notes = {id(body[1])}
    assert _texts(list(notes_after_sentences(body, notes))) == _texts(
        [body[0], body[2], body[1], body[3]]
    )
