"""Corrected entries built from a record: never a source's stand-in key as a DOI, and one for
every metadata finding that has a record (the paper's own, META001)."""

from __future__ import annotations

from dataclasses import replace

from refcheck.model import Author, WorkRecord
from refcheck.pipeline import run_rules
from refcheck.rules import rule_by_code
from refcheck.suggest import corrected_entry
from tests.rules.examples import document
from tests.rules.online_examples import (
    AIR_RECORD,
    ONLINE_EXAMPLES,
    REEF,
    REEF_RECORD,
    by_doi,
    matched,
    resolved,
)

DBLP_ONLY = WorkRecord(
    doi="dblp:conf/dac/ZhangYY21",
    source="dblp",
    title="Attentional Transfer is All You Need",
    authors=(Author("Zhang", "Xiaopeng"),),
    container="DAC",
    year="2021",
    type="Conference and Workshop Papers",
)


def test_a_source_record_without_a_doi_gives_an_entry_without_one() -> None:
    entry = corrected_entry(DBLP_ONLY)
    assert entry["corrected_bibtex"].startswith("@inproceedings{zhang2021,")
    assert "doi" not in entry["corrected_bibtex"] and "dblp:" not in entry["corrected_bibtex"]
    assert "DOI" not in entry["corrected_csl"]
    assert entry["corrected_csl"]["type"] == "paper-conference"


def test_a_registered_doi_is_written() -> None:
    entry = corrected_entry(replace(DBLP_ONLY, doi="10.1109/x.1"))
    assert "doi = {10.1109/x.1}" in entry["corrected_bibtex"]
    assert entry["corrected_csl"]["DOI"] == "10.1109/x.1"


def test_every_meta001_finding_against_the_record_carries_the_corrected_entry() -> None:
    examples = [e for e in ONLINE_EXAMPLES if e.code == "META001" and e.fires]
    assert examples
    for example in examples:
        findings = run_rules(
            example.document,
            [rule_by_code("META001")],
            linking=None,
            resolutions=example.resolutions,
        )
        against_record = [f for f in findings if "registered" in f.evidence]
        assert against_record, example.description
        for finding in against_record:
            assert finding.evidence["corrected_bibtex"].startswith("@")
            assert finding.evidence["corrected_csl"]["DOI"] == "10.5555/own.2020"


def test_a_doi_of_another_work_carries_the_entry_of_the_work_a_search_found() -> None:
    cited = replace(REEF, doi=AIR_RECORD.doi)
    resolutions = resolved(cited, doi=by_doi(AIR_RECORD), search=matched(REEF_RECORD))
    [finding] = run_rules(
        document(references=(cited,)), [rule_by_code("DOI002")], None, resolutions=resolutions
    )
    assert "doi = {10.5555/reef.2019}" in finding.evidence["corrected_bibtex"]
    assert finding.fix == "The cited work is registered as https://doi.org/10.5555/reef.2019"
