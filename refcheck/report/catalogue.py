"""The rule catalogue rendered: the `refcheck rules` table, its JSON, and the docs page's text."""

from __future__ import annotations

from typing import Any

from refcheck.links import rule_doc_url
from refcheck.report.common import rule_sections
from refcheck.rules import ALL_RULES


def rules_table() -> str:
    """``refcheck rules``: one aligned row per rule."""
    rows = [("code", "name", "severity", "network", "reports")]
    rows += [
        (r.code, r.name, r.severity.value, "yes" if r.needs_network else "no", r.summary())
        for r in ALL_RULES
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
        + "  "
        + row[4]
        for row in rows
    ]
    return "\n".join(lines)


def rules_catalogue() -> list[dict[str, Any]]:
    """``refcheck rules --format json``: one object per rule, in catalogue order."""
    return [
        {
            "code": rule.code,
            "name": rule.name,
            "severity": rule.severity.value,
            "network": rule.needs_network,
            "summary": rule.summary(),
            "sections": {
                title.lower().replace(" ", "_"): text for title, text in rule_sections(rule).items()
            },
            "documentation": rule.documentation(),
            "help_uri": rule_doc_url(rule.code),
        }
        for rule in ALL_RULES
    ]


def rules_markdown() -> str:
    """Each rule's documentation under a heading that is its code, so ``#cit001`` (the SARIF
    ``helpUri`` of every finding) lands on it."""
    parts = []
    for rule in ALL_RULES:
        network = ", needs network" if rule.needs_network else ""
        sections = "\n\n".join(f"**{title}** {text}" for title, text in rule_sections(rule).items())
        parts.append(
            f"### {rule.code}\n\n`{rule.name}` ({rule.severity.value}{network}): "
            f"{rule.summary()}.\n\n{sections}\n"
        )
    return "\n".join(parts)
