"""Small things a reader of a report trips on (issue 10, item 7): counts in agreement,
evidence without Python syntax, each skipped check once, short paths in the table, and a
document whose checks were skipped never shown as clean."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from refcheck.model import Report
from refcheck.report import github, html, markdown, text
from tests.report_fixture import fixture_report


def _one_error_one_warning() -> Report:
    online = fixture_report().documents[0]
    return Report((replace(online, findings=online.findings[1:3]),))


def test_counts_agree_with_their_nouns_in_every_summary() -> None:
    report = _one_error_one_warning()
    assert text.summary(report) == "1 document checked: 1 error, 1 warning, 0 info"
    assert github.render(report).splitlines()[-1] == text.summary(report)
    assert markdown.render(report).startswith(
        "## refcheck: 1 error, 1 warning, 0 info in 1 checked document\n"
    )
    page = html.render(report)
    assert "<title>refcheck report: 2 findings in 1 document</title>" in page
    assert "<p>1 of 1 document checked: 1 error, 1 warning, 0 info.</p>" in page
    fixture = text.summary(fixture_report())
    assert fixture == "2 documents checked: 3 errors, 1 warning, 1 info; 1 could not be checked"


def _with_evidence(evidence: dict[str, Any]) -> Report:
    offline = fixture_report().documents[1]
    finding = replace(offline.findings[0], evidence=evidence)
    return Report((replace(offline, findings=(finding,)),))


def test_evidence_lists_and_mappings_read_as_text_not_python_or_json() -> None:
    report = _with_evidence(
        {
            "missing": ["volume, pages or DOI"],
            "notices": [{"doi": "10.5555/r.1", "date": "2020-01-02"}, {"doi": "10.5555/r.2"}],
            "registered": {"volume": "7", "pages": ["1", "9"]},
        }
    )
    readable = (
        ("missing", "volume, pages or DOI"),
        ("notices", "doi: 10.5555/r.1, date: 2020-01-02; doi: 10.5555/r.2"),
        ("registered", "volume: 7, pages: (1, 9)"),
    )
    lines = text.render(report).splitlines()
    page = html.render(report)
    comment = markdown.render(report)
    for key, value in readable:
        assert f"    {key}: {value}" in lines
        assert f"<dt>{key}</dt><dd>{value}</dd>" in page
        assert f"  - {key}: {markdown.escape(value)}" in comment.splitlines()
    for rendered in (text.render(report), page, comment):
        assert not re.search(r"\['|\{&quot;|\{\"", rendered)
