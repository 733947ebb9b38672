"""What the speed benchmark times: refcheck in process, pdftotext, the PDFium floor."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks.speed_cli import ROOT, InvalidRun, child_env, is_under

# The floor of a CLI check: the interpreter starts, imports the PDF backend, reads the text.
PDFIUM_SCRIPT = """
import sys, pypdfium2 as pdfium
for name in sys.argv[1:]:
    document = pdfium.PdfDocument(name)
    for index in range(len(document)):
        document[index].get_textpage().get_text_range()
"""


def best_ms(action: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` calls, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, (time.perf_counter() - start) * 1000.0)
    return best


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def page_count(path: Path) -> int:
    try:
        document = pdfium.PdfDocument(str(path))
    except (OSError, pdfium.PdfiumError) as exc:
        raise InvalidRun(f"{path}: PDFium cannot open it ({exc})") from None
    try:
        return len(document)
    finally:
        document.close()


def pdftotext_path() -> str:
    found = shutil.which("pdftotext")
    if found is None:
        raise InvalidRun("pdftotext (poppler-utils) is not installed: nothing to compare with")
    return found


def run_pdftotext(path: Path, *options: str) -> None:
    command = [pdftotext_path(), "-q", *options, str(path), "-"]
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if completed.returncode != 0 or not completed.stdout.strip():
        raise InvalidRun(f"pdftotext {' '.join(options)} failed on {path}")


def run_pdftotext_all(paths: Sequence[Path], workers: int, *options: str) -> None:
    """pdftotext over ``paths``, ``workers`` processes at a time."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda path: run_pdftotext(path, *options), paths))


def run_pdfium(path: Path) -> None:
    """Open, and for every page a text page and its text: what the PDF backend cannot beat."""
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
    """pdfplumber's words on every page: the backend PDFium replaced (docs/design.md)."""
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # every odd colour operator is noise
    with pdfplumber.open(path) as document:
        for page in document.pages:
            page.extract_words()
            page.close()


def run_pdfium_process(paths: Sequence[Path]) -> None:
    command = [sys.executable, "-c", PDFIUM_SCRIPT, *map(str, paths)]
    completed = subprocess.run(command, env=child_env(), capture_output=True)
    if completed.returncode != 0:
        raise InvalidRun(f"the PDFium floor process failed: {completed.stderr[-300:]!r}")


def import_profile() -> str:
    """Where a check's start-up goes, from ``-X importtime`` (which inflates it) of
    ``import refcheck.cli`` (``--version`` imports none of it).

    The heaviest modules imported directly by the top-level ones, and the heaviest package
    that is not refcheck's: what a faster start-up would have to stop importing.
    """
    command = [sys.executable, "-X", "importtime", "-c", "import refcheck.cli"]
    completed = subprocess.run(command, env=child_env(), cwd=ROOT, capture_output=True, text=True)
    entries = []  # (cumulative ms, depth, module)
    for line in completed.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            depth = (len(name) - len(name.lstrip())) // 2
            entries.append((int(parts[1]) / 1000.0, depth, name.strip()))
    if not entries:
        return "import profile unavailable"
    total = sum(ms for ms, depth, _ in entries if depth == 0)
    inner = sorted((e for e in entries if e[1] == 1), reverse=True)[:3]
    outside = [
        e
        for e in sorted(entries, reverse=True)
        if not e[2].startswith("refcheck") and e not in inner
    ]
    heavy = [*inner, *outside[:1]]
    heaviest = ", ".join(f"{name} {ms:.0f}" for ms, _, name in heavy)
    return f"-X importtime (inflated): imports {total:.0f} ms; heaviest {heaviest}"


def run_python_bare() -> None:
    subprocess.run([sys.executable, "-c", "pass"], env=child_env(), check=True)


def run_cli_imports() -> None:
    """A fresh interpreter importing what ``refcheck check`` imports before any PDF work."""
    command = [sys.executable, "-c", "import refcheck.cli"]
    subprocess.run(command, env=child_env(), cwd=ROOT, check=True)


def in_process_checker(max_pages: int | None = None) -> Callable[[Path], None]:
    """``check_document`` offline, raising :class:`InvalidRun` for a file it could not read.

    ``max_pages`` raises the page budget, for long papers that must be checked, not refused.
    """
    import refcheck
    from refcheck.config import Settings
    from refcheck.pipeline import check_document

    if not is_under(Path(refcheck.__file__), ROOT):
        raise InvalidRun(f"in process, refcheck is {refcheck.__file__}, not this checkout's")
    settings = Settings(offline=True)
    if max_pages is not None:
        settings = replace(settings, max_pages=max(max_pages, settings.max_pages))

    def check(path: Path) -> None:
        result = check_document(path, settings)
        if result.error is not None:
            raise InvalidRun(f"{path}: refcheck could not check it ({result.error.kind})")

    return check


def stage_timer(max_pages: int) -> Callable[[Path], dict[str, float]] | str:
    """Per stage milliseconds of one offline check, or why they cannot be had.

    The stages are the pipeline's own functions; others may rename them while optimising, and
    then the breakdown is left out rather than the benchmark failing.
    """
    try:
        from refcheck.config import Settings
        from refcheck.extract.document import build_document
        from refcheck.link import link_citations
        from refcheck.pdf import load
        from refcheck.pipeline import run_rules
        from refcheck.rules import select_rules
    except ImportError as exc:
        return f"stages not timed: {exc}"
    settings = Settings(offline=True)
    settings = replace(settings, max_pages=max(max_pages, settings.max_pages))
    rules = [r for r in select_rules(settings.select, settings.ignore) if not r.needs_network]

    def stages(path: Path) -> dict[str, float]:
        times: dict[str, float] = {}
        start = time.perf_counter()
        text = load(path, settings.max_pages)
        times["read+layout"] = time.perf_counter() - start
        document = build_document(text)
        times["extract"] = time.perf_counter() - start - sum(times.values())
        linking = link_citations(document)
        times["link"] = time.perf_counter() - start - sum(times.values())
        run_rules(document, rules, linking)
        times["rules"] = time.perf_counter() - start - sum(times.values())
        return {name: seconds * 1000.0 for name, seconds in times.items()}

    return stages
