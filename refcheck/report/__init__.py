"""Reporters: each renders a finished :class:`~refcheck.model.Report`; none decides anything."""

from __future__ import annotations

from collections.abc import Sequence

from refcheck.model import Report
from refcheck.report import github, html, json_report, junit, markdown, sarif, text
from refcheck.rules import Rule

FORMATS = ("text", "json", "sarif", "junit", "markdown", "github", "html")


def render(
    report: Report,
    fmt: str,
    color: bool = False,
    quiet: bool = False,
    rules: Sequence[type[Rule]] | None = None,
) -> str:
    """The report in one of ``FORMATS``; ``rules`` (the rules that ran) shapes JUnit's cases;
    ``quiet`` leaves the table and summary out of the text report."""
    if fmt == "json":
        return json_report.render(report)
    if fmt == "sarif":
        return sarif.render(report)
    if fmt == "junit":
        return junit.render(report, rules)
    if fmt == "markdown":
        return markdown.render(report)
    if fmt == "github":
        return github.render(report)
    if fmt == "html":
        return html.render(report)
    return text.render(report, color=color, quiet=quiet)
