"""Shared fixtures: the synthetic articles, built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pdfgen import FONT_MISSING, GeneratedPdf, build_all, find_font_files
from tests.registry import FakeRegistry

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[GeneratedPdf]:
    if find_font_files() is None:
        pytest.skip(FONT_MISSING)
    return build_all(tmp_path_factory.mktemp("pdfgen"))


@pytest.fixture(scope="session")
def _registry_servers() -> Iterator[FakeRegistry]:
    with FakeRegistry() as registry:
        yield registry


@pytest.fixture
def registry(_registry_servers: FakeRegistry) -> FakeRegistry:
    """The fake Crossref, doi.org, DataCite and web, running; empty and fault-free per test."""
    _registry_servers.reset()
    return _registry_servers
