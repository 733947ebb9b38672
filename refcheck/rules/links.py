"""URL: the web addresses cited in references lead somewhere."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Finding, LookupStatus, Reference, Severity, UrlCheck
from refcheck.rules.base import Rule, RuleInput
from refcheck.rules.online import resolved_references

# Outcomes that say nothing about the page: the server or the network did not let us tell.
COULD_NOT_TELL = frozenset(
    (LookupStatus.TIMEOUT, LookupStatus.UNREACHABLE, LookupStatus.RATE_LIMITED)
)


def _evidence(check: UrlCheck) -> dict[str, object]:
    return {
        "url": check.url,
        "status": check.status.value,
        "http_status": check.http_status,
        "final_url": check.final_url,
        "detail": check.detail,
    }


def _checks(
    data: RuleInput, statuses: frozenset[LookupStatus]
) -> Iterator[tuple[Reference, UrlCheck]]:
    for reference, resolution in resolved_references(data):
        for check in resolution.urls:
            if check.status in statuses:
                yield reference, check


class BrokenLink(Rule):
    """A URL in a reference that leads nowhere: 404, 410 or a host that does not exist.

    What it does:
    Requests every URL printed in a reference (HEAD, then GET when HEAD is refused,
    following redirects; URLs broken across lines are rejoined first) and reports those
    whose server answers 404 Not Found or 410 Gone, or whose host name does not resolve.
    doi.org links are checked as DOIs (DOI001), not here.

    Why it matters:
    A dead link cites nothing: the reader cannot see what the paper relied on. Web pages move
    and vanish ("link rot"); archived copies keep them readable.

    Example:
    "World Bank (2020) Poverty data. https://example.org/reports/poverty-2020.pdf" answering
    404.

    Fix:
    Find the page's new address, or cite an archived copy (Internet Archive's Wayback
    Machine, perma.cc) with the date it was accessed.
    """

    code = "URL001"
    name = "broken-link"
    severity = Severity.WARNING
    needs_network = True

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for reference, check in _checks(data, frozenset((LookupStatus.NOT_FOUND,))):
            answer = f"HTTP {check.http_status}" if check.http_status else check.detail
            yield self.finding(
                f"{check.url} is broken ({answer or 'not found'})",
                page=reference.page,
                reference_id=reference.id,
                evidence=_evidence(check),
                fix="Cite the page's new address or an archived copy with its access date",
            )


class UnreachableLink(Rule):
    """A URL in a reference that could not be checked: timeout, server error, access refused.

    What it does:
    Reports URLs printed in references whose check ended without an answer about the page:
    a timeout, a 5xx server error, 401/403 (many publishers refuse automated requests), a
    refused connection or 429 Too Many Requests. It says "could not tell", not "broken".

    Why it matters:
    Such a link may well work in a browser, but it may also be dead behind a failing server;
    listing it lets an author check it by hand instead of trusting silence.

    Example:
    "https://slow.example.org/data" timing out after 10 seconds.

    Fix:
    Open the link in a browser; if it is dead, cite its new address or an archived copy.
    """

    code = "URL002"
    name = "unreachable-link"
    severity = Severity.INFO
    needs_network = True

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for reference, check in _checks(data, COULD_NOT_TELL):
            answer = f"HTTP {check.http_status}" if check.http_status else check.status.value
            yield self.finding(
                f"{check.url} could not be checked ({answer})",
                page=reference.page,
                reference_id=reference.id,
                evidence=_evidence(check),
                fix="Open the link in a browser to check it by hand",
            )
