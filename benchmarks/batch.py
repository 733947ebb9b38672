"""How a whole issue scales with ``--workers``: wall time of one CLI run per worker count.

    python benchmarks/batch.py [--articles 50] [--workers 1 2 4] [--repeat 3]

The issue is ``--articles`` small generated articles (``tests/batchgen.py``), checked with
``refcheck check --offline --quiet --format json`` in a fresh process (start-up included). Each
row is the best of ``--repeat`` runs. Always exits 0: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.batchgen import article_pdf  # noqa: E402


def timed_run(folder: Path, workers: int) -> float:
    command = [sys.executable, "-m", "refcheck", "check", "--offline", "--quiet"]
    command += ["--format", "json", "--workers", str(workers), str(folder)]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for number in range(args.articles):
            (folder / f"article-{number:03d}.pdf").write_bytes(article_pdf(number))
        print(f"{args.articles} articles, {os.cpu_count()} cores, best of {args.repeat}")
        print(f"{'workers':>8}  {'seconds':>8}  {'ms/article':>10}")
        for workers in args.workers:
            best = min(timed_run(folder, workers) for _ in range(args.repeat))
            print(f"{workers:>8}  {best:>8.2f}  {1000 * best / args.articles:>10.1f}")
    print(f"load average (1 min): {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
