"""Where a reference list starts and where it ends.

The list starts after the last heading that names it ("References", "7 Bibliography",
"Literaturverzeichnis" …) or, without a heading, at the last "[1]" (or "1.", or a raised "¹")
that a run of "[2]", "[3]" … follows. It ends at an appendix, biography, supplementary or
larger heading, and at acknowledgements or a caption unless a numbered list goes on below
them. Notes in the page's margin beside it are no part of it.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from refcheck.extract.references.markers import RESUME_LOOKAHEAD, marker
from refcheck.patterns import compiled
from refcheck.pdf import Line
from refcheck.text import CAPTION, PART_HEADING

_HEADING_WORDS = (
    r"references?(?:\s+list|\s+cited)?|list\s+of\s+references|bibliography|bibliographie|"
    r"works\s+cited|literature(?:\s+cited)?|cited\s+literature|notes\s+and\s+references|"
    r"sources|literatur|literaturverzeichnis|literaturangaben|quellen(?:verzeichnis)?|"
    r"referencias(?:\s+bibliogr[aá]ficas)?|bibliograf[ií]a|r[ée]f[ée]rences(?:\s+bibliographiques)?|"
    r"riferimenti(?:\s+bibliografici)?|refer[êe]ncias(?:\s+bibliogr[áa]ficas)?|literatuur"
)
# Optional section number: "7", "7.", "VII.", "A.", "10.2".
_HEADING = compiled(
    rf"^(?:(?:\d{{1,2}}(?:\.\d{{1,2}})*|[IVXLC]{{1,6}}|[A-Z])[.)]?\s+)?(?:{_HEADING_WORDS})\s*:?$",
    re.I,
)
_STOP_HEADING = compiled(
    r"^(?:(?:\d{1,2}|[A-Z]|[IVXLC]{1,6})[.)]?\s+)?(?:appendix|appendices|anhang|annex|"
    r"supplementary|supplemental|supporting\s+information|additional\s+files?|"
    r"author\s+biograph|biograph|about\s+the\s+authors?|"
    r"author(?:s'|’s)?\s+contributions|the\s+\w+\s+collaboration\b)",
    re.I,
)
# Acknowledgements and captions may stand between two columns of a numbered list (0908.0054):
# a numbered list resumes after them at its next number; an appendix ends it for good.
# Capitalised, as a heading is: a wrapped line of an entry may begin "acknowledgment of …".
_PAUSE_HEADING = compiled(r"^(?:(?:\d{1,2}|[A-Z]|[IVXLC]{1,6})[.)]?\s+)?A(?i:cknowledge?ments?)\b")
MAX_STOP_HEADING_WORDS = 8
MAX_HEADING_WORDS = 6
# A section heading set in the reference heading's size may be long ("A. Partitioned vs.
# unpartitioned variable projection algorithms"); running text has more words a line.
MAX_SECTION_HEADING_WORDS = 12
# Sizes of one heading level differ by rounding only.
HEADING_SIZE_TOLERANCE = 0.05
# A heading is set larger than the entries; at the entries' size a line may be an entry.
MIN_HEADING_TO_LIST_SIZE = 1.1
# A list found by its numbers alone: at least this many entries, of a few lines each, ending in
# the document's last part, most of them with a year and an author's name.
MIN_UNHEADED_ENTRIES = 3
MAX_TYPICAL_ENTRY_LINES = 6
LIST_END_SHARE = 1 / 3
MIN_UNHEADED_CITED_SHARE = 0.7
_CITED_YEAR = compiled(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
_NAMES = compiled(r"\b[A-ZÀ-Þ]\.|\bet\s+al\b|\b[A-ZÀ-Þ][\w'’\-]+,\s+[A-ZÀ-Þ]")
_HEADING_SHAPE = compiled(r"^(?:[\dA-Z](?:\.\d{1,2})*[.)]?\s+)?[A-ZÀ-Þ]")


@dataclass(frozen=True)
class ListStart:
    """Where a reference list begins: its first line, and the heading above it if any."""

    index: int
    heading: Line | None


def list_starts(lines: Sequence[Line]) -> list[ListStart]:
    """Every place a list may start, in reading order: below each heading that names one, or
    (without such a heading) where its numbers begin."""
    starts = [
        ListStart(index + 1, line)
        for index, line in enumerate(lines[:-1])
        if is_reference_heading(line)
    ]
    if starts:
        return starts
    found = _unheaded_start(lines)
    return [] if found is None else [ListStart(found, None)]


def part_heading(lines: Sequence[Line], begin: ListStart, end: int) -> int | None:
    """Where a new part of the document (supplementary material, appendices) is headed
    between a list's heading and ``end``: a heading at least of that heading's rank."""
    if begin.heading is None:
        return None
    for index in range(begin.index, end):
        line = lines[index]
        text = line.text.strip()
        if (
            len(text.split()) <= MAX_STOP_HEADING_WORDS
            and PART_HEADING.match(text)
            and not text.endswith((".", ","))
            and line.size >= begin.heading.size * (1 - HEADING_SIZE_TOLERANCE)
        ):
            return index
    return None


def is_reference_heading(line: Line) -> bool:
    """A short line that names the reference list and nothing else, its words set close."""
    text = line.text.strip()
    if len(text.split()) > MAX_HEADING_WORDS or not _HEADING.match(text):
        return False
    words = line.words
    # "12 References" spread across the page is a running head with a page number.
    return all(b.x0 - a.x1 < 2 * max(a.size, 1.0) for a, b in pairwise(words))


def _unheaded_start(lines: Sequence[Line]) -> int | None:
    """The last "[1]" (or "1.") at a line start that opens a list of references, by its numbers.

    Numbered paragraphs of the body ("1. We first …") count in order too, so the numbers must
    be strong evidence: entries of a few lines each, most with a year and names, and the run
    reaching the last part of the document, where a reference list stands.
    """
    # Raised labels (AIP's and AAPM's "¹ A. Zwicky, …") are as plain a sign as brackets.
    for style in ("bracket", "dot", "superscript"):
        for index in reversed(range(len(lines))):
            found = marker(lines[index], style)
            if found is None or found[0] != "1":
                continue
            chain = _chain(lines, index, style)
            if len(chain) >= MIN_UNHEADED_ENTRIES and _reads_as_list(lines, chain):
                return index
    return None


def _chain(lines: Sequence[Line], start: int, style: str) -> list[int]:
    """Where the markers 1, 2, 3 … stand from ``start`` on, until the numbers stop."""
    chain = [start]
    for index in range(start + 1, len(lines)):
        if index - chain[-1] > RESUME_LOOKAHEAD:
            break
        found = marker(lines[index], style)
        if found is not None and int(found[0]) == len(chain) + 1:
            chain.append(index)
    return chain


def _reads_as_list(lines: Sequence[Line], chain: Sequence[int]) -> bool:
    steps = [b - a for a, b in pairwise(chain)]
    if statistics.median(steps) > MAX_TYPICAL_ENTRY_LINES:
        return False
    if chain[-1] < (1 - LIST_END_SHARE) * len(lines):
        return False
    ends = [*chain[1:], min(len(lines), chain[-1] + MAX_TYPICAL_ENTRY_LINES)]
    texts = [" ".join(ln.text for ln in lines[a:b]) for a, b in zip(chain, ends, strict=True)]
    cited = [_CITED_YEAR.search(t) is not None and _NAMES.search(t) is not None for t in texts]
    return sum(cited) >= MIN_UNHEADED_CITED_SHARE * len(texts)


def is_stop(line: Line, list_size: float, heading: Line | None) -> bool:
    """An appendix, biography or larger heading: the list is over."""
    text = line.text.strip()
    words = len(text.split())
    if words <= MAX_STOP_HEADING_WORDS and _STOP_HEADING.match(text):
        return True
    if text.endswith((".", ",", ";")) or _HEADING_SHAPE.match(text) is None:
        return False
    # A larger heading ("A Experimental details", "Author Biography") ends the list.
    if words <= MAX_HEADING_WORDS and line.size >= 1.2 * list_size:
        return True
    # So does a heading of the reference heading's level: the next section has begun.
    return (
        heading is not None
        and words <= MAX_SECTION_HEADING_WORDS
        and heading.size >= MIN_HEADING_TO_LIST_SIZE * list_size
        and abs(line.size - heading.size) <= HEADING_SIZE_TOLERANCE * heading.size
    )


def is_pause(line: Line) -> bool:
    """Acknowledgements or a caption: the end of the list, unless its numbers go on below."""
    text = line.text.strip()
    if len(text.split()) <= MAX_STOP_HEADING_WORDS and _PAUSE_HEADING.match(text):
        return True
    return CAPTION.match(text) is not None


def typical_pitch(lines: Sequence[Line]) -> float:
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


def big_gap(previous: Line, line: Line, pitch: float) -> bool:
    same_group = (previous.page, previous.column) == (line.page, line.column)
    return same_group and line.top - previous.top > 2.6 * pitch


# A margin note's lines are this share of the list's lines wide at most.
MARGIN_NOTE_SHARE = 0.3


def in_margin(line: Line, region: Sequence[Line]) -> bool:
    """A note in the page's margin (a licence set beside the text, a word or two a line), read
    after the page's columns: narrow, and wholly left or right of the list's lines on its page.

    Right of them stands a new column too, whose first line may be an entry's short tail: a
    note in the right margin is one only beside list lines of its own column.
    """
    page = [ln for ln in region if ln.page == line.page]
    if not page or line.x1 - line.x0 > MARGIN_NOTE_SHARE * statistics.median(
        ln.x1 - ln.x0 for ln in page
    ):
        return False
    if line.x1 < min(ln.x0 for ln in page) - 2:
        return True
    own_column = any(ln.column == line.column for ln in page)
    return own_column and line.x0 > max(ln.x1 for ln in page) + 2
