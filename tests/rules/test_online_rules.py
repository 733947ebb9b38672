"""What the online rules say: severities, evidence, fixes, and silence when offline."""

from __future__ import annotations

from dataclasses import replace

import pytest

from refcheck.model import Finding, LookupStatus, Resolutions, SearchLookup, Severity, WorkUpdate
from refcheck.pipeline import run_rules
from refcheck.rules import ALL_RULES, rule_by_code
from refcheck.rules.base import Rule
from tests.rules.examples import document
from tests.rules.online_examples import (
    AIR_RECORD,
    FABRICATED,
    NO_DOI,
    ONLINE_EXAMPLES,
    OWN_RECORD,
    OWN_STATEMENTS,
    REEF,
    REEF_RECORD,
    RETRACTION,
    matched,
    missing_doi,
    own,
    resolved,
    with_updates,
)
from tests.rules.online_examples import by_doi as doi_lookup


def findings(code: str, resolutions: Resolutions, reference: object = REEF) -> tuple[Finding, ...]:
    return run_rules(
        document(references=(reference,)),  # type: ignore[arg-type]
        [rule_by_code(code)],
        linking=None,
        resolutions=resolutions,
    )


ONLINE_RULES = [rule for rule in ALL_RULES if rule.needs_network]


@pytest.mark.parametrize("rule", ONLINE_RULES, ids=lambda r: r.code)
def test_no_online_rule_fires_without_resolutions(rule: type[Rule]) -> None:
    for example in ONLINE_EXAMPLES:
        if example.code == rule.code and example.fires:
            assert run_rules(example.document, [rule], linking=None, resolutions=None) == ()


def test_online_rules_are_the_ones_issue_4_names() -> None:
    assert [r.code for r in ONLINE_RULES] == [
        "DOI001", "DOI002", "RET001", "URL001", "URL002", "XREF001", "XREF002", "XREF003",
        "XREF004",
    ]  # fmt: skip


def test_doi_not_found_fix_names_the_doi_a_validated_search_found() -> None:
    resolutions = resolved(REEF, doi=missing_doi("10.5555/reef.2091"), search=matched(REEF_RECORD))
    (finding,) = findings("DOI001", resolutions, replace(REEF, doi="10.5555/reef.2091"))
    assert finding.fix == "The work is registered as https://doi.org/10.5555/reef.2019"


def test_doi_not_found_abstains_when_an_agency_claims_the_doi() -> None:
    lookup = replace(missing_doi(REEF.doi or ""), agency="datacite")
    assert findings("DOI001", resolved(REEF, doi=lookup)) == ()


def test_doi_mismatch_evidence_and_fix_from_search() -> None:
    resolutions = resolved(REEF, doi=doi_lookup(AIR_RECORD), search=matched(REEF_RECORD))
    (finding,) = findings("DOI002", resolutions)
    assert finding.evidence["title"] == {
        "found": REEF.title,
        "expected": "Cheap sensors for urban air quality",
    }
    assert finding.evidence["first-author"] == {"found": "Smith", "expected": "Okafor"}
    assert finding.fix is not None and finding.fix.endswith("https://doi.org/10.5555/reef.2019")


def test_field_mismatch_evidence_names_field_found_expected_source_and_doi() -> None:
    (finding,) = findings(
        "XREF001", resolved(REEF, doi=doi_lookup(replace(REEF_RECORD, volume="13")))
    )
    corrected = {k: finding.evidence.pop(k) for k in ("corrected_bibtex", "corrected_csl")}
    assert finding.evidence == {
        "field": "volume",
        "found": "12",
        "expected": "13",
        "source": "crossref",
        "doi": "10.5555/reef.2019",
    }
    assert finding.severity is Severity.WARNING
    # The entry as the record states it, to paste (issue 13): volume 13, the record's title.
    assert corrected["corrected_bibtex"] == (
        "@article{smith2019,\n"
        "  author = {Smith, John and Lee, Kim},\n"
        "  title = {{Deep roots of coral reef resilience: forty years of surveys}},\n"
        "  journal = {Journal of Marine Biology},\n"
        "  year = {2019},\n"
        "  volume = {13},\n"
        "  number = {3},\n"
        "  pages = {1655--1664},\n"
        "  doi = {10.5555/reef.2019}\n"
        "}"
    )
    assert corrected["corrected_csl"] == {
        "id": "smith2019",
        "type": "article-journal",
        "author": [{"family": "Smith", "given": "John"}, {"family": "Lee", "given": "Kim"}],
        "title": "Deep roots of coral reef resilience: forty years of surveys",
        "container-title": "Journal of Marine Biology",
        "volume": "13",
        "issue": "3",
        "page": "1655-1664",
        "DOI": "10.5555/reef.2019",
        "issued": {"date-parts": [[2019]]},
    }


def test_the_corrected_entry_goes_with_the_first_mismatch_of_a_reference_only() -> None:
    record = replace(REEF_RECORD, volume="13", issue="4")
    found = findings("XREF001", resolved(REEF, doi=doi_lookup(record)))
    assert sorted("corrected_bibtex" in f.evidence for f in found) == [False, True]


def test_a_missing_doi_comes_with_the_entry_that_has_it() -> None:
    no_doi = replace(REEF, doi=None)
    (finding,) = findings("XREF003", resolved(no_doi, search=matched(REEF_RECORD)), no_doi)
    assert "doi = {10.5555/reef.2019}" in finding.evidence["corrected_bibtex"]
    assert finding.evidence["corrected_csl"]["DOI"] == "10.5555/reef.2019"


def test_online_first_year_is_info_and_a_wrong_year_a_warning() -> None:
    online_first = replace(REEF_RECORD, year="2018", online_year="2018", print_year="2019")
    (info,) = findings("XREF001", resolved(REEF, doi=doi_lookup(online_first)))
    assert (info.severity, info.evidence["field"]) == (Severity.INFO, "year")
    wrong = replace(REEF, year="2016")
    (warning,) = findings("XREF001", resolved(wrong, doi=doi_lookup(online_first)), wrong)
    assert warning.severity is Severity.WARNING


def test_author_mismatch_is_reported_as_authors_when_the_title_agrees() -> None:
    record = replace(REEF_RECORD, authors=AIR_RECORD.authors)
    (finding,) = findings("XREF001", resolved(REEF, doi=doi_lookup(record)))
    assert (finding.evidence["field"], finding.evidence["expected"]) == ("authors", "Okafor")


def test_missing_doi_fix_is_the_doi_link() -> None:
    (finding,) = findings("XREF003", resolved(NO_DOI, search=matched(REEF_RECORD)), NO_DOI)
    assert finding.fix == "https://doi.org/10.5555/reef.2019"


@pytest.mark.parametrize(
    ("kind", "severity"),
    [
        ("retraction", Severity.ERROR),
        ("partial_retraction", Severity.ERROR),
        ("withdrawal", Severity.ERROR),
        ("removal", Severity.ERROR),
        ("expression_of_concern", Severity.WARNING),
        ("correction", Severity.INFO),
        ("erratum", Severity.INFO),
        ("clarification", Severity.INFO),
    ],
)
def test_retraction_severity_follows_the_kind_of_notice(kind: str, severity: Severity) -> None:
    (finding,) = findings(
        "RET001", resolved(REEF, doi=with_updates(replace(RETRACTION, type=kind)))
    )
    assert finding.severity is severity


def test_retraction_evidence_names_notice_doi_type_sources_and_date() -> None:
    both = (RETRACTION, replace(RETRACTION, source="retraction-watch"))
    (finding,) = findings("RET001", resolved(REEF, doi=with_updates(*both)))
    assert finding.evidence["notices"] == [
        {
            "doi": "10.5555/reef.2019.ret",
            "type": "retraction",
            "label": "Retraction",
            "sources": ["publisher", "retraction-watch"],
            "date": "2021-03-04",
        }
    ]


def test_retraction_found_through_a_validated_search() -> None:
    record = replace(REEF_RECORD, updates=(WorkUpdate("withdrawal", "10.5555/w"),))
    (finding,) = findings("RET001", resolved(NO_DOI, search=matched(record)), NO_DOI)
    assert finding.severity is Severity.ERROR


def test_own_record_disagreement_lists_the_registered_value_beside_the_statements() -> None:
    (finding,) = run_rules(
        document(OWN_STATEMENTS), [rule_by_code("META001")], None, own(OWN_RECORD)
    )
    assert finding.evidence["registered"] == {
        "value": "9",
        "source": "crossref",
        "doi": "10.5555/own.2020",
    }
    sources = [s["source"] for s in finding.evidence["statements"]]
    assert sources == ["first-page", "running-header", "crossref"]


def test_own_record_joins_an_internal_conflict_in_one_finding() -> None:
    conflicting = (
        *OWN_STATEMENTS,
        replace(OWN_STATEMENTS[1], value="9", normalized="9", page=3),
    )
    (finding,) = run_rules(document(conflicting), [rule_by_code("META001")], None, own(OWN_RECORD))
    assert finding.evidence["registered"]["value"] == "9"
    assert finding.fix is not None and "registered (9" in finding.fix


def test_rule_finding_cannot_raise_severity_above_the_rule_default() -> None:
    rule = rule_by_code("XREF003")()
    with pytest.raises(ValueError, match="at most info"):
        rule.finding("x", severity=Severity.ERROR)


def test_an_article_of_a_journal_the_registry_never_returned_is_only_info() -> None:
    # A regional or older journal that Crossref does not index: nothing of it comes back, so
    # not finding the article says little; a journal it does return makes the absence count.
    unindexed = SearchLookup(LookupStatus.NOT_FOUND, candidates=5, journal_seen=False)
    (finding,) = findings("XREF002", resolved(FABRICATED, search=unindexed), FABRICATED)
    assert finding.severity is Severity.INFO and finding.evidence["journal_seen"] is False
    indexed = replace(unindexed, journal_seen=True)
    (finding,) = findings("XREF002", resolved(FABRICATED, search=indexed), FABRICATED)
    assert finding.severity is Severity.WARNING
