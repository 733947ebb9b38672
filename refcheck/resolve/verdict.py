"""One verdict per reference, from what the registries and the sources answered: pure, no I/O.

The order of the evidence: the record of the reference's own DOI (when it is the cited
work), a validated Crossref search, a validated record of another source, and a work with
the reference's title that shares an author, a year or a venue with it (the work exists, the
reference cites it wrongly). Without any of these, the kind of work decides whether "not
found" can be said at all: books, reports, theses, web pages and grey literature are
``not-checkable`` (the sources do not index them well enough for absence to mean anything),
and any lookup that failed makes the verdict ``unverified`` — never ``not-found``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from refcheck.model import (
    LookupStatus,
    Reference,
    ReferenceResolution,
    SourceFind,
    SourceQuery,
    Verdict,
    VerdictStatus,
    WorkRecord,
)
from refcheck.patterns import compiled
from refcheck.resolve.fields import (
    containers_agree,
    first_author_agrees,
    surname_typo,
    surnames_agree,
    titles_agree,
    years_agree,
)
from refcheck.resolve.match import FieldComparison, compare_reference, is_same_work
from refcheck.resolve.plan import search_query
from refcheck.resolve.url_choice import doi_of_link

__all__ = [
    "FINDABLE_TYPES",
    "CitedRecord",
    "cited_record",
    "compared_fields",
    "doi_record",
    "not_a_registered_kind",
    "reference_verdict",
    "search_record",
    "settled_record",
    "shares_something",
    "source_vouches",
    "stated_mismatches",
]

# The kinds of work whose absence from every index means something (see INDEXED_TYPES).
FINDABLE_TYPES = frozenset(("article", "proceedings", "chapter", "preprint"))
# How styles cite a page read online: "Retrieved … from", "Accessed: …", "[Online]. Available:",
# "Available at:", "[Internet] … [cited …]". Registries do not hold such pages.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WEB_CITATION = compiled(
    r"(?-i:\bRetrieved\b)[^.]{0,60}?\bfrom\b"
    rf"|\baccessed:?\s+(?:on\s+)?(?:\d{{1,4}}\b|{_MONTH}\s+\d)"
    r"|\[(?:online|internet)\]|\[cited\b|\bavailable (?:at|from):",
    re.IGNORECASE,
)
# A real work cited wrongly gets a field or two wrong; a title with every other field another's
# is no citation of that work (see shares_something).
MAX_WRONG_FIELDS = 2
# Field names as the user reads them (evidence.field of XREF001, verdict.fields).
FIELD_NAMES = {
    "title": "title",
    "first-author": "authors",
    "author-spelling": "authors",
    "container": "journal",
    "year": "year",
    "volume": "volume",
    "issue": "issue",
    "pages": "pages",
}
_KIND_NAMES = {
    "web": "a web page",
    "news": "a news item",
    "other": "a work of no indexed kind",
    "software": "software",
    "dataset": "a dataset",
}
_ARXIV_LINK = compiled(r"^https?://(?:www\.)?(?:export\.)?arxiv\.org/", re.IGNORECASE)


@dataclass(frozen=True)
class CitedRecord:
    """The registry record of the work a reference cites, and how it was found."""

    record: WorkRecord
    via: str  # "doi": the reference's own DOI; "search": a validated bibliographic match


def doi_record(resolution: ReferenceResolution) -> WorkRecord | None:
    lookup = resolution.doi
    if lookup is None or lookup.status is not LookupStatus.RESOLVED:
        return None
    return lookup.record


def search_record(resolution: ReferenceResolution) -> WorkRecord | None:
    search = resolution.search
    if search is None or search.status is not LookupStatus.RESOLVED:
        return None
    return search.record


def cited_record(reference: Reference, resolution: ReferenceResolution) -> CitedRecord | None:
    """The registry record that is certainly the cited work, or None.

    The DOI's record counts when its title or its first author agrees with the reference (a
    DOI of another work is DOI002's business, not a list of field mismatches); otherwise a
    validated search match counts.
    """
    record = doi_record(resolution)
    if record is not None and (
        titles_agree(reference.title, record.title) is True
        or first_author_agrees(reference.authors, record.authors) is True
    ):
        return CitedRecord(record, "doi")
    if reference.doi is None or record is None:
        found = search_record(resolution)
        if found is not None:
            return CitedRecord(found, "search")
    return None


def settled_record(reference: Reference, resolution: ReferenceResolution) -> CitedRecord | None:
    """The registry record that settles the reference: :func:`cited_record`, unless its title
    clearly is another work's (a DOI of another paper by the same first author)."""
    cited = cited_record(reference, resolution)
    if cited is None or titles_agree(reference.title, cited.record.title) is False:
        return None
    return cited


def year_read_as_volume(reference: Reference, comparison: FieldComparison) -> bool:
    """A cited volume equal to the reference's own four-digit year: how a parser reads
    Vancouver's "2020;42(5):393-403", not a volume the author got wrong."""
    found = comparison.found
    return (
        comparison.field == "volume"
        and found is not None
        and len(found) == 4
        and found.isdigit()
        and found == reference.year
    )


def compared_fields(reference: Reference, record: WorkRecord) -> tuple[FieldComparison, ...]:
    """:func:`compare_reference`, and for an entry of a source file (typed, not read from a
    page: names are compared exactly) the spelling of every author the record lists too."""
    comparisons = compare_reference(reference, record)
    spelling = author_spelling(reference, record) if reference.key is not None else None
    return (*comparisons, spelling) if spelling else comparisons


def author_spelling(reference: Reference, record: WorkRecord) -> FieldComparison | None:
    """A cited surname that is a misspelling of one of the record's ("Castlilo" for
    "Castillo"): a difference a PDF reader forgives (OCR, hyphenation), a typed file need not."""
    registered = [a.family for a in record.authors if a.family and not a.organization]
    for author in reference.authors:
        if author.organization or not author.family:
            continue
        if any(
            surnames_agree(author.family, name) and not surname_typo(author.family, name)
            for name in registered
        ):
            continue  # the same name, however accented, transliterated or particled
        near = next((name for name in registered if surname_typo(author.family, name)), None)
        if near is not None:
            return FieldComparison("author-spelling", author.family, near, False)
    return None


def stated_mismatches(reference: Reference, record: WorkRecord) -> list[FieldComparison]:
    """The fields that clearly disagree with the record (an online-first year is not one)."""
    return [
        comparison
        for comparison in compared_fields(reference, record)
        if comparison.agrees is False
        and not comparison.online_first
        and not year_read_as_volume(reference, comparison)
    ]


def not_a_registered_kind(reference: Reference) -> bool:
    """A reference that, whatever the parser typed it as, need not be in any index.

    A web page or news item: it cites a URL that is neither a DOI nor an arXiv link, or is
    worded as a page read online ("Retrieved … from", "Accessed", "[Online]").
    """
    if any(doi_of_link(url) is None and not _ARXIV_LINK.match(url) for url in reference.urls):
        return True
    return bool(_WEB_CITATION.search(reference.raw))


def source_vouches(resolution: ReferenceResolution) -> bool:
    """A source holds the work: the verdict is verified or metadata-mismatch."""
    verdict = resolution.verdict
    return verdict is not None and verdict.status in (
        VerdictStatus.VERIFIED,
        VerdictStatus.MISMATCH,
    )


def shares_something(reference: Reference, twin: WorkRecord) -> bool:
    """A work with the reference's title is the work cited wrongly, not another work's title
    borrowed, when its first author is the reference's, or when it shares an author, the year
    (±1) or the venue and no more than :data:`MAX_WRONG_FIELDS` fields disagree. A first
    author in common always counts: a conference paper and its journal version share title
    and authors, and citing one with the other's details is no fabrication."""
    if first_author_agrees(reference.authors, twin.authors) is True:
        return True
    if len(stated_mismatches(reference, twin)) > MAX_WRONG_FIELDS:
        return False
    cited = {a.family for a in reference.authors if a.family}
    registered = {a.family for a in twin.authors if a.family}
    if any(surnames_agree(a, b) for a in cited for b in registered):
        return True
    if years_agree(reference.year, twin.year, tolerance=1) is True:
        return True
    containers = (twin.container, *twin.short_containers)
    return containers_agree(reference.container, containers, journal=True) is True


def registry_queries(reference: Reference, resolution: ReferenceResolution) -> list[SourceQuery]:
    """The registry lookups made for the reference, as verdict evidence."""
    queries: list[SourceQuery] = []
    if resolution.doi is not None:
        lookup = resolution.doi
        where = lookup.record.source if lookup.record else (lookup.agency or "crossref")
        queries.append(SourceQuery(where, "doi", lookup.doi, lookup.status))
    if resolution.search is not None:
        query = search_query(reference) or reference.title or reference.raw  # what was sent
        queries.append(SourceQuery("crossref", "bibliographic", query, resolution.search.status))
    return queries


def _identifier_of(record: WorkRecord) -> tuple[str, str]:
    if record.doi.startswith("10."):
        return ("doi", record.doi)
    source, _, key = record.doi.partition(":")
    return (source, key)


def _title_unsure(reference: Reference, record: WorkRecord) -> bool:
    """Both titles are there and they do not clearly agree."""
    return bool(reference.title and record.title) and (
        titles_agree(reference.title, record.title) is not True
    )


def _found(
    reference: Reference,
    record: WorkRecord,
    identifier: tuple[str, str],
    asked: tuple[SourceQuery, ...],
    title_unsure: bool = False,
) -> Verdict:
    wrong = tuple(dict.fromkeys(FIELD_NAMES[c.field] for c in stated_mismatches(reference, record)))
    if title_unsure and "title" not in wrong:
        wrong = ("title", *wrong)
    where = f"{record.source} ({identifier[0]} {identifier[1]})"
    if wrong:
        reason = f"{where} holds the work; the reference differs in {', '.join(wrong)}"
        status = VerdictStatus.MISMATCH
    else:
        reason, status = f"{where} holds the work and the reference agrees", VerdictStatus.VERIFIED
    return Verdict(status, reason, record.source, identifier, record, wrong, asked)


def _failures(asked: Iterable[SourceQuery]) -> list[SourceQuery]:
    return [q for q in asked if not q.status.is_answer and q.status is not LookupStatus.SKIPPED]


def reference_verdict(reference: Reference, resolution: ReferenceResolution) -> Verdict:
    """The verdict of one reference; see the module's docstring for the order of evidence."""
    sources = resolution.sources or SourceFind()
    asked = (*registry_queries(reference, resolution), *sources.asked)
    cited = settled_record(reference, resolution)
    if cited is not None:
        # A search's match must bear the cited title; an uncertain one is reported as such.
        unsure = cited.via == "search" and _title_unsure(reference, cited.record)
        return _found(reference, cited.record, ("doi", cited.record.doi), asked, unsure)
    if sources.record is not None:
        identifier = sources.identifier or _identifier_of(sources.record)
        unsure = sources.found_by == "title" and _title_unsure(reference, sources.record)
        return _found(reference, sources.record, identifier, asked, unsure)
    twin = next((t for t in sources.title_twins if shares_something(reference, t)), None)
    if twin is not None:
        return _found(reference, twin, _identifier_of(twin), asked)
    registered = doi_record(resolution)
    if (
        registered is not None
        and not registered.title
        and is_same_work(reference, registered) is not False
    ):
        reason = (
            f"its DOI is registered ({registered.source}), but the record is too thin to compare"
        )
        return Verdict(VerdictStatus.UNVERIFIED, reason, registered.source, asked=asked)
    return _unfound(reference, asked, sources.title_twins)


def _unfound(
    reference: Reference, asked: tuple[SourceQuery, ...], twins: tuple[WorkRecord, ...]
) -> Verdict:
    if reference.type not in FINDABLE_TYPES or not_a_registered_kind(reference):
        kind = "web" if not_a_registered_kind(reference) else reference.type
        reason = f"{_KIND_NAMES.get(kind, 'a ' + kind)}: no source indexes such works well enough"
        return Verdict(VerdictStatus.NOT_CHECKABLE, reason + " to call it missing", asked=asked)
    failed = _failures(asked)
    if failed:
        names = ", ".join(sorted({q.source for q in failed}))
        reason = f"not every lookup was answered ({names}): nothing can be said of absence"
        return Verdict(VerdictStatus.UNVERIFIED, reason, asked=asked)
    answered = [q for q in asked if q.status.is_answer]
    if not answered:
        reason = "no lookup could be made (no title or identifier to ask by)"
        return Verdict(VerdictStatus.UNVERIFIED, reason, asked=asked)
    names = ", ".join(dict.fromkeys(q.source for q in answered))
    count = len({q.source for q in answered})
    reason = f"looked up in {count} source{'s' if count > 1 else ''} ({names}); none holds it"
    twin = twins[0] if twins else None
    return Verdict(VerdictStatus.NOT_FOUND, reason, asked=asked, title_twin=twin)
