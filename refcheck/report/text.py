"""Linter-style text: ``path:page: CODE severity message``, evidence indented, a summary."""

from __future__ import annotations

from typing import Any

from refcheck.model import Finding, Report, Severity

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"


def render(report: Report, color: bool = False) -> str:
    lines: list[str] = []
    for result in report.documents:
        if result.error is not None:
            lines.append(f"{result.path}: could not be checked ({result.error.kind})")
            continue
        for finding in result.findings:
            lines.extend(_finding(result.path, finding, color))
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def _finding(path: str, finding: Finding, color: bool) -> list[str]:
    severity = finding.severity.value
    code = finding.code
    if color:
        severity = f"{_COLORS[finding.severity]}{severity}{_RESET}"
        code = f"{_BOLD}{code}{_RESET}"
    where = f"{path}:{finding.page}" if finding.page is not None else path
    lines = [f"{where}: {code} {severity} {finding.message}"]
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
        elif key not in ("values", "text"):
            lines.append(f"{key}: {value}")
    return lines


def summary(report: Report) -> str:
    counts = [
        f"{report.count(Severity.ERROR)} errors",
        f"{report.count(Severity.WARNING)} warnings",
        f"{report.count(Severity.INFO)} info",
    ]
    checked = len(report.documents) - report.input_errors
    text = f"{checked} document{'s' if checked != 1 else ''} checked: " + ", ".join(counts)
    if report.input_errors:
        text += f"; {report.input_errors} could not be checked"
    return text
