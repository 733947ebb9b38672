"""Find and normalise the identifiers a paper prints: DOIs, ISSNs, ISBNs, arXiv ids and URLs.

Everything here is a pure function over text. The finders report strings *presented as* an
identifier, valid or not, because a malformed DOI printed on the first page is itself a finding;
``Candidate.valid`` tells the two apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from refcheck.patterns import compiled

__all__ = [
    "DOI_RESOLVER_HOSTS",
    "Candidate",
    "find_arxiv_ids",
    "find_dois",
    "find_issns",
    "find_urls",
    "is_valid_doi",
    "is_valid_isbn",
    "is_valid_issn",
    "issn_check_digit",
    "normalize_doi",
    "normalize_number",
    "normalize_pages",
    "roman_to_int",
    "strip_trailing_punctuation",
]


@dataclass(frozen=True)
class Candidate:
    """One identifier found in a text.

    ``raw`` is ``text[start:end]``: the identifier as printed with its label or resolver prefix
    but without trailing punctuation. ``value`` is the bare identifier.
    """

    start: int
    end: int
    raw: str
    value: str
    valid: bool


# Sentence punctuation and closing quotes that PDFs glue onto the end of an identifier.
_TRAILING = ".,;:!?'\"\u2018\u2019\u201c\u201d\u00ab\u00bb\u2026"
# A closer is trailing punctuation only when nothing inside the string opened it.
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}
# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus: all print as "-" in ranges.
# Escaped for use inside a regex character class.
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"


def strip_trailing_punctuation(s: str) -> str:
    """Remove trailing punctuation, keeping a closing bracket that balances one in ``s``."""
    while s:
        last = s[-1]
        if last in _CLOSERS:
            if s.count(_CLOSERS[last]) >= s.count(last):
                break
        elif last not in _TRAILING:
            break
        s = s[:-1]
    return s


# --- DOIs -------------------------------------------------------------------------------------

# ASCII digits only: ``\d`` would also accept Arabic-Indic and other digits no registry issues.
_DOI_SYNTAX = compiled(r"10\.[0-9]{4,9}(?:\.[0-9]+)*/(.+)", re.DOTALL)
# Hosts whose paths are DOIs: doi.org, and the publishers' legacy resolvers still printed in
# older references ("http://doi.acm.org/10.1145/…").
DOI_RESOLVER_HOSTS = frozenset(
    {"doi.org", "dx.doi.org", "www.doi.org", "doi.acm.org", "doi.wiley.com"}
)
# "https: //doi.org/…": a space after the scheme is a typesetter's gap or a broken line.
_SCHEME = r"https?:\s?//"
_RESOLVER = (
    rf"(?:{_SCHEME})?(?:"
    + "|".join(re.escape(host) for host in sorted(DOI_RESOLVER_HOSTS, key=len, reverse=True))
    + ")/"
)
_LABEL = r"(?:info:doi/|doi\s*:\s*|doi\s+)"
# "10." or a typo/OCR form of it ("1O.", "l0.", "10,"), then a digit: enough to say that the
# text after a label is meant as a DOI, so malformed ones get reported too.
_DOI_LIKE = r"[1lI][0oO][.,][0-9oO]\S*"
_DOI_IN_TEXT = compiled(
    rf"""(?<![\w./-])
    (?:
        (?P<prefix>{_LABEL}(?:{_RESOLVER})?|{_RESOLVER})(?P<id>{_DOI_LIKE})
      | (?P<bare>10\.[0-9]{{4,9}}(?:\.[0-9]+)*/\S+)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_DOI_PREFIX = compiled(rf"{_LABEL}|(?P<resolver>{_RESOLVER})", re.IGNORECASE)


def is_valid_doi(doi: str) -> bool:
    """Whether ``doi`` (without label or resolver) follows the DOI syntax."""
    match = _DOI_SYNTAX.fullmatch(doi)
    if match is None:
        return False
    return all(ch.isprintable() and not ch.isspace() for ch in match.group(1))


def normalize_doi(text: str) -> str | None:
    """The lower-cased bare DOI in ``text`` (label, resolver URL or both allowed), else None."""
    # Callers often hand over a token cut from running text, so opening brackets may remain.
    rest = text.strip().lstrip("([{<\"'")
    is_url = False
    while (prefix := _DOI_PREFIX.match(rest)) is not None:
        is_url = is_url or prefix.group("resolver") is not None
        rest = rest[prefix.end() :]
    if is_url:
        rest = unquote(rest)
    doi = strip_trailing_punctuation(rest)
    return doi.lower() if is_valid_doi(doi) else None


def _doi_candidate(text: str, match: re.Match[str]) -> Candidate:
    group = "bare" if match.group("bare") is not None else "id"
    printed = strip_trailing_punctuation(match.group(group))
    end = match.start(group) + len(printed)
    prefix = match.group("prefix") or ""
    # Resolver URLs may be percent-encoded ("10.1000%2Fxyz"); the identifier is the decoded form.
    value = unquote(printed) if _RESOLVER_URL.search(prefix) else printed
    return Candidate(match.start(), end, text[match.start() : end], value, is_valid_doi(value))


def find_dois(text: str) -> list[Candidate]:
    """Every string presented as a DOI, in order; malformed ones have ``valid=False``."""
    foreign: list[tuple[int, int]] | None = None  # found when a DOI is: most texts have none
    found = []
    for match in _DOI_IN_TEXT.finditer(text):
        if foreign is None:
            foreign = _foreign_url_spans(text)
        # A "10.xxxx/..." path segment or query value of some other site's URL is not a DOI.
        if any(start < match.start() < end for start, end in foreign):
            continue
        found.append(_doi_candidate(text, match))
    return found


# --- ISSNs ------------------------------------------------------------------------------------

_ISSN_SHAPE = compiled(rf"([0-9]{{4}})[{_DASHES}]?([0-9]{{3}})([0-9Xx])")
_ISSN_LABEL = compiled(
    r"(?<![\w-])(?:(?:print|online|electronic)\s+)?(?:[ep]-?)?ISSN(?:-L)?(?!\w)", re.IGNORECASE
)
# What may sit between a label and its numbers, or between the numbers of one statement:
# punctuation and print/online qualifiers. Anything else ends the statement.
_ISSN_FILLER = compiled(
    rf"""(?:
        [\s,;:/|&{_DASHES}]+
      | \(\s*(?:print|online|electronic|e|p)\s*\)
      | (?:and|print|online|electronic)\b
    )*""",
    re.IGNORECASE | re.VERBOSE,
)
_ISSN_IN_TEXT = compiled(
    rf"(?<![\w{_DASHES}])[0-9]{{4}}[{_DASHES}]?[0-9]{{3}}[0-9Xx](?![\w]|[{_DASHES}][0-9])"
)


def issn_check_digit(first7: str) -> str:
    """The ISSN check character ("0"-"9" or "X") for the first seven digits.

    Raises ValueError if ``first7`` is not seven ASCII digits.
    """
    if len(first7) != 7 or not first7.isascii() or not first7.isdigit():
        raise ValueError(f"expected seven digits, got {first7!r}")
    total = sum(int(digit) * weight for digit, weight in zip(first7, range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def is_valid_issn(issn: str) -> bool:
    """Whether ``issn`` ("0317-8471", "03178471", "2049-363x" …) has the right check digit."""
    match = _ISSN_SHAPE.fullmatch(issn.strip())
    if match is None:
        return False
    return issn_check_digit(match.group(1) + match.group(2)) == match.group(3).upper()


def _issn_candidate(text: str, start: int, number: re.Match[str]) -> Candidate:
    digits = "".join(ch for ch in number.group() if ch.isdigit() or ch in "Xx").upper()
    value = f"{digits[:4]}-{digits[4:]}"
    return Candidate(start, number.end(), text[start : number.end()], value, is_valid_issn(value))


def _statement_numbers(text: str, pos: int) -> list[re.Match[str]]:
    """The ISSN-shaped numbers from ``pos`` on, up to the first thing that is not filler."""
    numbers: list[re.Match[str]] = []
    while True:
        filler = _ISSN_FILLER.match(text, pos)
        number = _ISSN_IN_TEXT.match(text, filler.end() if filler is not None else pos)
        if number is None:
            return numbers
        numbers.append(number)
        pos = number.end()


def find_issns(text: str) -> list[Candidate]:
    """ISSNs presented as such: every number of each "ISSN …" statement, in order.

    The first number's ``raw`` includes its label; later numbers in the same statement
    ("ISSN 1234-5679 (print), 2345-678X (online)") are reported on their own.
    """
    found = []
    pos = 0
    while (label := _ISSN_LABEL.search(text, pos)) is not None:
        numbers = _statement_numbers(text, label.end())
        for i, number in enumerate(numbers):
            start = label.start() if i == 0 else number.start()
            found.append(_issn_candidate(text, start, number))
        # Resume at the last number, not past the filler, so a following
        # "Online ISSN" keeps its qualifier as part of its own label.
        pos = numbers[-1].end() if numbers else label.end()
    return found


# --- Volume, issue and page numbers -----------------------------------------------------------

_ROMAN = compiled(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# The label must end in "." or a space so that words like "Nov" are not read as "No" + "v".
_NUMBER_LABEL = compiled(
    r"(?:vol(?:ume)?|no|nr|num(?:ber)?|issue|iss|n\u00b0|\u2116)(?:\.\s*|\s+)|#\s*", re.IGNORECASE
)
_NUMBER_TOKEN = r"[0-9]+|[ivxlcdm]+"
_NUMBER_RANGE = compiled(
    rf"({_NUMBER_TOKEN})(?:\s*[{_DASHES}/]\s*({_NUMBER_TOKEN}))?", re.IGNORECASE
)
_PAGES_LABEL = compiled(r"(?:pages?|pp?|pgs?)(?:\.\s*|\s+)", re.IGNORECASE)
# Article numbers such as "e0123456" or "S12" stand in for pages in many journals.
_PAGE_TOKEN = r"[A-Za-z]*[0-9]+"
_PAGE_RANGE = compiled(rf"({_PAGE_TOKEN})(?:\s*[{_DASHES}]+\s*({_PAGE_TOKEN}))?")


def roman_to_int(s: str) -> int | None:
    """The value of a strictly well-formed roman numeral (any case), else None."""
    upper = s.upper()
    if not upper or _ROMAN.fullmatch(upper) is None:
        return None
    values = [_ROMAN_VALUES[ch] for ch in upper]
    # The grammar above guarantees that a smaller value before a larger one is subtractive.
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def _number_value(token: str) -> str | None:
    if token.isdigit():
        return str(int(token))
    value = roman_to_int(token)
    return None if value is None else str(value)


def normalize_number(s: str) -> str | None:
    """A volume or issue as comparable digits ("Vol. VII" -> "7", "3/4" -> "3-4").

    None for names such as "Summer" or "Special Issue", which callers compare as text.
    """
    rest = s.strip()
    label = _NUMBER_LABEL.match(rest)
    if label is not None:
        rest = rest[label.end() :]
    match = _NUMBER_RANGE.fullmatch(rest.strip())
    if match is None:
        return None
    parts = [_number_value(token) for token in match.groups() if token is not None]
    if any(part is None for part in parts):
        return None
    return "-".join(part for part in parts if part is not None)


def _expand_end_page(first: str, last: str) -> str:
    # "101-15" abbreviates "101-115": borrow the leading digits the end page left out.
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        expanded = first[: len(first) - len(last)] + last
        if int(expanded) >= int(first):
            return expanded
    return last


def normalize_pages(s: str) -> str | None:
    """A page range as "first-last" (or one page / article number), else None."""
    rest = s.strip().rstrip(".,;")
    label = _PAGES_LABEL.match(rest)
    if label is not None:
        rest = rest[label.end() :]
    match = _PAGE_RANGE.fullmatch(rest.strip())
    if match is None:
        return None
    first, last = match.groups()
    if last is None:
        return first
    return f"{first}-{_expand_end_page(first, last)}"


# --- ISBNs ------------------------------------------------------------------------------------

_ISBN_SHAPE = compiled(r"[0-9][0-9 -]*[0-9Xx]")


def is_valid_isbn(s: str) -> bool:
    """Whether ``s`` is an ISBN-10 or ISBN-13 (hyphens or spaces allowed) with a right check."""
    text = s.strip()
    if _ISBN_SHAPE.fullmatch(text) is None:
        return False
    chars = text.replace("-", "").replace(" ", "").upper()
    if len(chars) == 10:
        if not chars[:9].isdigit():
            return False
        values = [10 if ch == "X" else int(ch) for ch in chars]
        return sum(v * w for v, w in zip(values, range(10, 0, -1), strict=True)) % 11 == 0
    # Only the 978/979 "Bookland" prefixes are ISBNs; other EAN-13 codes are not.
    if len(chars) == 13 and chars.isdigit() and chars[:3] in ("978", "979"):
        return sum(int(ch) * (3 if i % 2 else 1) for i, ch in enumerate(chars)) % 10 == 0
    return False


# --- arXiv ids --------------------------------------------------------------------------------

_ARXIV_IN_TEXT = compiled(
    r"""(?<![\w./-])
    (?:(?i:arxiv)(?:\s*:\s*|\s+)|(?i:(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/))
    (?P<id>(?:[0-9]|[A-Za-z-]+(?:\.[A-Za-z-]+)?/)[^\s?#]*)""",
    re.VERBOSE,
)
_ARXIV_NEW = compiled(r"([0-9]{2})([0-9]{2})\.([0-9]{4,5})(?:v[1-9][0-9]*)?")
_ARXIV_OLD = compiled(
    r"[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/([0-9]{2})([0-9]{2})[0-9]{3}(?:v[1-9][0-9]*)?"
)


def _is_valid_arxiv_id(arxiv_id: str) -> bool:
    new = _ARXIV_NEW.fullmatch(arxiv_id)
    if new is not None:
        year_month = int(new.group(1) + new.group(2))
        # The YYMM.NNNNN scheme began in 2007-04 and widened to five digits in 2015-01.
        digits = 4 if year_month < 1501 else 5
        return 1 <= int(new.group(2)) <= 12 and year_month >= 704 and len(new.group(3)) == digits
    old = _ARXIV_OLD.fullmatch(arxiv_id)
    if old is None:
        return False
    # archive/YYMMNNN ids ran from 1991-08 until the 2007-03 switch.
    year, month = int(old.group(1)), int(old.group(2))
    return 1 <= month <= 12 and (year >= 91 or year <= 7)


def find_arxiv_ids(text: str) -> list[Candidate]:
    """arXiv ids after an "arXiv:" label or in an arxiv.org abs/pdf URL, in order."""
    found = []
    for match in _ARXIV_IN_TEXT.finditer(text):
        printed = strip_trailing_punctuation(match.group("id"))
        # The PDF link names the same paper as the abstract page.
        value = printed.removesuffix(".pdf")
        end = match.start("id") + len(printed)
        raw = text[match.start() : end]
        found.append(Candidate(match.start(), end, raw, value, _is_valid_arxiv_id(value)))
    return found


# --- URLs -------------------------------------------------------------------------------------

_URL_IN_TEXT = compiled(rf"(?<![\w./@-])(?:{_SCHEME}|www\.)\S+", re.IGNORECASE)
_SPACED_SCHEME = compiled(r"^(https?:)\s", re.IGNORECASE)
_RESOLVER_URL = compiled(_RESOLVER, re.IGNORECASE)
_URL_AUTHORITY = compiled(r"(?:https?://)?(?P<host>[^/?#:]*)(?::[0-9]+)?(?:[/?#]|$)", re.I)
_HOST = compiled(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}|[0-9]{1,3}(?:\.[0-9]{1,3}){3}")


def _is_valid_url(url: str) -> bool:
    authority = _URL_AUTHORITY.match(url)
    return authority is not None and _HOST.fullmatch(authority.group("host")) is not None


def find_urls(text: str) -> list[Candidate]:
    """http(s):// and www. URLs, in order, without trailing punctuation.

    ``value`` drops a space printed after the scheme ("https: //…").
    """
    found = []
    for match in _URL_IN_TEXT.finditer(text):
        url = strip_trailing_punctuation(match.group())
        end = match.start() + len(url)
        value = _SPACED_SCHEME.sub(r"\1", url)
        found.append(Candidate(match.start(), end, url, value, _is_valid_url(value)))
    return found


def _foreign_url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs that are not DOI resolver links."""
    return [(url.start, url.end) for url in find_urls(text) if _RESOLVER_URL.match(url.raw) is None]
