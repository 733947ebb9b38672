"""XREF: references agree with the registered record of the work they cite."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Finding, LookupStatus, Reference, ReferenceResolution, Severity
from refcheck.resolve.match import FieldComparison, compare_reference
from refcheck.rules.base import Rule, RuleInput
from refcheck.rules.online import cited_record, resolved_references, search_record

# How a field is named to the user (evidence.field) and in messages.
FIELD_NAMES = {
    "title": "title",
    "first-author": "authors",
    "container": "journal",
    "year": "year",
    "volume": "volume",
    "issue": "issue",
    "pages": "pages",
}
# Reference types that should be registered with a DOI-granting agency when they exist.
ARTICLE_TYPES = frozenset(("article", "proceedings"))


class ReferenceFieldMismatch(Rule):
    """A reference field (year, volume, pages, journal, authors …) that disagrees with the record.

    What it does:
    Compares each reference with the registered record of the work it cites (the record of
    its DOI, or a validated bibliographic match) and reports every field that clearly
    disagrees, one finding per field. Page ranges are compared after expanding "1655-64",
    volumes after reading roman numerals, journals with their abbreviations, names without
    accents or case. A year that equals the record's print or online year when the two differ
    (online-first publication) is reported as info only. Anything that cannot be judged
    ("3" against "3-4", an article number against a page range) is left alone.

    Why it matters:
    A wrong volume or page sends the reader to the wrong place and breaks reference linking
    (Crossref, indexing services); a wrong year also misplaces author-year citations.

    Example:
    "Smith J (2019) Deep roots of coral reef resilience. J Mar Biol 13(3):1655-64,
    doi:10.5555/reef.2019" where the record says volume 12.

    Fix:
    Use the registered value named in the finding (evidence.expected).
    """

    code = "XREF001"
    name = "reference-field-mismatch"
    severity = Severity.WARNING
    needs_network = True

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for reference, resolution in resolved_references(data):
            cited = cited_record(reference, resolution)
            if cited is None:
                continue
            for comparison in compare_reference(reference, cited.record):
                if comparison.agrees is False:
                    yield self._mismatch(
                        reference, comparison, cited.record.doi, cited.record.source
                    )

    def _mismatch(
        self, reference: Reference, comparison: FieldComparison, doi: str, source: str
    ) -> Finding:
        field = FIELD_NAMES[comparison.field]
        message = (
            f"{field} is {comparison.found!r} in the reference but {comparison.expected!r} in "
            f"the {source} record of {doi}"
        )
        if comparison.online_first:
            message += " (the record has separate online and print years: online-first)"
        return self.finding(
            message,
            page=reference.page,
            reference_id=reference.id,
            evidence={
                "field": field,
                "found": comparison.found,
                "expected": comparison.expected,
                "source": source,
                "doi": doi,
            },
            fix=f"Use the registered {field}: {comparison.expected}",
            severity=Severity.INFO if comparison.online_first else None,
        )


def _doi_missing_too(reference: Reference, resolution: ReferenceResolution) -> bool:
    """No DOI printed, or a printed DOI that no registration agency knows."""
    if reference.doi is None and resolution.doi is None:
        return True
    return resolution.doi is not None and resolution.doi.status is LookupStatus.NOT_FOUND


class ReferenceNotFound(Rule):
    """A journal or conference article that matches no registered record.

    What it does:
    Reports a reference that looks like a journal or conference article (it has a title and a
    journal or proceedings name) when the bibliographic search validated no candidate and
    found none with its title, and its DOI, if it prints one, does not exist. Books,
    reports, theses, news and web pages are never reported: many are not registered
    anywhere. When a registry could not be reached or a search was not made, nothing is
    reported.

    Why it matters:
    Almost every journal and conference article published in the last decades is registered
    with Crossref or DataCite. An article that matches nothing may be fabricated (made-up
    references now appear in published papers, often from text generators) or cited so
    wrongly that no reader can find it.

    Example:
    "Hartley M, Osei K (2021) Quantum annealing of protein folds. Nat Comput Biol 4:211-230",
    for which no registered work has that title, author, year and journal.

    Fix:
    Check that the work exists and copy its details from the publisher's page; remove the
    reference if it cannot be found.
    """

    code = "XREF002"
    name = "reference-not-found"
    severity = Severity.WARNING
    needs_network = True

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for reference, resolution in resolved_references(data):
            search = resolution.search
            if search is None or search.status is not LookupStatus.NOT_FOUND:
                continue
            if reference.type not in ARTICLE_TYPES or not reference.title:
                continue
            if not reference.container or not _doi_missing_too(reference, resolution):
                continue
            yield self.finding(
                f"no registered work matches this {reference.type}: {reference.title!r}",
                page=reference.page,
                reference_id=reference.id,
                evidence={
                    "title": reference.title,
                    "container": reference.container,
                    "candidates": search.candidates,
                    "detail": search.detail,
                },
                fix="Check that the work exists and copy its details from the publisher's page",
            )


class MissingDoi(Rule):
    """A reference without a DOI whose work has one.

    What it does:
    Reports a reference that prints no DOI when a bibliographic search found its work and
    validated the match (at least three independent fields agree, clearly ahead of the other
    candidates).

    Why it matters:
    A DOI is the persistent link to a work: publishers, indexes and reference managers link a
    citation reliably only through it, and many journals require DOIs where they exist.

    Example:
    "Smith J, Lee K (2019) Deep roots of coral reef resilience. J Mar Biol 12(3):1655-64"
    where the registered work is 10.5555/reef.2019.

    Fix:
    Add the DOI named in the finding, as https://doi.org/<doi>.
    """

    code = "XREF003"
    name = "missing-doi"
    severity = Severity.INFO
    needs_network = True

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for reference, resolution in resolved_references(data):
            record = search_record(resolution)
            if record is None or reference.doi is not None or resolution.doi is not None:
                continue
            agreeing = resolution.search.agreeing if resolution.search else ()
            yield self.finding(
                f"the cited work has a DOI: {record.doi}",
                page=reference.page,
                reference_id=reference.id,
                evidence={"doi": record.doi, "source": record.source, "agreeing": list(agreeing)},
                fix=f"https://doi.org/{record.doi}",
            )
