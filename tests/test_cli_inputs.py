"""`refcheck check` inputs and outputs: --report, standard input, duplicate paths, folders."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from refcheck import cli
from refcheck.cli import app
from refcheck.inputs import STDIN_NAME, unique_paths

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "corpus" / "ssoar_55386.pdf"
runner = CliRunner()


def _check(*args: str, stdin: bytes | None = None) -> Any:
    return runner.invoke(app, ["check", "--offline", *args], input=stdin)


@pytest.fixture
def no_run(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Records a run instead of making it: a usage error must come before any PDF is read."""
    calls: list[object] = []

    def check_paths(*args: object) -> None:
        calls.append(args)
        raise AssertionError("the run started")

    monkeypatch.setattr(cli, "check_paths", check_paths)
    return calls


def test_one_run_writes_the_main_report_and_every_further_report(tmp_path: Path) -> None:
    plain = _check("--format", "json", str(FIXTURE))
    result = _check(
        "--format",
        "json",
        "--report",
        f"sarif={tmp_path / 'out' / 'refcheck.sarif'}",
        "--report",
        f"MARKDOWN={tmp_path / 'summary.md'}",
        str(FIXTURE),
    )
    assert result.exit_code == plain.exit_code == 1, "--report leaves the exit code alone"
    findings = json.loads(result.stdout)["documents"][0]["findings"]
    sarif = json.loads((tmp_path / "out" / "refcheck.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == len(findings) > 0
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").startswith("## refcheck")


def test_report_and_output_together_write_two_files(tmp_path: Path) -> None:
    result = _check(
        "-o", str(tmp_path / "a.txt"), "--report", f"junit={tmp_path / 'b.xml'}", str(FIXTURE)
    )
    assert result.stdout == ""
    assert "1 document checked" in (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert (tmp_path / "b.xml").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nonsense=x.out", "unknown format 'nonsense'"),
        ("sarif", "expected FORMAT=PATH"),
        ("sarif=", "expected FORMAT=PATH"),
        ("=x.sarif", "expected FORMAT=PATH"),
    ],
)
def test_a_bad_report_option_is_a_usage_error_before_the_run(
    value: str, message: str, no_run: list[object]
) -> None:
    result = _check("--report", value, str(FIXTURE))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert no_run == []


def test_two_reports_into_one_file_is_a_usage_error(tmp_path: Path, no_run: list[object]) -> None:
    target = tmp_path / "same.out"
    result = _check("-o", str(target), "--report", f"sarif={target}", str(FIXTURE))
    assert result.exit_code == 2 and str(target) in result.stderr
    assert no_run == []


def test_missing_output_folders_are_made_before_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "new" / "deeper" / "report.json"
    extra = tmp_path / "other" / "report.sarif"
    seen: list[bool] = []
    real = cli.check_paths

    def check_paths(*args: Any) -> Any:
        seen.append(output.parent.is_dir() and extra.parent.is_dir())
        return real(*args)

    monkeypatch.setattr(cli, "check_paths", check_paths)
    result = _check("-f", "json", "-o", str(output), "--report", f"sarif={extra}", str(FIXTURE))
    assert result.exit_code == 1
    assert seen == [True]
    assert json.loads(output.read_text(encoding="utf-8"))["schema"] == "refcheck/1"
    assert extra.is_file()


def test_an_output_folder_that_cannot_be_made_is_named_before_the_run(
    tmp_path: Path, no_run: list[object]
) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    target = tmp_path / "a-file" / "report.sarif"
    result = _check("--report", f"sarif={target}", str(FIXTURE))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"refcheck: {target}: cannot create its folder")
    assert len(result.stderr.splitlines()) == 1
    assert no_run == []


def test_an_output_that_is_a_folder_is_a_usage_error(tmp_path: Path, no_run: list[object]) -> None:
    result = _check("-o", str(tmp_path), str(FIXTURE))
    assert result.exit_code == 2 and "is a folder" in result.stderr
    assert no_run == []


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root"
)
def test_an_output_folder_that_cannot_be_written_is_a_usage_error(
    tmp_path: Path, no_run: list[object]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = _check("-o", str(locked / "report.txt"), str(FIXTURE))
    assert result.exit_code == 2 and "is not writable" in result.stderr
    assert no_run == []


def test_dash_reads_one_pdf_from_standard_input_named_stdin() -> None:
    result = _check("--format", "json", "-", stdin=FIXTURE.read_bytes())
    assert result.exit_code == 1
    documents = json.loads(result.stdout)["documents"]
    assert [d["path"] for d in documents] == [STDIN_NAME]
    assert documents[0]["findings"]
    assert "stdin.pdf" not in result.stdout, "the temporary copy's name leaks into the report"


def test_bad_standard_input_is_an_input_error_named_stdin() -> None:
    result = _check("-", stdin=b"")
    assert result.exit_code == 2
    assert f"error: {STDIN_NAME}:" in result.stderr
    assert "stdin.pdf" not in result.stderr + result.stdout


def test_a_file_named_twice_or_also_through_its_folder_is_checked_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    relative = str(FIXTURE.relative_to(ROOT))
    result = _check(
        "--format", "json", relative, str(FIXTURE), f"./{relative}", str(FIXTURE.parent)
    )
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [relative]


def test_unique_paths_keeps_the_first_name_and_every_path_that_names_nothing(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "papers"
    (folder / "sub").mkdir(parents=True)
    for name in ("b.pdf", "sub/a.PDF", "notes.txt"):
        (folder / name).write_bytes(b"%PDF-")
    (tmp_path / "link.pdf").symlink_to(folder / "b.pdf")
    empty, missing = tmp_path / "empty", tmp_path / "missing.pdf"
    empty.mkdir()
    paths = [
        tmp_path / "link.pdf",
        folder,
        folder / "sub" / ".." / "b.pdf",
        empty,
        missing,
        missing,
    ]
    assert unique_paths(paths) == (tmp_path / "link.pdf", folder / "sub" / "a.PDF", empty, missing)
