"""The speed benchmark's own rules (benchmarks/speed*.py): what makes a run invalid, not timings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from benchmarks import longdoc, speed_cli
from benchmarks.speed_cli import InvalidRun, child_env, validate_report
from benchmarks.speed_measure import page_count
from benchmarks.speed_table import Row, render

PDFS = [Path("a.pdf"), Path("b.pdf")]


def report(*documents: dict[str, object]) -> str:
    return json.dumps({"schema": "refcheck/1", "documents": list(documents)})


def ok(path: Path) -> dict[str, object]:
    return {"path": str(path), "status": "ok", "error": None}


def test_a_report_of_every_pdf_is_valid() -> None:
    assert validate_report(report(ok(PDFS[1]), ok(PDFS[0])), PDFS) == 2


@pytest.mark.parametrize(
    "stdout",
    [
        "",  # the CLI printed nothing: the shim of issue 15
        "refcheck 0.1.0",
        json.dumps({"schema": "other/1", "documents": [ok(PDFS[0]), ok(PDFS[1])]}),
        report(ok(PDFS[0])),  # a PDF missing
        report(ok(PDFS[0]), ok(Path("c.pdf"))),  # another PDF than the one given
        report(ok(PDFS[0]), {"path": "b.pdf", "status": "error", "error": {"kind": "crash"}}),
    ],
)
def test_a_run_without_a_valid_report_is_an_error(stdout: str) -> None:
    with pytest.raises(InvalidRun):
        validate_report(stdout, PDFS)


def test_children_write_bytecode_and_import_this_checkout() -> None:
    env = child_env({"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": "/elsewhere"})
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPATH"].split(os.pathsep)[0] == str(speed_cli.ROOT)


def test_a_refcheck_from_outside_the_checkout_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The child imports this repository's refcheck, which is not under tmp_path.
    monkeypatch.setattr(speed_cli, "ROOT", tmp_path)
    with pytest.raises(InvalidRun, match="not under this checkout"):
        speed_cli.verify_checkout()


def test_ratio_is_refcheck_time_over_pdftotext_time_for_rates_too() -> None:
    assert Row("s", "m", "ms/page", 30.0, 10.0).ratio == pytest.approx(3.0)
    assert Row("s", "m", "PDFs/s", 10.0, 30.0).ratio == pytest.approx(3.0)
    table = render([Row("start-up", "x", "ms", 1.0, 2.0), Row("batch", "y", "PDFs/s", 1.0, 2.0)])
    assert "[start-up]" in table and "[batch]" in table


@pytest.mark.parametrize("style", longdoc.STYLES)
def test_long_papers_cite_throughout_and_their_list_grows(style: str) -> None:
    short, long = longdoc.latex(10, style), longdoc.latex(100, style)
    assert long.count("\\bibitem") == 110 and short.count("\\bibitem") == 20
    body = long.split("\\begin{thebibliography}")[0]
    assert body.count("\\cite") > 300
    last_section = body.rsplit("\\section", 1)[1]
    assert "\\cite" in last_section  # citations to the end, not only at the start


def test_a_pdf_that_cannot_be_opened_is_an_invalid_run(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"not a pdf")
    with pytest.raises(InvalidRun, match="cannot open"):
        page_count(path)
