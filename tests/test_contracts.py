"""Contracts a program can rely on: the JSON Schema of the report, `rules --format json`, the
Python API's exit code, and a library that writes nothing to stderr.

Every refcheck/1 document any test produces is also validated by tests/conftest.py; the tests
here make sure the interesting kinds of report are among them, and that the schema can fail.
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

import refcheck
from refcheck.cli import app
from refcheck.model import Report, Severity
from refcheck.report.catalogue import rules_table
from refcheck.resolve import progress
from refcheck.rules import ALL_RULES
from tests.registry.server import FakeRegistry
from tests.report_contract import schema_validator

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "corpus" / "ssoar_55386.pdf"
GOLDEN = Path(__file__).parent / "golden" / "report.json"
runner = CliRunner()


@pytest.fixture(scope="module")
def report_schema() -> Any:
    return schema_validator("report")


def _errors(validator: Any, document: dict[str, Any]) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


def _check_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["check", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)


def test_schema_command_prints_the_packaged_draft_2020_12_schema() -> None:
    printed = runner.invoke(app, ["schema"])
    assert printed.exit_code == 0
    schema = json.loads(printed.stdout)
    assert schema == refcheck.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    extract = json.loads(runner.invoke(app, ["schema", "extract"]).stdout)
    assert extract["$ref"] == "#/$defs/extract" and extract["$defs"] == schema["$defs"]


def test_golden_report_validates(report_schema: Any) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8").replace("{VERSION}", "0.1.0"))
    assert _errors(report_schema, golden) == []


def test_offline_check_of_a_real_article_validates(report_schema: Any) -> None:
    report = refcheck.check(FIXTURE, offline=True)
    document = json.loads(report.to_json())
    assert _errors(report_schema, document) == []
    assert document["documents"][0]["references"] and document["documents"][0]["findings"]


def test_batch_with_unreadable_files_validates(tmp_path: Path, report_schema: Any) -> None:
    shutil.copy(FIXTURE, tmp_path / "article.pdf")
    (tmp_path / "notes.pdf").write_text("not a PDF at all\n", encoding="utf-8")
    (tmp_path / "empty.pdf").write_bytes(b"")
    code, document = _check_json("--offline", "--fail-on", "never", str(tmp_path))
    assert code == 2
    assert _errors(report_schema, document) == []
    kinds = {
        d["path"]: (d["status"], d["error"] and d["error"]["kind"]) for d in document["documents"]
    }
    assert kinds == {
        str(tmp_path / "article.pdf"): ("ok", None),
        str(tmp_path / "empty.pdf"): ("error", "empty-file"),
        str(tmp_path / "notes.pdf"): ("error", "not-a-pdf"),
    }


def test_online_check_against_the_test_registry_validates(
    registry: FakeRegistry, report_schema: Any
) -> None:
    registry.faults("crossref").status = 500
    result = runner.invoke(
        app,
        [
            "check", "--format", "json", "--fail-on", "never", "--no-cache", "--no-urls",
            "--http-timeout", "2", f"--crossref-url={registry.crossref_url}",
            f"--datacite-url={registry.datacite_url}", f"--doi-url={registry.doi_url}",
            str(FIXTURE),
        ],
        env={"REFCHECK_MAILTO": ""},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert _errors(report_schema, document) == []
    resolutions = [r["resolution"] for r in document["documents"][0]["references"]]
    assert any(r and r["search"] for r in resolutions), "the report must carry lookups"
    # The library's advice reaches the command's stderr through the refcheck logger.
    assert result.stderr.count("no --mailto") == 1


def test_extract_json_has_a_schema_of_its_own(report_schema: Any) -> None:
    result = runner.invoke(app, ["extract", "--format", "json", str(FIXTURE)])
    document = json.loads(result.stdout)
    assert _errors(schema_validator("extract"), document) == []
    # Another document (no summary or findings, identifiers instead), so another tag.
    assert document["schema"] == "refcheck-extract/1" and not report_schema.is_valid(document)


def _golden() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return document


def _breakages() -> list[tuple[str, Any]]:
    def severity(d: dict[str, Any]) -> None:
        d["documents"][0]["findings"][0]["severity"] = "fatal"

    def missing_key(d: dict[str, Any]) -> None:
        del d["summary"]["errors"]

    def extra_key(d: dict[str, Any]) -> None:
        d["documents"][0]["findings"][0]["score"] = 3

    def error_with_metadata(d: dict[str, Any]) -> None:
        d["documents"][2]["metadata"] = copy.deepcopy(d["documents"][0]["metadata"])

    def lookup_status(d: dict[str, Any]) -> None:
        d["documents"][0]["registered"]["status"] = "found"

    def page_as_text(d: dict[str, Any]) -> None:
        d["documents"][0]["citations"][0]["page"] = "3"

    breakers = (severity, missing_key, extra_key, error_with_metadata, lookup_status, page_as_text)
    return [(b.__name__, b) for b in breakers]


@pytest.mark.parametrize(("name", "breaker"), _breakages())
def test_schema_rejects_a_broken_report(name: str, breaker: Any, report_schema: Any) -> None:
    document = _golden()
    assert report_schema.is_valid(document)
    breaker(document)
    assert not report_schema.is_valid(document), name


def test_rules_json_is_the_catalogue_and_text_is_unchanged() -> None:
    printed = runner.invoke(app, ["rules", "--format", "json"])
    assert printed.exit_code == 0
    rules = json.loads(printed.stdout)
    assert [r["code"] for r in rules] == [rule.code for rule in ALL_RULES]
    by_code = {r["code"]: r for r in rules}
    meta = by_code["META001"]
    assert set(meta) == {
        "code", "name", "severity", "network", "summary", "sections", "documentation", "help_uri"
    }  # fmt: skip
    assert (meta["name"], meta["severity"], meta["network"]) == (
        "metadata-conflict",
        "error",
        False,
    )
    assert by_code["DOI001"]["network"] is True
    assert meta["summary"] == ALL_RULES[[r.code for r in ALL_RULES].index("META001")].summary()
    assert set(meta["sections"]) == {"what_it_does", "why_it_matters", "example", "fix"}
    assert all(set(r["sections"]) == set(meta["sections"]) for r in rules)
    assert runner.invoke(app, ["rules"]).stdout == rules_table() + "\n"


@pytest.fixture(scope="module")
def fixture_reports() -> dict[str, Report]:
    """One API run per --select, with the default fail_on (error)."""
    return {
        "all": refcheck.check(FIXTURE, offline=True),
        "META": refcheck.check(FIXTURE, offline=True, select=["META"]),
    }


CASES = [
    ("all", "error", 1),
    ("all", "never", 0),
    ("META", "error", 0),  # META002 is a warning
    ("META", "warning", 1),
    ("META", "info", 1),
    ("META", "never", 0),
]


@pytest.mark.parametrize(("select", "fail_on", "expected"), CASES)
def test_api_exit_code_is_the_cli_exit_code(
    select: str, fail_on: str, expected: int, fixture_reports: dict[str, Report]
) -> None:
    selection = [] if select == "all" else ["--select", select]
    cli = runner.invoke(
        app, ["check", "--offline", "-q", *selection, "--fail-on", fail_on, str(FIXTURE)]
    )
    assert cli.exit_code == expected
    assert fixture_reports[select].exit_code(fail_on) == expected


def test_fail_on_given_to_check_is_remembered() -> None:
    report = refcheck.check(FIXTURE, offline=True, select=["META"], fail_on="warning")
    assert report.fail_on is Severity.WARNING
    assert report.exit_code() == 1
    assert report.exit_code("never") == 0 and report.exit_code(Severity.ERROR) == 0
    assert refcheck.check(FIXTURE, offline=True, select=["META"], fail_on="never").exit_code() == 0


def test_a_wrong_fail_on_is_refused_not_ignored(fixture_reports: dict[str, Report]) -> None:
    with pytest.raises(refcheck.ConfigError, match="fail"):
        refcheck.check(FIXTURE, offline=True, fail_on="warnings")
    with pytest.raises(ValueError, match="warnings"):
        fixture_reports["META"].exit_code("warnings")


def test_unreadable_input_exits_2_in_api_and_cli_whatever_fail_on(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_text("not a PDF", encoding="utf-8")
    report = refcheck.check([FIXTURE, broken], offline=True, fail_on="never")
    cli = runner.invoke(
        app, ["check", "--offline", "-q", "--fail-on", "never", str(FIXTURE), str(broken)]
    )
    assert report.exit_code() == cli.exit_code == 2


def test_library_writes_nothing_to_stderr_offline(capfd: pytest.CaptureFixture[str]) -> None:
    refcheck.check(FIXTURE, offline=True)
    assert capfd.readouterr().err == ""


def test_library_writes_nothing_to_stderr_online_when_nothing_answers(
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As on a terminal, where the CLI would draw its progress bar at once.
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 0.0)
    unreachable = "http://127.0.0.1:9"
    report = refcheck.check(
        FIXTURE,
        crossref_url=unreachable,
        datacite_url=unreachable,
        doi_url=unreachable,
        http_timeout=0.5,
        no_cache=True,
        check_urls=False,  # cited URLs would go to the real web
    )
    assert capfd.readouterr().err == ""
    skipped = [s.reason for s in report.documents[0].skipped]
    assert any("not answered" in reason for reason in skipped), skipped
    assert [r.name for r in caplog.records if "--mailto" in r.getMessage()] == ["refcheck.resolve"]
