"""How fast refcheck is, in one table, every row beside pdftotext measured in the same run.

Run from anywhere (the checkout is found from this file)::

    python benchmarks/speed.py [--repeat N] [--quick] [--csv PATH] [--corpus DIR] [PDF...]

Sections (``--sections`` picks some): start-up (``refcheck --version``, a 4-page check through
the CLI), in process ms/page over the corpus, the CLI per paper for small and large papers, the
10→400 page curve on generated long papers, and batch PDFs/s with 1 and 2 workers. Each figure is
the best of ``--repeat`` runs; the target, PASS/MISS, the floor (what refcheck cannot go under)
and the 1-minute load average are on its row. Without the corpus (a bare clone), generated
papers stand in for it. See benchmarks/README.md.

Exit 0: it ran, whatever the figures (a measurement, not a test). Exit 2: a run was invalid
(the CLI is not this checkout's, a report was missing or had an error document, pdftotext
failed), and no table is printed.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's refcheck and benchmarks, never an installed one

import pypdfium2 as pdfium  # noqa: E402

from benchmarks import longdoc, speed_sections  # noqa: E402
from benchmarks.speed_cli import InvalidRun, compile_once, verify_checkout  # noqa: E402
from benchmarks.speed_measure import load_average, page_count, pdftotext_path  # noqa: E402
from benchmarks.speed_sections import Paper  # noqa: E402
from benchmarks.speed_table import Row, render, write_csv  # noqa: E402

SECTIONS = ("startup", "inprocess", "cli", "curve", "batch")
SIZES = (10, 50, 100, 200, 400)
QUICK_SIZES = (10, 50, 100)
FOUR_PAGES = "bmc_jtmo_2010_datta"  # the corpus paper of the 4-page target
GENERATED_PAPERS = (4, 6, 8, 12, 20)  # sizes standing in for the corpus on a bare clone
DEFAULT_CORPUS = Path(os.environ.get("REFCHECK_CORPUS", ROOT.parent / "shared" / "corpus"))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "pdfs", nargs="*", type=Path, metavar="PDF", help="papers (default: corpus)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--quick", action="store_true", help="few papers, sizes and runs")
    parser.add_argument("--csv", type=Path, help="also write the rows to this CSV file")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of pdfs.csv")
    parser.add_argument("--articles", type=int, default=60, help="PDFs in the batch (default 60)")
    parser.add_argument(
        "--with-pdfplumber", action="store_true", help="note pdfplumber's ms/page (slow)"
    )
    parser.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    args = parser.parse_args(argv)
    args.repeat = 1 if args.quick else max(1, args.repeat)
    if args.quick:
        args.articles = min(args.articles, 20)
    return args


def corpus_papers(corpus: Path) -> list[Paper]:
    with (corpus / "pdfs.csv").open(newline="", encoding="utf-8") as handle:
        paths = [corpus / row["file"] for row in csv.DictReader(handle)]
    return [Paper(path, page_count(path)) for path in paths]


def choose_papers(args: argparse.Namespace) -> tuple[list[Paper], str]:
    """The papers of the in-process and per-paper sections, and what they are."""
    if args.pdfs:
        papers = [Paper(path, page_count(path)) for path in args.pdfs]
        source = f"{len(papers)} PDFs from the command line"
    elif (args.corpus / "pdfs.csv").exists():
        papers = corpus_papers(args.corpus)
        source = f"the corpus {args.corpus} ({len(papers)} PDFs)"
    else:
        styles = longdoc.STYLES
        papers = [
            Paper(path, page_count(path))
            for path in (
                longdoc.build(size, style) for style in styles for size in GENERATED_PAPERS
            )
        ]
        source = (
            f"no corpus at {args.corpus}: {len(papers)} generated papers (benchmarks/longdoc.py)"
        )
    if args.quick:  # a smoke run: the three smallest and the two largest papers
        ordered = sorted(papers, key=lambda paper: paper.pages)
        papers = ordered[:3] + ordered[-2:] if len(ordered) > 5 else ordered
    return papers, source


def four_page_paper(papers: Sequence[Paper]) -> Paper:
    """The corpus's 4-page paper, any 4-page paper given, or a generated one."""
    fours = [paper for paper in papers if paper.pages == 4]
    named = [paper for paper in fours if paper.path.stem == FOUR_PAGES]
    if named or fours:
        return (named or fours)[0]
    path = longdoc.build(4, "numeric")
    return Paper(path, page_count(path))


def batch_pdfs(count: int) -> list[Path]:
    """``count`` two-page generated articles (tests/batchgen.py), written once to the cache."""
    from tests.batchgen import article_pdf

    folder = longdoc.cache_dir().parent / f"batch-{count}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"article-{number:03d}.pdf"
        if not path.exists():
            path.write_bytes(article_pdf(number))
        paths.append(path)
    return paths


def preamble(package: Path, source: str) -> list[str]:
    pdftotext = subprocess.run([pdftotext_path(), "-v"], capture_output=True, text=True)
    lines = [
        f"refcheck package: {package} (this checkout, verified in a child and in process)",
        f"CLI timed: {sys.executable} -m refcheck, PYTHONPATH={ROOT}; bytecode compiled once",
        f"Python {platform.python_version()}, pypdfium2 {pdfium.version.PYPDFIUM_INFO}, "
        f"{(pdftotext.stderr or pdftotext.stdout).splitlines()[0]}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs",
        f"papers: {source}",
    ]
    if "PYTHONDONTWRITEBYTECODE" in os.environ:
        lines.append("PYTHONDONTWRITEBYTECODE is set here: removed from the children's environment")
    return lines


def measure(args: argparse.Namespace, papers: list[Paper]) -> list[Row]:
    chosen, repeat = set(args.sections), args.repeat
    rows: list[Row] = []
    if "startup" in chosen:
        rows += speed_sections.startup(four_page_paper(papers), repeat)
    if "inprocess" in chosen:
        rows += speed_sections.in_process(papers, repeat, args.with_pdfplumber)
    if "cli" in chosen:
        rows += speed_sections.cli_per_paper(papers, repeat)
    if "curve" in chosen:
        styles = longdoc.STYLES[:1] if args.quick else longdoc.STYLES
        rows += speed_sections.curve(styles, QUICK_SIZES if args.quick else SIZES, repeat)
    if "batch" in chosen:
        rows += speed_sections.batch(batch_pdfs(args.articles), repeat)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        package = verify_checkout()
        compile_once()
        papers, source = choose_papers(args)
        start_load = load_average()
        header = preamble(package, source)
        print(f"timing, best of {args.repeat} ...", file=sys.stderr)
        rows = measure(args, papers)
    except InvalidRun as exc:
        print(f"INVALID RUN, no figures: {exc}", file=sys.stderr)
        return 2
    print("\n".join(header))
    print()
    print(render(rows))
    print(
        f"ratio: refcheck's time ÷ pdftotext's (for PDFs/s, pdftotext's rate ÷ refcheck's); "
        f"best of {args.repeat}; note: one more pass split by stage, ms/page"
    )
    print(
        f"load average (1 min): {start_load:.2f} at start, {load_average():.2f} at end, "
        f"on {os.cpu_count()} CPUs (others' jobs inflate the times; ratios hold up better)"
    )
    if args.csv:
        write_csv(rows, args.csv)
        print(f"rows written to {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
