"""Whether a registry record is the work a reference cites: pure comparison, no I/O.

``compare_reference`` lines up a reference and a record field by field; ``is_same_work``
asks whether a DOI's record is the cited work at all; ``validate_candidates`` accepts a
bibliographic-search candidate only in the spirit of Crossref's own "search-based matching
with validation": at least three independent fields agree, nothing strongly contradicts, and
the winner stands clearly above the runner-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from refcheck.model import Author, LookupStatus, Reference, SearchLookup, WorkRecord
from refcheck.resolve.fields import (
    containers_agree,
    first_author_agrees,
    first_pages_agree,
    numbers_agree,
    pages_agree,
    titles_agree,
    years_agree,
)

__all__ = [
    "MIN_AGREEING",
    "FieldComparison",
    "compare_reference",
    "is_same_work",
    "support",
    "validate_candidates",
]

# Crossref's matcher keeps a candidate only when at least three supporting fields agree.
MIN_AGREEING = 3
# Agreements minus disagreements by which the winner must lead the runner-up.
MARGIN = 2
# Fields whose disagreement rules a candidate out: another title or another first author is
# another work, whatever else happens to agree.
VETO_FIELDS = ("title", "first-author")
# Publication fields (year, journal, volume, first page) that must disagree, at least this many,
# before a title that disagrees makes a DOI's record another work (see _published_elsewhere).
MIN_PUBLICATION_FIELDS = 2
# Registry types whose container is a journal (a container name mismatch means something).
JOURNAL_TYPES = frozenset(("journal-article", "article", "article-journal"))


@dataclass(frozen=True)
class FieldComparison:
    """One field of a reference against the record.

    ``agrees`` is None when the two cannot be compared (a side is missing, or the values are
    written too differently to judge). ``online_first`` marks a year that differs from the
    record's earliest year but equals its print or online year: the paper is not wrong.
    """

    field: str
    found: str | None  # the reference's value
    expected: str | None  # the record's value
    agrees: bool | None
    online_first: bool = False


def _first_author_name(authors: Sequence[Author]) -> str | None:
    return authors[0].family or None if authors else None


def _year_comparison(reference: Reference, record: WorkRecord) -> FieldComparison:
    found = reference.year
    expected = record.year or record.print_year or record.online_year
    agrees = years_agree(found, expected)
    both_dates = record.print_year and record.online_year
    if agrees is False and both_dates and found in (record.print_year, record.online_year):
        return FieldComparison("year", found, expected, False, online_first=True)
    return FieldComparison("year", found, expected, agrees)


def compare_reference(reference: Reference, record: WorkRecord) -> tuple[FieldComparison, ...]:
    """Title, first author, journal, year, volume, issue and pages of a reference vs a record."""
    # A paper cited from proceedings is compared as one, whatever the record's type (OpenAlex
    # types conference papers "article"): proceedings are named too many ways to judge.
    journal = (record.type is None or record.type in JOURNAL_TYPES) and (
        reference.type != "proceedings"
    )
    containers = (record.container, *record.short_containers)
    return (
        FieldComparison(
            "title", reference.title, record.title, titles_agree(reference.title, record.title)
        ),
        FieldComparison(
            "first-author",
            _first_author_name(reference.authors),
            _first_author_name(record.authors),
            first_author_agrees(reference.authors, record.authors),
        ),
        FieldComparison(
            "container",
            reference.container,
            record.container,
            containers_agree(reference.container, containers, journal=journal),
        ),
        _year_comparison(reference, record),
        FieldComparison(
            "volume",
            reference.volume,
            record.volume,
            numbers_agree(reference.volume, record.volume),
        ),
        FieldComparison(
            "issue", reference.issue, record.issue, numbers_agree(reference.issue, record.issue)
        ),
        FieldComparison(
            "pages", reference.pages, record.pages, pages_agree(reference.pages, record.pages)
        ),
    )


def is_same_work(reference: Reference, record: WorkRecord) -> bool | None:
    """True when title and first author agree, False when both disagree, else None.

    When neither the title nor the first author agrees (a related title; the cited first author
    a later author of the record, i.e. another paper of theirs), the places of publication
    decide (see ``_published_elsewhere``).
    """
    title = titles_agree(reference.title, record.title)
    author = first_author_agrees(reference.authors, record.authors)
    if title is True and author is True:
        return True
    if title is False and author is False:
        return False
    strong = title is False or author is False
    if title is not True and author is not True and _published_elsewhere(reference, record, strong):
        return False
    return None


def _published_elsewhere(reference: Reference, record: WorkRecord, strong: bool) -> bool:
    """Year (±1), journal, volume and first page say the record is another publication.

    No field agrees but the year (a colleague publishes several papers a year) and at least two
    disagree when the title or the first author clearly disagrees (``strong``), at least three
    when neither could be judged. In the same journal, year, volume and first page must all
    disagree. A preprint and its journal version (the preprint's record has no journal, volume
    or pages) and a companion paper (same journal and year) stay undecided.
    """
    fields = _publication_fields(reference, record)
    agreeing = {name for name, agrees in fields.items() if agrees is True}
    disagreeing = {name for name, agrees in fields.items() if agrees is False}
    needed = MIN_PUBLICATION_FIELDS if strong else MIN_PUBLICATION_FIELDS + 1
    if agreeing == {"container"}:  # the same journal, in another year, volume and page
        return {"year", "volume", "first-page"} <= disagreeing
    return agreeing <= {"year"} and len(disagreeing) >= needed


def _publication_fields(reference: Reference, record: WorkRecord) -> dict[str, bool | None]:
    """Where the work appeared, field by field: year within one year, journal, volume, page."""
    fields = _validation_fields(reference, record)
    return {name: fields[name] for name in ("year", "container", "volume", "first-page")}


def _validation_fields(reference: Reference, record: WorkRecord) -> dict[str, bool | None]:
    """The independent fields Crossref's matcher weighs; the year agrees within one year."""
    years = [record.year, record.print_year, record.online_year]
    year_votes = [years_agree(reference.year, y, tolerance=1) for y in years if y]
    containers = (record.container, *record.short_containers)
    journal = record.type is None or record.type in JOURNAL_TYPES
    return {
        "title": titles_agree(reference.title, record.title),
        "first-author": first_author_agrees(reference.authors, record.authors),
        "year": True if True in year_votes else (False if False in year_votes else None),
        "volume": numbers_agree(reference.volume, record.volume),
        "issue": numbers_agree(reference.issue, record.issue),
        "first-page": first_pages_agree(reference.pages, record.pages),
        "container": containers_agree(reference.container, containers, journal=journal),
    }


@dataclass(frozen=True)
class _Support:
    record: WorkRecord
    score: float | None
    agreeing: tuple[str, ...]
    disagreeing: tuple[str, ...]

    @property
    def net(self) -> int:
        return len(self.agreeing) - len(self.disagreeing)

    @property
    def sibling(self) -> bool:
        """Another paper in the same volume: the title does not agree and the first page
        disagrees (authors often publish two papers in one issue)."""
        return "title" not in self.agreeing and "first-page" in self.disagreeing

    @property
    def valid(self) -> bool:
        vetoed = any(field in self.disagreeing for field in VETO_FIELDS) or self.sibling
        return not vetoed and len(self.agreeing) >= MIN_AGREEING and self.net >= MARGIN


def _journal_seen(reference: Reference, supports: Sequence[_Support]) -> bool | None:
    """Whether a candidate appeared in the reference's journal: the registry indexes it."""
    if not reference.container or not supports:
        return None
    return any("container" in s.agreeing for s in supports)


def _not_found_detail(supports: Sequence[_Support]) -> str:
    """Why nothing matched; names a paper of the same first author in the same volume, which
    is what an invented reference borrowing a real author's venue looks like."""
    sibling = next((s for s in supports if s.sibling and "first-author" in s.agreeing), None)
    if sibling is None:
        return f"none of {len(supports)} candidates had {MIN_AGREEING} agreeing fields"
    return (
        f"no candidate matches; the closest, {sibling.record.doi}, is another paper of the same "
        f"first author ({', '.join(sibling.agreeing)} agree; title and pages differ)"
    )


def support(reference: Reference, record: WorkRecord) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields that agree and those that disagree, for validation."""
    fields = _validation_fields(reference, record)
    agreeing = tuple(name for name, agrees in fields.items() if agrees is True)
    disagreeing = tuple(name for name, agrees in fields.items() if agrees is False)
    return agreeing, disagreeing


def validate_candidates(
    reference: Reference,
    candidates: Sequence[WorkRecord],
    scores: Sequence[float | None],
) -> SearchLookup:
    """The one candidate the fields vouch for, else ambiguous or not found.

    A candidate is valid when at least three fields agree (year ±1, volume, issue, first
    page, first-author surname, title, journal), neither the title nor the first author
    disagrees, and agreements outnumber disagreements by two. Several valid candidates with
    different DOIs: the best must lead by ``MARGIN``, or by one with a field that agrees for
    it and disagrees for the runner-up; otherwise the search is ambiguous. A candidate whose
    title agrees but that fails validation also makes the answer ambiguous, not "not found":
    a record with that title exists. A candidate whose title does not agree and whose first page
    disagrees is another paper of the same volume (a sibling): never accepted.
    """
    padded = [*scores, *([None] * (len(candidates) - len(scores)))]
    supports = [
        _Support(record, score, *support(reference, record))
        for record, score in zip(candidates, padded, strict=False)
    ]
    valid = sorted(
        (s for s in supports if s.valid),
        key=lambda s: (s.net, len(s.agreeing), s.score or 0.0),
        reverse=True,
    )
    count = len(candidates)
    if not valid:
        near = next((s for s in supports if "title" in s.agreeing), None)
        if near is not None:
            return SearchLookup(
                LookupStatus.AMBIGUOUS,
                candidates=count,
                detail=f"{near.record.doi} has the title but only {', '.join(near.agreeing)} "
                f"agree ({', '.join(near.disagreeing) or 'nothing'} disagree)",
            )
        return SearchLookup(
            LookupStatus.NOT_FOUND,
            candidates=count,
            detail=_not_found_detail(supports),
            journal_seen=_journal_seen(reference, supports),
        )
    best = valid[0]
    rivals = [s for s in valid[1:] if s.record.doi != best.record.doi]
    if rivals and not _clearly_ahead(best, rivals[0]):
        return SearchLookup(
            LookupStatus.AMBIGUOUS,
            candidates=count,
            detail=f"{best.record.doi} and {rivals[0].record.doi} fit equally well "
            f"({', '.join(best.agreeing)} / {', '.join(rivals[0].agreeing)})",
        )
    detail = f"{len(best.agreeing)} fields agree"
    if best.score is not None:
        detail += f"; relevance score {best.score:g}"
    return SearchLookup(
        LookupStatus.RESOLVED,
        record=best.record,
        agreeing=best.agreeing,
        candidates=count,
        detail=detail,
    )


def _clearly_ahead(best: _Support, runner_up: _Support) -> bool:
    if best.net - runner_up.net >= MARGIN:
        return True
    distinguishing = set(best.agreeing) & set(runner_up.disagreeing)
    return best.net > runner_up.net and bool(distinguishing)
