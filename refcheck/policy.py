"""The project's policy on findings: per-path ignores and per-rule severity overrides.

Applied where findings are produced, so every reporter, the exit code and baselines see the
same findings. Rule patterns are codes or code prefixes (``META``), or rule names.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from refcheck.config import Settings
from refcheck.model import DocumentResult, Finding, Severity


def apply_policy(result: DocumentResult, settings: Settings) -> DocumentResult:
    """The result without the findings its path ignores, with the severities overridden."""
    if not result.findings or not (settings.per_path_ignores or settings.severity):
        return result
    ignored = ignored_codes(result.path, settings.per_path_ignores)
    findings = tuple(
        _with_severity(finding, settings.severity)
        for finding in result.findings
        if not _matches(finding, ignored)
    )
    return replace(result, findings=findings)


def ignored_codes(
    path: str, per_path_ignores: Iterable[tuple[str, tuple[str, ...]]]
) -> tuple[str, ...]:
    """Codes ignored in ``path``: a pattern with a ``/`` matches the whole path (relative
    patterns are relative to the working directory; a configuration file anchors its own to
    its directory), a pattern without one matches the file name."""
    absolute = str(Path(path).resolve())
    name = Path(path).name
    codes: list[str] = []
    for pattern, pattern_codes in per_path_ignores:
        if "/" in pattern:
            matched = fnmatch.fnmatch(absolute, str(Path.cwd() / pattern))
        else:
            matched = fnmatch.fnmatch(name, pattern)
        if matched:
            codes.extend(pattern_codes)
    return tuple(codes)


def _matches(finding: Finding, patterns: Iterable[str]) -> bool:
    return any(
        finding.code.startswith(p.strip().upper()) or finding.name == p.strip().lower()
        for p in patterns
    )


def _with_severity(finding: Finding, overrides: Iterable[tuple[str, Severity]]) -> Finding:
    """The longest matching code or prefix decides: ``META = "info"``, ``META002 = "error"``."""
    matching = [(len(code), severity) for code, severity in overrides if _matches(finding, [code])]
    if not matching:
        return finding
    severity = max(matching, key=lambda pair: pair[0])[1]
    return finding if severity is finding.severity else replace(finding, severity=severity)
