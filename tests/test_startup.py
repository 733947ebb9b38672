"""What a run imports: a version query nothing of the command line, an offline check nothing of
the network stack, the image library or the other reporters. (How long start-up takes is
measured in ``benchmarks/speed.py``, not here.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "corpus" / "ssoar_55386.pdf"

PROBE = """
import json, sys
from refcheck.entry import main
sys.argv = ["refcheck", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
wanted = ["typer", "refcheck.cli", "requests", "urllib3", "PIL", "refcheck.report.html",
          "refcheck.report.sarif", "refcheck.resolve.http", "refcheck.pipeline"]
print(json.dumps({name: name in sys.modules for name in wanted}), file=sys.stderr)
"""


def _imported(*arguments: str) -> dict[str, bool]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    result: dict[str, bool] = json.loads(run.stderr.strip().splitlines()[-1])
    return result


def test_version_answers_without_importing_the_command_line() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "refcheck", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert run.stdout.startswith("refcheck ")
    imported = _imported("--version")
    assert not imported["typer"] and not imported["refcheck.cli"]
    assert not imported["refcheck.pipeline"]


def test_an_offline_json_check_imports_no_network_stack_and_no_other_reporter() -> None:
    imported = _imported("check", "--offline", "--format", "json", "--quiet", str(FIXTURE))
    assert imported["refcheck.pipeline"]  # the check ran
    for name in ("requests", "urllib3", "refcheck.resolve.http", "PIL", "refcheck.report.html"):
        assert not imported[name], name
    assert not imported["refcheck.report.sarif"]


def test_an_html_report_brings_its_reporter() -> None:
    """The lazy reporters still load when asked for (the probe's other half can fail)."""
    imported = _imported("check", "--offline", "--format", "html", "--quiet", str(FIXTURE))
    assert imported["refcheck.report.html"]
