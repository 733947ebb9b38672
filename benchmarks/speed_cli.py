"""The refcheck CLI of this checkout, run so that its timings cannot lie.

* The command is ``[sys.executable, "-m", "refcheck"]`` with this checkout first on
  ``PYTHONPATH``: a ``refcheck`` shim elsewhere on ``PATH`` is never timed (issue 15).
  :func:`verify_checkout` asks a child started the same way where ``refcheck`` lives.
* Bytecode is compiled once, before any timing, and children may write it:
  ``PYTHONDONTWRITEBYTECODE`` is removed from their environment (it made every run recompile
  every module).
* Every run's JSON report is parsed and checked (:func:`validate_report`): a run that did not
  produce one valid document per PDF raises :class:`InvalidRun`, it is never a figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFCHECK = (sys.executable, "-m", "refcheck")
# Exit 0 whatever the findings; 2 still means an input could not be checked.
CHECK = (*REFCHECK, "check", "--offline", "--format", "json", "--fail-on", "never")


class InvalidRun(Exception):
    """A run that produced no valid report: the benchmark must stop, not print a time."""


def child_env(parent: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of every timed child: this checkout first on the path, bytecode allowed."""
    env = dict(os.environ if parent is None else parent)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    rest = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(ROOT) if not rest else os.pathsep.join([str(ROOT), rest])
    return env


def is_under(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def verify_checkout() -> Path:
    """The refcheck package the children import; :class:`InvalidRun` unless it is this one."""
    completed = subprocess.run(
        [sys.executable, "-c", "import refcheck; print(refcheck.__file__)"],
        env=child_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise InvalidRun(f"cannot import refcheck in a child: {completed.stderr.strip()}")
    package = Path(completed.stdout.strip())
    if not is_under(package, ROOT):
        raise InvalidRun(f"the CLI would run {package}, which is not under this checkout {ROOT}")
    return package


def compile_once() -> None:
    """Write the checkout's bytecode before timing, with the interpreter the children use."""
    command = [sys.executable, "-m", "compileall", "-q", str(ROOT / "refcheck")]
    completed = subprocess.run(command, env=child_env(), capture_output=True, text=True)
    if completed.returncode != 0:
        raise InvalidRun(f"compileall failed: {completed.stdout}{completed.stderr}".strip())


def validate_report(stdout: bytes | str, paths: Sequence[Path]) -> int:
    """The number of documents in a valid report of ``paths``; :class:`InvalidRun` otherwise.

    Valid: JSON of schema ``refcheck/1`` with exactly one document per path given, each with
    status ``ok`` (an ``error`` status is a file refcheck could not read or crashed on).
    """
    try:
        report = json.loads(stdout)
    except ValueError as exc:
        raise InvalidRun(f"the report is not JSON ({exc})") from None
    if not isinstance(report, dict) or report.get("schema") != "refcheck/1":
        raise InvalidRun("the output is not a refcheck/1 JSON report")
    documents = report.get("documents")
    if not isinstance(documents, list) or len(documents) != len(paths):
        count = len(documents) if isinstance(documents, list) else "no"
        raise InvalidRun(f"the report has {count} documents for {len(paths)} PDFs")
    expected = sorted(str(path) for path in paths)
    found = sorted(str(d.get("path")) if isinstance(d, dict) else "?" for d in documents)
    if found != expected:
        raise InvalidRun("the report's documents are not the PDFs given")
    for document in documents:
        if document.get("status") != "ok":
            error = document.get("error") or {}
            kind = error.get("kind") if isinstance(error, dict) else error
            raise InvalidRun(f"{document.get('path')}: status {document.get('status')} ({kind})")
    return len(documents)


def run_check(paths: Sequence[Path], *options: str) -> float:
    """Wall milliseconds of one validated ``refcheck check`` of ``paths`` in a fresh process."""
    command = [*CHECK, *options, *map(str, paths)]
    start = time.perf_counter()
    completed = subprocess.run(command, env=child_env(), cwd=ROOT, capture_output=True)
    wall = (time.perf_counter() - start) * 1000.0
    if completed.returncode != 0:
        tail = completed.stderr.decode(errors="replace").strip()[-500:]
        raise InvalidRun(f"refcheck check exited {completed.returncode}: {tail}")
    validate_report(completed.stdout, paths)
    return wall


def run_version() -> float:
    """Wall milliseconds of ``refcheck --version``; :class:`InvalidRun` unless it printed one."""
    start = time.perf_counter()
    completed = subprocess.run(
        [*REFCHECK, "--version"], env=child_env(), cwd=ROOT, capture_output=True, text=True
    )
    wall = (time.perf_counter() - start) * 1000.0
    if completed.returncode != 0 or not completed.stdout.startswith("refcheck "):
        raise InvalidRun(f"refcheck --version printed {completed.stdout!r} {completed.stderr!r}")
    return wall
