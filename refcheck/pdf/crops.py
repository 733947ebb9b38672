"""Crops of PDF pages around a spot (a callout, a reference entry), the spot highlighted, as PNG.

For a reader of the report, who judges a finding by its place on the page without opening the
PDF. Each page is rendered once, at a scale that keeps its bitmap bounded whatever size the
page claims, and every crop on it is cut from that bitmap; a document gets at most
``MAX_CROPS`` crops from at most ``MAX_PAGES`` pages, so a hostile PDF cannot blow up a report;
:func:`render_crops_within` renders in a child process with a deadline, so a page that is slow
to render cannot stall it either.
"""

from __future__ import annotations

import io
import multiprocessing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from refcheck.errors import PdfError
from refcheck.pdf.reader import open_pdf

# (x0, top, x1, bottom) in points from the page's top-left corner, as the words have them.
Rect = tuple[float, float, float, float]

MAX_CROPS = 120  # crops per document
MAX_PAGES = 40  # pages rendered per document
MAX_PAGE_PIXELS = 2400  # the longer side of a rendered page, in pixels
RENDER_SCALE = 2.0  # the most pixels per point a page is rendered at
CROP_WIDTH = 720  # the widest crop, in pixels; a wider one is scaled down
CONTEXT_Y = 36.0  # points above and below it
MAX_CROP_POINTS = (620.0, 220.0)  # the largest region of a page a crop shows, in points
HIGHLIGHT = (255, 214, 0, 110)  # translucent yellow over the spot
OUTLINE = (214, 40, 40, 255)  # and a red frame around it
CROP_SECONDS = 20.0  # the most one document's crops may take to render
PALETTE = 16  # colours of the PNG: text, the mark and anti-aliasing need no more


@dataclass(frozen=True)
class Spot:
    """What to crop: the boxes of one spot on one page (boxes on other pages are left out)."""

    page: int
    rects: tuple[Rect, ...]


def render_crops_within(
    path: Path, spots: Sequence[Spot], max_pages: int, seconds: float = CROP_SECONDS
) -> list[bytes | None]:
    """:func:`render_crops` in a child process that must answer within ``seconds``: the
    report stage runs outside the guarded workers that read the PDF, and one page that PDFium
    renders forever must not stop the report. Past the deadline, no crop (every spot None)."""
    if not spots:
        return []
    forkable = "fork" in multiprocessing.get_all_start_methods()
    context = (
        multiprocessing.get_context("fork") if forkable else multiprocessing.get_context("spawn")
    )
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_render_to, args=(sender, path, list(spots), max_pages), daemon=True
    )
    child.start()
    sender.close()
    try:
        if receiver.poll(seconds):
            crops: list[bytes | None] = receiver.recv()
            return crops
    except (EOFError, OSError):
        pass  # the child died (out of memory, a crash in PDFium): no crops
    finally:
        if child.is_alive():
            child.kill()
        child.join(1)
        receiver.close()
    return [None] * len(spots)


def _render_to(sender: Connection, path: Path, spots: list[Spot], max_pages: int) -> None:
    sender.send(render_crops(path, spots, max_pages))
    sender.close()


def render_crops(path: Path, spots: Sequence[Spot], max_pages: int) -> list[bytes | None]:
    """A PNG for each spot, in order; None for a spot past the budgets, on a page out of range
    or that PDFium cannot render, and for every spot when the file cannot be opened."""
    crops: list[bytes | None] = [None] * len(spots)
    try:
        document = open_pdf(path, max_pages)
    except (PdfError, OSError):
        return crops
    try:
        for page_number, indices in _pages(spots, len(document)):
            try:
                bitmap, scale, (dx, dy) = _render_page(document, page_number)
            except pdfium.PdfiumError:
                continue
            for index in indices:
                rects = tuple(
                    (r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy) for r in spots[index].rects
                )
                crops[index] = _crop(bitmap, scale, rects)
    finally:
        document.close()
    return crops


def _pages(spots: Sequence[Spot], page_count: int) -> Iterator[tuple[int, list[int]]]:
    """Each page to render with the spots on it, within the budgets, first page first."""
    by_page: dict[int, list[int]] = {}
    for index, spot in enumerate(spots[:MAX_CROPS]):
        if spot.rects and 1 <= spot.page <= page_count:
            by_page.setdefault(spot.page, []).append(index)
    for page in sorted(by_page)[:MAX_PAGES]:
        yield page, by_page[page]


def _render_page(
    document: pdfium.PdfDocument, number: int
) -> tuple[Image.Image, float, tuple[float, float]]:
    """The page's bitmap, its scale, and how far the words' frame is from the bitmap's."""
    page = document[number - 1]
    try:
        width, height = page.get_width(), page.get_height()
        # At the scale of the crops, so that none is resized; smaller on a huge page.
        fitted = CROP_WIDTH / min(width, MAX_CROP_POINTS[0])
        scale = min(RENDER_SCALE, fitted, MAX_PAGE_PIXELS / max(width, height, 1.0))
        bitmap = page.render(scale=scale, rotation=0, may_draw_forms=False)
        image = bitmap.to_pil().convert("RGB")
        shift = _frame_shift(page.get_cropbox(), width, height)
    finally:
        page.close()
    return image, scale, shift


def _frame_shift(
    cropbox: tuple[float, float, float, float], width: float, height: float
) -> tuple[float, float]:
    """The words are placed from the top-left corner of the crop box pypdfium2 reports (see
    :mod:`refcheck.pdf.reader`); PDFium renders the page's effective box. They differ where a
    page inherits its MediaBox from the page tree (fpdf2 writes them so): pypdfium2 then
    reports a Letter page, while PDFium renders the inherited box, taken here to start at the
    origin. The shift is (0, 0) wherever the two agree."""
    left, bottom, right, top = cropbox
    if abs(right - left - width) <= 0.5 and abs(top - bottom - height) <= 0.5:
        return 0.0, 0.0
    return left, height - top


def _crop(page: Image.Image, scale: float, rects: tuple[Rect, ...]) -> bytes | None:
    x0 = min(r[0] for r in rects)
    top = min(r[1] for r in rects)
    x1 = max(r[2] for r in rects)
    bottom = max(r[3] for r in rects)
    region = _region((x0, top, x1, bottom), page.width / scale, page.height / scale)
    if region[2] - region[0] < 1 or region[3] - region[1] < 1:
        return None  # the spot lies off the page
    left, upper = region[0] * scale, region[1] * scale
    pixels = (round(left), round(upper), round(region[2] * scale), round(region[3] * scale))
    crop = page.crop(pixels).convert("RGBA")
    mark = Image.new("RGBA", crop.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(mark)
    for rect in rects:
        box = (
            rect[0] * scale - left - 2,
            rect[1] * scale - upper - 2,
            rect[2] * scale - left + 2,
            rect[3] * scale - upper + 2,
        )
        draw.rectangle(box, fill=HIGHLIGHT, outline=OUTLINE, width=max(1, round(scale)))
    image = Image.alpha_composite(crop, mark).convert("RGB")
    if image.width > CROP_WIDTH:
        height = max(1, round(image.height * CROP_WIDTH / image.width))
        image = image.resize((CROP_WIDTH, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.quantize(colors=PALETTE).save(out, format="PNG", optimize=False)
    return out.getvalue()


def _region(spot: Rect, width: float, height: float) -> Rect:
    """The part of the page shown: its lines across (up to ``MAX_CROP_POINTS`` wide, centred on
    the spot) and a few lines above and below, within the page; a spot taller than the crop
    shows its start."""
    most_x, most_y = MAX_CROP_POINTS
    shown = min(width, most_x)
    centre = (spot[0] + spot[2]) / 2
    x0 = min(max(0.0, centre - shown / 2), max(0.0, width - shown))
    top = max(0.0, spot[1] - CONTEXT_Y)
    bottom = min(height, spot[3] + CONTEXT_Y, top + most_y)
    return x0, top, x0 + shown, bottom
