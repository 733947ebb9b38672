"""Small things a reader of a report trips on (issue 10, item 7): counts in agreement,
evidence without Python syntax, each skipped check once, short paths in the table, and a
document whose checks were skipped never shown as clean."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF
from typer.testing import CliRunner

import refcheck
from refcheck.cli import app
from refcheck.model import Report
from refcheck.report import github, html, markdown, text
from refcheck.report.common import elide
from tests.batchgen import FIXED_DATE, REFERENCES, SENTENCE, article_pdf
from tests.report_fixture import fixture_report

runner = CliRunner()


def _one_error_one_warning() -> Report:
    online = fixture_report().documents[0]
    return Report((replace(online, findings=online.findings[1:3]),))


def test_counts_agree_with_their_nouns_in_every_summary() -> None:
    report = _one_error_one_warning()
    assert text.summary(report) == "1 document checked: 1 error, 1 warning, 0 info"
    assert github.render(report).splitlines()[-1] == text.summary(report)
    assert markdown.render(report).startswith(
        "## refcheck: 1 error, 1 warning, 0 info in 1 checked document\n"
    )
    page = html.render(report)
    assert "<title>refcheck report: 2 findings in 1 document</title>" in page
    assert "<p>1 of 1 document checked: 1 error, 1 warning, 0 info.</p>" in page
    fixture = text.summary(fixture_report())
    assert fixture == "2 documents checked: 3 errors, 1 warning, 1 info; 1 could not be checked"


def _with_evidence(evidence: dict[str, Any]) -> Report:
    offline = fixture_report().documents[1]
    finding = replace(offline.findings[0], evidence=evidence)
    return Report((replace(offline, findings=(finding,)),))


def test_evidence_lists_and_mappings_read_as_text_not_python_or_json() -> None:
    report = _with_evidence(
        {
            "missing": ["volume, pages or DOI"],
            "notices": [{"doi": "10.5555/r.1", "date": "2020-01-02"}, {"doi": "10.5555/r.2"}],
            "registered": {"volume": "7", "pages": ["1", "9"]},
        }
    )
    readable = (
        ("missing", "volume, pages or DOI"),
        ("notices", "doi: 10.5555/r.1, date: 2020-01-02; doi: 10.5555/r.2"),
        ("registered", "volume: 7, pages: (1, 9)"),
    )
    lines = text.render(report).splitlines()
    page = html.render(report)
    comment = markdown.render(report)
    for key, value in readable:
        assert f"    {key}: {value}" in lines
        assert f"<dt>{key}</dt><dd>{value}</dd>" in page
        assert f"  - {key}: {markdown.escape(value)}" in comment.splitlines()
    for rendered in (text.render(report), page, comment):
        assert not re.search(r"\['|\{&quot;|\{\"", rendered)


def _article() -> bytes:
    """A one-page article citing [1] to [3]; reference 1 prints a DOI, the others do not, so
    a run online both looks DOIs up and searches."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for number in range(1, 4):
        pdf.multi_cell(0, 5, f"{SENTENCE} [{number}]. {SENTENCE}.", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "References", new_x="LMARGIN", new_y="NEXT")
    for number, entry in enumerate(REFERENCES[:3], start=1):
        doi = " https://doi.org/10.5555/cited.1" if number == 1 else ""
        pdf.multi_cell(0, 5, f"[{number}] {entry}{doi}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _skipped_codes(output: str) -> list[str]:
    notes = [line.split(": skipped ", 1)[1] for line in output.splitlines() if ": skipped " in line]
    return [code for note in notes for code in note.split(": ", 1)[0].split(", ")]


def test_a_check_that_failed_lookups_and_searches_both_skip_is_named_once(
    tmp_path: Path,
) -> None:
    pdf = tmp_path / "article.pdf"
    pdf.write_bytes(_article())
    # Online, with registries under .invalid (conftest): every DOI lookup and search fails.
    result = runner.invoke(app, ["check", "--no-cache", str(pdf)])
    codes = _skipped_codes(result.stdout)
    assert {"DOI001", "XREF002", "XREF003"} <= set(codes)
    assert sorted(codes) == sorted(set(codes)), result.stdout


@pytest.fixture(scope="module")
def deep_batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three articles deep in a temporary folder, outside the working directory."""
    folder = tmp_path_factory.mktemp("issue") / "volume-12-issue-3" / "special-section-on-methods"
    folder.mkdir(parents=True)
    paths = [folder / f"{n:02d}-checking-reference-lists.pdf" for n in (1, 2, 3)]
    for number, path in enumerate(paths, start=1):
        path.write_bytes(article_pdf(number))
    return paths


def _table(output: str) -> list[str]:
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("path "))
    return lines[start - 1 : lines.index("", start)]


def test_batch_table_names_files_outside_the_working_directory_by_their_common_folder(
    deep_batch: list[Path],
) -> None:
    report = refcheck.check(deep_batch, offline=True)
    based, header, *rows, _ = _table(text.render(report))  # the last line is the legend
    assert based == f"paths relative to {deep_batch[0].parent}"
    assert [row.split()[0] for row in rows] == [path.name for path in deep_batch]
    assert max(len(line) for line in (header, *rows)) <= text.TABLE_WIDTH
    comment = markdown.render(report)
    assert f"Paths relative to {markdown.escape(str(deep_batch[0].parent))}." in comment
    assert f"| {markdown.escape(deep_batch[0].name)} |" in comment
    assert f"### {markdown.escape(str(deep_batch[0]))}" in comment  # the heading has it all
    page = html.render(report)
    assert f'title="{deep_batch[0]}">{deep_batch[0].name}</a>' in page


def test_batch_table_paths_are_relative_to_the_working_directory_and_fit_100_columns(
    deep_batch: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(deep_batch[0].parents[2])
    names = [str(path.relative_to(Path.cwd())) for path in deep_batch]
    report = refcheck.check([Path(name) for name in names], offline=True)
    assert report.documents[0].path == names[0]
    _, header, *rows, _ = _table(text.render(report))
    assert max(len(line) for line in (header, *rows)) <= text.TABLE_WIDTH
    # Too long for the row: the leading folders go, the file's own name stays whole.
    assert [row.split()[0] for row in rows] == [f"…/{path.name}" for path in deep_batch]
    assert f'title="{names[0]}">{names[0]}</a>' in html.render(report)


def test_a_file_name_too_long_for_the_table_loses_its_middle() -> None:
    name = "01-checking-reference-lists-in-journal-issues-of-the-twentieth-century.pdf"
    assert elide(f"issue/{name}", 34) == "01-checking-refe…tieth-century.pdf"


def test_a_document_with_a_skipped_check_is_not_fully_checked_never_ok(
    deep_batch: list[Path],
) -> None:
    path = deep_batch[0]
    # Offline rules only: nothing is skipped. With DOI001 offline, the DOI checks are.
    full = refcheck.check(path, offline=True, select=["META"]).documents[0]
    clean = refcheck.check(path, offline=True, select=["META", "DOI"]).documents[0]
    warned = refcheck.check(path, offline=True, select=["CIT", "DOI"]).documents[0]
    assert not full.skipped and not full.findings and not clean.findings
    named = (
        replace(full, path="full"),
        replace(clean, path="clean"),
        replace(warned, path="warned"),
    )
    report = Report(named)

    _, _, *rows, legend = _table(text.render(report))
    assert [re.split(r"\s{2,}", row)[1:] for row in rows] == [
        ["ok", "5", "4", "0", "0", "0"],
        ["not fully checked", "5", "4", "0", "0", "0"],
        ["not fully checked", "5", "4", "0", "1", "0"],
    ]
    assert legend.startswith("not fully checked: some checks were skipped")
    comment = markdown.render(report)
    assert "| full | ✅ ok |" in comment
    assert "| clean | ⏭️ not fully checked |" in comment
    assert "| warned | ⚠️ warnings, not fully checked |" in comment
    page = html.render(report)
    assert "</a></th><td>ok</td>" in page
    reasons = "DOI001, DOI002: offline (--offline): no registry or URL was asked"
    assert f'<a href="#doc-2-skipped" title="{reasons}\n' in page
    assert f'<a href="#doc-3-skipped" title="{reasons}">not fully checked</a>' in page
    assert '<h3 id="doc-3-skipped">Not checked</h3>' in page
