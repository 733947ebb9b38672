"""Reporters: each renders a finished :class:`~refcheck.model.Report`; none decides anything."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refcheck.model import Report
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
    # Each branch imports its reporter: a run writes one or two formats, and the HTML
    # reporter alone brings an image library.
    if fmt == "json":
        from refcheck.report import json_report

        return json_report.render(report)
    if fmt == "sarif":
        from refcheck.report import sarif

        return sarif.render(report)
    if fmt == "junit":
        from refcheck.report import junit

        return junit.render(report, rules)
    if fmt == "markdown":
        from refcheck.report import markdown

        return markdown.render(report)
    if fmt == "github":
        from refcheck.report import github

        return github.render(report)
    if fmt == "html":
        from refcheck.report import html

        return html.render(report)
    from refcheck.report import text

    return text.render(report, color=color, quiet=quiet)
