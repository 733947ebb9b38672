"""Shared fixtures: the synthetic articles, built once per test session."""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from refcheck.report import json_report
from tests.pdfgen import FONT_MISSING, GeneratedPdf, build_all, find_font_files
from tests.registry import FakeRegistry
from tests.report_contract import (
    RenderedReports,
    ReportContract,
    observe_child,
    observe_cli_run,
)

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
    "REFCHECK_OPENALEX_URL": "http://openalex.invalid",
    "REFCHECK_SEMANTICSCHOLAR_URL": "http://semanticscholar.invalid",
    "REFCHECK_ARXIV_URL": "http://arxiv.invalid",
    "REFCHECK_DBLP_URL": "http://dblp.invalid",
    "REFCHECK_EUROPEPMC_URL": "http://europepmc.invalid",
    "REFCHECK_EUTILS_URL": "http://eutils.invalid",
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


CONTRACT = pytest.StashKey[ReportContract]()


@pytest.fixture(autouse=True, scope="session")
def _report_contract(request: pytest.FixtureRequest) -> Iterator[ReportContract]:
    """Shows every refcheck/1 document the session produces to the contract (see
    tests/report_contract.py): rendered reports, in-process CLI runs and refcheck children."""
    contract = request.config.stash[CONTRACT] = ReportContract()
    rendered = json_report.logger
    handler = RenderedReports(contract)
    invoke, run = CliRunner.invoke, subprocess.run

    def observed_invoke(self: CliRunner, cli: Any, args: Any = None, **kwargs: Any) -> Any:
        result = invoke(self, cli, args, **kwargs)
        words = args.split() if isinstance(args, str) else list(args or [])
        observe_cli_run(contract, words, result.stdout)
        return result

    def observed_run(*args: Any, **kwargs: Any) -> subprocess.CompletedProcess[Any]:
        done = run(*args, **kwargs)
        observe_child(contract, done, kwargs.get("cwd"))
        return done

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CliRunner, "invoke", observed_invoke)
        patch.setattr(subprocess, "run", observed_run)
        # DEBUG for this one logger only, and kept out of the captured logs of every test.
        patch.setattr(rendered, "propagate", False)
        rendered.addHandler(handler)
        previous = rendered.level
        rendered.setLevel(logging.DEBUG)
        try:
            yield contract
        finally:
            rendered.setLevel(previous)
            rendered.removeHandler(handler)


@pytest.fixture(autouse=True)
def _reports_follow_the_schema(_report_contract: ReportContract) -> Iterator[None]:
    """Fails the test that produced a refcheck/1 document `refcheck schema` rejects."""
    yield
    failures = _report_contract.take_failures()
    if failures:
        pytest.fail("refcheck/1 documents that break `refcheck schema`:\n" + "\n".join(failures))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    contract = config.stash.get(CONTRACT, None)
    if contract is not None and contract.validated:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(contract.validated.items()))
        terminalreporter.write_line(f"refcheck/1 JSON documents validated by the schema: {counts}")
