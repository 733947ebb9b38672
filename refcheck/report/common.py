"""What several reporters derive alike from a finished report: nothing here decides a finding."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from refcheck.model import (
    DocumentResult,
    Finding,
    Reference,
    Severity,
    VerdictStatus,
)
from refcheck.patterns import compiled
from refcheck.rules import ALL_RULES, Rule

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY_TITLES = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}
# The status of a document in the tables when some check was skipped on it.
NOT_FULLY_CHECKED = "not fully checked"

# Rules that need no network judge the paper itself; every other finding on a reference is a
# disagreement with a registry (or a dead link), which is what "mismatch" means.
_OFFLINE_CODES = frozenset(rule.code for rule in ALL_RULES if not rule.needs_network)

_SECTION = compiled(r"^(What it does|Why it matters|Example|Fix):\s*$", re.M)


def plural(number: int, noun: str, many: str | None = None) -> str:
    """A count and its noun in agreement: 1 error, 2 errors (``many`` when not noun + s)."""
    return f"{number} {noun if number == 1 else many or noun + 's'}"


def counted(number: int, severity: Severity) -> str:
    """A count in words: 1 error, 2 warnings, 3 info."""
    if severity is Severity.INFO:
        return plural(number, "info", "info")
    return plural(number, severity.value)


def partly_checked(result: DocumentResult) -> bool:
    """A document that was read but on which a selected check could not be made (offline, no
    reference list, a registry down …): its counts, even zeros, are no all-clear."""
    return result.error is None and bool(result.skipped)


def skipped_lines(result: DocumentResult) -> str:
    """The checks not made on the document and why, one per line (for a tooltip)."""
    return "\n".join(f"{s.check}: {s.reason}" for s in result.skipped)


def by_severity(findings: Sequence[Finding]) -> list[tuple[Severity, list[Finding]]]:
    """Findings grouped from the most to the least severe, each group in report order."""
    return [
        (severity, [f for f in findings if f.severity is severity])
        for severity in SEVERITIES
        if any(f.severity is severity for f in findings)
    ]


def rule_sections(rule: type[Rule]) -> dict[str, str]:
    """The sections What it does … Fix of the rule's docstring, each as one paragraph."""
    parts = _SECTION.split(rule.documentation())
    return {
        title: " ".join(body.split()) for title, body in zip(parts[1::2], parts[2::2], strict=True)
    }


def relative_uri(path: str) -> str:
    """The path as a URI reference: relative (POSIX, percent-encoded) when the file is under
    the working directory, as code scanning wants; a ``file:`` URI otherwise."""
    if PureWindowsPath(path).drive:
        return PureWindowsPath(path).as_uri()
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        try:
            posix = posix.relative_to(Path.cwd().as_posix())
        except ValueError:
            return posix.as_uri()
    return quote(posix.as_posix())


@dataclass(frozen=True)
class ShortPaths:
    """How a table of documents names them: ``names`` in report order, each relative to the
    working directory or, when some file lies outside it, to ``base``, the batch's common
    directory (said once above the table)."""

    names: tuple[str, ...]
    base: str | None = None


def short_paths(paths: Sequence[str]) -> ShortPaths:
    """Short names for a table: an absolute path in a temporary folder made the text table
    140 columns wide, each row repeating the same directory."""
    cwd = os.getcwd()
    absolute = [os.path.abspath(path) for path in paths]
    under = [_is_under(path, cwd) for path in absolute]
    if all(under):
        return ShortPaths(tuple(os.path.relpath(path, cwd) for path in absolute))
    try:
        base = os.path.commonpath([os.path.dirname(path) for path in absolute])
    except ValueError:  # paths on different Windows drives share nothing
        base = ""
    if not base or os.path.dirname(base) == base:  # only the root in common: nothing to drop
        pairs = zip(absolute, under, strict=True)
        return ShortPaths(tuple(os.path.relpath(a, cwd) if u else a for a, u in pairs))
    return ShortPaths(tuple(os.path.relpath(path, base) for path in absolute), base)


def _is_under(path: str, directory: str) -> bool:
    try:
        return os.path.commonpath([path, directory]) == directory
    except ValueError:
        return False


def elide(path: str, width: int) -> str:
    """The path cut to ``width`` characters: leading folders go first ("…/issue-3/a.pdf"), as
    the end names the file; a file name too long on its own loses its middle, since names in
    a batch tend to differ at the start (a number) or the end (an author, a date)."""
    if len(path) <= width:
        return path
    for index, char in enumerate(path):
        if char in "/\\" and index > 0 and len(path) - index + 1 <= width:
            return "…" + path[index:]
    name = path[max(path.rfind("/"), path.rfind("\\")) + 1 :]
    head = (width - 1) // 2
    return name[:head] + "…" + name[len(name) - (width - 1 - head) :]


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe="/:;()._-")


def plain(value: Any) -> str:
    """An evidence value as one line of readable text, never Python or JSON syntax: a list's
    items joined by commas (by semicolons when they are lists or mappings themselves), a
    mapping as ``key: value`` pairs, a list or mapping inside a mapping in parentheses."""
    if value is None or (isinstance(value, _COMPOUND) and not value):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        return ", ".join(f"{key}: {_nested(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        compound = any(isinstance(item, _COMPOUND) for item in value)
        return ("; " if compound else ", ").join(plain(item) for item in value)
    return str(value)


_COMPOUND = (Mapping, list, tuple)


def _nested(value: Any) -> str:
    # Parentheses keep "year: (found: 2019, expected: 2020)" from reading as two pairs.
    text = plain(value)
    return f"({text})" if isinstance(value, _COMPOUND) and len(value) > 1 else text


@dataclass(frozen=True)
class Comparison:
    """One "found vs expected" row of a finding's evidence."""

    field: str
    found: str
    expected: str
    source: str


def comparisons(evidence: Mapping[str, Any]) -> list[Comparison]:
    """Found-vs-expected rows: the top-level pair, or one per field of a nested mapping."""
    rows = []
    source = plain(evidence.get("source")) if "source" in evidence else ""
    if "found" in evidence and "expected" in evidence:
        field = plain(evidence.get("field", "value"))
        rows.append(
            Comparison(field, plain(evidence["found"]), plain(evidence["expected"]), source)
        )
    for key, value in evidence.items():
        if isinstance(value, Mapping) and "found" in value and "expected" in value:
            rows.append(
                Comparison(
                    key,
                    plain(value["found"]),
                    plain(value["expected"]),
                    plain(value.get("source", source)),
                )
            )
    return rows


# Evidence keys that the comparison rows or the statement table already show.
_SHOWN_ELSEWHERE = frozenset({"found", "expected", "field", "source", "statements", "values"})


# The corrected entry (``refcheck.suggest``) is shown as a block of its own, not a line.
CORRECTED_KEYS = frozenset({"corrected_bibtex", "corrected_csl"})


def corrected_bibtex(evidence: Mapping[str, Any]) -> str | None:
    value = evidence.get("corrected_bibtex")
    return value if isinstance(value, str) and value else None


def other_evidence(evidence: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Evidence not shown as a comparison or a statement: key and one-line value."""
    compared = bool(comparisons(evidence))
    for key, value in evidence.items():
        if key in CORRECTED_KEYS:
            continue
        if isinstance(value, Mapping) and "found" in value and "expected" in value:
            continue
        if key in _SHOWN_ELSEWHERE and (compared or key in ("statements", "values")):
            continue
        yield key, plain(value)


def statements(evidence: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    value = evidence.get("statements")
    if not isinstance(value, list):
        return []
    return [s for s in value if isinstance(s, Mapping)]


@dataclass(frozen=True)
class ReferenceStatus:
    """What the registries made of one reference: verified, mismatch, not found, skipped."""

    status: str
    detail: str
    codes: tuple[str, ...]


def reference_status(result: DocumentResult, reference: Reference) -> ReferenceStatus:
    """The reference's verdict (see :class:`refcheck.model.Verdict`); a verified reference
    that an online rule disagrees with (a DOI of another work, a dead link) is a mismatch."""
    codes = tuple(dict.fromkeys(f.code for f in result.findings if f.reference_id == reference.id))
    resolution = result.resolutions.of_reference(reference.id)
    verdict = resolution.verdict if resolution else None
    if verdict is None:
        return ReferenceStatus("not checked", "no lookup was made (offline)", codes)
    status, detail = verdict.status.value, verdict.reason
    disagreeing = any(code not in _OFFLINE_CODES for code in codes)
    if verdict.status is VerdictStatus.VERIFIED and disagreeing:
        status, detail = VerdictStatus.MISMATCH.value, "an online check disagrees: see findings"
    return ReferenceStatus(status, detail, codes)


def verdict_counts(result: DocumentResult) -> dict[str, int]:
    """How many references got each verdict, in the verdicts' order; empty when none was
    given (offline, or an error)."""
    given = [r.verdict.status for r in result.resolutions.references if r.verdict is not None]
    return {status.value: given.count(status) for status in VerdictStatus if given.count(status)}
