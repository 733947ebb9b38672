"""Numbered lists are cut at their markers, taken strictly in sequence.

So "2017." at the start of a wrapped line is not entry 2017, nor is a number set at the
hanging indent, where wrapped lines start, a marker; lines that stand left of the entries'
hanging indent (a footnote, body text in the next column) are skipped up to the next marker.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from refcheck.extract.references.bounds import (
    ListStart,
    big_gap,
    in_margin,
    is_pause,
    is_stop,
    typical_pitch,
)
from refcheck.extract.references.markers import MAX_NUMBER_SKIP, next_marker, number
from refcheck.pdf import Line


def numbered_entries(lines: Sequence[Line], begin: ListStart, style: str) -> list[list[Line]]:
    start = begin.index
    window = lines[start : start + 20]
    size, pitch = statistics.median(ln.size for ln in window), typical_pitch(window)
    entries: list[list[Line]] = []
    expected, index = 1, start
    skipping: tuple[int, int] | None = None  # the page and column where skipping began
    while index < len(lines):
        line = lines[index]
        if skipping is not None and (line.page, line.column) != skipping:
            # A footnote under the column ended there; the entry goes on in the next column.
            skipping = None
        found = number(line, style)
        if (
            found is not None
            and expected <= found <= expected + MAX_NUMBER_SKIP
            and not _at_indent(line, entries)
        ):
            entries.append([line])
            expected, skipping = found + 1, None
        elif entries and is_stop(line, size, begin.heading):
            break
        elif entries and (is_pause(line) or big_gap(entries[-1][-1], line, pitch)):
            resume = next_marker(lines, index + 1, expected, style)
            if resume is None:
                break
            index = resume
            continue
        elif entries and in_margin(line, [ln for entry in entries[-3:] for ln in entry]):
            pass  # a note beside the text (a licence in the margin), read after the columns
        elif skipping or _left_of_indent(lines, index, entries, expected, style):
            skipping = (line.page, line.column)
        elif entries:
            entries[-1].append(line)
        index += 1
    return entries


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
        found = next_marker(lines, index + 1, expected, style)
        if found is None or (lines[found].page, lines[found].column) != group:
            return False
        starts = [lines[found]]
    return line.x0 < starts[0].x0 + indent / 2


def _at_indent(line: Line, entries: Sequence[list[Line]]) -> bool:
    """A number starting a line set at the hanging indent is text ("44 (2021) 781."), no marker.

    Markers stand where the entry above started, in the same page and column.
    """
    indent = _hanging_indent(entries)
    if indent is None or (line.page, line.column) != (entries[-1][0].page, entries[-1][0].column):
        return False
    return line.x0 >= entries[-1][0].x0 + indent / 2


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
