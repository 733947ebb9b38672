"""Running ``refcheck check FILE.bib --format json`` as a user does, against the fake registry.

Every registry and source URL points at one :class:`FakeRegistry` on 127.0.0.1; cited URLs
are not checked (``--no-urls``). Requests are counted from the registry's log, every service.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.fabrication.world import World
from tests.registry.records import serve_work
from tests.registry.server import FakeRegistry

ROOT = Path(__file__).resolve().parents[2]
MAILTO = "evalbench@example.org"
URL_FLAGS = {
    "crossref": "--crossref-url",
    "datacite": "--datacite-url",
    "doi": "--doi-url",
    "openalex": "--openalex-url",
    "semanticscholar": "--semanticscholar-url",
    "arxiv": "--arxiv-url",
    "dblp": "--dblp-url",
    "europepmc": "--europepmc-url",
    "eutils": "--eutils-url",
}


class HarnessError(RuntimeError):
    """refcheck gave no valid report: the harness, not the score, failed."""


def serve_world(registry: FakeRegistry, world: World) -> None:
    for work in world.works:
        if work.sources:
            serve_work(registry, work)


def command(registry: FakeRegistry, bib: Path, cache: Path) -> list[str]:
    args = [sys.executable, "-m", "refcheck", "check", str(bib), "--format", "json"]
    for service, flag in URL_FLAGS.items():
        args += [flag, registry.urls[service]]
    args += ["--mailto", MAILTO, "--cache-dir", str(cache), "--no-urls"]
    return [*args, "--fail-on", "never", "--quiet"]


@dataclass
class RunResult:
    """One pass (cold or warm) over some .bib files."""

    reports: dict[str, dict[str, Any]] = field(default_factory=dict)  # file name → report
    requests: Counter[str] = field(default_factory=Counter)  # service → requests
    seconds: float = 0.0
    references: int = 0


def run_refcheck(registry: FakeRegistry, bib: Path, cache: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    done = subprocess.run(
        command(registry, bib, cache), capture_output=True, text=True, env=env, cwd=bib.parent
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        report = None
    if not isinstance(report, dict) or "documents" not in report:
        raise HarnessError(
            f"{bib.name}: no JSON report (exit {done.returncode}): {done.stderr.strip()[-800:]}"
        )
    return report


def run_pass(registry: FakeRegistry, bibs: list[Path], cache: Path, name: str) -> RunResult:
    """Check every .bib in turn; each report is also written beside it (``FILE.NAME.json``)."""
    result = RunResult()
    for bib in bibs:
        since = len(registry.requests_log)
        started = time.perf_counter()
        report = run_refcheck(registry, bib, cache)
        result.seconds += time.perf_counter() - started
        bib.with_suffix(f".{name}.json").write_text(json.dumps(report, indent=1), "utf-8")
        result.requests.update(entry.service for entry in registry.requests_log[since:])
        result.reports[bib.name] = report
        result.references += sum(len(d.get("references", [])) for d in report["documents"])
    return result
