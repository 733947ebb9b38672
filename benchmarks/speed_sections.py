"""The sections of the speed table; each returns rows measured beside pdftotext in this run."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import longdoc
from benchmarks.speed_cli import run_check, run_version
from benchmarks.speed_measure import (
    best_ms,
    import_profile,
    in_process_checker,
    load_average,
    page_count,
    pdftotext_path,
    run_cli_imports,
    run_pdfium,
    run_pdfium_process,
    run_pdfplumber,
    run_pdftotext,
    run_pdftotext_all,
    run_python_bare,
    stage_timer,
)
from benchmarks.speed_table import Row, verdict

VERSION_TARGET_MS = 60.0
SMALL_CHECK_TARGET_MS = 150.0
IN_PROCESS_TARGET = 2.5
SUPERLINEAR = 1.5  # ms/page at a size over this times that of 10-50 pages is superlinear
SMALL_PAGES = 6  # papers of at most this many pages are "small"
CURVE_MAX_PAGES = 1000


@dataclass(frozen=True)
class Paper:
    path: Path
    pages: int


def progress(text: str) -> None:
    print(f"  {text} ...", file=sys.stderr, flush=True)


def startup(four_pages: Paper, repeat: int) -> list[Row]:
    """a. ``refcheck --version`` and a 4-page check through the CLI, each a fresh process."""
    progress("start-up")
    runs = max(5, repeat)
    pdftotext = pdftotext_path()
    version = best_ms(run_version, runs)
    p2t_version = best_ms(
        lambda: subprocess.run([pdftotext, "-v"], capture_output=True, check=True), runs
    )
    rows = [
        Row(
            "start-up",
            "refcheck --version / pdftotext -v",
            "ms",
            version,
            p2t_version,
            floor=best_ms(run_python_bare, runs),
            floor_of="python -c pass",
            target=f"≤ {VERSION_TARGET_MS:g} ms",
            verdict=verdict(version <= VERSION_TARGET_MS),
            load=load_average(),
        )
    ]
    path = four_pages.path
    check = best_ms(lambda: run_check([path]), runs)
    in_process = in_process_checker()
    in_process(path)  # the imports are counted in --version's row, not here
    work = best_ms(lambda: in_process(path), runs)
    imports = best_ms(run_cli_imports, runs)
    rows.append(
        Row(
            "start-up",
            f"check {four_pages.pages}-page {path.stem} / pdftotext -layout",
            "ms",
            check,
            best_ms(lambda: run_pdftotext(path, "-layout"), runs),
            floor=best_ms(lambda: run_pdfium_process([path]), runs),
            floor_of="python+pdfium",
            target=f"≤ {SMALL_CHECK_TARGET_MS:g} ms",
            verdict=verdict(check <= SMALL_CHECK_TARGET_MS),
            load=load_average(),
            note=f"{split_note(check, imports, work)}; {import_profile()}",
        )
    )
    return rows


def split_note(check: float, imports: float, work: float) -> str:
    """The 4-page check's wall time as Python with refcheck's imports + work in process + the
    rest (typer, the worker, rules and report)."""
    rest = check - imports - work
    # Three bests taken apart: under load the rest can come out below zero, i.e. within noise.
    tail = f"typer, worker and report {rest:.0f} ms" if rest >= 0 else "the rest within noise"
    return f"python + imports {imports:.0f} + check in process {work:.0f} ms + {tail}"


def best_per_paper(
    papers: Sequence[Paper], repeat: int, tools: dict[str, Callable[[Path], object]]
) -> list[dict[str, float]]:
    """Each tool's best time per paper.

    Passes over all the papers, each paper running every tool in turn, rather than back-to-back
    repeats: a burst of load from elsewhere then spoils one pass of a paper, not all its runs.
    """
    best = [dict.fromkeys(tools, float("inf")) for _ in papers]
    for number in range(repeat):
        progress(f"pass {number + 1}/{repeat} over {len(papers)} PDFs")
        for times, paper in zip(best, papers, strict=True):
            for name, tool in tools.items():
                elapsed = best_ms(lambda tool=tool, path=paper.path: tool(path), 1)
                times[name] = min(times[name], elapsed)
    return best


def best_per_file(
    papers: Sequence[Paper], repeat: int, tools: dict[str, Callable[[Path], object]]
) -> dict[str, float]:
    """Total over the papers of each tool's best time per paper."""
    best = best_per_paper(papers, repeat, tools)
    return {name: sum(times[name] for times in best) for name in tools}


def in_process(papers: Sequence[Paper], repeat: int, pdfplumber: bool = False) -> list[Row]:
    """b. ``check_document`` offline in this process, per page, beside pdftotext and PDFium."""
    progress("in process")
    check = in_process_checker()
    check(papers[0].path)  # imports and compiled patterns are start-up, not per-page cost
    totals = best_per_file(papers, repeat, {"refcheck": check, "pdftotext": run_pdftotext})
    totals["pdfium"] = best_per_file(papers, repeat, {"pdfium": run_pdfium})["pdfium"]
    pages = sum(paper.pages for paper in papers)
    note = ""
    if pdfplumber:
        progress("pdfplumber (slow)")
        slow = best_per_file(papers, repeat, {"pdfplumber": run_pdfplumber})["pdfplumber"]
        note = f"pdfplumber extract_words {slow / pages:.1f} ms/page"
    ratio = totals["refcheck"] / totals["pdftotext"]
    return [
        Row(
            "in process",
            f"check_document, {len(papers)} PDFs, {pages} pages / pdftotext",
            "ms/page",
            totals["refcheck"] / pages,
            totals["pdftotext"] / pages,
            floor=totals["pdfium"] / pages,
            floor_of="pdfium text",
            target=f"≤ {IN_PROCESS_TARGET:g}×",
            verdict=verdict(ratio <= IN_PROCESS_TARGET),
            load=load_average(),
            note=note,
        )
    ]


def cli_per_paper(papers: Sequence[Paper], repeat: int) -> list[Row]:
    """c. One ``refcheck check`` process per paper, small and large papers apart."""
    rows = []
    groups = {
        f"small (≤{SMALL_PAGES} pages)": [p for p in papers if p.pages <= SMALL_PAGES],
        f"large (>{SMALL_PAGES} pages)": [p for p in papers if p.pages > SMALL_PAGES],
    }
    tools: dict[str, Callable[[Path], object]] = {
        "refcheck": lambda path: run_check([path]),
        "pdftotext": lambda path: run_pdftotext(path, "-layout"),
        "floor": lambda path: run_pdfium_process([path]),
    }
    for name, group in groups.items():
        if not group:
            continue
        progress(f"CLI, {name}")
        totals = best_per_file(group, repeat, tools)
        pages = sum(paper.pages for paper in group)
        rows.append(
            Row(
                "CLI per paper",
                f"{name}: {len(group)} PDFs, {pages} pages / pdftotext -layout",
                "ms/page",
                totals["refcheck"] / pages,
                totals["pdftotext"] / pages,
                floor=totals["floor"] / pages,
                floor_of="python+pdfium",
                load=load_average(),
            )
        )
    return rows


def curve(styles: Sequence[str], sizes: Sequence[int], repeat: int) -> list[Row]:
    """d. ms/page of generated papers of 10 to 400 pages; flat, or flagged superlinear."""
    # The default page budget (400) would refuse the longest paper: it is raised, not hit.
    check, stages = in_process_checker(CURVE_MAX_PAGES), stage_timer(CURVE_MAX_PAGES)
    rows = []
    for style in styles:
        progress(f"page curve, {style} (typesetting once, then cached)")
        papers = [Paper(path, page_count(path)) for path in build_all(style, sizes)]
        check(papers[0].path)
        totals = best_per_paper(papers, repeat, curve_tools(check))
        per_page = [
            total["refcheck"] / paper.pages for total, paper in zip(totals, papers, strict=True)
        ]
        base = [value for size, value in zip(sizes, per_page, strict=True) if size <= 50]
        baseline = sum(base) / len(base) if base else per_page[0]
        for size, paper, total, value in zip(sizes, papers, totals, per_page, strict=True):
            row = Row(
                f"page curve, {style}",
                f"{size:>3} → {paper.pages} pages / pdftotext",
                "ms/page",
                value,
                total["pdftotext"] / paper.pages,
                floor=total["pdfium"] / paper.pages,
                floor_of="pdfium text",
                load=load_average(),
            )
            if size > 50:  # the factor on every longer paper, the verdict on the longest
                row.target = f"≤ {SUPERLINEAR:g}× 10–50 ({value / baseline:.2f}×)"
            if size == max(sizes):
                row.verdict = "PASS" if value <= SUPERLINEAR * baseline else "MISS superlinear"
            row.note = stage_note(stages, paper)
            rows.append(row)
    return rows


def curve_tools(check: Callable[[Path], None]) -> dict[str, Callable[[Path], object]]:
    return {"refcheck": check, "pdftotext": run_pdftotext, "pdfium": run_pdfium}


def build_all(style: str, sizes: Sequence[int]) -> list[Path]:
    return [longdoc.build(size, style) for size in sizes]


def stage_note(stages: Callable[[Path], dict[str, float]] | str, paper: Paper) -> str:
    """One untimed-by-the-table pass split by stage, in ms/page (where the time goes)."""
    if isinstance(stages, str):
        return stages
    split = stages(paper.path)
    return " ".join(f"{name} {ms / paper.pages:.1f}" for name, ms in split.items())


def batch(pdfs: Sequence[Path], repeat: int) -> list[Row]:
    """e. PDFs/s through the CLI with 1 and 2 workers, beside pdftotext 1 and 2 at a time."""
    rows = []
    for workers in (1, 2):
        progress(f"batch, {workers} worker(s)")
        refcheck = best_ms(lambda w=workers: run_check(pdfs, "--workers", str(w)), repeat)
        pdftotext = best_ms(lambda w=workers: run_pdftotext_all(pdfs, w, "-layout"), repeat)
        floor = best_ms(lambda: run_pdfium_process(pdfs), repeat) if workers == 1 else None
        rows.append(
            Row(
                "batch",
                f"--workers {workers}, {len(pdfs)} PDFs / pdftotext -layout ×{workers}",
                "PDFs/s",
                1000.0 * len(pdfs) / refcheck,
                1000.0 * len(pdfs) / pdftotext,
                floor=None if floor is None else 1000.0 * len(pdfs) / floor,
                floor_of="python+pdfium",
                target="beside pdftotext",
                load=load_average(),
            )
        )
    return rows
