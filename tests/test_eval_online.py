"""The online benchmark's reduced run: one generated paper, end to end through the CLI.

The paper (Chicago author-date, planted defects and traps of every kind, see
``benchmarks/online/works.py``) is checked with ``refcheck check`` against the test registry;
every online finding must be one the gold asks for, and every planted defect must be found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.online.papers import STYLE_ORDER, accuracy_paper
from benchmarks.online.runs import MAILTO, load_papers
from benchmarks.online.scoring import ONLINE_CODES, Score, error_lines, score_paper
from refcheck.cli import app
from refcheck.model import Finding, Severity
from tests.pdfgen import find_font_files
from tests.registry.server import FakeRegistry

# Chicago (parsed cleanly from the PDF), two columns, its own record states another volume.
PAPER_INDEX = 9
assert STYLE_ORDER[PAPER_INDEX % len(STYLE_ORDER)] == "chicago"


def finding_from_json(item: dict[str, object]) -> Finding:
    evidence = item.get("evidence")
    return Finding(
        code=str(item["code"]),
        name=str(item["name"]),
        severity=Severity(item["severity"]),
        message=str(item["message"]),
        reference_id=item["reference_id"] if isinstance(item["reference_id"], str) else None,
        evidence=evidence if isinstance(evidence, dict) else {},
    )


def test_online_findings_of_a_generated_paper_equal_its_gold(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    if find_font_files() is None:
        pytest.skip("no Unicode font to typeset the paper")
    paper = accuracy_paper(PAPER_INDEX, tmp_path / "paper", registry.web_url)
    load_papers(registry, [paper])
    result = CliRunner().invoke(
        app,
        [
            "check", str(paper.pdf), "--format", "json", "--select", ",".join(ONLINE_CODES),
            "--crossref-url", registry.crossref_url, "--datacite-url", registry.datacite_url,
            "--doi-url", registry.doi_url, "--cache-dir", str(tmp_path / "cache"),
            "--mailto", MAILTO, "--fail-on", "never",
            "--allow-private-urls",  # the cited URLs are on the fake web server, on 127.0.0.1
        ],
        env={"REFCHECK_NO_URLS": None},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (document,) = json.loads(result.stdout)["documents"]
    score = Score()
    score_paper(paper, [finding_from_json(f) for f in document["findings"]], score)
    errors = error_lines(score)
    assert not errors, "\n".join(errors)
    assert score.total().tp == sum(len(g.expected) for g in paper.gold) + len(paper.own_expected)
