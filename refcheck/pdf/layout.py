"""From words to lines in reading order: columns, running headers and footers, page numbers.

Everything here works on the plain :class:`~refcheck.pdf.reader.Word` boxes, so it is tested
without any PDF library.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter

from refcheck.patterns import compiled
from refcheck.pdf.columns import GUTTER_SLACK, assign_columns
from refcheck.pdf.folios import folio_rows
from refcheck.pdf.labels import LIST_LABEL, hanging_numbers
from refcheck.pdf.overlaps import cut_at_gutters, kept_clear, split_overlaps
from refcheck.pdf.reader import RawPage, Word

# Word spaces in justified text stay under about one em; column gutters are wider.
WORD_GAP_EM = 1.0
HEADER_ZONE = 0.1  # top and bottom tenth of the page hold running headers and footers
MAX_COLUMNS = 3
# The largest page PDF allows without UserUnit (200 in); columns are not looked for on wider ones.
MAX_PAGE_WIDTH = 14_400.0
# Lines this long are running text; side notes are shorter.
MIN_TEXT_LINE_CHARS = 40
# A left edge of running text is where this many long lines start.
MIN_EDGE_LINES = 5
# Side notes are set narrower than this share of the running text's lines.
SIDE_NOTE_WIDTH = 0.75

_PAGE_NUMBER = compiled(
    r"^(?:page\s+)?[\divxlc]{1,6}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text on one page; ``role`` is body, header or footer."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    words: tuple[Word, ...]
    column: int = 0  # 0 spans the page, 1..3 counts columns from the left
    role: str = "body"

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float
    columns: int
    lines: tuple[Line, ...]  # headers, then body in reading order, then footers
    rotated_text: tuple[str, ...] = ()  # text at another angle (arXiv's stamp), not in lines

    def by_role(self, role: str) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.role == role)

    @property
    def body(self) -> tuple[Line, ...]:
        return self.by_role("body")


def build_lines(words: Iterable[Word], page: int) -> list[Line]:
    """Group words that share a row and stand close together into lines, left to right."""
    rows: dict[int, list[list[Word]]] = {}
    groups: list[list[Word]] = []
    for word in sorted(words, key=attrgetter("x0")):
        middle = (word.top + word.bottom) / 2
        bucket = int(middle // 4)
        group = _find_row(rows, bucket, word, middle)
        if group is None:
            group = [word]
            groups.append(group)
            rows.setdefault(bucket, []).append(group)
        else:
            group.append(word)
    return [_make_line(group, page) for group in groups]


def _find_row(
    rows: dict[int, list[list[Word]]], bucket: int, word: Word, middle: float
) -> list[Word] | None:
    x0, size = word.x0, word.size
    for near in (bucket, bucket - 1, bucket + 1, bucket - 2, bucket + 2):
        groups = rows.get(near)
        if not groups:
            continue
        # Words arrive left to right: a group that ended far to the left never grows again,
        # and dropping it keeps wide tables from costing the square of their cells.
        # (``b if b > a else a`` is max(a, b), NaN included, without a call per group.)
        live = [
            g for g in groups if x0 - g[-1].x1 < 3 * (size if size > g[-1].size else g[-1].size)
        ]
        if len(live) != len(groups):
            rows[near] = live
        for group in live:
            last = group[-1]
            if not last.top - 0.5 < middle < last.bottom + 0.5:
                continue
            larger = size if size > last.size else last.size
            smaller = size if size < last.size else last.size
            gap = x0 - last.x1  # under the smaller em: a heading's em is no word space
            if -0.5 * larger < gap < smaller * WORD_GAP_EM:
                return group
    return None


def _make_line(words: list[Word], page: int, column: int = 0, role: str = "body") -> Line:
    size = words[0].size
    if not _one_size_plain(words, size):
        words = _mark_raised(words)
        size = _main_size(words)
    plain = [w for w in words if not w.superscript] or words
    return Line(
        text=" ".join([w.text for w in words]),
        page=page,
        x0=min([w.x0 for w in words]),
        x1=max([w.x1 for w in words]),
        top=min([w.top for w in plain]),
        bottom=max([w.bottom for w in words]),
        size=size,
        words=tuple(words),
        column=column,
        role=role,
    )


def _one_size_plain(words: list[Word], size: float) -> bool:
    """The common case: one type size (the same to a tenth of a point), nothing raised."""
    same = True
    for word in words:
        if word.superscript:
            return False
        same = same and word.size == size
    # Rounding is only worth its time when the sizes differ.
    return same or len({round(w.size, 1) for w in words}) == 1


def _main_size(words: Sequence[Word]) -> float:
    """The size most of the line's letters are set in, raised marks left out."""
    plain = [w for w in words if not w.superscript]
    return _commonest_size(plain, [round(w.size, 1) for w in plain]) if plain else words[0].size


def _commonest_size(words: Sequence[Word], rounded: Sequence[float]) -> float:
    """The rounded size with the most letters; the first seen of equals, as in
    ``Counter.most_common(1)``, which a dict and max() match at a fraction of its cost."""
    letters: dict[float, int] = {}
    for word, size in zip(words, rounded, strict=True):
        letters[size] = letters.get(size, 0) + len(word.text)
    return max(letters, key=letters.__getitem__)


def _mark_raised(words: list[Word]) -> list[Word]:
    """Small words sitting above the middle of a line are superscripts ("effect 1,2").

    The line's own size is its most common one, so one large glyph (a drop cap, a symbol
    from another font) does not make the rest of the line look raised; subscripts sit lower
    and are left alone.
    """
    if len(words) < 2:
        return words
    rounded = [round(w.size, 1) for w in words]
    size = _commonest_size(words, rounded)
    main = [w for w, word_size in zip(words, rounded, strict=True) if word_size == size]
    middle = sum((w.top + w.bottom) / 2 for w in main) / len(main)
    return [
        Word(w.text, w.x0, w.x1, w.top, w.bottom, w.size, True, w.line_end_hyphen)
        if not w.superscript
        and w.size < size * 0.85
        and (w.top + w.bottom) / 2 < middle - size * 0.12
        else w
        for w in words
    ]


def find_gutters(lines: Sequence[Line], width: float) -> list[tuple[float, float]]:
    """Vertical strips of white between text columns, as (left, right) x ranges.

    A gutter is a strip in the middle of the page that no line crosses, with a good share of
    the text on each side; lines that cross it (titles, full-width abstracts) are allowed only
    when few.
    """
    # Centred lines (titles, author names, page numbers) span the page and say nothing of columns.
    narrow = [
        line
        for line in lines
        if line.x1 - line.x0 < width * 0.6
        and len(line.text) > 3
        and abs((line.x0 + line.x1) / 2 - width / 2) > width * 0.03
    ]
    if len(narrow) < 8 or not 0 < width <= MAX_PAGE_WIDTH:
        return []
    step = 2.0
    slots = int(width / step) + 1
    # How many lines cross each slot: +1 where a line starts, -1 after it ends, summed up.
    starts_and_ends = [0] * (slots + 1)
    for line in narrow:
        # Clipped to the page: a damaged or hostile PDF draws text far off it.
        first, last = _slot_on_page(line.x0, step, slots), _slot_on_page(line.x1, step, slots)
        if first < min(last + 1, slots):
            starts_and_ends[first] += 1
            starts_and_ends[min(last + 1, slots)] -= 1
    cover = list(itertools.accumulate(starts_and_ends[:slots]))
    # A few full-width lines (a long "Keywords" line above the columns) may cross a gutter.
    allowed = max(2, len(narrow) // 10)
    gutters: list[tuple[float, float]] = []
    slot = int(width * 0.2 / step)
    while slot < int(width * 0.8 / step):
        if cover[slot] <= allowed:
            start = slot
            while slot < slots and cover[slot] <= allowed:
                slot += 1
            gutters.append(_emptiest(cover, start, slot, step))
        slot += 1
    return [g for g in gutters if _splits_text(narrow, g, width)][: MAX_COLUMNS - 1]


def _slot_on_page(x: float, step: float, slots: int) -> int:
    """The gutter-search slot of ``x``, between 0 and ``slots`` (NaN counts as the left edge)."""
    if math.isnan(x):
        return 0
    return int(min(max(x / step, 0.0), float(slots)))


def _emptiest(cover: Sequence[int], start: int, end: int, step: float) -> tuple[float, float]:
    """Within a low-coverage run, the strip crossed by the fewest lines: the true gutter."""
    lowest = min(cover[start:end])
    slots = [i for i in range(start, end) if cover[i] == lowest]
    first = last = slots[0]
    while last + 1 < end and cover[last + 1] == lowest:
        last += 1
    return (first * step, (last + 1) * step)


def _splits_text(lines: Sequence[Line], gutter: tuple[float, float], width: float) -> bool:
    """Real columns put lines of running text side by side across the gutter, row after row.

    Table cells and short labels are narrower than a column's lines, so they count neither
    for nor against: a page whose top half is a wide table still has its columns below.
    """
    minimum = width * 0.18
    running = [ln for ln in lines if ln.x1 - ln.x0 >= minimum]
    left = [ln for ln in running if ln.x1 <= gutter[0] + GUTTER_SLACK]
    right = [ln for ln in running if ln.x0 >= gutter[1] - GUTTER_SLACK]
    side_by_side = sum(
        1 for a in left if any(min(a.bottom, b.bottom) - max(a.top, b.top) > 0 for b in right)
    )
    return side_by_side >= max(4, len(running) // 8)


def merge_rows(lines: Sequence[Line]) -> list[Line]:
    """Join pieces of one row within a column: justified text leaves wide gaps."""
    merged: list[Line] = []
    row: list[Line] = []
    for line in sorted(lines, key=lambda ln: (ln.column, ln.bottom)):
        if row and row[0].column == line.column and all(_same_row(p, line) for p in row):
            row.append(line)
            continue
        if row:
            merged.append(_join_row(row))
        row = [line]
    if row:
        merged.append(_join_row(row))
    return merged


def _join_row(row: list[Line]) -> Line:
    if len(row) == 1:
        return row[0]
    words = sorted((w for line in row for w in line.words), key=lambda w: w.x0)
    return _make_line(words, row[0].page, row[0].column, row[0].role)


def _same_row(a: Line, b: Line) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.height, b.height) and (a.x1 <= b.x0 or b.x1 <= a.x0)


def split_side_notes(lines: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """The running text, and the notes set in the margin left of it, top to bottom.

    The running text's left edge is where its long lines start; a line that ends left of that
    edge is a side note (PeerJ's "Submitted … Distributed under Creative Commons" beside the
    first page's introduction, line numbers of a review copy). Read in place, or joined to the
    row beside them, side notes would break the sentences they stand beside. A list's labels
    ("[12]", or bare numbers that pair with entries rather than lines) hang left of their items
    and stay.
    """
    starts = Counter(round(ln.x0) for ln in lines if len(ln.text) >= MIN_TEXT_LINE_CHARS)
    edges = [x for x, count in starts.items() if count >= MIN_EDGE_LINES]
    if not edges:
        return list(lines), []
    edge = min(edges) - 1
    side = [ln for ln in lines if ln.x1 < edge - ln.size and not LIST_LABEL.match(ln.text)]
    labels = {id(ln) for ln in hanging_numbers(side, lines)}
    side = [ln for ln in side if id(ln) not in labels]
    # A margin holds nothing but notes: a short line with text starting left of it (the
    # page range ending an entry whose first line starts further left) is part of that text.
    candidates = {id(ln) for ln in side}
    text_start = min((ln.x0 for ln in lines if id(ln) not in candidates), default=0.0)
    side = [ln for ln in side if ln.x1 < text_start]
    if not side or _a_column(side, [ln for ln in lines if round(ln.x0) in edges]):
        return list(lines), []
    noted = {id(ln) for ln in side}
    main = [ln for ln in lines if id(ln) not in noted]
    return main, sorted(side, key=lambda ln: (ln.top, ln.x0))


def _a_column(side: Sequence[Line], text: Sequence[Line]) -> bool:
    """A block as wide as the text's lines is a column of its own, not notes in a margin."""
    widest = max(ln.x1 - ln.x0 for ln in side)
    return widest >= SIDE_NOTE_WIDTH * statistics.median(ln.x1 - ln.x0 for ln in text)


def reading_order(lines: Sequence[Line]) -> list[Line]:
    """Column by column between full-width lines, which act as separators."""
    ordered: list[Line] = []
    band: list[Line] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if line.column == 0:
            ordered.extend(sorted(band, key=lambda ln: (ln.column, ln.top, ln.x0)))
            band = []
            ordered.append(line)
        else:
            band.append(line)
    ordered.extend(sorted(band, key=lambda ln: (ln.column, ln.top, ln.x0)))
    return ordered


def _shape(text: str) -> str:
    """What stays the same in a running header from page to page."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def mark_running_lines(pages: Sequence[list[Line]], heights: Sequence[float]) -> list[list[Line]]:
    """Label header and footer lines: page numbers, repeated margin lines, isolated margin lines."""
    shapes = Counter[str]()
    for lines, height in zip(pages, heights, strict=True):
        for shape in {_shape(ln.text) for ln in lines if _in_margin(ln, height)}:
            shapes[shape] += 1
    repeated = max(2, len(pages) // 4) if len(pages) > 2 else 2
    folios = folio_rows(pages, heights)
    marked: list[list[Line]] = []
    for page, (lines, height) in enumerate(zip(pages, heights, strict=True)):
        body_size = _body_size(lines)
        result = []
        for index, line in enumerate(lines):
            if (page, index) in folios:
                result.append(replace(line, role="header" if line.top < height / 2 else "footer"))
                continue
            if not _in_margin(line, height):
                result.append(line)
                continue
            running = (
                _PAGE_NUMBER.match(line.text.strip()) is not None
                or shapes[_shape(line.text)] >= repeated
                or _isolated(lines, index, body_size)
            )
            role = ("header" if line.top < height / 2 else "footer") if running else "body"
            result.append(replace(line, role=role))
        marked.append(result)
    return marked


def _in_margin(line: Line, height: float) -> bool:
    return line.bottom < height * HEADER_ZONE or line.top > height * (1 - HEADER_ZONE)


def _body_size(lines: Sequence[Line]) -> float:
    sizes = Counter[float]()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _isolated(lines: Sequence[Line], index: int, body_size: float) -> bool:
    """A small margin line with a wide white gap to every other line is running matter."""
    line = lines[index]
    if line.size > body_size * 1.05:
        return False
    if any(
        i != index and min(other.bottom, line.bottom) - max(other.top, line.top) > 0
        for i, other in enumerate(lines)
    ):
        return False  # it shares its row with other text: a list number, a table cell
    gaps = [
        max(other.top - line.bottom, line.top - other.bottom)
        for i, other in enumerate(lines)
        if i != index and not (other.x1 < line.x0 or other.x0 > line.x1)
    ]
    return not gaps or min(gaps) > max(line.height, body_size) * 1.5


# A page with more body lines than this shows its own columns, or has none.
SPARSE_PAGE_LINES = 12
# Lines that must start where an earlier page's columns did before its gutters are trusted.
MIN_CARRIED_STARTS = 2


@dataclass(frozen=True)
class _Columns:
    """The gutters an earlier page showed, and where the lines right of them started."""

    gutters: tuple[tuple[float, float], ...] = ()
    starts: frozenset[int] = frozenset()


def _columns_seen(lines: Sequence[Line], gutters: Sequence[tuple[float, float]]) -> _Columns:
    right = Counter(round(ln.x0) for ln in lines if _right_of_a_gutter(ln, gutters))
    return _Columns(tuple(gutters), frozenset(x for x, count in right.items() if count >= 3))


def _crosses(line: Line, gutters: Sequence[tuple[float, float]]) -> bool:
    return any(
        line.x0 < left - GUTTER_SLACK and line.x1 > right + GUTTER_SLACK for left, right in gutters
    )


def _right_of_a_gutter(line: Line, gutters: Sequence[tuple[float, float]]) -> bool:
    return any(line.x0 >= right - GUTTER_SLACK for _, right in gutters)


def _fitting(seen: _Columns, lines: Sequence[Line]) -> list[tuple[float, float]]:
    """An earlier page's gutters, for a page with too few column lines to show its own.

    A nearly empty last page of a two-column paper (two or three lines per column) cannot
    prove its columns, yet no line crosses the gutter the other pages have: keep it, or the
    rows of both columns would be read as one line each. Below the columns' last lines a
    full-width block may follow (the authors' biographies), or the right column may hold only
    the last lines of a list's entry; the columns still hold when no line crosses the gutter
    halfway and the lines right of it start where the earlier page's columns started.
    """
    if not seen.gutters or not lines:
        return []
    rest = [ln for ln in lines if not _crosses(ln, seen.gutters)]
    if len(rest) == len(lines) and len(lines) <= SPARSE_PAGE_LINES:
        return list(seen.gutters)
    inside = [
        ln
        for ln in rest
        if not _right_of_a_gutter(ln, seen.gutters)
        and not all(ln.x1 <= left + GUTTER_SLACK for left, _ in seen.gutters)
    ]
    right = [ln for ln in rest if _right_of_a_gutter(ln, seen.gutters)]
    known = all(any(abs(ln.x0 - x) <= 1 for x in seen.starts) for ln in right)
    return list(seen.gutters) if not inside and len(right) >= MIN_CARRIED_STARTS and known else []


def layout_pages(raw_pages: Sequence[RawPage]) -> list[Page]:
    """Lines in reading order with roles, for every page of a document."""
    per_page = [build_lines(p.words, p.number) for p in raw_pages]
    marked = mark_running_lines(per_page, [p.height for p in raw_pages])
    pages = []
    earlier = _Columns()
    for raw, lines in zip(raw_pages, marked, strict=True):
        body = [ln for ln in lines if ln.role == "body"]
        gutters = find_gutters(body, raw.width)
        if gutters:
            earlier = _columns_seen(body, gutters)
        else:
            gutters = _fitting(earlier, body)
            if not gutters and kept_clear(earlier.gutters, body, GUTTER_SLACK):
                gutters = list(earlier.gutters)
                body = cut_at_gutters(body, gutters, _make_line)
        body = split_overlaps(body, gutters, GUTTER_SLACK, _make_line)
        main, side = split_side_notes(assign_columns(body, gutters))
        ordered = reading_order(merge_rows(main)) + merge_rows(side)
        headers = sorted((ln for ln in lines if ln.role == "header"), key=lambda ln: ln.top)
        footers = sorted((ln for ln in lines if ln.role == "footer"), key=lambda ln: ln.top)
        pages.append(
            Page(
                number=raw.number,
                width=raw.width,
                height=raw.height,
                columns=len(gutters) + 1,
                lines=(*headers, *ordered, *footers),
                rotated_text=raw.rotated_text,
            )
        )
    return pages
