"""Deterministic generator of synthetic journal-article PDFs with known truth.

Tests need PDFs whose metadata they know exactly, including the awkward parts of real
articles: running headers and footers, two- and three-column bodies, words hyphenated at line
ends, URLs and DOIs broken across lines, non-ASCII names, and metadata that contradicts itself.
Every PDF is written next to ``<name>.truth.json`` which records what the PDF states and where.

The layout is done here rather than by fpdf2's automatic flow so that every line break is
known: a line is only ever broken at a space, except at the forced breaks we insert on purpose
(written ``head|tail`` in the templates below), which are recorded in the truth.

Run ``python tests/pdfgen.py OUTDIR`` to write all PDFs to OUTDIR.

Truth conventions (keys as in ``make_truth``):

* ``statements`` lists every place that states the paper's own volume, issue, year, pages or
  DOI, with the value normalised (arabic volume/issue, ``45-49`` with an ASCII hyphen,
  lower-case bare DOI) and ``source`` one of pdf-info (page null), first-page,
  running-header, running-footer, citation-block. On page 1 the volume/issue line and the
  "Published:" date (year) and the DOI line are first-page statements. Not statements: the
  "Received" year, printed page numbers (folios), and DOIs or years of other works in the
  body and references.
* Top-level volume/issue/pages_range/year/doi are the first-page values; ``issn`` is the
  ISSNs as printed on page 1, valid or not; ``conflicts`` are the fields whose statements
  disagree, in the order volume, issue, year, pages, doi.
* ``columns`` counts the body text columns per page; on page 1 that is the body below the
  full-width title block.
* ``hyphenated_words`` are whole words split as ``head-`` / ``tail`` on consecutive lines of
  one column; ``broken_urls`` and ``broken_dois`` are split with no hyphen added (a hyphen at
  the break that belongs to the DOI stays). Breaks never cross a column or page.
* DOIs use the prefix 10.5555, which Crossref keeps for examples and tests.
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
# Ordinary academic English, lower-case ASCII, and free of words a metadata extractor keys on
# (volume, issue, number, page, doi, ...), so filler text never looks like a statement.
_WORD_TEXT = """
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
"""
WORDS = tuple(_WORD_TEXT.split())

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
    # Optional words lead up to a forced break; as many are dropped as needed for the break
    # to fall at the end of a full line, where a typesetter would really hyphenate.
    optional: bool = False


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
        tokens.append(Token(head, tail if sep else None))
    return tokens


def _pool_step(rest: list[Token], fits: Callable[..., bool]) -> str:
    """Decide about the optional word at rest[0]: "place", "dropped" or "stop" (end line)."""
    j = next((i for i, t in enumerate(rest) if not t.optional), len(rest))
    if j == len(rest) or rest[j].tail is None:
        # No forced break follows the pool, so it is ordinary text.
        return "place" if fits(rest[0].text) else "stop"
    if fits(rest[0].text, rest[j].text):
        return "place"
    if fits(rest[j].text):
        del rest[:j]  # drop the rest of the pool: the head of the break now ends this line
        return "dropped"
    return "stop"  # no room left for the head: the next line starts with the pool


def fill_line(
    ts: Typesetter, style: str, width: float, rest: list[Token]
) -> tuple[list[Token], bool]:
    """Take one line's worth of tokens off `rest`; True when it ends with a forced break."""
    placed: list[Token] = []

    def fits(*words: str) -> bool:
        return ts.line_width([*(t.text for t in placed), *words], style) <= width

    while rest:
        tok = rest[0]
        if tok.optional:
            step = _pool_step(rest, fits)
            if step == "stop":
                break
            if step == "dropped":
                continue
        elif not fits(tok.text):
            break
        placed.append(rest.pop(0))
        if tok.tail is not None:
            rest.insert(0, Token(tok.tail))
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
    last_fill: float = 0.0  # how full the fullest column of the last page is, 0..1

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
    apa = [f"{surname(a)}, {initials(a, True)}" for a in v.authors]
    joined = ", ".join(apa[:-1]) + f", & {apa[-1]}"
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
        received = f"3 November {f.year - 1}"
        return f"Received: {received}; Accepted: 9 April {f.year}; Published: {published}"
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
        # A pool of optional words, longer than any line, leads into the fixed phrase so
        # that a forced break can always be placed at the end of a full line.
        lead = sentence(rng, rng.randint(20, 26))
        lead[-1] = lead[-1].rstrip(".")
        pool = [Token(w, optional=True) for w in lead]
        sentences.insert(1 + i, [*pool, *template_tokens(template)])
    return tuple(tok for s in sentences for tok in s)


def heading(text: str) -> Block:
    return Block("heading", tuple(template_tokens(text)))


def body_blocks(v: Variant, rng: random.Random, drop: int) -> list[Block]:
    blocks: list[Block] = []
    for sec in range(1, v.sections + 1):
        if blocks:
            blocks.append(GAP)
        blocks.append(heading(f"{sec} {SECTIONS[sec - 1]}"))
        wanted = [p for s, p, _ in v.specials if s == sec]
        count = v.paragraphs + rng.randint(-1, 1) - (drop if sec == v.sections else 0)
        count = max(count, max(wanted, default=0) + 1, 1)
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


def make_content(v: Variant, drop: int = 0) -> Content:
    """Text of the variant; `drop` shortens the last section (see `fitted`)."""
    rng = random.Random(v.seed)
    abstract = " ".join(w for _ in range(6) for w in sentence(rng, rng.randint(12, 20)))
    keywords = "Keywords: synthetic documents · bibliographic metadata · ground truth"
    return Content(abstract, keywords, tuple(body_blocks(v, rng, drop)))


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


def fill_column(doc: Doc, flow: Flow, frame: Frame, page: int, cap: float) -> tuple[int, float]:
    """Place lines into one column until `cap` mm are used; returns (text lines, mm used)."""
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
    return count, used


def layout_body(doc: Doc, flow: Flow, first_top: float) -> None:
    page = 1
    while not flow.done():
        if page > 8:
            raise LayoutError("body does not fit in 8 pages")
        frames = page_frames(doc.variant, page, first_top)
        cap = column_cap(doc, flow, frames)
        columns, fill = 0, 0.0
        for k, frame in enumerate(frames):
            last = k == len(frames) - 1
            count, used = fill_column(doc, flow, frame, page, frame.height if last else cap)
            columns += count > 0
            fill = max(fill, used / frame.height)
        doc.columns[page] = columns
        doc.last_fill = fill
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
        folio = str(doc.facts("first-page").first_page + page - 1)
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


# --- truth ---------------------------------------------------------------------------------------


def _templates(v: Variant) -> list[str]:
    return [t for _, _, t in v.specials] + list(v.references)


def broken_items(v: Variant) -> dict[str, list[str]]:
    """What the forced breaks (`head|tail`) in the templates split across two lines."""
    out: dict[str, list[str]] = {"hyphenated_words": [], "broken_urls": [], "broken_dois": []}
    for word in " ".join(_templates(v)).split():
        head, sep, tail = word.partition("|")
        if not sep:
            continue
        joined = (head + tail).strip("()[].,;:")
        if "doi.org/" in joined:
            out["broken_dois"].append(joined.split("doi.org/", 1)[1].lower())
        elif "://" in joined:
            out["broken_urls"].append(joined)
        else:  # a word hyphenated at the line end: the hyphen is not part of it
            out["hyphenated_words"].append((head[:-1] + tail).strip("()[].,;:"))
    return out


def non_ascii_words(v: Variant) -> list[str]:
    text = " ".join([v.title, *v.authors, *(t for _, _, t in v.specials)])
    words = [w.strip("()[].,;:") for w in text.split()]
    found = [w for w in words if any(ord(c) > 127 and c.isalpha() for c in w)]
    return list(dict.fromkeys(found))


def conflicting_fields(statements: Sequence[dict[str, Any]]) -> list[str]:
    values: dict[str, set[str]] = {}
    for st in statements:
        values.setdefault(st["field"], set()).add(st["value"])
    return [name for name in ALL_FIELDS if len(values.get(name, ())) > 1]


def make_truth(doc: Doc) -> dict[str, Any]:
    v, f = doc.variant, doc.facts("first-page")
    return {
        "name": v.name,
        "pages": doc.pages,
        "columns": {str(p): doc.columns.get(p, 0) for p in range(1, doc.pages + 1)},
        "title": v.title,
        "authors": list(v.authors),
        "journal": v.journal.name,
        "issn": list(v.journal.issns),
        "volume": f.normalised("volume"),
        "issue": f.normalised("issue"),
        "pages_range": f.normalised("pages"),
        "year": f.normalised("year"),
        "date": f"{v.published} {f.year}",
        "doi": f.normalised("doi"),
        "statements": doc.statements,
        "conflicts": conflicting_fields(doc.statements),
        "invalid_issns": [i for i in v.journal.issns if not issn_is_valid(i)],
        "malformed_dois": list(v.malformed_dois),
        **broken_items(v),
        "non_ascii_words": non_ascii_words(v),
    }


def check_truth(v: Variant, truth: dict[str, Any]) -> None:
    # The truth is computed from what was laid out; these checks catch a variant whose
    # specification does not produce what its name promises.
    if truth["conflicts"] != list(v.conflicts):
        raise LayoutError(f"{v.name}: conflicts {truth['conflicts']} != {list(v.conflicts)}")
    if not 3 <= truth["pages"] <= 6:
        raise LayoutError(f"{v.name}: {truth['pages']} pages, want 3 to 6")
    templates = " ".join(_templates(v))
    for doi in v.malformed_dois:
        if doi not in templates:
            raise LayoutError(f"{v.name}: malformed DOI {doi!r} is not printed")


def check_glyphs(doc: Doc, fonts: dict[str, Path]) -> None:
    """Refuse text the font cannot show: a missing glyph would make the truth a lie."""
    charset = frozenset.intersection(*(_font_charset(p) for p in fonts.values()))
    text = "".join(item.text for item in doc.items) + doc.variant.title
    missing = sorted({c for c in text if ord(c) not in charset and not c.isspace()})
    if missing:
        raise LayoutError(f"{doc.variant.name}: font lacks {''.join(missing)!r}")


# --- output --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedPdf:
    name: str  # file stem, e.g. "two_column_consistent"
    path: Path
    truth: dict[str, Any]  # JSON-serialisable; conventions in the module docstring


def new_pdf(fonts: dict[str, Path]) -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)  # pagination is ours, so fpdf2 must never add pages
    pdf.set_margins(LEFT, BODY_TOP, PAGE_W - RIGHT)
    for style, path in fonts.items():
        pdf.add_font(FONT_FAMILY, style, str(path))
    # Everything that would otherwise vary between runs or fpdf2 releases is pinned; the
    # file /ID is a hash of the content and this date, so it is stable too.
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_creator("refcheck tests/pdfgen.py")
    pdf.set_producer("refcheck tests/pdfgen.py")
    pdf.set_lang("en")
    pdf.set_line_width(0.2)
    return pdf


def set_info(pdf: FPDF, doc: Doc) -> None:
    v = doc.variant
    pdf.set_title(v.title)
    pdf.set_author(v.info_author_sep.join(v.authors))
    if v.info_subject:
        pdf.set_subject(info_subject(v, doc.facts("pdf-info")))
    pdf.set_keywords("synthetic documents; bibliographic metadata; ground truth")


def render(pdf: FPDF, doc: Doc) -> None:
    for page in range(1, doc.pages + 1):
        pdf.add_page()
        for item in doc.items:
            if item.page != page:
                continue
            if item.text:
                doc.ts.use(item.style)
                pdf.text(item.x, item.y, item.text)
            else:
                pdf.line(item.x, item.y, RIGHT, item.y)


def lay_out(v: Variant, content: Content, fonts: dict[str, Path]) -> tuple[FPDF, Doc]:
    npages = 5
    # Headers and the first page print the page range, which depends on the page count,
    # which depends on the layout: iterate to the fixed point (it settles in one or two).
    for _ in range(4):
        pdf = new_pdf(fonts)
        doc = Doc(v, Typesetter(pdf), npages)
        layout(doc, content)
        if doc.pages == npages:
            return pdf, doc
        npages = doc.pages
    raise LayoutError(f"{v.name}: page count does not settle")


MIN_LAST_FILL = 0.4


def fitted(v: Variant, fonts: dict[str, Path]) -> tuple[FPDF, Doc]:
    """Lay out `v`, shortening its last section until the last page is not nearly empty.

    A last page with two lines per column looks like no journal and says little about
    columns, so paragraphs are dropped until it is fuller or the page disappears.
    """
    pdf, doc = lay_out(v, make_content(v), fonts)
    pages = doc.pages
    for drop in range(1, 8):
        if doc.last_fill >= MIN_LAST_FILL or doc.pages < pages:
            break
        pdf, doc = lay_out(v, make_content(v, drop), fonts)
    return pdf, doc


def build(v: Variant, outdir: Path, fonts: dict[str, Path]) -> GeneratedPdf:
    pdf, doc = fitted(v, fonts)
    check_glyphs(doc, fonts)
    truth = make_truth(doc)
    check_truth(v, truth)
    set_info(pdf, doc)
    render(pdf, doc)
    path = outdir / f"{v.name}.pdf"
    pdf.output(str(path))
    text = json.dumps(truth, ensure_ascii=False, indent=2) + "\n"
    (outdir / f"{v.name}.truth.json").write_text(text, encoding="utf-8")
    return GeneratedPdf(v.name, path, truth)


def build_all(outdir: Path) -> list[GeneratedPdf]:
    """Write every variant's PDF and <name>.truth.json into `outdir`; returns them in order."""
    fonts = find_font_files()
    if fonts is None:
        raise LayoutError(FONT_MISSING)
    outdir.mkdir(parents=True, exist_ok=True)
    return [build(v, outdir, fonts) for v in VARIANTS]


FONT_MISSING = (
    "no Unicode TTF font found: install the Python package reportlab (ships Bitstream Vera) "
    "or the Debian package fonts-dejavu-core"
)


# --- the variants --------------------------------------------------------------------------------

JTS = Journal("Journal of Testing Studies", "J Test Stud", (issn("2049363"), issn("2049364")))
JAE = Journal("Journal of Applied Examples", "J Appl Ex", (issn("1758201"), issn("1758210")))
ASR = Journal("Annals of Synthetic Research", "Ann Synth Res", (issn("0975884"),))
TPM = Journal(
    "Transactions on Placeholder Methods",
    "Trans Placeh Methods",
    (issn("1479005"), issn("1479024")),
)

AUTHORS_A = ("José Álvarez-Núñez", "Zoë Müller", "Łukasz Wróbel")
AFFILS_A = (
    "Universidad de Salamanca, Spain",
    "Universität Zürich, Switzerland",
    "Politechnika Wrocławska, Poland",
)
AUTHORS_B = ("Ingrid Øvergård", "François Lefèvre")
AFFILS_B = ("Norges teknisk-naturvitenskapelige universitet, Trondheim, Norway",
            "Université de Montréal, Canada")  # fmt: skip
AUTHORS_C = ("Ayşe Yılmaz", "Jürgen Groß", "Siobhán Byrne")
AFFILS_C = (
    "Boğaziçi Üniversitesi, İstanbul, Turkey",
    "Technische Universität München, Germany",
    "University College Dublin, Ireland",
)
AUTHORS_D = ("Tomáš Novák", "Chloé Dubois-Lemaître")
AFFILS_D = ("Univerzita Karlova, Praha, Czechia", "Sorbonne Université, Paris, France")
AUTHORS_E = ("Mikael Åström", "Noémie Caron", "Íñigo Ibáñez")
AFFILS_E = ("Lunds universitet, Sweden", "Université Laval, Québec, Canada",
            "Universidad de Málaga, Spain")  # fmt: skip

# Body phrases with forced breaks; `head|tail` puts head at a line end and tail on the next line.
HYPHEN_1 = "experi-|mental sessions were run in Zürich and Kraków, where naïve raters coded them."
HYPHEN_2 = "measure-|ment error stayed modest, as Gödel might have predicted."
HYPHEN_3 = "inter-|national samples were pooled with the São Paulo façade survey."
URL_1 = "records are archived at https://data.example.org/archive/|records/2021/item-42 for reuse."
URL_2 = "the code is kept at https://repository.example.net/|datasets/placeholder-61/v2 for review."
DOI_1 = "the instrument is described in https://doi.org/10.5555/|jts.2019.0112 in full."
DOI_2 = "earlier coding rules appear in https://doi.org/10.5555/|jde.2019.0113 and were kept."
# Broken right after a hyphen that belongs to the DOI: joining must keep the hyphen.
DOI_HYPHEN = "the pilot is reported in https://doi.org/10.5555/abc-|2020-0031 with its data."

STANDARD_SPECIALS = ((1, 1, HYPHEN_1), (2, 0, URL_1), (2, 2, HYPHEN_2), (3, 0, DOI_1))


VARIANTS: tuple[Variant, ...] = (
    Variant(
        name="one_column_consistent",
        journal=JTS,
        facts=Facts(12, 3, 2021, 45, "10.5555/jts.2021.0045"),
        title="Deterministic Synthetic Documents as Ground Truth for Metadata Extraction",
        authors=AUTHORS_A,
        affiliations=AFFILS_A,
        published="12 June",
        seed=101,
        specials=STANDARD_SPECIALS,
    ),
    Variant(
        name="two_column_consistent",
        journal=JTS,
        facts=Facts(12, 3, 2021, 61, "10.5555/jts.2021.0061"),
        title="Running Headers, Footers and the Reliability of Bibliographic Metadata "
        "in Two-Column Layouts",
        authors=AUTHORS_B,
        affiliations=AFFILS_B,
        published="28 June",
        seed=102,
        columns=(2,),
        meta="compact",
        doi_line="url",
        dates="history",
        header="springer",
        citation="cite_as",
        info_author_sep=", ",
        specials=((1, 1, HYPHEN_3), (2, 0, URL_2), (3, 1, DOI_2), (4, 0, HYPHEN_1)),
        sections=6,
    ),
    Variant(
        name="three_column_page",
        journal=ASR,
        facts=Facts(5, 1, 2022, 1, "10.5555/asr.2022.001"),
        title="Column Detection under Varying Page Geometry: A Study of Simulated "
        "Scholarly Articles",
        authors=AUTHORS_C,
        affiliations=AFFILS_C,
        published="15 March",
        seed=103,
        columns=(2, 3, 2),
        header="alt_dot",
        footer="doi",
        citation="citation",
        info_subject=False,
        affil_marks=True,
        specials=((1, 0, HYPHEN_2), (1, 2, URL_1)),
        numbered_refs=False,
    ),
    Variant(
        name="conflict_volume_roman",
        journal=JAE,
        facts=Facts(7, 2, 2023, 101, "10.5555/jae.2023.0101"),
        title="Roman Numerals in Serial Numbering and Their Consequences for Automatic "
        "Citation Checking",
        authors=AUTHORS_D,
        affiliations=AFFILS_D,
        published="3 July",
        seed=104,
        columns=(2,),
        meta="volume_issue_year",
        roman_volume=True,
        season="Summer",
        header="roman_caps",
        footer="cite",
        specials=STANDARD_SPECIALS,
        overrides=(("running-header", "volume", 9),),
        conflicts=("volume",),
    ),
    Variant(
        name="conflict_issue",
        journal=JTS,
        facts=Facts(12, 3, 2021, 87, "10.5555/jts.2021.0087"),
        title="When the First Page Disagrees: Issue Numbers in Running Footers",
        authors=AUTHORS_E,
        affiliations=AFFILS_E,
        published="30 June",
        seed=105,
        footer="cite",
        specials=((1, 0, HYPHEN_3), (2, 1, DOI_2)),
        sections=4,
        overrides=(("running-footer", "issue", 4),),
        conflicts=("issue",),
    ),
    Variant(
        name="conflict_year",
        journal=ASR,
        facts=Facts(6, 2, 2021, 33, "10.5555/asr.2021.033"),
        title="Publication Years in Citation Blocks: An Audit of Simulated Records",
        authors=AUTHORS_A,
        affiliations=AFFILS_A,
        published="9 September",
        seed=106,
        columns=(2,),
        meta="compact",
        header="springer",
        citation="to_cite",
        specials=STANDARD_SPECIALS,
        overrides=(("citation-block", "year", 2020),),
        conflicts=("year",),
    ),
    Variant(
        name="conflict_doi",
        journal=TPM,
        facts=Facts(3, 4, 2020, 210, "10.5555/tpm.2020.0210"),
        title="Persistent Identifiers and Their Misprints in Scholarly Communication",
        authors=AUTHORS_B,
        affiliations=AFFILS_B,
        published="1 December",
        seed=107,
        doi_line="url",
        dates="history",
        citation="cite_as",
        specials=((1, 1, HYPHEN_1), (2, 0, URL_2)),
        sections=4,
        overrides=(("citation-block", "doi", "10.5555/tpm.2020.0201"),),
        conflicts=("doi",),
    ),
    Variant(
        name="conflict_pages",
        journal=TPM,
        facts=Facts(4, 1, 2021, 45, "10.5555/tpm.2021.0045"),
        title="Page Ranges as Evidence: Reconciling Printed Folios with Declared Extents",
        authors=AUTHORS_C,
        affiliations=AFFILS_C,
        published="20 January",
        seed=108,
        columns=(2,),
        header="springer",
        specials=STANDARD_SPECIALS,
        overrides=(("running-header", "first_page", 54),),
        conflicts=("pages",),
    ),
    Variant(
        name="invalid_issn",
        journal=replace(JAE, issns=(JAE.issns[0], issn("1758210", wrong=True))),
        facts=Facts(8, 1, 2024, 1, "10.5555/jae.2024.0001"),
        title="Check Digits and the Quiet Failure of Serial Identifiers",
        authors=AUTHORS_D,
        affiliations=AFFILS_D,
        published="14 February",
        seed=109,
        meta="volume_issue_year",
        roman_volume=True,
        season="Spring",
        header="roman_caps",
        specials=((1, 0, HYPHEN_2), (2, 0, URL_1)),
        sections=4,
    ),
    Variant(
        name="malformed_dois",
        journal=JTS,
        facts=Facts(13, 1, 2022, 1, "10.5555/jts.2022.0001"),
        title="Malformed Identifiers in Reference Lists: Detection and Repair",
        authors=AUTHORS_E,
        affiliations=AFFILS_E,
        published="25 January",
        seed=110,
        columns=(2,),
        footer="doi",
        citation="citation",
        specials=(
            (1, 1, HYPHEN_1),
            (2, 0, "an older protocol (DOI: 10.123/abc) was not followed."),
            (2, 1, DOI_HYPHEN),
        ),
        references=(*REFERENCES[:5], REFERENCES[5] + ". doi:10.5555jts.2021", REFERENCES[6]),
        malformed_dois=("10.123/abc", "10.5555jts.2021"),
    ),
    Variant(
        name="conflict_volume_and_pages",
        journal=ASR,
        facts=Facts(9, 3, 2023, 140, "10.5555/asr.2023.140"),
        title="Two Disagreements at Once: Volume and Extent in a Single Article",
        authors=AUTHORS_E,
        affiliations=AFFILS_E,
        published="18 October",
        seed=111,
        columns=(1, 2),
        citation="to_cite",
        footer="cite",
        specials=((1, 0, HYPHEN_3), (2, 0, DOI_1)),
        overrides=(("running-header", "volume", 10), ("running-footer", "first_page", 104)),
        conflicts=("volume", "pages"),
    ),
)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/pdfgen.py OUTDIR")
    for generated in build_all(Path(sys.argv[1])):
        print(generated.path, generated.truth["pages"], "pages")
