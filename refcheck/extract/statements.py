"""Find statements of the paper's own volume, issue, pages, year, date and DOI in one text.

Each finder is a pure function of a string; :mod:`refcheck.extract.metadata` decides which
lines of the document are worth reading and records where each statement was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refcheck.extract.identifiers import find_dois, find_issns, normalize_number, normalize_pages
from refcheck.patterns import compiled

_ROMAN = r"[IVXLCDM]{1,7}"
_NUMBER = rf"(?:\d{{1,4}}|{_ROMAN})\b"
_VOLUME = compiled(
    rf"\b(?:vol(?:ume)?s?\.?|jg\.|jahrgang|band|bd\.|tome)\s*[:#]?\s*({_NUMBER})", re.I
)
_ISSUE = compiled(
    rf"\b(?:no\.|nos\.|number|issue|iss\.|nr\.|heft|n°|núm\.|numéro)\s*[:#]?\s*"
    rf"({_NUMBER}(?:\s*[-–/]\s*\d{{1,3}}\b)?)",
    re.I,
)
_PAGES = compiled(
    r"\b(?:pp?\.|pages?|seiten|s\.)\s*:?\s*(e?\d{1,8}(?:\s*[-–—]\s*e?\d{1,8})?)\b", re.I
)
# "12(3):45-60", "5(2), 241-249", "13(6): e0197919", "26:1, 147–154"
_COMPACT = compiled(
    r"(?<![\d(.])(\d{1,4})\s*(?:\((\d{1,3}(?:\s*[-–/]\s*\d{1,3})?)\)|:(\d{1,3})\b)"
    r"(?:\s*([:,])\s*(e?\d{1,8}(?:\s*[-–—]\s*\d{1,6})?)\b)?"
)
# "BMC Health Services Research 2014, 14:1" (volume and article number after the year)
_YEAR_VOLUME_ARTICLE = compiled(r"\b(?:19|20)\d\d,?\s+(\d{1,4}):(\d{1,5})\b(?![:\d])")
# "PeerJ Comput. Sci. 3:e118" (volume and electronic article number)
_VOLUME_ELOCATOR = compiled(r"(?<![\d.])(\d{1,4}):(e\d{1,8})\b")
# "Clinical Science (2014) 126, 305–313"
_YEAR_VOLUME_PAGES = compiled(
    r"\((?:19|20)\d\d\)\s*,?\s*(\d{1,4}),\s*(\d{1,6}\s*[-–—]\s*\d{1,6})\b"
)
_YEAR = compiled(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-])")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|autumn|fall|"
    r"winter|januar|februar|märz|juni|juli|oktober|dezember)\.?"
)
_DATE = compiled(
    rf"\b(?:\d{{1,2}}\s+{_MONTHS}\s*,?\s*(?:19|20)\d\d"
    rf"|{_MONTHS}\s*[- ]\s*(?:\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?,\s*)?(?:19|20)\d\d)",
    re.I,
)
_PUBLISHED = compiled(
    r"\b(?:published(?:\s+online)?|publication date|veröffentlicht|date of publication)\s*:?\s*",
    re.I,
)


@dataclass(frozen=True)
class Found:
    """One value of one field, as printed, with the value used for comparison."""

    field: str
    value: str
    normalized: str
    start: int = 0


def volume_issue_pages(text: str) -> list[Found]:
    """Volume, issue and pages stated in one line or block of text."""
    found: list[Found] = []
    for match in _VOLUME.finditer(text):
        found.extend(_number("volume", match.group(1), match.start()))
    for match in _ISSUE.finditer(text):
        found.extend(_number("issue", match.group(1), match.start()))
    for match in _PAGES.finditer(text):
        found.extend(_pages(match.group(1), match.start()))
    if not found:
        found.extend(_compact(text))
    return found


def _compact(text: str) -> list[Found]:
    found: list[Found] = []
    for match in _YEAR_VOLUME_PAGES.finditer(text):
        found.extend(_number("volume", match.group(1), match.start()))
        found.extend(_pages(match.group(2), match.start()))
    for match in _YEAR_VOLUME_ARTICLE.finditer(text):
        found.extend(_number("volume", match.group(1), match.start(1)))
    for match in _VOLUME_ELOCATOR.finditer(text):
        found.extend(_number("volume", match.group(1), match.start()))
        found.extend(_pages(match.group(2), match.start()))
    if found:
        return found
    for match in _COMPACT.finditer(text):
        volume, issue, colon_issue, separator, pages = match.groups()
        if pages is not None and separator == "," and _YEAR.fullmatch(pages):
            pages = None  # "14(2), 2021": the year follows the issue, not the pages
        if _YEAR.fullmatch(volume) or (pages is None and colon_issue is not None):
            # "2014:1" is a year, and "4:1" alone is as likely a time or a ratio.
            continue
        found.extend(_number("volume", volume, match.start()))
        found.extend(_number("issue", issue or colon_issue, match.start()))
        if pages:
            found.extend(_pages(pages, match.start()))
    return found


def _number(field: str, printed: str, start: int) -> list[Found]:
    normalized = normalize_number(printed)
    return [Found(field, printed.strip(), normalized, start)] if normalized else []


def _pages(printed: str, start: int) -> list[Found]:
    normalized = normalize_pages(printed)
    return [Found("pages", printed.strip(), normalized, start)] if normalized else []


def years(text: str) -> list[Found]:
    return [Found("year", m.group(1), m.group(1), m.start()) for m in _YEAR.finditer(text)]


def publication_date(text: str) -> Found | None:
    """The date after "Published:" (or a season or month with a year in a masthead line)."""
    label = _PUBLISHED.search(text)
    if label is None:
        return None
    date = _DATE.match(text, label.end())
    if date is None:
        return None
    printed = date.group(0).strip()
    return Found("date", printed, printed.lower())


def masthead_date(text: str) -> Found | None:
    date = _DATE.search(text)
    if date is None:
        return None
    printed = date.group(0).strip()
    return Found("date", printed, printed.lower())


def dois(text: str) -> list[Found]:
    return [Found("doi", c.value, c.value.lower(), c.start) for c in find_dois(text) if c.valid]


def issns(text: str) -> list[Found]:
    """ISSNs as stated, valid or not: a wrong check digit is still what the paper says."""
    return [Found("issn", c.value, c.value, c.start) for c in find_issns(text)]


# Some publishers encode volume and issue in the DOI suffix: Cogitatio "si.v5i2.904",
# "dcr.v1.11". Years in DOIs ("jts.2021.0045") are often the registration year, not the
# issue's, so they are not read.
_DOI_VOLUME_ISSUE = compiled(r"\.v(\d{1,4})(?:i(\d{1,3}))?\.\d", re.I)


def doi_numbers(doi: str) -> list[Found]:
    """Volume and issue written into a DOI's suffix."""
    suffix = doi.partition("/")[2]
    match = _DOI_VOLUME_ISSUE.search(suffix)
    if match is None:
        return []
    found = _number("volume", match.group(1), 0)
    if match.group(2):
        found.extend(_number("issue", match.group(2), 0))
    return found
