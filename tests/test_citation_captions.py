"""A figure caption after a finished sentence is read in place: a raised mark after the full
stop ("samples.¹") or the figure's labels above the caption do not keep the sentence open, so
the caption is not held back into the next sentence, where it would cut a running citation
(pandoc-annrev-2col-01, issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from refcheck.extract.citations import scan_citations
from refcheck.extract.citations.captions import captions_after_sentences
from refcheck.extract.citations.notes import line_ends_sentence
from refcheck.extract.document import build_document
from refcheck.pdf import Line, Word, load
from tests.pdfgen import find_font_files
from tests.test_citations import document, line


def _labels(text: str, top: float) -> Line:
    """A figure's labels on one line, set far apart."""
    words = tuple(
        Word(token, 60 + 80 * i, 60 + 80 * i + 30, top, top + 10, 10.0)
        for i, token in enumerate(text.split())
    )
    return Line(text, 1, 60, words[-1].x1, top, top + 10, 10.0, words)


def test_a_raised_mark_after_a_full_stop_ends_the_sentence() -> None:
    assert line_ends_sentence(line("effects in smaller samples. 1", 1, 100, raised=("1",)))
    assert line_ends_sentence(line("as shown before. * †", 1, 100, raised=("*", "†")))
    # Set at full size, the number is text, and a raised mark inside a sentence keeps it open.
    assert not line_ends_sentence(line("effects in smaller samples. 1", 1, 100))
    assert not line_ends_sentence(line("the general case 1 and", 1, 100, raised=("1",)))


@pytest.mark.parametrize("labels", [True, False], ids=["figure-labels", "no-labels"])
def test_a_caption_after_a_finished_sentence_stays_in_place(labels: bool) -> None:
    above = [_labels("Input 2019 Encoder Output", 114)] if labels else []
    caption = line("Figure 1: Overview of the pipeline.", 1, 140)
    lines = [
        line("effects in smaller samples. 1", 1, 100, raised=("1",)),
        *above,
        caption,
        line("instruments (Magrath 1991,", 1, 170),
        line("Ungless 2004). More text.", 1, 184),
    ]
    assert [ln.text for ln in captions_after_sentences(lines)] == [ln.text for ln in lines]


def test_a_caption_and_note_do_not_cut_the_citation_after_a_raised_mark() -> None:
    note = line("1 The code was run on the 2019 release (version 4.2).", 1, 700, size=8)
    pdf = document(
        [
            line("Earlier work reported comparable", 1, 86),
            line("effects in smaller samples. 1", 1, 100, raised=("1",)),
            _labels("Input 2019 Encoder Output", 114),
            line("Figure 1: Overview of the pipeline.", 1, 140),
            line("the same quantity with different", 1, 170),
            line("instruments (Magrath 1991,", 1, 184),
            note,
        ],
        [line("Ungless 2004). These results were extended.", 2, 60)],
    )
    texts = [c.text for c in scan_citations(pdf, notes=[note]).citations]
    assert "(Magrath 1991, Ungless 2004)" in texts, texts


def _figure_paper(path: Path, size: float) -> Path:
    """A sentence ending "samples.¹", a figure (labels, caption), then a sentence whose
    citation runs from the foot of page 1, over the footnote, onto page 2."""
    fonts = find_font_files()
    if fonts is None:
        pytest.skip("no usable font")
    pdf = FPDF(unit="pt", format=(595.0, 842.0))
    pdf.set_auto_page_break(False)
    for weight, font in fonts.items():
        pdf.add_font("Z", weight, str(font))

    def put(x: float, y: float, text: str, points: float = size) -> None:
        pdf.set_font("Z", "", points)
        pdf.text(x, y, text)

    pdf.add_page()
    put(48, 60, "Seasonal Measurements at Coastal Sites", 16)
    prose = "the samples were measured at every site and compared with the earlier seasons"
    y = 100.0
    for i in range(30):
        put(48, y, prose + ("." if i % 4 == 3 else ""))
        y += size * 1.3
    put(48, y, "Earlier work reported comparable effects in smaller samples.")
    put(48 + pdf.get_string_width("Earlier work reported comparable effects in smaller samples."),
        y - size * 0.4, "1", size * 0.7)  # fmt: skip
    for i, label in enumerate(("Input", "2019", "Encoder", "Output")):
        put(60 + 120 * i, y + 40, label)
    put(48, y + 70, "Figure 1: Overview of the pipeline.")
    put(48, y + 110, "A related line of research measured the same quantity with different")
    put(48, y + 110 + size * 1.3, "instruments (Magrath 1991,")
    note = "1 The code was run on the 2019 release of the data (version 4.2) and"
    put(48, 842 - 70, note, size * 0.8)
    put(48, 842 - 70 + size, "checked again in 2021 on the new release.", size * 0.8)
    pdf.add_page()
    put(48, 40, "Seasonal Measurements", size * 0.8)  # the running head
    put(48, 90, "Ungless 2004). The sites were sampled again in the next season.")
    for i in range(6):
        put(48, 90 + size * 1.3 * (i + 1), prose + ".")
    put(48, 200, "References", size + 2)
    put(48, 230, "Magrath, R. D. 1991. Nestling weight and juvenile survival. J. Anim. Ecol. 60.")
    put(48, 230 + size * 2, "Ungless, M. A. 2004. Uniform inhibition of neurons. Science 303.")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("size", [10.0, 9.0], ids=["10pt", "9pt"])
def test_a_figure_after_a_raised_mark_does_not_cut_the_next_citation(
    size: float, tmp_path: Path
) -> None:
    document_ = build_document(load(_figure_paper(tmp_path / "p.pdf", size), 10))
    works = [{name for w in c.works for name in w.names} for c in document_.citations]
    assert any({"Magrath", "Ungless"} <= names for names in works), [
        c.text for c in document_.citations
    ]
