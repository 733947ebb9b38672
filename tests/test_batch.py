"""Whole issues: 50 PDFs with 5 broken ones, several workers, the table, and baselines."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from typer.testing import CliRunner

import refcheck
from refcheck.baseline import BaselineError, load_baseline, subject_key
from refcheck.cli import _progress_bar, app
from refcheck.config import Settings
from refcheck.model import Author, Citation, CitedWork, Document, Finding, PaperMetadata, Reference
from refcheck.model import Severity as S
from refcheck.pipeline import check_paths
from tests.badpdfs import corrupt_pdf_bytes, not_a_pdf_bytes
from tests.batchgen import article_pdf

runner = CliRunner()
ARTICLES = 45
BROKEN = {
    "07-empty.pdf": "empty-file",
    "15-truncated.pdf": "corrupt",
    "23-not-a-pdf.pdf": "not-a-pdf",
    "31-corrupt.pdf": "corrupt",
    "42-encrypted.pdf": "encrypted",
}


@pytest.fixture(scope="module")
def issue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of 50 PDFs: 45 articles, each with one CIT002 warning, and 5 broken files."""
    folder = tmp_path_factory.mktemp("issue")
    names = iter(sorted(set(f"{n:02d}-article.pdf" for n in range(1, 51)) - {
        f"{name[:2]}-article.pdf" for name in BROKEN
    }))  # fmt: skip
    for number, name in enumerate(names, start=1):
        (folder / name).write_bytes(article_pdf(number))
    good = (folder / "01-article.pdf").read_bytes()
    (folder / "07-empty.pdf").write_bytes(b"")
    (folder / "15-truncated.pdf").write_bytes(good[: len(good) // 2])
    (folder / "23-not-a-pdf.pdf").write_bytes(not_a_pdf_bytes())
    (folder / "31-corrupt.pdf").write_bytes(corrupt_pdf_bytes())
    with pikepdf.open(folder / "01-article.pdf") as pdf:
        pdf.save(folder / "42-encrypted.pdf", encryption=pikepdf.Encryption(user="x", owner="y"))
    assert len(list(folder.glob("*.pdf"))) == ARTICLES + len(BROKEN)
    return folder


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", "--offline", "--fail-on", "warning", *args])
    return result.exit_code, result.stdout


def test_batch_of_50_with_5_broken_gives_exact_counts_and_exit_2(issue: Path) -> None:
    code, output = run("--workers", "2", "--format", "json", str(issue))
    assert code == 2
    report = json.loads(output)
    assert report["summary"] == {
        "documents": 50,
        "input_errors": 5,
        "errors": 0,
        "warnings": ARTICLES,
        "info": 0,
        "suppressed": 0,
    }
    paths = [Path(d["path"]).name for d in report["documents"]]
    assert paths == sorted(paths)
    errors = {Path(d["path"]).name: d["error"]["kind"] for d in report["documents"] if d["error"]}
    assert errors == BROKEN
    assert all(len(d["references"]) == 5 for d in report["documents"] if not d["error"])


def test_text_report_ends_with_one_row_per_document_and_the_summary(issue: Path) -> None:
    code, output = run("--workers", "3", str(issue))
    assert code == 2
    lines = output.splitlines()
    assert (
        lines[-1] == "45 documents checked: 0 errors, 45 warnings, 0 info; 5 could not be checked"
    )
    header = next(i for i, line in enumerate(lines) if line.startswith("path "))
    assert lines[header].split() == [
        "path", "status", "references", "citations", "errors", "warnings", "info",
    ]  # fmt: skip
    assert lines[header - 1] == f"paths relative to {issue}"
    rows = [re.split(r"\s{2,}", row) for row in lines[header + 1 : header + 51]]
    # Offline, the online checks were skipped: the article is not fully checked.
    assert [row[1:] for row in rows if row[0] == "01-article.pdf"] == [
        ["not fully checked", "5", "4", "0", "1", "0"]
    ]
    assert [row[1] for row in rows if row[0] == "42-encrypted.pdf"] == ["encrypted"]
    assert lines[header + 51].startswith("not fully checked: some checks were skipped")
    assert lines[header + 52] == ""


def test_quiet_leaves_out_the_table_and_the_summary(issue: Path) -> None:
    _, output = run("--quiet", str(issue / "01-article.pdf"), str(issue / "02-article.pdf"))
    assert "path " not in output and "documents checked" not in output
    assert output.count("CIT002 warning") == 2


def test_baseline_suppresses_the_unchanged_batch_and_reports_one_injected_defect(
    issue: Path, tmp_path: Path
) -> None:
    batch = tmp_path / "issue"
    shutil.copytree(issue, batch)
    baseline = tmp_path / "baseline.json"
    assert run("--write-baseline", str(baseline), str(batch))[0] == 0
    stored = json.loads(baseline.read_text(encoding="utf-8"))
    assert stored["version"] == 1 and len(stored["findings"]) == 50

    code, output = run("--baseline", str(baseline), "--format", "json", str(batch))
    report = json.loads(output)
    assert code == 0
    assert sum(len(d["findings"]) for d in report["documents"]) == 0
    assert report["summary"]["suppressed"] == 50 and report["summary"]["input_errors"] == 5

    (batch / "17-article.pdf").write_bytes(article_pdf(15, bad_issn=True))  # same article
    code, output = run("--baseline", str(baseline), str(batch))
    assert code == 1
    new = [line for line in output.splitlines() if " warning " in line]
    assert new == [
        f"{batch / '17-article.pdf'}:1: META002 warning ISSN 1234-5670 has a wrong check digit "
        "(expected 9)"
    ]
    assert output.splitlines()[-1].endswith(
        "; 5 could not be checked; 50 suppressed by the baseline"
    )


def test_baseline_survives_moving_and_renaming_the_files(issue: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    articles = [issue / f"0{n}-article.pdf" for n in (1, 2, 3)]
    run("--write-baseline", str(baseline), *map(str, articles))
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    for number, article in enumerate(articles):
        shutil.copy(article, moved / f"renamed-{number}.pdf")
    code, output = run("--baseline", str(baseline), str(moved))
    assert code == 0
    assert output.splitlines()[-1].endswith("0 warnings, 0 info; 3 suppressed by the baseline")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such baseline file; write one with --write-baseline"),
        ("{not json", "not a refcheck baseline (not valid JSON"),
        ('{"findings": []}', "not a refcheck baseline (no 'version' key)"),
        ('{"version": 99, "findings": []}', "baseline version 99 is not supported"),
        ('{"version": 1, "findings": [{"code": "X"}]}', "damaged baseline"),
    ],
)
def test_missing_or_damaged_baseline_is_a_clear_error(
    issue: Path, tmp_path: Path, content: str | None, message: str
) -> None:
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=re.escape(message)):
        load_baseline(baseline)
    result = runner.invoke(
        app, ["check", "--baseline", str(baseline), str(issue / "01-article.pdf")]
    )
    assert result.exit_code == 2 and message in result.output


def test_subject_key_ignores_page_and_list_position() -> None:
    def document(reference_id: str, page: int) -> Document:
        reference = Reference(
            id=reference_id,
            raw=f"[{reference_id[1:]}] Müller, A. (2019). Über Fußnoten. J. Doc., 3, 1–9.",
            page=page,
            authors=(Author("Müller", "A."),),
            year="2019",
            title="Über Fußnoten",
        )
        citation = Citation("C1", "(Müller 2019)", page, "parenthetical", (CitedWork("x"),))
        return Document("a.pdf", 9, PaperMetadata(), references=(reference,), citations=(citation,))

    def finding(reference_id: str, page: int) -> Finding:
        return Finding("CIT003", "n", S.WARNING, f"on page {page}", page, reference_id, "C1")

    first = subject_key(finding("R3", 4), document("R3", 4))
    assert first == subject_key(finding("R12", 7), document("R12", 7))
    assert "muller|2019|uber funoten" in first


def test_workers_give_the_same_report_in_input_order(issue: Path) -> None:
    names = ["30-article.pdf", "07-empty.pdf", "02-article.pdf", "42-encrypted.pdf"]
    paths = [issue / name for name in names] + [issue / "nowhere.pdf"]
    one = refcheck.check(paths, offline=True, workers=1)
    three = refcheck.check(paths, offline=True, workers=3)
    assert [d.path for d in three.documents] == [str(p) for p in paths]
    assert three.to_json() == one.to_json()


def test_progress_is_called_once_per_file_up_to_the_total(issue: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    paths = [issue / "01-article.pdf", issue / "07-empty.pdf", issue / "missing.pdf"]
    check_paths(paths, Settings(offline=True, workers=2), lambda *call: calls.append(call))
    assert sorted(done for done, _, _ in calls) == [1, 2, 3]
    assert {total for _, total, _ in calls} == {3}
    assert Counter(path for _, _, path in calls) == Counter(map(str, paths))


def test_no_progress_bar_when_stderr_is_not_a_terminal(issue: Path) -> None:
    result = runner.invoke(app, ["check", "--offline", str(issue / "01-article.pdf")])
    assert "[#" not in result.stderr


def json_of(report: Any) -> dict[str, Any]:
    return dict(json.loads(report.to_json()))


def test_report_to_json_is_the_json_format(issue: Path) -> None:
    report = refcheck.check(issue / "01-article.pdf", offline=True)
    data = json_of(report)
    assert data["schema"] == "refcheck/1"
    assert data["summary"]["warnings"] == 1
    assert report.to_json() == refcheck.to_json(report)


def test_progress_bar_redraws_one_line_and_erases_it_at_the_end(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _progress_bar(1, 4, "/issue/03-article.pdf")
    _progress_bar(4, 4, "/issue/50-article.pdf")
    captured = capsys.readouterr()
    first, last, erased, end = captured.err.split("\r")[1:]
    assert first.rstrip() == "[######..................] 1/4 03-article.pdf"
    assert last.rstrip() == "[########################] 4/4 50-article.pdf"
    assert erased.strip() == "" and end == ""
    assert captured.out == ""
