"""Undo line breaks inside words: hyphenation, and URLs or DOIs broken across lines.

A line's ``text`` gets the whole word; the next line loses the piece. Geometry (``words``) stays
as printed, so a joined word still has the page and line it starts on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from refcheck.patterns import compiled
from refcheck.pdf.layout import Line, Page

_LINK_START = compiled(r"(?:https?://|www\.|doi:|(?:dx\.)?doi\.org/|10\.\d{4,9}/)", re.I)
# Characters after which a URL or DOI usually continues on the next line.
_LINK_CONTINUES = tuple("/-_=?&#:~%")
_LINK_PIECE = compiled(r"^[\w./\-=?&#:~%;()+]+$")
# A scheme alone ("https:" or "https://") always goes on: the break fell inside the URL.
_BARE_SCHEME = compiled(r"(?:^|[(\[<])https?:(?://)?$", re.I)
# A word spacing inside a scheme ("https: //doi.org/…"): the typesetter's gap, not the author's.
_SPACED_SCHEME = compiled(r"(?<![\w/])(https?:)\s+(?=//\w)", re.I)
# A word spacing after a DOI's prefix ("10.1111/ jan.12474"): the typesetter stretched the line
# at a break point inside the DOI. Only a piece that reads as a DOI suffix goes on (lower case,
# a digit or DOI punctuation), never a capitalised word that may begin the next sentence.
_SPACED_DOI = compiled(r"(?<![\w./-])(10\.\d{4,9}(?:\.\d+)*/)\s+(?=[a-z\d(_.-]|[A-Z][\w-]*[\d._])")
# A DOI cut inside its prefix ("doi: 10." + "123/daum.2005"): the label says a DOI begins, so
# the next line's first word goes on when it finishes the prefix with its slash.
_DOI_LABEL_END = compiled(r"\bdoi:?$", re.I)
_PARTIAL_PREFIX = compiled(r"^(?:doi:)?10\.\d*$", re.I)
_PREFIX_REST = compiled(r"^\d*(?:\.\d+)*/\S")
# A line starting with these characters is the middle of something, never a new entry.
_PIECE_LEADS = tuple("./-_")
_HYPHENS = ("-", "\u00ad", "\u2010")
# "18." or "[18]" starting a line is the next list entry, never the rest of a URL, and so is
# a bare "18" before a capitalised word ("18 Smith J, …").
_LIST_MARKER = compiled(r"^\[?\d{1,4}[.\])]$")
_BARE_LABEL = compiled(r"^\d{1,4}$")
# A word of letters only, as a name or a title begins ("World", "van", "WHO.").
_PLAIN_WORD = compiled(r"^[^\W\d_]+[.,:;]?$")
# How an entry of a list begins: a name up to its comma ("van der Berg, J."), or a year soon.
_ENTRY_START = compiled(r"^[^\W\d_]+(?: [^\W\d_]+){0,3},|\b(?:1[5-9]|20)\d\d\b")
_LETTER_HYPHEN = compiled(r"[^\W\d_]{2}[-\u00ad\u2010]$")


def join_broken_words(pages: Sequence[Page]) -> list[Page]:
    """Rejoin hyphenated words and broken links across consecutive body lines, pages included."""
    body = [line for page in pages for line in page.lines if line.role == "body"]
    vocabulary = _hyphenated_vocabulary(body)
    texts = [_SPACED_DOI.sub(r"\1", _SPACED_SCHEME.sub(r"\1", line.text)) for line in body]
    for index in range(len(texts) - 1):
        head, tail = texts[index], texts[index + 1]
        if not head or not tail or not _same_type(body[index], body[index + 1]):
            continue
        joined = _join(head, tail, vocabulary, _outdented(body[index], body[index + 1]))
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


def _outdented(head: Line, tail: Line) -> bool:
    """The tail starts left of the head in the same column: the next entry of a hanging list."""
    same_place = (head.page, head.column) == (tail.page, tail.column)
    return same_place and tail.x0 < head.x0 - 1


def _join(
    head: str, tail: str, vocabulary: set[str], outdented: bool = False
) -> tuple[str, str] | None:
    head_rest, _, last = head.rpartition(" ")
    first, _, tail_rest = tail.partition(" ")
    if _BARE_SCHEME.search(last) and first.startswith("//" if last.endswith(":") else ""):
        return _glue(head_rest, last + first, tail_rest)
    if _prefix_cut(head_rest, last, first):
        return _glue(head_rest, last + first, tail_rest)
    if _LINK_START.search(last) and _continues_link(last, first, tail_rest, outdented):
        return _glue(head_rest, last + first, tail_rest)
    if _LETTER_HYPHEN.search(last) and first[:1].islower():
        stem = last[:-1]
        compound = f"{stem}-{first}".rstrip(".,;:)").lower()
        word = f"{stem}-{first}" if compound in vocabulary else stem + first
        return _glue(head_rest, word, tail_rest)
    return None


def _prefix_cut(head_rest: str, last: str, first: str) -> bool:
    """A DOI whose prefix is cut after "10." or inside its registrant code, after a DOI label."""
    labelled = last.lower().startswith("doi:") or _DOI_LABEL_END.search(head_rest)
    return bool(labelled and _PARTIAL_PREFIX.match(last) and _PREFIX_REST.match(first))


def _continues_link(last: str, first: str, tail_rest: str, outdented: bool) -> bool:
    if not _LINK_PIECE.match(first) or _LINK_START.match(first) or _LIST_MARKER.match(first):
        return False
    if _BARE_LABEL.match(first) and tail_rest[:1].isupper():
        return False
    if _PLAIN_WORD.match(first) and (
        first[:1].isupper() or (outdented and _ENTRY_START.search(f"{first} {tail_rest}"[:80]))
    ):
        # A name or a title word: the next entry ("World Health …", "van der Berg, J. …"),
        # or the sentence after the link. A plain word on a line that is merely outdented
        # may be the rest of a link in a paragraph whose first line is indented.
        return False
    if first.startswith(_PIECE_LEADS) and len(first) > 1:
        return True
    if last.endswith("."):
        # "journal." + "pone.0197919" continues; "org/a." + "the" ends a sentence, and
        # "3389." + "Alvarez-Ponce" starts the next reference.
        starts_like_a_piece = first[:1].islower() or first[:1].isdigit()
        return starts_like_a_piece and any(c in first for c in "./_-=0123456789")
    return last.endswith(_LINK_CONTINUES)


def _glue(head_rest: str, word: str, tail_rest: str) -> tuple[str, str]:
    return (f"{head_rest} {word}" if head_rest else word, tail_rest)
