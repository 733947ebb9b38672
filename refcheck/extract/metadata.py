"""The paper's own metadata, from every place it is stated, each value with its provenance.

Sources: the PDF's information dictionary (``pdf-info``), the title page (``first-page``; the
page after a repository cover page counts too), running headers and footers of later pages,
"Cite this article" blocks (``citation-block``) and arXiv's side stamp (``arxiv-stamp``, a
date only). Only lines that look like a masthead are read for numbers, so a grant "No.
2013-67013" in a funding note is not taken for an issue.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from refcheck.extract import statements as find
from refcheck.extract.titles import (
    authors_from_info,
    first_page_authors,
    title_block,
    title_statements,
)
from refcheck.model import PaperMetadata, Statement
from refcheck.patterns import compiled
from refcheck.pdf import Line, PdfText
from refcheck.zones import ZonedDocument, zone_document
from refcheck.zones import model as z
from refcheck.zones.front import CITATION_CUE, citation_blocks

_DOI_LABEL = compiled(r"\bdoi\b|doi\.org/", re.I)
# A DOI labelled as the journal's, the volume's or the issue's own.
_CONTAINER_DOI = compiled(
    r"\b(?:journal|volume|issue|series|collection|book|proceedings)(?:['’]s)?\s+(?:doi\s*:?\s*)?"
    r"(?:https?://(?:dx\.)?doi\.org/)?$",
    re.I,
)
_JOURNAL_TAIL = compiled(r"[\s,.;:(]*(?:\(?(?:19|20)\d\d\b|vol|volume|\d).*$", re.I)
_SOURCE_RANK = {
    "first-page": 0,
    "running-header": 1,
    "running-footer": 2,
    "citation-block": 3,
    "doi-string": 4,
    "pdf-info": 5,
    "arxiv-stamp": 6,
}
# arXiv's side stamp: "arXiv:2503.05372v1 [hep-ph] 7 Mar 2025", the date of this version.
_ARXIV_STAMP = compiled(r"\barXiv:\S+\s+\[[^\]]+\]\s+(.+)$")
STAMP_PAGES = 2
MAX_BLOCK_LINES = 7
# A proceedings paper's imprint on its first page: "Proceedings of …, pages 696–703, Prague,
# Czech Republic, June 2007." The date is the meeting's, when the volume appeared.
_PROCEEDINGS_IMPRINT = compiled(r"\bProceedings\s+of\b.*\b(?:pages?|pp\.)\s*\d", re.I)


def extract_metadata(source: PdfText | ZonedDocument) -> PaperMetadata:
    """The paper's own metadata (a bare PDF text is zoned first)."""
    zoned = source if isinstance(source, ZonedDocument) else zone_document(source)
    pdf, title_page = zoned.pdf, zoned.title_page
    found: list[Statement] = []
    blocks = citation_blocks(pdf, title_page)
    in_blocks = {id(line) for block in blocks for line in block}
    found.extend(_info_statements(pdf))
    found.extend(_arxiv_stamp_statements(pdf))
    found.extend(_masthead_statements(zoned, in_blocks))
    found.extend(_citation_block_statements(blocks))
    found.extend(_doi_string_statements(found))
    block = title_block(pdf, title_page)  # found once: it reads the whole document's sizes
    found.extend(title_statements(pdf, title_page, block))
    first_authors = first_page_authors(pdf, title_page, block)
    authors = first_authors or authors_from_info(pdf.info_value("Author"))
    return PaperMetadata(
        title=_choose(found, "title"),
        authors=tuple(authors),
        journal=_choose(found, "journal"),
        issn=tuple(dict.fromkeys(s.normalized for s in found if s.field == "issn")),
        volume=_choose(found, "volume"),
        issue=_choose(found, "issue"),
        pages=_choose(found, "pages"),
        year=_choose(found, "year") or _year_of(_choose(found, "date")),
        date=_choose(found, "date"),
        doi=_choose(found, "doi"),
        statements=tuple(found),
    )


def _year_of(date: str | None) -> str | None:
    years = find.years(date or "")
    return years[0].value if years else None


def _source(line: Line) -> str:
    if line.role == "header":
        return "running-header"
    return "running-footer" if line.role == "footer" else "first-page"


# Zones of the title page that never state the paper's own numbers: a reference list that
# starts on page 1 of a short paper, back matter, tables and figures.
_NOT_OWN = frozenset({*z.REFERENCE_ZONES, *z.BACK_ZONES, z.TABLE, z.FIGURE, z.CAPTION})


def _masthead_lines(zoned: ZonedDocument, skip: set[int]) -> Iterator[Line]:
    """Lines that may state the paper's own numbers: the title page's front matter and the
    text around it, and running headers and footers.

    Lines of a citation block are read as a block, so that one printed DOI counts once.
    """
    for page in zoned.pdf.pages:
        for line in page.lines:
            if id(line) in skip:
                continue
            zone = zoned.zone(line)
            if zone in z.RUNNING_ZONES or (
                page.number <= zoned.title_page and zone not in _NOT_OWN
            ):
                yield line


def _masthead_statements(zoned: ZonedDocument, skip: set[int]) -> Iterator[Statement]:
    title_page = zoned.title_page
    previous = ""
    for line in _masthead_lines(zoned, skip):
        source = _source(line)
        for found in _read_masthead(line.text, labelled_doi_only=line.role == "body"):
            if not (line.role != "body" and _folio(found)):
                yield _statement(found, line, source)
        if line.page <= title_page:
            date = find.publication_date(line.text)
            if date is None and _PROCEEDINGS_IMPRINT.search(f"{previous} {line.text}"):
                date = find.masthead_date(line.text)
            if date is not None:
                yield _statement(date, line, source)
        previous = line.text


def _folio(found: find.Found) -> bool:
    """A single printed page number in a running line ("Page 3 of 11") is that page's number,
    not the article's range; an electronic article number ("e0197919") is the article's."""
    return found.field == "pages" and found.normalized.isdigit()


def _read_masthead(text: str, labelled_doi_only: bool) -> list[find.Found]:
    """Numbers from a line only when it states a volume: that is what makes it a masthead."""
    found: list[find.Found] = []
    numbers = find.volume_issue_pages(text)
    volumes = [f for f in numbers if f.field == "volume"]
    if volumes:
        found.extend(numbers)
        year = _nearest_year(text, volumes[0].start)
        if year is not None:
            found.append(year)
        journal = _journal_prefix(text)
        if journal:
            found.append(find.Found("journal", journal, journal.casefold()))
        date = find.masthead_date(text)
        if date is not None:
            found.append(date)
    found.extend(find.issns(text))
    for doi in find.dois(text):
        if _CONTAINER_DOI.search(text[max(0, doi.start - 30) : doi.start]):
            continue  # "Issue DOI: 10.…": the issue's, not the article's
        if not labelled_doi_only or _DOI_LABEL.search(
            text[max(0, doi.start - 20) : doi.start + 20]
        ):
            found.append(doi)
    return found


def _nearest_year(text: str, position: int) -> find.Found | None:
    candidates = find.years(text)
    if not candidates:
        return None
    return min(candidates, key=lambda y: abs(y.start - position))


def _journal_prefix(text: str) -> str | None:
    name = _JOURNAL_TAIL.sub("", text).strip(" ,.;:-–")
    words = name.split()
    if len(words) < 2 or not any(c.isalpha() for c in name) or len(name) > 120:
        return None
    return name


def _citation_block_statements(blocks: Sequence[Sequence[Line]]) -> Iterator[Statement]:
    for block in blocks:
        text = " ".join(ln.text for ln in block)
        cue = next(ln for ln in block if CITATION_CUE.match(ln.text))
        for found in _read_citation(text):
            yield _statement(found, cue, "citation-block", text)


def _read_citation(text: str) -> list[find.Found]:
    found = [f for f in find.volume_issue_pages(text)]
    found.extend(find.dois(text))
    years = find.years(text)
    if years:
        found.append(years[0])
    return found


def _doi_string_statements(found: Sequence[Statement]) -> Iterator[Statement]:
    """Numbers a stated own DOI carries in its suffix, once per distinct DOI."""
    seen: set[str] = set()
    for statement in found:
        if statement.field != "doi" or statement.normalized in seen:
            continue
        seen.add(statement.normalized)
        for number in find.doi_numbers(statement.value):
            yield Statement(
                number.field,
                number.value,
                number.normalized,
                statement.page,
                "doi-string",
                statement.value,
            )


def _info_statements(pdf: PdfText) -> Iterator[Statement]:
    subject = pdf.info_value("Subject")
    if subject:
        for found in _read_citation(subject):
            yield Statement(found.field, found.value, found.normalized, None, "pdf-info", subject)
    keywords = pdf.info_value("Keywords") or ""
    for found in find.dois(keywords):
        yield Statement("doi", found.value, found.normalized, None, "pdf-info", keywords)


def _arxiv_stamp_statements(pdf: PdfText) -> Iterator[Statement]:
    """The date in arXiv's side stamp: the version's posting date, never held against others."""
    for page in pdf.pages[:STAMP_PAGES]:
        for text in page.rotated_text:
            stamp = _ARXIV_STAMP.search(text)
            date = find.masthead_date(stamp.group(1)) if stamp else None
            if date is not None:
                yield Statement(
                    "date", date.value, date.normalized, page.number, "arxiv-stamp", text
                )


def _statement(found: find.Found, line: Line, source: str, context: str = "") -> Statement:
    return Statement(
        field=found.field,
        value=found.value,
        normalized=found.normalized,
        page=line.page,
        source=source,
        line=context or line.text,
    )


def _choose(found: Iterable[Statement], field: str) -> str | None:
    """The value stated by most kinds of source; ties go to the most authoritative source.

    A running header repeats one template on every page: it is one vote, not twenty.
    """
    of_field = [s for s in found if s.field == field]
    if not of_field:
        return None
    votes = Counter(normalized for normalized, _ in {(s.normalized, s.source) for s in of_field})
    best = min(of_field, key=lambda s: (-votes[s.normalized], _SOURCE_RANK.get(s.source, 9)))
    return best.value if field in ("title", "journal", "date") else best.normalized
