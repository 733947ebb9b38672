"""Choosing the reference an author-year citation means among those that share its names.

The linker (:mod:`refcheck.link`) finds the references whose first author the citation names;
here the year, its suffix and the co-authors decide between them, and say how sure the choice
is: exact, repaired, a wrong year, ambiguous, or unmatched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from refcheck.model import CitedWork, Link, Reference
from refcheck.names import DUPLICATE_SIMILARITY, fold_name, name_forms
from refcheck.patterns import compiled


@dataclass(frozen=True)
class Candidate:
    reference: Reference
    families: tuple[set[str], ...]  # name forms of each author, in order


@dataclass(frozen=True)
class Candidates:
    """A list's candidates, indexed by their first author's name forms: a citation's first
    author is looked up rather than compared with every entry, so that linking a book's
    thousands of citations does not grow with the square of its length."""

    all: tuple[Candidate, ...]
    by_first_form: dict[str, tuple[int, ...]]  # name form → positions in ``all``
    unauthored: tuple[Candidate, ...]  # entries the parser found no authors in

    @classmethod
    def of(cls, candidates: Iterable[Candidate]) -> Candidates:
        listed = tuple(candidates)
        by_form: dict[str, list[int]] = {}
        for position, candidate in enumerate(listed):
            for form in candidate.families[0] if candidate.families else ():
                by_form.setdefault(form, []).append(position)
        return cls(
            listed,
            {form: tuple(positions) for form, positions in by_form.items()},
            tuple(c for c in listed if not c.families),
        )

    def by_first_author(self, forms: set[str]) -> list[Candidate]:
        """The candidates whose first author has one of ``forms``, in list order."""
        positions = {p for form in forms for p in self.by_first_form.get(form, ())}
        return [self.all[p] for p in sorted(positions)]


def choose(
    citation_id: str,
    index: int,
    work: CitedWork,
    matches: Sequence[Candidate],
    repair: str | None,
) -> Link:
    same_year = [c for c in matches if c.reference.year == work.year]
    if not same_year:
        # A reference whose year could not be read is no evidence of a wrong year.
        same_year = [c for c in matches if not c.reference.year]
    if not same_year and work.year:
        # "Life and death: … geography, 2005-2007. …, 2008" read as 2005: a reference that
        # prints the cited year too may have been given the wrong one of its years.
        printed = re.compile(rf"(?<!\d){work.year}(?!\d)")
        prints_year = [c for c in matches if printed.search(c.reference.raw)]
        if prints_year:
            return Link(citation_id, index, "uncertain", tuple(c.reference.id for c in prints_year))
    if not same_year:
        # A wrong year is claimed only for a work with the right authors; "Kobasa (1979)"
        # beside "Kobasa & Maddi (1982)" is a missing reference, not a typo.
        fitting_authors = [c for c in matches if _author_count_fits(work, c)]
        if not fitting_authors:
            return Link(citation_id, index, "unmatched")
        nearest = _nearest_year(work.year, fitting_authors)
        ids = tuple(c.reference.id for c in nearest)
        return Link(citation_id, index, "year-mismatch", ids, repair)
    if work.year_suffix:
        # The suffix tells works apart before their authors do: "1993a" is the edited volume
        # even when its editors could not be read as its authors.
        with_suffix = [c for c in same_year if c.reference.year_suffix == work.year_suffix]
        same_year = with_suffix or _nth_unsuffixed(work, same_year)
    fitting = [c for c in same_year if _coauthors_fit(work, c)] or same_year
    suffixes = {c.reference.year_suffix for c in fitting}
    if not work.year_suffix and len(suffixes) > 1:
        status = "ambiguous" if all(c.reference.year for c in fitting) else "uncertain"
        return Link(citation_id, index, status, tuple(c.reference.id for c in fitting))
    if len(fitting) > 1:
        fitting = _best_by_coauthors(work, fitting)
        if len(fitting) > 1 and _all_alike(fitting):
            # The same work listed twice: the citation is right, the list is not (REF001).
            return Link(citation_id, index, "exact", tuple(c.reference.id for c in fitting))
        if len(fitting) > 1:
            # Two works can only be told apart by what could be read of them: with a year
            # missing from a parsed reference, the ambiguity may be ours, not the paper's.
            known = all(c.reference.year for c in fitting)
            status = "ambiguous" if known else "uncertain"
            return Link(citation_id, index, status, tuple(c.reference.id for c in fitting))
    chosen = fitting[0]
    repair = repair or _author_count_repair(work, chosen.reference)
    return Link(
        citation_id, index, "repaired" if repair else "exact", (chosen.reference.id,), repair
    )


def _nth_unsuffixed(work: CitedWork, same_year: list[Candidate]) -> list[Candidate]:
    """Styles like aer.bst print "1952a" in the text but a bare "1952" in the list: the
    suffix then counts the same authors' works of that year in list order."""
    same_authors = [c for c in same_year if _coauthors_fit(work, c)]
    nth = ord(work.year_suffix[0]) - ord("a")
    if len(same_authors) < 2 or any(c.reference.year_suffix for c in same_authors):
        return same_year
    return [same_authors[nth]] if 0 <= nth < len(same_authors) else same_year


def _all_alike(candidates: Sequence[Candidate]) -> bool:
    first = fold_name(candidates[0].reference.raw)
    return all(
        fuzz.ratio(first, fold_name(c.reference.raw)) >= DUPLICATE_SIMILARITY
        for c in candidates[1:]
    )


def _nearest_year(year: str | None, matches: Sequence[Candidate]) -> list[Candidate]:
    if year is None or not year.isdigit():
        return list(matches)
    dated = [c for c in matches if c.reference.year and c.reference.year.isdigit()]
    if not dated:
        return list(matches)
    distance = min(abs(int(c.reference.year or 0) - int(year)) for c in dated)
    return [c for c in dated if abs(int(c.reference.year or 0) - int(year)) == distance]


def _coauthors_fit(work: CitedWork, candidate: Candidate) -> bool:
    """Every name written after the first is the reference's author in that place.

    "Ferreira, Åberg, and Abubakar 2011" tells apart two 2011 works of Ferreira and Åberg.
    """
    if len(work.names) < 2:
        return True
    if len(candidate.families) < len(work.names):
        return False
    return all(
        name_forms(name) & forms
        for name, forms in zip(work.names[1:], candidate.families[1:], strict=False)
    )


def _author_count_fits(work: CitedWork, candidate: Candidate) -> bool:
    authors = len(candidate.families)
    if work.et_al:
        return authors >= 2 or _ET_AL_IN_NAMES.search(candidate.reference.raw[:80]) is not None
    organization = bool(candidate.reference.authors) and candidate.reference.authors[0].organization
    return authors in (0, len(work.names)) or organization


# A list that prints "Duszenko, M. et al. (1988)" names fewer authors than the work has.
_ET_AL_IN_NAMES = compiled(r"\bet\s*al\b\.?[^(\d]{0,3}\(?(?:1[5-9]|20)\d\d")


def _best_by_coauthors(work: CitedWork, fitting: Sequence[Candidate]) -> list[Candidate]:
    """Prefer the reference whose author count the citation's form implies."""
    expected = _implied_author_counts(work)
    best = [c for c in fitting if len(c.families) in expected]
    return best or list(fitting)


def _implied_author_counts(work: CitedWork) -> Iterable[int]:
    if work.et_al:
        return range(3, 1000)
    return (len(work.names),)


def _author_count_repair(work: CitedWork, reference: Reference) -> str | None:
    """A citation that names the wrong number of authors for the work."""
    authors = len(reference.authors)
    if authors == 0 or reference.authors[0].organization:
        return None
    if not _author_count_known(reference):
        # Only a list the reference itself joins with "&"/"and" proves the author count:
        # "Abu Sabt, Sabri Fayek" may be one person read as two.
        return None
    if work.et_al and authors <= 2:
        return f'"et al." for a work with {authors} author{"s" if authors > 1 else ""}'
    if not work.et_al and len(work.names) == 1 and authors == 2:
        return "co-author missing for a two-author work"
    return None


def _author_count_known(reference: Reference) -> bool:
    """One author, or a list whose last author is joined with "&"/"and"; never "et al.".

    "Peavy, G. M. et al." hides how many authors there are, and "Morgan, Michael L.,
    Philosophy, Totality, and the Everyday" joins words of a title, not authors.
    """
    if re.search(r"\bet\s*al\b", reference.raw, re.I):
        return False
    if len(reference.authors) == 1:
        # Unless the text before the year joins names the parser did not keep apart.
        before_year = reference.raw.split(reference.year or "\0", 1)[0]
        return re.search(r"&|\b(?:and|und)\b", before_year) is None
    last = re.escape(reference.authors[-1].family)
    joined = rf"(?:&|\band\b|\bund\b|\bet\b|\by\b)\s*(?:[^\W\d_]{{1,2}}\.\s*)*{last}"
    return re.search(joined, reference.raw) is not None
