"""What each report format promises beyond its golden file: escaping of hostile PDF text,
annotation syntax, size limits, reference statuses, no request at view time, the CLI flag."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt
from typer.testing import CliRunner

from refcheck.cli import app
from refcheck.model import Finding, Report, Severity, Statement
from refcheck.report import FORMATS, github, html, markdown, render
from refcheck.report.common import reference_status
from tests.report_fixture import HOSTILE, fixture_report

FIXTURE_PDF = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "ssoar_55386.pdf"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def test_html_turns_hostile_pdf_text_into_text_not_markup() -> None:
    page = html.render(fixture_report())
    tags = _tags(page)
    assert [tag for tag, _ in tags].count("script") == 1
    assert not any(tag in ("img", "b") for tag, _ in tags)
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_html_makes_no_request_at_view_time() -> None:
    page = html.render(fixture_report())
    tags = _tags(page)
    assert not any("src" in attrs for _, attrs in tags)
    links = [attrs["href"] or "" for tag, attrs in tags if tag == "a"]
    assert all(link.startswith(("#", "https://doi.org/")) for link in links)
    assert not any(tag == "link" for tag, _ in tags)
    policy = next(a["content"] for t, a in tags if a.get("http-equiv") == "Content-Security-Policy")
    assert policy is not None and policy.startswith("default-src 'none'")


def test_html_tables_have_captions_and_inputs_have_labels() -> None:
    page = html.render(fixture_report())
    assert page.count("<table") == page.count("<caption>") > 0
    assert page.count("<input ") == page.count("<label><input ") > 0
    assert '<html lang="en">' in page


def test_html_doi_link_percent_encodes_markup_in_a_doi() -> None:
    links = [a["href"] for t, a in _tags(html.render(fixture_report())) if t == "a"]
    assert "https://doi.org/10.5555/%3Cb%3Ex" in links


def test_reference_status_from_resolutions_and_findings() -> None:
    online, offline, _ = fixture_report().documents
    assert online.document is not None and offline.document is not None
    statuses = [reference_status(online, r).status for r in online.document.references]
    assert statuses == ["verified", "metadata-mismatch", "not-found", "unverified"]
    assert reference_status(online, online.document.references[1]).codes == ("XREF001", "CIT003")
    assert reference_status(offline, offline.document.references[0]).status == "not checked"


def test_an_offline_finding_on_a_verified_reference_is_no_mismatch() -> None:
    online = fixture_report().documents[0]
    assert online.document is not None
    incomplete = Finding("REF005", "incomplete-reference", Severity.INFO, "no pages", None, "R1")
    result = replace(online, findings=(*online.findings, incomplete))
    assert reference_status(result, online.document.references[0]).status == "verified"


def test_github_annotations_cannot_break_lines_or_inject_commands() -> None:
    lines = github.render(fixture_report()).splitlines()
    commands, summary = lines[:-1], lines[-1]
    assert all(re.match(r"::(error|warning|notice) file=[^:]*::", line) for line in commands)
    assert len(commands) == 6
    assert summary.startswith("2 documents checked")
    hostile = next(line for line in commands if "REF005" in line)
    assert hostile.startswith("::notice file=papers/hostile%2C 100%25.pdf,title=REF005 ")
    assert "lacks a volume%0Asecond line" in hostile
    assert "%250A ::warning::" in hostile


def test_github_properties_escape_colons_and_commas() -> None:
    assert github.escape_property("a:b,c%\nd") == "a%3Ab%2Cc%25%0Ad"
    assert github.escape_data("a:b,c%\r\nd") == "a:b,c%25%0D%0Ad"


def test_markdown_escapes_markup_table_cells_and_mentions() -> None:
    assert markdown.escape("<b>*x*</b> | `y` @editor\nz") == (
        "&lt;b&gt;\\*x\\*&lt;/b&gt; \\| \\`y\\` @\u2060editor z"
    )
    text = markdown.render(fixture_report())
    assert "<script" not in text and "<img" not in text
    table_rows = [line for line in text.splitlines() if line.startswith("| papers/")]
    assert [row.count(" | ") for row in table_rows] == [6, 6, 1 + 5]


def test_markdown_renders_hostile_text_literally_in_a_commonmark_renderer() -> None:
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table")
    page = renderer.render(markdown.render(fixture_report()))
    tags = {tag for tag, _ in _tags(page)}
    assert tags <= {"h2", "h3", "h4", "p", "strong", "em", "ul", "li", "details", "summary",
                    "table", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
    assert HOSTILE in unescape(page)
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    assert {row.count("<td") for row in rows if "<td" in row} <= {4, 7}


def test_markdown_stays_within_the_comment_size_limit() -> None:
    base = fixture_report().documents[0]
    many = tuple(
        Finding("CIT001", "unmatched-citation", Severity.ERROR, f"citation {n} {HOSTILE}", n)
        for n in range(3000)
    )
    text = markdown.render(Report((replace(base, findings=many),)))
    assert len(text) <= markdown.MAX_CHARACTERS + 100 < 65_536
    left_out = int(re.search(r"_(\d+) more findings left out", text).group(1))  # type: ignore[union-attr]
    assert left_out + text.count("\n- **CIT001**") == 3000


def test_check_accepts_every_format_name() -> None:
    result = CliRunner().invoke(app, ["check", "--format", "nope", str(FIXTURE_PDF)])
    assert result.exit_code == 2
    for fmt in FORMATS:
        assert fmt in result.output


def test_check_writes_sarif_for_a_real_pdf(tmp_path: Path) -> None:
    output = tmp_path / "report.sarif"
    args = ["check", "--offline", "--format", "sarif", "-o", str(output), str(FIXTURE_PDF)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    assert '"version": "2.1.0"' in output.read_text(encoding="utf-8")


def test_html_shows_a_running_header_statement_once_with_its_page_ranges() -> None:
    report = fixture_report()
    result = report.documents[0]
    assert result.document is not None
    header = [
        Statement("issn", "2000-000X", "2000000x", page, "running-header", "ISSN 2000-000X")
        for page in (*range(2, 27), 30)
    ]
    metadata = replace(result.document.metadata, statements=tuple(header))
    document = replace(result.document, metadata=metadata)
    page = html.render(Report(documents=(replace(result, document=document),)))
    assert page.count("2000-000X <span") == 1
    assert "(running-header, pages 2–26, 30)" in page


def _with_corrected_entry(title: str) -> Report:
    from refcheck.model import Author, Reference, WorkRecord
    from refcheck.suggest import corrected_entry

    record = WorkRecord(
        "10.5555/reef.2019",
        "crossref",
        title=title,
        authors=(Author("Smith", "John"),),
        container="J. Mar. Biol.",
        volume="13",
        pages="1655-1664",
        year="2019",
        type="journal-article",
    )
    reference = Reference("R2", "Smith J (2019) Reef. J Mar Biol 12:1655-64.", 19)
    report = fixture_report()
    document = report.documents[0]
    finding = Finding("XREF001", "reference-field-mismatch", Severity.WARNING,
                      "volume is '12' in the reference but '13' in the crossref record", page=19,
                      reference_id="R2", evidence={"field": "volume", "found": "12",
                      "expected": "13", **corrected_entry(record, reference)})  # fmt: skip
    return replace(report, documents=(replace(document, findings=(finding,)),))


def test_the_corrected_entry_is_a_block_to_copy_in_text_html_and_markdown() -> None:
    report = _with_corrected_entry("Deep roots of coral reef resilience")
    text = render(report, "text")
    assert "    corrected entry, from the record (BibTeX):\n      @article{smith2019," in text
    page = html.render(report)
    assert '<details class="corrected">' in page and "@article{smith2019," in unescape(page)
    assert "````bibtex\n  @article{smith2019," in markdown.render(report)
    assert "corrected_csl" not in text  # the CSL-JSON is for the JSON report


def test_a_line_break_in_the_records_title_cannot_forge_report_lines() -> None:
    report = _with_corrected_entry("Reef\nother.pdf:1: CIT001 error forged")
    lines = render(report, "text").splitlines()
    assert not any(line.startswith("other.pdf") for line in lines)
