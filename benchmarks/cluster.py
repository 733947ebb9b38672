"""PDFs per second on one machine and on a Dask LocalCluster, and registry requests per DOI.

    python benchmarks/cluster.py [--articles 500] [--pool 200] [--per-paper 5]

The batch is ``--articles`` generated two-page articles (``tests/clustergen.py``), each citing
``--per-paper`` works, with DOIs printed, drawn from a pool of ``--pool`` works, so papers share
references. Speed: one ``refcheck check --offline --quiet --format json`` run in a fresh
process (start-up included) with ``--workers 1``, ``--workers 2`` and ``--scheduler`` on a
2-worker LocalCluster (worker processes, one thread each; the cluster's own start is not
counted: a deployment's cluster is already running). Requests: the same batch checked online
with ``--scheduler`` against the fake registry (``tests/registry``), every registry and
source pointed at it, no cache, no URL checks; every request it answers is counted. Always
exits 0: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import dask
from distributed import LocalCluster

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.clustergen import citing_article  # noqa: E402
from tests.registry.server import SERVICES, FakeRegistry  # noqa: E402
from tests.resolve_helpers import crossref_work  # noqa: E402


def works_of(number: int, pool: int, per_paper: int) -> list[int]:
    """The works paper ``number`` cites: ``per_paper`` distinct ones, spread over the pool."""
    return sorted({(number * 7 + k * 13) % pool + 1 for k in range(per_paper)})


def write_batch(folder: Path, articles: int, pool: int, per_paper: int) -> set[int]:
    cited: set[int] = set()
    for number in range(articles):
        works = works_of(number, pool, per_paper)
        cited.update(works)
        (folder / f"article-{number:04d}.pdf").write_bytes(citing_article(number, works))
    return cited


def run(folder: Path, *flags: str) -> float:
    command = [sys.executable, "-m", "refcheck", "check", "--quiet", "--format", "json"]
    command += ["--fail-on=never", *flags, str(folder)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        print(f"  ({' '.join(flags)}: exit {done.returncode}: {done.stderr.strip()[-300:]})")
    return elapsed


def registry_flags(registry: FakeRegistry) -> list[str]:
    flags = [f"--{service}-url={url}" for service, url in registry.urls.items() if service != "web"]
    return [*flags, "--no-cache", "--no-urls", "--mailto=bench@example.org"]


def measure_requests(folder: Path, scheduler: str, cited: set[int]) -> Counter[str]:
    with FakeRegistry() as registry:
        for work in cited:
            registry.add_crossref_work(crossref_work(work))
        run(folder, f"--scheduler={scheduler}", *registry_flags(registry))
        return Counter(entry.service for entry in registry.requests_log)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--pool", type=int, default=200)
    parser.add_argument("--per-paper", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cited = write_batch(folder, args.articles, args.pool, args.per_paper)
        print(f"{args.articles} articles, {os.cpu_count()} cores, {len(cited)} distinct DOIs")
        print(f"{'run':<28}  {'seconds':>8}  {'PDFs/s':>7}")
        for workers in (1, 2):
            seconds = run(folder, "--offline", f"--workers={workers}")
            print(f"{f'--workers {workers}':<28}  {seconds:>8.1f}  {args.articles / seconds:>7.1f}")
        with (
            dask.config.set({"distributed.worker.daemon": False}),
            LocalCluster(
                n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
            ) as cluster,
        ):
            address = str(cluster.scheduler_address)
            seconds = run(folder, "--offline", f"--scheduler={address}")
            name = "--scheduler (2-worker Local)"
            print(f"{name:<28}  {seconds:>8.1f}  {args.articles / seconds:>7.1f}")
            requests = measure_requests(folder, address, cited)
    total = sum(requests.values())
    per_service = ", ".join(f"{s} {requests[s]}" for s in SERVICES if requests[s])
    print(f"online with --scheduler: {total} registry requests ({per_service or 'none'})")
    print(f"requests per distinct DOI: {total / len(cited):.3f}")
    print(f"load average (1 min): {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
