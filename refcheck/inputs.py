"""What ``refcheck check`` reads and writes, settled before the first PDF is read.

- ``-`` among the paths is one PDF read from standard input, reported as ``<stdin>``.
- A file named twice, or named and also found in a directory that is named, is checked once,
  under its first name; files are compared by resolved path (symbolic links, ``./``, ``..``).
- Every file the run will write (``--output``, each ``--report FORMAT=PATH``,
  ``--write-baseline``) is checked first: missing parent folders are created, and a destination
  that cannot be written is a usage error, so a long run never ends in "cannot write".
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from refcheck.errors import UsageError
from refcheck.model import DocumentResult, Report
from refcheck.pipeline import find_pdfs

STDIN_ARG = "-"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class ReportTarget:
    """One ``--report FORMAT=PATH``: a further report of the same run, written to a file."""

    fmt: str
    path: Path


def parse_report_targets(values: Iterable[str], formats: Sequence[str]) -> list[ReportTarget]:
    """``sarif=refcheck.sarif`` → ``ReportTarget("sarif", Path("refcheck.sarif"))``."""
    targets = []
    for value in values:
        fmt, equals, path = value.partition("=")
        fmt = fmt.strip().lower()
        if not equals or not fmt or not path:
            raise UsageError(f"--report {value!r}: expected FORMAT=PATH, e.g. sarif=refcheck.sarif")
        if fmt not in formats:
            raise UsageError(
                f"--report {value!r}: unknown format {fmt!r} (choose from {', '.join(formats)})"
            )
        targets.append(ReportTarget(fmt, Path(path)))
    return targets


def prepare_destinations(paths: Iterable[Path]) -> None:
    """Create the missing parent folders of every file to be written; a file named twice, a
    folder, or a parent that cannot be created or written is a :class:`UsageError`."""
    seen: set[Path] = set()
    for path in paths:
        if path.resolve() in seen:
            raise UsageError(f"{path}: named twice as a file to write; give each report its own")
        seen.add(path.resolve())
        if path.is_dir():
            raise UsageError(f"{path}: is a folder; name a file to write to")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                f"{path}: cannot create its folder {path.parent} ({exc.strerror})"
            ) from exc
        if not os.access(path.parent, os.W_OK):
            raise UsageError(f"{path}: its folder {path.parent} is not writable")


@dataclass(frozen=True)
class Inputs:
    """The files to check, each once; ``stdin`` is the temporary copy of standard input."""

    paths: tuple[Path, ...]
    stdin: Path | None = None

    def named(self, report: Report) -> Report:
        """The report with the copy of standard input called ``<stdin>``, as the user knows it."""
        if self.stdin is None:
            return report
        copy = str(self.stdin)
        return replace(report, documents=tuple(_renamed(d, copy) for d in report.documents))


@contextmanager
def checked_inputs(paths: Sequence[Path], stdin: BinaryIO) -> Iterator[Inputs]:
    """The inputs of one run; standard input, when named, is copied to a temporary file that
    lives as long as the context (the guarded workers read files by path)."""
    if not any(str(path) == STDIN_ARG for path in paths):
        yield Inputs(unique_paths(paths))
        return
    if stdin.isatty():
        raise UsageError(f"{STDIN_ARG}: standard input is a terminal; pipe a PDF in (- < a.pdf)")
    with tempfile.TemporaryDirectory(prefix="refcheck-") as folder:
        copy = Path(folder) / "stdin.pdf"
        with copy.open("wb") as out:
            shutil.copyfileobj(stdin, out)
        yield Inputs(unique_paths([copy if str(p) == STDIN_ARG else p for p in paths]), copy)


def unique_paths(paths: Iterable[Path]) -> tuple[Path, ...]:
    """The PDFs the paths name, directories expanded, each file once under its first name.

    A path that names nothing to read (missing, a folder without PDFs) is kept as given, so
    the run reports it as before.
    """
    seen: set[Path] = set()
    unique = []
    for item in find_pdfs(paths):
        path = Path(item.path) if isinstance(item, DocumentResult) else item
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append(path)
    return tuple(unique)


def _renamed(result: DocumentResult, copy: str) -> DocumentResult:
    if result.path != copy:
        return result
    document = result.document and replace(result.document, path=STDIN_NAME)
    error = result.error and replace(
        result.error, message=result.error.message.replace(copy, STDIN_NAME)
    )
    return replace(result, path=STDIN_NAME, document=document, error=error)
