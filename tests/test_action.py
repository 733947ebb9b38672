"""The GitHub Action (action.yml): inputs, steps and the refcheck command agree, and its check
script, run here with bash as the runner would, handles paths with spaces and hostile input."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from refcheck.cli import FailOn, app
from refcheck.report import FORMATS

yaml = pytest.importorskip("yaml", reason="PyYAML is in the test extra: pip install -e '.[test]'")

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "corpus" / "ssoar_55386.pdf"
INPUTS = {"paths", "fail-on", "args", "mailto", "upload-sarif", "cache", "python-version"}
BOOLEAN_INPUTS = ("upload-sarif", "cache")


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def steps() -> list[dict[str, Any]]:
    return list(action()["runs"]["steps"])


def step(name: str) -> dict[str, Any]:
    return next(s for s in steps() if s["name"] == name)


def uses(prefix: str) -> list[dict[str, Any]]:
    return [s for s in steps() if s.get("uses", "").startswith(prefix)]


def refcheck_lines() -> list[str]:
    """Every line of the run scripts that calls refcheck."""
    return [
        line.strip()
        for s in steps()
        for line in s.get("run", "").splitlines()
        if re.match(r"\s*refcheck\b", line)
    ]


def check_options() -> set[str]:
    check = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    return {name for param in check.params for name in param.opts if name.startswith("-")}


def test_action_is_composite_with_the_documented_inputs() -> None:
    data = action()
    assert data["runs"]["using"] == "composite"
    assert set(data["inputs"]) == INPUTS
    assert data["inputs"]["paths"]["required"] is True
    assert FailOn(data["inputs"]["fail-on"]["default"]) is FailOn.error
    assert all(data["inputs"][name]["description"] for name in INPUTS)
    for name in BOOLEAN_INPUTS:
        assert data["inputs"][name]["default"] == "true", name
    assert "one per line" in data["inputs"]["paths"]["description"]


def test_every_input_is_used_and_every_reference_is_declared() -> None:
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{\{[^}]*?\binputs\.([\w-]+)", text))
    used |= set(re.findall(r"^\s*if:.*?\binputs\.([\w-]+)", text, re.M))
    assert used == INPUTS


def test_run_steps_name_their_shell_and_get_inputs_only_through_the_environment() -> None:
    for s in steps():
        if "run" in s:
            assert s["shell"] == "bash", s["name"]
            assert "${{" not in s["run"], f"{s['name']}: an expression pasted into a script"


def test_refcheck_is_installed_from_the_actions_own_checkout() -> None:
    assert steps()[0]["uses"].startswith("actions/setup-python@")
    install = step("Install refcheck")["run"]
    assert re.fullmatch(r'python -m pip install [\w -]*"\$GITHUB_ACTION_PATH"\s*', install)


def test_one_refcheck_run_writes_the_sarif_file_and_the_summary() -> None:
    assert len(refcheck_lines()) == 1, "every report comes from one run"
    script = step("Check the PDFs")["run"]
    assert refcheck_lines()[0].startswith("refcheck check ")
    assert "--report sarif=refcheck.sarif" in script
    assert '--report "markdown=$summary"' in script
    assert '>> "$GITHUB_STEP_SUMMARY"' in script
    assert action()["outputs"]["sarif-file"]["value"] == "refcheck.sarif"
    flags = set(re.findall(r"(?<![\w-])--[a-z][\w-]*", script))
    assert flags <= check_options(), flags - check_options()
    reports = re.findall(r"--report \"?(\w+)=", script)
    assert set(reports) <= set(FORMATS)


def test_paths_are_passed_quoted_after_the_options() -> None:
    command = shlex.split(refcheck_lines()[0])
    assert command[-2:] == ["--", "${paths[@]}"]
    assert '"${paths[@]}"' in refcheck_lines()[0]


def test_sarif_upload_can_be_turned_off() -> None:
    (upload,) = uses("github/codeql-action/upload-sarif@")
    assert "inputs.upload-sarif == 'true'" in upload["if"]
    assert upload["if"].startswith("always()")
    assert upload["with"]["sarif_file"] == "refcheck.sarif"


def test_the_lookup_cache_is_restored_before_and_saved_after_the_run() -> None:
    (restore,) = uses("actions/cache/restore@")
    (save,) = uses("actions/cache/save@")
    names = [s["name"] for s in steps()]
    assert names.index(restore["name"]) < names.index("Check the PDFs") < names.index(save["name"])
    assert restore["if"] == "inputs.cache == 'true'"
    assert save["if"] == "always() && inputs.cache == 'true'"
    assert restore["with"]["path"] == save["with"]["path"]
    assert save["with"]["key"] == restore["with"]["key"]
    assert "runner.os" in save["with"]["key"]
    assert restore["with"]["key"].startswith(restore["with"]["restore-keys"])
    env = step("Check the PDFs")["env"]
    assert env["REFCHECK_CACHE_DIR"] == restore["with"]["path"]
    assert '--cache-dir "$REFCHECK_CACHE_DIR"' in step("Check the PDFs")["run"]


def test_the_step_fails_with_refchecks_exit_code_last() -> None:
    check = step("Check the PDFs")
    assert check["id"] == "check"
    assert 'echo "exit-code=$code" >> "$GITHUB_OUTPUT"' in check["run"]
    last = steps()[-1]
    assert last["if"] == "steps.check.outputs.exit-code != '0'"
    assert 'exit "$REFCHECK_EXIT"' in last["run"]
    assert all(s.get("if", "").startswith("always()") for s in steps()[-3:-1])


def _run_check_script(tmp_path: Path, env: dict[str, str]) -> tuple[int, dict[str, str]]:
    """The check step's script under bash, as the runner runs it, with refcheck on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "refcheck"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m refcheck "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    (tmp_path / "temp").mkdir()
    files = {name: tmp_path / name for name in ("output", "summary")}
    full = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path / "temp"),
        "GITHUB_OUTPUT": str(files["output"]),
        "GITHUB_STEP_SUMMARY": str(files["summary"]),
        "REFCHECK_FAIL_ON": "error",
        "REFCHECK_ARGS": "",
        "REFCHECK_MAILTO": "",
        "REFCHECK_CACHE": "true",
        "REFCHECK_CACHE_DIR": str(tmp_path / "cache"),
        **env,
    }
    script = step("Check the PDFs")["run"]
    process = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=tmp_path,
        env=full,
        check=False,
        capture_output=True,
        timeout=120,
    )
    outputs = dict(
        line.split("=", 1) for line in files["output"].read_text(encoding="utf-8").splitlines()
    )
    return process.returncode, outputs


bash = pytest.mark.skipif(shutil.which("bash") is None or os.name != "posix", reason="needs bash")


@bash
def test_the_check_script_takes_one_path_per_line_spaces_included(tmp_path: Path) -> None:
    papers = tmp_path / "my papers"
    papers.mkdir()
    shutil.copy(FIXTURE, papers / "a paper.pdf")
    paths = "  my papers/a paper.pdf  \n\nmy papers\n"
    status, outputs = _run_check_script(
        tmp_path, {"REFCHECK_PATHS": paths, "REFCHECK_ARGS": "--offline  --select META,CIT"}
    )
    assert status == 0, "the step itself succeeds; the last step fails it"
    assert outputs["exit-code"] == "1"
    sarif = json.loads((tmp_path / "refcheck.sarif").read_text(encoding="utf-8"))
    artifacts = [a["location"] for a in sarif["runs"][0]["artifacts"]]
    assert artifacts == [{"uri": "my%20papers/a%20paper.pdf", "uriBaseId": "%SRCROOT%"}]
    summary = (tmp_path / "summary").read_text(encoding="utf-8")
    assert summary.startswith("## refcheck") and "a paper.pdf" in summary
    assert Path(outputs["markdown-file"]).read_text(encoding="utf-8") == summary


@bash
def test_the_check_script_runs_no_command_from_an_input(tmp_path: Path) -> None:
    status, outputs = _run_check_script(
        tmp_path,
        {
            "REFCHECK_PATHS": "$(touch pwned-path).pdf\n`touch pwned-tick`.pdf",
            "REFCHECK_ARGS": "--offline *",
            "REFCHECK_MAILTO": "a@b.example; touch pwned-mail",
        },
    )
    assert status == 0
    assert outputs["exit-code"] == "2", "missing files: exit 2"
    assert not list(tmp_path.glob("pwned*"))


def test_ci_runs_the_action_of_the_commit_on_a_path_with_spaces() -> None:
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    (this,) = [s for s in ci["jobs"]["action"]["steps"] if s.get("uses") == "./"]
    assert set(this["with"]) <= INPUTS
    assert any(" " in path for path in this["with"]["paths"].splitlines())
    assert this["with"]["upload-sarif"] == "false"
