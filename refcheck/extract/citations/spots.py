"""Where a callout is printed and the sentence it stands in, read from the body's text stream.

Both are for a reader of the report, who judges a finding by its spot on the page: the boxes
are the callout's words (one box per line it spans), and the sentence is cut from the stream's
text at the nearest sentence ends around the callout. Cheap: a few words and a bounded window
of text per callout.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from refcheck.extract.citations.marks import word_positions
from refcheck.model import Box
from refcheck.patterns import compiled
from refcheck.pdf import Line, Word

# How far around a callout a sentence is looked for; a longer sentence is cut with "…".
SENTENCE_WINDOW = 400
MAX_SENTENCE = 600
# A sentence ends at a stop followed by a capital, a bullet or a section number (not after an
# initial, "J. Smith"), at a
# heading's break (" ;" at a line's end, see ``scan.BLOCK_BREAK``), or at a blank line.
_SENTENCE_END = compiled(
    r"(?<![\s.][A-Z])[.!?][\"'”’)\]]*\s+(?=(?:[^\w\s\"“‘(\[]\s*)?[\"“‘(\[]?[A-Z]|\d{1,2}\.\s)"
    r"|\n\n| ;\n"
)
# A bullet or a section number ("2.") that starts a sentence is no part of it.
_LEADER = compiled(r"^(?:[^\w\s\"“‘(\[]|\d{1,2}\.(?=\s))\s*")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``, on one line."""
    low = max(0, start - SENTENCE_WINDOW)
    high = min(len(text), end + SENTENCE_WINDOW)
    begin = low
    # A few characters past the start, so that a callout that opens a sentence is seen to.
    for found in _SENTENCE_END.finditer(text, low, min(len(text), start + 3)):
        if found.end() <= start:
            begin = found.end()
    after = _SENTENCE_END.search(text, end, high)
    # The stop and its closing quotes or brackets stay with the sentence; a break does not.
    finish = high if after is None else after.start() + len(after.group().rstrip(" \n;"))
    sentence = _LEADER.sub("", " ".join(text[begin:finish].split()))
    # A sentence longer than the window is marked as cut where it was.
    sentence = (
        ("…" if begin == low > 0 else "")
        + sentence
        + ("…" if finish < len(text) and after is None else "")
    )
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    callout = " ".join(text[start:end].split())
    at = sentence.find(callout)
    left = max(0, at - MAX_SENTENCE // 2)
    cut = sentence[left : left + MAX_SENTENCE]
    return ("…" if left else "") + cut + ("…" if left + MAX_SENTENCE < len(sentence) else "")


def callout_boxes(
    lines: Sequence[Line], starts: Sequence[int], texts: Sequence[str], start: int, end: int
) -> tuple[Box, ...]:
    """One box per line the callout ``[start, end)`` of the stream spans: around its words.

    ``lines``, ``starts`` and ``texts`` are the stream's lines, where each starts in the
    stream's text, and what of each was searched (a table row is read cell by cell, so its
    text is not the line's: there the words that print the callout's tokens are taken).
    """
    boxes = []
    first = _line_at(starts, start)
    last = _line_at(starts, max(start, end - 1))
    for index in range(first, last + 1):
        line, offset = lines[index], starts[index]
        local = (max(start, offset) - offset, min(end, offset + len(texts[index])) - offset)
        if local[1] <= local[0]:
            continue
        if texts[index].startswith(line.text) or len(texts[index]) == len(line.text):
            words = _words_in(line, *local)
        else:
            words = []
        if not words:
            words = _words_printing(line, texts[index][local[0] : local[1]])
        boxes.append(_box(line.page, words) if words else _line_box(line))
    return tuple(boxes)


def line_boxes(lines: Sequence[Line]) -> tuple[Box, ...]:
    """The boxes of a run of lines (a reference entry): consecutive lines of one page and one
    column make one box."""
    boxes: list[Box] = []
    previous: Line | None = None
    for line in lines:
        box = _line_box(line)
        if previous is not None and previous.page == line.page and previous.column == line.column:
            last = boxes[-1]
            box = Box(
                line.page,
                min(last.x0, box.x0),
                min(last.top, box.top),
                max(last.x1, box.x1),
                max(last.bottom, box.bottom),
            )
            boxes[-1] = box
        else:
            boxes.append(box)
        previous = line
    return tuple(boxes)


def _line_at(starts: Sequence[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _words_in(line: Line, start: int, end: int) -> list[Word]:
    return [
        word
        for word, position in word_positions(line)
        if position < end and position + len(word.text) > start
    ]


def _words_printing(line: Line, callout: str) -> list[Word]:
    tokens = {token.strip(";,") for token in callout.split()} - {""}
    return [word for word in line.words if word.text.strip(";,") in tokens]


def _box(page: int, words: Sequence[Word]) -> Box:
    return Box(
        page,
        round(min(w.x0 for w in words), 1),
        round(min(w.top for w in words), 1),
        round(max(w.x1 for w in words), 1),
        round(max(w.bottom for w in words), 1),
    )


def _line_box(line: Line) -> Box:
    return Box(
        line.page, round(line.x0, 1), round(line.top, 1), round(line.x1, 1), round(line.bottom, 1)
    )
