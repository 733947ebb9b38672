"""Shared fixtures: the synthetic articles, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdfgen import FONT_MISSING, GeneratedPdf, build_all, find_font_files

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[GeneratedPdf]:
    if find_font_files() is None:
        pytest.skip(FONT_MISSING)
    return build_all(tmp_path_factory.mktemp("pdfgen"))
