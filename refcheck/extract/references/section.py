"""Find a paper's reference list and cut it into entries.

The list starts after the last heading that names it ("References", "7 Bibliography",
"Literaturverzeichnis" …) or, without a heading, at the last "[1]" that a run of "[2]", "[3]" …
follows. It ends at an appendix, biography, supplementary or larger heading, and at
acknowledgements or a caption unless a numbered list goes on below them.

Numbered lists are cut at their markers, taken strictly in sequence, so "2017." at the start of
a wrapped line is not entry 2017; lines that stand left of the entries' hanging indent (a
footnote, body text in the next column) are skipped up to the next marker. Unnumbered lists are
cut by hanging indent, else by blank gaps, else by author-year starts; in a list whose entries
nearly all carry a date, an undated piece is then joined to the neighbour it belongs to, and an
author biography ends the list. Only body lines are read: running headers and footers never
enter an entry.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from refcheck.pdf import Line, PdfText
from refcheck.text import CAPTION

_HEADING_WORDS = (
    r"references?(?:\s+list|\s+cited)?|list\s+of\s+references|bibliography|bibliographie|"
    r"works\s+cited|literature(?:\s+cited)?|cited\s+literature|notes\s+and\s+references|"
    r"sources|literatur|literaturverzeichnis|literaturangaben|quellen(?:verzeichnis)?|"
    r"referencias(?:\s+bibliogr[aá]ficas)?|bibliograf[ií]a|r[ée]f[ée]rences(?:\s+bibliographiques)?|"
    r"riferimenti(?:\s+bibliografici)?|refer[êe]ncias(?:\s+bibliogr[áa]ficas)?|literatuur"
)
# Optional section number: "7", "7.", "VII.", "A.", "10.2".
_HEADING = re.compile(
    rf"^(?:(?:\d{{1,2}}(?:\.\d{{1,2}})*|[IVXLC]{{1,6}}|[A-Z])[.)]?\s+)?(?:{_HEADING_WORDS})\s*:?$",
    re.I,
)
_STOP_HEADING = re.compile(
    r"^(?:(?:\d{1,2}|[A-Z]|[IVXLC]{1,6})[.)]?\s+)?(?:appendix|appendices|anhang|annex|"
    r"supplementary|supplemental|supporting\s+information|additional\s+files?|"
    r"author\s+biograph|biograph|about\s+the\s+authors?|"
    r"author(?:s'|’s)?\s+contributions|the\s+\w+\s+collaboration\b)",
    re.I,
)
# Acknowledgements and captions may stand between two columns of a numbered list (0908.0054):
# a numbered list resumes after them at its next number; an appendix ends it for good.
_PAUSE_HEADING = re.compile(
    r"^(?:(?:\d{1,2}|[A-Z]|[IVXLC]{1,6})[.)]?\s+)?acknowledge?ments?\b", re.I
)
MAX_STOP_HEADING_WORDS = 8
MAX_HEADING_WORDS = 6

_MARKERS = {
    "bracket": re.compile(r"^\[(\d{1,4})\](?![,.;:)\]–-])\s*"),
    "paren": re.compile(r"^\((\d{1,4})\)(?![,.;:)\]–-])\s*"),
    "dot": re.compile(r"^(\d{1,4})\.\s+"),
    "superscript": re.compile(r"^(\d{1,4})\s*"),
    "bare": re.compile(r"^(\d{1,4})\s+(?=\S)"),
}
# A missing marker (lost glyph, misread digit) may leave a gap of this many numbers.
MAX_NUMBER_SKIP = 3
# How far past a stop heading a numbered list may resume (0908.0054 puts acknowledgements
# between its two columns of references).
RESUME_LOOKAHEAD = 150

_PARTICLE_WORD = r"(?:van|von|de|der|den|del|della|di|da|du|dos|le|la|ten|ter|al|el)"
_PARTICLE = rf"(?:{_PARTICLE_WORD}\s+)*"
_UPPER = r"[A-ZÀ-ÞĀ-Ž]"
_NAME = rf"{_UPPER}[\w'’\-]+"
_INITIALS = rf"(?:{_UPPER}\.\s?(?:-?{_UPPER}\.\s?)*)"
_AUTHOR_START = re.compile(
    rf"^{_PARTICLE}(?:{_NAME},\s+(?:{_INITIALS}|{_UPPER}[a-zà-ÿ])"  # Surname, X. / Surname, Ann
    rf"|{_NAME}(?:\s+{_NAME})?\s+{_UPPER}{{1,3}}(?:[,.:]|\s|$)"  # Surname XY, (Vancouver)
    rf"|{_INITIALS}\s*{_PARTICLE}{_NAME}"  # E. Agichtein, C. D. Manning
    rf"|{_UPPER}{{2,}}[\w\-’']*,"  # SURNAME,
    rf"|{_NAME}(?:\s+[\w&.\-]+){{0,8}}\s+\(?(?:1[5-9]|20)\d\d[a-z]?\)?[.,:])",  # Org … 2020.
)
# The date as author-year lists print it after the names: "(2020a)", "(2023, July 31)",
# ". 2019.", ", 2014," — not a page range "1685–1687", a DOI's ".2015." or "ACL 2005".
_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
_DATED = re.compile(
    rf"\({_YEAR}(?:[,/][^)]{{0,24}})?\)"
    rf"|(?:^|(?<=[.,:;]\s)){_YEAR}(?=[.,;:)\]]|\s*$)"
    r"|\b(?:n\.\s?d|o\.\s?J|s\.\s?[df])\."
    r"|\b(?:in\s+press|forthcoming|im\s+druck|undated|no\s+date|sin\s+fecha)\b",
    re.I,
)
# Undated entries are only read as pieces of their neighbours where nearly every entry is dated.
MIN_DATED_SHARE = 0.8
MIN_DATED_ENTRIES = 5
_DATE_FIRST = re.compile(rf"^\(?{_YEAR}\)?[.,:]")
# How an entry's later line begins and no entry does.
_CONTINUATION = re.compile(
    r"^(?:[a-z\d]|https?:|doi\b|DOI\b|URL\b|In:?\s|pp?\.\s|Vol\.|\[?(?:Retrieved|Available|"
    r"Accessed|Online|Cited)\b)"
)
# Surnames that begin in lower case: "van der Berg, A.", "d’Alembert, J.".
_LOWER_PARTICLE = re.compile(rf"^(?:{_PARTICLE_WORD}\s+|d['’])+{_UPPER}")
# A piece that stops inside its author list ("…, Mike Lewis," / "Hans-" / "… and" /
# "…, Jorg Sander, Xiaowei" / "… and Alan R."): entries end in a full stop after a word, a
# bracket, a number or an address, never in a given name or an initial.
_UNFINISHED = re.compile(r"(?:[,&\-]|\band|[^\W\d_]|\b[A-ZÀ-Þ]\.)$")
_ADDRESS = re.compile(r"https?:|www\.", re.I)
# "Jane Doe is a professor of …", "Dr. Ann Lee (PhD) holds …": an author biography after the list.
_BIOGRAPHY = re.compile(
    r"^(?:(?:Dr|Prof)\.?\s+)?[A-ZÀ-Þ][\w'’\-]+"
    r"(?:\s+(?:[A-ZÀ-Þ][\w'’\-]*\.?|van|von|de|der|den|da|di|du|la|le)){1,4},?\s+"
    r"(?:\([^)]{1,40}\)\s+)?"
    r"(?:is|was|holds|received|has\s+been|works|teaches|earned)\s+"
    r"(?:an?|the|currently|now|(?i:professor|associate|assistant|senior|lecturer|researcher|"
    r"research|head|director|chair|ph\.?\s?d|doctoral|post-?doctoral|his|her|their))\b"
)
MAX_BIOGRAPHY_HEADING_WORDS = 8
_NOISE = re.compile(
    r"\b(?:view\s+article|pubmed/ncbi|google\s+scholar|crossref|europe\s+pmc|"
    r"publisher\s+full\s+text)\b",
    re.I,
)


@dataclass(frozen=True)
class RawEntry:
    """One entry of the reference list as printed, marker removed."""

    label: str | None
    text: str
    page: int
    lines: tuple[Line, ...]


def find_reference_entries(pdf: PdfText) -> list[RawEntry]:
    lines = _reading_lines(pdf)
    start = _list_start(lines)
    if start is None:
        return []
    style = _marker_style(lines[start])
    if style is not None:
        groups = _numbered_entries(lines, start, style)
        following = [group[0] for group in groups[1:]] + [None]
        entries = [_entry(g, style, f) for g, f in zip(groups, following, strict=True)]
        return sorted(entries, key=lambda e: int(e.label or 0))
    region = _unnumbered_region(lines, start)
    groups = _rejoin_undated(_before_biographies(_split_unnumbered(region)))
    return [_entry(group, None) for group in groups]


# --- which lines are read -------------------------------------------------------------------


def _reading_lines(pdf: PdfText) -> list[Line]:
    """Body lines in reading order, without link labels, lone accents and running lines."""
    lines = [
        line
        for page in pdf.pages
        for line in page.body
        if any(c.isalnum() for c in _NOISE.sub("", line.text))
    ]
    running = _running_shapes(lines)
    return [line for line in lines if _shape(line) not in running]


def _shape(line: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", line.text.strip().lower()), round(line.top / 3)


def _running_shapes(lines: Sequence[Line]) -> set[tuple[str, int]]:
    """Lines repeated at the same height on three pages are running heads the layout missed."""
    pages: dict[tuple[str, int], set[int]] = defaultdict(set)
    for line in lines:
        pages[_shape(line)].add(line.page)
    return {shape for shape, seen in pages.items() if len(seen) >= 3}


# --- where the list starts ------------------------------------------------------------------


def _list_start(lines: Sequence[Line]) -> int | None:
    headings = [i for i, line in enumerate(lines) if is_reference_heading(line)]
    for index in reversed(headings):
        if index + 1 < len(lines):
            return index + 1
    return _unheaded_start(lines)


def is_reference_heading(line: Line) -> bool:
    """A short line that names the reference list and nothing else, its words set close."""
    text = line.text.strip()
    if len(text.split()) > MAX_HEADING_WORDS or not _HEADING.match(text):
        return False
    words = line.words
    # "12 References" spread across the page is a running head with a page number.
    return all(b.x0 - a.x1 < 2 * max(a.size, 1.0) for a, b in pairwise(words))


def _unheaded_start(lines: Sequence[Line]) -> int | None:
    """The last "[1]" (or "1.") at a line start that "[2]" and "[3]" follow in order."""
    for style in ("bracket", "dot"):
        for index in reversed(range(len(lines))):
            found = _marker(lines[index], style)
            if found is not None and found[0] == "1" and _chain_length(lines, index, style) >= 3:
                return index
    return None


def _chain_length(lines: Sequence[Line], start: int, style: str) -> int:
    expected, count = 1, 0
    for line in lines[start:]:
        found = _marker(line, style)
        if found is not None and int(found[0]) == expected:
            expected, count = expected + 1, count + 1
    return count


# --- markers ---------------------------------------------------------------------------------


def _marker(line: Line, style: str) -> tuple[str, str] | None:
    """(label, text after the marker) when the line starts with a marker of this style."""
    text = line.text.lstrip()
    if style == "superscript" and not (line.words and line.words[0].superscript):
        return None
    if style == "bare" and line.words and line.words[0].superscript:
        return None
    found = _MARKERS[style].match(text)
    if found is None:
        return _glued_marker(line, style)
    if int(found.group(1)) == 0:
        return None
    return found.group(1), text[found.end() :]


def _glued_marker(line: Line, style: str) -> tuple[str, str] | None:
    """A marker the PDF layer glued onto the line above as the tail of a URL ("…/en.18.")."""
    printed = " ".join(word.text for word in line.words)
    found = _MARKERS[style].match(printed)
    if found is None or line.text.lstrip() != printed[found.end() :].lstrip():
        return None
    return found.group(1), line.text.lstrip()


def _marker_style(line: Line) -> str | None:
    """The numbering of a list, read from its first line: entry 1 (or 2, 3 if 1 was lost)."""
    for style in _MARKERS:
        found = _marker(line, style)
        if found is not None and int(found[0]) <= MAX_NUMBER_SKIP and found[1].strip():
            return style
    return None


# --- where the list ends -------------------------------------------------------------------


def _is_stop(line: Line, list_size: float) -> bool:
    """An appendix, biography or larger heading: the list is over."""
    text = line.text.strip()
    words = len(text.split())
    if words <= MAX_STOP_HEADING_WORDS and _STOP_HEADING.match(text):
        return True
    # A larger heading ("A Experimental details", "Author Biography") ends the list.
    return (
        words <= MAX_HEADING_WORDS
        and line.size >= 1.2 * list_size
        and not text.endswith((".", ","))
        and re.match(r"^(?:[\dA-Z][.)]?\s+)?[A-ZÀ-Þ]", text) is not None
    )


def _is_pause(line: Line) -> bool:
    """Acknowledgements or a caption: the end of the list, unless its numbers go on below."""
    text = line.text.strip()
    if len(text.split()) <= MAX_STOP_HEADING_WORDS and _PAUSE_HEADING.match(text):
        return True
    return CAPTION.match(text) is not None


def _typical_pitch(lines: Sequence[Line]) -> float:
    """The distance from one line to the next inside an entry (the lower quartile).

    Pieces of one row (a justified line torn apart at a long address) are not steps.
    """
    steps = [
        b.top - a.top
        for a, b in pairwise(lines)
        if (a.page, a.column) == (b.page, b.column) and b.top - a.top > 0.5 * a.height
    ]
    if len(steps) < 2:
        return max((line.height for line in lines), default=10.0) * 1.2
    return statistics.quantiles(steps, n=4)[0]


def _big_gap(previous: Line, line: Line, pitch: float) -> bool:
    same_group = (previous.page, previous.column) == (line.page, line.column)
    return same_group and line.top - previous.top > 2.6 * pitch


# --- numbered lists --------------------------------------------------------------------------


def _numbered_entries(lines: Sequence[Line], start: int, style: str) -> list[list[Line]]:
    window = lines[start : start + 20]
    size, pitch = statistics.median(ln.size for ln in window), _typical_pitch(window)
    entries: list[list[Line]] = []
    expected, index, skipping = 1, start, False
    while index < len(lines):
        line = lines[index]
        number = _number(line, style)
        if number is not None and expected <= number <= expected + MAX_NUMBER_SKIP:
            entries.append([line])
            expected, skipping = number + 1, False
        elif entries and _is_stop(line, size):
            break
        elif entries and (_is_pause(line) or _big_gap(entries[-1][-1], line, pitch)):
            resume = _next_marker(lines, index + 1, expected, style)
            if resume is None:
                break
            index = resume
            continue
        elif skipping or _left_of_indent(lines, index, entries, expected, style):
            skipping = True
        elif entries:
            entries[-1].append(line)
        index += 1
    return entries


def _number(line: Line, style: str) -> int | None:
    found = _marker(line, style)
    return int(found[0]) if found is not None else None


def _next_marker(lines: Sequence[Line], start: int, expected: int, style: str) -> int | None:
    for index in range(start, min(len(lines), start + RESUME_LOOKAHEAD)):
        number = _number(lines[index], style)
        if number is not None and expected <= number <= expected + MAX_NUMBER_SKIP:
            return index
    return None


def _left_of_indent(
    lines: Sequence[Line], index: int, entries: Sequence[list[Line]], expected: int, style: str
) -> bool:
    """A line left of the hanging indent is not part of an entry: a footnote, body text.

    The marker column of the line's own page and column is taken from the entry it would join
    or, at the top of a column, from the next marker below it.
    """
    indent = _hanging_indent(entries)
    if indent is None:
        return False
    line = lines[index]
    group = (line.page, line.column)
    starts = [e[0] for e in entries[-1:] if (e[0].page, e[0].column) == group]
    if not starts:
        found = _next_marker(lines, index + 1, expected, style)
        if found is None or (lines[found].page, lines[found].column) != group:
            return False
        starts = [lines[found]]
    return line.x0 < starts[0].x0 + indent / 2


def _hanging_indent(entries: Sequence[list[Line]]) -> float | None:
    offsets = [
        e[1].x0 - e[0].x0
        for e in entries
        if len(e) > 1 and (e[0].page, e[0].column) == (e[1].page, e[1].column)
    ]
    if not offsets:
        return None
    offset = statistics.median(offsets)
    return offset if offset > 3 else None


# --- unnumbered lists ------------------------------------------------------------------------


def _unnumbered_region(lines: Sequence[Line], start: int) -> list[Line]:
    window = lines[start : start + 20]
    size, pitch = statistics.median(ln.size for ln in window), _typical_pitch(window)
    region: list[Line] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if region and (
            _is_stop(line, size)
            or _is_pause(line)
            or (_big_gap(region[-1], line, pitch) and _unaligned(line, region))
        ):
            return region + _beside_stop(lines, index)
        region.append(line)
    return region


def _unaligned(line: Line, region: Sequence[Line]) -> bool:
    """A line after a wide gap that lines up with no line of the list starts something else."""
    return all(abs(line.x0 - other.x0) > 2 for other in region if other.column == line.column)


def _beside_stop(lines: Sequence[Line], stop: int) -> list[Line]:
    """Lines of later columns on the stop line's page that stand above it: the list goes on there.

    A narrow "About the Authors" heading under the first column is read before the second
    column, whose references continue down to the height of that heading.
    """
    end = lines[stop]
    if end.column == 0:
        return []
    return [
        line
        for line in lines[stop + 1 :]
        if line.page == end.page and line.column > end.column and line.bottom <= end.top
    ]


def _split_unnumbered(region: Sequence[Line]) -> list[list[Line]]:
    starts = _start_flags(region)
    entries: list[list[Line]] = []
    for line, starts_entry in zip(region, starts, strict=True):
        if starts_entry or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    return entries


def _start_flags(region: Sequence[Line]) -> list[bool]:
    levels = _indent_levels(region)
    if levels is not None:
        return levels
    gaps = _gap_flags(region)
    if gaps is not None:
        return gaps
    return [
        i == 0 or (_AUTHOR_START.match(line.text) is not None and _ends_entry(region[i - 1]))
        for i, line in enumerate(region)
    ]


def _indent_levels(region: Sequence[Line]) -> list[bool] | None:
    """Start flags from a hanging indent (or a first-line indent), None when lines are flush."""
    offsets = _offsets(region)
    indented = [o for o in offsets if o is not None and 3 < o < 40]
    flush = [o for o in offsets if o is not None and o <= 3]
    if len(indented) < 0.2 * len(region) or len(flush) < 0.15 * len(region):
        return None
    at_left = [o is not None and o <= 3 for o in offsets]
    left = [ln for ln, is_left in zip(region, at_left, strict=True) if is_left]
    right = [ln for ln, is_left in zip(region, at_left, strict=True) if not is_left]
    left_rate, right_rate = _author_rate(left), _author_rate(right)
    # Entries of several lines have one first line and more continuation lines, so the rarer
    # level starts entries unless the author names say clearly otherwise.
    if abs(left_rate - right_rate) > 0.3:
        hanging = left_rate > right_rate
    else:
        hanging = len(left) <= len(right)
    return [i == 0 or left == hanging for i, left in enumerate(at_left)]


def _offsets(region: Sequence[Line]) -> list[float | None]:
    """Each line's distance from the left edge of its column, None where it can't be told.

    A column holding the tail of one long entry has only indented lines: its edge is then read
    from the same column on other pages.
    """
    groups: dict[tuple[int, int], list[Line]] = defaultdict(list)
    for line in region:
        groups[(line.page, line.column)].append(line)
    edges = {key: min(ln.x0 for ln in lines) for key, lines in groups.items()}
    spread = {key: max(ln.x0 for ln in lines) - edges[key] for key, lines in groups.items()}
    column_edge: dict[int, float] = {}
    for key, edge in edges.items():
        if spread[key] > 3:
            column_edge[key[1]] = min(column_edge.get(key[1], edge), edge)
    offsets: list[float | None] = []
    for line in region:
        key = (line.page, line.column)
        known = edges[key] if spread[key] > 3 else column_edge.get(line.column)
        offsets.append(None if known is None else line.x0 - known)
    return offsets


def _author_rate(lines: Sequence[Line]) -> float:
    if not lines:
        return 0.0
    return sum(1 for ln in lines if _AUTHOR_START.match(ln.text)) / len(lines)


def _gap_flags(region: Sequence[Line]) -> list[bool] | None:
    """Start flags from blank gaps between entries, None when the spacing is even."""
    pitch = _typical_pitch(region)
    flags = [True]
    wide = 0
    for previous, line in pairwise(region):
        if (previous.page, previous.column) != (line.page, line.column):
            flags.append(_AUTHOR_START.match(line.text) is not None and _ends_entry(previous))
            continue
        is_wide = line.top - previous.top > pitch * 1.25 + 1
        wide += is_wide
        flags.append(is_wide)
    if not 0.15 * len(region) <= wide <= 0.7 * len(region):
        return None
    return flags


def _before_biographies(entries: list[list[Line]]) -> list[list[Line]]:
    """The entries before the first author biography and the short name line heading it."""
    for index, group in enumerate(entries):
        if index and _BIOGRAPHY.match(_text(group)):
            kept = entries[:index]
            while len(kept) > 1 and _is_name_heading(kept[-1]):
                kept.pop()
            return kept
    return entries


def _is_name_heading(group: Sequence[Line]) -> bool:
    text = _text(group)
    return len(text.split()) <= MAX_BIOGRAPHY_HEADING_WORDS and not _DATED.search(text)


def _rejoin_undated(entries: list[list[Line]]) -> list[list[Line]]:
    """Pieces of entries, cut where a wrapped line stood at the entry-start level, joined again.

    Only in a list where nearly every entry has its date: there an undated piece belongs to a
    neighbour. It is the head of the entry below when it stops inside its author list or the
    entry below begins with its date ("(2015). Title …"); it is the tail of the entry above when
    it does not begin like an entry. A piece that begins as no entry does ("doi:…", "In
    Proceedings", a lower-case word) is a tail, dated or not.
    """
    dated = [_DATED.search(_text(group)) is not None for group in entries]
    if len(entries) < MIN_DATED_ENTRIES or sum(dated) < MIN_DATED_SHARE * len(entries):
        return entries
    joined: list[list[Line]] = []
    head: list[Line] = []
    for index, group in enumerate(entries):
        text = _text(group)
        following = _text(entries[index + 1]) if index + 1 < len(entries) else None
        if head:
            joined.append(head + list(group))
            head = []
        elif (
            not dated[index]
            and following is not None
            and not _begins_as_continuation(text)
            and (_UNFINISHED.search(text) or _DATE_FIRST.match(following))
            and not _ADDRESS.search(text)
        ):
            head = list(group)
        elif joined and _is_tail(text, dated[index]):
            joined[-1].extend(group)
        else:
            joined.append(list(group))
    if head:
        joined.append(head)
    return joined


def _is_tail(text: str, dated: bool) -> bool:
    if _begins_as_continuation(text):
        return True
    return not dated and _AUTHOR_START.match(text) is None


def _begins_as_continuation(text: str) -> bool:
    return _CONTINUATION.match(text) is not None and _LOWER_PARTICLE.match(text) is None


def _text(group: Sequence[Line]) -> str:
    return " ".join(line.text.strip() for line in group)


def _ends_entry(line: Line) -> bool:
    return line.text.rstrip().endswith((".", ")", "]")) or line.text.rstrip()[-1:].isdigit()


# --- entries ---------------------------------------------------------------------------------


def _entry(lines: Sequence[Line], style: str | None, following: Line | None = None) -> RawEntry:
    texts = [line.text for line in lines]
    label: str | None = None
    if style is not None:
        found = _marker(lines[0], style)
        if found is not None:
            label, texts[0] = found
    if following is not None and style is not None and following.words:
        # The next entry's marker, glued onto this entry's last line, goes back where it was.
        glued = following.words[0].text
        if _glued_marker(following, style) is not None and texts[-1].endswith(glued):
            texts[-1] = texts[-1][: -len(glued)]
    return RawEntry(label=label, text=_join(texts), page=lines[0].page, lines=tuple(lines))


def _join(texts: Sequence[str]) -> str:
    joined = ""
    for raw in texts:
        text = " ".join(_NOISE.sub(" ", raw).split())
        if not text:
            continue
        if re.search(r"[^\W\d_]-$", joined) and text[0].islower():
            joined = joined[:-1] + text  # a word broken at the line end
        elif joined.endswith("-") and text[0].isupper():
            joined += text  # "Hillman-" + "Jackson", "D.-" + "L. Yao"
        else:
            joined = f"{joined} {text}" if joined else text
    return joined
