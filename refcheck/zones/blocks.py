"""Blocks of the body that are not running text: tables, figure text, captions, footnotes,
headings and notes in the margin, found on one page's lines by their shape alone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from refcheck.patterns import compiled
from refcheck.pdf import Line, Page
from refcheck.text import CAPTION
from refcheck.zones import model as z
from refcheck.zones.cells import aligned_rows
from refcheck.zones.notes import body_size_notes

# Between two cells of a table row the white is wider than this many ems; word spaces of
# justified text stay under one em.
CELL_GAP_EM = 1.5
# A run of at least this many table rows is a table even without a caption near it.
MIN_UNCAPTIONED_ROWS = 3
MIN_CAPTIONED_ROWS = 2
# A caption's table or figure stands within this many lines of it.
CAPTION_REACH = 12
# Short lines between table rows (a cell wrapped onto its own line) stay in the table.
MAX_ROW_BREAK = 2
# A fragment is a line shorter than this share of the page's running lines.
FRAGMENT_SHARE = 0.45
MIN_FIGURE_FRAGMENTS = 2
MAX_LABEL_WORDS = 8
MAX_CAPTION_LINES = 6
MAX_HEADING_WORDS = 12
HEADING_SIZE_RATIO = 1.1
FOOTNOTE_SIZE_RATIO = 0.9
_NUMBERED_HEADING = compiled(
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.|[A-H]\.)\s+[A-Z][^.!?]*$"
)
_SENTENCE_END = compiled(r"[.!?:;,][\"'”’)\]]{0,2}$")
_NUMBER = compiled(r"^[(\[]?[-–−+±]?\d[\d.,%]*[)\]]?[*†‡]*$")
_NOTE_MARK = compiled(r"^(?:\d{1,3}|[*†‡§¶])(?:\s|$)")
# Footnotes stand in the lower part of the page.
FOOTNOTE_TOP_SHARE = 0.5


def page_block_zones(page: Page, body_size: float) -> list[str | None]:
    """The block zone (table, figure, caption, footnote, heading, sidebar) of each body line
    of one page; None for running text."""
    lines = page.lines
    zones: list[str | None] = [None] * len(lines)
    width = _running_width(lines)
    for index in _sidebar(lines):
        zones[index] = z.SIDEBAR
    for index in [*_footnotes(page, body_size), *body_size_notes(page)]:
        zones[index] = z.FOOTNOTE
    captions = _captions(lines, zones)
    for index in captions:
        zones[index] = z.CAPTION
    starts = [i for i in captions if i == 0 or zones[i - 1] != z.CAPTION]
    for index in _figure_text(lines, zones, starts, width, body_size):
        zones[index] = z.FIGURE
    for index in _tables(lines, zones, starts):
        zones[index] = z.TABLE
    for index, line in enumerate(lines):
        if zones[index] is None and line.role == "body" and _is_heading(line, body_size):
            zones[index] = z.HEADING
    return zones


def _running_width(lines: Sequence[Line]) -> float:
    """The width of the page's running lines: the most common width, rounded to 10 pt."""
    widths = Counter(round((ln.x1 - ln.x0) / 10) for ln in lines if len(ln.text) >= 40)
    return widths.most_common(1)[0][0] * 10.0 if widths else 0.0


def _sidebar(lines: Sequence[Line]) -> list[int]:
    """Notes left of the running text's left edge (the PDF layer reads them last)."""
    starts = Counter(round(ln.x0) for ln in lines if ln.role == "body" and len(ln.text) >= 40)
    edges = [x for x, count in starts.items() if count >= 5]
    if not edges:
        return []
    edge = min(edges) - 1
    return [
        i
        for i, ln in enumerate(lines)
        if ln.role == "body" and ln.x1 < edge - ln.size and not _NOTE_MARK.fullmatch(ln.text)
    ]


def _footnotes(page: Page, body_size: float) -> list[int]:
    """Small print at the foot of a column, below its running text, that starts with a note
    mark, and what follows it in that column at that size."""
    lines = page.lines
    found: list[int] = []
    by_column: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.role == "body":
            by_column.setdefault(line.column, []).append(index)
    for indices in by_column.values():
        normal = [i for i in indices if lines[i].size >= body_size * FOOTNOTE_SIZE_RATIO]
        if not normal:
            continue  # a column all in small print (a reference list) has no footnotes
        lowest_text = max(lines[i].bottom for i in normal)
        for position, index in enumerate(indices):
            line = lines[index]
            if (
                line.top > page.height * FOOTNOTE_TOP_SHARE
                and line.size < body_size * FOOTNOTE_SIZE_RATIO
                and line.top > lowest_text
                and _NOTE_MARK.match(line.text)
            ):
                rest = indices[position:]
                found.extend(i for i in rest if lines[i].size < body_size * FOOTNOTE_SIZE_RATIO)
                break
    return found


def _captions(lines: Sequence[Line], zones: Sequence[str | None]) -> list[int]:
    """ "Figure 2: …", "Table 1." and the lines that go on with them (same column and size)."""
    found: list[int] = []
    for index, line in enumerate(lines):
        if zones[index] is not None or line.role != "body" or not CAPTION.match(line.text):
            continue
        found.append(index)
        for following in range(index + 1, min(len(lines), index + MAX_CAPTION_LINES)):
            last, nxt = lines[following - 1], lines[following]
            if (
                nxt.column != last.column
                or abs(nxt.size - last.size) > 0.3
                or not 0 < nxt.top - last.top <= 1.6 * last.height
                or CAPTION.match(nxt.text)
                or is_table_row(nxt)
            ):
                break
            found.append(following)
    return found


def is_table_row(line: Line) -> bool:
    """Cells set apart by wide white, or a row of figures ("84.1 76.5 ±0.3")."""
    words = line.words
    gaps = sum(1 for a, b in pairwise(words) if b.x0 - a.x1 > CELL_GAP_EM * max(a.size, 1.0))
    if gaps >= 2:
        return True
    tokens = line.text.split()
    numbers = sum(1 for t in tokens if _NUMBER.match(t))
    return numbers >= 2 and numbers >= 0.5 * len(tokens)


def _tables(
    lines: Sequence[Line], zones: Sequence[str | None], captions: Sequence[int]
) -> list[int]:
    """Runs of table rows: three or more, or two with a caption near them. A row has wide
    gaps or figures, or its cells line up with a neighbour's."""
    found: list[int] = []
    run: list[int] = []
    aligned = aligned_rows(lines)
    for index, line in enumerate([*lines, None]):
        row = (
            line is not None
            and zones[index] is None
            and line.role == "body"
            and (index in aligned or is_table_row(line))
        )
        if row:
            if run and index - run[-1] > MAX_ROW_BREAK + 1:
                found.extend(_table_run(run, captions))
                run = []
            run.append(index)
        elif run and (line is None or index - run[-1] > MAX_ROW_BREAK):
            found.extend(_table_run(run, captions))
            run = []
    return found


def _table_run(run: Sequence[int], captions: Sequence[int]) -> list[int]:
    near = any(
        abs(c - run[0]) <= CAPTION_REACH or abs(c - run[-1]) <= CAPTION_REACH for c in captions
    )
    if len(run) >= MIN_UNCAPTIONED_ROWS or (near and len(run) >= MIN_CAPTIONED_ROWS):
        return list(range(run[0], run[-1] + 1))
    return []


def _figure_text(
    lines: Sequence[Line],
    zones: Sequence[str | None],
    captions: Sequence[int],
    width: float,
    body_size: float,
) -> list[int]:
    """Short fragments (axis labels, legends) right above or below a figure's caption."""
    found: list[int] = []
    for caption in captions:
        if not CAPTION.match(lines[caption].text) or lines[caption].text[:1].upper() == "T":
            continue  # a table's caption: its cells are the table's
        for step in (-1, 1):
            run = _fragments(lines, zones, caption, step, (width, body_size))
            if len(run) >= MIN_FIGURE_FRAGMENTS:
                found.extend(run)
    return found


def _fragments(
    lines: Sequence[Line],
    zones: Sequence[str | None],
    caption: int,
    step: int,
    sizes: tuple[float, float],
) -> list[int]:
    run: list[int] = []
    index = caption + step
    if step > 0:
        while index < len(lines) and zones[index] == z.CAPTION:
            index += 1
    while 0 <= index < len(lines) and len(run) < CAPTION_REACH * 2:
        line = lines[index]
        if zones[index] is not None or line.role != "body" or not _fragment(line, *sizes):
            break
        run.append(index)
        index += step
    return run


def _fragment(line: Line, width: float, body_size: float) -> bool:
    """A label of a figure: a few words, no sentence, short or set smaller than the body."""
    short = width > 0 and line.x1 - line.x0 < FRAGMENT_SHARE * width
    small = line.size < body_size * FOOTNOTE_SIZE_RATIO
    tokens = line.text.split()
    ticks = all(_NUMBER.match(t) for t in tokens)  # an axis: "0 5 10 15 20"
    few = len(tokens) <= MAX_LABEL_WORDS or ticks
    return (short or small) and not _SENTENCE_END.search(line.text) and few


def _is_heading(line: Line, body_size: float) -> bool:
    text = line.text.strip()
    words = len(text.split())
    if not text or words > MAX_HEADING_WORDS or _SENTENCE_END.search(text):
        return False
    if not text[0].isupper() and not text[0].isdigit():
        return False
    if _NUMBERED_HEADING.match(text) and words >= 2:
        return True
    return line.size >= body_size * HEADING_SIZE_RATIO and any(c.isalpha() for c in text)
