"""Find a paper's reference list and cut it into entries.

Where the list starts and ends is :mod:`.bounds`; numbered lists are cut by :mod:`.numbered`,
unnumbered ones by :mod:`.unnumbered`. Only body lines are read: running headers and footers
never enter an entry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from refcheck.extract.references.bounds import ListStart, list_starts, part_heading
from refcheck.extract.references.markers import glued_marker, marker, marker_style
from refcheck.extract.references.numbered import numbered_entries
from refcheck.extract.references.unnumbered import unnumbered_entries
from refcheck.patterns import compiled
from refcheck.pdf import Line, PdfText

_NOISE = compiled(
    r"\b(?:view\s+article|pubmed/ncbi|google\s+scholar|crossref|europe\s+pmc|"
    r"publisher\s+full\s+text)\b",
    re.I,
)

# A list before a supplementary part is the article's only with a few entries: a table of
# contents lists "References" and "Supplementary material" one under the other.
MIN_ARTICLE_ENTRIES = 3


@dataclass(frozen=True)
class RawEntry:
    """One entry of the reference list as printed, marker removed."""

    label: str | None
    text: str
    page: int
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class ReferenceLists:
    """The article's own reference list, and the lists of later parts (supplementary
    material), read apart so that neither is taken for the other."""

    article: tuple[RawEntry, ...]
    others: tuple[tuple[RawEntry, ...], ...] = ()


def find_reference_entries(pdf: PdfText) -> list[RawEntry]:
    """The entries of the article's own reference list."""
    return list(find_reference_lists(pdf).article)


def find_reference_lists(pdf: PdfText) -> ReferenceLists:
    """The article's list is the last one, unless a part of its own (supplementary material,
    an appendix) is headed after an earlier list at least as long: the later list is then
    that part's."""
    lines = _reading_lines(pdf)
    starts = list_starts(lines)
    if not starts:
        return ReferenceLists(())
    last = _read_list(lines, starts[-1])
    for begin in reversed(starts[:-1]):
        part = part_heading(lines, begin, starts[-1].index)
        if part is None:
            continue
        earlier = _read_list(lines, begin)
        if len(earlier) >= max(len(last), MIN_ARTICLE_ENTRIES):
            return ReferenceLists(earlier, (last,))
    return ReferenceLists(last)


def _read_list(lines: Sequence[Line], begin: ListStart) -> tuple[RawEntry, ...]:
    style = marker_style(lines[begin.index])
    if style is not None:
        groups = numbered_entries(lines, begin, style)
        following = [group[0] for group in groups[1:]] + [None]
        entries = [_entry(g, style, f) for g, f in zip(groups, following, strict=True)]
        return tuple(sorted(entries, key=lambda e: int(e.label or 0)))
    return tuple(_entry(group, None) for group in unnumbered_entries(lines, begin))


# --- which lines are read -------------------------------------------------------------------


def _reading_lines(pdf: PdfText) -> list[Line]:
    """Body lines in reading order, without link labels, lone accents and running lines."""
    lines = [
        line
        for page in pdf.pages
        for line in page.body
        if any(c.isalnum() for c in _NOISE.sub("", line.text))
    ]
    shapes = [_shape(line) for line in lines]
    running = _running_shapes(lines, shapes)
    return [line for line, shape in zip(lines, shapes, strict=True) if shape not in running]


def _shape(line: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", line.text.strip().lower()), round(line.top / 3)


def _running_shapes(
    lines: Sequence[Line], shapes: Sequence[tuple[str, int]]
) -> set[tuple[str, int]]:
    """Lines repeated at the same height on three pages are running heads the layout missed
    (``shapes`` are the lines' shapes, see :func:`_shape`)."""
    pages: dict[tuple[str, int], set[int]] = defaultdict(set)
    for line, shape in zip(lines, shapes, strict=True):
        pages[shape].add(line.page)
    return {shape for shape, seen in pages.items() if len(seen) >= 3}


# --- entries ---------------------------------------------------------------------------------


def _entry(lines: Sequence[Line], style: str | None, following: Line | None = None) -> RawEntry:
    texts = [line.text for line in lines]
    label: str | None = None
    if style is not None:
        found = marker(lines[0], style)
        if found is not None:
            label, texts[0] = found
    if following is not None and style is not None and following.words:
        # The next entry's marker, glued onto this entry's last line, goes back where it was.
        glued = following.words[0].text
        if glued_marker(following, style) is not None and texts[-1].endswith(glued):
            texts[-1] = texts[-1][: -len(glued)]
    return RawEntry(label=label, text=_join(texts), page=lines[0].page, lines=tuple(lines))


def _join(texts: Sequence[str]) -> str:
    joined = ""
    for raw in texts:
        text = " ".join(_NOISE.sub(" ", raw).split())
        if not text:
            continue
        if re.search(r"[^\W\d_]-$", joined) and text[0].islower():
            joined = joined[:-1] + text  # a word broken at the line end
        elif joined.endswith("-") and text[0].isupper():
            joined += text  # "Hillman-" + "Jackson", "D.-" + "L. Yao"
        else:
            joined = f"{joined} {text}" if joined else text
    return joined
