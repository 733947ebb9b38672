"""The PDF reader on tiny PDFs drawn for the purpose: superscripts, subscripts, rotated text."""

from __future__ import annotations

from pathlib import Path

import fpdf

from refcheck.pdf import load
from refcheck.pdf.reader import read_pdf


def draw(path: Path, *pieces: tuple[float, float, float, str], rotated: str = "") -> Path:
    """Pieces of text as (x, y, size, text) on one A4 page, plus an optional rotated stamp."""
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_page()
    for x, y, size, text in pieces:
        pdf.set_font("Helvetica", size=size)
        pdf.text(x, y, text)
    if rotated:
        pdf.set_font("Helvetica", size=20)
        with pdf.rotation(90, 30, 600):
            pdf.text(30, 600, rotated)
    pdf.output(str(path))
    return path


def line_words(path: Path) -> list[tuple[str, bool]]:
    pdf = load(path, max_pages=5)
    (line,) = [ln for ln in pdf.pages[0].lines if "effects" in ln.text or "residue" in ln.text]
    return [(w.text, w.superscript) for w in line.words]


def filler(y: float) -> list[tuple[float, float, float, str]]:
    # A text layer needs some words; these lines keep the page from looking scanned.
    return [(72, y + 14 * i, 10, f"filler line {i} with several words of text") for i in range(4)]


def test_raised_small_digits_after_a_word_are_a_superscript(tmp_path: Path) -> None:
    path = draw(
        tmp_path / "sup.pdf",
        (72, 100, 10, "known effects"),
        (72 + 63.4, 96, 6, "1,2"),
        (72 + 72, 100, 10, "were seen"),
        *filler(200),
    )
    assert line_words(path) == [
        ("known", False),
        ("effects", False),
        ("1,2", True),
        ("were", False),
        ("seen", False),
    ]


def test_lowered_small_digit_is_a_subscript_and_stays_in_its_word(tmp_path: Path) -> None:
    path = draw(
        tmp_path / "sub.pdf",
        (72, 100, 10, "the P"),
        (72 + 22.8, 102.5, 6, "2"),
        (72 + 30, 100, 10, "residue"),
        *filler(200),
    )
    texts = [text for text, superscript in line_words(path) if superscript]
    assert texts == []


def test_rotated_margin_stamp_is_left_out(tmp_path: Path) -> None:
    path = draw(tmp_path / "rot.pdf", *filler(100), rotated="arXiv:0908.0054v1 [astro-ph.CO]")
    words = [w.text for page in read_pdf(path, 5).pages for w in page.words]
    assert "arXiv:0908.0054v1" not in words
    assert "filler" in words


def test_a_word_split_around_an_accent_glyph_is_joined_and_the_glyph_dropped() -> None:
    from refcheck.pdf.reader import Word, join_accent_splits

    # acl_2020.acl-main.207 p. 11 draws "Řehůřek" as "Reh", "ˇ" (over the R), "u˚ˇrek".
    words = [
        Word("Radim", 72.0, 98.6, 475.8, 484.7, 8.9),
        Word("Reh", 100.8, 116.8, 475.8, 484.7, 8.9),
        Word("ˇ", 102.4, 105.8, 473.7, 482.6, 8.9),
        Word("u˚ˇrek", 116.8, 134.6, 475.8, 484.7, 8.9),
        Word("and", 136.7, 151.1, 475.8, 484.7, 8.9),
        Word("˝", 160.0, 163.0, 473.7, 482.6, 8.9),
        Word("Sojka", 170.1, 190.0, 475.8, 484.7, 8.9),
    ]
    assert [(w.text, w.x0, w.x1) for w in join_accent_splits(words)] == [
        ("Radim", 72.0, 98.6),
        ("Rehu˚ˇrek", 100.8, 134.6),
        ("and", 136.7, 151.1),
        ("Sojka", 170.1, 190.0),
    ]
