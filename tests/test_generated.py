"""Extraction and rules on the synthetic articles, against their known truth (tests/pdfgen.py).

Every statement of volume, issue, pages, year and DOI is recovered with its page and source,
nothing else is taken for one, and the rules fire exactly where the truth says.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from refcheck.config import Settings
from refcheck.model import Document
from refcheck.pdf import load
from refcheck.pipeline import extract_document, run_rules
from refcheck.rules import ALL_RULES
from tests.pdfgen import GeneratedPdf

COMPARED = ("volume", "issue", "pages", "year", "doi")


@cache
def extracted(path: Path) -> Document:
    return extract_document(path, Settings())


def statement_keys(document: Document) -> set[tuple[str, str, int | None, str]]:
    return {
        (s.field, s.normalized, s.page, s.source)
        for s in document.metadata.statements
        if s.field in COMPARED
    }


def truth_keys(truth: dict[str, Any], document: Document) -> set[tuple[str, str, int | None, str]]:
    """The truth's statements; a year stated only in "Published: <date>" is our date field."""
    dates = {(s.page, s.normalized) for s in document.metadata.statements if s.field == "date"}
    keys = set()
    for s in truth["statements"]:
        key = (s["field"], s["value"], s["page"], s["source"])
        in_date = any(page == s["page"] and s["value"] in date for page, date in dates)
        if s["field"] == "year" and in_date and key not in statement_keys(document):
            continue
        keys.add(key)
    return keys


def test_every_statement_is_recovered_with_page_and_source(generated: list[GeneratedPdf]) -> None:
    for pdf in generated:
        document = extracted(pdf.path)
        assert statement_keys(document) == truth_keys(pdf.truth, document), pdf.name


def test_chosen_metadata_values_are_the_first_page_values(generated: list[GeneratedPdf]) -> None:
    for pdf in generated:
        metadata = extracted(pdf.path).metadata
        truth = pdf.truth
        assert metadata.title == truth["title"], pdf.name
        assert list(metadata.authors) == truth["authors"], pdf.name
        assert metadata.doi == truth["doi"], pdf.name
        assert metadata.volume == truth["volume"], pdf.name
        assert metadata.issue == truth["issue"], pdf.name
        assert metadata.year == truth["year"], pdf.name
        assert metadata.pages == truth["pages_range"], pdf.name
        assert set(metadata.issn) == set(truth["issn"]), pdf.name


def findings_by_code(pdf: GeneratedPdf) -> dict[str, list[Any]]:
    by_code: dict[str, list[Any]] = {}
    for finding in run_rules(extracted(pdf.path), ALL_RULES):
        by_code.setdefault(finding.code, []).append(finding)
    return by_code


def test_metadata_conflict_fires_exactly_on_the_conflicting_fields(
    generated: list[GeneratedPdf],
) -> None:
    conflicted = 0
    for pdf in generated:
        fields = sorted(f.evidence["field"] for f in findings_by_code(pdf).get("META001", []))
        assert fields == sorted(pdf.truth["conflicts"]), pdf.name
        conflicted += bool(fields)
    assert conflicted >= 6


def test_metadata_conflict_evidence_names_each_value_page_and_source(
    generated: list[GeneratedPdf],
) -> None:
    (pdf,) = [p for p in generated if p.name == "conflict_volume_roman"]
    (finding,) = findings_by_code(pdf)["META001"]
    stated = {(s["value"], s["page"], s["source"]) for s in finding.evidence["statements"]}
    assert ("VII", 1, "first-page") in stated
    assert any(value == "IX" and source == "running-header" for value, _, source in stated)


def test_invalid_issn_and_malformed_doi_fire_only_on_their_examples(
    generated: list[GeneratedPdf],
) -> None:
    for pdf in generated:
        by_code = findings_by_code(pdf)
        issns = sorted(f.evidence["found"] for f in by_code.get("META002", []))
        dois = sorted(f.evidence["found"] for f in by_code.get("REF003", []))
        assert issns == sorted(pdf.truth["invalid_issns"]), pdf.name
        assert dois == sorted(pdf.truth["malformed_dois"]), pdf.name


def body_text(path: Path) -> str:
    pdf = load(path, max_pages=100)
    return "\n".join(line.text for page in pdf.pages for line in page.lines)


@pytest.mark.parametrize(
    "kind", ["hyphenated_words", "broken_urls", "broken_dois", "non_ascii_words"]
)
def test_words_broken_across_lines_come_back_whole(
    generated: list[GeneratedPdf], kind: str
) -> None:
    checked = 0
    for pdf in generated:
        text = body_text(pdf.path)
        tokens = {token.strip(".,;:()") for token in text.split()}
        for word in pdf.truth[kind]:
            assert word in tokens or any(word in token for token in tokens), (pdf.name, word)
            checked += 1
    assert checked > 0


def test_column_count_of_every_page(generated: list[GeneratedPdf]) -> None:
    for pdf in generated:
        pages = load(pdf.path, max_pages=100).pages
        columns = {str(page.number): page.columns for page in pages}
        assert columns == pdf.truth["columns"], pdf.name
