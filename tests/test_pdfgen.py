"""Tests of the synthetic-article generator in tests/pdfgen.py.

Other tests will assert exact extracted values against the generator's truth files, so the
truth itself is checked here against what is really in the PDFs: every statement must be
visible, in the region of the page its source names, and the consistency claims (conflicts,
check digits, page counts, columns) are recomputed independently of the generator's code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.pdfgen import BODY_BOTTOM, BODY_TOP, GeneratedPdf, build_all

MM = 72 / 25.4  # PDF points per millimetre
TOP_KEYS = {
    "name", "pages", "columns", "title", "authors", "journal", "issn", "volume", "issue",
    "pages_range", "year", "date", "doi", "statements", "conflicts", "invalid_issns",
    "malformed_dois", "hyphenated_words", "broken_urls", "broken_dois", "non_ascii_words",
}  # fmt: skip
FIELDS = ("volume", "issue", "year", "pages", "doi")
SOURCES = {"pdf-info", "first-page", "running-header", "running-footer", "citation-block"}
NORMALISED = {
    "volume": r"[1-9]\d*",
    "issue": r"[1-9]\d*",
    "year": r"(19|20)\d\d",
    "pages": r"[1-9]\d*-[1-9]\d*",
    "doi": r"10\.\d{4,9}/[^\sA-Z]+",
}
DASH = "[-\u2013\u2014]"
CITATION_LABEL = re.compile(r"Cite this article as:|To cite this article:|Citation:")

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def each_statement(generated: list[GeneratedPdf]) -> Iterator[tuple[GeneratedPdf, dict[str, Any]]]:
    for pdf in generated:
        for st in pdf.truth["statements"]:
            yield pdf, st


# --- independent re-implementations, so the truth is not checked against itself ---------------


def issn_ok(issn: str) -> bool:
    digits = issn.replace("-", "")
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
    expected = (11 - total % 11) % 11
    return digits[7] == ("X" if expected == 10 else str(expected))


def to_roman(n: int) -> str:
    table = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, sym in table:
        count, n = divmod(n, value)
        out += sym * count
    return out


def statement_pattern(name: str, value: str) -> re.Pattern[str]:
    """How a normalised value may be printed, with the cue that makes it that field."""
    if name == "volume":
        forms = f"{value}|{to_roman(int(value))}"
        return re.compile(rf"\b(?:vol\.?|volume)\s*(?:{forms})\b|\b{value}\s*[(:]\s*\d", re.I)
    if name == "issue":
        return re.compile(
            rf"\b(?:no\.?|issue)\s*{value}\b|\b\d+\s*\(\s*{value}\s*\)|\b\d+:{value}\b", re.I
        )
    if name == "pages":
        first, last = value.split("-")
        return re.compile(rf"\b{first}\s*{DASH}\s*{last}\b")
    if name == "doi":
        return re.compile(re.escape(value), re.I)
    return re.compile(rf"\b{value}\b")


# --- text of the PDFs ---------------------------------------------------------------------------

# Crop boxes in points for pdftotext (-x -y -W -H at 72 dpi): the running header sits in the top
# margin, the running footer in the bottom margin, the rest between them.
REGIONS = {
    "header": (0, 0, 596, int(BODY_TOP * MM) - 8),
    "footer": (0, int(BODY_BOTTOM * MM) + 6, 596, 80),
    "middle": (0, int(BODY_TOP * MM) - 8, 596, int((BODY_BOTTOM - BODY_TOP) * MM) + 14),
}


@cache
def pdftotext(path: Path, page: int | None = None, region: str = "", mode: str = "") -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    if region:
        x, y, w, h = REGIONS[region]
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    if mode:
        args.append(mode)
    done = subprocess.run([*args, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def flat(text: str) -> str:
    return " ".join(text.split())


def citation_and_rest(path: Path) -> tuple[str, str]:
    """Page 1 between header and footer, split into the citation block and everything else."""
    middle = flat(pdftotext(path, 1, "middle"))
    label = CITATION_LABEL.search(middle)
    if label is None:
        return "", middle
    end = middle.index("Abstract", label.start())
    return middle[label.start() : end], middle[: label.start()] + middle[end:]


def region_text(pdf: GeneratedPdf, source: str, page: int) -> str:
    if source == "running-header":
        return flat(pdftotext(pdf.path, page, "header"))
    if source == "running-footer":
        return flat(pdftotext(pdf.path, page, "footer"))
    citation, rest = citation_and_rest(pdf.path)
    return citation if source == "citation-block" else rest


# --- building -----------------------------------------------------------------------------------


def test_every_variant_builds(generated: list[GeneratedPdf]) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    names = [g.name for g in generated]
    assert len(names) == len(set(names)) >= 10
    for g in generated:
        assert g.path.name == f"{g.name}.pdf"
        assert g.path.read_bytes().startswith(b"%PDF-")
        on_disk = json.loads(g.path.with_suffix(".truth.json").read_text(encoding="utf-8"))
        assert on_disk == g.truth
        with pikepdf.open(g.path) as doc:
            assert len(doc.pages) == g.truth["pages"]
            for page in doc.pages:  # A4 portrait
                box = [float(v) for v in page.mediabox]
                assert box[2] == pytest.approx(595.28, abs=0.1)
                assert box[3] == pytest.approx(841.89, abs=0.1)


def test_two_builds_are_byte_identical(
    generated: list[GeneratedPdf], tmp_path_factory: pytest.TempPathFactory
) -> None:
    again = build_all(tmp_path_factory.mktemp("pdfgen_again"))
    assert [g.name for g in again] == [g.name for g in generated]
    for first, second in zip(generated, again, strict=True):
        assert first.path.read_bytes() == second.path.read_bytes(), first.name
        json_a = first.path.with_suffix(".truth.json").read_bytes()
        assert json_a == second.path.with_suffix(".truth.json").read_bytes()


# --- the truth is well-formed and self-consistent --------------------------------------------


def test_truth_has_the_schema(generated: list[GeneratedPdf]) -> None:
    for g in generated:
        t = g.truth
        assert set(t) == TOP_KEYS, g.name
        assert t["name"] == g.name
        assert set(t["columns"]) == {str(p) for p in range(1, t["pages"] + 1)}
        assert 3 <= t["pages"] <= 6
        for st in t["statements"]:
            assert set(st) == {"field", "value", "page", "source"}
            assert st["field"] in FIELDS and st["source"] in SOURCES
            assert re.fullmatch(NORMALISED[st["field"]], st["value"]), st
            if st["source"] == "pdf-info":
                assert st["page"] is None
            else:
                assert 1 <= st["page"] <= t["pages"]
        for name in ("volume", "issue", "year", "doi"):
            assert re.fullmatch(NORMALISED[name], t[name])
        assert re.fullmatch(NORMALISED["pages"], t["pages_range"])


def test_top_level_values_are_the_first_page_values(generated: list[GeneratedPdf]) -> None:
    top = {"volume": "volume", "issue": "issue", "year": "year", "pages": "pages_range"}
    for g in generated:
        t = g.truth
        on_page_one = [s for s in t["statements"] if s["source"] == "first-page"]
        for st in on_page_one:
            assert st["page"] == 1
            assert st["value"] == t[top.get(st["field"], st["field"])], (g.name, st)
        assert {s["field"] for s in on_page_one} >= {"volume", "issue", "year", "doi"}
        first, last = (int(n) for n in t["pages_range"].split("-"))
        assert last - first + 1 == t["pages"], g.name
        assert t["date"].endswith(t["year"])


def test_conflicts_are_exactly_the_disagreeing_fields(generated: list[GeneratedPdf]) -> None:
    for g in generated:
        values: dict[str, set[str]] = defaultdict(set)
        for st in g.truth["statements"]:
            values[st["field"]].add(st["value"])
        disagreeing = {name for name, seen in values.items() if len(seen) > 1}
        assert set(g.truth["conflicts"]) == disagreeing, g.name
        assert len(g.truth["conflicts"]) == len(disagreeing)


def test_identifier_lists_are_right(generated: list[GeneratedPdf]) -> None:
    doi = re.compile(r"10\.\d{4,9}/\S+")
    for g in generated:
        t = g.truth
        assert all(re.fullmatch(r"\d{4}-\d{3}[\dX]", i) for i in t["issn"])
        assert t["invalid_issns"] == [i for i in t["issn"] if not issn_ok(i)]
        assert all(doi.fullmatch(d) is None for d in t["malformed_dois"])
        assert all(doi.fullmatch(d) for d in t["broken_dois"])


def test_the_corpus_covers_every_case(generated: list[GeneratedPdf]) -> None:
    truths = [g.truth for g in generated]
    conflicted = {c for t in truths for c in t["conflicts"]}
    assert conflicted == set(FIELDS)
    assert any(not t["conflicts"] for t in truths)
    assert any(t["invalid_issns"] for t in truths)
    assert any(t["malformed_dois"] for t in truths)
    columns = {n for t in truths for n in t["columns"].values()}
    assert {1, 2, 3} <= columns
    sources = {s["source"] for t in truths for s in t["statements"]}
    assert sources == SOURCES
    for key in ("hyphenated_words", "broken_urls", "broken_dois", "non_ascii_words"):
        assert any(t[key] for t in truths), key


# --- the truth is honest: it matches the text of the PDFs -------------------------------------


@needs_pdftotext
def test_each_statement_is_printed_where_the_truth_says(generated: list[GeneratedPdf]) -> None:
    for g, st in each_statement(generated):
        if st["source"] == "pdf-info":
            continue
        text = region_text(g, st["source"], st["page"])
        pattern = statement_pattern(st["field"], st["value"])
        assert pattern.search(text), (g.name, st, text[:300])


def test_pdf_info_statements_are_in_the_document_info(generated: list[GeneratedPdf]) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    for g in generated:
        with pikepdf.open(g.path) as doc:
            info = {str(k): str(v) for k, v in doc.docinfo.items()}
        assert info["/Title"] == g.truth["title"]
        assert all(a in info["/Author"] for a in g.truth["authors"])
        for st in (s for s in g.truth["statements"] if s["source"] == "pdf-info"):
            assert statement_pattern(st["field"], st["value"]).search(info["/Subject"]), st


@needs_pdftotext
def test_first_page_shows_the_paper_metadata(generated: list[GeneratedPdf]) -> None:
    for g in generated:
        t = g.truth
        page_one = flat(pdftotext(g.path, 1))
        for expected in (t["title"], t["journal"], t["date"], *t["authors"], *t["issn"]):
            assert expected in page_one, (g.name, expected)
        assert t["doi"] in page_one.lower()


@needs_pdftotext
def test_broken_words_urls_and_dois_span_two_lines(generated: list[GeneratedPdf]) -> None:
    for g in generated:
        # Raw mode keeps line ends and end-of-line hyphens; the default mode joins
        # hyphenated words, which would hide what is being checked.
        raw = pdftotext(g.path, mode="-raw")
        for word in g.truth["hyphenated_words"]:
            splits = (f"{word[:i]}-\n{word[i:]}" for i in range(2, len(word) - 1))
            assert any(s in raw for s in splits), (g.name, word)
        for url in g.truth["broken_urls"]:
            assert url not in raw
            assert any(f"{url[:i]}\n{url[i:]}" in raw for i in range(8, len(url))), url
        for doi in g.truth["broken_dois"]:
            low = raw.lower()
            assert any(f"{doi[:i]}\n{doi[i:]}" in low for i in range(1, len(doi))), doi


@needs_pdftotext
def test_malformed_dois_and_non_ascii_words_are_printed(generated: list[GeneratedPdf]) -> None:
    for g in generated:
        text = flat(pdftotext(g.path))
        for doi in g.truth["malformed_dois"]:
            assert re.search(rf"doi:?\s*{re.escape(doi)}", text, re.I), (g.name, doi)
        for word in g.truth["non_ascii_words"]:
            assert word in text, (g.name, word)
            assert not word.isascii()


WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def count_columns(page_html: str) -> int:
    """Text columns in the body area: left edges where at least three lines start."""
    top, bottom = BODY_TOP * MM, BODY_BOTTOM * MM
    lines: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for match in WORD_BOX.finditer(page_html):
        x0, y0, x1, y1 = (float(v) for v in match.groups())
        if y0 >= top and y1 <= bottom:
            lines[round(y1, 1)].append((x0, x1))
    starts: Counter[int] = Counter()
    for words in lines.values():
        words.sort()
        # A gap far wider than a word space (the gutter is 7 mm) starts a new column.
        for prev, (x0, _) in zip([None, *words], words, strict=False):
            if prev is None or x0 - prev[1] > 12:
                starts[round(x0)] += 1
    return sum(1 for n in starts.values() if n >= 3)


@needs_pdftotext
def test_columns_match_the_page_layout(generated: list[GeneratedPdf]) -> None:
    for g in generated:
        pages = pdftotext(g.path, mode="-bbox").split("<page ")[1:]
        found = {str(i): count_columns(p) for i, p in enumerate(pages, start=1)}
        assert found == g.truth["columns"], g.name
