"""Front matter: masthead, title, author block, abstract, cite-this boxes and licence notes.

The title page's front matter ends where the body begins: at the first section heading
("1 Introduction", "Background"). Above the abstract stand the masthead, the title and the author
block; from the abstract on, the abstract and its keywords. A page without an abstract heading
or a section heading keeps its lines in the body, except those that name themselves: a
masthead line, a licence, a cite-this box.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from refcheck.patterns import compiled
from refcheck.pdf import Line, Page, PdfText
from refcheck.zones import model as z

# "Cite this article as: …", "How to cite", "Suggested citation" (German and Spanish too).
CITATION_CUE = compiled(
    r"^\s*(?:cite this (?:article|paper)|to cite this (?:article|paper)|citation|how to cite"
    r"(?: this article)?|please cite this (?:article|paper)(?: as)?|suggested citation|"
    r"recommended citation|empfohlene zitierung|zitiervorschlag|citar como|reference)\b"
    r"(?:[^:]{0,40}:|\s*$)",
    re.I,
)
# What ends a cite-this box: the next labelled item of the front matter.
# "©" is no word character, so it is matched apart from the words that need a word boundary.
CITATION_BLOCK_END = compiled(
    r"^\s*(?:©|(?:editor|received|accepted|published|copyright|keywords?|abstract|"
    r"data availability|funding|competing interests|terms of use|nutzungsbedingungen|"
    r"dieser beitrag|this (?:version|document) is)\b)",
    re.I,
)
MAX_CITATION_BLOCK_LINES = 7
# A repository's cover page (SSOAR, JSTOR) stands before the article's title page.
_COVER_CUE = compiled(
    r"ssoar\.info|suggested citation|empfohlene zitierung|terms of use:|nutzungsbedingungen|"
    r"this content downloaded from|downloaded from http",
    re.I,
)
_LICENCE = compiled(
    r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|creative\s*commons|\blicen[cs]e[ed]?\b|"
    r"\bCC[- ]BY\b|open[- ]access article|distributed under|all rights reserved|"
    r"permits unrestricted|creativecommons\.org",
    re.I,
)
# Journal, volume, issue, ISSN, DOI, dates and article type: what a masthead prints.
_MASTHEAD = compiled(
    r"\b(?:vol(?:ume)?\.?\s*\d|issue\s*\d|no\.\s*\d|issn\b|e-?issn|doi\b|doi\.org/|"
    r"received\b|accepted\b|published\b|submitted\b|available online|open access\b|"
    r"research article\b|original (?:article|research)\b|review article\b|"
    r"(?:journal|proceedings)\s+of\b)",
    re.I,
)
# Outside the front matter only a volume, an ISSN or a DOI makes a line a masthead line.
_STRICT_MASTHEAD = compiled(r"\bvol(?:ume)?\.?\s*\d|\bissn\b|\bdoi\b", re.I)
_ABSTRACT = compiled(r"^\s*(?:abstract|summary|zusammenfassung|résumé)\b", re.I)
# The first heading of the body: "1 Introduction", "I. INTRODUCTION", "Background", "1. Title".
_BODY_HEADING = compiled(
    r"^\s*(?:(?:\d{1,2}\.?|[IVX]{1,4}\.)\s+)?(?:introduction|background|einleitung|einführung|"
    r"motivation|overview)\s*$"
    r"|^\s*(?:1\.?|I\.)\s+[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,8}\s*$",
    re.I,
)
# A title is set this much larger than the body.
TITLE_SIZE_RATIO = 1.25
# Lines of one block stand at most this many line heights apart.
BLOCK_LEADING = 1.2


def title_page_zones(page: Page, body_size: float) -> list[str | None]:
    """The front-matter zone of each line of the title page; None for lines of the body."""
    lines = page.lines
    zones: list[str | None] = [None] * len(lines)
    body_start = next((i for i, ln in enumerate(lines) if _BODY_HEADING.match(ln.text)), None)
    abstract = next((i for i, ln in enumerate(lines) if _ABSTRACT.match(ln.text)), None)
    if abstract is not None and body_start is not None and abstract > body_start:
        abstract = None  # "Summary" after the introduction's heading is the body's
    if abstract is None and body_start is not None:
        # An abstract without a heading (REVTeX) starts at the first line of prose.
        abstract = next((i for i in range(body_start) if _prose(lines[i])), None)
    front_end = body_start if body_start is not None else _abstract_end(lines, abstract)
    above_abstract = abstract if abstract is not None else front_end
    for index in range(front_end or 0):
        line = lines[index]
        if line.role != "body":
            continue
        if above_abstract is not None and index < above_abstract:
            zones[index] = _above_abstract_zone(line, body_size)
        else:
            zones[index] = z.ABSTRACT
    _beside_the_author_block(lines, zones)
    _mark_self_named(lines, zones)
    return zones


# A line of names: a few words, nearly all capitalised ("Kenji Ota", "Ada Marsh and Bo Li").
MAX_NAME_LINE_WORDS = 8


def _names_like(line: Line) -> bool:
    words = line.text.split()
    capitals = sum(1 for w in words if w[:1].isupper())
    return 0 < len(words) <= MAX_NAME_LINE_WORDS and capitals >= 0.7 * len(words)


def _beside_the_author_block(lines: Sequence[Line], zones: list[str | None]) -> None:
    """A name set beside a title or author line is of that block, though read after it.

    Two authors side by side over two columns: the right one ("Kenji Ota") is read with the
    right column, after the left column's first heading, and was taken for a heading of the
    body, between "… Goto and" and "Grace (2005)" of a citation broken over the columns.
    """
    block = [(ln, zones[i]) for i, ln in enumerate(lines) if zones[i] in (z.TITLE, z.AUTHORS)]
    for index, line in enumerate(lines):
        if zones[index] is not None or line.role != "body" or not _names_like(line):
            continue
        mate = next(
            (zone for ln, zone in block if min(ln.bottom, line.bottom) - max(ln.top, line.top) > 0),
            None,
        )
        if mate is not None:
            zones[index] = mate


# Prose has this many words a line, most of them in lower case; names and affiliations do not.
MIN_PROSE_WORDS = 10


def _prose(line: Line) -> bool:
    words = [w for w in line.text.split() if w[:1].isalpha()]
    lower = sum(1 for w in words if w[0].islower())
    return len(words) >= MIN_PROSE_WORDS and lower >= 0.5 * len(words)


def _abstract_end(lines: Sequence[Line], abstract: int | None) -> int | None:
    """Without a section heading on the page, the abstract runs while its lines keep their
    size and spacing; the front matter ends with it."""
    if abstract is None:
        return None
    end = abstract + 1
    while end < len(lines) and _continues(lines[end - 1], lines[end], lines[abstract + 1]):
        end += 1
    return end


def _continues(previous: Line, line: Line, first: Line) -> bool:
    if line.role != "body" or abs(line.size - first.size) > 0.1 * first.size:
        return False
    return 0 <= line.top - previous.bottom <= 2 * BLOCK_LEADING * line.height


def _above_abstract_zone(line: Line, body_size: float) -> str:
    if _MASTHEAD.search(line.text):
        return z.MASTHEAD
    if line.size >= body_size * TITLE_SIZE_RATIO:
        return z.TITLE
    return z.AUTHORS


def _mark_self_named(lines: Sequence[Line], zones: list[str | None]) -> None:
    """Licence notes anywhere on the page, and masthead lines outside the abstract: they say
    what they are."""
    for index, line in enumerate(lines):
        if line.role != "body" or zones[index] == z.LICENCE:
            continue
        if _LICENCE.search(line.text):
            for member in _block(lines, index):
                if zones[member] is None or member == index:
                    zones[member] = z.LICENCE
        elif zones[index] is None and _STRICT_MASTHEAD.search(line.text) and len(line.text) < 120:
            zones[index] = z.MASTHEAD


def licence_lines(lines: Sequence[Line]) -> list[int]:
    """The indices of licence notes and the lines that go on with them, on any page."""
    found: list[int] = []
    for index, line in enumerate(lines):
        if line.role == "body" and _LICENCE.search(line.text) and index not in found:
            found.extend(i for i in _block(lines, index) if i not in found)
    return found


def _block(lines: Sequence[Line], start: int) -> list[int]:
    """The line at ``start`` and the lines that go on with it: same column and size, set close."""
    block = [start]
    for index in range(start + 1, min(len(lines), start + MAX_CITATION_BLOCK_LINES)):
        last, line = lines[block[-1]], lines[index]
        if not _same_block(last, line):
            break
        block.append(index)
    return block


def _same_block(last: Line, line: Line) -> bool:
    return (
        line.role == "body"
        and line.column == last.column
        and abs(line.size - last.size) <= 0.05 * last.size
        and 0 <= line.top - last.bottom <= BLOCK_LEADING * last.height
    )


def citation_block(lines: Sequence[Line], start: int) -> list[int]:
    """A cite-this box: its cue line, the lines that go on with it and, as BMC prints it, the
    article's DOI alone on the line above the cue."""
    block = [start]
    for index in range(start + 1, min(len(lines), start + MAX_CITATION_BLOCK_LINES)):
        line, previous = lines[index], lines[block[-1]]
        if CITATION_BLOCK_END.match(line.text) or CITATION_CUE.match(line.text):
            break
        if line.column != previous.column or line.top - previous.bottom > previous.height * 1.2:
            break
        block.append(index)
    if start > 0 and _doi_line_above(lines[start - 1], lines[start]):
        block.insert(0, start - 1)
    return block


_DOI_ONLY = compiled(r"^\s*(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+\s*$", re.I)


def _doi_line_above(above: Line, cue: Line) -> bool:
    return (
        _DOI_ONLY.match(above.text) is not None and 0 <= cue.top - above.bottom < cue.height * 0.8
    )


def citation_blocks(pdf: PdfText, title_page: int) -> list[list[Line]]:
    """ "Cite this article" boxes on the title pages and, as BMC prints them, the last pages."""
    blocks = []
    last_pages = pdf.pages[max(title_page, len(pdf.pages) - 2) :]
    for page in (*pdf.pages[:title_page], *last_pages):
        lines = [ln for ln in page.lines if ln.text]
        for index, line in enumerate(lines):
            if CITATION_CUE.match(line.text):
                blocks.append([lines[i] for i in citation_block(lines, index)])
    return blocks


def find_title_page(pdf: PdfText) -> int:
    """The page that carries the article's title: page 2 after a repository cover page."""
    if len(pdf.pages) > 1 and _COVER_CUE.search(" ".join(ln.text for ln in pdf.pages[0].lines)):
        return 2
    return 1
