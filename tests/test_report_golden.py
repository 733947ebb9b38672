"""Every report format rendered from one fixed report, compared with files under tests/golden/.

A deliberate change to a format: regenerate the files with

    REFCHECK_UPDATE_GOLDEN=1 python3 -m pytest tests/test_report_golden.py

and review the diff. The version is written as ``{VERSION}`` so that a release changes no file;
the fixture's paths are relative, so no file depends on the machine.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refcheck import __version__
from refcheck.report import FORMATS, render
from tests.report_fixture import fixture_report

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("REFCHECK_UPDATE_GOLDEN") == "1"
SUFFIXES = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "xml",
    "markdown": "md",
    "github": "log",
    "html": "html",
}


def _golden(fmt: str) -> Path:
    return GOLDEN / f"report.{SUFFIXES[fmt]}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_renders_the_fixture_report_as_its_golden_file(fmt: str) -> None:
    rendered = render(fixture_report(), fmt).replace(__version__, "{VERSION}")
    path = _golden(fmt)
    if UPDATE:
        path.write_text(rendered, encoding="utf-8", newline="\n")
    assert path.read_text(encoding="utf-8") == rendered


def test_every_golden_file_belongs_to_a_format() -> None:
    assert set(SUFFIXES) == set(FORMATS)
    assert sorted(GOLDEN.iterdir()) == sorted(_golden(fmt) for fmt in FORMATS)


def test_golden_files_name_no_machine_path() -> None:
    home = str(Path.home())
    for path in GOLDEN.iterdir():
        text = path.read_text(encoding="utf-8")
        assert str(Path(__file__).resolve().parents[1]) not in text
        assert home == "/" or home not in text
        assert "file://" not in text
