"""Reporters: each renders a finished :class:`~refcheck.model.Report`; none decides anything."""

from __future__ import annotations

from refcheck.model import Report
from refcheck.report import json_report, text

FORMATS = ("text", "json")


def render(report: Report, fmt: str, color: bool = False, quiet: bool = False) -> str:
    if fmt == "json":
        return json_report.render(report)
    return text.render(report, color=color, quiet=quiet)
