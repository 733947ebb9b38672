"""Bad input gets a clear one-line error, status "error" and exit 2; the rest of a batch is kept.

Every test runs the real command line in a subprocess, on files written by ``badpdfs.py``.
"""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

try:  # tests/ is a package when tests/__init__.py exists, a plain directory otherwise
    from tests.badpdfs import GOOD_DOI, build_bad_pdfs
except ModuleNotFoundError:
    from badpdfs import GOOD_DOI, build_bad_pdfs  # type: ignore[no-redef]

EXIT_INPUT_ERROR = 2
GOOD_METADATA = {"volume": "3", "issue": "2", "year": "2020", "doi": GOOD_DOI}


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def report(self) -> dict[str, Any]:
        report: dict[str, Any] = json.loads(self.stdout)
        return report

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


def run_command(command: list[str], timeout: float = 60) -> Run:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - start)


def refcheck(*args: str | Path) -> Run:
    return run_command([sys.executable, "-m", "refcheck", "check", *map(str, args)])


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_bad_pdfs(tmp_path_factory.mktemp("badpdfs"))


def assert_refused(run: Run, path: Path, kind: str, hints: tuple[str, ...]) -> dict[str, Any]:
    """One file refused: exit 2, one stderr line naming it, status error of ``kind`` in JSON."""
    assert run.returncode == EXIT_INPUT_ERROR, run.stderr
    assert "Traceback" not in run.stderr
    assert len(run.stderr_lines) == 1, run.stderr
    assert str(path) in run.stderr_lines[0]
    documents: list[dict[str, Any]] = run.report["documents"]
    (document,) = documents
    assert document["path"] == str(path)
    assert document["status"] == "error"
    assert document["error"]["kind"] == kind, document["error"]
    message = document["error"]["message"]
    assert str(path) in message
    assert "\n" not in message
    assert message in run.stderr_lines[0]
    for hint in hints:
        assert hint.lower() in message.lower(), f"{hint!r} not in {message!r}"
    assert document["metadata"] is None
    assert run.report["summary"]["input_errors"] == 1
    return document


# file name -> (error kind, words the message must contain: the cause and what to do)
REFUSED = {
    "empty": ("empty-file", ("empty", "0 bytes")),
    "not_a_pdf": ("not-a-pdf", ("not a pdf", "file type")),
    "corrupt": ("corrupt", ("damaged",)),
    "truncated": ("corrupt", ("truncated", "complete copy")),
    "encrypted_user_password": ("encrypted", ("password", "decrypt")),
    "image_only": ("no-text-layer", ("no text layer", "OCR")),
    "huge_600_pages": ("budget-exceeded", ("600 pages", "--max-pages")),
}


@pytest.mark.parametrize(
    "name",
    list(REFUSED),
    ids=[
        "empty-file",
        "png-saved-as-pdf",
        "garbage-objects-and-xref",
        "first-half-of-a-pdf",
        "needs-user-password",
        "scanned-pages-without-text-suggest-ocr",
        "600-pages-over-default-page-budget",
    ],
)
def test_unreadable_file_gets_one_line_error_naming_it_and_exit_2(
    pdfs: dict[str, Path], name: str
) -> None:
    kind, hints = REFUSED[name]
    assert_refused(refcheck(pdfs[name], "--format", "json"), pdfs[name], kind, hints)


def test_file_that_makes_the_parser_spin_is_stopped_by_the_time_budget(
    pdfs: dict[str, Path],
) -> None:
    run = refcheck(pdfs["spin"], "--format", "json", "--timeout", "2")
    assert_refused(run, pdfs["spin"], "budget-exceeded", ("2 s", "--timeout"))
    assert run.seconds < 30, f"took {run.seconds:.1f} s with --timeout 2"


def test_600_pages_are_checked_when_the_page_budget_is_raised(pdfs: dict[str, Path]) -> None:
    run = refcheck(pdfs["huge_600_pages"], "--format", "json", "--max-pages", "1000")
    assert run.returncode in (0, 1), run.stderr
    assert "error" not in run.stderr
    (document,) = run.report["documents"]
    assert document["status"] == "ok"
    assert document["error"] is None
    assert document["pages"] == 600


def test_pdf_encrypted_with_empty_user_password_is_checked_normally(
    pdfs: dict[str, Path],
) -> None:
    run = refcheck(pdfs["encrypted_owner_only"], "--format", "json")
    assert run.returncode in (0, 1), run.stderr
    assert run.stderr == ""
    (document,) = run.report["documents"]
    assert document["status"] == "ok"
    assert document["pages"] == 2
    assert {key: document["metadata"][key] for key in GOOD_METADATA} == GOOD_METADATA


# The batch: good files around every bad one, the spinning file before two good ones so that
# the worker replaced after the timeout has to do real work.
BATCH = [
    "good",
    "empty",
    "not_a_pdf",
    "corrupt",
    "truncated",
    "encrypted_user_password",
    "spin",
    "encrypted_owner_only",
    "image_only",
    "huge_600_pages",
]
BATCH_ERRORS = {name: kind for name, (kind, _) in REFUSED.items()} | {"spin": "budget-exceeded"}


def test_batch_with_bad_files_still_checks_and_reports_the_good_ones_in_full(
    pdfs: dict[str, Path],
) -> None:
    paths = [pdfs[name] for name in BATCH]
    run = refcheck(*paths, "--format", "json", "--timeout", "3")
    assert run.returncode == EXIT_INPUT_ERROR
    assert run.seconds < 30, f"batch took {run.seconds:.1f} s"

    documents = run.report["documents"]
    assert [d["path"] for d in documents] == [str(p) for p in paths]
    for name, document in zip(BATCH, documents, strict=True):
        if name in BATCH_ERRORS:
            assert document["status"] == "error", name
            assert document["error"]["kind"] == BATCH_ERRORS[name], document["error"]
            assert document["metadata"] is None
        else:
            assert document["status"] == "ok", document["error"]
            assert document["error"] is None
            assert document["pages"] == 2
            metadata = {key: document["metadata"][key] for key in GOOD_METADATA}
            assert metadata == GOOD_METADATA, name
    summary = run.report["summary"]
    assert summary["documents"] == len(BATCH)
    assert summary["input_errors"] == len(BATCH_ERRORS)

    # stderr: one line per refused file, in input order, each naming its file
    assert "Traceback" not in run.stderr
    refused = [pdfs[name] for name in BATCH if name in BATCH_ERRORS]
    assert len(run.stderr_lines) == len(refused), run.stderr
    for line, path in zip(run.stderr_lines, refused, strict=True):
        assert str(path) in line


def test_debug_adds_no_traceback_to_an_expected_input_error(pdfs: dict[str, Path]) -> None:
    run = refcheck(pdfs["corrupt"], "--format", "json", "--debug")
    assert run.returncode == EXIT_INPUT_ERROR
    assert "Traceback" not in run.stderr
    assert str(pdfs["corrupt"]) in run.stderr_lines[0]
    (document,) = run.report["documents"]
    assert document["error"]["kind"] == "corrupt"


# A bug in refcheck itself, injected into the worker (forked, so it inherits the patch).
FAILING_EXTRACTOR = textwrap.dedent(
    """
    import sys
    import refcheck.pipeline

    def broken_extractor(*args, **kwargs):
        raise RuntimeError("injected failure")

    refcheck.pipeline.build_document = broken_extractor
    from refcheck.cli import main

    sys.argv = ["refcheck", "check", *sys.argv[1:]]
    main()
    """
)


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the injected failure reaches the worker only when it is forked",
)
def test_internal_error_is_one_line_and_shows_a_traceback_only_with_debug(
    pdfs: dict[str, Path],
) -> None:
    command = [sys.executable, "-c", FAILING_EXTRACTOR, str(pdfs["good"]), "--format", "json"]

    plain = run_command(command)
    assert plain.returncode == EXIT_INPUT_ERROR
    assert "Traceback" not in plain.stderr
    assert len(plain.stderr_lines) == 1, plain.stderr
    assert str(pdfs["good"]) in plain.stderr_lines[0]
    (document,) = plain.report["documents"]
    assert document["status"] == "error"
    assert document["error"]["kind"] == "internal"

    debug = run_command([*command, "--debug"])
    assert debug.returncode == EXIT_INPUT_ERROR
    assert "Traceback" in debug.stderr
    assert "injected failure" in debug.stderr
