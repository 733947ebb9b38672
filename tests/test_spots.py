"""Where a callout is printed and the sentence it stands in (read at extraction), and the crops
of the page around it (rendered for the report), on PDFs made here with fpdf2 whose every
word's place is known."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image

from refcheck.extract.citations.spots import sentence_around
from refcheck.extract.document import build_document
from refcheck.model import Box, Document, DocumentResult, Finding, Report, Severity
from refcheck.pdf import load
from refcheck.pdf.crops import (
    CROP_WIDTH,
    MAX_CROP_POINTS,
    MAX_CROPS,
    Spot,
    render_crops,
    render_crops_within,
)
from refcheck.report import html
from refcheck.report.spots import Spots, document_spots
from tests.pdfgen import find_font_files

SIZE = 10.0
GAP = 70.0
LEFT = 60.0


@dataclass(frozen=True)
class Placed:
    """Where the paper printed a callout: its page, x0, x1 and baseline, in points."""

    page: int
    x0: float
    x1: float
    baseline: float


def _paper(path: Path, width: float = 612.0, height: float = 792.0) -> dict[str, Placed]:
    """One page of prose citing two works (one callout broken over two lines), a reference
    list; the places of the callouts and of the list's first entry by their text.

    fpdf2 writes the page size into the page tree, where pypdfium2 does not read it: the words
    are then placed on a Letter page (the size given by default), and PDFium renders the
    real one. Letter keeps the two alike; other sizes test the crops' shift between them."""
    fonts = find_font_files()
    if fonts is None:
        pytest.skip("no usable font")
    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_auto_page_break(False)
    for weight, font in fonts.items():
        pdf.add_font("Z", weight, str(font))
    pdf.add_page()
    placed: dict[str, Placed] = {}

    def put(y: float, *parts: str, points: float = SIZE) -> None:
        pdf.set_font("Z", "", points)
        x = LEFT
        for part in parts:
            if part.startswith(("(", "Smith")) or part.endswith("2019)."):
                placed[part] = Placed(1, x, x + pdf.get_string_width(part), y)
            pdf.text(x, y, part)
            x += pdf.get_string_width(part)

    put(70, "Seasonal Measurements at Coastal Sites", points=16)
    prose = "the samples were measured at every site and compared with the earlier seasons"
    y = 110.0
    for _ in range(8):
        put(y, prose.capitalize() + ".")
        y += SIZE * 1.4
    # A line set apart, so that a mark painted off it paints no ink.
    y += GAP
    put(y, "Earlier work measured the same sites ", "(Smith and Jones, 2020)", " in spring.")
    y += GAP
    put(y, "The winter samples were taken by ", "(Brown")
    y += SIZE * 1.4
    put(y, "2019).", " Both used the same method.")
    y += SIZE * 1.4
    for _ in range(4):
        put(y, prose.capitalize() + ".")
        y += SIZE * 1.4
    put(y + 20, "References", points=12)
    y += 44
    put(y, "Brown, A. 2019. Winter sampling at the coast. Journal of Sites 3: 1-9.")
    placed["entry"] = Placed(1, LEFT, LEFT, y)
    put(y + SIZE * 1.4, "Smith, B., and C. Jones. 2020. Spring sampling. Journal of Sites 4:")
    put(y + 2 * SIZE * 1.4, "        10-19.")
    pdf.output(str(path))
    return placed


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Placed], Document]:
    path = tmp_path_factory.mktemp("spots") / "paper.pdf"
    placed = _paper(path)
    return path, placed, build_document(load(path, 10))


def _near(box: Box, place: Placed) -> bool:
    return (
        box.page == place.page
        and abs(box.x0 - place.x0) < 1.5
        and abs(box.x1 - place.x1) < 1.5
        and box.top < place.baseline < box.bottom + 1
        and box.bottom - box.top < 2 * SIZE
    )


def test_a_callout_carries_the_box_of_its_words_and_its_sentence(
    paper: tuple[Path, dict[str, Placed], Document],
) -> None:
    _, placed, document = paper
    smith = next(c for c in document.citations if "Smith" in c.text)
    assert len(smith.boxes) == 1
    assert _near(smith.boxes[0], placed["(Smith and Jones, 2020)"]), smith.boxes
    assert smith.sentence == (
        "Earlier work measured the same sites (Smith and Jones, 2020) in spring."
    )


def test_a_callout_broken_over_two_lines_has_a_box_on_each(
    paper: tuple[Path, dict[str, Placed], Document],
) -> None:
    _, placed, document = paper
    brown = next(c for c in document.citations if "Brown" in c.text)
    assert len(brown.boxes) == 2
    assert _near(brown.boxes[0], placed["(Brown"])
    assert _near(brown.boxes[1], placed["2019)."])
    assert brown.sentence == "The winter samples were taken by (Brown 2019)."


def test_a_reference_entry_carries_the_box_of_its_lines(
    paper: tuple[Path, dict[str, Placed], Document],
) -> None:
    _, placed, document = paper
    first, second = document.references[:2]
    assert len(first.boxes) == 1 and len(second.boxes) == 1
    assert abs(first.boxes[0].x0 - LEFT) < 1.5
    assert first.boxes[0].top < placed["entry"].baseline < first.boxes[0].bottom
    # The second entry's two lines make one box.
    assert second.boxes[0].bottom - second.boxes[0].top > 1.5 * SIZE
    assert second.boxes[0].top > first.boxes[0].bottom - 1


@pytest.mark.parametrize(
    ("text", "callout", "sentence"),
    [
        ("One. Two is here [3] too. Three.", "[3]", "Two is here [3] too."),
        ("As shown by J. Smith (2001), it holds. Next.", "(2001)", "As shown by J. Smith (2001), "
         "it holds."),
        ("Before. (Lee, 2004) found it. After.", "(Lee, 2004)", "(Lee, 2004) found it."),
        ("1 Introduction ;\nWork by Lee [2] shows it.", "[2]", "Work by Lee [2] shows it."),
        ("It was measured. \uf0d8 Study of (Kim, 2014) aimed at it. 3. Next", "(Kim, 2014)",
         "Study of (Kim, 2014) aimed at it."),
    ],
)  # fmt: skip
def test_sentence_around_a_callout(text: str, callout: str, sentence: str) -> None:
    start = text.index(callout)
    assert sentence_around(text, start, start + len(callout)) == sentence


def test_a_long_sentence_is_cut_around_the_callout() -> None:
    text = "Start " + "word " * 400 + "[7] " + "word " * 400 + "end."
    start = text.index("[7]")
    sentence = sentence_around(text, start, start + 3)
    assert "[7]" in sentence and sentence.startswith("…") and sentence.endswith("…")
    assert len(sentence) <= 602


def _is_yellow(r: int, g: int, b: int) -> bool:
    # The mark over white paper; the palette may tint anti-aliased grey a little, never so much.
    return r > 200 and g > 200 and b < g - 75


def _yellow(image: Image.Image) -> int:
    return len(_yellow_at(image)[0])


@pytest.mark.parametrize("size", [(612.0, 792.0), (595.0, 842.0)], ids=["letter", "a4"])
def test_a_crop_shows_the_callout_highlighted(size: tuple[float, float], tmp_path: Path) -> None:
    path = tmp_path / "paper.pdf"
    placed = _paper(path, *size)["(Smith and Jones, 2020)"]
    document = build_document(load(path, 10))
    smith = next(c for c in document.citations if "Smith" in c.text)
    box = smith.boxes[0]
    marked, plain = render_crops(
        path,
        [Spot(1, ((box.x0, box.top, box.x1, box.bottom),)), Spot(1, ((LEFT, 70, LEFT, 70),))],
        10,
    )
    assert marked is not None and plain is not None
    image = Image.open(io.BytesIO(marked))
    assert image.format == "PNG"
    assert 0 < image.width <= CROP_WIDTH
    # The callout's box is painted: yellow pixels, about as many as its area at the crop's
    # scale, and none where no spot is marked (a zero-width spot on the title).
    scale = image.width / min(size[0], MAX_CROP_POINTS[0])
    area = (box.x1 - box.x0) * (box.bottom - box.top) * scale * scale
    assert 0.3 * area < _yellow(image) < 2 * area
    assert _yellow(Image.open(io.BytesIO(plain))) < 0.05 * area
    # The mark sits where the callout is printed: the page is narrower than a crop, so the
    # crop starts at its left edge; it starts 36 points above the callout's box, whose middle
    # is about a third of an em above the baseline.
    xs, ys = _yellow_at(image)
    middle = (placed.x0 + placed.x1) / 2 * scale, (36.0 + (box.bottom - box.top) / 2) * scale
    assert abs((min(xs) + max(xs)) / 2 - middle[0]) < 3 * scale
    assert abs((min(ys) + max(ys)) / 2 - middle[1]) < 3 * scale
    # And it covers the callout's ink: the line stands alone, so a mark painted anywhere
    # else would cover none.
    rgb = image.convert("RGB")
    covered = rgb.crop((min(xs), min(ys), max(xs) + 1, max(ys) + 1))
    ink = sum(1 for pixel in _pixels(covered) if sum(pixel) < 450)
    assert ink > 0.05 * area


def _pixels(rgb: Image.Image) -> list[tuple[int, int, int]]:
    return [(int(p[0]), int(p[1]), int(p[2])) for p in rgb.get_flattened_data()]  # type: ignore[index]


def _yellow_at(image: Image.Image) -> tuple[list[int], list[int]]:
    rgb = image.convert("RGB")
    width = rgb.width
    found = [i for i, pixel in enumerate(_pixels(rgb)) if _is_yellow(*pixel)]
    return [i % width for i in found], [i // width for i in found]


def test_crops_are_bounded_on_a_huge_page_and_in_number(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    _paper(huge, width=14_400.0, height=14_400.0)
    spots = [Spot(1, ((LEFT, 300.0, 13_000.0, 9_000.0),))] * (MAX_CROPS + 10)
    crops = render_crops(huge, spots, 10)
    assert sum(1 for c in crops if c is not None) == MAX_CROPS
    assert crops[-1] is None
    image = Image.open(io.BytesIO(crops[0] or b""))
    assert image.width <= CROP_WIDTH
    assert image.height <= MAX_CROP_POINTS[1] * CROP_WIDTH / MAX_CROP_POINTS[0] + 1


def test_no_crop_for_a_missing_file_a_page_out_of_range_or_no_box(
    paper: tuple[Path, dict[str, Placed], Document], tmp_path: Path
) -> None:
    path, _, _ = paper
    spot = Spot(1, ((LEFT, 100.0, 200.0, 110.0),))
    assert render_crops(tmp_path / "gone.pdf", [spot], 10) == [None]
    assert render_crops(path, [Spot(9, spot.rects), Spot(1, ())], 10) == [None, None]


def test_the_report_renders_crops_for_what_it_shows_only(
    paper: tuple[Path, dict[str, Placed], Document],
) -> None:
    path, _, document = paper
    brown = next(c for c in document.citations if "Brown" in c.text)
    finding = Finding(
        "CIT001", "unmatched-citation", Severity.ERROR, "no reference", 1, citation_id=brown.id
    )
    result = DocumentResult(str(path), document, findings=(finding,))
    spots = document_spots(result)
    # The finding's citation, and each reference (its row opens its entry); no other callout.
    assert set(spots.crops) == {brown.id, *(r.id for r in document.references)}
    page = html.render(Report((result,)))
    assert (
        '<blockquote class="sentence">The winter samples were taken by <mark>(Brown 2019)' in page
    )
    assert page.count('<img src="data:image/png;base64,') == 1 + len(document.references)
    assert "img-src data:;" in page
    # A source file, or a PDF no longer there, gets no crop (and the page says nothing of it).
    gone = DocumentResult(str(path) + ".gone", replace(document, path=str(path) + ".gone"))
    assert document_spots(gone) == Spots()
    source = replace(document, input_kind="bib")
    assert document_spots(DocumentResult(str(path), source, findings=(finding,))) == Spots()


def test_a_render_that_never_ends_gives_no_crop_and_does_not_stop_the_report(
    tmp_path: Path,
) -> None:
    # A FIFO nobody writes to: opening it blocks for ever, as a page PDFium cannot finish.
    fifo = tmp_path / "stalled.pdf"
    os.mkfifo(fifo)
    spots = [Spot(1, ((10.0, 10.0, 50.0, 20.0),))]
    assert render_crops_within(fifo, spots, 1, seconds=1.0) == [None]
