"""SARIF locations and rule links: what code scanning matches against the repository."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from refcheck.inputs import STDIN_NAME
from refcheck.links import RULES_DOC_URL, rule_doc_url
from refcheck.model import DocumentResult, InputError, Report
from refcheck.report import sarif
from refcheck.rules import ALL_RULES

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"


def _sarif(*paths: str) -> dict[str, Any]:
    documents = tuple(
        DocumentResult(path=path, document=None, error=InputError("corrupt", f"{path}: corrupt"))
        for path in paths
    )
    data: dict[str, Any] = json.loads(sarif.render(Report(documents=documents)))
    return data


def _locations(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [artifact["location"] for artifact in data["runs"][0]["artifacts"]]


def test_every_rule_links_its_documentation_by_lower_case_code() -> None:
    rules = _sarif()["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["helpUri"] for rule in rules] == [rule_doc_url(r.code) for r in ALL_RULES]
    assert rule_doc_url("CIT001") == RULES_DOC_URL + "#cit001"
    assert RULES_DOC_URL.startswith("https://") and "#" not in RULES_DOC_URL


def test_a_file_under_the_working_directory_is_relative_to_srcroot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = tmp_path.resolve()  # the working directory is always a resolved path
    monkeypatch.chdir(tmp_path)
    data = _sarif("papers/a b.pdf", str(tmp_path / "papers" / "c.pdf"))
    assert _locations(data) == [
        {"uri": "papers/a%20b.pdf", "uriBaseId": "%SRCROOT%"},
        {"uri": "papers/c.pdf", "uriBaseId": "%SRCROOT%"},
    ]
    base = data["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
    assert "uri" not in base, "an absolute base would tie the file to one machine"
    assert base["description"]["text"]


def test_a_file_outside_the_working_directory_gets_an_absolute_file_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = tmp_path.resolve()
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    outside = tmp_path / "elsewhere" / "a.pdf"
    assert _locations(_sarif(str(outside))) == [{"uri": outside.as_uri()}]


def test_standard_input_has_no_uri_and_the_file_stays_valid_sarif() -> None:
    data = _sarif(STDIN_NAME, "/abs/x.pdf", "rel/y.pdf")
    assert _locations(data)[0] == {"description": {"text": "standard input"}}
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    checker = validator(schema, format_checker=validator.FORMAT_CHECKER)
    assert [error.message for error in checker.iter_errors(data)] == []
