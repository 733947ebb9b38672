"""Footnotes read after the sentence they interrupt.

A footnote is set at the foot of the page, so a sentence that runs on to the next page has the
page's footnotes between its halves: "(Nolan and Temple Lang" · "1 The code was run on …" ·
[page break] · "2010; Ungless 2004)." Read in place, the note cuts the citation in two and
neither half names a work. Notes are still read for citations: only their place moves. So are
floats: a table set at the top of the next page stands between "(Oliker" and "et al., 1992)".
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

from refcheck.extract.citations.marks import raised_spans
from refcheck.patterns import compiled
from refcheck.pdf import Line

# The end of a sentence, or of a heading's or list item's text: nothing reads on past it.
_SENTENCE_END = compiled(r"[.!?:;][\"'”’)\]]{0,2}$")
# "Cunningham et al." at a line's end: the names go on to their "(1996)" on the next line.
_NAMES_GO_ON = compiled(r"\bet\s*\.?\s*al\.$")
# A sentence is not followed over more lines than this: past them, a note waits no longer.
MAX_WAIT_LINES = 12


def ends_sentence(text: str, marks: re.Pattern[str] = _SENTENCE_END) -> bool:
    """Whether ``text`` (a line) ends a sentence: a full stop after "et al." does not."""
    text = text.rstrip()
    return marks.search(text) is not None and _NAMES_GO_ON.search(text) is None


def line_ends_sentence(line: Line, marks: re.Pattern[str] = _SENTENCE_END) -> bool:
    """Whether ``line`` ends a sentence, raised marks after its full stop ("samples.¹") read
    past: the mark of a footnote or a citation does not keep the sentence open."""
    text = line.text.rstrip()
    for start, end in reversed(list(raised_spans(line))):
        if end < len(text):
            break
        text = text[:start].rstrip()
    return bool(text) and ends_sentence(text, marks)


def notes_after_sentences(lines: Iterable[Line], notes: Collection[int]) -> Iterator[Line]:
    """``lines`` in reading order, each footnote line (by id, in ``notes``) moved to after the
    end of the sentence that was running when it came, if one was."""
    waiting: list[Line] = []
    open_sentence = False
    since = 0
    depth = 0  # parentheses left open: "(Stuart et al., 1999;" goes on after its semicolon
    for line in lines:
        if id(line) in notes:
            if open_sentence or waiting:
                waiting.append(line)
            else:
                yield line
            continue
        yield line
        depth = max(0, depth + line.text.count("(") - line.text.count(")"))
        open_sentence = depth > 0 or not line_ends_sentence(line)
        since = since + 1 if waiting else 0
        if waiting and (not open_sentence or since >= MAX_WAIT_LINES):
            yield from waiting
            waiting = []
    yield from waiting
