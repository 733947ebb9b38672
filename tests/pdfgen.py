"""Deterministic generator of synthetic journal-article PDFs with known truth.

Tests need PDFs whose metadata they know exactly, including the awkward parts of real
articles: running headers and footers, two- and three-column bodies, words hyphenated at line
ends, URLs and DOIs broken across lines, non-ASCII names, and metadata that contradicts itself.
Every PDF is written next to ``<name>.truth.json`` which records what the PDF states and where.

The layout is done here rather than by fpdf2's automatic flow so that every line break is
known: a line is only ever broken at a space, except at the forced breaks we insert on purpose
(written ``head|tail`` in the templates below), which are recorded in the truth.

Run ``python tests/pdfgen.py OUTDIR`` to write all PDFs to OUTDIR.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from fpdf import FPDF

# --- page geometry (mm, A4) -------------------------------------------------------------------

PAGE_W = 210.0
LEFT = 20.0
RIGHT = PAGE_W - 20.0
TEXT_W = RIGHT - LEFT
BODY_TOP = 25.0  # top edge of the body frames on pages >= 2
BODY_BOTTOM = 272.0  # nothing of the body may go below this
HEADER_Y = 14.0  # baseline of the running header, inside the top margin
HEADER_RULE_Y = 16.5
FOOTER_RULE_Y = 279.0
FOOTER_Y = 284.0  # baseline of the running footer, inside the bottom margin
GUTTER = 7.0
LINE_H = 4.4  # leading of body, heading and reference lines
GAP_H = 2.2  # vertical space between paragraphs
BASELINE = 3.3  # offset from the top of a line box to its baseline

# name -> (fpdf style flags, size in pt)
STYLES: dict[str, tuple[str, float]] = {
    "body": ("", 9.5),
    "heading": ("B", 9.5),
    "ref": ("", 8.5),
    "journal": ("B", 13.0),
    "meta": ("", 8.5),
    "title": ("B", 18.0),
    "authors": ("", 11.0),
    "affil": ("I", 8.0),
    "abstract": ("", 9.0),
    "label": ("B", 9.0),
    "cite": ("", 8.0),
    "running": ("I", 8.0),
    "folio": ("", 8.5),
}

FONT_FAMILY = "GenSans"
FIXED_DATE = datetime(2024, 1, 1, tzinfo=timezone.utc)
DOI_PREFIX = "10.5555"  # Crossref's prefix reserved for test DOIs, so nothing here resolves

MONTHS = (
    "January February March April May June July August September October November December"
).split()

# Ordinary academic English, lower-case ASCII, and free of words a metadata extractor keys on
# (volume, issue, number, page, doi, ...), so filler text never looks like a statement.
WORDS = tuple(
    """
    analysis approach sample data model method result effect study evidence pattern response
    measure control group condition variable process system design framework structure context
    estimate signal change level rate value factor feature observation trial participant sector
    region network surface layer material sequence protocol outcome baseline variance error
    ratio threshold interval cohort field survey record archive source corpus text document
    across within between among during after before under over through against toward beyond
    the a an of in on for with by from and or but while whereas although because therefore
    thus however moreover notably similarly consequently is are was were has have had can may
    might should would could remains becomes appears seems shows suggests indicates reveals
    supports confirms extends limits reduces increases improves predicts explains describes
    compares considers assumes requires provides produces yields allows enables reflects
    significant robust consistent modest large small early late general specific primary
    secondary local global regional temporal spatial structural functional empirical formal
    practical careful detailed simple complex stable variable uniform partial complete direct
    indirect relative absolute average typical novel standard previous subsequent further
    additional independent clear strong weak broad narrow higher lower greater smaller
    """.split()
)

SECTIONS = (
    "Introduction",
    "Background",
    "Materials and Methods",
    "Results",
    "Discussion",
    "Limitations",
    "Conclusions",
)

REFERENCES = (
    "Álvarez-Núñez J, Pérez M (2019) Measuring layout drift in scanned journals. "
    "J Doc Eng 7(2):113–129. https://doi.org/10.5555/jde.2019.0113",
    "Brennan K, Fernández L (2017) Running heads as carriers of metadata. "
    "Scholarly Print Q 4:55–71",
    "Chen L, Müller Z, Novák T (2020) Robust parsing of two-column articles. In: Proceedings "
    "of the Workshop on Document Analysis, pp 201–210. https://doi.org/10.5555/wda.2020.021",
    "Duarte R, Gonçalves P (2018) Hyphenation and its discontents. Rev Typogr 12(1):1–19",
    "Eriksson B, Åström M (2021) Check digits in serial identifiers. Libr Stand Rev "
    "33(4):301–315. https://doi.org/10.5555/lsr.2021.0301",
    "Fischer H, Weiß A (2016) Synthetic corpora for evaluation. Comput Doc Stud 2:77–90",
    "García-Lorca E, Yılmaz A (2022) Ground truth without tears. J Test Stud 13(1):12–24. "
    "https://doi.org/10.5555/jts.2022.0012",
)

# --- identifiers --------------------------------------------------------------------------------


def issn_check_digit(seven: str) -> str:
    """ISSN check digit: weights 8..2 over the first seven digits, mod 11, 10 -> X."""
    total = sum(int(d) * w for d, w in zip(seven, range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def issn(seven: str, *, wrong: bool = False) -> str:
    """A formatted ISSN; `wrong` gives a deliberately bad check digit for negative tests."""
    digit = issn_check_digit(seven)
    if wrong:
        digit = "0" if digit == "X" else str((int(digit) + 1) % 10)
    return f"{seven[:4]}-{seven[4:]}{digit}"


def issn_is_valid(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{3}[\dX]", text)) and (
        issn_check_digit(text[:4] + text[5:8]) == text[-1]
    )


def roman(n: int) -> str:
    """Upper-case roman numeral, as some journals print volume numbers."""
    out = ""
    for value, sym in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + sym, n - value
    return out


# --- fonts --------------------------------------------------------------------------------------


def _reportlab_fonts() -> dict[str, Path] | None:
    # find_spec locates the package without importing it, so reportlab's import-time work
    # (and its absence) costs nothing.
    spec = find_spec("reportlab")
    if spec is None or not spec.submodule_search_locations:
        return None
    fonts = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return {"": fonts / "Vera.ttf", "B": fonts / "VeraBd.ttf", "I": fonts / "VeraIt.ttf"}


def find_font_files() -> dict[str, Path] | None:
    """Regular/bold/italic Unicode TTFs: reportlab's Bitstream Vera first, then DejaVu Sans.

    A font inside a Python package travels with the test dependencies; DejaVu is the fallback
    for machines with the Debian package fonts-dejavu-core. None means no usable font.
    """
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    candidates = [
        _reportlab_fonts(),
        {
            "": dejavu / "DejaVuSans.ttf",
            "B": dejavu / "DejaVuSans-Bold.ttf",
            "I": dejavu / "DejaVuSans-Oblique.ttf",
        },
    ]
    for files in candidates:
        if files and all(p.is_file() for p in files.values()):
            return files
    return None


@cache
def _font_charset(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # fontTools is a dependency of fpdf2

    return frozenset(TTFont(str(path)).getBestCmap())


class LayoutError(RuntimeError):
    """The generator could not honour its own layout rules; the truth would be wrong."""


# --- specification of a variant ------------------------------------------------------------------


@dataclass(frozen=True)
class Journal:
    name: str
    abbrev: str
    issns: tuple[str, ...]  # as printed: print first, then online


@dataclass(frozen=True)
class Facts:
    """What one place in the paper says; overrides make places disagree on purpose."""

    volume: int
    issue: int
    year: int
    first_page: int
    doi: str
    npages: int = 0  # set once the layout is known

    @property
    def pages(self) -> str:
        return f"{self.first_page}–{self.first_page + self.npages - 1}"

    def normalised(self, name: str) -> str:
        if name == "pages":
            return self.pages.replace("–", "-")
        if name == "doi":
            return self.doi.lower()
        return str(getattr(self, name))


@dataclass(frozen=True)
class Variant:
    name: str
    journal: Journal
    facts: Facts
    title: str
    authors: tuple[str, ...]
    affiliations: tuple[str, ...]
    published: str  # day and month; the year comes from the facts
    seed: int
    columns: tuple[int, ...] = (1,)  # per page; the last entry repeats
    meta: str = "vol_no_pp"  # form of the first-page volume/issue line
    doi_line: str = "label"  # "label" (DOI: ...) or "url" (https://doi.org/...)
    dates: str = "published"  # or "history" (Received/Accepted/Published)
    header: str = "dot"
    footer: str = "number"
    citation: str | None = None
    info_subject: bool = True
    info_author_sep: str = "; "
    affil_marks: bool = False  # superscript affiliation numbers glued to author names
    season: str = ""
    roman_volume: bool = False
    sections: int = 5
    paragraphs: int = 7
    specials: tuple[tuple[int, int, str], ...] = ()  # (section, paragraph, template)
    references: tuple[str, ...] = REFERENCES
    numbered_refs: bool = True
    overrides: tuple[tuple[str, str, Any], ...] = ()  # (source, field, value)
    conflicts: tuple[str, ...] = ()  # what the overrides are meant to produce
    malformed_dois: tuple[str, ...] = ()

    def facts_for(self, source: str, npages: int) -> Facts:
        changes = {name: value for src, name, value in self.overrides if src == source}
        return replace(self.facts, npages=npages, **changes)


# --- tokens, lines and text flow -----------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    text: str
    tail: str | None = None  # when set, `text` must end a line and `tail` starts the next one
    filler: bool = True  # filler words may move past a forced break to make room for it


@dataclass(frozen=True)
class Block:
    style: str  # a key of STYLES, or "gap"
    tokens: tuple[Token, ...] = ()


GAP = Block("gap")


@dataclass(frozen=True)
class Line:
    text: str
    style: str
    breaks: bool = False  # ends with the head of a forced break

    @property
    def height(self) -> float:
        return GAP_H if self.style == "gap" else LINE_H


@dataclass(frozen=True)
class Frame:
    x: float
    width: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


class Typesetter:
    """Measures text with the real font metrics, so wrapping matches what is drawn."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self._widths: dict[tuple[str, str], float] = {}

    def use(self, style: str) -> None:
        flags, size = STYLES[style]
        self.pdf.set_font(FONT_FAMILY, flags, size)

    def width(self, text: str, style: str) -> float:
        key = (text, style)
        if key not in self._widths:
            self.use(style)
            self._widths[key] = self.pdf.get_string_width(text)
        return self._widths[key]

    def line_width(self, words: Sequence[str], style: str) -> float:
        # fpdf2 applies no kerning, so a line is exactly its words plus the spaces between.
        spaces = max(len(words) - 1, 0) * self.width(" ", style)
        return sum(self.width(w, style) for w in words) + spaces

    def wrap(self, text: str, style: str, width: float) -> list[str]:
        lines: list[list[str]] = [[]]
        for word in text.split():
            if lines[-1] and self.line_width([*lines[-1], word], style) > width:
                lines.append([])
            lines[-1].append(word)
        for line in lines:
            if self.line_width(line, style) > width:
                raise LayoutError(f"word too wide for {width:.1f} mm: {line[0]!r}")
        return [" ".join(line) for line in lines if line]


def template_tokens(template: str) -> list[Token]:
    """Tokens of a fixed phrase; `head|tail` marks a forced break after `head`."""
    tokens = []
    for word in template.split():
        head, sep, tail = word.partition("|")
        tokens.append(Token(head, tail if sep else None, filler=False))
    return tokens


def _make_room(placed: list[Token], fits: Callable[[str], bool], head: str) -> list[Token] | None:
    # Moving trailing filler words past the break lets the head end a well-filled line, as a
    # hyphenating typesetter would; filler is random text, so its order carries no meaning.
    moved: list[Token] = []
    while placed and placed[-1].filler and not fits(head):
        moved.insert(0, placed.pop())
    if placed and fits(head):
        return moved
    placed.extend(moved)
    return None


def fill_line(
    ts: Typesetter, style: str, width: float, rest: list[Token]
) -> tuple[list[Token], bool]:
    """Take one line's worth of tokens off `rest`; True when it ends with a forced break."""
    placed: list[Token] = []

    def fits(word: str) -> bool:
        return ts.line_width([*(t.text for t in placed), word], style) <= width

    while rest:
        tok = rest[0]
        moved: list[Token] | None = [] if fits(tok.text) else None
        if moved is None and tok.tail is not None:
            moved = _make_room(placed, fits, tok.text)
        if moved is None:
            break
        placed.append(rest.pop(0))
        if tok.tail is not None:
            rest[0:0] = [Token(tok.tail, filler=False), *moved]
            return placed, True
    if not placed:
        raise LayoutError(f"token too wide for {width:.1f} mm: {rest[0].text!r}")
    return placed, False


class Flow:
    """A cursor over the body blocks that yields one line at a time for a given width.

    Lines are produced lazily because the column width can change from page to page; the
    cursor is a cheap immutable snapshot so the paginator can try a line and take it back.
    """

    def __init__(self, blocks: Sequence[Block]) -> None:
        self._blocks = tuple(blocks)
        self._index = 0
        self._rest: tuple[Token, ...] = self._blocks[0].tokens if self._blocks else ()

    def done(self) -> bool:
        return self._index >= len(self._blocks)

    def snapshot(self) -> tuple[int, tuple[Token, ...]]:
        return self._index, self._rest

    def restore(self, snap: tuple[int, tuple[Token, ...]]) -> None:
        self._index, self._rest = snap

    def _advance(self) -> None:
        self._index += 1
        self._rest = self._blocks[self._index].tokens if not self.done() else ()

    def next_line(self, ts: Typesetter, width: float) -> Line:
        style = self._blocks[self._index].style
        if style == "gap":
            self._advance()
            return Line("", "gap")
        rest = list(self._rest)
        placed, breaks = fill_line(ts, style, width, rest)
        self._rest = tuple(rest)
        if not rest:
            self._advance()
        return Line(" ".join(t.text for t in placed), style, breaks)


# --- the document being laid out ----------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    page: int
    x: float
    y: float  # baseline
    text: str  # empty text draws a horizontal rule from x to RIGHT
    style: str


@dataclass
class Doc:
    """Layout state of one article: positioned text, statements made, columns used."""

    variant: Variant
    ts: Typesetter
    npages: int  # assumed page count; the layout is redone until it matches
    items: list[Item] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    columns: dict[int, int] = field(default_factory=dict)
    pages: int = 0  # pages actually used by the layout

    def facts(self, source: str) -> Facts:
        return self.variant.facts_for(source, self.npages)

    def put(self, page: int, x: float, y: float, text: str, style: str, align: str = "L") -> None:
        width = self.ts.width(text, style)
        if width > TEXT_W:
            raise LayoutError(f"line wider than the text block: {text!r}")
        if align == "R":
            x -= width
        elif align == "C":
            x -= width / 2
        self.items.append(Item(page, x, y, text, style))

    def rule(self, page: int, y: float) -> None:
        self.items.append(Item(page, LEFT, y, "", "meta"))

    def para(self, page: int, y: float, text: str, style: str, leading: float) -> float:
        """Wrap `text` across the full text width from baseline `y`; returns the next baseline."""
        for line in self.ts.wrap(text, style, TEXT_W):
            self.put(page, LEFT, y, line, style)
            y += leading
        return y

    def state(self, page: int | None, source: str, facts: Facts, fields: Sequence[str]) -> None:
        for name in fields:
            self.statements.append(
                {"field": name, "value": facts.normalised(name), "page": page, "source": source}
            )


ALL_FIELDS = ("volume", "issue", "year", "pages", "doi")
VIY = ("volume", "issue", "year")
VIYP = ("volume", "issue", "year", "pages")


# --- wording of the places that state metadata ---------------------------------------------------


def volume_text(v: Variant, f: Facts) -> str:
    return roman(f.volume) if v.roman_volume else str(f.volume)


def meta_line(v: Variant, f: Facts) -> tuple[str, tuple[str, ...]]:
    if v.meta == "vol_no_pp":
        return f"Vol. {f.volume}, No. {f.issue} ({f.year}), pp. {f.pages}", VIYP
    if v.meta == "compact":
        return f"{f.year}, {f.volume}({f.issue}), {f.pages}", VIYP
    when = f"{v.season} {f.year}".strip()
    return f"Volume {volume_text(v, f)}, Issue {f.issue}, {when}", VIY


def header_line(v: Variant, f: Facts, page: int) -> tuple[str, tuple[str, ...]]:
    j = v.journal
    if v.header == "alt_dot" and page % 2 == 0:
        # Many journals put the authors on even pages and the journal on odd ones.
        return f"{surname(v.authors[0])} et al.", ()
    if v.header in ("dot", "alt_dot"):
        return f"{j.name} · Vol. {f.volume}, No. {f.issue} · {f.year}", VIY
    if v.header == "springer":
        return f"{j.abbrev} ({f.year}) {f.volume}({f.issue}):{f.pages}", VIYP
    if v.header == "roman_caps":
        when = f"{v.season} {f.year}".strip().upper()
        return f"{j.name.upper()}, VOLUME {roman(f.volume)}, ISSUE {f.issue}, {when}", VIY
    raise ValueError(v.header)


def footer_text(v: Variant, f: Facts) -> tuple[str, tuple[str, ...]]:
    if v.footer == "cite":
        return f"{v.journal.abbrev} {f.year}; {f.volume}({f.issue}): {f.pages}", VIYP
    if v.footer == "doi":
        return f"https://doi.org/{f.doi}", ("doi",)
    return "", ()


def surname(name: str) -> str:
    return name.split()[-1]


def initials(name: str, dots: bool) -> str:
    parts = [p[0] + ("." if dots else "") for p in name.split()[:-1]]
    return (" " if dots else "").join(parts)


def citation_text(v: Variant, f: Facts) -> str:
    j, t = v.journal, v.title
    if v.citation == "cite_as":  # Springer-like
        names = ", ".join(f"{surname(a)} {initials(a, False)}" for a in v.authors)
        return (
            f"Cite this article as: {names} ({f.year}) {t}. {j.abbrev} "
            f"{f.volume}({f.issue}):{f.pages}. https://doi.org/{f.doi}"
        )
    if v.citation == "to_cite":  # Taylor & Francis-like, volume:issue
        names = ", ".join(v.authors[:-1]) + f" & {v.authors[-1]}"
        return (
            f"To cite this article: {names} ({f.year}) {t}, {j.name}, {f.volume}:{f.issue}, "
            f"{f.pages.replace('–', '-')}, DOI: {f.doi}"
        )
    # APA-like
    names = [f"{surname(a)}, {initials(a, True)}" for a in v.authors]
    joined = ", ".join(names[:-1]) + f", & {names[-1]}"
    return (
        f"Citation: {joined} ({f.year}). {t}. {j.name}, {f.volume}({f.issue}), {f.pages}. "
        f"https://doi.org/{f.doi}"
    )


def author_line(v: Variant) -> str:
    names = list(v.authors)
    if v.affil_marks:
        # Superscripts sit right against the name, as in print; extractors must strip them.
        marks = "¹²³"
        names = [n + marks[min(i, len(v.affiliations) - 1)] for i, n in enumerate(names)]
    return ", ".join(names[:-1]) + f" and {names[-1]}"


def date_line(v: Variant, f: Facts) -> str:
    published = f"{v.published} {f.year}"
    if v.dates == "history":
        # An earlier year on the first page that is not the publication year, as in real papers.
        return f"Received: 3 November {f.year - 1}; Accepted: 9 April {f.year}; Published: {published}"
    return f"Published: {published}"


def issn_line(j: Journal) -> str:
    if len(j.issns) == 1:
        return f"ISSN {j.issns[0]}"
    return f"ISSN {j.issns[0]} (Print), ISSN {j.issns[1]} (Online)"


def doi_line(v: Variant, f: Facts) -> str:
    return f"https://doi.org/{f.doi}" if v.doi_line == "url" else f"DOI: {f.doi}"


def info_subject(v: Variant, f: Facts) -> str:
    pages = f.pages.replace("–", "-")
    return f"{v.journal.name}, {f.volume}({f.issue}), {pages}, {f.year}. doi:{f.doi}"


# --- generated text ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Content:
    """Text that does not depend on the layout, generated once per variant."""

    abstract: str
    keywords: str
    blocks: tuple[Block, ...]


def sentence(rng: random.Random, n: int) -> list[str]:
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    if n > 10:
        words[rng.randint(3, n - 4)] += ","
    words[-1] += "."
    return words


def paragraph(rng: random.Random, templates: Sequence[str]) -> tuple[Token, ...]:
    count = rng.randint(4, 7)
    sentences = [[Token(w) for w in sentence(rng, rng.randint(8, 18))] for _ in range(count)]
    for i, template in enumerate(templates):
        # A few filler words lead into the fixed phrase so a forced break can be moved to
        # the end of a well-filled line by shifting those filler words.
        lead = sentence(rng, rng.randint(6, 9))
        lead[-1] = lead[-1].rstrip(".")
        sentences.insert(1 + i, [*(Token(w) for w in lead), *template_tokens(template)])
    return tuple(tok for s in sentences for tok in s)


def heading(text: str) -> Block:
    return Block("heading", tuple(template_tokens(text)))


def body_blocks(v: Variant, rng: random.Random) -> list[Block]:
    blocks: list[Block] = []
    for sec in range(1, v.sections + 1):
        if blocks:
            blocks.append(GAP)
        blocks.append(heading(f"{sec} {SECTIONS[sec - 1]}"))
        wanted = [p for s, p, _ in v.specials if s == sec]
        count = max(v.paragraphs + rng.randint(-1, 1), max(wanted, default=0) + 1)
        for par in range(count):
            if par:
                blocks.append(GAP)
            templates = [t for s, p, t in v.specials if (s, p) == (sec, par)]
            blocks.append(Block("body", paragraph(rng, templates)))
    blocks += [GAP, heading("References")]
    for n, ref in enumerate(v.references, start=1):
        text = f"[{n}] {ref}" if v.numbered_refs else ref
        blocks += [GAP, Block("ref", tuple(template_tokens(text)))]
    return blocks


def make_content(v: Variant) -> Content:
    rng = random.Random(v.seed)
    abstract = " ".join(w for _ in range(6) for w in sentence(rng, rng.randint(12, 20)))
    keywords = "Keywords: synthetic documents · bibliographic metadata · ground truth"
    return Content(abstract, keywords, tuple(body_blocks(v, rng)))


# --- layout --------------------------------------------------------------------------------------


def front_matter(doc: Doc, content: Content) -> float:
    """Lay out page 1 above the body; returns the top edge of the body frames."""
    v, f = doc.variant, doc.facts("first-page")
    doc.put(1, LEFT, 20.0, v.journal.name, "journal")
    text, fields = meta_line(v, f)
    doc.put(1, LEFT, 25.5, text, "meta")
    doc.state(1, "first-page", f, fields)
    doc.put(1, LEFT, 30.0, issn_line(v.journal), "meta")
    doc.rule(1, 33.0)
    y = doc.para(1, 43.0, v.title, "title", 8.0) + 0.5
    y = doc.para(1, y, author_line(v), "authors", 5.5)
    for i, affil in enumerate(v.affiliations):
        mark = "¹²³"[i] + " " if v.affil_marks else ""
        y = doc.para(1, y, mark + affil, "affil", 3.8)
    y = doc.para(1, y + 2.0, date_line(v, f), "meta", 4.2)
    doc.state(1, "first-page", f, ("year",))
    y = doc.para(1, y, doi_line(v, f), "meta", 4.2)
    doc.state(1, "first-page", f, ("doi",))
    if v.citation:
        y = citation_block(doc, y)
    doc.put(1, LEFT, y + 4.0, "Abstract", "label")
    y = doc.para(1, y + 9.0, content.abstract, "abstract", 4.2)
    y = doc.para(1, y + 1.0, content.keywords, "meta", 4.2)
    doc.rule(1, y)
    return y + 3.0


def citation_block(doc: Doc, y: float) -> float:
    f = doc.facts("citation-block")
    doc.rule(1, y)
    y = doc.para(1, y + 4.5, citation_text(doc.variant, f), "cite", 3.8)
    doc.state(1, "citation-block", f, ALL_FIELDS)
    doc.rule(1, y - 1.5)
    return y


def page_frames(v: Variant, page: int, first_top: float) -> list[Frame]:
    n = v.columns[min(page - 1, len(v.columns) - 1)]
    width = (TEXT_W - GUTTER * (n - 1)) / n
    top = first_top if page == 1 else BODY_TOP
    return [Frame(LEFT + k * (width + GUTTER), width, top, BODY_BOTTOM) for k in range(n)]


def column_cap(doc: Doc, flow: Flow, frames: Sequence[Frame]) -> float:
    """Column height to fill: full, or balanced when the rest of the text fits on this page."""
    full = frames[0].height
    if len(frames) == 1:
        return full
    snap, total = flow.snapshot(), 0.0
    while not flow.done() and total <= full * len(frames):
        total += flow.next_line(doc.ts, frames[0].width).height
    flow.restore(snap)
    if total > full * len(frames) - 2 * LINE_H:
        return full
    # Real journals balance the columns of the last page; an extra line of slack absorbs
    # the lines that the widow rule below pushes into the next column.
    return min(full, total / len(frames) + LINE_H)


def fill_column(doc: Doc, flow: Flow, frame: Frame, page: int, cap: float) -> int:
    """Place lines into one column until `cap` mm are used; returns the text lines placed."""
    used, count = 0.0, 0
    while not flow.done():
        snap = flow.snapshot()
        line = flow.next_line(doc.ts, frame.width)
        if line.style == "gap" and count == 0:
            continue  # a column never starts with paragraph spacing
        # A forced break or a heading must not be the last line of a column: the broken word
        # would continue in another column (or page), and a heading would be orphaned.
        keep_next = count > 0 and (line.breaks or line.style == "heading")
        room = cap - used - line.height - (LINE_H if keep_next else 0.0)
        if room < -1e-6:
            flow.restore(snap)
            break
        if line.style != "gap":
            doc.put(page, frame.x, frame.top + used + BASELINE, line.text, line.style)
            count += 1
        used += line.height
    return count


def layout_body(doc: Doc, flow: Flow, first_top: float) -> None:
    page = 1
    while not flow.done():
        if page > 8:
            raise LayoutError("body does not fit in 8 pages")
        frames = page_frames(doc.variant, page, first_top)
        cap = column_cap(doc, flow, frames)
        used = 0
        for k, frame in enumerate(frames):
            last = k == len(frames) - 1
            used += fill_column(doc, flow, frame, page, frame.height if last else cap) > 0
        doc.columns[page] = used
        page += 1
    doc.pages = page - 1


def running_lines(doc: Doc) -> None:
    """Running headers on pages >= 2 and footers with printed page numbers on every page."""
    v = doc.variant
    for page in range(1, doc.pages + 1):
        if page >= 2:
            hf = doc.facts("running-header")
            text, fields = header_line(v, hf, page)
            if v.header == "springer":  # mirrored: outer edge of a two-page spread
                x, align = (LEFT, "L") if page % 2 == 0 else (RIGHT, "R")
            else:
                x, align = PAGE_W / 2, "C"
            doc.put(page, x, HEADER_Y, text, "running", align)
            doc.rule(page, HEADER_RULE_Y)
            doc.state(page, "running-header", hf, fields)
        ff = doc.facts("running-footer")
        text, fields = footer_text(v, ff)
        folio = str(ff.first_page + page - 1)
        doc.rule(page, FOOTER_RULE_Y)
        if text:
            doc.put(page, LEFT, FOOTER_Y, text, "running")
            doc.put(page, RIGHT, FOOTER_Y, folio, "folio", "R")
            doc.state(page, "running-footer", ff, fields)
        else:
            doc.put(page, PAGE_W / 2, FOOTER_Y, folio, "folio", "C")


def layout(doc: Doc, content: Content) -> None:
    if doc.variant.info_subject:
        doc.state(None, "pdf-info", doc.facts("pdf-info"), ALL_FIELDS)
    first_top = front_matter(doc, content)
    layout_body(doc, Flow(content.blocks), first_top)
    running_lines(doc)
