"""REF: the reference list itself — duplicates, order, dates and completeness."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from refcheck.extract.statements import masthead_date
from refcheck.health import assess
from refcheck.model import Finding, Reference, Severity
from refcheck.names import DUPLICATE_SIMILARITY, fold_name, name_forms
from refcheck.patterns import compiled
from refcheck.rules.base import Rule, RuleInput
from refcheck.rules.citation_order import descents, float_doubt, skipped_doubt

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _folded_text(reference: Reference) -> str:
    return re.sub(r"\s+", " ", fold_name(reference.raw))


class DuplicateReference(Rule):
    """The same work listed twice.

    What it does:
    Reports pairs of references with the same DOI, or whose texts are nearly identical, or
    with the same first author, year and a nearly identical title.

    Why it matters:
    Duplicates inflate the list, split citations between two entries and suggest the list was
    merged from several drafts without checking.

    Example:
    "[4] Smith J. Title. Nature 2020;1:1–5." and "[17] Smith J. Title. Nature 2020;1:1–5."

    Fix:
    Keep one entry and point every citation of the other to it.
    """

    code = "REF001"
    name = "duplicate-reference"
    severity = Severity.WARNING

    def check(self, data: RuleInput) -> Iterator[Finding]:
        keyed = [_WorkKey.of(r) for r in data.document.references]
        for later_index, later in enumerate(keyed):
            for earlier in keyed[:later_index]:
                why = _same_work(earlier, later)
                if why:
                    first, repeat = earlier.reference, later.reference
                    yield self.finding(
                        f"reference {repeat.label or repeat.id} repeats reference "
                        f"{first.label or first.id} ({why})",
                        page=repeat.page,
                        reference_id=repeat.id,
                        evidence={"first": first.raw, "repeat": repeat.raw, "why": why},
                        fix=f"Remove {repeat.label or repeat.id} and cite "
                        f"{first.label or first.id} instead",
                    )
                    break


@dataclass(frozen=True)
class _WorkKey:
    """What two references are compared by, folded once: the list is compared pairwise."""

    reference: Reference
    text: str
    title: str
    first_author: frozenset[str]

    @classmethod
    def of(cls, reference: Reference) -> _WorkKey:
        authors = reference.authors
        return cls(
            reference,
            _folded_text(reference),
            fold_name(reference.title or ""),
            frozenset(name_forms(authors[0].family)) if authors else frozenset(),
        )


def _same_work(a: _WorkKey, b: _WorkKey) -> str | None:
    ra, rb = a.reference, b.reference
    if ra.doi and ra.doi == rb.doi:
        return "same DOI"
    if fuzz.ratio(a.text, b.text) >= DUPLICATE_SIMILARITY:
        return "same text"
    if not (
        a.first_author & b.first_author
        and ra.year == rb.year
        and a.title
        and b.title
        and fuzz.ratio(a.title, b.title) >= DUPLICATE_SIMILARITY
    ):
        return None
    if ra.year_suffix == rb.year_suffix:
        return "same first author, year and title"
    # A style gives one work listed twice "1990a" and "1990b"; two works differ in their pages.
    if ra.pages and ra.pages == rb.pages and ra.volume == rb.volume:
        return "same first author, year, title and pages"
    return None


class ReferenceOrder(Rule):
    """A reference list out of order.

    What it does:
    For an author-year list, reports entries not in alphabetical order of the first author's
    surname under every accepted collation: particles sorted either way, letter by letter or
    word by word (O'Brien), Æ Ø Å after Z or folded, Ä Ö Ü as AE OE UE, organisations by
    their first word, one author's works in date order. A list in date order, and entries
    with neither year, DOI nor URL, are left alone; when the list holds many such entries
    the findings are info. For a numbered list,
    reports numbers that skip, repeat or go backwards, and — where the paper numbers its
    references in order of first citation — works first cited out of that order.

    Why it matters:
    Readers find references by position; journals' styles prescribe the order, and a gap in
    numbering usually means a reference was deleted without renumbering the citations.

    Example:
    "Zhang (2019)" listed before "Adams (2020)"; numbers 1, 2, 4, 5; [5] cited before [3]
    in a paper numbered by citation order.

    Fix:
    Sort or renumber the list (a reference manager does it), and update the citations.
    """

    code = "REF002"
    name = "reference-order"
    severity = Severity.WARNING

    def check(self, data: RuleInput) -> Iterator[Finding]:
        references = data.document.references
        numbered = [r for r in references if r.label and r.label.isdigit()]
        if numbered and len(numbered) == len(references):
            yield from self._numbering(numbered)
            yield from self._citation_order(data, numbered)
        elif not any(r.label for r in references):
            health = assess(data.document, data.linking)
            yield from self._alphabetical(references, health.order_doubt(), health.evidence())

    def _numbering(self, references: Sequence[Reference]) -> Iterator[Finding]:
        numbers = [int(r.label or 0) for r in references]
        expected = list(range(1, len(numbers) + 1))
        if numbers == expected:
            return
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        backwards = [b for a, b in itertools.pairwise(numbers) if b <= a]
        parts = []
        if missing:
            parts.append(f"missing {', '.join(map(str, missing))}")
        if repeated:
            parts.append(f"repeated {', '.join(map(str, repeated))}")
        if backwards and not repeated:
            parts.append(f"out of order at {', '.join(map(str, backwards))}")
        yield self.finding(
            f"the reference list is not numbered 1..{len(numbers)}: {'; '.join(parts)}",
            page=references[0].page,
            evidence={"found": numbers, "missing": missing, "repeated": repeated},
            fix="Renumber the list consecutively and update the citations",
        )

    def _citation_order(
        self, data: RuleInput, references: Sequence[Reference]
    ) -> Iterator[Finding]:
        listed = {int(r.label or 0) for r in references}
        first_cited: list[int] = []
        for citation in data.document.citations:
            for work in citation.works:
                number = work.number
                if number is not None and number in listed and number not in first_cited:
                    first_cited.append(number)
        if len(first_cited) < 5 or _sorted_by_author(references):
            return  # too few to tell, or numbered in the order of an author-sorted style
        in_place = sum(1 for position, n in enumerate(first_cited, 1) if n == position)
        if in_place < 0.6 * len(first_cited) or in_place == len(first_cited):
            return  # not numbered by citation order, or perfectly so
        if not descents(first_cited):
            return  # every number is first cited after all smaller ones found: no order broken
        out = [n for position, n in enumerate(first_cited, 1) if n != position]
        doubt = skipped_doubt(data, references, first_cited) or float_doubt(first_cited)
        yield self.finding(
            "the list is numbered by order of first citation, but references "
            f"{', '.join(map(str, out[:10]))} are first cited out of that order",
            page=references[0].page,
            evidence={
                "first_citation_order": first_cited,
                **({"info_because": doubt} if doubt else {}),
            },
            fix="Renumber the references in the order they are first cited",
            severity=Severity.INFO if doubt else None,
        )

    def _alphabetical(
        self, references: Sequence[Reference], doubt: str | None, health: dict[str, object]
    ) -> Iterator[Finding]:
        # An entry with neither a year, a DOI nor a URL is text the list took in, not a work.
        readable = [r for r in references if r.year or r.doi or r.urls]
        if _in_date_order(readable):
            return  # a chronological list: its breaks in the alphabet are no mistakes
        keyed = [(r, sort_keys(r)) for r in readable]
        for (before, keys_before), (after, keys_after) in itertools.pairwise(keyed):
            if _break(keys_before, keys_after):
                yield self.finding(
                    f"{_first_words(after)!r} is listed after {_first_words(before)!r}: "
                    "the list is not alphabetical by first author",
                    page=after.page,
                    reference_id=after.id,
                    evidence={
                        "before": before.raw,
                        "after": after.raw,
                        "health": health,
                        **({"info_because": doubt} if doubt else {}),
                    },
                    fix="Sort the list alphabetically by the first author's surname",
                    severity=Severity.INFO if doubt else None,
                )


def _break(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """The later entry sorts first under every accepted collation."""
    return all(kb > ka for kb, ka in zip(before, after, strict=True))


def _sorted_by_author(references: Sequence[Reference]) -> bool:
    """Every entry has its authors and none sorts before the one above it (splncs04, amsplain
    and other numbered styles sort by author: their numbers follow the alphabet, and first
    citations fall out of that order by the text's design, not by mistake)."""
    if not all(r.authors for r in references):
        return False
    keys = [sort_keys(r) for r in references]
    return not any(_break(a, b) for a, b in itertools.pairwise(keys))


def _first_words(reference: Reference) -> str:
    if reference.authors:
        return reference.authors[0].family
    return " ".join(reference.raw.split()[:4])


# A list in date order: this share of neighbours (both dated) has years that never fall (or
# never rise), over at least this many entries. An alphabetical list's years go up and down
# at random, about half the time each way.
DATE_ORDER_SHARE = 0.9
MIN_ENTRIES_FOR_DATE_ORDER = 5
# Letters that Danish, Norwegian and Swedish file after Z, and German phone-book spellings.
_AFTER_Z = str.maketrans({"æ": "z{", "ø": "z|", "å": "z}", "ä": "z~", "ö": "z~"})
_EXPANDED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_LEADING_ARTICLE = compiled(r"^(?:the|a|an|die|der|das|le|la|les|l|el|los)\s+")


def _in_date_order(references: Sequence[Reference]) -> bool:
    years = [int(r.year) for r in references if r.year and r.year.isdigit()]
    if len(years) < MIN_ENTRIES_FOR_DATE_ORDER or len(years) < 0.8 * len(references):
        return False
    steps = list(itertools.pairwise(years))
    rising = sum(1 for a, b in steps if b >= a)
    falling = sum(1 for a, b in steps if b <= a)
    return max(rising, falling) >= DATE_ORDER_SHARE * len(steps)


def sort_keys(reference: Reference) -> tuple[str, ...]:
    """The entry's sort key under each accepted collation; a break must hold under all.

    Accepted: the surname letter by letter, with or without particles ("van der Berg" under V
    or B), word by word (an apostrophe or space sorts first: "O'Brien" before "Oakley"), with
    Æ Ø Å (and Ä Ö) after Z as Nordic lists file them or Ä Ö Ü as AE OE UE, and by the first
    word alone, so that the works of one author may follow each other in date order whatever
    comes after the surname. Without parsed authors, or for an organisation, the entry's first
    words stand for the name, with or without a leading article ("The World Bank").
    """
    author = reference.authors[0] if reference.authors else None
    if author is None or author.organization:
        name = _LEADING_ARTICLE.sub("", " ".join(reference.raw.split()[:4]).casefold())
        whole_text = " ".join(reference.raw.split()[:4])
    else:
        name = whole_text = author.family
    words = fold_name(name).split() or [""]
    forms = name_forms(name)
    folded = name.casefold()
    printed = _printed_name(reference.raw) or "".join(words)
    return (
        _label_key(reference.raw) or printed,
        printed,
        "".join(fold_name(whole_text).split()),
        min(forms, key=len) if forms else "".join(words),
        " ".join(words),
        "".join(fold_name(folded.translate(_AFTER_Z)).split()),
        "".join(fold_name(folded.translate(_EXPANDED)).split()),
        words[0],
    )


# An alphabetic style's label opening the entry ("[Knu84]", "[AF04]", "[Asp+00]"): such styles
# (biblatex alphabetic, alpha.bst, amsalpha) file the list by label, whose letters are not always
# the first author's surname's ("[AF04] Arriaga" before "[AN04] Alheit").
_ALPHA_LABEL = compiled(r"^\s*\[([^\W\d_][^\s\[\]]{1,9})\]\s")
# Initials printed before a surname: "J.", "J.-P.", "Ch.", "S. -I." or a bare capital.
_INITIAL = compiled(r"^(?:[^\W\d_]{1,2}\.|-?[^\W\d_]\.?-?[^\W\d_]?\.|[^\W\d_])[-,]?$")


def _label_key(raw: str) -> str:
    found = _ALPHA_LABEL.match(raw)
    return "".join(fold_name(found.group(1)).split()) if found else ""


def _printed_name(raw: str) -> str:
    """The first author's surname as printed after the initials, or before the comma of a
    surname-first name: "Wellman Kephart" of "J. O. Wellman Kephart, T. Hogg",
    "Iturralde-Vinent" of "M. A. Iturralde-Vinent. Meso-…".
    A parse may keep only a part of a compound surname or take a title's word for it; the
    list was filed by what the style printed.
    """
    words = _ALPHA_LABEL.sub("", raw).split()
    initials = 0
    while words and _INITIAL.match(words[0]):
        words.pop(0)
        initials += 1
    if not initials and not (words and words[0].endswith(",")):
        return ""  # given names in full first ("Ulla Metzger"): the parse knows better
    name: list[str] = []
    for word in words[:4]:
        if not word[:1].isupper():
            break
        name.append(word.rstrip(".,;:"))
        if word[-1] in ".,;:":
            break
    return "".join(fold_name(" ".join(name)).split())


class ReferenceAfterPublication(Rule):
    """A reference dated after the paper itself was published.

    What it does:
    Compares each reference's year (and month, where both are known) with the latest date
    the paper states for itself, and reports references dated later.

    Why it matters:
    A work cannot cite what did not exist yet: the date is a typo, the reference was added
    to a later version, or the reference is fabricated.

    Example:
    A paper published in June 2021 citing "Lee, K. (2023). …".

    Fix:
    Correct the reference's date; if the work appeared later, it does not belong here.
    """

    code = "REF004"
    name = "reference-after-publication"
    severity = Severity.WARNING

    def check(self, data: RuleInput) -> Iterator[Finding]:
        published = _paper_date(data)
        if published is None:
            return
        for reference in data.document.references:
            dated = _reference_date(reference)
            if dated is not None and dated > published:
                yield self.finding(
                    f"reference {reference.label or reference.id} is dated "
                    f"{reference.date or reference.year}, after the paper's own date",
                    page=reference.page,
                    reference_id=reference.id,
                    evidence={
                        "found": reference.date or reference.year,
                        "paper_date": _format(published),
                        "reference": reference.raw,
                    },
                    fix="Correct the reference's date",
                )


def _month(text: str) -> int:
    folded = text.casefold()
    return next((i for i, m in enumerate(_MONTHS, 1) if m in folded), 0)


def _paper_date(data: RuleInput) -> tuple[int, int] | None:
    """The latest (year, month) the paper states for itself; month 12 when no month is known.

    A year stated without a month ("2024" in a running header) does not hide the month a
    dated statement gives for that same year ("March 2024"): it is the same date, less
    precisely. It counts only when it is later than every dated statement.
    """
    months: dict[int, int] = {}
    for statement in data.document.metadata.statements:
        if statement.field in ("year", "date"):
            years = re.findall(r"(?:19|20)\d\d", statement.value)
            if years:
                year = int(years[-1])
                month = _month(statement.value) if statement.field == "date" else 0
                months[year] = max(months.get(year, 0), month)
    if not months:
        return None
    year = max(months)
    return (year, months[year] or 12)


_ISO_MONTH = compiled(r"^\d{4}-(\d{2})")


def _reference_date(reference: Reference) -> tuple[int, int] | None:
    """The reference's (year, month); month 0 when it gives none (never after the paper's)."""
    if not reference.year or not reference.year.isdigit():
        return None
    month = 0
    if reference.date:  # the parser's ISO date ("2024-07", "2024-07-31") or the printed one
        iso = _ISO_MONTH.match(reference.date)
        if iso is not None:
            month = int(iso.group(1))
        elif masthead_date(reference.date) is not None:
            month = _month(reference.date)
    return (int(reference.year), month)


def _format(date: tuple[int, int]) -> str:
    return f"{date[0]}-{date[1]:02d}" if date[1] != 12 else str(date[0])


class IncompleteReference(Rule):
    """A journal article reference without its journal, year or locator.

    What it does:
    Reports references that look like journal articles but give no container (journal),
    no year, or no locator (volume, pages, article number or DOI).

    Why it matters:
    Without them the work cannot be found or verified.

    Example:
    "Smith, J. (2020). A study of things." — no journal, volume or pages.

    Fix:
    Complete the reference from the article's landing page or its DOI record.
    """

    code = "REF005"
    name = "incomplete-reference"
    severity = Severity.INFO

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for reference in data.document.references:
            missing = _missing_article_parts(reference)
            if missing:
                yield self.finding(
                    f"reference {reference.label or reference.id} lacks {', '.join(missing)}",
                    page=reference.page,
                    reference_id=reference.id,
                    evidence={"missing": missing, "reference": reference.raw},
                    fix="Complete it from the article's landing page or DOI record",
                )


def _missing_article_parts(reference: Reference) -> list[str]:
    """What a journal article reference lacks, when it is surely a journal article.

    A work with neither journal nor volume or pages cannot be told from a book or a web
    page, and news items (a day and month in the date) carry no volume: both stay silent.
    """
    if reference.type != "article":
        return []
    locator = reference.volume or reference.pages or reference.doi
    if not locator and reference.urls:
        return []  # a web page, whatever the parser guessed
    if not reference.container:
        return ["journal"] if locator and reference.year else []
    missing = [] if reference.year else ["year"]
    unpublished = _NOT_YET_PUBLISHED.search(reference.raw) is not None
    if not locator and not unpublished and not (reference.date and _month(reference.date)):
        missing.append("volume, pages or DOI")
    return missing


# A work not yet published has no volume or pages to give.
_NOT_YET_PUBLISHED = compiled(
    r"\b(?:submitted|in\s+press|accepted\s+for\s+publication|forthcoming|under\s+review|"
    r"in\s+prep(?:aration)?|to\s+appear|im\s+druck|zur\s+ver(?:ö|oe)ffentlichung)\b",
    re.I,
)
