"""GitHub-flavoured Markdown for pull-request comments and ``$GITHUB_STEP_SUMMARY``.

A table with one row per document, then per document its findings grouped by severity, each
with its evidence folded in ``<details>``. Text from the PDF is escaped twice over: HTML
metacharacters become entities (GitHub renders inline HTML) and Markdown punctuation is
backslash-escaped, so a title like ``*<b>x</b>*`` shows as typed, and "@name" gets an
invisible word joiner so that it mentions nobody. Comments are limited to
65,536 characters; past ``MAX_CHARACTERS`` the remaining findings are only counted.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from refcheck.model import DocumentResult, Finding, Report
from refcheck.patterns import compiled
from refcheck.report.common import (
    NOT_FULLY_CHECKED,
    SEVERITIES,
    SEVERITY_TITLES,
    by_severity,
    comparisons,
    corrected_bibtex,
    counted,
    other_evidence,
    partly_checked,
    plural,
    short_paths,
    statements,
)

MAX_CHARACTERS = 60_000
_PUNCTUATION = compiled(r"([\\`*_\[\]|~#!])")
_MENTION = compiled(r"@(?=\w)")


def escape(text: str) -> str:
    """Inline text that renders literally: no markup, no line breaks, no table cell breaks."""
    one_line = " ".join(str(text).split())
    escaped = _PUNCTUATION.sub(r"\\\1", html.escape(one_line, quote=False))
    # A word joiner after "@" keeps text from the PDF from notifying a GitHub user.
    return _MENTION.sub("@\u2060", escaped)


def render(report: Report) -> str:
    counts = ", ".join(counted(report.count(s), s) for s in SEVERITIES)
    checked = len(report.documents) - report.input_errors
    documents = "checked document" if checked == 1 else "checked documents"
    head = [f"## refcheck: {counts} in {checked} {documents}"]
    if report.input_errors:
        head[0] += f" ({report.input_errors} could not be checked)"
    head += ["", *_table(report), ""]
    parts = ["\n".join(head)]
    size = len(parts[0])
    left_out = 0
    for document in report.documents:
        for block in _document(document):
            if size + len(block) + 1 > MAX_CHARACTERS:
                left_out += block.startswith("- **")
                continue
            parts.append(block)
            size += len(block) + 1  # the newline that joins the blocks
    if left_out:
        more = plural(left_out, "more finding", "more findings")
        parts.append(f"_{more} left out to stay within GitHub's size limit._\n")
    return "\n".join(parts)


def _table(report: Report) -> list[str]:
    paths = short_paths([document.path for document in report.documents])
    rows = [f"Paths relative to {escape(paths.base)}.", ""] if paths.base else []
    rows += [
        "| Document | Status | References | Citations | Errors | Warnings | Info |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for document, name in zip(report.documents, paths.names, strict=True):
        if document.error is not None:
            status = f"could not be checked: {escape(document.error.kind)}"
            rows.append(f"| {escape(name)} | {status} | — | — | — | — | — |")
            continue
        checked = document.document
        references = len(checked.references) if checked else 0
        citations = len(checked.citations) if checked else 0
        counts = [sum(1 for f in document.findings if f.severity is s) for s in SEVERITY_TITLES]
        rows.append(
            f"| {escape(name)} | {_status(document, counts)} | {references} | {citations} | "
            + " | ".join(str(c) for c in counts)
            + " |"
        )
    if any(partly_checked(document) for document in report.documents):
        rows += ["", _NOT_FULLY_CHECKED_NOTE]
    return rows


_NOT_FULLY_CHECKED_NOTE = (
    f"_{NOT_FULLY_CHECKED.capitalize()}: some checks were skipped; the document's "
    "“Not checked” list below says which and why._"
)


def _status(document: DocumentResult, counts: Sequence[int]) -> str:
    """Errors or warnings first; "ok" only when no check was skipped."""
    partly = partly_checked(document)
    if counts[0] or counts[1]:
        status = "❌ errors" if counts[0] else "⚠️ warnings"
        return f"{status}, {NOT_FULLY_CHECKED}" if partly else status
    return f"⏭️ {NOT_FULLY_CHECKED}" if partly else "✅ ok"


def _document(document: DocumentResult) -> list[str]:
    """The document's heading, then one block per finding (blocks are what the limit drops)."""
    heading = f"### {escape(document.path)}\n"
    if document.error is not None:
        return [heading, f"Could not be checked: {escape(document.error.message)}\n"]
    blocks = [heading] if document.findings else [heading, "No findings.\n"]
    for severity, findings in by_severity(document.findings):
        blocks.append(f"#### {SEVERITY_TITLES[severity]} ({len(findings)})\n")
        blocks.extend(_finding(finding) for finding in findings)
    if document.skipped:
        skipped = [f"- {escape(s.check)}: {escape(s.reason)}" for s in document.skipped]
        blocks.append("Not checked:\n\n" + "\n".join(skipped) + "\n")
    return blocks


def _finding(finding: Finding) -> str:
    """A list item; the fix and the evidence are paragraphs of it, each after a blank line.

    The blank line after ``</details>`` ends GitHub's raw-HTML block, so what follows is
    Markdown again.
    """
    where = f" (page {finding.page})" if finding.page is not None else ""
    lines = [f"- **{finding.code}** {escape(finding.name)}{where}: {escape(finding.message)}"]
    if finding.fix:
        lines += ["", f"  **Fix:** {escape(finding.fix)}"]
    evidence = _evidence(finding)
    if evidence:
        lines += ["", "  <details><summary>Evidence</summary>", "", *evidence, "", "  </details>"]
    return "\n".join(lines) + "\n"


def _evidence_table(
    header: Sequence[str], aligns: Sequence[str], cells: Iterable[Sequence[str]]
) -> list[str]:
    """An indented Markdown table, every cell escaped, and the blank line after it."""
    rows = [f"  | {' | '.join(header)} |", f"  | {' | '.join(aligns)} |"]
    rows += [f"  | {' | '.join(escape(cell) for cell in row)} |" for row in cells]
    return [*rows, ""]


def _evidence(finding: Finding) -> list[str]:
    rows: list[str] = []
    compared = comparisons(finding.evidence)
    if compared:
        rows += _evidence_table(
            ("Field", "Found", "Expected", "Source"),
            ("---", "---", "---", "---"),
            [(c.field, c.found, c.expected, c.source) for c in compared],
        )
    stated = statements(finding.evidence)
    if stated:
        rows += _evidence_table(
            ("Value", "Page", "Source", "Text"),
            ("---", "---:", "---", "---"),
            [
                (
                    str(s.get("value", "")),
                    str(s.get("page") or "—"),
                    str(s.get("source", "")),
                    str(s.get("text", "")),
                )
                for s in stated
            ],
        )
    rows += [
        f"  - {escape(key)}: {escape(value)}" for key, value in other_evidence(finding.evidence)
    ]
    corrected = corrected_bibtex(finding.evidence)
    if corrected:  # a fence the entry's text cannot close
        rows += [
            "",
            "  ````bibtex",
            *(f"  {line}" for line in corrected.replace("````", "").splitlines()),
            "  ````",
        ]
    while rows and not rows[-1]:
        rows.pop()
    return rows
