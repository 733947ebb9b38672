"""Use what the PDF's own links say about its reference list.

A GoTo link from the text to a position in the reference list was made by the typesetting
system from the author's own citation: it says that the entry at that position is cited, and
which entry the callout under it means. A URI link over an entry holds the entry's DOI or URL
whole where the printed text breaks it across lines, or does not print it at all. Both are
mapped here from page geometry to the entries as they were read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from urllib.parse import unquote

from refcheck.extract.identifiers import Candidate, find_dois
from refcheck.extract.references import RawEntry
from refcheck.model import Anchor, IdentifierMention, Reference
from refcheck.patterns import compiled
from refcheck.pdf import InternalLink, Line, PdfText, UriLink

# hyperref's named destinations of things that are not reference entries: a link to a
# section heading just above the list must not be taken for a citation of its first entry.
_NOT_A_REFERENCE = compiled(
    r"^(?:(?:sub)*section|chapter|part|paragraph|appendix|figure|table|equation|Hfootnote|"
    r"footnote|page|Item|algorithm|lstlisting|listing|theorem|lemma|definition|AMS|Doc-Start|"
    r"frontmatter|affiliation|author|subfigure|subtable)\b",
    re.I,
)
# Publishers name a destination without a position after the entry's number.
_NUMBERED_DESTINATION = compiled(r"(?:\bref|\bbib|[._]ref|bibB|_CR|\bB)0*(\d{1,4})$")
# Points of slack around a link rectangle or a line box: boxes are loose, glyphs overhang.
BOX_SLACK = 2.0
# Loose boxes of neighbouring words touch a link's rectangle by a fraction of a point.
MIN_OVERLAP = 1.0
# Words kept from before a link on its line: a narrative callout's names ("Cohan et al.").
WORDS_BEFORE = 4
# A destination's x may sit left of its entry's text, at the hanging label.
LABEL_SLACK = 40.0
# Where a destination sits against the top of the line it leads to, in line heights: on the
# 10 corpus PDFs whose links to their lists give a position (hyperref, ACL's pax, revtex, JSS,
# PeerJ), 0.1 to 0.6 above it. A line starting more than half a line above the target is the line
# before; one starting more than this far below it is not where the link leads.
ABOVE_TOP = 0.5
BELOW_TOP = 1.5


@dataclass(frozen=True)
class _ListLine:
    line: Line
    entry: int  # index into the entries
    first: bool  # the first line of its entry
    label: str | None  # the entry's printed number


ListedLines = dict[int, list[_ListLine]]  # the list's lines by page
Rect = tuple[float, float, float, float]  # x0, top, x1, bottom


def read_anchors(
    pdf: PdfText,
    entries: Sequence[RawEntry],
    references: Sequence[Reference],
    others: Sequence[RawEntry] = (),
) -> tuple[Anchor, ...]:
    """The links from outside the reference list to its entries, one per link."""
    if not pdf.links or not entries:
        return ()
    listed = _list_lines(entries)
    foreign = {id(line) for entry in others for line in entry.lines}
    anchors = []
    # A callout linked in pieces ("Smith et al.," "2020") leads to one place several times.
    targets: dict[tuple[object, ...], tuple[int, bool] | None] = {}
    for link in pdf.links:
        if link.destination and _NOT_A_REFERENCE.match(link.destination):
            continue
        if _inside(link.page, link.rect, listed) or _over_lines(pdf, link, foreign):
            continue  # a link in the list itself (see also, back-references) cites nothing
        place = (link.target_page, link.target_x, link.target_top, link.destination)
        if place not in targets:
            targets[place] = _entry_at(pdf, link, listed)
        target = targets[place]
        if target is None:
            continue  # a link to a section, a figure, a footnote
        text, before = _text_under(pdf, link.page, link.rect)
        if not text:
            continue
        entry, at_start = target
        reference_id = references[entry].id
        anchors.append(Anchor(link.page, text, reference_id, link.destination, at_start, before))
    return tuple(anchors)


def _list_lines(entries: Sequence[RawEntry]) -> ListedLines:
    by_page: ListedLines = {}
    for index, entry in enumerate(entries):
        for position, line in enumerate(entry.lines):
            item = _ListLine(line, index, position == 0, entry.label)
            by_page.setdefault(line.page, []).append(item)
    return by_page


def _contains(line: Line, x: float, y: float) -> bool:
    return (
        line.x0 - BOX_SLACK <= x <= line.x1 + BOX_SLACK
        and line.top - BOX_SLACK <= y <= line.bottom + BOX_SLACK
    )


def _centre(rect: Rect) -> tuple[float, float]:
    return (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2


def _inside(page: int, rect: Rect, listed: ListedLines) -> bool:
    x, y = _centre(rect)
    return any(_contains(item.line, x, y) for item in listed.get(page, ()))


def _over_lines(pdf: PdfText, link: InternalLink, lines: set[int]) -> bool:
    if not lines:
        return False
    x, y = _centre(link.rect)
    page = pdf.pages[link.page - 1]
    return any(id(line) in lines and _contains(line, x, y) for line in page.lines)


def _entry_at(pdf: PdfText, link: InternalLink, listed: ListedLines) -> tuple[int, bool] | None:
    """The entry whose text starts at the link's target, and whether the target is that
    entry's first line (rather than a line inside it).

    The first line of the page at the target, in the target's column, must be a line of the
    list: a link to a heading, a figure or a footnote lands on another line first.
    """
    if not 1 <= link.target_page <= len(pdf.pages):
        return None
    if link.target_top is None:
        return _entry_by_name(link, listed)
    top = link.target_top
    page = pdf.pages[link.target_page - 1]
    body = page.body
    # A target at the page's edge (x = 0) names no column: any column's line may be meant.
    x = link.target_x if any(_in_column(line, link.target_x) for line in body) else None
    column = _target_column(body, x)
    below = [
        line
        for line in body
        if line.top >= top - ABOVE_TOP * line.height
        and _in_column(line, x)
        and column in (None, line.column)
    ]
    if not below:
        return None
    nearest = min(below, key=lambda line: (line.top, line.x0))
    if nearest.top - top > BELOW_TOP * max(nearest.height, 1.0):
        return None
    if any(line.top - nearest.top < BOX_SLACK for line in below if line.column != nearest.column):
        return None  # as near in another column: which one is meant cannot be told
    item = next((i for i in listed.get(page.number, ()) if i.line is nearest), None)
    if item is None:
        return None
    return item.entry, item.first


def _entry_by_name(link: InternalLink, listed: ListedLines) -> tuple[int, bool] | None:
    """A destination without a position (PLOS, BMC, Springer "fit page" views) named after the
    entry's number ("Rpone.0197919.ref004", "link_CR9", "bibB3"): the entry printed with that
    label, when it stands on the target page."""
    match = _NUMBERED_DESTINATION.search(link.destination or "")
    if match is None:
        return None
    label = str(int(match.group(1)))
    for item in listed.get(link.target_page, ()):
        if item.first and item.label == label:
            return item.entry, True
    return None


def _target_column(body: Sequence[Line], x: float | None) -> int | None:
    """The column a destination's x names when it falls within reach of two columns.

    A destination marks where an entry starts: at its first line's left edge or left of it, at
    the hanging label. In two columns that spot, just left of the right column, also lies
    inside the left column's full lines, so the column whose left edge is nearest is meant.
    """
    if x is None:
        return None
    reach: dict[int, float] = {}
    for line in body:
        if line.column and _in_column(line, x):
            distance = abs(line.x0 - x)
            reach[line.column] = min(distance, reach.get(line.column, distance))
    if len(reach) < 2:
        return None
    return min(reach, key=lambda column: reach[column])


def _in_column(line: Line, x: float | None) -> bool:
    return x is None or line.x0 - LABEL_SLACK <= x <= line.x1


def _text_under(pdf: PdfText, page_number: int, rect: Rect) -> tuple[str, str]:
    """The words the link's rectangle overlaps, in reading order, and the words just before
    them on their line.

    Whole words: a link over the "1" of "[1–5]," gives "[1–5],". The words before tell whose
    year a link over "(2018)" alone is: "Cohan et al. (2018)".
    """
    x0, top, x1, bottom = rect
    under: list[str] = []
    before: list[str] = []
    for line in pdf.pages[page_number - 1].lines:
        if line.role != "body" or line.bottom < top - BOX_SLACK or line.top > bottom + BOX_SLACK:
            continue  # a running head or footer cites nothing
        for position, word in enumerate(line.words):
            middle = (word.top + word.bottom) / 2
            if (
                word.x1 > x0 + MIN_OVERLAP
                and word.x0 < x1 - MIN_OVERLAP
                and top - BOX_SLACK <= middle <= bottom + BOX_SLACK
            ):
                if not under:
                    before = [
                        w.text for w in line.words[max(0, position - WORDS_BEFORE) : position]
                    ]
                under.append(word.text)
    return " ".join(under), " ".join(before)


def repair_from_uris(
    pdf: PdfText, entries: Sequence[RawEntry], references: Sequence[Reference]
) -> tuple[Reference, ...]:
    """The references with DOIs and URLs taken whole from the URI links over their entries.

    A DOI is added only where the entry prints none and its links hold exactly one, and a
    printed DOI or URL is replaced only by a longer one that starts with it (the text broke it
    at a line end); a link that disagrees with what is printed changes nothing.
    """
    if not pdf.uris or not entries:
        return tuple(references)
    listed = _list_lines(entries)
    uris: dict[int, list[str]] = {}
    for uri in pdf.uris:
        entry = _entry_under(uri, listed)
        if entry is not None:
            uris.setdefault(entry, []).append(uri.uri)
    return tuple(
        repair_reference(reference, uris.get(index, []))
        for index, reference in enumerate(references)
    )


def _entry_under(uri: UriLink, listed: ListedLines) -> int | None:
    x, y = _centre(uri.rect)
    return next((i.entry for i in listed.get(uri.page, ()) if _contains(i.line, x, y)), None)


def repair_reference(reference: Reference, uris: Sequence[str]) -> Reference:
    """The reference with its DOI and URLs completed from the URIs linked over its entry."""
    if not uris:
        return reference
    dois = list(dict.fromkeys(_dois(uris)))
    doi = reference.doi
    if doi is None and len(dois) == 1:
        doi = dois[0]
    elif doi is not None:
        doi = next((d for d in dois if d.startswith(doi.lower()) and d != doi.lower()), doi)
    urls = tuple(_whole_url(url, uris) for url in reference.urls)
    if doi == reference.doi and urls == reference.urls:
        return reference
    return replace(reference, doi=doi, urls=urls)


def _dois(uris: Sequence[str]) -> Iterator[str]:
    for uri in uris:
        for candidate in find_dois(unquote(uri)):
            if candidate.valid:
                yield candidate.value.lower()


def _whole_url(url: str, uris: Sequence[str]) -> str:
    """The link's URI where the printed URL is a cut-short start of it."""
    longer = [uri for uri in uris if uri.startswith(url) and len(uri) > len(url)]
    return longer[0] if len(set(longer)) == 1 else url


def linked_doi_mentions(pdf: PdfText, entries: Sequence[RawEntry]) -> Iterator[IdentifierMention]:
    """Malformed DOIs that only a doi.org link over an entry holds, as mentions of the entry.

    The bibliography style made the link from the entry's own DOI field, so the link's DOI is
    the reference's DOI as much as a printed one. An entry that prints a DOI keeps it: a link
    never speaks for it. An entry whose links hold more than one DOI is left alone.
    """
    if not pdf.uris or not entries:
        return
    listed = _list_lines(entries)
    linked: dict[int, list[UriLink]] = {}
    for uri in pdf.uris:
        entry = _entry_under(uri, listed)
        if entry is not None:
            linked.setdefault(entry, []).append(uri)
    for index, uris in sorted(linked.items()):
        if find_dois(entries[index].text):
            continue  # the entry prints a DOI (valid or not): that one is the reference's
        dois = {c.value: (c, uri) for uri in uris for c in _resolver_dois(uri.uri)}
        if len(dois) == 1:
            candidate, uri = next(iter(dois.values()))
            if not candidate.valid:
                text = entries[index].text
                yield IdentifierMention("doi", candidate.value, uri.page, text, False, uri.uri)


def _resolver_dois(uri: str) -> list[Candidate]:
    """The DOI of a link whose whole URI is a DOI resolver's ("https://doi.org/…")."""
    return [c for c in find_dois(unquote(uri)) if c.start == 0 and c.raw != c.value]
