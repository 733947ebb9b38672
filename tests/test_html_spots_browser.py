"""The HTML report of the README's example in headless Chromium: every citation finding shows
its sentence and an embedded crop of the page, the callout marked, under the page's strict
Content-Security-Policy (``img-src data:`` and nothing else).

Skips only when no Chromium is installed (`.ci/run` installs Debian's `chromium`).
"""

from __future__ import annotations

import base64
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.chromium import Chromium, find_chromium

ROOT = Path(__file__).resolve().parent.parent
# The README's first command checks this file.
EXAMPLE = ROOT / "fixtures" / "corpus" / "ssoar_55386.pdf"
CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium installed (apt-get install chromium; .ci/run does)"
)

# Installed before the page's own script runs: records every CSP violation of the page.
WATCH_CSP = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
)

CITATION_FINDINGS = """
Array.from(document.querySelectorAll('.finding')).filter(
  f => f.dataset.rule.startsWith('CIT')
    && /citation C\\d+/.test(f.querySelector('.where').textContent)
).map(f => {
  const img = f.querySelector('figure.spot img');
  const sentence = f.querySelector('blockquote.sentence');
  const mark = sentence ? sentence.querySelector('mark') : null;
  return {
    rule: f.dataset.rule,
    sentence: sentence ? sentence.textContent : null,
    mark: mark ? mark.textContent : null,
    src: img ? img.getAttribute('src') : null,
    complete: img ? img.complete : false,
    naturalWidth: img ? img.naturalWidth : 0,
    shownWidth: img ? img.getBoundingClientRect().width : 0,
  };
})
"""


@pytest.fixture(scope="module")
def example_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    assert CHROMIUM is not None
    folder = tmp_path_factory.mktemp("html-spots")
    page = folder / "report.html"
    subprocess.run(
        [sys.executable, "-m", "refcheck", "check", "--offline", "--fail-on", "never",
         "--format", "html", "--output", str(page), str(EXAMPLE)],
        check=True, cwd=ROOT, capture_output=True, timeout=300,
    )  # fmt: skip
    browser = Chromium(CHROMIUM, folder / "profile")
    try:
        browser.call("Page.addScriptToEvaluateOnNewDocument", session=True, source=WATCH_CSP)
        browser.open(page.as_uri())
        yield browser
    finally:
        browser.close()


def test_every_citation_finding_shows_its_sentence_and_a_crop(example_page: Chromium) -> None:
    findings: list[dict[str, Any]] = example_page.evaluate(CITATION_FINDINGS)
    assert {f["rule"] for f in findings} >= {"CIT001", "CIT004"}
    for finding in findings:
        assert finding["sentence"] and finding["mark"], finding
        assert finding["mark"] in finding["sentence"]
        assert finding["src"].startswith("data:image/png;base64,")
        png = base64.b64decode(finding["src"].split(",", 1)[1])
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert finding["complete"] and finding["naturalWidth"] > 0
        assert finding["shownWidth"] > 0
    ahmed = next(f for f in findings if f["rule"] == "CIT001")
    assert ahmed["mark"] == "Ahmed (2007)"
    assert "study of Ahmed (2007), which studied" in ahmed["sentence"]


def test_reference_rows_open_the_crop_of_their_entry(example_page: Chromium) -> None:
    rows = example_page.evaluate(
        "Array.from(document.querySelectorAll('tbody tr')).filter("
        "r => r.querySelector('details.spot img')).length"
    )
    references = example_page.evaluate(
        "Array.from(document.querySelectorAll('caption')).find("
        "c => c.textContent.startsWith('Each entry')).closest('table').tBodies[0].rows.length"
    )
    assert references == 42
    assert rows == references
    opened = example_page.evaluate(
        "(() => { const d = document.querySelector('details.spot'); d.open = true;"
        " const i = d.querySelector('img'); return [i.naturalWidth,"
        " i.getBoundingClientRect().height]; })()"
    )
    assert opened[0] > 0 and opened[1] > 0


def test_the_images_break_no_content_security_policy(example_page: Chromium) -> None:
    assert example_page.evaluate("window.__violations") == []
    policy = example_page.evaluate(
        "document.querySelector('meta[http-equiv=Content-Security-Policy]').content"
    )
    assert "img-src data:;" in policy and "default-src 'none'" in policy
    sources = example_page.evaluate("Array.from(document.images).map(i => i.src.slice(0, 22))")
    assert sources and set(sources) == {"data:image/png;base64,"}
    # The watch works: an image from anywhere else is refused (before any request is made).
    refused = example_page.call(
        "Runtime.evaluate",
        session=True,
        awaitPromise=True,
        returnByValue=True,
        expression=(
            "new Promise(done => { document.addEventListener('securitypolicyviolation',"
            " e => done(e.violatedDirective), {once: true});"
            " const i = new Image(); i.src = 'http://127.0.0.1:9/x.png';"
            " document.body.append(i); })"
        ),
    )
    assert refused["result"]["value"] == "img-src"
