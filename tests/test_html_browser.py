"""The HTML report in a real browser: headless Chromium loads it, the DOM is counted, a filter is
clicked with the mouse, the print style sheet is applied, and a screenshot is saved.

Skips only when no Chromium is installed (`.ci/run` installs Debian's `chromium`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from refcheck.report import render
from tests.chromium import Chromium, find_chromium
from tests.report_fixture import HOSTILE, fixture_report

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium installed (apt-get install chromium; .ci/run does)"
)

VISIBLE = "Array.from(document.querySelectorAll('.finding')).filter(e => e.offsetParent).length"


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    assert CHROMIUM is not None
    folder = tmp_path_factory.mktemp("html-report")
    page = folder / "report.html"
    page.write_text(render(fixture_report(), "html"), encoding="utf-8")
    browser = Chromium(CHROMIUM, folder / "profile")
    try:
        browser.open(page.as_uri())
        yield browser
    finally:
        browser.close()


def _click(browser: Chromium, selector: str) -> None:
    """A real mouse click in the middle of the element, as a reader would make it."""
    box = browser.evaluate(
        f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
        ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    for kind in ("mousePressed", "mouseReleased"):
        browser.call(
            "Input.dispatchMouseEvent",
            session=True,
            type=kind,
            x=box[0],
            y=box[1],
            button="left",
            clickCount=1,
        )


def test_report_shows_every_document_finding_and_reference(report_page: Chromium) -> None:
    assert report_page.evaluate("document.querySelectorAll('section.document').length") == 3
    assert report_page.evaluate(VISIBLE) == 5
    assert report_page.evaluate("document.getElementById('filters').hidden") is False
    status = "document.getElementById('filter-status').textContent"
    assert report_page.evaluate(status) == "Showing 5 of 5 findings"
    statuses = report_page.evaluate(
        "Array.from(document.querySelectorAll('#doc-1 ~ table tbody tr td:nth-child(4) strong'))"
        ".map(e => e.textContent)"
    )
    assert statuses == ["verified", "metadata-mismatch", "not-found", "unverified"]
    doi = report_page.evaluate("document.querySelector('a.doi').href")
    assert doi == "https://doi.org/10.5555/ok.1"


def test_clicking_a_severity_filter_hides_those_findings(
    report_page: Chromium, tmp_path: Path
) -> None:
    _click(report_page, "input[name=severity][value=error]")
    assert report_page.evaluate("document.querySelector('input[value=error]').checked") is False
    assert report_page.evaluate(VISIBLE) == 2
    assert (
        report_page.evaluate(
            "document.querySelector('.severity-group[data-severity=error]').offsetParent"
        )
        is None
    )
    status = report_page.evaluate("document.getElementById('filter-status').textContent")
    assert status == "Showing 2 of 5 findings"
    _click(report_page, "input[name=rule][value=REF005]")
    assert report_page.evaluate(VISIBLE) == 1
    report_page.screenshot(tmp_path / "filtered.png")
    _click(report_page, "#show-all")
    assert report_page.evaluate(VISIBLE) == 5
    report_page.screenshot(tmp_path / "report.png")
    assert (tmp_path / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_hostile_pdf_text_stays_text(report_page: Chromium) -> None:
    assert report_page.evaluate("document.scripts.length") == 1
    assert report_page.evaluate("document.images.length") == 0
    assert report_page.evaluate("document.querySelectorAll('[onerror]').length") == 0
    assert report_page.evaluate("document.body.textContent.includes(" + json.dumps(HOSTILE) + ")")


def test_inline_style_and_script_pass_the_content_security_policy(
    report_page: Chromium,
) -> None:
    border = "getComputedStyle(document.querySelector('.finding')).borderLeftWidth"
    assert report_page.evaluate(border) == "6px"
    assert report_page.evaluate("document.getElementById('filters').hidden") is False


def test_print_style_hides_the_filters(report_page: Chromium) -> None:
    report_page.call("Emulation.setEmulatedMedia", session=True, media="print")
    try:
        display = "getComputedStyle(document.getElementById('filters')).display"
        assert report_page.evaluate(display) == "none"
        after = "getComputedStyle(document.querySelector('a.doi'), '::after').content"
        assert "https://doi.org/10.5555/ok.1" in report_page.evaluate(after)
    finally:
        report_page.call("Emulation.setEmulatedMedia", session=True, media="")
