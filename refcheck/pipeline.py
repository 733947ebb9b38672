"""Runs the stages for one document, and for many, each file in a guarded worker process.

A PDF can make a parser spin or eat memory, and PDFium is C code that Python cannot interrupt,
so every file is read in a child process with a time budget and a memory limit. A file that
overruns them, or crashes the parser, becomes an error result; the batch goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import cast

from refcheck.config import Settings
from refcheck.errors import (
    BudgetExceededError,
    InputNotFoundError,
    InternalError,
    NoPdfError,
    ParserCrashError,
    PdfError,
    RefcheckError,
)
from refcheck.extract.document import build_document
from refcheck.health import assess, step_down_notes
from refcheck.link import cites_by_notes, link_citations, linking_is_trustworthy
from refcheck.model import (
    Document,
    DocumentResult,
    Finding,
    InputError,
    Linking,
    Report,
    Resolutions,
    Skipped,
)
from refcheck.pdf import PdfText, damaged_pages_phrase, load
from refcheck.policy import apply_policy
from refcheck.readers import read_source, sniff_kind
from refcheck.resolve import resolve_documents
from refcheck.rules import Rule, RuleInput, select_rules

# connection.wait() may wake a little before its timeout; a worker that close to its deadline
# has overrun it (otherwise a file taking just the budget would get a second chance).
WAKE_SLACK_SECONDS = 0.01
# A worker whose pipe closed is exiting; this long is allowed for its exit status to arrive.
DEATH_WAIT_SECONDS = 5.0
# How often a worker checks that its parent is still alive (seconds).
PARENT_CHECK_SECONDS = 0.5
# The worker's address space is capped where the platform allows it (RLIMIT_AS on Linux).
MEMORY_IS_LIMITED = sys.platform.startswith("linux")

# Called after each file with (files done, files in all, the file's path).
Progress = Callable[[int, int, str], None]


def extract_document(path: Path, settings: Settings) -> Document:
    """Read one file and extract what it says; raises :class:`RefcheckError` on bad input."""
    kind = sniff_kind(path)
    if kind != "pdf":
        return read_source(path, kind)
    return build_document(load(path, settings.max_pages))


def run_rules(
    document: Document,
    rules: Sequence[type[Rule]],
    linking: Linking | None = None,
    resolutions: Resolutions | None = None,
) -> tuple[Finding, ...]:
    """Run the rules on a document, its linking (linked here when not given) and resolutions."""
    data = RuleInput(
        document,
        linking if linking is not None else link_citations(document),
        resolutions if resolutions is not None else Resolutions(),
    )
    findings = [finding for rule in rules for finding in rule().check(data)]
    return tuple(sorted(findings, key=Finding.sort_key))


def read_document(path: Path, settings: Settings) -> DocumentResult:
    """Extract and link one file (no rules); every failure becomes an error result."""
    try:
        kind = sniff_kind(path)
        if kind != "pdf":
            document = read_source(path, kind)
            return DocumentResult(
                path=str(path), document=document, linking=link_citations(document)
            )
        text = load(path, settings.max_pages)
        document = build_document(text)
        return DocumentResult(
            path=str(path),
            document=document,
            linking=link_citations(document),
            skipped=_damaged_pages_note(text),
            damaged_pages=text.damaged_pages,
        )
    except RefcheckError as exc:
        return _error(path, exc)
    except MemoryError:
        return _error(path, _over_memory(path, settings))
    except Exception as exc:  # a bug or a parser failure must not end the batch
        detail = traceback.format_exc() if settings.debug else f"{type(exc).__name__}: {exc}"
        return _error(path, InternalError(f"{path}: refcheck failed on this file ({detail})"))


def apply_rules(
    result: DocumentResult,
    rules: Sequence[type[Rule]],
    resolutions: Resolutions | None = None,
) -> DocumentResult:
    """The result with the rules' findings and the checks that could not be made."""
    if result.document is None:
        return result
    resolved = resolutions if resolutions is not None else Resolutions()
    return replace(
        result,
        findings=run_rules(result.document, rules, result.linking, resolved),
        skipped=(
            *result.skipped,
            *_skipped_checks(result.document, result.linking, rules),
            *resolved.skipped,
        ),
        resolutions=resolved,
    )


def check_document(path: Path, settings: Settings) -> DocumentResult:
    """Extract and check one file offline, in this process (the benchmarks' unit of work)."""
    result = read_document(path, settings)
    selected = select_rules(settings.select, settings.ignore) if settings.run_rules else []
    return apply_policy(apply_rules(result, [r for r in selected if not r.needs_network]), settings)


def _skipped_checks(
    document: Document, linking: Linking, rules: Sequence[type[Rule]]
) -> Iterator[Skipped]:
    """Say which selected checks could not be made on this document, or were made only as
    info, and why."""
    health = assess(document, linking)
    selected = {r.code for r in rules}
    codes = selected & {"CIT001", "CIT002"}
    if not codes or linking_is_trustworthy(document, linking):
        yield from step_down_notes(health, selected)
        return
    if not document.references:
        reason = "no reference list was found"
    elif cites_by_notes(document):
        reason = (
            f"the paper cites in footnotes or endnotes ({document.note_markers} note marks), "
            "which are not linked to the reference list, so unmatched citations and uncited "
            "references are not reported"
        )
    else:
        reason = (
            "most citations match no reference: the reference list was probably not read "
            "correctly, so unmatched citations and uncited references are not reported"
        )
    if health.incomplete:
        reason = f"{health.incomplete}; {reason}"
    yield Skipped(", ".join(sorted(codes)), reason)
    yield from step_down_notes(health, selected - codes)


def _damaged_pages_note(text: PdfText) -> tuple[Skipped, ...]:
    if not text.damaged_pages:
        return ()
    phrase = damaged_pages_phrase(text.damaged_pages, len(text.pages))
    reason = f"{phrase} damaged and could not be read; the rest of the document was checked"
    return (Skipped("pages", reason),)


def _error(path: Path, error: RefcheckError) -> DocumentResult:
    return DocumentResult(path=str(path), document=None, error=InputError(error.kind, str(error)))


def find_pdfs(paths: Iterable[Path]) -> Iterator[Path | DocumentResult]:
    """The files named, in input order, whatever their kind (a .bib, .tex, .xml or .docx is read
    by its reader); directories are searched recursively for PDFs only, as before source files
    could be read: a folder of LaTeX sources holds .bib and .tex files that are not papers."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
            if not found:
                yield _error(path, NoPdfError(f"{path}: no PDF files in this directory"))
            yield from found
        elif path.is_file():
            yield path
        else:
            yield _error(path, InputNotFoundError(f"{path}: no such file or directory"))


def check_paths(
    paths: Sequence[Path],
    settings: Settings,
    progress: Progress | None = None,
    *,
    online_bar: bool | None = None,
) -> Report:
    """Read every file in guarded workers, resolve them together, then run the rules.

    ``progress`` is told of each file read; a caller that passes it (the CLI on a terminal)
    gets the online stage's progress bar as well, unless ``online_bar`` is False (a service,
    whose stderr is its log): the library draws nothing.
    """
    rules = select_rules(settings.select, settings.ignore) if settings.run_rules else []
    read = read_inputs(list(find_pdfs(paths)), settings, progress)
    if not settings.run_rules:
        return Report(documents=tuple(read))
    online = any(rule.needs_network for rule in rules)
    documents = [r.document for r in read if r.document is not None]
    # A caller that shows progress (the CLI, on a terminal) gets the online bar too.
    shown = progress is not None if online_bar is None else online_bar
    resolved = iter(resolve_documents(documents, settings, shown) if online else [])
    results = [
        apply_rules(r, rules, next(resolved) if online and r.document is not None else None)
        for r in read
    ]
    return Report(documents=tuple(apply_policy(r, settings) for r in results))


def read_inputs(
    items: Sequence[Path | DocumentResult], settings: Settings, progress: Progress | None = None
) -> list[DocumentResult]:
    """Read the files here (:func:`read_all`), or on the Dask cluster at ``settings.scheduler``
    (:mod:`refcheck.cluster`, imported only then: Dask is an optional extra)."""
    if settings.scheduler:
        from refcheck.cluster import read_on_cluster

        return read_on_cluster(items, settings, progress)
    return read_all(items, settings, progress)


def read_all(
    items: Sequence[Path | DocumentResult], settings: Settings, progress: Progress | None = None
) -> list[DocumentResult]:
    """Read the files with ``settings.workers`` guarded workers; results in input order.

    One parent thread waits on all workers' pipes at once, so a slow file holds up only its
    own worker, and each worker keeps its own time budget and memory limit.
    """
    results: list[DocumentResult | None] = [
        item if isinstance(item, DocumentResult) else None for item in items
    ]
    waiting = deque(i for i, item in enumerate(items) if not isinstance(item, DocumentResult))
    done = 0

    def finished(result: DocumentResult) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(items), result.path)

    for known in results:
        if known is not None:
            finished(known)
    workers = [GuardedWorker(settings) for _ in range(max(1, min(settings.workers, len(waiting))))]
    busy: dict[GuardedWorker, int] = {}
    with contextlib.ExitStack() as stack:
        for worker in workers:
            stack.enter_context(worker)
        while waiting or busy:
            for worker in workers:
                if worker not in busy and waiting:
                    busy[worker] = waiting.popleft()
                    worker.submit(cast(Path, items[busy[worker]]))
            ready = wait_for_workers(list(busy))
            for worker in list(busy):
                result = worker.collect(ready=worker in ready)
                if result is not None:
                    results[busy.pop(worker)] = result
                    finished(result)
    return [r for r in results if r is not None]


def wait_for_workers(workers: Sequence[GuardedWorker]) -> set[GuardedWorker]:
    """The workers with an answer, waiting at most until the first deadline."""
    by_connection = {w.connection: w for w in workers if w.connection is not None}
    timeout = max(0.0, min(w.deadline for w in workers) - time.monotonic())
    ready = multiprocessing.connection.wait(list(by_connection), timeout)
    return {by_connection[cast(Connection, c)] for c in ready}


def _worker_main(connection: Connection, settings: Settings) -> None:
    _exit_with_parent()
    _limit_memory(settings.memory_mb)
    while True:
        path = connection.recv()
        if path is None:
            return
        try:
            connection.send(read_document(path, settings))
        except MemoryError:  # the result itself did not fit in the budget to be sent
            connection.send(_error(path, _over_memory(path, settings)))


def _exit_with_parent() -> None:
    """End this worker when its parent is gone. A forked worker holds a copy of the parent's
    end of the pipe, so a parent killed outright (SIGKILL, the out-of-memory killer, a lost
    Dask worker) is no end-of-file here: without this the worker would wait for ever."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="refcheck-parent-watch", daemon=True).start()


def _over_memory(path: Path, settings: Settings) -> BudgetExceededError:
    return BudgetExceededError(
        f"{path}: reading it needed more than {settings.memory_mb} MB (--memory-mb)"
    )


def _limit_memory(megabytes: int) -> None:
    if MEMORY_IS_LIMITED:
        import resource

        limit = megabytes * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


class GuardedWorker:
    """One child process that reads files in turn; replaced when it overruns or dies.

    ``submit`` hands it a file, ``collect`` takes the result or declares the budget spent;
    :func:`read_all` drives several at once.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # fork starts a worker in milliseconds; spawn is the portable fallback.
        forkable = "fork" in multiprocessing.get_all_start_methods()
        self.context = (
            multiprocessing.get_context("fork")
            if forkable
            else multiprocessing.get_context("spawn")
        )
        self.process: BaseProcess | None = None
        self.connection: Connection | None = None
        self.path: Path | None = None  # the file being read
        self.deadline = 0.0  # time.monotonic() by which it must answer

    def __enter__(self) -> GuardedWorker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _start(self) -> Connection:
        if self.connection is None:
            parent, child = self.context.Pipe()
            self.process = self.context.Process(
                target=_worker_main, args=(child, self.settings), daemon=True
            )
            self.process.start()
            child.close()
            self.connection = parent
        return self.connection

    def submit(self, path: Path) -> None:
        """Hand the worker a file; its time budget starts now."""
        self.path = path
        self.deadline = time.monotonic() + self.settings.timeout
        self._start().send(path)

    def collect(self, ready: bool) -> DocumentResult | None:
        """The result when the worker answered or overran its budget; otherwise None."""
        path, connection = self.path, self.connection
        if path is None or connection is None:
            raise RuntimeError("collect() before submit()")
        if ready:
            try:
                result: DocumentResult = connection.recv()
                self.path = None
                return result
            except (EOFError, OSError):
                return _error(path, self._death(path))
        if time.monotonic() < self.deadline - WAKE_SLACK_SECONDS:
            return None
        self._stop()
        return _error(
            path,
            BudgetExceededError(
                f"{path}: reading took longer than {self.settings.timeout:g} s (--timeout); "
                "the file may be hostile or damaged"
            ),
        )

    def _death(self, path: Path) -> PdfError:
        """Why the worker died. PDFium aborts (SIGABRT) when an allocation fails, and under the
        memory limit that is the budget running out; any other death is a crash."""
        exitcode = None
        if self.process is not None:
            self.process.join(timeout=DEATH_WAIT_SECONDS)  # it has closed its pipe: exiting
            exitcode = self.process.exitcode
        self._stop()
        if exitcode == -signal.SIGABRT and MEMORY_IS_LIMITED:
            return BudgetExceededError(
                f"{path}: reading it needed more than {self.settings.memory_mb} MB "
                "(--memory-mb): the PDF parser ran out of memory"
            )
        return ParserCrashError(
            f"{path}: the PDF parser crashed on this file (exit status {exitcode}); the file "
            "may be damaged or hostile"
        )

    def _stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
        if self.connection is not None:
            self.connection.close()
        self.process = self.connection = None
        self.path = None

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(OSError):
                self.connection.send(None)
        if self.process is not None:
            self.process.join(timeout=5)
        self._stop()
