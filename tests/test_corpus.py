"""Real articles from the shared corpus (``../shared/corpus``, read-only; skipped without it)."""

from __future__ import annotations

import csv
from functools import cache

import pytest

from refcheck.config import Settings
from refcheck.model import Document
from refcheck.pipeline import extract_document, run_rules
from refcheck.rules import ALL_RULES
from tests.conftest import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")


@cache
def document(pdf_id: str) -> Document:
    return extract_document(CORPUS / "pdfs" / f"{pdf_id}.pdf", Settings())


def corpus_ids() -> list[str]:
    if not CORPUS.is_dir():
        return []
    with (CORPUS / "pdfs.csv").open(encoding="utf-8") as handle:
        return [row["id"] for row in csv.DictReader(handle)]


def test_issue_5_2_of_social_inclusion_after_a_repository_cover_page() -> None:
    metadata = document("ssoar_55362").metadata
    assert metadata.title == (
        "Policing the Void: Recreation, Social Inclusion and the Baltimore Police Athletic League"
    )
    assert (metadata.volume, metadata.issue, metadata.pages, metadata.year) == (
        "5",
        "2",
        "241-249",
        "2017",
    )
    assert metadata.doi == "10.17645/si.v5i2.904"
    assert metadata.date == "29 June 2017"
    sources = {(s.field, s.source) for s in metadata.statements}
    assert {
        ("volume", "first-page"),
        ("volume", "running-footer"),
        ("volume", "doi-string"),
        ("doi", "first-page"),
    } <= sources


def test_plos_doi_broken_across_lines_in_the_citation_block() -> None:
    metadata = document("plosone_2018_thomason_wheat").metadata
    assert metadata.doi == "10.1371/journal.pone.0197919"
    assert ("doi", "citation-block") in {(s.field, s.source) for s in metadata.statements}


def test_bmc_doi_printed_above_cite_this_article_at_the_end() -> None:
    metadata = document("bmc_hsr_2014_agyemanduah").metadata
    assert metadata.doi == "10.1186/1472-6963-14-1"
    assert metadata.volume == "14"


def test_cambridge_masthead_year_is_the_one_next_to_the_volume() -> None:
    metadata = document("intpsychogeriatr_2014_stressful_life_events").metadata
    assert (metadata.volume, metadata.issue, metadata.pages, metadata.year) == (
        "26",
        "1",
        "147-154",
        "2014",
    )


@pytest.mark.parametrize("pdf_id", corpus_ids())
def test_no_metadata_false_alarm_on_consistent_real_articles(pdf_id: str) -> None:
    rules = [r for r in ALL_RULES if r.code.startswith("META") or r.code == "REF003"]
    findings = run_rules(document(pdf_id), rules)
    codes = [(f.code, f.evidence.get("found")) for f in findings]
    expected = [("META002", "2000-000X")] if pdf_id == "ssoar_55386" else []
    assert codes == expected


def test_the_authors_biographies_are_not_read_for_citations() -> None:
    # ssoar_55362 p. 10, "About the Authors": "(edited with Ben Carrington, 2013, Blackwell)".
    texts = [c.text for c in document("ssoar_55362").citations]
    assert not [t for t in texts if "Carrington" in t or "Silk" in t]
    assert len(texts) > 40  # the body's citations are all still read


def test_a_title_page_imprint_is_not_read_for_citations() -> None:
    # acl_N18-3011 p. 1: "Proceedings of NAACL-HLT 2018, pages 84–91" and "© 2017 Association
    # for Computational Linguistics", inside the second column.
    texts = [c.text for c in document("acl_N18-3011").citations]
    assert not [t for t in texts if "NAACL" in t or "Association for" in t]
    assert len(texts) > 20


def test_a_figure_with_many_rotated_labels_does_not_hide_the_page_text() -> None:
    # arxiv_2502.21088 p. 17: the axis labels of four plots are more PDFium lines than the body
    # text, which was dropped as "rotated" with its callout "coefficients [70]".
    numbers = {w.number for c in document("arxiv_2502.21088_atlas_drell_yan").citations
               for w in c.works}  # fmt: skip
    assert {70, 77, 81, 82, 83} <= numbers


def test_a_list_whose_labels_hang_far_left_and_in_the_gutter_is_read_whole() -> None:
    # clinsci_2014_douglas p. 9 (issue 11): bare labels 20-34 hang left of a page of entries,
    # 35-52 stand in the gutter; the article's list has 52 entries.
    labels = [ref.label for ref in document("clinsci_2014_douglas").references]
    assert labels == [str(n) for n in range(1, 53)]


def test_short_columns_above_the_biography_are_read_column_by_column() -> None:
    # ssoar_45152 p. 5 (issue 11): "Wilkinson & Pickett 2009" was merged into "Weiss 1993".
    raws = [ref.raw for ref in document("ssoar_45152").references]
    assert len(raws) == 28
    assert raws[-1].startswith("Wilkinson, R., & Pickett, K. (2009).")
    assert raws[-2].endswith("21(4), 501-524.")


def test_dois_and_urls_broken_across_lines_are_read_whole() -> None:
    # issue 11: a DOI piece starting with "-" on the next line, "http: //" inside a line.
    (jacow,) = [r for r in document("jacow_ipac2018_wepml008").references if r.id == "R5"]
    assert jacow.doi == "10.18429/jacow-hp071-wepty035"
    (jss,) = [r for r in document("jss_2007_v18i03_mullen_timp").references if "R Dev" in r.raw]
    assert "http://www.R-project.org/" in jss.urls
