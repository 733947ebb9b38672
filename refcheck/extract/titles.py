"""The paper's title and authors: large type on the title page, and the PDF information.

The information dictionary is often wrong (a proceedings title, "Untitled", a file name), so it
is kept as a statement of its own and only chosen when the title page offers nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from refcheck.model import Statement
from refcheck.patterns import compiled
from refcheck.pdf import Line, PdfText

TITLE_SIZE_RATIO = 1.1  # a title is set at least this much larger than the body text
_MASTHEAD = compiled(
    r"^(?:the\s+)?(?:international\s+|european\s+|american\s+)?"
    r"(?:proceedings|annals|transactions|bulletin|letters|www\.|https?:)|"
    r"\b(?:journal|issn|doi)\b|\bvol(?:ume)?\.?\s*\d|@",
    re.I,
)
_JUNK_INFO_TITLE = compiled(
    r"^(?:untitled|microsoft word|layout \d|document\d*|title)\b|\.(?:docx?|pdf|tex|dvi|indd)$",
    re.I,
)
_LABEL = compiled(
    r"^\s*(?:(?:original|research|review|short|brief|editorial)\s+)?"
    r"(?:article|paper|communication|report|research|review|open access)\s*$",
    re.I,
)
_NAME_SPLIT = compiled(r"\s*(?:,|;|\band\b|&|\bund\b)\s*")
_MARKS = compiled(r"[\d*∗†‡§¶☯#✉¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_NAME = compiled(r"^[^\W\d_][\w.'’-]*(?:\s+[\w.'’-]+){1,4}$")


def body_size(pdf: PdfText) -> float:
    sizes = Counter[float]()
    for page in pdf.pages:
        for line in page.body:
            sizes[round(line.size)] += len(line.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 10.0


def title_block(pdf: PdfText, title_page: int) -> list[Line]:
    """The largest-type block of lines in the upper part of the title page (or the next)."""
    size = body_size(pdf)
    for number in (title_page, title_page + 1)[: len(pdf.pages) - title_page + 1]:
        page = pdf.pages[number - 1]
        lines = [ln for ln in page.body if ln.top < page.height * 0.6 and ln.text.strip()]
        blocks = [b for b in _blocks(lines, size * TITLE_SIZE_RATIO) if _looks_like_title(b)]
        if blocks:
            return max(blocks, key=lambda b: (max(ln.size for ln in b), -b[0].top))
        capitals = [[ln] for ln in lines[:8] if _looks_like_title([ln]) and ln.text.isupper()]
        if capitals and len(capitals[0][0].text.split()) >= 4:
            return capitals[0]
    return []


def _blocks(lines: Sequence[Line], threshold: float) -> list[list[Line]]:
    """Runs of consecutive large lines of one size, one line spacing apart."""
    blocks: list[list[Line]] = []
    for line in lines:
        if line.size < threshold or _LABEL.match(line.text):
            continue
        last = blocks[-1][-1] if blocks else None
        if (
            last is not None
            and abs(last.size - line.size) < 0.12 * line.size
            and 0 < line.bottom - last.bottom < 1.8 * line.size
        ):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _looks_like_title(block: Sequence[Line]) -> bool:
    text = " ".join(ln.text for ln in block)
    words = text.split()
    if len(words) < 3 and len(text) < 15:
        return False
    if len(words) < 2 * len(block) or (text.isupper() and len(words) <= 3):
        return False  # a logo set one word a line, or a label such as "RESEARCH ARTICLE"
    return _MASTHEAD.search(text) is None


def title_statements(pdf: PdfText, title_page: int, block: Sequence[Line]) -> list[Statement]:
    """The title as set in ``block`` (from :func:`title_block`) and as the PDF info gives it."""
    found = []
    if block:
        text = _clean(_join_title_lines(ln.text for ln in block))
        found.append(Statement("title", text, text.casefold(), title_page, "first-page"))
    info = pdf.info_value("Title")
    if info and _plausible_info_title(info):
        found.append(Statement("title", info, info.casefold(), None, "pdf-info"))
    return found


def _join_title_lines(lines: Iterable[str]) -> str:
    """Titles break after a real hyphen ("Dar Al-" / "Shifa"): keep it, add no space."""
    text = ""
    for line in lines:
        line = line.strip()
        glue = "" if not text or (text.endswith("-") and line[:1].isupper()) else " "
        text = f"{text}{glue}{line}"
    return text


def _plausible_info_title(title: str) -> bool:
    return len(title.split()) >= 3 and not _JUNK_INFO_TITLE.search(title.strip())


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s*[*∗†‡]+$", "", text)


def first_page_authors(pdf: PdfText, title_page: int, block: Sequence[Line]) -> list[str]:
    """Names on the lines right below the title ``block``, without affiliation marks."""
    if not block:
        return []
    body = [ln for ln in pdf.pages[title_page - 1].body if ln.text.strip()]
    after = body.index(block[-1]) + 1 if block[-1] in body else len(body)
    names: list[str] = []
    for line in body[after : after + 3]:
        parsed = split_names(_without_superscripts(line))
        if not parsed:
            break
        names.extend(parsed)
    return names


def _without_superscripts(line: Line) -> str:
    return " ".join(w.text for w in line.words if not w.superscript)


def split_names(text: str) -> list[str]:
    """Split an author line into names; nothing when any piece does not look like a name."""
    pieces = [_MARKS.sub("", piece).strip(" .,") for piece in _NAME_SPLIT.split(text)]
    names = [p for p in pieces if p]
    if not names or not all(_NAME.match(name) for name in names):
        return []
    return names


def authors_from_info(author: str | None) -> Sequence[str]:
    if not author or author.lower() in {"author", "unknown", "admin", "user"}:
        return []
    return split_names(author)
