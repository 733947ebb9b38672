"""The installed distribution: its name, its command, its metadata and its licence file."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refcheck import __version__
from refcheck.cli import app

DISTRIBUTION = "refcheck-pdf"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def distribution() -> metadata.Distribution:
    try:
        return metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pytest.fail(f"{DISTRIBUTION} is not installed: run `python3 -m pip install -e '.[test]'`")


def test_distribution_installs_the_refcheck_command(distribution: metadata.Distribution) -> None:
    scripts = {e.name: e.value for e in distribution.entry_points if e.group == "console_scripts"}
    assert scripts == {"refcheck": "refcheck.entry:main"}
    assert distribution.version == __version__


def test_metadata_is_complete(distribution: metadata.Distribution) -> None:
    meta = distribution.metadata
    assert meta["License-Expression"] == "MIT"
    assert "LICENSE" in (meta.get_all("License-File") or [])
    assert meta["Author"] and meta["Keywords"] and meta["Requires-Python"]
    urls = dict(url.split(", ", 1) for url in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(urls)
    classifiers = meta.get_all("Classifier") or []
    assert any(c.startswith("Topic :: ") for c in classifiers)
    assert "Typing :: Typed" in classifiers


def test_every_declared_dependency_is_imported_by_the_package(
    distribution: metadata.Distribution,
) -> None:
    # A dependency that nothing imports costs every user an install for nothing.
    imports = {"pypdfium2", "requests", "rapidfuzz", "typer", "pycrfsuite", "tomli", "tqdm",
               "bibtexparser", "defusedxml", "docx", "PIL"}  # fmt: skip
    required = [r for r in distribution.requires or [] if "extra ==" not in r]
    names = {re.split(r"[<>=!;\[ ]", r, maxsplit=1)[0].lower() for r in required}
    assert names == {
        "pypdfium2",
        "requests",
        "rapidfuzz",
        "typer",
        "python-crfsuite",
        "tomli",
        "tqdm",
        "bibtexparser",
        "defusedxml",
        "python-docx",
        "pillow",
    }
    sources = "\n".join(p.read_text("utf-8") for p in ROOT.joinpath("refcheck").rglob("*.py"))
    for module in imports:
        assert re.search(rf"^\s*(import|from) {module}\b", sources, re.M), module


def test_help_renders_plain_metavars() -> None:
    # typer 0.29 writes `<bool>` and `<list[str]>`; a choice list wrapped mid-word is unreadable.
    result = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "<bool>" not in result.output and "list[" not in result.output
    words = ("markdown", "github", "warning", "never", "recursively", "standard")
    for word in words:
        assert word in result.output, word
        for cut in range(3, len(word)):
            # A word cut by the wrap: its start, then the column's padding or the line's end.
            assert not re.search(rf"\b{word[:cut]}(?:[ │]{{2,}}|[ │]*\n)", result.output), word
