"""The GitHub Action (action.yml): inputs, steps and the refcheck commands agree."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main

from refcheck.cli import FailOn, OutputFormat, app

yaml = pytest.importorskip("yaml", reason="PyYAML is in the test extra: pip install -e '.[test]'")

ROOT = Path(__file__).resolve().parents[1]
INPUTS = {"paths", "fail-on", "args", "mailto", "python-version"}


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def steps() -> list[dict[str, Any]]:
    return list(action()["runs"]["steps"])


def refcheck_commands() -> list[list[str]]:
    """Every `refcheck check …` line of the run scripts, split into words."""
    return [
        shlex.split(line.strip())
        for step in steps()
        for line in step.get("run", "").splitlines()
        if line.strip().startswith("refcheck check ")
    ]


def test_action_is_composite_with_the_documented_inputs() -> None:
    data = action()
    assert data["runs"]["using"] == "composite"
    assert set(data["inputs"]) == INPUTS
    assert data["inputs"]["paths"]["required"] is True
    assert FailOn(data["inputs"]["fail-on"]["default"]) is FailOn.error
    assert all(data["inputs"][name]["description"] for name in INPUTS)


def test_every_input_is_used_and_every_reference_is_declared() -> None:
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", text))
    assert used == INPUTS


def test_run_steps_name_their_shell_and_get_inputs_only_through_the_environment() -> None:
    for step in steps():
        if "run" in step:
            assert step["shell"] == "bash", step["name"]
            assert "${{" not in step["run"], f"{step['name']}: inputs pasted into a script"


def test_steps_install_from_the_action_then_check_then_upload_the_sarif_file() -> None:
    uses = [step.get("uses", "") for step in steps()]
    assert uses[0].startswith("actions/setup-python@")
    install = steps()[1]["run"]
    assert "pip install" in install and "$GITHUB_ACTION_PATH" in install
    sarif, markdown = refcheck_commands()
    assert sarif[sarif.index("--format") + 1] == "sarif"
    assert sarif[sarif.index("-o") + 1] == "refcheck.sarif"
    assert markdown[markdown.index("--format") + 1] == "markdown"
    summary = next(s for s in steps() if "markdown" in s.get("run", ""))
    assert '>> "$GITHUB_STEP_SUMMARY"' in summary["run"]
    upload = next(s for s in steps() if "upload-sarif" in s.get("uses", ""))
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "refcheck.sarif"
    assert action()["outputs"]["sarif-file"]["value"] == "refcheck.sarif"


def test_the_step_fails_with_refchecks_exit_code_after_the_upload() -> None:
    names = [step["name"] for step in steps()]
    check = next(s for s in steps() if s.get("id") == "check")
    assert 'echo "exit-code=$?" >> "$GITHUB_OUTPUT"' in check["run"]
    last = steps()[-1]
    assert last["if"] == "steps.check.outputs.exit-code != '0'"
    assert names.index("Upload SARIF to code scanning") < names.index(last["name"])


def test_commands_use_only_options_and_formats_refcheck_check_has() -> None:
    check = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    options = {name for param in check.params for name in param.opts if name.startswith("-")}
    formats = {f.value for f in OutputFormat}
    wanted = {"--mailto"} | {c[c.index("--format") + 1] for c in refcheck_commands()}
    assert not wanted - options - formats, "action.yml uses options refcheck check lacks"
    for words in refcheck_commands():
        flags = {word for word in words if word.startswith("--")}
        assert flags <= options, flags - options
