"""Running refcheck's online checks on the generated papers against the test registry.

Two ways in: ``from_pdfs`` runs the whole pipeline (``refcheck.pipeline.check_paths``: PDF
reading, reference parsing, resolving, rules); ``from_objects`` gives the printed fields as
:class:`~refcheck.model.Reference` objects straight to ``resolve_documents`` and the rules, so
that a miss there is the online checks' own and not the parser's.
"""

from __future__ import annotations

import socket
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.online.papers import OnlinePaper
from benchmarks.online.scoring import ONLINE_CODES
from refcheck.config import Settings
from refcheck.model import DocumentResult, Finding, Linking, Resolutions
from refcheck.pipeline import check_paths, run_rules
from refcheck.resolve import resolve_documents
from refcheck.rules import select_rules
from tests.registry.server import FakeRegistry

MAILTO = "evalbench@example.org"


def load_papers(registry: FakeRegistry, papers: Iterable[OnlinePaper]) -> None:
    """Serve every paper's records and cited pages."""
    for paper in papers:
        for message in paper.crossref_messages():
            registry.add_crossref_work(message)
        for doi, attributes in paper.datacite_records():
            registry.add_datacite_work(doi, attributes)
        for path, status, head, redirect in paper.web_pages():
            target = registry.web_url + redirect if redirect else None
            registry.add_page(path, status, head, target)


def settings_for(
    crossref: str, datacite: str, doi: str, cache_dir: Path | None, **more: object
) -> Settings:
    return Settings(
        select=ONLINE_CODES,
        mailto=MAILTO,
        crossref_url=crossref,
        datacite_url=datacite,
        doi_url=doi,
        cache_dir=str(cache_dir) if cache_dir else None,
        use_cache=cache_dir is not None,
        allow_private_urls=True,  # the papers cite pages of the fake web server, on 127.0.0.1
        **more,  # type: ignore[arg-type]
    )


def registry_settings(registry: FakeRegistry, cache_dir: Path | None, **more: object) -> Settings:
    return settings_for(
        registry.crossref_url, registry.datacite_url, registry.doi_url, cache_dir, **more
    )


def closed_port_url() -> str:
    """The URL of a loopback port nobody listens on: a registry that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@dataclass
class RunResult:
    """Findings per paper, and what the resolve stage said about every lookup."""

    findings: dict[str, list[Finding]] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    references: dict[str, int] = field(default_factory=dict)  # how many were read per paper

    def add(self, name: str, findings: Sequence[Finding], resolutions: Resolutions) -> None:
        self.findings[name] = list(findings)
        for resolution in resolutions.references:
            if resolution.doi is not None:
                self.statuses[f"doi {resolution.doi.status.value}"] += 1
            if resolution.search is not None:
                self.statuses[f"search {resolution.search.status.value}"] += 1
            for url in resolution.urls:
                self.statuses[f"url {url.status.value}"] += 1
        if resolutions.own is not None:
            self.statuses[f"own {resolutions.own.status.value}"] += 1
        for skipped in resolutions.skipped:
            self.skipped[skipped.reason] += 1


def from_pdfs(papers: Sequence[OnlinePaper], settings: Settings) -> RunResult:
    report = check_paths([p.pdf for p in papers], settings)
    result = RunResult()
    names = {str(p.pdf): p.name for p in papers}
    for doc in report.documents:
        _add_document(result, names[doc.path], doc)
    return result


def _add_document(result: RunResult, name: str, doc: DocumentResult) -> None:
    if doc.error is not None:
        result.errors.append(f"{name}: {doc.error.kind}: {doc.error.message}")
    if doc.document is not None:
        result.references[name] = len(doc.document.references)
    result.add(name, doc.findings, doc.resolutions)


def from_objects(papers: Sequence[OnlinePaper], settings: Settings) -> RunResult:
    rules = select_rules(settings.select, settings.ignore)
    documents = [p.document for p in papers]
    result = RunResult()
    for paper, resolutions in zip(papers, resolve_documents(documents, settings), strict=True):
        findings = run_rules(paper.document, rules, Linking(), resolutions)
        result.add(paper.name, findings, resolutions)
    return result
