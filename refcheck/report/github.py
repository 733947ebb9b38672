"""GitHub Actions workflow commands: each finding becomes an annotation on the PDF.

``::error file=PATH,title=CODE name::page 3: message`` — values are escaped as the runner
expects (``%``, CR and LF in messages; also ``:`` and ``,`` in properties), so text from a PDF
can neither break a line nor start a command of its own.
"""

from __future__ import annotations

from refcheck.model import Finding, Report, Severity
from refcheck.report.text import summary

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report) -> str:
    lines = []
    for document in report.documents:
        if document.error is not None:
            lines.append(
                _command(
                    "error",
                    {"file": document.path, "title": f"refcheck: {document.error.kind}"},
                    document.error.message,
                )
            )
        for finding in document.findings:
            lines.append(_annotation(document.path, finding))
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def _annotation(path: str, finding: Finding) -> str:
    message = finding.message
    if finding.page is not None:
        message = f"page {finding.page}: {message}"
    if finding.fix:
        message += f"\nFix: {finding.fix}"
    properties = {"file": path, "title": f"{finding.code} {finding.name}"}
    return _command(COMMANDS[finding.severity], properties, message)


def _command(name: str, properties: dict[str, str], message: str) -> str:
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name} {rendered}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
