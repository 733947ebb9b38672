"""The contract "`refcheck schema` validates every report the test suite produces", enforced.

``ReportContract`` validates each JSON document tagged ``"schema": "refcheck/1"`` (the report)
or ``"refcheck-extract/1"`` (the extract document) that it is shown against the schema
``refcheck schema`` or ``refcheck schema extract`` prints. It is
shown what the suite produces at three points, none of them a stand-in for refcheck's code:

- the DEBUG record ``refcheck.report.json_report`` logs with every report it renders (API calls such
  as ``Report.to_json()`` and in-process command-line runs alike);
- what every in-process command-line run (typer's ``CliRunner``) writes: standard output and
  the files named by ``--output`` / ``-o`` and ``--report json=PATH``, for ``check`` and
  ``extract`` — the extract document is rendered elsewhere and has a schema of its own;
- the standard output of every ``python -m refcheck`` child process.

tests/conftest.py installs the observers for the session and fails the test that produced an
invalid document.
"""

from __future__ import annotations

import json
import logging
import subprocess
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jsonschema
from typer.testing import CliRunner

from refcheck.cli import app

TAGS = {"refcheck/1": "report", "refcheck-extract/1": "extract"}  # tag → schema
COMMANDS = {"check": "report", "extract": "extract"}  # command → the schema of its JSON


def schema_validator(document: str) -> Any:
    """A validator for the schema ``refcheck schema DOCUMENT`` prints."""
    printed = CliRunner().invoke(app, ["schema", document])
    assert printed.exit_code == 0, printed.output
    schema = json.loads(printed.stdout)
    validator = jsonschema.Draft202012Validator
    validator.check_schema(schema)
    return validator(schema)


class ReportContract:
    """Validates the documents it is shown; keeps counts and the failures not yet reported."""

    def __init__(self) -> None:
        self.validators = {document: schema_validator(document) for document in COMMANDS.values()}
        self.validated: Counter[str] = Counter()
        self.failures: list[str] = []

    def observe(self, text: str, document: str, origin: str) -> None:
        try:
            data = json.loads(text)
        except ValueError:
            return  # not JSON: another format, or a usage error
        if not isinstance(data, dict) or data.get("schema") not in TAGS:
            return
        if TAGS[data["schema"]] != document:
            self.failures.append(f"{origin}: a {document} document tagged {data['schema']!r}")
            return
        self.validated[document] += 1
        for error in self.validators[document].iter_errors(data):
            self.failures.append(f"{origin}: {error.json_path}: {error.message}")

    def take_failures(self) -> list[str]:
        failures, self.failures = self.failures, []
        return failures


class RenderedReports(logging.Handler):
    """Shows the contract every report that refcheck.report.json_report logs as rendered."""

    def __init__(self, contract: ReportContract) -> None:
        super().__init__(logging.DEBUG)
        self.contract = contract

    def emit(self, record: logging.LogRecord) -> None:
        text = getattr(record, "refcheck_json", None)
        if isinstance(text, str):
            self.contract.observe(text, "report", "rendered report")


def observe_cli_run(
    contract: ReportContract, args: Sequence[str], stdout: str, cwd: Path | None = None
) -> None:
    """What one command-line run wrote: standard output, and the JSON files it was told to
    (relative paths are relative to the run's working directory ``cwd``)."""
    words = [str(arg) for arg in args]
    document = COMMANDS.get(words[0]) if words else None
    if document is None:
        return
    origin = "refcheck " + " ".join(words)
    contract.observe(stdout, document, origin)
    for path in _json_files(words):
        path = (cwd or Path.cwd()) / path
        if path.is_file():
            contract.observe(path.read_text(encoding="utf-8"), document, f"{origin} ({path})")


def _json_files(words: list[str]) -> list[Path]:
    """The files named by ``-o``/``--output`` and ``--report json=PATH``, in both spellings."""
    paths: list[str] = []
    for flag, value in zip(words, [*words[1:], ""], strict=True):
        name, equals, attached = flag.partition("=")
        given = attached if equals else value
        if name in ("-o", "--output"):
            paths.append(given)
        elif name == "--report" and given.startswith("json="):
            paths.append(given.removeprefix("json="))
    return [Path(path) for path in paths if path]


def refcheck_child_args(command: Any) -> list[str] | None:
    """The refcheck arguments of a ``python -m refcheck …`` command line; None for others."""
    if not isinstance(command, (list, tuple)):
        return None
    words = [str(word) for word in command]
    for i in range(len(words) - 1):
        if words[i] == "-m" and words[i + 1] == "refcheck":
            return words[i + 2 :]
    return None


def observe_child(
    contract: ReportContract, done: subprocess.CompletedProcess[Any], cwd: Any = None
) -> None:
    """A finished ``subprocess.run``: its standard output, when it ran refcheck and kept it."""
    args = refcheck_child_args(done.args)
    if args is not None and isinstance(done.stdout, (str, bytes)):
        stdout = done.stdout if isinstance(done.stdout, str) else done.stdout.decode("utf-8")
        observe_cli_run(contract, args, stdout, Path(cwd) if cwd is not None else None)
