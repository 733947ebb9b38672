"""XREF: references agree with the registered record of the work they cite."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import (
    Finding,
    LookupStatus,
    Reference,
    ReferenceResolution,
    Severity,
    WorkRecord,
)
from refcheck.resolve.match import FieldComparison
from refcheck.resolve.url_choice import doi_of_link
from refcheck.resolve.verdict import (
    FIELD_NAMES,
    compared_fields,
    not_a_registered_kind,
    source_vouches,
    year_read_as_volume,
)
from refcheck.rules.base import Rule, RuleInput
from refcheck.rules.fabrication import fabrication_evidence
from refcheck.rules.online import cited_records, resolved_references, search_record
from refcheck.suggest import corrected_entry

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
    ("3" against "3-4", an article number against a page range) is left alone, and so is a
    cited volume equal to the reference's own four-digit year (Vancouver's
    "2020;42(5):393-403" read with the year as volume). In a source file (BibTeX, JATS, Word),
    where names are typed rather than read from a page, a misspelt author ("Castlilo" for the
    record's "Castillo") is reported too; in a PDF such small differences are forgiven.

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
        for reference, cited in cited_records(data):
            first = True  # the corrected entry goes with the reference's first mismatch
            for comparison in compared_fields(reference, cited.record):
                if comparison.agrees is False and not year_read_as_volume(reference, comparison):
                    yield self._mismatch(reference, comparison, cited.record, first)
                    first = False

    def _mismatch(
        self, reference: Reference, comparison: FieldComparison, record: WorkRecord, first: bool
    ) -> Finding:
        doi, source = record.doi, record.source
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
                **(corrected_entry(record, reference) if first else {}),
            },
            fix=f"Use the registered {field}: {comparison.expected}",
            severity=Severity.INFO if comparison.online_first else None,
        )


def _doi_missing_too(reference: Reference, resolution: ReferenceResolution) -> bool:
    """No DOI printed, or a printed DOI that no registration agency knows."""
    if reference.doi is None and resolution.doi is None:
        return True
    return resolution.doi is not None and resolution.doi.status is LookupStatus.NOT_FOUND


def _not_a_registered_kind(reference: Reference) -> bool:
    """A reference that, whatever the parser typed it as, need not be in any registry.

    A web page or news item (see :func:`not_a_registered_kind`), a preprint cited by its
    arXiv link, or a journal article printed with neither volume nor pages: too little to
    call it missing (in press, or not an article at all).
    """
    if not_a_registered_kind(reference) or any(doi_of_link(u) is None for u in reference.urls):
        return True
    return reference.type == "article" and not reference.volume and not reference.pages


class ReferenceNotFound(Rule):
    """A journal or conference article that matches no registered record.

    What it does:
    Reports a reference that looks like a journal or conference article (it has a title and a
    journal or proceedings name) when the bibliographic search validated no candidate and
    found none with its title, and its DOI, if it prints one, does not exist. Books,
    reports, theses, news and web pages are never reported: many are not registered
    anywhere. A reference that cites a URL other than a doi.org link, is worded as a page
    read online ("Retrieved … from", "Accessed", "[Online]. Available:") or is a journal
    article without volume and pages is taken for one of those, whatever its parsed type.
    When a registry could not be reached or a search was not made, nothing is reported. When
    no candidate of the search was published in the reference's journal either, the registry
    may simply not index that journal, and the finding is only info.

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
            if _not_a_registered_kind(reference):
                continue
            if source_vouches(resolution) or fabrication_evidence(reference, resolution):
                continue  # another source holds the work, or XREF004 speaks with more evidence
            message = f"no registered work matches this {reference.type}: {reference.title!r}"
            unindexed = search.journal_seen is False
            if unindexed:
                message += (
                    "; no work of its journal was found either (the registry may not index it)"
                )
            yield self.finding(
                message,
                page=reference.page,
                reference_id=reference.id,
                evidence={
                    "title": reference.title,
                    "container": reference.container,
                    "candidates": search.candidates,
                    "journal_seen": search.journal_seen,
                    "detail": search.detail,
                },
                fix="Check that the work exists and copy its details from the publisher's page",
                severity=Severity.INFO if unindexed else None,
            )


class MissingDoi(Rule):
    """A reference without a DOI whose work has one.

    What it does:
    Reports a reference that prints no DOI when a bibliographic search found its work and
    validated the match (at least three independent fields agree, clearly ahead of the other
    candidates), or another source (dblp, OpenAlex, Semantic Scholar, PubMed …) validated it
    and gives its DOI. A source's own key (an arXiv id, a dblp key) is never offered as a DOI.

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
            record = search_record(resolution) or _source_record_with_doi(resolution)
            if record is None or reference.doi is not None or resolution.doi is not None:
                continue
            search = resolution.search
            agreeing = search.agreeing if search and search.record is record else ()
            yield self.finding(
                f"the cited work has a DOI: {record.doi}",
                page=reference.page,
                reference_id=reference.id,
                evidence={
                    "doi": record.doi,
                    "source": record.source,
                    "agreeing": list(agreeing),
                    **corrected_entry(record, reference),
                },
                fix=f"https://doi.org/{record.doi}",
            )


def _source_record_with_doi(resolution: ReferenceResolution) -> WorkRecord | None:
    """A source's validated record when the source gives its DOI (a stand-in key is none)."""
    found = resolution.sources
    if found is None or found.record is None or found.identifier is None:
        return None
    kind, record = found.identifier[0], found.record
    same_article = kind in ("pmid", "pmcid") and record.doi.startswith("10.")
    return record if kind == "doi" or same_article else None
