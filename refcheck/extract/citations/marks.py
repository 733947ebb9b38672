"""Where the raised marks of a line sit in its text: the words the reader found raised, and
numbers glued between a word and its punctuation ("robust2,3.")."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.extract.citations.numeric import NUM
from refcheck.patterns import compiled
from refcheck.pdf import Line, Word


def raised_spans(line: Line) -> Iterator[tuple[int, int]]:
    """Where the raised words sit in ``line.text``."""
    # Most lines have no raised word: their words need not be found in the text.
    if not any(word.superscript for word in line.words):
        return
    for word, position in word_positions(line):
        if word.superscript:
            yield position, position + len(word.text)


# "robust2,3.": a raised mark between a word and a full stop set at full size. The reader
# splits a raised tail off only at the word's end, so the mark stays inside the word.
_GLUED_MARK = compiled(rf"[^\W\d_]*[a-z]{{3}}(?P<mark>{NUM}(?:[,–\-]{NUM})*)[.,;:]")


_GLUED_ENDS = (".", ",", ";", ":")


def glued_spans(line: Line) -> Iterator[tuple[int, int]]:
    """Where numbers glued between a lower-case word and its punctuation sit in ``line.text``."""
    # Most lines have no such word (it ends in punctuation): their words need not be found in
    # the text.
    if not any(
        word.text.endswith(_GLUED_ENDS) and _GLUED_MARK.fullmatch(word.text) for word in line.words
    ):
        return
    for word, position in word_positions(line):
        found = None if word.superscript else _GLUED_MARK.fullmatch(word.text)
        if found is not None:
            yield position + found.start("mark"), position + found.end("mark")


def word_positions(line: Line) -> Iterator[tuple[Word, int]]:
    """Each word of ``line`` found in ``line.text``, with where it starts there.

    The text equals the words joined by spaces, except that a word broken at the end of the line
    has gained its continuation and the first word may have gone to the previous line.
    """
    tokens = line.text.split(" ")
    positions = []
    offset = 0
    for token in tokens:
        positions.append(offset)
        offset += len(token) + 1
    index = 0
    for word in line.words:
        if index >= len(tokens):
            return
        last = index == len(tokens) - 1
        if tokens[index] == word.text or (last and tokens[index].startswith(word.text)):
            yield word, positions[index]
            index += 1
