"""JUnit XML, which most CI systems show as test results.

One test suite per document, one test case per document and rule: the case fails when the rule
found something in that document (every finding in the failure text), is skipped when the
check could not be made, and passes otherwise. A document that could not be read is one test
case with an ``error`` element. Without a rule list the cases are every rule of the registry.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from refcheck.model import DocumentResult, Finding, Report
from refcheck.patterns import compiled
from refcheck.rules import ALL_RULES, Rule

# Characters XML 1.0 cannot carry at all; PDF text sometimes has them (form feeds, NULs).
_NOT_XML = compiled("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report, rules: Sequence[type[Rule]] | None = None) -> str:
    selected = list(ALL_RULES if rules is None else rules)
    root = ET.Element("testsuites", name="refcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for document in report.documents:
        suite = _suite(document, selected)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    for element in root.iter():
        element.text = _xml(element.text) if element.text else element.text
        for name, attribute in element.attrib.items():
            element.set(name, _xml(attribute))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _suite(document: DocumentResult, rules: list[type[Rule]]) -> ET.Element:
    suite = ET.Element("testsuite", name=document.path)
    if document.error is not None:
        case = ET.SubElement(suite, "testcase", name="read", classname=document.path)
        error = ET.SubElement(
            case, "error", type=document.error.kind, message=_one_line(document.error.message)
        )
        error.text = document.error.message
        _counts(suite, tests=1, failures=0, errors=1, skipped=0)
        return suite
    skipped = {code: s.reason for s in document.skipped for code in s.check.split(", ")}
    codes = [rule.code for rule in rules]
    # A finding of a rule the list does not name still fails the build: give it its own case.
    codes += sorted({f.code for f in document.findings} - set(codes))
    names = {rule.code: rule.name for rule in rules}
    failures = skips = 0
    for code in codes:
        findings = [f for f in document.findings if f.code == code]
        name = names.get(code) or findings[0].name
        case = ET.SubElement(suite, "testcase", name=f"{code} {name}", classname=document.path)
        if findings:
            failures += 1
            failure = ET.SubElement(
                case, "failure", type=findings[0].severity.value, message=_summary(findings)
            )
            failure.text = "\n".join(_finding(f) for f in findings)
        elif code in skipped:
            skips += 1
            ET.SubElement(case, "skipped", message=_one_line(skipped[code]))
    _counts(suite, tests=len(codes), failures=failures, errors=0, skipped=skips)
    return suite


def _counts(suite: ET.Element, *, tests: int, failures: int, errors: int, skipped: int) -> None:
    for key, value in (
        ("tests", tests),
        ("failures", failures),
        ("errors", errors),
        ("skipped", skipped),
    ):
        suite.set(key, str(value))
    suite.set("time", "0")


def _summary(findings: list[Finding]) -> str:
    if len(findings) == 1:
        return _one_line(findings[0].message)
    return f"{len(findings)} findings; first: {_one_line(findings[0].message)}"


def _finding(finding: Finding) -> str:
    where = f"page {finding.page}: " if finding.page is not None else ""
    text = f"{finding.severity.value}: {where}{finding.message}"
    if finding.fix:
        text += f"\n  fix: {finding.fix}"
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
