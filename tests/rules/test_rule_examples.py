"""Every rule fires on its failing examples and stays silent on its passing ones."""

from __future__ import annotations

import pytest

from refcheck.pipeline import run_rules
from refcheck.rules import ALL_RULES, rule_by_code
from tests.rules.examples import EXAMPLES as OFFLINE_EXAMPLES
from tests.rules.examples import Example, document, doi
from tests.rules.online_examples import ONLINE_EXAMPLES

EXAMPLES = (*OFFLINE_EXAMPLES, *ONLINE_EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.code}-{e.description}")
def test_rule_example(example: Example) -> None:
    findings = run_rules(
        example.document,
        [rule_by_code(example.code)],
        linking=None,
        resolutions=example.resolutions,
    )
    if example.fires:
        assert len(findings) == example.expected_count, findings
        assert all(f.code == example.code for f in findings)
        if example.severity is not None:
            assert {f.severity for f in findings} == {example.severity}, findings
    else:
        assert findings == ()


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_every_rule_has_a_failing_and_a_passing_example(rule: type) -> None:
    kinds = {e.fires for e in EXAMPLES if e.code == rule.code}
    assert kinds == {True, False}, f"{rule.code} needs examples that fire and that do not"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_documentation_has_every_section(rule: type) -> None:
    doc = rule.documentation()
    for section in ("What it does", "Why it matters", "Example", "Fix"):
        assert f"{section}:" in doc, f"{rule.code} lacks '{section}'"


def test_rule_codes_and_names_are_unique() -> None:
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    assert all(name == name.lower() and " " not in name for name in names)


def test_metadata_conflict_evidence_lists_every_statement_with_page_and_source() -> None:
    example = next(e for e in EXAMPLES if e.code == "META001")
    (finding,) = run_rules(example.document, [rule_by_code("META001")])
    statements = finding.evidence["statements"]
    assert [(s["value"], s["page"], s["source"]) for s in statements] == [
        ("VII", 1, "first-page"),
        ("9", 2, "running-header"),
        ("9", 3, "running-header"),
    ]
    assert finding.page == 1
    assert finding.fix is not None and "9" in finding.fix


def test_malformed_doi_fix_repairs_letter_o_for_zero() -> None:

    (finding,) = run_rules(
        document(identifiers=(doi("1O.5555/abc", False),)), [rule_by_code("REF003")]
    )
    assert finding.fix == "Did you mean 10.5555/abc?"
