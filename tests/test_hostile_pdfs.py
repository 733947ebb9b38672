"""Issue 12 item 6: PDF edge cases that used to lose a whole file.

Text drawn off the page, data after ``%%EOF``, one damaged page among many, a parser that runs
out of its memory budget, and a PDFium error without a reason. Files come from ``badpdfs.py``;
runs use the real command line in a subprocess (the guarded worker included).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from refcheck.pdf.folios import folio_rows
from refcheck.pdf.layout import Line, find_gutters, layout_pages
from refcheck.pdf.reader import RawPage, Word, _classify_open_error
from tests.badpdfs import (
    GOOD_DOI,
    broken_title_pdf_bytes,
    damaged_page_pdf_bytes,
    far_off_page_text_pdf_bytes,
    good_pdf_bytes,
    junk_after_eof_pdf_bytes,
    spin_pdf_bytes,
)
from tests.test_layout import column_page, words_of


def refcheck(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "refcheck", "check", "--offline", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def only_document(run: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert "Traceback" not in run.stderr
    [document] = json.loads(run.stdout)["documents"]
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize("x", [-5000.0, -1e12, -math.inf, math.nan])
def test_text_drawn_far_left_of_the_page_is_clipped_not_an_index_error(x: float) -> None:
    page = column_page(1)
    off_page = [
        Word(w.text, x, x + 40.0, w.top, w.bottom, w.size)
        for w in words_of("stamp drawn outside the page box", 0, 500)
    ]
    [laid_out] = layout_pages([RawPage(1, page.width, page.height, page.words + tuple(off_page))])
    assert laid_out.columns == 2
    assert find_gutters(laid_out.lines, math.inf) == []  # a page without a finite width


def test_text_drawn_a_page_away_is_left_out_not_an_internal_error(tmp_path: Path) -> None:
    path = tmp_path / "far-off-page.pdf"
    path.write_bytes(far_off_page_text_pdf_bytes())
    document = only_document(refcheck(path, "--format", "json"))
    assert document["status"] == "ok", document["error"]
    extract = [sys.executable, "-m", "refcheck", "extract", "--format", "json", str(path)]
    shown = subprocess.run(extract, capture_output=True, text=True, timeout=120, check=True)
    assert "Comerota" not in shown.stdout


def test_a_line_without_height_at_the_page_edge_is_its_own_row() -> None:
    def line(text: str, top: float, height: float) -> Line:
        return Line(text, 1, 100.0, 140.0, top, top + height, 10.0, ())

    page = [line("-606548518", -6e8, 0.0), line("Body text", 100.0, 12.0), line("7", 780.0, 10.0)]
    assert folio_rows([page, page], [800.0, 800.0]) == set()


def test_a_title_that_is_not_utf16_costs_only_the_title(tmp_path: Path) -> None:
    path = tmp_path / "broken-title.pdf"
    path.write_bytes(broken_title_pdf_bytes())
    document = only_document(refcheck(path, "--format", "json"))
    assert document["status"] == "ok", document["error"]
    assert document["metadata"]["doi"] == GOOD_DOI


def test_data_after_the_end_marker_is_read_when_pdfium_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "junk-after-eof.pdf"
    path.write_bytes(junk_after_eof_pdf_bytes())
    document = only_document(refcheck(path, "--format", "json"))
    assert document["status"] == "ok", document["error"]
    assert document["pages"] == 2 and document["damaged_pages"] == []


def test_a_file_cut_short_is_still_refused_as_truncated(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    data = good_pdf_bytes()
    path.write_bytes(data[: len(data) // 3])
    document = only_document(refcheck(path, "--format", "json"))
    assert document["error"]["kind"] == "corrupt"
    assert "truncated" in document["error"]["message"]


def test_one_damaged_page_of_eight_is_named_and_the_rest_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "damaged-page.pdf"
    path.write_bytes(damaged_page_pdf_bytes(pages=8, damaged=3))
    document = only_document(refcheck(path, "--format", "json"))
    assert document["status"] == "ok", document["error"]
    assert document["pages"] == 8 and document["damaged_pages"] == [3]
    [note] = [s for s in document["skipped"] if s["check"] == "pages"]
    assert note["reason"].startswith("page 3 of 8 is damaged and could not be read")
    text = refcheck(path, "--format", "text")
    assert f"{path}: skipped pages: page 3 of 8 is damaged" in text.stdout
    html = refcheck(path, "--format", "html")
    assert "page 3 of 8 is damaged" in html.stdout
    extract = [sys.executable, "-m", "refcheck", "extract", "--format", "text", str(path)]
    shown = subprocess.run(extract, capture_output=True, text=True, timeout=120, check=False)
    assert "damaged pages (not read): 3" in shown.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
def test_running_out_of_the_memory_budget_is_budget_exceeded_not_a_crash(
    tmp_path: Path,
) -> None:
    path = tmp_path / "spin.pdf"  # a 375 MB content stream: more than 256 MB to decompress
    path.write_bytes(spin_pdf_bytes())
    run = refcheck(path, "--format", "json", "--memory-mb", "256", "--timeout", "60")
    error = only_document(run)["error"]
    assert error["kind"] == "budget-exceeded", error
    assert "256 MB (--memory-mb)" in error["message"]


@pytest.mark.parametrize("code", [pdfium_c.FPDF_ERR_SUCCESS, pdfium_c.FPDF_ERR_UNKNOWN, None])
def test_an_open_error_without_a_reason_says_none(code: int | None) -> None:
    exc = pdfium.PdfiumError("Failed to load document (PDFium: Success).", err_code=code)
    message = str(_classify_open_error(Path("paper.pdf"), exc))
    assert message == "paper.pdf: the PDF is damaged and cannot be parsed"
    assert "Success" not in message and "PDFium" not in message
