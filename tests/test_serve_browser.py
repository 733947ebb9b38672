"""The upload page in Chromium: sign in, drop a PDF on it, watch the job end, open the report,
download the SARIF. Skips only when no Chromium is installed (`.ci/run` installs it)."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.chromium import Chromium, find_chromium
from tests.serve_helpers import ADMIN, FIXTURE_PDF, WAIT_SECONDS, offline_config, running_app

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium installed (apt-get install chromium; .ci/run does)"
)


def _until(browser: Chromium, expression: str, accept: Callable[[Any], bool]) -> Any:
    """Evaluates ``expression`` until its value is accepted; a page being replaced (a form
    sent, a refresh) is waited out."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        with contextlib.suppress(RuntimeError):
            value = browser.evaluate(expression)
            if accept(value):
                return value
        time.sleep(0.1)
    raise AssertionError(f"{expression} never became what was awaited")


def _drop_file(browser: Chromium, selector: str, path: Path) -> None:
    """Drags the file from outside the browser and drops it in the middle of the element."""
    x, y = browser.evaluate(
        f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
        ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    data = {"items": [], "files": [str(path)], "dragOperationsMask": 1}
    for kind in ("dragEnter", "dragOver", "drop"):
        browser.call("Input.dispatchDragEvent", session=True, type=kind, x=x, y=y, data=data)


def test_upload_watch_open_report_and_download_sarif(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with running_app(offline_config(tmp_path / "data")) as base:
        browser = Chromium(CHROMIUM, tmp_path / "profile")
        try:
            browser.call(
                "Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads)
            )
            browser.open(base + "/")
            browser.evaluate(
                f"document.querySelector('input[name=token]').value = {json.dumps(ADMIN)};"
                "document.querySelector('form').submit()"
            )
            _until(browser, "!!document.querySelector('input[type=file]')", bool)
            _drop_file(browser, "input[type=file]", FIXTURE_PDF)
            chosen = "document.querySelector('input[type=file]').files.length"
            assert browser.evaluate(chosen) == 1
            browser.evaluate("document.querySelector('button[type=submit]').click()")
            state = "document.querySelector('#state')?.textContent"
            assert _until(browser, state, lambda s: s in ("done", "failed")) == "done"
            assert "1 of 1 files read" in browser.evaluate("document.body.textContent")
            job_page = browser.evaluate("location.href")
            browser.evaluate("document.querySelector('#report').click()")
            sections = "document.querySelectorAll('section.document').length"
            assert _until(browser, sections, lambda n: n == 1) == 1
            assert "ssoar_55386.pdf" in browser.evaluate("document.body.textContent")
            browser.open(job_page)
            browser.evaluate("document.querySelector('a[href*=\"format=sarif\"]').click()")
            _until(browser, "1", lambda _: any(downloads.glob("*.sarif")))
        finally:
            browser.close()
    (sarif,) = downloads.glob("*.sarif")
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
