"""Precision and recall per rule code on the typeset corpus, the silence test, and the corpus.

    python benchmarks/eval_precision.py [--typeset DIR] [--corpus DIR] [--misses]

1. The typeset corpus (``benchmarks/typeset/``: TeX Live, pandoc and LibreOffice papers with
   planted defects): precision and recall per code, held-out templates and dev templates apart.
   DIR defaults to ``build/typeset``; when it holds no papers and the tools are installed, it is
   generated first (about 10 minutes); without TeX it says "not run". ``--typeset
   tests/data/typeset`` scores the small committed sample.
2. Silence: every error or warning on a clean paper is a failure, listed.
3. The 30 corpus PDFs against ``findings_review.md``: per reviewed paper and code, the findings
   judged then (true/false/unsure) and the findings now; findings on papers or codes the review
   did not judge are listed for review.

Runs ``refcheck check --offline --format json`` of this checkout (its path is printed).
Always exits 0: it is a measurement.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "benchmarks"))

from typeset.score import (  # noqa: E402
    SetScore,
    load_truths,
    parse_review,
    reported,
    run_refcheck,
    score_paper,
    table,
)

CORPUS = Path(os.environ.get("REFCHECK_CORPUS", ROOT.parent / "shared" / "corpus"))


def score_typeset(folder: Path, workers: int) -> dict[str, SetScore]:
    papers = load_truths(folder)
    documents = run_refcheck(ROOT, [pdf for pdf, _ in papers], workers)
    scores = {"heldout": SetScore(), "dev": SetScore()}
    for pdf, truth in papers:
        score_paper(documents[str(pdf.resolve())], truth, scores[truth["split"]])
    return scores


def print_typeset(scores: dict[str, SetScore], misses: bool) -> None:
    for split in ("heldout", "dev"):
        score = scores[split]
        print(f"\n== typeset corpus, {split} templates: {score.papers} papers ==")
        if not score.papers:
            print("not run: no papers of this split")
            continue
        print("\n".join(table(score)))
        for line in score.silence_failures:
            print(f"  SILENCE FAILURE {line}")
        by_code = Counter(line.split(": ", 1)[1].split()[0] for line in score.false_alarms)
        print(
            "false alarms by code: "
            + (", ".join(f"{c} {n}" for c, n in by_code.most_common()) or "none")
        )
        shown = score.false_alarms if misses else score.false_alarms[:12]
        for line in shown:
            print(f"  false: {line}")
        if len(shown) < len(score.false_alarms):
            print(f"  … {len(score.false_alarms) - len(shown)} more (--misses lists all)")
        for line in score.misses if misses else score.misses[:12]:
            print(f"  missed: {line}")


def ensure_typeset(folder: Path) -> bool:
    if load_truths(folder):
        return True
    needed = [tool for tool in ("pdflatex", "bibtex", "biber") if shutil.which(tool) is None]
    if needed:
        print(
            f"typeset corpus: not run: no papers in {folder} and {', '.join(needed)} not installed "
            "(see benchmarks/README.md for the one-command install)"
        )
        return False
    print(f"typeset corpus: generating into {folder} (benchmarks/typeset/generate.py)")
    from typeset.generate import main as generate

    generate(["--out", str(folder), "--corpus", str(CORPUS)])
    return bool(load_truths(folder))


def corpus_rows(corpus: Path, workers: int) -> None:
    review_path = corpus / "findings_review.md"
    pdfs = sorted((corpus / "pdfs").glob("*.pdf")) if (corpus / "pdfs").is_dir() else []
    if not pdfs or not review_path.is_file():
        print(f"\n== corpus ==\nnot run: no PDFs or findings_review.md under {corpus}")
        return
    review = parse_review(review_path.read_text(encoding="utf-8"))
    documents = run_refcheck(ROOT, pdfs, workers)
    print(
        f"\n== corpus: {len(pdfs)} PDFs against findings_review.md "
        f"({len(review)} papers reviewed) =="
    )
    print(f"{'paper':<36} {'code':<8} {'reviewed T/F/U':>15} {'now':>4}")
    judged_now = kept_true = 0
    for_review: list[str] = []
    for pdf in pdfs:
        document: dict[str, Any] = documents[str(pdf.resolve())]
        now = Counter(f["code"] for f in reported(document))
        judged = review.get(pdf.stem)
        for code in sorted(set(now) | set(judged or {})):
            if judged is not None and code in judged:
                n, t, f, u = judged[code]
                judged_now += now[code]
                kept_true += min(now[code], t)
                print(f"{pdf.stem[:36]:<36} {code:<8} {f'{n}: {t}/{f}/{u}':>15} {now[code]:>4}")
            else:
                why = "paper not reviewed" if judged is None else "code not reviewed on this paper"
                for finding in (x for x in reported(document) if x["code"] == code):
                    for_review.append(
                        f"{pdf.stem}: {code} p{finding.get('page')} "
                        f"{finding['message'][:110]} ({why})"
                    )
    bound = f"{kept_true / judged_now:.2f}" if judged_now else "-"
    print(
        f"findings now on reviewed paper×code cells: {judged_now}; at most {kept_true} of them "
        f"can be true (precision ≤ {bound}, if every true one is still among them)"
    )
    print(f"for review ({len(for_review)} findings on papers or codes the review did not judge):")
    for line in for_review:
        print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--typeset", type=Path, default=ROOT / "build" / "typeset")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--misses", action="store_true", help="list every false alarm and miss")
    parser.add_argument("--no-corpus", action="store_true")
    args = parser.parse_args()
    import refcheck

    print(f"refcheck: {Path(refcheck.__file__).parent} (this checkout)")
    if ensure_typeset(args.typeset):
        print_typeset(score_typeset(args.typeset, args.workers), args.misses)
    if not args.no_corpus:
        corpus_rows(args.corpus, args.workers)


if __name__ == "__main__":
    main()
