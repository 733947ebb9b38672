"""The JSON report, schema ``refcheck/1`` (documented in the README).

Keys are only ever added; none is renamed or removed without a schema version bump.
"""

from __future__ import annotations

import json
from typing import Any

from refcheck import __version__
from refcheck.model import Document, DocumentResult, Finding, PaperMetadata, Report, Severity

SCHEMA = "refcheck/1"


def to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "tool": {"name": "refcheck", "version": __version__},
        "documents": [_document(result) for result in report.documents],
        "summary": {
            "documents": len(report.documents),
            "input_errors": report.input_errors,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
        },
    }


def render(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


def _document(result: DocumentResult) -> dict[str, Any]:
    document: Document | None = result.document
    return {
        "path": result.path,
        "status": result.status,
        "error": (
            {"kind": result.error.kind, "message": result.error.message} if result.error else None
        ),
        "pages": document.pages if document else None,
        "metadata": _metadata(document.metadata) if document else None,
        "references": [],
        "citations": [],
        "findings": [_finding(f) for f in result.findings],
        "skipped": [{"check": s.check, "reason": s.reason} for s in result.skipped],
    }


def _metadata(metadata: PaperMetadata) -> dict[str, Any]:
    return {
        "title": metadata.title,
        "authors": list(metadata.authors),
        "journal": metadata.journal,
        "issn": list(metadata.issn),
        "volume": metadata.volume,
        "issue": metadata.issue,
        "pages": metadata.pages,
        "year": metadata.year,
        "date": metadata.date,
        "doi": metadata.doi,
        "statements": [
            {
                "field": s.field,
                "value": s.value,
                "normalized": s.normalized,
                "page": s.page,
                "source": s.source,
            }
            for s in metadata.statements
        ],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "page": finding.page,
        "reference_id": finding.reference_id,
        "citation_id": finding.citation_id,
        "evidence": dict(finding.evidence),
        "fix": finding.fix,
    }
