"""The document-health measures the CIT/REF thresholds were set on, per document.

    python benchmarks/eval_health.py [--corpus DIR] [--silence N]

For the corpus PDFs (default ``../shared/corpus/pdfs``), the generated citation set
(``tests/citegen.py``) and N online-benchmark papers: pages missing, references, entries with
neither year, DOI nor URL, references never cited, the uncited numbers below the highest cited
in a list numbered by first citation, and the reasons the rules would step down for.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from refcheck.config import Settings  # noqa: E402
from refcheck.health import assess  # noqa: E402
from refcheck.link import link_citations  # noqa: E402
from refcheck.pipeline import extract_document  # noqa: E402


def row(name: str, pdf: Path) -> str:
    document = extract_document(pdf, Settings())
    health = assess(document, link_citations(document))
    share = health.uncited / health.references if health.references else 0.0
    unreadable = health.unreadable / health.references if health.references else 0.0
    doubt = health.uncited_doubt() or ""
    return (
        f"{name[:34]:<34} {health.references:>4} {unreadable:>6.2f} {share:>6.2f} "
        f"{len(health.number_gaps):>4}  {'gap' if health.page_gaps else '-':<4} {doubt[:60]}"
    )


def generated(tmp: Path, silence: int) -> Iterator[tuple[str, Path]]:
    from online.papers import accuracy_papers

    from tests.citegen import build_citation_set

    for pdf in build_citation_set(tmp / "cite"):
        yield str(pdf.truth["name"]), pdf.path
    for paper in accuracy_papers(tmp / "online", "http://127.0.0.1:9", count=silence):
        yield paper.pdf.name, paper.pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "pdfs")
    parser.add_argument("--silence", type=int, default=20)
    args = parser.parse_args()
    print(f"{'document':<34} {'refs':>4} {'unread':>6} {'uncit':>6} {'gaps':>4}  pages why info")
    for pdf in sorted(args.corpus.glob("*.pdf")) if args.corpus.is_dir() else []:
        print(row(pdf.name, pdf))
    with tempfile.TemporaryDirectory() as tmp:
        for name, pdf in generated(Path(tmp), args.silence):
            print(row(name, pdf))


if __name__ == "__main__":
    main()
