"""Bare numbers in a margin: the labels of a list's entries, or a review copy's line numbers.

A numbered list may print its labels as bare numbers ("20", no bracket, no full stop) hanging
far left of its entries, where a review copy prints its line numbers. Both are runs of
consecutive integers beside the text; what tells them apart is how they pair with its lines.
A list label stands at the first line of its entry, and entries run over two lines or more, so
unnumbered lines come between labels; a line number stands at every line, evenly spaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from refcheck.patterns import compiled

if TYPE_CHECKING:
    from refcheck.pdf.layout import Line

_BARE_NUMBER = compiled(r"^\s*(\d{1,4})\s*$")
# A list's label may hang any distance left of its item, and is no side note: "[12]", "(12)",
# "12.", "•", and the labels of alphabetic styles ("[Knu84]", "[Asp+00]", "[FN71a]"). A bare
# number is not one (it may be a page number beside a running head, "12 References"): bare
# numbers are told apart by how they pair with the lines (``hanging_numbers``).
LIST_LABEL = compiled(
    r"^\s*(?:\[\d{1,4}\]|\[[^\W\d_][^\s\[\]]{1,9}\]|\(\d{1,4}\)|\d{1,4}[.)]|[•●▪◦∙·–—-])\s*$"
)
# A label hangs at most this many ems left of its entry's first word.
MAX_HANG_EM = 6.0
# Fewer numbers than this in a run say nothing about a list.
MIN_LABELS = 3


def hanging_numbers(candidates: Sequence[Line], lines: Sequence[Line]) -> list[Line]:
    """The bare numbers among ``candidates`` that label the entries of a list in ``lines``.

    ``candidates`` are margin lines; ``lines`` is everything on the page (candidates included).
    """
    numbers = sorted(
        (ln for ln in candidates if _BARE_NUMBER.match(ln.text)), key=lambda ln: ln.top
    )
    others = [ln for ln in lines if not _BARE_NUMBER.match(ln.text)]
    labels: list[Line] = []
    for run in _consecutive_runs(numbers):
        if len(run) >= MIN_LABELS and _labels_entries(run, others):
            labels.extend(run)
    return labels


def _consecutive_runs(numbers: Sequence[Line]) -> list[list[Line]]:
    """Top to bottom, the runs whose values go up by one: 20, 21, 22 …"""
    runs: list[list[Line]] = []
    for line in numbers:
        if runs and _value(line) == _value(runs[-1][-1]) + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _value(line: Line) -> int:
    match = _BARE_NUMBER.match(line.text)
    return int(match.group(1)) if match else -1


def _labels_entries(run: Sequence[Line], others: Sequence[Line]) -> bool:
    """Every number starts a row of text just right of it, and most leave lines unnumbered."""
    beside = [ln for ln in others if _hangs_before(run[0], ln) or _hangs_before(run[-1], ln)]
    if not all(any(_same_row(label, ln) for ln in beside) for label in run):
        return False
    unnumbered_gaps = sum(
        1
        for above, below in pairwise(run)
        if any(above.bottom < (ln.top + ln.bottom) / 2 < below.top for ln in beside)
    )
    return unnumbered_gaps * 2 >= len(run) - 1


def _hangs_before(label: Line, line: Line) -> bool:
    """``line`` starts right of ``label``, close enough to be the text it labels."""
    return label.x1 < line.x0 <= label.x1 + MAX_HANG_EM * label.size


def _same_row(a: Line, b: Line) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) > 0.5 * min(a.height, b.height)
