"""Online verification (issue 4): accuracy per rule code, request budget and speed, fault runs.

    python benchmarks/eval_online.py [--papers 5] [--misses] [--only accuracy|budget|faults]

Starts the test registry of ``tests/registry/server.py`` (loopback HTTP: Crossref, doi.org,
DataCite and a web server), generates papers with planted defects and traps
(``benchmarks/online/``), serves their records, and runs refcheck on them:

1. Accuracy: TP/FP/FN, precision and recall per rule code, once from the printed fields given
   as Reference objects (the online checks alone) and once end to end from the PDFs.
2. Request budget: a 50-reference paper (40 with DOIs, 10 without) with 100 ms latency and the
   polite pool's limits enforced by the server (429 beyond 3 list and 10 single requests per
   second, 3 at once): registry requests, requests per reference and wall time, cold and then
   with a warm cache.
3. Fault runs: the same papers against a registry that answers 429 (with and without
   Retry-After), 500, hangs past the timeout, garbage or truncated bodies, or is down: online
   findings (must be none from a registry), lookup statuses, crashes.

Always exits 0 (a measurement); each target is printed with PASS or FAIL.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.online.papers import (  # noqa: E402
    OnlinePaper,
    accuracy_paper,
    accuracy_papers,
    budget_paper,
)
from benchmarks.online.runs import (  # noqa: E402
    RunResult,
    closed_port_url,
    from_objects,
    from_pdfs,
    load_papers,
    registry_settings,
    settings_for,
)
from benchmarks.online.scoring import (  # noqa: E402
    REGISTRY_CODES,
    URL_CODES,
    Score,
    error_lines,
    online_findings,
    score_paper,
    score_table,
    verdicts,
)
from tests.registry.server import FakeRegistry  # noqa: E402

REGISTRY_SERVICES = ("crossref", "datacite", "doi")
LATENCY = 0.1
FAULT_TIMEOUT = 1.0  # seconds per request in the fault runs, so that a hang costs little


def score_run(papers: Sequence[OnlinePaper], run: RunResult) -> Score:
    score = Score()
    for paper in papers:
        score_paper(paper, run.findings.get(paper.name, []), score)
    return score


def accuracy(
    papers: list[OnlinePaper], registry: FakeRegistry, work: Path, misses: bool
) -> list[tuple[str, bool]]:
    results: list[tuple[str, bool]] = []
    for label, run_on in (("Reference objects", from_objects), ("PDFs end to end", from_pdfs)):
        cache = Path(tempfile.mkdtemp(dir=work, prefix="cache-"))
        started = time.perf_counter()
        run = run_on(papers, registry_settings(registry, cache))
        elapsed = time.perf_counter() - started
        score = score_run(papers, run)
        refs = sum(len(p.gold) for p in papers)
        title = (f"\n== Accuracy, {label}: {len(papers)} papers, {refs} references, "
                 f"{elapsed:.1f} s ==")  # fmt: skip
        print("\n".join(score_table(score, title)))
        if run.errors:
            print("errors:", *run.errors, sep="\n  ")
        for paper in papers:
            read = run.references.get(paper.name, len(paper.gold))
            if read != len(paper.gold):  # ids R1… then drift from the gold's after a lost entry
                print(f"note: {paper.name}: {read} references read from the PDF, "
                      f"{len(paper.gold)} printed")  # fmt: skip
        if misses:
            print("\n".join(error_lines(score)))
        results += [(f"[{label}] {target}", met) for target, met in verdicts(score)]
    return results


def registry_requests(registry: FakeRegistry, since: int) -> dict[str, int]:
    counts = dict.fromkeys(REGISTRY_SERVICES, 0)
    for entry in registry.requests_log[since:]:
        if entry.service in counts:
            counts[entry.service] += 1
    return counts


def budget(registry: FakeRegistry, work: Path, misses: bool) -> list[tuple[str, bool]]:
    paper = budget_paper(work / "budget", registry.web_url)
    load_papers(registry, [paper])
    registry.enforce_limits = True
    for service in REGISTRY_SERVICES:
        registry.faults(service).latency = LATENCY
    cache = work / "budget-cache"
    references = len(paper.gold)
    with_doi = sum(1 for r in paper.document.references if r.doi)
    print(f"\n== Request budget: {references} references ({with_doi} with DOIs), latency "
          f"{LATENCY * 1000:.0f} ms, polite-pool limits enforced (3 list/s, 10 single/s, 3 at "
          f"once) ==")  # fmt: skip
    print(f"{'run':6} {'crossref':>8} {'doi.org':>8} {'datacite':>8} {'total':>6} {'req/ref':>8} "
          f"{'429s':>5} {'wall s':>7} {'findings':>9} {'score':>12}")  # fmt: skip
    results: list[tuple[str, bool]] = []
    for run_name in ("cold", "warm"):
        since, refusals = len(registry.requests_log), registry.limit_refusals
        started = time.perf_counter()
        run = from_pdfs([paper], registry_settings(registry, cache))
        elapsed = time.perf_counter() - started
        counts = registry_requests(registry, since)
        total = sum(counts.values())
        score = score_run([paper], run)
        t = score.total()
        found = len(online_findings(run.findings.get(paper.name, [])))
        print(f"{run_name:6} {counts['crossref']:8} {counts['doi']:8} {counts['datacite']:8} "
              f"{total:6} {total / references:8.2f} {registry.limit_refusals - refusals:5} "
              f"{elapsed:7.2f} {found:9} "
              f"{f'TP{t.tp} FP{t.fp} FN{t.fn}':>12}")  # fmt: skip
        if run_name == "cold":
            results.append(("budget: ≤ 0.5 registry requests per reference (cold)",
                            total / references <= 0.5))  # fmt: skip
            results.append(("budget: ≤ 8 s for the 50-reference paper (cold)", elapsed <= 8.0))
        else:
            results.append(("budget: 0 registry requests with a warm cache", total == 0))
        if run.errors:
            print("errors:", *run.errors, sep="\n  ")
        if misses and run_name == "cold":
            print("\n".join(error_lines(score)))
    print(f"max requests in flight at once: crossref {registry.max_in_flight['crossref']}; "
          "429s: answers refused for going over the enforced limits")  # fmt: skip
    return results


Fault = Callable[[FakeRegistry], None]


def _all(setter: Callable[[FakeRegistry, str], None]) -> Fault:
    def apply(registry: FakeRegistry) -> None:
        for service in REGISTRY_SERVICES:
            setter(registry, service)

    return apply


def _status(code: int, retry_after: str | None = None) -> Fault:
    def setter(registry: FakeRegistry, service: str) -> None:
        registry.faults(service).status = code
        registry.faults(service).retry_after = retry_after

    return _all(setter)


def _latency(registry: FakeRegistry, service: str) -> None:
    registry.faults(service).latency = FAULT_TIMEOUT * 3


def _garbage(registry: FakeRegistry, service: str) -> None:
    registry.faults(service).garbage = True


def _truncate(registry: FakeRegistry, service: str) -> None:
    registry.faults(service).truncate = True


FAULTS: dict[str, Fault | None] = {
    "429 storm": _status(429),
    "429 + Retry-After 1": _status(429, "1"),
    "500s": _status(500),
    "503 + Retry-After 1": _status(503, "1"),
    "timeouts": _all(_latency),
    "garbage bodies": _all(_garbage),
    "truncated JSON": _all(_truncate),
    "registry down": None,
    "network down": None,  # no name resolves: the registries and every cited host
}
NO_DNS = "http://{}.invalid"  # RFC 6761: never resolves, like every host without a network


def faults(papers: list[OnlinePaper], registry: FakeRegistry, work: Path) -> list[tuple[str, bool]]:
    print(f"\n== Fault runs: {len(papers)} papers from the PDFs, request timeout "
          f"{FAULT_TIMEOUT:g} s, fresh cache each ==")  # fmt: skip
    print(f"{'fault':22} {'registry findings':>17} {'URL findings':>12} {'crash':>5} "
          f"{'wall s':>7}  lookup statuses")  # fmt: skip
    results: list[tuple[str, bool]] = []
    for name, fault in FAULTS.items():
        registry.reset()
        load_papers(registry, papers)
        cache = Path(tempfile.mkdtemp(dir=work, prefix="fault-cache-"))
        checked = papers
        if name == "network down":  # the same papers, citing URLs on a host that won't resolve
            hosts = [NO_DNS.format(service) for service in REGISTRY_SERVICES]
            settings = settings_for(*hosts, cache, http_timeout=FAULT_TIMEOUT)
            web = NO_DNS.format("web")
            checked = [accuracy_paper(i, work / "no-dns", web) for i in range(len(papers))]
        elif fault is None:
            down = closed_port_url()
            settings = settings_for(down, down, down, cache, http_timeout=FAULT_TIMEOUT)
        else:
            fault(registry)
            settings = registry_settings(registry, cache, http_timeout=FAULT_TIMEOUT)
        started = time.perf_counter()
        crash = ""
        try:
            run = from_pdfs(checked, settings)
        except Exception as exc:  # a crash is what this run looks for
            crash, run = f"{type(exc).__name__}: {exc}", RunResult()
        elapsed = time.perf_counter() - started
        found = [f for fs in run.findings.values() for f in online_findings(fs)]
        from_registry = [f for f in found if f.code in REGISTRY_CODES]
        urls = [f for f in found if f.code in URL_CODES]
        statuses = ", ".join(f"{k} {n}" for k, n in sorted(run.statuses.items()))
        crashed = bool(crash or run.errors)
        print(f"{name:22} {len(from_registry):17} {len(urls):12} {'yes' if crashed else 'no':>5} "
              f"{elapsed:7.1f}  {statuses}")  # fmt: skip
        for f in from_registry:
            print(f"    {f.code} {f.reference_id}: {f.message}")
        for reason in dict.fromkeys(r.split(" (")[0] for r in run.skipped):
            print(f"    skipped: {reason}")
        if crashed:
            print("    crash:", crash, *run.errors)
        if name == "network down":
            results.append((f"faults: {name}: no online finding at all, no crash",
                            not found and not crashed))  # fmt: skip
        else:
            results.append((f"faults: {name}: no registry finding, no crash",
                            not from_registry and not crashed))  # fmt: skip
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--papers", type=int, default=5, help="accuracy papers (default 5)")
    parser.add_argument("--first-paper", type=int, default=0,
                        help="index of the first accuracy paper (default 0; papers 0-9 were "
                        "looked at while developing, 10 and later never were)")  # fmt: skip
    parser.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--only", choices=("accuracy", "budget", "faults"), action="append",
                        help="run only these parts (repeatable); default all")  # fmt: skip
    parser.add_argument("--fault-papers", type=int, default=2, help="papers per fault run")
    args = parser.parse_args(argv)
    results: list[tuple[str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="refcheck-eval-online-") as tmp:
        work = Path(tmp)
        # One registry for every run: the papers print URLs on its web server's port.
        with FakeRegistry() as registry:
            parts = args.only or ["accuracy", "budget", "faults"]
            papers = accuracy_papers(
                work / "papers", registry.web_url, args.papers, first=args.first_paper
            )
            if "accuracy" in parts:
                load_papers(registry, papers)
                results += accuracy(papers, registry, work, args.misses)
            if "budget" in parts:
                registry.reset()
                results += budget(registry, work, args.misses)
            if "faults" in parts:
                results += faults(papers[: args.fault_papers], registry, work)
    print("\n== Targets ==")
    for target, met in results:
        print(f"{'PASS' if met else 'FAIL'}  {target}")


if __name__ == "__main__":
    main()
