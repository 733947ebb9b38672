"""How the splitter of author-year lists copes with a wrapped line at the entry-start level.

    python benchmarks/stress_reference_split.py [--corpus ../shared/corpus] [--split dev]

A hanging-indent list is cut where a line stands at the left edge. When a wrapped line stands
there too (a column holding only the tail of one entry, a line the PDF draws a little to the
left), the entry falls in two. This moves each wrapped line of each entry, one at a time, to the
left edge of its entry's first line and splits the list again. A move is mended when the entries
come out as they did unmoved. Only dev PDFs by default: the held-out ones are for milestones.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refcheck.extract.references import find_reference_entries  # noqa: E402
from refcheck.pdf import Line, PdfText, load  # noqa: E402


def moved(pdf: PdfText, target: Line, x0: float) -> PdfText:
    """The document with one line shifted left to ``x0``, its words with it."""
    shift = x0 - target.x0
    shifted = replace(
        target,
        x0=x0,
        x1=target.x1 + shift,
        words=tuple(replace(w, x0=w.x0 + shift, x1=w.x1 + shift) for w in target.words),
    )
    pages = tuple(
        replace(page, lines=tuple(shifted if line is target else line for line in page.lines))
        if page.number == target.page
        else page
        for page in pdf.pages
    )
    return replace(pdf, pages=pages)


def stress(path: Path) -> tuple[int, int, list[str]] | None:
    """(moves, mended, examples of unmended moves), None for a numbered or missing list."""
    pdf = load(path, 1000)
    entries = find_reference_entries(pdf)
    if not entries or entries[0].label is not None:
        return None
    expected = [e.text for e in entries]
    moves = mended = 0
    failures: list[str] = []
    for entry in entries:
        first = entry.lines[0]
        for line in entry.lines[1:]:
            if line.x0 - first.x0 <= 3 or (line.page, line.column) != (first.page, first.column):
                continue
            moves += 1
            got = [e.text for e in find_reference_entries(moved(pdf, line, first.x0))]
            if got == expected:
                mended += 1
            else:
                failures.append(f"{line.text[:70]!r} (in {entry.text[:40]!r}…)")
    return moves, mended, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--failures", action="store_true", help="print the moves not mended")
    args = parser.parse_args()
    with (args.corpus / "pdfs.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if args.split in ("all", r["split"])]
    started = time.perf_counter()
    total_moves = total_mended = 0
    print(f"{'pdf':46} {'split':8} {'moves':>6} {'mended':>7}")
    for row in sorted(rows, key=lambda r: r["id"]):
        result = stress(args.corpus / row["file"])
        if result is None:
            continue
        moves, mended, failures = result
        total_moves, total_mended = total_moves + moves, total_mended + mended
        print(f"{row['id']:46} {row['split']:8} {moves:6d} {mended:7d}")
        if args.failures:
            for failure in failures:
                print(f"    not mended: {failure}")
    share = total_mended / total_moves if total_moves else 0.0
    print(f"\nall moves mended: {total_mended}/{total_moves} ({100 * share:.0f}%)")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
