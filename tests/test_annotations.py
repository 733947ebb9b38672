"""What the PDF itself says: link annotations and the outline, read and used.

The papers come from two libraries and two layouts (``tests/linkgen.py``): reportlab,
author-year, links by position or through hyperref's named destinations; fpdf2, numbered,
links by position or through a publisher's "fit page" names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from refcheck.config import Settings
from refcheck.extract.document import build_document
from refcheck.link import link_citations
from refcheck.model import Document, Finding
from refcheck.pdf import PdfText, load
from refcheck.pipeline import check_document
from tests import linkgen

Maker = Callable[..., Path]


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Maker, bool, bool], Path]:
    folder = tmp_path_factory.mktemp("linked")
    made: dict[tuple[str, bool, bool], Path] = {}

    def make(maker: Maker, links: bool = True, named: bool = False) -> Path:
        key = (maker.__name__, links, named)
        if key not in made:
            made[key] = maker(folder / f"{maker.__name__}-{links}-{named}.pdf", links, named)
        return made[key]

    return make


def _findings(path: Path, code: str) -> list[Finding]:
    result = check_document(path, Settings(offline=True))
    return [f for f in result.findings if f.code == code]


def _uncited(path: Path) -> set[str]:
    return {f.reference_id or "" for f in _findings(path, "CIT002")}


def test_reader_gives_link_sources_targets_names_uris_and_outline(
    papers: Callable[..., Path],
) -> None:
    pdf = load(papers(linkgen.author_year_paper, True, True), 10)
    adams = next(link for link in pdf.links if link.destination == "cite.adams")
    assert adams.page == 1 and adams.target_page == 2
    assert adams.target_top is not None and adams.target_x == linkgen.LEFT
    x0, top, x1, bottom = adams.rect
    assert x0 < x1 and top < bottom < 300  # top-left coordinates, on the body's first lines
    assert {u.uri for u in pdf.uris} == {f"https://doi.org/{linkgen.DAVIS_DOI}"}
    assert [(e.title, e.page, e.level) for e in pdf.outline] == [
        ("Introduction", 1, 1),
        ("References", 2, 1),
    ]


def test_a_pdf_without_annotations_reads_as_it_did(papers: Callable[..., Path]) -> None:
    """Same text, no annotations: nothing but the annotations differs, and nothing is added."""
    for maker in (linkgen.author_year_paper, linkgen.numeric_paper):
        plain = load(papers(maker, False), 10)
        linked = load(papers(maker, True), 10)
        assert (plain.links, plain.uris, plain.outline) == ((), (), ())
        assert plain.pages == linked.pages
        stripped = replace(linked, path=plain.path, links=(), uris=(), outline=())
        document = build_document(plain)
        assert document == build_document(stripped)
        assert document.anchors == ()
        assert link_citations(document).anchored == ()


@pytest.mark.parametrize("named", [False, True], ids=["by-position", "hyperref-names"])
def test_author_year_callout_found_only_by_its_link_is_cited(
    papers: Callable[..., Path], named: bool
) -> None:
    """The table cell "GovReport (2021)" links to Huang & Cao (2021): not "never cited"."""
    assert _uncited(papers(linkgen.author_year_paper, False)) == {"R4", "R5"}
    linked = papers(linkgen.author_year_paper, True, named)
    assert _uncited(linked) == {"R5"}  # Unwin (2018) really is never cited
    (unwin,) = _findings(linked, "CIT002")
    assert "none to this one" in unwin.evidence["pdf_links"]


@pytest.mark.parametrize("named", [False, True], ids=["by-position", "publisher-names"])
def test_numbered_entry_cited_only_by_a_linked_table_cell_is_cited(
    papers: Callable[..., Path], named: bool
) -> None:
    assert _uncited(papers(linkgen.numeric_paper, False)) == {"R4", "R5"}
    assert _uncited(papers(linkgen.numeric_paper, True, named)) == {"R5"}


def test_a_link_to_the_list_heading_cites_no_entry(papers: Callable[..., Path]) -> None:
    document = build_document(load(papers(linkgen.author_year_paper, True), 10))
    heading = [a for a in document.anchors if "References" in a.text]
    assert heading == []
    assert {a.reference_id for a in document.anchors} == {"R1", "R2", "R3", "R4"}


def _doi(path: Path, reference_id: str) -> str | None:
    document = build_document(load(path, 10))
    return next(r.doi for r in document.references if r.id == reference_id)


def test_doi_broken_inside_its_suffix_is_taken_whole_from_its_uri_link(
    papers: Callable[..., Path],
) -> None:
    assert _doi(papers(linkgen.author_year_paper, False), "R3") != linkgen.DAVIS_DOI
    assert _doi(papers(linkgen.author_year_paper, True), "R3") == linkgen.DAVIS_DOI


def test_doi_printed_nowhere_but_in_a_uri_link_is_found(papers: Callable[..., Path]) -> None:
    """As arXiv HEP papers link the journal reference to doi.org without printing the DOI."""
    assert _doi(papers(linkgen.numeric_paper, False), "R3") is None
    assert _doi(papers(linkgen.numeric_paper, True), "R3") == linkgen.ZHOU_DOI


def test_anchors_name_the_linked_words(papers: Callable[..., Path]) -> None:
    pdf: PdfText = load(papers(linkgen.author_year_paper, True, True), 10)
    document: Document = build_document(pdf)
    clark = [a for a in document.anchors if a.reference_id == "R2"]
    assert [(a.text, a.destination) for a in clark] == [
        ("Clark et al.", "cite.clark"),
        ("2020", "cite.clark"),
    ]
    assert clark[1].before.startswith("Clark et al.")
