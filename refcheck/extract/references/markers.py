"""The numbers of a numbered reference list: "[12]", "(12)", "12.", a raised or a bare "12"."""

from __future__ import annotations

from collections.abc import Sequence

from refcheck.patterns import compiled
from refcheck.pdf import Line

_MARKERS = {
    "bracket": compiled(r"^\[(\d{1,4})\](?![,.;:)\]–-])\s*"),
    "paren": compiled(r"^\((\d{1,4})\)(?![,.;:)\]–-])\s*"),
    "dot": compiled(r"^(\d{1,4})\.\s+"),
    "superscript": compiled(r"^(\d{1,4})\s*"),
    "bare": compiled(r"^(\d{1,4})\s+(?=\S)"),
}
# A bare number the PDF glued to the entry's first author: "4L. Di Grande", "14N. Barnes",
# "7Smith, J." — an initial or a surname with its comma follows the digits at once.
_GLUED_BARE = compiled(r"^(\d{1,4})(?=[A-ZÀ-Þ](?:\.|[a-zà-ÿ'’-]+,))")
# A missing marker (lost glyph, misread digit) may leave a gap of this many numbers.
MAX_NUMBER_SKIP = 3
# How far past a stop heading a numbered list may resume (0908.0054 puts acknowledgements
# between its two columns of references).
RESUME_LOOKAHEAD = 150


def marker(line: Line, style: str) -> tuple[str, str] | None:
    """(label, text after the marker) when the line starts with a marker of this style."""
    text = line.text.lstrip()
    if style == "superscript" and not (line.words and line.words[0].superscript):
        return None
    if style == "bare" and line.words and line.words[0].superscript:
        return None
    found = _MARKERS[style].match(text)
    if found is None and style == "bare":
        found = _GLUED_BARE.match(text)
    if found is None:
        return glued_marker(line, style)
    if int(found.group(1)) == 0:
        return None
    return found.group(1), text[found.end() :]


def glued_marker(line: Line, style: str) -> tuple[str, str] | None:
    """A marker the PDF layer glued onto the line above as the tail of a URL ("…/en.18.")."""
    printed = " ".join(word.text for word in line.words)
    found = _MARKERS[style].match(printed)
    if found is None or line.text.lstrip() != printed[found.end() :].lstrip():
        return None
    return found.group(1), line.text.lstrip()


def marker_style(line: Line) -> str | None:
    """The numbering of a list, read from its first line: entry 1 (or 2, 3 if 1 was lost)."""
    for style in _MARKERS:
        found = marker(line, style)
        if found is not None and int(found[0]) <= MAX_NUMBER_SKIP and found[1].strip():
            return style
    return None


def number(line: Line, style: str) -> int | None:
    found = marker(line, style)
    return int(found[0]) if found is not None else None


def next_marker(lines: Sequence[Line], start: int, expected: int, style: str) -> int | None:
    for index in range(start, min(len(lines), start + RESUME_LOOKAHEAD)):
        found = number(lines[index], style)
        if found is not None and expected <= found <= expected + MAX_NUMBER_SKIP:
            return index
    return None
