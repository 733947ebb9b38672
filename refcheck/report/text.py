"""Linter-style text: ``path:page: CODE severity message``, evidence indented, a summary.

With more than one document, a table with one row per document comes before the summary.
"""

from __future__ import annotations

from typing import Any

from refcheck.model import DocumentResult, Finding, Report, Severity
from refcheck.report.common import (
    NOT_FULLY_CHECKED,
    SEVERITIES,
    counted,
    elide,
    partly_checked,
    plain,
    plural,
    short_paths,
    verdict_counts,
)

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"
# A terminal is often 100 columns wide or more; a wider row wraps and the table falls apart.
TABLE_WIDTH = 100
MIN_PATH_WIDTH = 24  # below this a path no longer says which file it is


def render(report: Report, color: bool = False, quiet: bool = False) -> str:
    """The findings; unless ``quiet``, the checks that could not be made, the table of
    documents and the summary line."""
    lines: list[str] = []
    for result in report.documents:
        if result.error is not None:
            known = ", accepted by the baseline" if result.error.baselined else ""
            lines.append(f"{result.path}: could not be checked ({result.error.kind}{known})")
            continue
        for finding in result.findings:
            lines.extend(_finding(result.path, finding, color))
        if not quiet:
            lines.extend(f"{result.path}: skipped {s.check}: {s.reason}" for s in result.skipped)
            if verdicts := verdict_counts(result):
                counts = ", ".join(f"{n} {status}" for status, n in verdicts.items())
                lines.append(f"{result.path}: references: {counts}")
    if not quiet:
        if len(report.documents) > 1:
            lines.extend(documents_table(report))
        lines.append(summary(report))
    return "".join(line + "\n" for line in lines)


def documents_table(report: Report) -> list[str]:
    """One row per document: path, status, references, citations, findings by severity; the
    paths short enough that a row fits in ``TABLE_WIDTH`` columns."""
    header = ("path", "status", "references", "citations", "errors", "warnings", "info")
    paths = short_paths([result.path for result in report.documents])
    rows = [_row(result, name) for result, name in zip(report.documents, paths.names, strict=True)]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    room = TABLE_WIDTH - sum(widths[1:]) - 2 * (len(header) - 1)
    widths[0] = min(widths[0], max(room, MIN_PATH_WIDTH))

    def line(row: tuple[str, ...]) -> str:
        cells = [elide(row[0], widths[0]).ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:], strict=True)]
        return "  ".join(cells).rstrip()

    based = [f"paths relative to {paths.base}"] if paths.base else []
    legend = []
    if any(partly_checked(result) for result in report.documents):
        legend = [f'{NOT_FULLY_CHECKED}: some checks were skipped (the "skipped" lines say why)']
    return ["", *based, *(line(row) for row in (header, *rows)), *legend, ""]


def _row(result: DocumentResult, name: str) -> tuple[str, ...]:
    if result.document is None:
        kind = result.error.kind if result.error is not None else "error"
        return (name, kind, "-", "-", "-", "-", "-")
    counts = [sum(1 for f in result.findings if f.severity is s) for s in Severity]
    return (
        name,
        NOT_FULLY_CHECKED if partly_checked(result) else result.status,
        str(len(result.document.references)),
        str(len(result.document.citations)),
        *map(str, counts),
    )


def _finding(path: str, finding: Finding, color: bool) -> list[str]:
    severity = finding.severity.value
    code = finding.code
    if color:
        severity = f"{_COLORS[finding.severity]}{severity}{_RESET}"
        code = f"{_BOLD}{code}{_RESET}"
    where = f"{path}:{finding.page}" if finding.page is not None else path
    message = " ".join(finding.message.splitlines())  # PDF text must not forge report lines
    lines = [f"{where}: {code} {severity} {message}"]
    lines.extend(f"    {line}" for line in _evidence(finding.evidence))
    if finding.fix:
        lines.append(f"    fix: {finding.fix}")
    return lines


def _evidence(evidence: Any) -> list[str]:
    lines = []
    for key, value in evidence.items():
        if key == "statements":
            for statement in value:
                page = statement["page"] if statement["page"] is not None else "-"
                lines.append(
                    f"{statement['value']!r:>16}  page {page:<4} {statement['source']:<15}"
                    f" {statement['text'][:70]}"
                )
        elif key == "corrected_bibtex" and isinstance(value, str):
            lines.append("corrected entry, from the record (BibTeX):")
            lines.extend(f"  {line}" for line in value.splitlines())
        elif key not in ("values", "text", "corrected_csl"):
            lines.append(f"{key}: {plain(value)}")
    return lines


def summary(report: Report) -> str:
    counts = ", ".join(counted(report.count(s), s) for s in SEVERITIES)
    checked = len(report.documents) - report.input_errors
    text = f"{plural(checked, 'document')} checked: {counts}"
    if report.input_errors:
        text += f"; {report.input_errors} could not be checked"
    if report.suppressed:
        text += f"; {report.suppressed} suppressed by the baseline"
    return text
