"""SARIF validates against the OASIS SARIF 2.1.0 schema and JUnit against the Jenkins JUnit XSD.

Both schemas are shipped in tests/schemas/ (see SOURCES.md there): validation runs offline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from refcheck.model import Finding, Report, Severity
from refcheck.report import junit, sarif
from refcheck.rules import ALL_RULES, rule_by_code
from tests.report_fixture import fixture_report

SCHEMAS = Path(__file__).parent / "schemas"


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema, format_checker=validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


def _sarif() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(sarif.render(fixture_report()))
    return document


def test_sarif_report_is_valid_sarif_2_1_0(sarif_validator: Any) -> None:
    errors = [error.message for error in sarif_validator.iter_errors(_sarif())]
    assert errors == []


def test_sarif_schema_rejects_a_level_sarif_does_not_know(sarif_validator: Any) -> None:
    document = _sarif()
    document["runs"][0]["results"][0]["level"] = "info"
    assert not sarif_validator.is_valid(document)


def test_sarif_rules_are_the_registry_with_docstring_help() -> None:
    rules = _sarif()["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in ALL_RULES]
    meta = rules[[rule["id"] for rule in rules].index("META001")]
    registered = rule_by_code("META001")
    assert meta["name"] == "metadata-conflict"
    assert meta["shortDescription"]["text"] == registered.summary() + "."
    assert meta["help"]["text"] == registered.documentation()
    assert meta["fullDescription"]["text"].startswith("Compares every place")
    assert meta["defaultConfiguration"]["level"] == "error"


def test_sarif_result_names_the_pdf_relative_and_the_page() -> None:
    run = _sarif()["runs"][0]
    result = next(r for r in run["results"] if r["ruleId"] == "DOI001")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "papers/smith-2023.pdf",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 1, "properties": {"page": 20}}
    assert result["level"] == "error"
    assert result["properties"]["evidence"]["detail"] == "HTTP 404"
    assert len(result["partialFingerprints"]["refcheckFinding/v1"]) == 20
    hostile = next(r for r in run["results"] if r["ruleId"] == "REF005")
    assert hostile["level"] == "note"
    uri = hostile["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "papers/hostile%2C%20100%25.pdf"


def test_sarif_fingerprint_survives_a_page_change() -> None:
    finding = Finding("CIT001", "unmatched-citation", Severity.ERROR, "no reference", page=3)
    moved = Finding("CIT001", "unmatched-citation", Severity.ERROR, "no reference", page=4)
    fingerprints = [
        json.loads(sarif.render(_single(f)))["runs"][0]["results"][0]["partialFingerprints"]
        for f in (finding, moved)
    ]
    assert fingerprints[0] == fingerprints[1]


def _single(finding: Finding) -> Report:
    base = fixture_report().documents[1]
    return Report((base.__class__(path=base.path, document=base.document, findings=(finding,)),))


def test_sarif_input_errors_are_tool_execution_notifications() -> None:
    invocation = _sarif()["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    errors = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert [n["message"]["text"] for n in errors] == [
        "papers/broken.pdf: not a PDF (no %PDF header)"
    ]
    assert errors[0]["descriptor"]["id"] == "input-error/not-a-pdf"


def test_junit_report_is_valid_against_the_xsd(junit_schema: etree.XMLSchema) -> None:
    document = etree.fromstring(junit.render(fixture_report()).encode("utf-8"))
    assert junit_schema.validate(document), junit_schema.error_log


def test_junit_schema_rejects_a_test_case_without_a_name(junit_schema: etree.XMLSchema) -> None:
    document = etree.fromstring(junit.render(fixture_report()).encode("utf-8"))
    del document.find("testsuite/testcase").attrib["name"]
    assert not junit_schema.validate(document)


def test_junit_has_one_case_per_document_and_rule() -> None:
    root = etree.fromstring(junit.render(fixture_report()).encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "papers/smith-2023.pdf",
        "papers/hostile, 100%.pdf",
        "papers/broken.pdf",
    ]
    # Every registry rule, plus a case for each finding of a rule the registry lacks.
    unknown = {"DOI001", "XREF001"} - {rule.code for rule in ALL_RULES}
    assert suites[0].get("tests") == str(len(ALL_RULES) + len(unknown))
    assert suites[0].get("failures") == "4"
    failed = [c.get("name") for c in suites[0].iter("testcase") if c.find("failure") is not None]
    assert "META001 metadata-conflict" in failed
    assert suites[2].find("testcase/error").get("type") == "not-a-pdf"
    assert root.get("errors") == "1"


def test_junit_cases_follow_the_rules_that_ran() -> None:
    ran = [rule_by_code("META001"), rule_by_code("CIT001")]
    root = etree.fromstring(junit.render(fixture_report(), ran).encode("utf-8"))
    names = [c.get("name") for c in root.find("testsuite").iter("testcase")]
    assert names[:2] == ["META001 metadata-conflict", "CIT001 unmatched-citation"]


def test_junit_stays_well_formed_with_control_characters_from_a_pdf(
    junit_schema: etree.XMLSchema,
) -> None:
    finding = Finding("CIT001", "unmatched-citation", Severity.ERROR, "form\x0cfeed \x00 nul")
    document = etree.fromstring(junit.render(_single(finding)).encode("utf-8"))
    assert junit_schema.validate(document)
    assert "form\ufffdfeed" in etree.tostring(document, encoding="unicode")
