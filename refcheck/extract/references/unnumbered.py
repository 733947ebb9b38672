"""Unnumbered lists are cut by hanging indent, else by blank gaps, else by author-year starts.

In a list whose entries nearly all carry a date, an undated piece is then joined to the neighbour
it belongs to, and an author biography ends the list.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise

from refcheck.extract.references.bounds import (
    ListStart,
    big_gap,
    in_margin,
    is_pause,
    is_stop,
    typical_pitch,
)
from refcheck.extract.references.repeated import DRAWN_RULES
from refcheck.patterns import compiled
from refcheck.pdf import Line

_PARTICLE_WORD = r"(?:van|von|de|der|den|del|della|di|da|du|dos|le|la|ten|ter|al|el)"
_PARTICLE = rf"(?:{_PARTICLE_WORD}\s+)*"
_UPPER = r"[A-ZÀ-ÞĀ-Ž]"
_NAME = rf"{_UPPER}[\w'’\-]+"
_INITIALS = rf"(?:{_UPPER}\.\s?(?:-?{_UPPER}\.\s?)*)"
_ORG_YEAR = r"(?:1[5-9]|20)\d\d[a-z]?"
# A name written in lower case ("bell hooks", "danah boyd") is told from a wrapped line only
# by the date right after it: "bell hooks. (1994)." / "bell hooks (1994)".
_LOWER_NAME = rf"[a-z][\w'’\-]+(?:\s[a-z][\w'’\-]+){{0,2}}\.?\s\({_ORG_YEAR}\)[.,:]"
_AUTHOR_START = compiled(
    rf"^{_PARTICLE}(?:{_NAME},\s+(?:{_INITIALS}|{_UPPER}[a-zà-ÿ])"  # Surname, X. / Surname, Ann
    rf"|{_NAME}(?:\s+{_NAME})?\s+{_UPPER}{{1,3}}(?:[,.:]|\s|$)"  # Surname XY, (Vancouver)
    rf"|{_INITIALS}\s*{_PARTICLE}{_NAME}"  # E. Agichtein, C. D. Manning
    rf"|{_UPPER}{{2,}}[\w\-’']*,"  # SURNAME,
    # An organisation, its first word perhaps one letter ("R Core Team"), then its date: a
    # year that a colon follows is a title's ("Climate change 2021: the physical …").
    rf"|{_UPPER}[\w'’\-]*(?:\s+[\w&.\-]+){{0,8}}\s+(?:\({_ORG_YEAR}\)[.,:]|{_ORG_YEAR}[.,])"
    rf"|{_LOWER_NAME})",
)
# The date as author-year lists print it after the names: "(2020a)", "(2023, July 31)",
# ". 2019.", ", 2014," — not a page range "1685–1687", a DOI's ".2015." or "ACL 2005".
_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
_DATED = compiled(
    rf"\({_YEAR}(?:[,/][^)]{{0,24}})?\)"
    rf"|(?:^|(?<=[.,:;]\s)){_YEAR}(?=[.,;:)\]]|\s*$)"
    r"|\b(?:n\.\s?d|o\.\s?J|s\.\s?[df])\."
    r"|\b(?:in\s+press|forthcoming|im\s+druck|undated|no\s+date|sin\s+fecha)\b",
    re.I,
)
# An alphabetic style's label opens each entry ("[Knu84]", "[Asp+00]", "[FN71a]"): it hangs
# further left than an indent, and the gaps between entries may be as even as between lines.
_ALPHA_LABEL_START = compiled(r"^\s*\[[^\W\d_]{1,7}\s?[^\W\d_]{0,3}\+?\d{2}[a-z]?\]\s")
MIN_LABELLED_SHARE = 0.15
# Undated entries are only read as pieces of their neighbours where nearly every entry is dated.
MIN_DATED_SHARE = 0.8
MIN_DATED_ENTRIES = 5
_DATE_FIRST = compiled(rf"^\(?{_YEAR}\)?[.,:]")
# How an entry's later line begins and no entry does.
_CONTINUATION = compiled(
    r"^(?:[a-z\d]|https?:|doi\b|DOI\b|URL\b|In:?\s|pp?\.\s|Vol\.|\[?(?:Retrieved|Available|"
    r"Accessed|Online|Cited)\b)"
)
# Surnames that begin in lower case: "van der Berg, A.", "d’Alembert, J.".
_LOWER_PARTICLE = compiled(rf"^(?:{_PARTICLE_WORD}\s+|d['’])+{_UPPER}")
_LOWER_NAME_START = compiled(_LOWER_NAME)
# A piece that stops inside its author list ("…, Mike Lewis," / "Hans-" / "… and" /
# "…, Jorg Sander, Xiaowei" / "… and Alan R."): entries end in a full stop after a word, a
# bracket, a number or an address, never in a given name or an initial.
_UNFINISHED = compiled(r"(?:[,&\-]|\band|[^\W\d_]|\b[A-ZÀ-Þ]\.)$")
_ADDRESS = compiled(r"https?:|www\.", re.I)
# "Jane Doe is a professor of …", "Dr. Ann Lee (PhD) holds …": an author biography after the list.
_BIOGRAPHY = compiled(
    r"^(?:(?:Dr|Prof)\.?\s+)?[A-ZÀ-Þ][\w'’\-]+"
    r"(?:\s+(?:[A-ZÀ-Þ][\w'’\-]*\.?|van|von|de|der|den|da|di|du|la|le)){1,4},?\s+"
    r"(?:\([^)]{1,40}\)\s+)?"
    r"(?:is|was|holds|received|has\s+been|works|teaches|earned)\s+"
    r"(?:an?|the|currently|now|(?i:professor|associate|assistant|senior|lecturer|researcher|"
    r"research|head|director|chair|ph\.?\s?d|doctoral|post-?doctoral|his|her|their))\b"
)
MAX_BIOGRAPHY_HEADING_WORDS = 8
# Text after a list (an appendix's prose, formulas, code) reads as a tail of pieces that
# neither carry a date nor begin with a name; a list may end in a few undated entries.
MIN_FOREIGN_TAIL = 3
# Footnotes are set smaller than the entries they interrupt.
FOOTNOTE_SIZE = 0.95
MIN_FOREIGN_SHARE = 2 / 3


def unnumbered_entries(lines: Sequence[Line], begin: ListStart) -> list[list[Line]]:
    """The entries of an unnumbered list that starts at ``begin``."""
    region = _unnumbered_region(lines, begin)
    return _before_other_text(_rejoin_undated(_before_biographies(_split_unnumbered(region))))


def _unnumbered_region(lines: Sequence[Line], begin: ListStart) -> list[Line]:
    start = begin.index
    window = lines[start : start + 20]
    size, pitch = statistics.median(ln.size for ln in window), typical_pitch(window)
    region: list[Line] = []
    note: Line | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        note = line if _footnote_line(line, note, size) else None
        if note is not None or in_margin(line, region):
            continue
        if region and (
            is_stop(line, size, begin.heading)
            or is_pause(line)
            or (big_gap(region[-1], line, pitch) and _unaligned(line, region))
        ):
            return region + _beside_stop(lines, index)
        region.append(line)
    return region


def _footnote_line(line: Line, note: Line | None, list_size: float) -> bool:
    """A footnote of the page, set smaller under the list's column: no piece of an entry.

    It begins with its raised number ("¹⁹ The Kaggle … competitions.") and goes on in its
    small type to the foot of the same column.
    """
    if line.size >= FOOTNOTE_SIZE * list_size:
        return False
    if note is not None and (note.page, note.column) == (line.page, line.column):
        return True
    first = line.words[0] if line.words else None
    return first is not None and first.superscript and first.text.strip("*†‡").isdigit()


def _unaligned(line: Line, region: Sequence[Line]) -> bool:
    """A line after a wide gap that lines up with no line of the list starts something else."""
    return all(abs(line.x0 - other.x0) > 2 for other in region if other.column == line.column)


def _beside_stop(lines: Sequence[Line], stop: int) -> list[Line]:
    """Lines of later columns on the stop line's page that stand above it: the list goes on there.

    A narrow "About the Authors" heading under the first column is read before the second
    column, whose references continue down to the height of that heading.
    """
    end = lines[stop]
    if end.column == 0:
        return []
    return [
        line
        for line in lines[stop + 1 :]
        if line.page == end.page and line.column > end.column and line.bottom <= end.top
    ]


def _split_unnumbered(region: Sequence[Line]) -> list[list[Line]]:
    starts = _start_flags(region)
    entries: list[list[Line]] = []
    for line, starts_entry in zip(region, starts, strict=True):
        if starts_entry or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    return entries


def without_alpha_label(text: str) -> str:
    """The entry's text after an alphabetic style's label ("[Asp+00] D. N. Aspy …" → "D. N.
    Aspy …"): the label is no part of the author list."""
    found = _ALPHA_LABEL_START.match(text)
    return text[found.end() :] if found else text


def _start_flags(region: Sequence[Line]) -> list[bool]:
    flags = _layout_start_flags(region)
    # A rule drawn for the authors above extracts as nothing and indents the line like a
    # continuation; no wrapped line starts with the commas between rules (DRAWN_RULES).
    return [
        flag or (i > 0 and DRAWN_RULES.match(line.text) is not None
                 and _ends_entry(region[i - 1]))
        for i, (flag, line) in enumerate(zip(flags, region, strict=True))
    ]  # fmt: skip


def _layout_start_flags(region: Sequence[Line]) -> list[bool]:
    labelled = [_ALPHA_LABEL_START.match(line.text) is not None for line in region]
    if sum(labelled) >= MIN_DATED_ENTRIES and sum(labelled) >= MIN_LABELLED_SHARE * len(region):
        return [i == 0 or flag for i, flag in enumerate(labelled)]
    levels = _indent_levels(region)
    if levels is not None:
        return levels
    gaps = _gap_flags(region)
    if gaps is not None:
        return gaps
    return [
        i == 0 or (_AUTHOR_START.match(line.text) is not None and _ends_entry(region[i - 1]))
        for i, line in enumerate(region)
    ]


def _indent_levels(region: Sequence[Line]) -> list[bool] | None:
    """Start flags from a hanging indent (or a first-line indent), None when lines are flush."""
    offsets = _offsets(region)
    indented = [o for o in offsets if o is not None and 3 < o < 40]
    flush = [o for o in offsets if o is not None and o <= 3]
    if len(indented) < 0.2 * len(region) or len(flush) < 0.15 * len(region):
        return None
    at_left = [o is not None and o <= 3 for o in offsets]
    left = [ln for ln, is_left in zip(region, at_left, strict=True) if is_left]
    right = [ln for ln, is_left in zip(region, at_left, strict=True) if not is_left]
    left_rate, right_rate = _author_rate(left), _author_rate(right)
    # Entries of several lines have one first line and more continuation lines, so the rarer
    # level starts entries unless the author names say clearly otherwise.
    if abs(left_rate - right_rate) > 0.3:
        hanging = left_rate > right_rate
    else:
        hanging = len(left) <= len(right)
    return [i == 0 or left == hanging for i, left in enumerate(at_left)]


def _offsets(region: Sequence[Line]) -> list[float | None]:
    """Each line's distance from the left edge of its column, None where it can't be told.

    A column holding the tail of one long entry has only indented lines: its edge is then read
    from the same column on other pages.
    """
    groups: dict[tuple[int, int], list[Line]] = defaultdict(list)
    for line in region:
        groups[(line.page, line.column)].append(line)
    edges = {key: min(ln.x0 for ln in lines) for key, lines in groups.items()}
    spread = {key: max(ln.x0 for ln in lines) - edges[key] for key, lines in groups.items()}
    column_edge: dict[int, float] = {}
    for key, edge in edges.items():
        if spread[key] > 3:
            column_edge[key[1]] = min(column_edge.get(key[1], edge), edge)
    offsets: list[float | None] = []
    for line in region:
        key = (line.page, line.column)
        known = edges[key] if spread[key] > 3 else column_edge.get(line.column)
        offsets.append(None if known is None else line.x0 - known)
    return offsets


def _author_rate(lines: Sequence[Line]) -> float:
    if not lines:
        return 0.0
    return sum(1 for ln in lines if _AUTHOR_START.match(ln.text)) / len(lines)


def _gap_flags(region: Sequence[Line]) -> list[bool] | None:
    """Start flags from blank gaps between entries, None when the spacing is even."""
    pitch = typical_pitch(region)
    flags = [True]
    wide = 0
    for previous, line in pairwise(region):
        if (previous.page, previous.column) != (line.page, line.column):
            flags.append(_AUTHOR_START.match(line.text) is not None and _ends_entry(previous))
            continue
        is_wide = line.top - previous.top > pitch * 1.25 + 1
        wide += is_wide
        flags.append(is_wide)
    if not 0.15 * len(region) <= wide <= 0.7 * len(region):
        return None
    return flags


def _before_biographies(entries: list[list[Line]]) -> list[list[Line]]:
    """The entries before the first author biography and the short name line heading it."""
    for index, group in enumerate(entries):
        if index and _BIOGRAPHY.match(_text(group)):
            kept = entries[:index]
            while len(kept) > 1 and _is_name_heading(kept[-1]):
                kept.pop()
            return kept
    return entries


def _before_other_text(entries: list[list[Line]]) -> list[list[Line]]:
    """The entries before the text that follows a dated list without a heading to end it.

    Where nearly every entry carries its date, the list ends at the first undated piece from
    which on most pieces neither carry a date nor begin with a name: an appendix's paragraphs,
    formulas and code lines, whatever its heading looked like.
    """
    dated = [_DATED.search(_text(group)) is not None for group in entries]
    foreign = [
        not is_dated and _AUTHOR_START.match(_text(group)) is None
        for group, is_dated in zip(entries, dated, strict=True)
    ]
    for index in range(MIN_DATED_ENTRIES, len(entries) - MIN_FOREIGN_TAIL + 1):
        tail = foreign[index:]
        if (
            not dated[index]
            and sum(tail) >= MIN_FOREIGN_SHARE * len(tail)
            and sum(dated[:index]) >= MIN_DATED_SHARE * index
        ):
            return entries[:index]
    return entries


def _is_name_heading(group: Sequence[Line]) -> bool:
    text = _text(group)
    return len(text.split()) <= MAX_BIOGRAPHY_HEADING_WORDS and not _DATED.search(text)


def _rejoin_undated(entries: list[list[Line]]) -> list[list[Line]]:
    """Pieces of entries, cut where a wrapped line stood at the entry-start level, joined again.

    Only in a list where nearly every entry has its date: there an undated piece belongs to a
    neighbour. It is the head of the entry below when it stops inside its author list or the
    entry below begins with its date ("(2015). Title …"); it is the tail of the entry above when
    it does not begin like an entry. A piece that begins as no entry does ("doi:…", "In
    Proceedings", a lower-case word) is a tail, dated or not.
    """
    dated = [_DATED.search(_text(group)) is not None for group in entries]
    if len(entries) < MIN_DATED_ENTRIES or sum(dated) < MIN_DATED_SHARE * len(entries):
        return entries
    joined: list[list[Line]] = []
    head: list[Line] = []
    for index, group in enumerate(entries):
        text = _text(group)
        following = _text(entries[index + 1]) if index + 1 < len(entries) else None
        if head:
            joined.append(head + list(group))
            head = []
        elif (
            not dated[index]
            and following is not None
            and not _begins_as_continuation(text)
            and (_UNFINISHED.search(text) or _DATE_FIRST.match(following))
            and not _ADDRESS.search(text)
        ):
            head = list(group)
        elif joined and _is_tail(text, dated[index]):
            joined[-1].extend(group)
        else:
            joined.append(list(group))
    if head:
        joined.append(head)
    return joined


def _is_tail(text: str, dated: bool) -> bool:
    if _begins_as_continuation(text):
        return True
    return not dated and _AUTHOR_START.match(text) is None


def _begins_as_continuation(text: str) -> bool:
    return (
        _CONTINUATION.match(text) is not None
        and _LOWER_PARTICLE.match(text) is None
        and _LOWER_NAME_START.match(text) is None
        and DRAWN_RULES.match(text) is None
    )


def _text(group: Sequence[Line]) -> str:
    return " ".join(line.text.strip() for line in group)


def _ends_entry(line: Line) -> bool:
    return line.text.rstrip().endswith((".", ")", "]")) or line.text.rstrip()[-1:].isdigit()
