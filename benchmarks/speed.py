"""How fast refcheck reads and checks PDFs, per page, next to pdftotext on the same files.

Run from the repository root::

    python benchmarks/speed.py [--repeat N] [--split dev|heldout|all] [--with-pdfplumber] [PDF...]

Per file, in one process, best of N passes over all the files (each file runs every tool once
per pass, in turn, so that a burst of load elsewhere hits every tool alike and spoils one pass, not
every run of a file):

* refcheck: ``check_document(path, Settings(offline=True))`` in process (reading, layout,
  extraction and the offline rules; no worker process);
* pdftotext: ``pdftotext -q FILE -`` as a subprocess, its output read through a pipe (so the
  time includes starting the process, which is what a user of pdftotext pays);
* pypdfium2 raw: open + for every page a textpage and ``get_text_range()``: the floor that
  refcheck's PDF backend cannot go under;
* pdfplumber (only with ``--with-pdfplumber``, it is slow): ``page.extract_words()`` on every page.

Then the whole selection through the CLI, best of N runs
(``refcheck check --offline --format json``), which adds interpreter start-up, the guarded
worker process and the JSON report. The peak RSS is ``ru_maxrss`` of this process, read before
pdfplumber runs.

This is a measurement, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import logging
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pypdfium2 as pdfium

from refcheck.config import Settings
from refcheck.pipeline import check_document

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
TARGET_RATIO = 2.0
LIMIT_RATIO = 5.0

T = TypeVar("T")


@dataclass
class Row:
    name: str
    path: Path
    pages: int
    refcheck_ms: float = float("inf")
    pdftotext_ms: float | None = None
    pdfium_ms: float = float("inf")
    pdfplumber_ms: float | None = None
    notes: list[str] = field(default_factory=list)


def corpus_files(split: str) -> list[tuple[str, Path]]:
    with (CORPUS / "pdfs.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        (row["id"], CORPUS / row["file"]) for row in rows if split == "all" or row["split"] == split
    ]


def page_count(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def timed(action: Callable[..., T], *args: object) -> tuple[float, T]:
    """Wall time of one call in milliseconds, and what it returned."""
    start = time.perf_counter()
    result = action(*args)
    return (time.perf_counter() - start) * 1000.0, result


def run_refcheck(path: Path) -> str | None:
    """Check one file in process; the error kind if refcheck refused it."""
    result = check_document(path, Settings(offline=True))
    return None if result.error is None else result.error.kind


def run_pdftotext(executable: str, path: Path) -> int:
    completed = subprocess.run(
        [executable, "-q", str(path), "-"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    return completed.returncode


def run_pdfium(path: Path) -> None:
    document = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        document.close()


def run_pdfplumber(path: Path) -> None:
    import pdfplumber

    # pdfminer logs every odd colour operator; that is noise here.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    with pdfplumber.open(path) as document:
        for page in document.pages:
            page.extract_words()
            page.close()


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def measure(rows: Sequence[Row], repeat: int, pdftotext: str | None) -> None:
    """Best of ``repeat`` passes over all files; each file runs every tool once, in turn.

    Passes rather than back-to-back repeats of one file: a burst of load from elsewhere on the
    machine then spoils one pass of a file, not all of its runs.
    """
    for row in rows:
        row.path.read_bytes()  # into the page cache, so the first tool timed is not billed for it
    for round_number in range(1, repeat + 1):
        print(f"  pass {round_number}/{repeat}", file=sys.stderr, flush=True)
        for row in rows:
            path = row.path
            elapsed, error = timed(run_refcheck, path)
            row.refcheck_ms = min(row.refcheck_ms, elapsed)
            note(row, f"refcheck error: {error}" if error else None)
            if pdftotext is not None:
                elapsed, status = timed(run_pdftotext, pdftotext, path)
                best = row.pdftotext_ms
                row.pdftotext_ms = elapsed if best is None else min(best, elapsed)
                note(row, f"pdftotext exit {status}" if status else None)
            elapsed, _ = timed(run_pdfium, path)
            row.pdfium_ms = min(row.pdfium_ms, elapsed)


def note(row: Row, text: str | None) -> None:
    if text and text not in row.notes:
        row.notes.append(text)


def measure_pdfplumber(rows: Sequence[Row], repeat: int) -> None:
    for round_number in range(1, repeat + 1):
        print(f"  pdfplumber pass {round_number}/{repeat}", file=sys.stderr, flush=True)
        for row in rows:
            elapsed, _ = timed(run_pdfplumber, row.path)
            best = row.pdfplumber_ms
            row.pdfplumber_ms = elapsed if best is None else min(best, elapsed)
            gc.collect()


@dataclass
class CliRun:
    wall_ms: float
    exit_code: int
    statuses: dict[str, int]


def refcheck_command() -> list[str]:
    executable = shutil.which("refcheck")
    return [executable] if executable else [sys.executable, "-m", "refcheck"]


def run_cli(paths: Sequence[Path]) -> CliRun:
    command = [*refcheck_command(), "check", "--offline", "--format", "json"]
    start = time.perf_counter()
    completed = subprocess.run(
        [*command, *map(str, paths)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    wall_ms = (time.perf_counter() - start) * 1000.0
    statuses: dict[str, int] = {}
    try:
        for document in json.loads(completed.stdout)["documents"]:
            status = str(document.get("status"))
            statuses[status] = statuses.get(status, 0) + 1
    except (ValueError, KeyError, TypeError):
        statuses["unparsable output"] = 1
    return CliRun(wall_ms=wall_ms, exit_code=completed.returncode, statuses=statuses)


def cli_startup_ms() -> float:
    command = [*refcheck_command(), "--version"]
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000.0


def per_page(ms: float | None, pages: int) -> str:
    return "-" if ms is None or pages == 0 else f"{ms / pages:.2f}"


def ratio(numerator: float, denominator: float | None) -> str:
    return "-" if not denominator else f"{numerator / denominator:.2f}×"


def render_table(rows: Sequence[Row], with_pdftotext: bool, with_pdfplumber: bool) -> str:
    header = ["file", "pages", "refcheck ms/pg", "pdftotext ms/pg", "ratio", "pdfium ms/pg"]
    if with_pdfplumber:
        header.append("pdfplumber ms/pg")
    if not with_pdftotext:
        header[3] = "pdftotext ms/pg (missing)"
    lines: list[list[str]] = []

    def add(
        name: str, pages: int, rc: float, p2t: float | None, raw: float, plb: float | None
    ) -> None:
        line = [name, str(pages), per_page(rc, pages), per_page(p2t, pages), ratio(rc, p2t)]
        line.append(per_page(raw, pages))
        if with_pdfplumber:
            line.append(per_page(plb, pages))
        lines.append(line)

    for row in rows:
        name = row.name + (" !" if row.notes else "")
        add(name, row.pages, row.refcheck_ms, row.pdftotext_ms, row.pdfium_ms, row.pdfplumber_ms)
    pages = sum(row.pages for row in rows)
    total_p2t = sum(row.pdftotext_ms or 0.0 for row in rows) if with_pdftotext and rows else None
    total_plb = sum(row.pdfplumber_ms or 0.0 for row in rows) if with_pdfplumber else None
    add(
        "TOTAL",
        pages,
        sum(row.refcheck_ms for row in rows),
        total_p2t,
        sum(row.pdfium_ms for row in rows),
        total_plb,
    )
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header))]

    def fmt(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    rule = "-" * len(fmt(["-" * w for w in widths]))
    body = [fmt(cells) for cells in lines[:-1]]
    return "\n".join([fmt(header), rule, *body, rule, fmt(lines[-1])])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("pdfs", nargs="*", type=Path, metavar="PDF", help="files (default: corpus)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument(
        "--split",
        choices=("dev", "heldout", "all"),
        default="dev",
        help="corpus split when no PDF is given (default dev)",
    )
    parser.add_argument(
        "--with-pdfplumber", action="store_true", help="also time pdfplumber (slow)"
    )
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end CLI run")
    args = parser.parse_args(argv)
    args.repeat = max(1, args.repeat)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.pdfs:
        files = [(path.stem, path) for path in args.pdfs]
        selection = f"{len(files)} file(s) from the command line"
    else:
        files = corpus_files(args.split)
        selection = f"corpus split {args.split!r} ({len(files)} files)"
    rows: list[Row] = []
    for name, path in files:
        try:
            rows.append(Row(name=name, path=path, pages=page_count(path)))
        except (OSError, pdfium.PdfiumError) as exc:
            print(f"skipped {path}: cannot open it ({exc})")
    if not rows:
        print("no readable PDF to measure")
        return 0

    pdftotext = shutil.which("pdftotext")
    print(
        f"refcheck speed: {selection}, best of {args.repeat}; Python {platform.python_version()}, "
        f"pypdfium2 {pdfium.version.PYPDFIUM_INFO}, {platform.machine()}"
    )
    if pdftotext is None:
        print("pdftotext is not installed (poppler-utils): its column and the ratio are skipped")

    load_start = load_average()
    run_refcheck(rows[0].path)  # warm up: lazy imports and compiled patterns, not timed
    rss_before = peak_rss_mb()
    print("timing refcheck, pdftotext and pypdfium2 ...", file=sys.stderr)
    measure(rows, args.repeat, pdftotext)
    rss_peak = peak_rss_mb()
    if args.with_pdfplumber:
        print("timing pdfplumber ...", file=sys.stderr)
        measure_pdfplumber(rows, args.repeat)

    print()
    print(render_table(rows, pdftotext is not None, args.with_pdfplumber))
    for row in rows:
        if row.notes:
            print(f"! {row.name}: {'; '.join(row.notes)}")

    pages = sum(row.pages for row in rows)
    total_refcheck = sum(row.refcheck_ms for row in rows)
    total_pdftotext = sum(row.pdftotext_ms or 0.0 for row in rows) if pdftotext else None
    print()
    print(
        f"memory: peak RSS of the in-process runs {rss_peak:.0f} MB "
        f"(after imports and one warm-up check: {rss_before:.0f} MB)"
    )
    if not args.no_cli:
        print("timing the CLI ...", file=sys.stderr)
        startup = cli_startup_ms()
        # Best of the same number of runs as the in-process passes: one run is at the mercy
        # of whatever else the machine does.
        cli = min(
            (run_cli([row.path for row in rows]) for _ in range(args.repeat)),
            key=lambda run: run.wall_ms,
        )
        statuses = ", ".join(f"{count} {status}" for status, count in sorted(cli.statuses.items()))
        line = (
            f"CLI end to end (refcheck check --offline --format json, {len(rows)} file(s), "
            f"best of {args.repeat}): "
            f"{cli.wall_ms / 1000:.2f} s = {cli.wall_ms / pages:.2f} ms/page"
        )
        if total_pdftotext:
            line += (
                f" vs pdftotext {total_pdftotext / pages:.2f} ms/page "
                f"({cli.wall_ms / total_pdftotext:.2f}×)"
            )
        print(line)
        print(
            f"  exit code {cli.exit_code}; documents: {statuses}; "
            f"CLI start-up alone (refcheck --version): {startup:.0f} ms"
        )
    load_end = load_average()
    if load_start is not None and load_end is not None:
        line = (
            f"load average (1 min): {load_start:.2f} at start, {load_end:.2f} at end, "
            f"on {os.cpu_count()} CPUs"
        )
        if load_start >= 0.5:
            line += "; other work was running before this started, so times may be inflated"
        print(line)
    print()
    target = f"target: refcheck ≤ {TARGET_RATIO:g}× pdftotext (limit {LIMIT_RATIO:g}×)"
    if total_pdftotext:
        measured = total_refcheck / total_pdftotext
        verdict = "PASS" if measured <= LIMIT_RATIO else "FAIL"
        aim = "target met" if measured <= TARGET_RATIO else f"{TARGET_RATIO:g}× target not met"
        print(
            f"{target}: measured {measured:.2f}× in process; "
            f"{verdict} against {LIMIT_RATIO:g}× ({aim})"
        )
    else:
        print(f"{target}: not evaluated, pdftotext is missing")
    return 0


if __name__ == "__main__":
    # A measurement, not a test: report a crash of the harness, but never fail the caller.
    try:
        main()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
    except Exception:
        traceback.print_exc()
    sys.exit(0)
