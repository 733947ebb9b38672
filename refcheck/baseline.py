"""Baselines: accept the findings a project has today, so that only new ones are reported.

A finding is remembered by a fingerprint of what it is about, never of where it was printed,
so that it survives re-exporting the PDF or re-extracting it with a better refcheck:

* the rule code;
* the document's identity: its own DOI, else its title, else its file name stem (file bytes
  change with every export, and the same article may sit under another folder);
* the subject: the reference's key (first author's surname, year, first title words), the
  citation as printed, and the evidence fields that name the problem (``found``, ``missing``
  …) — never a page, a list position or a reference id like ``R12``.

Identical fingerprints are counted, so a paper with two identical unmatched citations that
gains a third reports one new finding. A file that could not be read is remembered too (as
``input-error`` with its kind), so a known unreadable file does not fail every later run.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from refcheck.errors import UsageError
from refcheck.model import Document, DocumentResult, Finding, InputError, Reference, Report

BASELINE_VERSION = 1
INPUT_ERROR_CODE = "input-error"
# Evidence fields that say what a finding is about; the others hold pages, context lines or
# whole statements, which change when a PDF is re-exported.
SUBJECT_EVIDENCE = ("field", "values", "found", "expected", "missing", "repeated", "work", "why")
TITLE_WORDS = 6


class BaselineError(UsageError):
    """A baseline file is missing, unreadable or not a refcheck baseline."""

    kind = "baseline"


@dataclass(frozen=True)
class Entry:
    """One accepted finding, with its readable parts next to the fingerprint."""

    fingerprint: str
    code: str
    document: str
    subject: str
    path: str
    message: str


def normalize(text: str) -> str:
    """Lower-case ASCII words: accents, punctuation, line breaks and hyphenation do not count."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.findall(r"[a-z0-9]+", folded.lower()))


def document_identity(result: DocumentResult) -> str:
    metadata = result.document.metadata if result.document is not None else None
    if metadata is not None and metadata.doi:
        return "doi:" + metadata.doi.lower()
    if metadata is not None and metadata.title and normalize(metadata.title):
        return "title:" + normalize(metadata.title)
    return "file:" + normalize(Path(result.path).stem)


def reference_key(reference: Reference) -> str:
    """First author's surname, year and first title words; the raw text when those are absent."""
    surname = normalize(reference.authors[0].family) if reference.authors else ""
    title = " ".join(normalize(reference.title or "").split()[:TITLE_WORDS])
    if not surname and not title:
        return " ".join(normalize(reference.raw).split()[: TITLE_WORDS * 2])
    return f"{surname}|{reference.year or ''}{reference.year_suffix}|{title}"


def subject_key(finding: Finding, document: Document | None) -> str:
    parts: list[str] = []
    if document is not None and finding.reference_id is not None:
        reference = next((r for r in document.references if r.id == finding.reference_id), None)
        if reference is not None:
            parts.append("reference=" + reference_key(reference))
    if document is not None and finding.citation_id is not None:
        citation = next((c for c in document.citations if c.id == finding.citation_id), None)
        if citation is not None:
            parts.append("citation=" + normalize(citation.text))
    for key in SUBJECT_EVIDENCE:
        if key in finding.evidence:
            value = json.dumps(finding.evidence[key], sort_keys=True, ensure_ascii=False)
            parts.append(f"{key}={normalize(value)}")
    return "; ".join(parts)


def _fingerprint(code: str, document: str, subject: str) -> str:
    return hashlib.sha256(f"{code}\x1f{document}\x1f{subject}".encode()).hexdigest()[:20]


def finding_fingerprint(result: DocumentResult, finding: Finding) -> str:
    """The finding's identity across re-exports and re-extractions (baselines, SARIF)."""
    subject = subject_key(finding, result.document)
    return _fingerprint(finding.code, document_identity(result), subject)


def _entry(code: str, result: DocumentResult, subject: str, message: str) -> Entry:
    identity = document_identity(result)
    return Entry(
        _fingerprint(code, identity, subject), code, identity, subject, result.path, message
    )


def entries(report: Report) -> Iterator[Entry]:
    """One entry per finding and per file that could not be read."""
    for result in report.documents:
        if result.error is not None:
            yield _entry(INPUT_ERROR_CODE, result, result.error.kind, result.error.message)
        for finding in result.findings:
            subject = subject_key(finding, result.document)
            yield _entry(finding.code, result, subject, finding.message)


def write_baseline(report: Report, path: Path) -> int:
    """Record every finding of the report in ``path``; returns how many were recorded."""
    recorded = sorted(entries(report), key=lambda e: (e.path, e.code, e.subject))
    data = {
        "version": BASELINE_VERSION,
        "tool": "refcheck",
        "findings": [vars(entry) for entry in recorded],
    }
    try:
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline ({exc.strerror})") from exc
    return len(recorded)


def load_baseline(path: Path) -> Counter[str]:
    """The accepted fingerprints and how often each was accepted."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: no such baseline file; write one with --write-baseline {path}"
        ) from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc.strerror})") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a refcheck baseline (not valid JSON: {exc})") from exc
    if not isinstance(data, dict) or "version" not in data:
        raise BaselineError(f"{path}: not a refcheck baseline (no 'version' key)")
    if data["version"] != BASELINE_VERSION:
        raise BaselineError(
            f"{path}: baseline version {data['version']!r} is not supported "
            f"(this refcheck reads version {BASELINE_VERSION}); write it again"
        )
    findings = data.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and isinstance(f.get("fingerprint"), str) for f in findings
    ):
        raise BaselineError(f"{path}: damaged baseline ('findings' must list fingerprints)")
    return Counter(f["fingerprint"] for f in findings)


def apply_baseline(report: Report, known: Counter[str]) -> Report:
    """The report without the findings the baseline accepts; each result counts its own."""
    remaining = Counter(known)

    def accepted(entry: Entry) -> bool:
        if remaining[entry.fingerprint] > 0:
            remaining[entry.fingerprint] -= 1
            return True
        return False

    results = []
    for result in report.documents:
        error: InputError | None = result.error
        suppressed = 0
        if error is not None and accepted(_entry(INPUT_ERROR_CODE, result, error.kind, "")):
            error = replace(error, baselined=True)
            suppressed += 1
        kept = []
        for finding in result.findings:
            entry = _entry(finding.code, result, subject_key(finding, result.document), "")
            if accepted(entry):
                suppressed += 1
            else:
                kept.append(finding)
        results.append(
            replace(
                result,
                error=error,
                findings=tuple(kept),
                suppressed=result.suppressed + suppressed,
            )
        )
    return replace(report, documents=tuple(results))
