"""Footnotes set at the size of the running text (Word, pandoc through LibreOffice).

Small print is the usual sign of a footnote (``blocks._footnotes``); a word processor may set
its notes at body size. Such a note is still told by its shape: in the lower half of the page,
below a wider gap than the column's line pitch, its first word is a raised mark that the page's
text above has raised too. It and the lines under it in its column are the note.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from itertools import pairwise

from refcheck.patterns import compiled
from refcheck.pdf import Line, Page

_MARK = compiled(r"^(?:\d{1,3}|[*†‡§¶])$")
# The note stands in the lower part of the page …
NOTE_TOP_SHARE = 0.5
# … and the white above it is wider than this share of the column's line pitch.
NOTE_GAP_SHARE = 1.25


def body_size_notes(page: Page) -> list[int]:
    """Indices of the page's lines that are footnotes set at body size."""
    lines = page.lines
    by_column: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.role == "body":
            by_column.setdefault(line.column, []).append(index)
    found: list[int] = []
    for indices in by_column.values():
        start = _note_start(page, indices)
        if start is not None:
            found.extend(indices[start:])
    return found


def _note_start(page: Page, indices: Sequence[int]) -> int | None:
    """Where a body-size note starts in one column's lines (their position), or None."""
    lines = [page.lines[i] for i in indices]
    steps = [b.top - a.top for a, b in pairwise(lines) if b.top > a.top]
    if len(steps) < 3:
        return None
    pitch = statistics.median(steps)
    raised = _raised_marks(page)
    for position in range(1, len(lines)):
        line, above = lines[position], lines[position - 1]
        mark = _mark(line)
        if (
            mark is not None
            and line.top > page.height * NOTE_TOP_SHARE
            and line.top - above.top > pitch * NOTE_GAP_SHARE
            and raised.get(mark, page.height) < line.top
        ):
            return position
    return None


def _mark(line: Line) -> str | None:
    """The raised mark a line starts with, when text follows it."""
    if len(line.words) < 2 or not line.words[0].superscript:
        return None
    text = line.words[0].text
    return text if _MARK.match(text) else None


def _raised_marks(page: Page) -> dict[str, float]:
    """Raised marks set after a word of the page's text, and the height of the first of each."""
    marks: dict[str, float] = {}
    for line in page.lines:
        for word in line.words[1:]:
            if word.superscript and _MARK.match(word.text):
                marks.setdefault(word.text, line.top)
    return marks
