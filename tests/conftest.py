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


# No test may reach the real registries or the web: CLI runs that do not name a fake
# registry get hosts under .invalid, which the HTTP client fails at once without asking DNS.
OFFLINE_ENVIRONMENT = {
    "REFCHECK_CROSSREF_URL": "http://crossref.invalid",
    "REFCHECK_DATACITE_URL": "http://datacite.invalid",
    "REFCHECK_DOI_URL": "http://doi.invalid",
    "REFCHECK_MAILTO": "tests@example.org",
    "REFCHECK_NO_URLS": "1",
}


@pytest.fixture(autouse=True, scope="session")
def _no_real_registries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in OFFLINE_ENVIRONMENT.items():
            patch.setenv(name, value)
        # The lookup cache of CLI runs goes to a temporary directory, not the user's.
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield
