"""DOI: the DOIs printed in references exist and belong to the cited work."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.extract.identifiers import is_valid_doi
from refcheck.model import Finding, LookupStatus, ReferenceResolution, Severity, WorkRecord
from refcheck.resolve.match import is_same_work
from refcheck.rules.base import Rule, RuleInput
from refcheck.rules.online import doi_record, resolved_references, search_record
from refcheck.suggest import corrected_entry


def _found_elsewhere(resolution: ReferenceResolution, wrong_doi: str) -> WorkRecord | None:
    """The record a validated bibliographic search found for the reference, if another."""
    record = search_record(resolution)
    if record is None or record.doi == wrong_doi.lower():
        return None
    return record


class DoiNotFound(Rule):
    """A DOI in a reference that no registration agency knows.

    What it does:
    Asks doi.org which registration agency (Crossref, DataCite, mEDRA, JaLC …) holds each DOI
    printed in a reference and reports the DOIs that doi.org says do not exist. A DOI that is
    simply absent from Crossref is not reported: arXiv, Zenodo and Dryad DOIs live at DataCite.
    A registry that could not be reached never produces this finding.

    Why it matters:
    A DOI that does not exist breaks the reader's link and the citation count of the cited
    work; it is also a mark of references copied carelessly or made up.

    Example:
    "Smith J (2019) Deep roots. J Mar Biol 12:1655. doi:10.5555/reef.2091" where doi.org
    answers "DOI does not exist".

    Fix:
    Copy the DOI from the work's landing page; when a bibliographic search validated the
    reference, the fix names the registered DOI.
    """

    code = "DOI001"
    name = "doi-not-found"
    severity = Severity.ERROR
    needs_network = True

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for reference, resolution in resolved_references(data):
            lookup = resolution.doi
            # An agency that holds the DOI, or a DOI REF003 already reports, is not "missing".
            if lookup is None or lookup.status is not LookupStatus.NOT_FOUND:
                continue
            if lookup.agency is not None or not is_valid_doi(lookup.doi):
                continue
            found = _found_elsewhere(resolution, lookup.doi)
            registered = found.doi if found else None
            yield self.finding(
                f"DOI {lookup.doi} does not exist at any registration agency",
                page=reference.page,
                reference_id=reference.id,
                evidence={
                    "doi": lookup.doi,
                    "status": lookup.status.value,
                    "detail": lookup.detail,
                    **(corrected_entry(found, reference) if found else {}),
                },
                fix=f"The work is registered as https://doi.org/{registered}"
                if registered
                else "Copy the DOI from the cited work's landing page, or remove it",
            )


class DoiMismatch(Rule):
    """A DOI in a reference that belongs to another work.

    What it does:
    Looks up the record of each DOI printed in a reference (Crossref or DataCite) and reports
    it when both the title and the first author of the record disagree with the reference.
    When the first author cannot be judged (most often the cited first author is a later
    author of the record: a co-author's other paper), the title does not agree and year
    (±1), journal, volume and first page show another publication, it is reported too: with
    a clearly different title, at least two of those disagree and none but the year agrees;
    with a related title, all four disagree. A reference whose title or authors cannot be
    compared is left alone, and so is a preprint and its journal version or a companion paper
    in the same journal and year.

    Why it matters:
    A DOI of another work sends readers and citation indexes to the wrong paper: the cited
    work loses the citation and an unrelated one gains it. A transposed digit or a DOI copied
    from the neighbouring reference are the usual causes.

    Example:
    "Smith J (2019) Deep roots of coral reef resilience. doi:10.5555/air.2020" where
    10.5555/air.2020 is "Cheap sensors for urban air quality" by Okafor N.

    Fix:
    Replace the DOI with the cited work's; when a bibliographic search validated the
    reference, the fix names it.
    """

    code = "DOI002"
    name = "doi-mismatch"
    severity = Severity.ERROR
    needs_network = True

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for reference, resolution in resolved_references(data):
            record = doi_record(resolution)
            if record is None or is_same_work(reference, record) is not False:
                continue
            found = _found_elsewhere(resolution, record.doi)
            registered = found.doi if found else None
            record_author = record.authors[0].family if record.authors else None
            yield self.finding(
                f"DOI {record.doi} is registered for another work: {record.title!r}"
                + (f" by {record_author}" if record_author else ""),
                page=reference.page,
                reference_id=reference.id,
                evidence={
                    "doi": record.doi,
                    "source": record.source,
                    "title": {"found": reference.title, "expected": record.title},
                    "first-author": {
                        "found": reference.authors[0].family if reference.authors else None,
                        "expected": record_author,
                    },
                    **(corrected_entry(found, reference) if found else {}),
                },
                fix=f"The cited work is registered as https://doi.org/{registered}"
                if registered
                else "Replace the DOI with the one on the cited work's landing page",
            )
