"""Small PDFs of a paper's end: reference lists in several styles and what stands around them.

A document is a sequence of blocks (headings, paragraphs, list entries, code lines) that flow
through one or two columns and are set with fpdf2, so the tests of where a list starts and ends
read real PDF text, real columns and real type sizes. The entries are made up from a seed;
what a test knows is how many entries each list has.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from tests.pdfgen import find_font_files

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN, GUTTER = 56.0, 22.0
TOP, BOTTOM = 72.0, 770.0
FAMILY = "ListSans"

SURNAMES = (
    "Adams", "Baker", "Carter", "Dalton", "Ellis", "Fischer", "Garcia", "Hughes", "Ivanova",
    "Jensen", "Keller", "Larsen", "Moreau", "Nakamura", "Olsen", "Petrov", "Quinn", "Romero",
    "Schmidt", "Tanaka", "Urban", "Vogel", "Weber", "Young", "Zhang",
)  # fmt: skip
TITLE_WORDS = (
    "adaptive", "estimation", "of", "sparse", "signals", "under", "noise", "with", "bounded",
    "error", "in", "large", "networks", "for", "robust", "learning", "from", "partial",
    "observations", "and", "its", "application", "to", "field", "data",
)  # fmt: skip
JOURNALS = ("Journal of Applied Statistics", "Physical Review Letters", "Annals of Data Science")
PROSE = (
    "This appendix gives the proofs that were left out of the main text and the details of "
    "the simulation, where every run used the same seed and the same number of samples."
)


# Marks where a test breaks a line inside a word, as typesetters break URLs and DOIs.
BREAK = "\u00a6"


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "text", "entry" or "code"
    text: str
    label: str = ""  # the printed number of a numbered entry ("[3]", "3.")
    note: str = ""  # a footnote set inside the entry, after its second line ("7 See …")


@dataclass(frozen=True)
class Style:
    columns: int = 1
    text_size: float = 10.0
    list_size: float = 9.0
    heading_size: float = 12.0
    indent: float = 20.0  # hanging indent of the entries, wide enough for a label "[12]"
    # A running line on every page, at ``running_at`` from the top, its page number at the
    # right edge: LaTeX's default geometry sets it about a fifth of the page from the foot,
    # inside a text block from ``top`` to ``bottom``.
    running: str = ""
    running_at: float = 0.0
    top: float = TOP
    bottom: float = BOTTOM


def author_year_entry(rng: random.Random) -> str:
    names = rng.sample(SURNAMES, rng.randint(1, 3))
    authors = ", ".join(f"{name}, {rng.choice('ABCDEFGHJKLMN')}." for name in names)
    title = " ".join(rng.sample(TITLE_WORDS, rng.randint(5, 11))).capitalize()
    pages = rng.randint(1, 400)
    return (
        f"{authors} ({rng.randint(1970, 2023)}). {title}. {rng.choice(JOURNALS)}, "
        f"{rng.randint(1, 90)}({rng.randint(1, 12)}), {pages}–{pages + rng.randint(5, 30)}."
    )


def numbered_entry(rng: random.Random) -> str:
    names = [f"{rng.choice('ABCDEFGHJKLMN')}. {n}" for n in rng.sample(SURNAMES, 2)]
    title = " ".join(rng.sample(TITLE_WORDS, rng.randint(5, 11)))
    return (
        f"{' and '.join(names)}, {title}, {rng.choice(JOURNALS)} {rng.randint(1, 90)} "
        f"({rng.randint(1970, 2023)}) {rng.randint(1, 999)}."
    )


def reference_list(count: int, numbered: str, seed: int) -> list[Block]:
    """``count`` entries; ``numbered`` is "[n]", "n." or "" (author-year, sorted)."""
    rng = random.Random(seed)
    if not numbered:
        return [Block("entry", t) for t in sorted(author_year_entry(rng) for _ in range(count))]
    return [
        Block("entry", numbered_entry(rng), numbered.replace("n", str(n)))
        for n in range(1, count + 1)
    ]


def body(paragraphs: int, style: Style) -> list[Block]:
    """Body text; two columns get more of it, so that both columns of a page show."""
    return [Block("heading", "1 Introduction")] + [Block("text", PROSE)] * (
        paragraphs * style.columns**2
    )


def appendix(title: str) -> list[Block]:
    code = ["fit <- model(data, k = c(0.1, 2))", "for (i in 1:n) { x[i] <- exp(-k[i] * t) }"]
    return [
        Block("heading", title),
        Block("text", PROSE + " It follows the work of Adams (2001)."),
        *(Block("code", line) for line in code),
        Block("text", PROSE),
    ]


class _Flow:
    """Places lines column by column, page by page."""

    def __init__(self, pdf: FPDF, style: Style) -> None:
        self.pdf, self.style = pdf, style
        self.width = (PAGE_W - 2 * MARGIN - GUTTER * (style.columns - 1)) / style.columns
        self.column, self.y = 0, style.top
        self.new_page()

    def new_page(self) -> None:
        self.pdf.add_page()
        if self.style.running:
            size, folio = self.style.list_size, str(self.pdf.page_no())
            self.put(MARGIN, self.style.running, size, y=self.style.running_at)
            self.pdf.set_font(FAMILY, "", size)
            right = PAGE_W - MARGIN - self.pdf.get_string_width(folio)
            self.put(right, folio, size, y=self.style.running_at)

    def x(self) -> float:
        return MARGIN + self.column * (self.width + GUTTER)

    def advance(self, height: float) -> None:
        if self.y + height > self.style.bottom:
            self.column += 1
            if self.column == self.style.columns:
                self.new_page()
                self.column = 0
            self.y = self.style.top
        self.y += height

    def put(self, x: float, text: str, size: float, bold: bool = False, y: float = 0.0) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size)
        self.pdf.text(x, y or self.y, text)

    def wrap(self, text: str, size: float, width: float) -> list[str]:
        """Lines of at most ``width``; a BREAK in ``text`` ends a line there, with no space."""
        self.pdf.set_font(FAMILY, "", size)
        lines: list[str] = []
        for segment in text.split(BREAK):
            start = len(lines)
            for word in segment.split():
                joined = f"{lines[-1]} {word}" if len(lines) > start else word
                if len(lines) > start and self.pdf.get_string_width(joined) <= width:
                    lines[-1] = joined
                else:
                    lines.append(word)
        return lines


def _set(flow: _Flow, block: Block) -> None:
    style = flow.style
    if block.kind == "heading":
        flow.advance(style.heading_size * 2.2)
        flow.put(flow.x(), block.text, style.heading_size, bold=True)
        flow.advance(style.heading_size * 0.4)
        return
    size = style.list_size if block.kind in ("entry", "code") else style.text_size
    indent = style.indent if block.kind == "entry" else 0.0
    start = indent if block.label else 0.0
    for index, text in enumerate(flow.wrap(block.text, size, flow.width - indent)):
        flow.advance(size * 1.3)
        if index == 0 and block.label:
            flow.put(flow.x(), block.label, size)
        flow.put(flow.x() + (start if index == 0 else indent), text, size)
        if index == 1 and block.note:
            _note(flow, block.note, size * 0.85)
    flow.advance(size * (0.35 if block.kind == "entry" else 0.6))


def _note(flow: _Flow, note: str, size: float) -> None:
    """A footnote, small type under a gap, its number raised: it interrupts the entry."""
    number, text = note.split(" ", 1)
    flow.advance(size * 2)
    flow.put(flow.x() + 8, number, size * 0.6)
    flow.pdf.set_font(FAMILY, "", size * 0.6)
    raised = flow.x() + 8 + flow.pdf.get_string_width(number) + 1
    for index, line in enumerate(flow.wrap(text, size, flow.width - 20)):
        flow.advance(size * 1.2 if index else size * 0.3)
        flow.put(raised if index == 0 else flow.x(), line, size)
    flow.advance(size)


def write(path: Path, blocks: Sequence[Block], style: Style = Style()) -> Path:
    fonts = find_font_files()
    if fonts is None:
        raise RuntimeError("no usable font")
    pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
    pdf.set_auto_page_break(False)
    for weight, font in fonts.items():
        pdf.add_font(FAMILY, weight, str(font))
    flow = _Flow(pdf, style)
    for block in blocks:
        _set(flow, block)
    pdf.output(str(path))
    return path
