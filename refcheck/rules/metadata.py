"""META: the paper's own metadata agrees with itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

from refcheck.extract.identifiers import issn_check_digit
from refcheck.model import Finding, LookupStatus, Resolutions, Severity, Statement, WorkRecord
from refcheck.resolve.fields import numbers_agree, pages_agree, titles_agree, years_agree
from refcheck.rules.base import Rule, RuleInput, invalid_mentions
from refcheck.suggest import corrected_entry

COMPARED_FIELDS = ("volume", "issue", "pages", "year", "doi")
# Fields also compared with the paper's registered record, when its DOI resolved.
REGISTERED_FIELDS = ("volume", "issue", "pages", "year", "title")


class MetadataConflict(Rule):
    """The paper states its own volume, issue, pages, year or DOI with different values.

    What it does:
    Compares every place where the paper states its own volume, issue, pages, year or DOI
    (first page, running headers and footers, "Cite this article" block, PDF information)
    and reports a field stated with different values. Online, it also compares the stated
    volume, issue, pages, year and title with the record registered for the paper's own DOI
    (Crossref or DataCite) and reports a statement that disagrees with it; a year that equals
    the record's print or online year is not a disagreement, and a value stated only in the
    PDF information (never in the page text) is not held against the record.

    Why it matters:
    Readers cite what the PDF says. A volume printed as VII on the first page and IX in the
    running header, or a DOI printed two different ways, sends citations and links to the
    wrong place; typesetting templates copied from another issue are the usual cause.

    Example:
    First page "Journal of Examples, Vol. VII, No. 2 (2023)"; running header on page 2
    "Journal of Examples · Volume 9 · Issue 2 · 2023".

    Fix:
    Correct the statements that disagree with the registered record so that every place
    states the same value; the evidence lists each value with its page and source.
    """

    code = "META001"
    name = "metadata-conflict"
    severity = Severity.ERROR

    def check(self, data: RuleInput) -> Iterator[Finding]:
        statements = data.document.metadata.statements
        record = _own_record(data.resolutions, data.document.metadata.title)
        for field in dict.fromkeys((*COMPARED_FIELDS, *REGISTERED_FIELDS)):
            of_field = [s for s in statements if s.field == field]
            registered = _registered_value(record, field) if record is not None else None
            contradicted = (
                _contradicting(field, of_field, record)
                if record is not None and registered is not None
                else []
            )
            conflicts = [] if field not in COMPARED_FIELDS else _comparable_groups(field, of_field)
            for group in conflicts:
                finding = self._conflict(field, group)
                if finding is not None and record is not None and registered is not None:
                    finding = self._with_registered(finding, field, record, registered)
                    contradicted = []  # said once, in the conflict's finding
                if finding is not None:
                    yield finding
            if contradicted and record is not None and registered is not None:
                yield self._against_record(field, contradicted, record, registered)

    def _with_registered(
        self, finding: Finding, field: str, record: WorkRecord, registered: str
    ) -> Finding:
        evidence = dict(finding.evidence)
        evidence["registered"] = _registered_evidence(record, registered)
        evidence.update(corrected_entry(record))
        evidence["statements"] = [*evidence["statements"], _record_statement(record, registered)]
        return replace(
            finding,
            evidence=evidence,
            fix=f"State the {field} as registered ({registered}, {record.source} record of "
            f"{record.doi}) everywhere",
        )

    def _against_record(
        self, field: str, statements: Sequence[Statement], record: WorkRecord, registered: str
    ) -> Finding:
        printed = ", ".join(dict.fromkeys(s.value for s in statements))
        return self.finding(
            f"the paper states its own {field} as {printed}, but its {record.source} record "
            f"({record.doi}) has {registered}",
            page=statements[0].page,
            evidence={
                "field": field,
                "values": sorted({s.normalized for s in statements}),
                "registered": _registered_evidence(record, registered),
                **corrected_entry(record),
                "statements": [
                    *(_evidence(s) for s in _unique(statements)),
                    _record_statement(record, registered),
                ],
            },
            fix=f"Correct the {field} to the registered {registered}, or have the registered "
            "record corrected if it is the one that is wrong",
        )

    def _conflict(self, field: str, statements: Sequence[Statement]) -> Finding | None:
        values = Counter(_comparison_key(field, s.normalized) for s in statements)
        if len(values) < 2:
            return None
        (majority, majority_count), (_, runner_up_count) = values.most_common(2)
        dissent = next(s for s in statements if _comparison_key(field, s.normalized) != majority)
        printed = {_comparison_key(field, s.normalized): s.value for s in statements}
        listed = ", ".join(f"{printed[key]} ({count}×)" for key, count in values.most_common())
        fix = None
        if majority_count > runner_up_count:
            fix = f"State the {field} as {printed[majority]} everywhere (or correct it if the "
            fix += "registered value differs)"
        return self.finding(
            f"the paper states its own {field} in different ways: {listed}",
            page=dissent.page,
            evidence={
                "field": field,
                "values": sorted(values),
                "statements": [_evidence(s) for s in _unique(statements)],
            },
            fix=fix,
        )


def _own_record(resolutions: Resolutions, title: str | None) -> WorkRecord | None:
    """The record of the paper's own DOI, unless its title shows it is another work's."""
    own = resolutions.own
    if own is None or own.status is not LookupStatus.RESOLVED or own.record is None:
        return None
    if titles_agree(title, own.record.title) is False:
        return None
    return own.record


def _registered_value(record: WorkRecord, field: str) -> str | None:
    value: str | None = getattr(record, field)
    if field == "year":
        value = value or record.print_year or record.online_year
    return value


def _contradicting(
    field: str, statements: Sequence[Statement], record: WorkRecord
) -> list[Statement]:
    """The statements of a field that the registered record contradicts.

    The PDF information dictionary counts only where the page text states the same value:
    its title is too often a file name, and a free-text subject ("Journal, 14(2), 2021") is
    read less surely than a masthead (the year taken for pages), so what only it states is
    never held against the record.
    """
    printed = {_comparison_key(field, s.normalized) for s in statements if s.source != "pdf-info"}
    return [
        s
        for s in statements
        if (s.source != "pdf-info" or _comparison_key(field, s.normalized) in printed)
        and _contradicts(field, s, record)
    ]


def _contradicts(field: str, statement: Statement, record: WorkRecord) -> bool:
    stated = statement.normalized
    if field == "title":
        return titles_agree(statement.value, record.title) is False
    if field == "year":
        years = [y for y in (record.year, record.print_year, record.online_year) if y]
        return bool(years) and all(years_agree(stated, y) is False for y in years)
    if field == "pages":
        return pages_agree(stated, record.pages) is False
    return numbers_agree(stated, getattr(record, field)) is False


def _registered_evidence(record: WorkRecord, registered: str) -> dict[str, object]:
    return {"value": registered, "source": record.source, "doi": record.doi}


def _record_statement(record: WorkRecord, registered: str) -> dict[str, object]:
    return {
        "value": registered,
        "normalized": registered,
        "page": None,
        "source": record.source,
        "text": f"registered record of {record.doi}",
    }


def _comparable_groups(field: str, statements: Sequence[Statement]) -> list[list[Statement]]:
    """Issue numbers and issue names ("Summer") are compared only among themselves."""
    if field != "issue":
        return [list(statements)]
    numbers = [s for s in statements if s.normalized[:1].isdigit()]
    names = [s for s in statements if not s.normalized[:1].isdigit()]
    return [numbers, names]


def _comparison_key(field: str, normalized: str) -> str:
    if field == "pages":
        # A masthead may give only the first page; "241" agrees with "241-249".
        return normalized.split("-")[0]
    return normalized


def _unique(statements: Sequence[Statement]) -> list[Statement]:
    seen: set[tuple[str, int | None, str]] = set()
    unique = []
    for statement in statements:
        key = (statement.value, statement.page, statement.source)
        if key not in seen:
            seen.add(key)
            unique.append(statement)
    return unique


def _evidence(statement: Statement) -> dict[str, object]:
    return {
        "value": statement.value,
        "normalized": statement.normalized,
        "page": statement.page,
        "source": statement.source,
        "text": statement.line,
    }


class InvalidIssn(Rule):
    """An ISSN whose check digit is wrong.

    What it does:
    Recomputes the check digit of every ISSN the document presents as one ("ISSN 2049-3630",
    "eISSN …") and reports those whose last character is wrong.

    Why it matters:
    An ISSN with a wrong check digit identifies no journal: indexing services, library
    systems and Crossref deposits reject it or, worse, match it to nothing.

    Example:
    "ISSN 2049-3631" — the check digit of 2049-363 is 0, so the ISSN should be 2049-3630.

    Fix:
    Copy the ISSN from the ISSN Portal or the journal's masthead; a single mistyped digit is
    the usual cause.
    """

    code = "META002"
    name = "invalid-issn"
    severity = Severity.WARNING

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for mention, pages in invalid_mentions(data.document, "issn"):
            digits = mention.text.replace("-", "")
            expected = issn_check_digit(digits[:7])
            corrected = f"{digits[:4]}-{digits[4:7]}{expected}"
            yield self.finding(
                f"ISSN {mention.text} has a wrong check digit (expected {expected})",
                page=mention.page,
                evidence={
                    "pages": pages,
                    "found": mention.text,
                    "expected_check_digit": expected,
                    "text": mention.context,
                },
                fix=f"If the first seven digits are right, the ISSN is {corrected}",
            )
