"""The pre-commit hook (.pre-commit-hooks.yaml) runs an existing command on PDFs only."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from refcheck.cli import app

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

yaml = pytest.importorskip("yaml", reason="PyYAML is in the test extra: pip install -e '.[test]'")

ROOT = Path(__file__).resolve().parents[1]


def hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    only: dict[str, Any] = hooks[0]
    return only


def test_the_hook_is_refcheck_check_installed_as_a_python_package() -> None:
    data = hook()
    assert data["id"] == data["name"] == "refcheck"
    assert data["language"] == "python"
    assert data["description"]
    assert data["require_serial"] is True
    program, command, *args = shlex.split(data["entry"])
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"][program] == "refcheck.entry:main"
    assert command in typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert args == [] and "args" not in data, "online by default: a repository adds --offline"


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        ("paper.pdf", True),
        ("issue 12/Smith 2024.PDF", True),
        ("paper.pdf.txt", False),
        ("notes.md", False),
        ("pdf", False),
    ],
)
def test_the_hook_gets_pdf_files_only(path: str, checked: bool) -> None:
    # pre-commit matches `files` with re.search on the path relative to the repository.
    assert bool(re.search(hook()["files"], path)) is checked
    assert "types" not in hook(), "files decides; the default types [file] stays"
