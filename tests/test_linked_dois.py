"""A DOI that only a doi.org link over an entry holds is the entry's DOI (REF003), unless the
entry prints one: papers from two libraries and layouts (``tests/linkgen.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from refcheck.config import Settings
from refcheck.model import Finding
from refcheck.pdf import load
from refcheck.pipeline import check_document
from tests import linkgen

MAKERS = [linkgen.author_year_paper, linkgen.numeric_paper]
IDS = ["reportlab-author-year", "fpdf2-numbered"]


def _ref003(path: Path) -> list[Finding]:
    result = check_document(path, Settings(offline=True))
    return [f for f in result.findings if f.code == "REF003"]


@pytest.mark.parametrize("maker", MAKERS, ids=IDS)
def test_malformed_doi_held_only_by_a_link_is_reported_never_over_a_printed_one(
    maker: Callable[..., Path], tmp_path: Path
) -> None:
    path = maker(tmp_path / "paper.pdf", malformed=True)
    uris = {u.uri for u in load(path, 10).uris}
    assert f"https://doi.org/{linkgen.SHADOWED_BAD_DOI}" in uris
    (finding,) = _ref003(path)  # not the link over the entry that prints a valid DOI
    assert finding.evidence["found"] == linkgen.LINKED_BAD_DOI
    assert finding.evidence["link"] == f"https://doi.org/{linkgen.LINKED_BAD_DOI}"
    assert "link" in finding.message and finding.page == 2


@pytest.mark.parametrize("maker", MAKERS, ids=IDS)
def test_valid_links_and_no_links_report_nothing(
    maker: Callable[..., Path], tmp_path: Path
) -> None:
    assert _ref003(maker(tmp_path / "paper.pdf", links=False)) == []
    assert _ref003(maker(tmp_path / "linked.pdf")) == []
