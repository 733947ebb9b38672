"""The command-line contract: commands, exit codes, formats, and the README kept in step."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refcheck.cli import app
from refcheck.report.catalogue import rules_table

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "corpus" / "ssoar_55386.pdf"
runner = CliRunner()


def test_docs_rule_catalogue_equals_refcheck_rules() -> None:
    rules_doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- rules:start -->\n```\n(.*?)```\n<!-- rules:end -->", rules_doc, re.S)
    assert block is not None
    assert block.group(1).rstrip("\n") == rules_table()


def test_ci_runs_exactly_the_readme_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```\n(python3 -m venv .*?)\n```", readme)
    assert len(commands) == 2, commands
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    assert commands[0].startswith(venv + "python3 -m pip install -e . && refcheck check ")
    assert " fixtures/" in commands[0]
    assert commands[1] == venv + "python3 -m pip install -e '.[test]' && python3 -m pytest"
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert commands[0] in ci and commands[1] in ci


def test_rules_command_prints_the_catalogue() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    assert "META001  metadata-conflict" in result.output


def test_rule_command_prints_documentation_sections() -> None:
    result = runner.invoke(app, ["rule", "meta001"])
    assert result.exit_code == 0
    for section in ("What it does:", "Why it matters:", "Example:", "Fix:"):
        assert section in result.output


def test_unknown_rule_is_a_usage_error() -> None:
    result = runner.invoke(app, ["rule", "XYZ999"])
    assert result.exit_code == 2


def test_unknown_select_code_is_a_usage_error_naming_it() -> None:
    result = runner.invoke(app, ["check", "--select", "NOPE", str(FIXTURE)])
    assert result.exit_code == 2
    assert "NOPE" in result.output


def test_missing_argument_is_a_usage_error() -> None:
    assert runner.invoke(app, ["check"]).exit_code == 2


def test_warning_finding_fails_only_with_fail_on_warning() -> None:
    assert runner.invoke(app, ["check", "--select", "META", str(FIXTURE)]).exit_code == 0
    result = runner.invoke(app, ["check", "--select", "META", "--fail-on", "warning", str(FIXTURE)])
    assert result.exit_code == 1
    assert "META002 warning ISSN 2000-000X" in result.output


def test_error_finding_fails_by_default_and_never_with_fail_on_never() -> None:
    result = runner.invoke(app, ["check", str(FIXTURE)])
    assert result.exit_code == 1
    assert "CIT001 error citation 'Ahmed (2007)' matches no reference" in result.output
    assert runner.invoke(app, ["check", "--fail-on", "never", str(FIXTURE)]).exit_code == 0


def test_ignore_by_prefix_removes_the_finding() -> None:
    result = runner.invoke(
        app, ["check", "--fail-on", "warning", "--ignore", "META,CIT,REF", str(FIXTURE)]
    )
    assert result.exit_code == 0
    assert "META002" not in result.output


def test_json_report_follows_schema_refcheck_1(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(
        app, ["check", "--select", "META", "--format", "json", "--output", str(out), str(FIXTURE)]
    )
    assert result.exit_code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["schema"] == "refcheck/1"
    assert set(report) == {"schema", "tool", "documents", "summary"}
    (document,) = report["documents"]
    assert set(document) == {
        "path",
        "status",
        "input_kind",
        "error",
        "pages",
        "damaged_pages",
        "metadata",
        "references",
        "registered",
        "citations",
        "findings",
        "skipped",
    }
    assert document["status"] == "ok" and document["pages"] == 26
    assert document["input_kind"] == "pdf"
    assert document["metadata"]["issn"] == ["2000-000X"]
    assert document["metadata"]["volume"] == "1" and document["metadata"]["issue"] == "9"
    (finding,) = document["findings"]
    assert finding["code"] == "META002" and finding["page"] == 2
    assert report["summary"] == {
        "documents": 1,
        "input_errors": 0,
        "errors": 0,
        "warnings": 1,
        "info": 0,
        "suppressed": 0,
    }


def test_json_lists_references_and_linked_citations(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--format", "json", str(FIXTURE)])
    (document,) = json.loads(result.output)["documents"]
    assert len(document["references"]) == 42
    assert document["references"][2]["label"] == "3"
    uncited = {f["reference_id"] for f in document["findings"] if f["code"] == "CIT002"}
    # The authors' own works [3]-[6] and [8]-[11] are listed but never cited in the text.
    assert {f"R{n}" for n in (3, 4, 5, 6, 8, 9, 10, 11)} <= uncited
    linked = [c for c in document["citations"] if c["reference_ids"]]
    assert len(linked) > 50
    assert all(set(c) >= {"id", "text", "page", "reference_ids"} for c in document["citations"])


def test_quiet_leaves_out_the_summary_line() -> None:
    result = runner.invoke(app, ["check", "--quiet", "--select", "META", str(FIXTURE)])
    assert "checked" not in result.output
    assert "META002" in result.output


def test_extract_shows_statements_and_identifiers() -> None:
    result = runner.invoke(app, ["extract", str(FIXTURE)])
    assert result.exit_code == 0
    (document,) = json.loads(result.output)["documents"]
    assert {"scheme": "issn", "value": "2000-000X", "valid": False, "page": 2} in document[
        "identifiers"
    ]
    assert any(s["source"] == "running-header" for s in document["metadata"]["statements"])


def test_python_m_refcheck_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "refcheck", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("refcheck ")


@pytest.mark.parametrize("flag", ["--max-pages", "--timeout"])
def test_budget_flags_reject_nonsense(flag: str) -> None:
    assert runner.invoke(app, ["check", flag, "0", str(FIXTURE)]).exit_code == 2
