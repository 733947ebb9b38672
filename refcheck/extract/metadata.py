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
from refcheck.pdf import Line, PdfText

_CITATION_CUE = re.compile(
    r"^\s*(?:cite this (?:article|paper)|to cite this (?:article|paper)|citation|how to cite"
    r"(?: this article)?|please cite this (?:article|paper)(?: as)?|suggested citation|"
    r"recommended citation|empfohlene zitierung|zitiervorschlag|citar como|reference)\b"
    r"(?:[^:]{0,40}:|\s*$)",
    re.I,
)
_BLOCK_END = re.compile(
    r"^\s*(?:editor|received|accepted|published|copyright|©|keywords?|abstract|"
    r"data availability|funding|competing interests|terms of use|nutzungsbedingungen|"
    r"dieser beitrag|this (?:version|document) is)\b",
    re.I,
)
_COVER_CUE = re.compile(
    r"ssoar\.info|suggested citation|empfohlene zitierung|terms of use:|nutzungsbedingungen|"
    r"this content downloaded from|downloaded from http",
    re.I,
)
_DOI_LABEL = re.compile(r"\bdoi\b|doi\.org/", re.I)
_JOURNAL_TAIL = re.compile(r"[\s,.;:(]*(?:\(?(?:19|20)\d\d\b|vol|volume|\d).*$", re.I)
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
_ARXIV_STAMP = re.compile(r"\barXiv:\S+\s+\[[^\]]+\]\s+(.+)$")
STAMP_PAGES = 2
MAX_BLOCK_LINES = 7
# A proceedings paper's imprint on its first page: "Proceedings of …, pages 696–703, Prague,
# Czech Republic, June 2007." The date is the meeting's, when the volume appeared.
_PROCEEDINGS_IMPRINT = re.compile(r"\bProceedings\s+of\b.*\b(?:pages?|pp\.)\s*\d", re.I)


def extract_metadata(pdf: PdfText) -> PaperMetadata:
    title_page = find_title_page(pdf)
    found: list[Statement] = []
    blocks = citation_blocks(pdf, title_page)
    in_blocks = {id(line) for block in blocks for line in block}
    found.extend(_info_statements(pdf))
    found.extend(_arxiv_stamp_statements(pdf))
    found.extend(_masthead_statements(pdf, title_page, in_blocks))
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


def find_title_page(pdf: PdfText) -> int:
    """The page that carries the article's title: page 2 after a repository cover page."""
    if len(pdf.pages) > 1 and _COVER_CUE.search(" ".join(ln.text for ln in pdf.pages[0].lines)):
        return 2
    return 1


def _source(line: Line) -> str:
    if line.role == "header":
        return "running-header"
    return "running-footer" if line.role == "footer" else "first-page"


def _masthead_lines(pdf: PdfText, title_page: int, skip: set[int]) -> Iterator[Line]:
    """Lines that may state the paper's own numbers: title pages, running headers, footers.

    Lines of a citation block are read as a block, so that one printed DOI counts once.
    """
    for page in pdf.pages:
        for line in page.lines:
            if (page.number <= title_page or line.role != "body") and id(line) not in skip:
                yield line


def _masthead_statements(pdf: PdfText, title_page: int, skip: set[int]) -> Iterator[Statement]:
    previous = ""
    for line in _masthead_lines(pdf, title_page, skip):
        source = _source(line)
        for found in _read_masthead(line.text, labelled_doi_only=line.role == "body"):
            yield _statement(found, line, source)
        if line.page <= title_page:
            date = find.publication_date(line.text)
            if date is None and _PROCEEDINGS_IMPRINT.search(f"{previous} {line.text}"):
                date = find.masthead_date(line.text)
            if date is not None:
                yield _statement(date, line, source)
        previous = line.text


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


def citation_blocks(pdf: PdfText, title_page: int) -> list[list[Line]]:
    """ "Cite this article" blocks on the title pages and, as BMC prints them, the last pages."""
    blocks = []
    last_pages = pdf.pages[max(title_page, len(pdf.pages) - 2) :]
    for page in (*pdf.pages[:title_page], *last_pages):
        lines = [ln for ln in page.lines if ln.text]
        for index, line in enumerate(lines):
            if _CITATION_CUE.match(line.text):
                block = _block(lines, index)
                if index > 0 and _doi_line_above(lines[index - 1], line):
                    # BMC prints the article's DOI on the line above "Cite this article as".
                    block.insert(0, lines[index - 1])
                blocks.append(block)
    return blocks


def _citation_block_statements(blocks: Sequence[Sequence[Line]]) -> Iterator[Statement]:
    for block in blocks:
        text = " ".join(ln.text for ln in block)
        cue = next(ln for ln in block if _CITATION_CUE.match(ln.text))
        for found in _read_citation(text):
            yield _statement(found, cue, "citation-block", text)


def _block(lines: Sequence[Line], start: int) -> list[Line]:
    block = [lines[start]]
    for line in lines[start + 1 : start + MAX_BLOCK_LINES]:
        previous = block[-1]
        if _BLOCK_END.match(line.text) or _CITATION_CUE.match(line.text):
            break
        if line.column != previous.column or line.top - previous.bottom > previous.height * 1.2:
            break
        block.append(line)
    return block


def _doi_line_above(above: Line, cue: Line) -> bool:
    dois = find.dois(above.text)
    only_doi = len(dois) == 1 and len(above.text.strip()) <= len(dois[0].value) + 8
    return only_doi and 0 <= cue.top - above.bottom < cue.height * 0.8


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
