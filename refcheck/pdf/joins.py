"""Undo line breaks inside words: hyphenation, and URLs or DOIs broken across lines.

A line's ``text`` gets the whole word; the next line loses the piece. Geometry (``words``) stays
as printed, so a joined word still has the page and line it starts on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from refcheck.pdf.layout import Line, Page

_LINK_START = re.compile(r"(?:https?://|www\.|doi:|(?:dx\.)?doi\.org/|10\.\d{4,9}/)", re.I)
# Characters after which a URL or DOI usually continues on the next line.
_LINK_CONTINUES = tuple("/-_=?&#:~%")
_LINK_PIECE = re.compile(r"^[\w./\-=?&#:~%;()+]+$")
_HYPHENS = ("-", "\u00ad", "\u2010")
# "18." or "[18]" starting a line is the next list entry, never the rest of a URL.
_LIST_MARKER = re.compile(r"^\[?\d{1,4}[.\])]$")
_LETTER_HYPHEN = re.compile(r"[^\W\d_]{2}[-\u00ad\u2010]$")


def join_broken_words(pages: Sequence[Page]) -> list[Page]:
    """Rejoin hyphenated words and broken links across consecutive body lines, pages included."""
    body = [line for page in pages for line in page.lines if line.role == "body"]
    vocabulary = _hyphenated_vocabulary(body)
    texts = [line.text for line in body]
    for index in range(len(texts) - 1):
        head, tail = texts[index], texts[index + 1]
        if not head or not tail or not _same_type(body[index], body[index + 1]):
            continue
        joined = _join(head, tail, vocabulary)
        if joined is not None:
            texts[index], texts[index + 1] = joined
    changed = {id(line): text for line, text in zip(body, texts, strict=True) if text != line.text}
    return [
        replace(
            page,
            lines=tuple(
                replace(line, text=changed[id(line)]) if id(line) in changed else line
                for line in page.lines
            ),
        )
        for page in pages
    ]


def _same_type(a: Line, b: Line) -> bool:
    """A word only continues in text of the same size (not from a masthead into a title)."""
    return abs(a.size - b.size) <= 0.15 * max(a.size, b.size)


def _hyphenated_vocabulary(lines: Sequence[Line]) -> set[str]:
    """Compounds the document writes with a hyphen inside a line ("self-esteem")."""
    words: set[str] = set()
    for line in lines:
        for token in line.text.split()[:-1]:
            if "-" in token.strip("-"):
                words.add(token.strip(".,;:()[]").lower())
    return words


def _join(head: str, tail: str, vocabulary: set[str]) -> tuple[str, str] | None:
    head_rest, _, last = head.rpartition(" ")
    first, _, tail_rest = tail.partition(" ")
    if _LINK_START.search(last) and _continues_link(last, first):
        return _glue(head_rest, last + first, tail_rest)
    if _LETTER_HYPHEN.search(last) and first[:1].islower():
        stem = last[:-1]
        compound = f"{stem}-{first}".rstrip(".,;:)").lower()
        word = f"{stem}-{first}" if compound in vocabulary else stem + first
        return _glue(head_rest, word, tail_rest)
    return None


def _continues_link(last: str, first: str) -> bool:
    if not _LINK_PIECE.match(first) or _LINK_START.match(first) or _LIST_MARKER.match(first):
        return False
    if last.endswith("."):
        # "journal." + "pone.0197919" continues; "org/a." + "the" ends a sentence, and
        # "3389." + "Alvarez-Ponce" starts the next reference.
        starts_like_a_piece = first[:1].islower() or first[:1].isdigit()
        return starts_like_a_piece and any(c in first for c in "./_-=0123456789")
    return last.endswith(_LINK_CONTINUES)


def _glue(head_rest: str, word: str, tail_rest: str) -> tuple[str, str]:
    return (f"{head_rest} {word}" if head_rest else word, tail_rest)
