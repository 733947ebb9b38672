"""Likely-fabricated references (issue 13): verdicts and XREF004 on a synthetic world.

    python benchmarks/eval_fabrication.py [--split dev|heldout|all] [--seed 13] [--scale 2]
                                          [--misses] [--keep DIR]

Generates a bibliographic world (``benchmarks/fabrication/``) and a .bib corpus with gold
labels (verified, metadata-mismatch, fabricated, not-checkable), serves the world from the
fake registry of ``tests/registry/`` (Crossref, doi.org, DataCite, OpenAlex, Semantic Scholar,
arXiv, dblp, Europe PMC, E-utilities on 127.0.0.1), runs ``refcheck check FILE --format json``
on every .bib cold (fresh cache) and warm (same cache), and prints Markdown tables: gold ×
verdict with precision and recall, XREF004 against the planted fabrications, requests per
reference and wall time, dev and held-out apart.

Exits 1 only when refcheck gave no valid report (a harness error), never for a low score.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.fabrication.bibtex import write_bib_files  # noqa: E402
from benchmarks.fabrication.corpus import SPLITS, Corpus, build_corpus  # noqa: E402
from benchmarks.fabrication.runs import (  # noqa: E402
    HarnessError,
    RunResult,
    run_pass,
    serve_world,
)
from benchmarks.fabrication.scoring import Score, score_report  # noqa: E402
from benchmarks.fabrication.table import (  # noqa: E402
    PUBLIC_NOTE,
    code_table,
    cost_table,
    flag_table,
    misses,
    verdict_table,
)
from tests.registry.server import FakeRegistry  # noqa: E402


def describe(corpus: Corpus, splits: Sequence[str]) -> str:
    works = corpus.world.works
    indexed = sum(1 for w in works if w.sources)
    lines = [f"World: seed {corpus.world.seed}, {len(works)} works ({indexed} in some source)."]
    for split in splits:
        entries = corpus.of_split(split)
        counts = {
            label: 0 for label in ("verified", "metadata-mismatch", "fabricated", "not-checkable")
        }
        for entry in entries:
            counts[entry.label] += 1
        shown = ", ".join(f"{k} {v}" for k, v in counts.items())
        lines.append(f"{split}: {len(entries)} entries ({shown})")
    return "\n".join(lines)


def score_split(corpus: Corpus, split: str, run: RunResult) -> Score:
    score = Score()
    for name, report in run.reports.items():
        entries = [e for e in corpus.of_split(split) if e.bib_file == name]
        score_report(entries, report, score)
    return score


def run_split(
    corpus: Corpus, split: str, registry: FakeRegistry, work: Path
) -> tuple[Score, RunResult, RunResult]:
    bibs = write_bib_files(corpus, work / split, split)
    cache = work / f"cache-{split}"
    cold = run_pass(registry, bibs, cache, "cold")
    warm = run_pass(registry, bibs, cache, "warm")
    return score_split(corpus, split, cold), cold, warm


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--scale", type=int, default=2, help="works per kind and field (×)")
    parser.add_argument("--misses", action="store_true", help="list every wrong verdict")
    parser.add_argument("--keep", type=Path, help="write the .bib files and reports here")
    args = parser.parse_args(argv)
    splits = list(SPLITS) if args.split == "all" else [args.split]
    corpus = build_corpus(args.seed, args.scale)
    print(describe(corpus, splits))
    results: list[tuple[str, Score, RunResult, RunResult]] = []
    with tempfile.TemporaryDirectory(prefix="refcheck-fab-") as tmp, FakeRegistry() as registry:
        work = args.keep or Path(tmp)
        serve_world(registry, corpus.world)
        try:
            for split in splits:
                results.append((split, *run_split(corpus, split, registry, work)))
        except HarnessError as exc:
            print(f"harness error: {exc}", file=sys.stderr)
            return 1
    lines: list[str] = []
    for split, score, _, _ in results:
        lines += verdict_table(split, score)
    lines += flag_table([(split, score) for split, score, _, _ in results])
    lines += code_table([(split, score) for split, score, _, _ in results])
    lines += cost_table([(split, cold, warm) for split, _, cold, warm in results])
    missing = sum(1 for _, s, _, _ in results for o in s.outcomes if o.verdict == "missing")
    if missing:
        lines.append(f"\nnote: {missing} references carry no `verdict` key: refcheck does not "
                     "give verdicts yet, so every verdict column but `missing` is 0.")  # fmt: skip
    if args.misses:
        for _, score, _, _ in results:
            lines += misses(score)
    print("\n".join(lines))
    print("\n" + PUBLIC_NOTE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
