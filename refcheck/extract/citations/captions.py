"""Figure captions read after the sentence they break.

A figure at the top of a column stands between the two halves of a sentence ("(e.g., Xiong et
al.," … "Figure 1: …" … "2017)."): read in place, its caption would cut the citation in two, so
it waits for the sentence's end. A sentence that ended before the figure is not waited for,
even when a raised mark follows its full stop ("samples.¹") or the figure's own labels
("Input  Encoder  Output") stand between it and the caption.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from refcheck.extract.citations.notes import line_ends_sentence
from refcheck.patterns import compiled
from refcheck.pdf import Line
from refcheck.text import CAPTION

_SENTENCE_END = compiled(r"[.!?:][\"'”’)\]]{0,2}$")
CAPTION_SIZE_TOLERANCE = 0.3
CAPTION_LEADING = 1.6
MAX_CAPTION_LINES = 6
# A figure's labels on one line stand apart ("2019      Encoder"): prose never leaves a gap
# between two words wider than this many times its size.
LABEL_GAP = 3.0
MAX_LABEL_LINES = 3


def captions_after_sentences(lines: Sequence[Line]) -> list[Line]:
    """A page's lines with each caption that breaks a sentence moved to the sentence's end."""
    ordered: list[Line] = []
    waiting: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if CAPTION.match(line.text) and _breaks_sentence(ordered, line):
            block = _caption_block(lines, index)
            waiting.extend(block)
            index += len(block)
            continue
        ordered.append(line)
        if waiting and line_ends_sentence(line, _SENTENCE_END):
            ordered.extend(waiting)
            waiting = []
        index += 1
    return ordered + waiting


def _breaks_sentence(before: Sequence[Line], caption: Line) -> bool:
    """Whether the text read before ``caption`` stops inside a sentence, the figure's own labels
    right above the caption passed over."""
    index = len(before) - 1
    while (
        index > 0
        and len(before) - index <= MAX_LABEL_LINES
        and _figure_labels(before[index], caption)
    ):
        index -= 1
    return index >= 0 and not line_ends_sentence(before[index], _SENTENCE_END)


def _figure_labels(line: Line, caption: Line) -> bool:
    """A line of a figure above ``caption`` in its column: words set far apart."""
    if (line.page, line.column) != (caption.page, caption.column) or line.top >= caption.top:
        return False
    words = line.words
    return any(b.x0 - a.x1 > LABEL_GAP * line.size for a, b in pairwise(words))


def _caption_block(lines: Sequence[Line], start: int) -> list[Line]:
    """The caption line and the lines that go on with it: same column and size, set close."""
    block = [lines[start]]
    for line in lines[start + 1 :]:
        last = block[-1]
        if (
            (line.page, line.column) != (last.page, last.column)
            or abs(line.size - last.size) > CAPTION_SIZE_TOLERANCE
            or not 0 < line.top - last.top <= CAPTION_LEADING * last.height
            or len(block) >= MAX_CAPTION_LINES
        ):
            break
        block.append(line)
    return block
