"""SARIF 2.1.0, the format GitHub code scanning and other dashboards read.

A PDF has pages, not lines. GitHub requires ``region.startLine``, so every result points at
line 1 of the PDF and carries the page in ``region.properties.page`` (and in the message, which
is what people read). Input errors and skipped checks are tool execution notifications.

A file under the working directory is named relative to ``%SRCROOT%``, which code scanning
matches against the repository; ``originalUriBaseIds`` describes that base without its absolute
URI, so the same run gives the same file on any machine. Other files get ``file:`` URIs.
"""

from __future__ import annotations

import json
from typing import Any

from refcheck import __version__
from refcheck.baseline import finding_fingerprint
from refcheck.inputs import STDIN_NAME
from refcheck.links import rule_doc_url
from refcheck.model import DocumentResult, Finding, Report, Severity
from refcheck.report.common import relative_uri, rule_sections
from refcheck.rules import ALL_RULES, Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SECTIONS = ("What it does", "Why it matters", "Example", "Fix")
SRCROOT = "%SRCROOT%"


def render(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


def to_dict(report: Report) -> dict[str, Any]:
    rule_index = {rule.code: index for index, rule in enumerate(ALL_RULES)}
    results = [
        _result(document, finding, rule_index)
        for document in report.documents
        for finding in document.findings
    ]
    notifications = [n for document in report.documents for n in _notifications(document)]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "refcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(rule) for rule in ALL_RULES],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": report.input_errors == 0,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "originalUriBaseIds": {
                    SRCROOT: {
                        "description": {
                            "text": "The directory refcheck ran in: the repository root when "
                            "run from a checkout, as in GitHub Actions."
                        }
                    }
                },
                "artifacts": [
                    {"location": _artifact(document.path)} for document in report.documents
                ],
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def _rule(rule: type[Rule]) -> dict[str, Any]:
    sections = rule_sections(rule)
    summary = rule.summary() + "."
    markdown = [f"**{summary}**"]
    markdown += [f"### {title}\n\n{sections[title]}" for title in SECTIONS if title in sections]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": sections.get("What it does", summary)},
        "helpUri": rule_doc_url(rule.code),
        "help": {"text": rule.documentation(), "markdown": "\n\n".join(markdown)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": ["refcheck", rule.code.rstrip("0123456789").lower()],
            "needsNetwork": rule.needs_network,
        },
    }


def _artifact(path: str) -> dict[str, Any]:
    if path == STDIN_NAME:  # no file, so no URI that code scanning could match
        return {"description": {"text": "standard input"}}
    uri = relative_uri(path)
    if uri.startswith("file:"):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def _result(
    document: DocumentResult, finding: Finding, rule_index: dict[str, int]
) -> dict[str, Any]:
    text = finding.message
    if finding.page is not None:
        text += f" (page {finding.page})"
    if finding.fix:
        text += f"\nFix: {finding.fix}"
    region: dict[str, Any] = {"startLine": 1}
    if finding.page is not None:
        region["properties"] = {"page": finding.page}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [
            {"physicalLocation": {"artifactLocation": _artifact(document.path), "region": region}}
        ],
        "partialFingerprints": {"refcheckFinding/v1": finding_fingerprint(document, finding)},
        "properties": {
            "page": finding.page,
            "referenceId": finding.reference_id,
            "citationId": finding.citation_id,
            "fix": finding.fix,
            "evidence": dict(finding.evidence),
        },
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    return result


def _notifications(document: DocumentResult) -> list[dict[str, Any]]:
    location = [{"physicalLocation": {"artifactLocation": _artifact(document.path)}}]
    notifications = []
    if document.error is not None:
        notifications.append(
            {
                "level": "error",
                "message": {"text": document.error.message},
                "descriptor": {"id": f"input-error/{document.error.kind}"},
                "locations": location,
            }
        )
    for skipped in document.skipped:
        notifications.append(
            {
                "level": "note",
                "message": {"text": f"{skipped.check} not checked: {skipped.reason}"},
                "descriptor": {"id": "skipped"},
                "locations": location,
            }
        )
    return notifications
