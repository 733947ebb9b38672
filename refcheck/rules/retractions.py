"""RET: cited works that were retracted, withdrawn or flagged after publication."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Finding, Reference, Severity, WorkRecord, WorkUpdate
from refcheck.rules.base import Rule, RuleInput
from refcheck.rules.online import cited_records, resolved_references

# How serious each kind of update notice is; kinds not listed (new_version) are not reported.
UPDATE_SEVERITY = {
    "retraction": Severity.ERROR,
    "partial_retraction": Severity.ERROR,
    "withdrawal": Severity.ERROR,
    "removal": Severity.ERROR,
    "expression_of_concern": Severity.WARNING,
    "correction": Severity.INFO,
    "corrigendum": Severity.INFO,
    "erratum": Severity.INFO,
    "addendum": Severity.INFO,
    "clarification": Severity.INFO,
}


def _notices_by_type(updates: tuple[WorkUpdate, ...]) -> dict[str, list[WorkUpdate]]:
    """Reported kinds, each with its notices; one notice recorded by two sources counts once."""
    grouped: dict[str, list[WorkUpdate]] = {}
    for update in updates:
        kind = update.type.lower().replace("-", "_").replace(" ", "_")
        if kind not in UPDATE_SEVERITY:
            continue
        notices = grouped.setdefault(kind, [])
        if update.doi is None or all(n.doi != update.doi for n in notices):
            notices.append(update)
    return grouped


def _notice_evidence(
    kind: str, notices: list[WorkUpdate], updates: tuple[WorkUpdate, ...]
) -> list[dict[str, object]]:
    return [
        {
            "doi": notice.doi,
            "type": kind,
            "label": notice.label,
            "sources": sorted(
                {u.source for u in updates if u.doi == notice.doi and u.source} or {notice.source}
            ),
            "date": notice.date,
        }
        for notice in notices
    ]


def _identified_works(data: RuleInput) -> Iterator[tuple[Reference, WorkRecord, str]]:
    """Each reference's work identified for certain: the registry record, else the record a
    source validated (by identifier or title), with the name to give it in a message."""
    settled = dict(cited_records(data))
    for reference, resolution in resolved_references(data):
        cited = settled.get(reference)
        found = resolution.sources
        if cited is not None:
            yield reference, cited.record, cited.record.doi
        elif found is not None and found.record is not None and found.identifier is not None:
            yield reference, found.record, " ".join(found.identifier)


class RetractedWork(Rule):
    """A cited work that was retracted, withdrawn or corrected, or carries a concern.

    What it does:
    Reads the update notices registered for each cited work (Crossref's ``updated-by``,
    from publishers and from Retraction Watch) and reports them: a retraction, partial
    retraction, withdrawal or removal is an error, an expression of concern a warning, a
    correction, corrigendum, erratum, addendum or clarification info. A new version is
    not reported. Only works identified for certain (the reference's own DOI with matching
    title or author, or a validated search match) are looked at; for a work only another
    source holds (no DOI record), OpenAlex's "is retracted" mark is read as a retraction.

    Why it matters:
    Retracted studies keep being cited as if valid, spreading results their own authors or
    publishers withdrew; a citation of a corrected work should take the correction into
    account.

    Example:
    A reference to 10.5555/reef.2019, which 10.5555/reef.2019.retraction retracted in 2021.

    Fix:
    Remove the citation of a retracted work or say in the text that it was retracted; cite the
    correction alongside a corrected work. The evidence names the notice's DOI and date.
    """

    code = "RET001"
    name = "retracted-work"
    severity = Severity.ERROR
    needs_network = True

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for reference, record, name in _identified_works(data):
            for kind, notices in _notices_by_type(record.updates).items():
                first = notices[0]
                when = f" on {first.date}" if first.date else ""
                notice = f" by {first.doi}" if first.doi else ""
                yield self.finding(
                    f"the cited work {name} has a {kind.replace('_', ' ')}{notice}{when}",
                    page=reference.page,
                    reference_id=reference.id,
                    evidence={
                        "doi": record.doi,
                        "type": kind,
                        "notice": first.doi,
                        "source": first.source,
                        "date": first.date,
                        "notices": _notice_evidence(kind, notices, record.updates),
                    },
                    fix=_fix(kind, first),
                    severity=UPDATE_SEVERITY[kind],
                )


def _fix(kind: str, notice: WorkUpdate) -> str:
    link = f" (https://doi.org/{notice.doi})" if notice.doi else ""
    if UPDATE_SEVERITY[kind] is Severity.ERROR:
        return f"Remove the citation or state in the text that the work was retracted{link}"
    if kind == "expression_of_concern":
        return f"Read the expression of concern{link} before relying on the work"
    return f"Take the {kind.replace('_', ' ')}{link} into account, and cite it if it matters"
