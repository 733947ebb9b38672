"""The JSON report, schema ``refcheck/1`` (documented in docs/json-report.md).

Keys are only ever added; none is renamed or removed without a schema version bump. The JSON
Schema of the report, ``refcheck-1.schema.json`` beside this module, is package data:
``json_schema()`` loads it and ``refcheck schema`` prints it.
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from typing import Any

from refcheck import __version__
from refcheck.model import (
    Author,
    Box,
    Citation,
    Document,
    DocumentResult,
    DoiLookup,
    Finding,
    Linking,
    PaperMetadata,
    Reference,
    ReferenceResolution,
    Report,
    Resolutions,
    Severity,
    Verdict,
    VerdictStatus,
    WorkRecord,
)
from refcheck.suggest import corrected_entry, registered_doi

SCHEMA = "refcheck/1"
# The fields of a record a verdict shows (see $defs/sourceRecord in the schema).
_SOURCE_RECORD_KEYS = (
    "source", "title", "authors", "container", "volume", "issue", "pages", "year", "type",
)  # fmt: skip
# `refcheck extract --format json` is another document (no findings, a list of identifiers), so it
# has its own tag and schema.
EXTRACT_SCHEMA = "refcheck-extract/1"
SCHEMA_FILE = "refcheck-1.schema.json"
# Each rendered report is logged at DEBUG with its text (``extra={"refcheck_json": text}``), so
# a program or a test suite can see every report a run produced without wrapping the renderer.
logger = logging.getLogger(__name__)


def json_schema(document: str = "report") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the ``check`` report or of the ``extract`` document.

    Both are in one file, so that they share their definitions: the extract document is the
    file's ``$defs/extract``, returned as a schema of its own.
    """
    text = resources.files("refcheck.report").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    if document == "report":
        return schema
    if document != "extract":
        raise ValueError(f"no JSON schema for {document!r}: report or extract")
    return {
        "$schema": schema["$schema"],
        "$id": schema["$id"] + ":extract",
        "title": "refcheck extract JSON document, schema refcheck-extract/1",
        "$ref": "#/$defs/extract",
        "$defs": schema["$defs"],
    }


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
            "suppressed": report.suppressed,
        },
    }


def render(report: Report) -> str:
    text = json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"
    logger.debug(
        "rendered a %s report of %d documents",
        SCHEMA,
        len(report.documents),
        extra={"refcheck_json": text},
    )
    return text


def _document(result: DocumentResult) -> dict[str, Any]:
    document: Document | None = result.document
    return {
        "path": result.path,
        "status": result.status,
        "input_kind": document.input_kind if document else None,
        "error": (
            {
                "kind": result.error.kind,
                "message": result.error.message,
                "baselined": result.error.baselined,
            }
            if result.error
            else None
        ),
        "pages": document.pages if document else None,
        "damaged_pages": list(result.damaged_pages),
        "metadata": _metadata(document.metadata) if document else None,
        "references": (
            [_reference(r, result.resolutions) for r in document.references] if document else []
        ),
        "registered": _doi_lookup(result.resolutions.own),
        "citations": [_citation(c, result.linking) for c in document.citations] if document else [],
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


def _reference(reference: Reference, resolutions: Resolutions) -> dict[str, Any]:
    return {
        "id": reference.id,
        "label": reference.label,
        "raw": reference.raw,
        "page": reference.page,
        "authors": _authors(reference.authors),
        "year": reference.year,
        "year_suffix": reference.year_suffix,
        "date": reference.date,
        "title": reference.title,
        "container": reference.container,
        "volume": reference.volume,
        "issue": reference.issue,
        "pages": reference.pages,
        "doi": reference.doi,
        "url": reference.url,
        "urls": list(reference.urls),
        "publisher": reference.publisher,
        "type": reference.type,
        "key": reference.key,
        "boxes": _boxes(reference.boxes),
        "resolution": _resolution(resolutions.of_reference(reference.id)),
        "verdict": _verdict(resolutions.of_reference(reference.id)),
    }


def _verdict(resolution: ReferenceResolution | None) -> dict[str, Any]:
    """The reference's verdict; unverified when nothing was asked (offline)."""
    verdict = resolution.verdict if resolution else None
    if verdict is None:
        why = "no verdict was made" if resolution else "no lookup was made (offline)"
        verdict = Verdict(VerdictStatus.UNVERIFIED, why)
    identifier = verdict.identifier
    return {
        "status": verdict.status.value,
        "reason": verdict.reason,
        "source": verdict.source,
        "identifier": None if identifier is None else dict(kind=identifier[0], value=identifier[1]),
        "record": _source_record(verdict.record),
        "fields": list(verdict.fields),
        "asked": [
            {"source": q.source, "kind": q.kind, "query": q.query, "status": q.status.value}
            for q in verdict.asked
        ],
        "title_owner": _source_record(verdict.title_twin),
        **_correction(verdict),
    }


def _correction(verdict: Verdict) -> dict[str, Any]:
    """The entry as the record states it, for a reference that differs from its record."""
    if verdict.status is not VerdictStatus.MISMATCH or verdict.record is None:
        return {"corrected_bibtex": None, "corrected_csl": None}
    return corrected_entry(verdict.record)


def _source_record(record: WorkRecord | None) -> dict[str, Any] | None:
    """A registry's or a source's record; a source's stand-in key is no DOI (null)."""
    full = _record(record)
    if full is None or record is None:
        return None
    return {"doi": registered_doi(record), **{key: full[key] for key in _SOURCE_RECORD_KEYS}}


def _resolution(resolution: ReferenceResolution | None) -> dict[str, Any] | None:
    """What the registries and the web said about a reference; null when nothing was asked."""
    if resolution is None:
        return None
    search = resolution.search
    return {
        "doi": _doi_lookup(resolution.doi),
        "search": None
        if search is None
        else {
            "status": search.status.value,
            "record": _record(search.record),
            "agreeing": list(search.agreeing),
            "candidates": search.candidates,
            "journal_seen": search.journal_seen,
            "detail": search.detail,
        },
        "urls": [
            {
                "url": check.url,
                "status": check.status.value,
                "http_status": check.http_status,
                "final_url": check.final_url,
                "detail": check.detail,
            }
            for check in resolution.urls
        ],
    }


def _boxes(boxes: tuple[Box, ...]) -> list[dict[str, Any]]:
    return [
        {"page": b.page, "x0": b.x0, "top": b.top, "x1": b.x1, "bottom": b.bottom} for b in boxes
    ]


def _authors(authors: tuple[Author, ...]) -> list[dict[str, Any]]:
    return [{"family": a.family, "given": a.given, "organization": a.organization} for a in authors]


def _doi_lookup(lookup: DoiLookup | None) -> dict[str, Any] | None:
    if lookup is None:
        return None
    return {
        "doi": lookup.doi,
        "status": lookup.status.value,
        "agency": lookup.agency,
        "record": _record(lookup.record),
        "detail": lookup.detail,
    }


def _record(record: WorkRecord | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {
        "doi": record.doi,
        "source": record.source,
        "title": record.title,
        "authors": _authors(record.authors),
        "container": record.container,
        "volume": record.volume,
        "issue": record.issue,
        "pages": record.pages,
        "year": record.year,
        "print_year": record.print_year,
        "online_year": record.online_year,
        "type": record.type,
        "updates": [
            {"type": u.type, "doi": u.doi, "label": u.label, "source": u.source, "date": u.date}
            for u in record.updates
        ],
    }


def _citation(citation: Citation, linking: Linking) -> dict[str, Any]:
    links = {link.work_index: link for link in linking.links if link.citation_id == citation.id}
    return {
        "id": citation.id,
        "text": citation.text,
        "page": citation.page,
        "style": citation.style,
        "reference_ids": list(linking.reference_ids_of(citation.id)),
        "sentence": citation.sentence,
        "boxes": _boxes(citation.boxes),
        "works": [
            {
                "text": work.text,
                "number": work.number,
                "names": list(work.names),
                "et_al": work.et_al,
                "year": work.year,
                "year_suffix": work.year_suffix,
                "link": links[index].status if index in links else None,
                "reference_ids": list(links[index].reference_ids) if index in links else [],
                "repair": links[index].repair if index in links else None,
            }
            for index, work in enumerate(citation.works)
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
