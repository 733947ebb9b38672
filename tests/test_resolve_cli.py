"""`refcheck check` online, against the fake registry: flags reach the clients."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from refcheck.cli import app
from tests.registry.server import FakeRegistry

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "ssoar_55386.pdf"
ONLINE_CODES = {"DOI001", "DOI002", "XREF001", "XREF002", "XREF003", "RET001", "URL001", "URL002"}


def _check(registry: FakeRegistry, *flags: str) -> dict[str, object]:
    result = CliRunner().invoke(
        app,
        [
            "check",
            "--format=json",
            f"--crossref-url={registry.crossref_url}",
            f"--datacite-url={registry.datacite_url}",
            f"--doi-url={registry.doi_url}",
            "--no-cache",
            "--fail-on=never",
            *flags,
            str(FIXTURE),
        ],
    )
    assert result.exit_code == 0, result.output
    (document,) = json.loads(result.stdout)["documents"]
    assert isinstance(document, dict)
    return document


def test_registry_down_gives_no_online_finding_and_says_why(registry: FakeRegistry) -> None:
    registry.faults("crossref").status = 403
    document = _check(registry, "--http-timeout=2")
    assert registry.requests_to("crossref"), "the flags must point the clients at the registry"
    findings = document["findings"]
    assert isinstance(findings, list)
    assert not {f["code"] for f in findings} & ONLINE_CODES
    reasons = [s["reason"] for s in document["skipped"]]  # type: ignore[attr-defined]
    assert any(r.startswith("Crossref not asked: stopped: the host answered 403") for r in reasons)


def test_mailto_flag_reaches_crossref(registry: FakeRegistry) -> None:
    _check(registry, "--mailto=someone@example.org")
    sent = registry.requests_to("crossref")
    assert sent and all(r.query["mailto"] == "someone@example.org" for r in sent)
