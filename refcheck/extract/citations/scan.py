"""Citations of a whole document, and of plain text.

``citations_in_text`` reads plain text plus the character spans of raised marks, so it can be
measured on tagged text without a PDF. ``scan_citations`` runs it over a document's body and then
applies what only the whole document tells: margin paragraph numbers, list labels, footnote marks
and affiliation marks are not citations.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from refcheck.extract.citations.alphabetic import alphabetic
from refcheck.extract.citations.author_year import narrative, parenthetical
from refcheck.extract.citations.captions import captions_after_sentences
from refcheck.extract.citations.cellwrap import wraps_a_cell
from refcheck.extract.citations.found import Found
from refcheck.extract.citations.marks import glued_spans, raised_spans, word_positions
from refcheck.extract.citations.notes import notes_after_sentences
from refcheck.extract.citations.numeric import (
    NUM,
    brackets,
    cites_in_parentheses,
    parenthesised_numbers,
    raised,
    ref_words,
)
from refcheck.extract.citations.spots import callout_boxes, sentence_around
from refcheck.model import Citation, CitedWork
from refcheck.patterns import compiled
from refcheck.pdf import Line, PdfText, Word
from refcheck.zones.cells import Cells, table_rows

_ENTRY_LABEL = compiled(rf"\s*\[{NUM}\]\s")
# Bare figures ("84.1 76.5", "±0.3 12%"), or nothing; a table row may lead with a label.
_FIGURE_CHARS = r"[\s\d.,%±+\-−–*†()]*"
_FIGURES = compiled(_FIGURE_CHARS)
_TABLE_ROW = compiled(rf"(?:[^\d]{{1,40}}?(?:\(\d{{4}}[a-z]?\))?\s)?({_FIGURE_CHARS})")
# A table of contents' line: a title, leader dots and a page number. What looks like a citation
# there ("The reform years (1990–1998) ........ 12") names a section, and the body cites again.
_CONTENTS_LINE = compiled(r"(?:[.·…]\s?){4,}\s*\d{1,4}\s*$")
TABLE_CONTEXT_LINES = 3
MIN_FIGURE_LINES = 2


def citations_in_text(
    text: str, superscripts: Sequence[tuple[int, int]] = (), *, parenthesised: bool = False
) -> list[Found]:
    """Every citation in ``text`` as (start, end, style, works), in order, not overlapping.

    ``parenthesised`` also reads "(3)" as a numeric citation: only for documents that cite that
    way (see :func:`cites_in_parentheses`), since elsewhere it numbers equations and compounds.
    """
    found = _candidates(text, superscripts)
    if parenthesised:
        found = [*found, *parenthesised_numbers(text)]
    return _without_overlaps(found)


def _candidates(text: str, superscripts: Sequence[tuple[int, int]]) -> list[Found]:
    """Every callout of every form, overlapping ones included."""
    return [
        *brackets(text),
        *ref_words(text),
        *raised(text, superscripts),
        *parenthetical(text),
        *narrative(text),
    ]


def _without_overlaps(found: list[Found]) -> list[Found]:
    """In text order; where callouts overlap, the one that starts first (and is longest) wins."""
    found = sorted(found, key=lambda f: (f[0], f[0] - f[1]))
    kept: list[Found] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


@dataclass
class _Stream:
    """The body text of a document as one string, with where each line starts."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # what was searched of each line
    superscripts: list[tuple[int, int]] = field(default_factory=list)
    glued: list[tuple[int, int]] = field(default_factory=list)  # see :func:`glued_spans`

    def line_at(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    @functools.cached_property
    def body_size(self) -> float:
        """The body's size (see :func:`_body_size`), once the stream is read: two checks ask."""
        return _body_size(self.lines)


@dataclass(frozen=True)
class CitationScan:
    """The body's citations, and how many raised numbers mark notes instead."""

    citations: list[Citation]
    note_markers: int


def find_citations(
    pdf: PdfText,
    body_end: tuple[int, int] | None = None,
    skip: Collection[Line] = (),
) -> list[Citation]:
    """The in-text citations of the body (see :func:`scan_citations`)."""
    return scan_citations(pdf, body_end, skip).citations


def scan_citations(
    pdf: PdfText,
    body_end: tuple[int, int] | None = None,
    skip: Collection[Line] = (),
    numbered_list: bool = True,
    doubtful: Collection[Line] = (),
    headings: Collection[Line] = (),
    notes: Collection[Line] = (),
    alphabetic_list: bool = False,
) -> CitationScan:
    """The in-text citations of the body: before ``body_end`` (the reference-list heading),
    leaving out the lines in ``skip`` (the reference list itself, so that an appendix after
    it is still read). Callouts on the lines in ``doubtful`` (table cells) are doubted: they
    link when the list has their work, and are not blamed when it has not. A line in
    ``headings`` ends a block: no name reads on from a heading into the text below it. The
    footnotes and floats (table rows, captions) in ``notes`` are read after the sentence they
    interrupt (see :func:`notes_after_sentences`). Alphabetic labels ("[Ebb16]") cite only
    beside a list labelled so (``alphabetic_list``).

    Raised numbers cite only a numbered list: beside an unnumbered one (a bibliography) they
    mark footnotes or endnotes, and are counted as such.
    """
    doubted = {id(line) for line in doubtful}
    blocks = _Blocks(
        tables=doubted, headings={id(line) for line in headings}, notes={id(n) for n in notes}
    )
    stream = _body_stream(pdf, body_end, {id(line) for line in skip}, blocks)
    # Both readings share every callout but "(3)"; find those once.
    candidates = _candidates(stream.text, stream.superscripts)
    if alphabetic_list:
        candidates += alphabetic(stream.text)
    candidates += _glued_marks(stream, candidates)
    found = _without_overlaps(candidates)
    with_parentheses = _without_overlaps([*candidates, *parenthesised_numbers(stream.text)])
    if cites_in_parentheses(found, with_parentheses):
        found = with_parentheses
    found = _drop_list_labels(found, stream)
    found, note_markers = _drop_stray_raised(found, stream, numbered_list, doubted)
    found = _drop_table_row_labels(found, stream, doubted)
    found = [f for f in found if not _CONTENTS_LINE.search(_line_text(stream, f[0]))]
    citations = [
        Citation(
            id=f"C{i}",
            text=stream.text[start:end].replace("\n", " "),
            page=stream.lines[stream.line_at(start)].page,
            style=style,
            works=_works(works, id(stream.lines[stream.line_at(start)]) in doubted),
            sentence=sentence_around(stream.text, start, end),
            boxes=callout_boxes(stream.lines, stream.starts, stream.texts, start, end),
        )
        for i, (start, end, style, works) in enumerate(found, 1)
    ]
    return CitationScan(citations, note_markers)


TABLE_DOUBT = "in a table: a cell may name a work without citing it"
GLUED_DOUBT = "a number glued to a word may be part of it"
# Raised callouts a document must have for numbers glued inside words to be read as more.
MIN_RAISED_FOR_GLUED = 3


def _glued_marks(stream: _Stream, candidates: Sequence[Found]) -> list[Found]:
    """Raised numbers glued between a word and its full stop ("robust2,3."), in a document
    that cites with raised numbers: doubted, so they count where they name an entry and are
    not blamed where they name none."""
    if sum(1 for f in candidates if f[2] == "superscript") < MIN_RAISED_FOR_GLUED:
        return []
    return [
        (start, end, style, tuple(replace(w, doubt=GLUED_DOUBT) for w in works))
        for start, end, style, works in raised(stream.text, stream.glued)
    ]


def _works(works: tuple[CitedWork, ...], in_table: bool) -> tuple[CitedWork, ...]:
    return tuple(
        replace(
            w,
            text=w.text.replace("\n", " "),
            doubt=w.doubt or (TABLE_DOUBT if in_table else None),
        )
        for w in works
    )


@dataclass(frozen=True)
class _Blocks:
    """Lines (by id) that are read apart from the running text: table rows and headings."""

    tables: set[int]
    headings: set[int]
    notes: set[int] = field(default_factory=set)


def _body_stream(
    pdf: PdfText, body_end: tuple[int, int] | None, skip: set[int], blocks: _Blocks
) -> _Stream:
    """The body as one text; a table's rows are read cell by cell (see :func:`_row_texts`)."""
    stream = _Stream()
    offset = 0
    lines = notes_after_sentences(_body_lines(pdf, body_end, skip), blocks.notes)
    for line, text, spans in _row_texts(lines, blocks):
        stream.starts.append(offset)
        stream.lines.append(line)
        stream.texts.append(text)
        stream.superscripts.extend((offset + s, offset + e) for s, e in spans)
        if text.startswith(line.text) and text[len(line.text) :] in ("", BLOCK_BREAK.rstrip()):
            stream.glued.extend((offset + s, offset + e) for s, e in glued_spans(line))
        offset += len(text) + 1
    stream.text = "\n".join(stream.texts)
    return stream


RawSpans = list[tuple[int, int]]
# Set between a row's cells and after a heading: no name or callout reads across it.
BLOCK_BREAK = " ; "


def _row_texts(lines: Iterable[Line], blocks: _Blocks) -> Iterator[tuple[Line, str, RawSpans]]:
    """Each line with the text to search and its raised spans.

    A table row is read cell by cell, so that a label cell is not taken for the first words of
    the name in the next cell, and a cell wrapped onto the next line is read whole: that line's
    words join the row above (and it is left empty), even where the zones did not take that line
    for the table (see :func:`wraps_a_cell`). A heading ends with a break (see
    :func:`_ends_block`), so that "3 Method" is not read as the start of the name "Shah et al.
    (2009)" below it.
    """
    ordered = list(lines)
    run: list[Line] = []
    for index, line in enumerate([*ordered, None]):
        if line is not None and (
            id(line) in blocks.tables or wraps_a_cell(line, run, blocks.tables)
        ):
            run.append(line)
            continue
        for row, cells in table_rows(run):
            yield row, *_cells_text(cells)
        run = []
        if line is not None:
            following = ordered[index + 1] if index + 1 < len(ordered) else None
            end = BLOCK_BREAK.rstrip() if _ends_block(line, following, blocks) else ""
            yield line, _detached_marks(line) + end, list(raised_spans(line))


# An exponent sits against its base; a raised word a quarter em or more (a thin space and up)
# right of the word before it is set apart: in a table cell of its own.
DETACHED_EM = 0.25
# Only after a letter or a unit ("A", "cm") does a raised number read as a power at all.
MAX_BASE_LENGTH = 2


def _detached_marks(line: Line) -> str:
    """``line.text``, with a semicolon for the space before a raised word set apart from the
    word before it: an exponent sits against its base ("A²"), a callout in a table cell of its
    own ("Method A    ¹⁰") does not, and is read as after a clause, not as a power of "A"."""
    text = line.text
    if not any(word.superscript for word in line.words):  # only a raised word is set apart
        return text
    previous: Word | None = None
    for word, position in word_positions(line):
        apart = word.superscript and _set_apart(previous, word)
        if apart and text[position - 1 : position] == " ":
            text = f"{text[: position - 1]};{text[position:]}"
        previous = word
    return text


def _set_apart(previous: Word | None, word: Word) -> bool:
    """A raised word set apart from a letter or unit it would otherwise be a power of."""
    return (
        previous is not None
        and len(previous.text) <= MAX_BASE_LENGTH
        and word.x0 - previous.x1 >= DETACHED_EM * previous.size
    )


# A heading is set this much larger than the text under it. A line of running text that the
# zones took for a heading is set like the next line, and must not be cut from it.
HEADING_SIZE_STEP = 1.05


def _ends_block(line: Line, following: Line | None, blocks: _Blocks) -> bool:
    return (
        id(line) in blocks.headings
        and following is not None
        and line.size >= following.size * HEADING_SIZE_STEP
    )


def _cells_text(cells: Cells) -> tuple[str, RawSpans]:
    parts: list[str] = []
    spans: RawSpans = []
    offset = 0
    previous: Word | None = None
    for cell_index, cell in enumerate(cells):
        for word_index, word in enumerate(cell):
            apart = word.superscript and _set_apart(previous, word)
            separator = BLOCK_BREAK if (word_index == 0 and cell_index) or apart else " "
            previous = word
            if parts:
                parts.append(separator)
                offset += len(separator)
            if word.superscript:
                spans.append((offset, offset + len(word.text)))
            parts.append(word.text)
            offset += len(word.text)
    return "".join(parts), spans


def _body_lines(pdf: PdfText, body_end: tuple[int, int] | None, skip: set[int]) -> Iterator[Line]:
    """Body lines before ``body_end`` (page number, line index), reference entries left out.

    A reference list can be read before more body text (no heading, or columns interleaved):
    its entries start with a label and are set smaller than the body.
    """
    body_size = _body_size([line for page in pdf.pages for line in page.body])
    in_entry = False
    for page in pdf.pages:
        kept: list[Line] = []
        for index, line in enumerate(page.lines):
            if body_end is not None and (page.number, index) >= body_end:
                yield from captions_after_sentences(kept)
                return
            if line.role != "body" or not line.text or id(line) in skip:
                continue
            small = line.size < body_size * 0.95
            in_entry = small and (in_entry or _ENTRY_LABEL.match(line.text) is not None)
            if not in_entry:
                kept.append(line)
        yield from captions_after_sentences(kept)


def _edge_of_line(stream: _Stream, start: int, end: int) -> bool:
    index = stream.line_at(start)
    line_start = stream.starts[index]
    line_end = line_start + len(stream.texts[index])
    return start == line_start or stream.text[end:line_end].strip(" .,;") == ""


def _drop_list_labels(found: list[Found], stream: _Stream) -> list[Found]:
    """A lone "[12]" at a line's edge numbers a paragraph in the margin or labels an entry.

    Margin paragraph numbers are known by the document citing author-year elsewhere; list labels
    start a line set smaller than the body.
    """
    body_size = stream.body_size
    edge = {
        i
        for i, (start, end, style, works) in enumerate(found)
        if style == "numeric" and len(works) == 1 and _edge_of_line(stream, start, end)
    }
    author_year = sum(1 for f in found if f[2] in ("parenthetical", "narrative"))
    numeric = sum(1 for i, f in enumerate(found) if f[2] == "numeric" and i not in edge)
    margin_numbers = author_year >= 3 and author_year > numeric
    kept = []
    for i, item in enumerate(found):
        line = stream.lines[stream.line_at(item[0])]
        label = item[0] == stream.starts[stream.line_at(item[0])] and line.size < body_size * 0.95
        if i in edge and (margin_numbers or label):
            continue
        kept.append(item)
    return kept


def _drop_stray_raised(
    found: list[Found], stream: _Stream, numbered_list: bool, in_tables: Collection[int] = ()
) -> tuple[list[Found], int]:
    """Raised numbers that mark footnotes or affiliations, or a document that cites otherwise.

    Also says how many of them mark notes: those with a footnote of their number on their
    page, and every one when the reference list is not numbered. A table row ("Method A ²")
    is no author line, however capitalised its labels: its raised numbers cite.
    """
    marks = _note_marks(found, stream)
    kept = []
    notes = 0
    for index, item in enumerate(found):
        line = stream.lines[stream.line_at(item[0])]
        if item[2] != "superscript":
            kept.append(item)
        elif id(line) not in in_tables and _names_line(line):
            continue
        elif not numbered_list or index in marks:
            notes += 1
        else:
            kept.append(item)
    raised = sum(1 for f in kept if f[2] == "superscript")
    others = len(kept) - raised
    if raised and others >= 3 and others >= raised:
        return [f for f in kept if f[2] != "superscript"], notes
    return kept, notes


def _note_marks(found: Sequence[Found], stream: _Stream) -> set[int]:
    """Which raised single numbers (by index in ``found``) mark the footnotes of their page.

    Where a page has footnote n and several raised n's, the ones set after a sentence's end
    ("samples. ¹") mark the note and those inside a sentence ("the general case¹.") cite; where
    none or all stand after a sentence's end, each may be the mark, and none is read as a
    citation.
    """
    footnotes = _footnote_numbers(stream)
    by_note: dict[tuple[int | None, int | None], list[int]] = {}
    for index, (start, _end, style, works) in enumerate(found):
        page = stream.lines[stream.line_at(start)].page
        if style == "superscript" and len(works) == 1 and (page, works[0].number) in footnotes:
            by_note.setdefault((page, works[0].number), []).append(index)
    marks: set[int] = set()
    for indices in by_note.values():
        after_stop = {i for i in indices if _after_sentence_end(stream.text, found[i][0])}
        marks |= after_stop if 0 < len(after_stop) < len(indices) else set(indices)
    return marks


def _after_sentence_end(text: str, start: int) -> bool:
    return text[max(0, start - 40) : start].rstrip()[-1:] in (".", "!", "?")


def _line_text(stream: _Stream, offset: int) -> str:
    return stream.texts[stream.line_at(offset)]


def _drop_table_row_labels(found: list[Found], stream: _Stream, in_tables: set[int]) -> list[Found]:
    """ "Citeomatic (2018) 67.1 75.7": a system named with its year heads a row of figures.

    The name is a system's, not an author's, so it cannot be linked by name; the table is
    known by the lines of bare figures around the row. In a table the zones found, the row
    stays, doubted: it counts when it names a listed work, and is not blamed when not.
    """
    kept = []
    for item in found:
        start, end, style, _ = item
        line = stream.lines[stream.line_at(start)]
        if (
            id(line) in in_tables
            or style != "narrative"
            or not _heads_table_row(stream, start, end)
        ):
            kept.append(item)
    return kept


def _heads_table_row(stream: _Stream, start: int, end: int) -> bool:
    index = stream.line_at(start)
    last = stream.line_at(end - 1)  # the rest of the line where the callout ends
    line_end = stream.starts[last] + len(stream.texts[last])
    if not _FIGURES.fullmatch(stream.text[end:line_end]):
        return False
    # A row headed by its own label ("Method A") names its source in a later cell: that cites.
    if stream.text[stream.starts[index] : start].strip():
        return False
    near = stream.lines[max(0, index - TABLE_CONTEXT_LINES) : index + TABLE_CONTEXT_LINES + 1]
    return sum(1 for line in near if _is_table_row(line.text)) >= MIN_FIGURE_LINES


def _is_table_row(text: str) -> bool:
    """Bare figures, or a short label and figures ("Random 4.8 9.4 25.2")."""
    found = _TABLE_ROW.fullmatch(text)
    return found is not None and len(re.findall(r"\d+(?:\.\d+)?", found.group(1))) >= 2


def _footnote_numbers(stream: _Stream) -> set[tuple[int | None, int | None]]:
    """(page, n) for each small-print line that starts with the number n: a footnote."""
    body_size = stream.body_size
    notes: set[tuple[int | None, int | None]] = set()
    for line in stream.lines:
        first = line.words[0].text if line.words else ""
        # isdecimal, not isdigit: "¹" is a digit that int() cannot read.
        if first.isdecimal() and line.size < body_size * 0.95 and len(line.words) > 1:
            notes.add((line.page, int(first)))
    return notes


def _names_line(line: Line) -> bool:
    """An author or heading line (mostly capitalised words): raised numbers are affiliations.

    A line with a decimal figure ("Method A ¹⁰ 0.71") is a table row the zones missed."""
    if any(_DECIMAL.fullmatch(w.text) for w in line.words if not w.superscript):
        return False
    words = [w.text for w in line.words if not w.superscript and w.text[:1].isalpha()]
    capitals = sum(1 for w in words if w[0].isupper())
    return len(words) >= 2 and capitals >= 0.6 * len(words)


_DECIMAL = compiled(r"[−-]?\d*\.\d+")


def _body_size(lines: Sequence[Line]) -> float:
    sizes = Counter[float]()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0
