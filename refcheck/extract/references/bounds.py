"""Where a reference list starts and where it ends.

The list starts after the last heading that names it ("References", "7 Bibliography",
"Literaturverzeichnis" …) or, without a heading, at the last "[1]" that a run of "[2]", "[3]" …
follows. It ends at an appendix, biography, supplementary or larger heading, and at
acknowledgements or a caption unless a numbered list goes on below them.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from itertools import pairwise

from refcheck.extract.references.markers import marker
from refcheck.pdf import Line
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


def list_start(lines: Sequence[Line]) -> int | None:
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
            found = marker(lines[index], style)
            if found is not None and found[0] == "1" and _chain_length(lines, index, style) >= 3:
                return index
    return None


def _chain_length(lines: Sequence[Line], start: int, style: str) -> int:
    expected, count = 1, 0
    for line in lines[start:]:
        found = marker(line, style)
        if found is not None and int(found[0]) == expected:
            expected, count = expected + 1, count + 1
    return count


def is_stop(line: Line, list_size: float) -> bool:
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
