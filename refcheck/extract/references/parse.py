"""Parse one reference string into a ``Reference``.

A CRF (``crf.py``) labels each token with the field it belongs to; the rules here turn each
labelled span into a normalised value: names into ``Author``s, a date span into year, suffix
and ISO date, "12(3)" into volume and issue, "pp. 101-15" into "101-115". DOIs and URLs are
read from the whole string with the identifier finders, which are more reliable than a span.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from refcheck.extract.identifiers import (
    find_dois,
    find_urls,
    is_valid_doi,
    normalize_pages,
    strip_trailing_punctuation,
)
from refcheck.extract.references.crf import tag, tokenize
from refcheck.extract.references.kinds import guess_type
from refcheck.extract.references.locators import (
    before_access_cue,
    find_article_number,
    find_nlm_locator,
    outside_access_dates,
)
from refcheck.extract.references.repairs import repair_labels
from refcheck.model import Author, Reference
from refcheck.patterns import compiled

__all__ = ["guess_type", "parse_authors", "parse_date", "parse_pages", "parse_reference",
           "split_volume"]  # fmt: skip

_YEAR = compiled(r"(?<![\d])((?:1[5-9]|20)\d\d)([a-z]?)(?![\d])")
_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "mär": 3, "apr": 4, "may": 5, "mai": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12,
}  # fmt: skip
_MONTH = compiled(
    r"\b(jan|feb|mär|mar|apr|may|mai|jun|jul|aug|sep|okt|oct|nov|de[cz])[a-zä]*\.?", re.I
)
_DAY = compiled(r"(?<!\d)([0-3]?\d)(?:st|nd|rd|th)?(?!\d)")
# Line breaks put spaces into printed DOIs: "doi:10 .1088/…", "doi.org/10.1021/ es0519278".
_DOI_BROKEN = compiled(r"((?:doi\s*:?\s*|doi\.org/)10)\s*\.\s*([0-9]{4,9})\s*/\s*", re.I)
# … and into the suffix, after a character a DOI is broken at: "10.1523/jneurosci. 0300-04.2004".
# Only the string's last word is taken back, and only a piece of digits and separators: what
# follows a DOI otherwise is the next sentence.
_DOI_TAIL_BROKEN = compiled(r"(10\.[0-9]{4,9}/\S*[./-])\s+([0-9a-z][\w.()/-]*?)[.,;]?$")
_DOI_PIECE = compiled(r"(?=.*[0-9])(?=.*[./()-])")
# What text extraction glues onto a DOI: LaTeX styles' "….2863.URL http://…", and the next
# item of a list with no space: "…(2014)118[ arXiv", "…181602,hep-th/0603001".
_DOI_GLUED = compiled(r"\.url$|\[[^\]]*$|,[a-z].*$")
_NO_YEAR = compiled(r"\b(?:in press|forthcoming|im druck|n\.\s?d\.|o\.\s?j\.)", re.IGNORECASE)
_EDGE_JUNK = " \t,.;:/\"'“”„«»‘’"
_PAIRS = {"(": ")", "[": "]", "{": "}"}


def _clean(text: str) -> str:
    """A span without the separators, quotes and unbalanced brackets it was printed with."""
    text = " ".join(text.split())
    while True:
        before = text
        text = text.strip(_EDGE_JUNK)
        if text[:1] in _PAIRS and _PAIRS[text[0]] not in text:
            text = text[1:]
        if (
            text
            and text[-1] in ")]}"
            and text.count(text[-1])
            > sum(text.count(o) for o, c in _PAIRS.items() if c == text[-1])
        ):
            text = text[:-1]
        if text[:1] in _PAIRS and text[-1:] == _PAIRS[text[0]] and text.count(text[0]) == 1:
            text = text[1:-1]  # "(2003)": a bracketed span, not a bracket inside a span
        if text == before:
            return text


def _spans(raw: str) -> dict[str, list[str]]:
    """The text of each run of tokens that share a label, grouped by label, in order."""
    tokens = tokenize(raw)
    spans: dict[str, list[str]] = {}
    start = 0
    for i, label in enumerate(labels := repair_labels(tokens, tag(tokens))):
        if i + 1 == len(tokens) or labels[i + 1] != label:
            spans.setdefault(label, []).append(raw[tokens[start].start : tokens[i].end])
            start = i + 1
    return spans


# --- dates ---------------------------------------------------------------------------------


def parse_date(text: str) -> tuple[str | None, str, str | None]:
    """Year, year suffix and ISO date ("2023-07-31", "2023-07") when month or day are given."""
    match = _YEAR.search(text)
    if match is None:
        return None, "", None
    year, suffix = match.group(1), match.group(2)
    month = _MONTH.search(text)
    if month is None:
        return year, suffix, None
    number = _MONTH_NUMBERS[month.group(1).lower()[:3]]
    rest = text[: match.start()] + " " + text[match.end() :]
    day = _DAY.search(rest.replace(month.group(), " "))
    if day is not None and 1 <= int(day.group(1)) <= 31:
        return year, suffix, f"{year}-{number:02d}-{int(day.group(1)):02d}"
    return year, suffix, f"{year}-{number:02d}"


# --- volume, issue, pages ------------------------------------------------------------------

_VOLUME_ISSUE = compiled(
    r"^(?:(?:vol(?:ume)?|bd|band|jg|t)\.?\s*)?([0-9]+|[IVXLCDM]+)\b\s*"
    r"(?:[(\[]\s*([^)\]]+?)\s*[)\]]|[,/.]?\s*(?:no|nr|num|issue|iss|heft|h)\.?\s*(\S+)|/\s*(\d+))?",
    re.IGNORECASE,
)
_ISSUE_ONLY = compiled(r"^(?:no|nr|num|issue|iss|heft|h)\.?\s*(\S+)", re.IGNORECASE)


# The date that Vancouver/NLM locators print before the volume: "2014;13(2):",
# "2012 Jul 11;49(1):", "Dec 7 2006;355(23):".
_YEAR_BEFORE_VOLUME = compiled(
    r"^(?:[A-Za-z]{3,9}\.?\s+(?:\d{1,2}\s+)?)?(?:1[5-9]|20)\d\d[a-z]?"
    r"(?:\s+[A-Za-z]{3,9}\.?(?:\s+\d{1,2})?)?\s*;\s*(?=\S)"
)


def split_volume(text: str) -> tuple[str | None, str | None]:
    """Volume and issue from a span such as "12(3)", "Vol. 12, No. 3", "12/3" or "No. 4".

    A year before a semicolon ("2014;13(2)") is the Vancouver date, not the volume.
    """
    text = _YEAR_BEFORE_VOLUME.sub("", _clean(text))
    issue_only = _ISSUE_ONLY.match(text)
    if issue_only is not None:
        return None, strip_trailing_punctuation(issue_only.group(1))
    match = _VOLUME_ISSUE.match(text)
    if match is None:
        return (text or None), None
    issue = next((g for g in match.groups()[1:] if g), None)
    if issue is None and re.fullmatch(r"0\d", match.group(1)):
        # "JHEP 03 (2017) 135": a zero-padded number is a month-like issue, not a volume.
        return None, match.group(1)
    return match.group(1), strip_trailing_punctuation(issue) if issue else None


_PAGE_RANGE = compiled(r"[A-Za-z]?\d+(?:\s*[-–—‐‑]+\s*[A-Za-z]?\d+)?")
# "pp. 101", "S. 211", "Seiten 3-9"; "S1-S9" is a supplement's pages, not "S." and "1-S9".
_PAGES_LABEL = compiled(r"^(?:(?:pp?|pages?|seiten?)\.?\s*|s(?:\.\s*|\s+))", re.IGNORECASE)


def parse_pages(text: str) -> str | None:
    """A printed page span ("pp. 101-15.", "S. 211–229", "(25-50)") as "first-last"."""
    cleaned = _PAGES_LABEL.sub("", _clean(text))
    pages = normalize_pages(cleaned)
    if pages is None:
        match = _PAGE_RANGE.search(cleaned)
        pages = normalize_pages(match.group()) if match else None
    return pages


# --- names ---------------------------------------------------------------------------------

_PARTICLES = frozenset((
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la", "le",
    "lo", "ten", "ter", "vom", "zu", "zum", "zur", "y", "al", "el", "bin", "ibn", "st", "st.",
))  # fmt: skip
_ORG_WORDS = compiled(
    r"\b(?:organi[sz]ation|institut[e]?|association|society|university|universität|agency|"
    r"department|committee|council|commission|group|consortium|collaboration|foundation|"
    r"bureau|office|ministry|cent(?:re|er)|board|bank|nations|union|team|project|network|"
    r"service|administration|authority|corporation|inc|ltd|gmbh|federal|national|statistics|"
    r"world|bundesamt|amt|government|programme|program|forum|alliance|academy|"
    r"initiative|panel|partnership|working|collective|coalition|federation|international|"
    r"institutes|laborator(?:y|ies)|hospital|college|museum|library|company|trust)\b",
    re.IGNORECASE,
)
_ETAL = compiled(r",?\s*(?:\bet\s*al\b\.?|\band others\b|\bu\.\s?a\.|\bet\s+alii\b)", re.I)
_CONJUNCTION = compiled(r"\s*(?:;|&|\band\b|\bund\b|\bet\b|\bmit\b|\s/\s?|(?<=\.)/)\s*")
_INITIALS = compiled(r"(?:[^\W\d_]{1,2}\.[-‐]?)+")
_HYPHENATED_CAPITALS = compiled(r"[^\W\d_a-z](?:[-‐][^\W\d_a-z])+")
# A hyphenated initial printed with a space before its hyphen (biblatex: "J. -F. Boujut").
_SPACED_HYPHEN_INITIAL = compiled(r"\.\s+([-‐]\s?[^\W\d_]{1,2}\.)")
# Generational suffixes and honorifics are not part of either half of a name.
_DROPPED_WORDS = frozenset({"jr", "sr", "ii", "iii", "iv", "dr", "prof", "mr", "mrs", "ms", "sir"})
_PART_EDGES = " \t,;:/\"'“”„«»‘’"
_EDITOR_NOTE = compiled(r"\((?:eds?|hrsg|hg|dir|coord)\.?\)|\beds?\.$", re.IGNORECASE)


def _is_initials(word: str) -> bool:
    """'J.', 'J.-P.', 'JA', 'W.-P.', 'S-I' - but not 'Li' or 'Wu', which are family names."""
    if not word[:1].isupper():
        return False
    if "." in word:
        return _INITIALS.fullmatch(word) is not None
    if _HYPHENATED_CAPITALS.fullmatch(word):
        return True  # "S-I", "J-P": Vancouver's initials of a hyphenated given name
    return word.isupper() and len(word) <= 3 and word.isalpha()


def _family_start(words: list[str]) -> int:
    """Index where the family name begins in "Given Middle [particles] Family"."""
    start = len(words) - 1
    while start > 0 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return start


def _person(part: str) -> Author | None:
    """One name written in one piece: "J. A. Smith", "Smith JA", "Ludwig van Beethoven"."""
    words = [w for w in part.split() if w.lower().rstrip(".") not in _DROPPED_WORDS]
    if not words:
        return None
    initials = [_is_initials(w) for w in words]
    trailing = len(words)
    while trailing > 0 and initials[trailing - 1]:
        trailing -= 1
    if 0 < trailing < len(words) and not any(initials[:trailing]):
        # "Smith JA", "Van der Heijden F.", "Hakimi Rad E.": initials after the family name.
        return Author(" ".join(words[:trailing]), " ".join(words[trailing:]))
    caps = [i for i, w in enumerate(words) if w.isupper() and len(w) > 3 and w.isalpha()]
    if caps and len(caps) < len(words):
        # "APPELBAUM Eileen": small capitals mark the family name.
        family = " ".join(words[i] for i in caps)
        return Author(family, " ".join(w for i, w in enumerate(words) if i not in caps))
    start = _family_start(words)
    return Author(" ".join(words[start:]), " ".join(words[:start]))


def _is_org(part: str) -> bool:
    words = part.split()
    if _ORG_WORDS.search(part) and not any(_is_initials(w) for w in words):
        return True
    # Five words without initials name an organisation, unless "and" joins two people
    # ("Erik Holmer and Andreas Marfurt", the ACL style).
    long_name = len(words) >= 5 and not any(_is_initials(w) for w in words)
    return long_name and _CONJUNCTION.search(part) is None


def _family_only(part: str) -> bool:
    """Whether ``part`` can be the family-name half of an inverted "Family, Given" pair.

    A particle is written in lower case or capitalised ("da Silva", "De Souza"), or in
    capitals in a name all in capitals ("DE RAEDT"); in capitals after a name in small letters
    it is initials ("Prentice DA", Vancouver and Annual Reviews styles)."""
    names = part.split()
    words = [
        w
        for i, w in enumerate(names)
        if w.lower() not in _PARTICLES or (w.isupper() and not all(x.isupper() for x in names[:i]))
    ]
    return len(words) == 1 and not _is_initials(words[0])


def _given_like(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)


def _inverted(part: str, following: str, last: bool) -> bool:
    """Whether ``part``, ``following`` is a "Family, Given" pair ("Schwenke Fors, B.").

    A family name of several words needs initials after it, or a lone given name that ends
    the list ("García Márquez, Ana"): "John Smith, Jane Doe" lists two whole names.
    """
    if _family_only(part):
        return _given_like(following)
    words, given = part.split(), following.split()
    if len(words) > 3 or any(_is_initials(w) for w in words):
        return False
    return all(_is_initials(w) for w in given) or (
        last and len(given) == 1 and _given_like(following)
    )


def _names_of_chunk(parts: list[str]) -> list[Author]:
    """Names from comma-separated parts, inverted ("Smith, J., Lee, K.") or not."""
    authors: list[Author] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if _is_org(part):
            authors.append(Author(part, organization=True))
        elif i + 1 < len(parts) and _inverted(part, parts[i + 1], i + 2 == len(parts)):
            authors.append(Author(part, parts[i + 1]))
            i += 1
        elif (person := _person(part)) is not None:
            authors.append(person)
        i += 1
    return authors


def parse_authors(text: str) -> tuple[Author, ...]:
    """The people and organisations of an author span, in order; "et al." is dropped."""
    text = _EDITOR_NOTE.sub("", _ETAL.sub("", " ".join(text.split())))
    text = _SPACED_HYPHEN_INITIAL.sub(r".\1", text)  # "J. -F." is "J.-F.", one given name
    text = text.strip(_PART_EDGES + "()[]")
    if text.endswith(".") and not _is_initials(text.split()[-1]):
        text = text[:-1]  # the span's full stop, not an initial's
    if not text:
        return ()
    if _is_org(text) and "," not in text and ";" not in text:
        return (Author(text, organization=True),)
    authors: list[Author] = []
    for chunk in _CONJUNCTION.split(text):
        parts = [p.strip(_PART_EDGES) for p in chunk.split(",")]
        parts = [p for p in parts if p and p.lower().rstrip(".") not in _DROPPED_WORDS]
        authors.extend(_names_of_chunk(parts))
    return tuple(authors)


# --- the reference -------------------------------------------------------------------------

_ABBREVIATED_END = compiled(r"(?:^|\s)[A-Z][a-z]{0,4}$")


def _container(spans: dict[str, list[str]]) -> str | None:
    text = spans.get("container", [None])[0]
    if text is None:
        return None
    text = re.sub(r"^\s*in\b\s*:?\s*", "", text, flags=re.IGNORECASE)
    cleaned = _clean(before_access_cue(text))
    # "J. Am. Chem. Soc.": the last full stop belongs to the abbreviation.
    if _ABBREVIATED_END.search(cleaned) and text.rstrip(" ,;:").endswith(cleaned + "."):
        cleaned += "."
    return cleaned or None


def _title(spans: dict[str, list[str]]) -> str | None:
    text = spans.get("title", [None])[0]
    if text is None:
        return None
    # Titles end in "." or "?" and sit in quotes; the quotes and full stop are not the title.
    text = _clean(text.rstrip(" .,;:"))
    return text.rstrip(".") or None


def parse_reference(raw: str, *, id: str, page: int, label: str | None = None) -> Reference:
    """Split one reference string into fields (see ``Reference``)."""
    text = unicodedata.normalize("NFC", " ".join(raw.split()))
    spans = _without_access_dates(text, _spans(text))
    date_text = " ".join(spans.get("date", []))
    year, suffix, date = parse_date(date_text)
    if year is not None and int(year) > datetime.date.today().year + 1:
        # Not yet a year: a particle's mass "D(2030)", a standard's number.
        year, suffix, date = parse_date(_fallback_year(text, before=int(year)))
    if year is None and not _NO_YEAR.search(text):
        year, suffix, date = parse_date(_fallback_year(text))
    volume, issue = split_volume(spans["volume"][0]) if "volume" in spans else (None, None)
    pages = parse_pages(spans["pages"][0]) if "pages" in spans else find_article_number(text)
    nlm = find_nlm_locator(text)
    if nlm is not None and year in (None, nlm.year):
        year, volume, issue, pages = nlm.year, nlm.volume, nlm.issue, nlm.pages or pages
    dois = [_trim_doi(c.value.lower()) for c in find_dois(_mend_doi(text))]
    dois = [doi for doi in dois if is_valid_doi(doi)]
    urls = [c.value for c in find_urls(text) if c.valid and "doi.org/" not in c.value.lower()]
    container = _container(spans)
    return Reference(
        id=id,
        raw=raw,
        page=page,
        label=label,
        authors=parse_authors(_author_span(text, spans)),
        year=year,
        year_suffix=suffix,
        date=date,
        title=_title(spans),
        container=container,
        volume=volume,
        issue=issue,
        pages=pages,
        doi=dois[0] if dois else None,
        urls=tuple(dict.fromkeys(urls)),
        publisher=_first_clean(spans, "publisher"),
        type=guess_type(text, spans, container, date),
    )


def _without_access_dates(text: str, spans: dict[str, list[str]]) -> dict[str, list[str]]:
    """The spans less any volume or pages the model found in an access date.

    "Accessed: Apr. 21, 2021" is when the page was read: its day is no volume, its year no
    page.
    """
    kept = {
        label: outside_access_dates(text, found) if label in ("volume", "pages") else found
        for label, found in spans.items()
    }
    return {label: found for label, found in kept.items() if found}


_EDITOR_CUE = compiled(r"\(eds?\.?\)|\beds?\.|\bhrsg\b|\beditors?\b|\(coord", re.I)


def _author_span(text: str, spans: dict[str, list[str]]) -> str:
    """The author span; names the model labelled "editor" at the very start are authors.

    "Amodeo, Maryann & Griffin, Margaret (2009)" looks like an editor list to the model,
    but nothing precedes it: it is who wrote the work.
    """
    if "author" in spans:
        return spans["author"][0]
    editors = spans.get("editor", [])
    if editors and text.startswith(editors[0][:20]) and not _EDITOR_CUE.search(text[:200]):
        return editors[0]
    return ""


def _first_clean(spans: dict[str, list[str]], label: str) -> str | None:
    return _clean(spans[label][0]) or None if label in spans else None


def _mend_doi(text: str) -> str:
    """The text with spaces that line breaks put into a DOI taken out."""
    text = _DOI_BROKEN.sub(r"\1.\2/", text)
    tail = _DOI_TAIL_BROKEN.search(text)
    if tail is None or not _DOI_PIECE.match(tail.group(2)):
        return text  # "….001. 2019": a year after the DOI, no piece of it
    return text[: tail.end(1)] + text[tail.start(2) :]


def _trim_doi(doi: str) -> str:
    return _DOI_GLUED.sub("", doi)


def _fallback_year(text: str, before: int = 10_000) -> str:
    """A year in brackets anywhere, for when the model labelled none: "(2020a)", "[1999]".

    Only years before ``before`` count (a label already turned down is not taken again).
    """
    bracketed = [
        m.group(1)
        for m in re.finditer(r"[(\[]((?:1[5-9]|20)\d\d[a-z]?)[)\],]", text)
        if int(m.group(1)[:4]) < before
    ]
    if bracketed:
        return bracketed[0]
    if before < 10_000:
        return ""
    # A Vancouver web page: "Open Data Portal; 2020 Nov 27 [cited 2021 Feb 14]".
    vancouver = re.search(
        r";\s*((?:1[5-9]|20)\d\d(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?)(?=\s*[\[.;:])", text
    )
    if vancouver:
        return vancouver.group(1)
    # IEEE and Vancouver give the year late: "pp. 45–63, 2021, doi: …"; take the last one.
    late = re.findall(r"(?:^|[\s,;])((?:1[5-9]|20)\d\d[a-z]?)(?=[,.;]|$)", text)
    return late[-1] if late else ""
