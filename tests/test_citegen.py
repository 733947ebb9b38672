"""Tests of the citation-set generator in tests/citegen.py.

Linking tests will score against these truth files, so the truth is checked here against the
PDFs themselves (pdftotext for the text, pdfplumber for the raised superscripts) and against
independent re-statements of the style rules, and each defect variant is compared with the
clean paper it copies to show that it differs by exactly the planted problem.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.citegen import CitedPdf, build_citation_set
from tests.pdfgen import FONT_MISSING, find_font_files

MM = 72 / 25.4
STYLES = {"apa", "harvard", "chicago", "ieee", "vancouver"}
AUTHOR_YEAR = {"apa", "harvard", "chicago"}
TYPES = {"article", "book", "chapter", "report", "web", "thesis", "preprint"}
CODES = {"CIT001", "CIT002", "CIT003", "CIT004", "CIT005", "REF001", "REF002", "REF004",
         "REF005"}  # fmt: skip
REF_KEYS = {
    "id", "label", "raw", "page", "authors", "et_al", "year", "year_suffix", "title",
    "container", "volume", "issue", "pages", "doi", "url", "publisher", "type",
}  # fmt: skip
WORK_KEYS = {"text", "number", "names", "et_al", "year", "year_suffix", "reference_ids"}
SUPERSCRIPT_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


@pytest.fixture(scope="module")
def cited(tmp_path_factory: pytest.TempPathFactory) -> list[CitedPdf]:
    if find_font_files() is None:
        pytest.skip(FONT_MISSING)
    return build_citation_set(tmp_path_factory.mktemp("citegen"))


def by_name(cited: list[CitedPdf]) -> dict[str, dict[str, Any]]:
    return {c.name: c.truth for c in cited}


def clean(cited: list[CitedPdf]) -> list[CitedPdf]:
    return [c for c in cited if c.truth["base"] is None]


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text).casefold() if c.isalpha())


def ref_of(truth: dict[str, Any], rid: str) -> dict[str, Any]:
    return next(r for r in truth["references"] if r["id"] == rid)


# --- building ------------------------------------------------------------------------------------


def test_builds_every_paper(cited: list[CitedPdf]) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    names = [c.name for c in cited]
    assert len(names) == len(set(names))
    combos = {(c.truth["style"], c.truth["columns"]) for c in clean(cited)}
    assert combos == {(s, n) for s in STYLES for n in (1, 2)}
    for c in cited:
        assert c.path.name == f"{c.name}.pdf"
        assert c.path.read_bytes().startswith(b"%PDF-")
        on_disk = json.loads(c.path.with_suffix(".truth.json").read_text(encoding="utf-8"))
        assert on_disk == c.truth
        doc = pdfium.PdfDocument(str(c.path))
        try:
            assert len(doc) == c.truth["pages"]
            assert 3 <= len(doc) <= 5
            width, height = doc[0].get_size()
            assert (round(width), round(height)) == (595, 842)
        finally:
            doc.close()


def test_two_builds_are_byte_identical(
    cited: list[CitedPdf], tmp_path_factory: pytest.TempPathFactory
) -> None:
    again = build_citation_set(tmp_path_factory.mktemp("citegen_again"))
    assert [c.name for c in again] == [c.name for c in cited]
    for first, second in zip(cited, again, strict=True):
        assert first.path.read_bytes() == second.path.read_bytes(), first.name
        truth = first.path.with_suffix(".truth.json").read_bytes()
        assert truth == second.path.with_suffix(".truth.json").read_bytes()


# --- the truth is well formed --------------------------------------------------------------------


def test_truth_has_the_schema(cited: list[CitedPdf]) -> None:
    for c in cited:
        t = c.truth
        assert t["name"] == c.name and t["style"] in STYLES and t["columns"] in (1, 2)
        assert t["published"] == "2021-06-12"
        refs = t["references"]
        assert 15 <= len(refs) <= 30, c.name
        assert [r["id"] for r in refs] == [f"R{i}" for i in range(1, len(refs) + 1)]
        for r in refs:
            assert set(r) == REF_KEYS, (c.name, r["id"])
            assert r["type"] in TYPES
            assert (r["label"] is None) == (t["style"] in AUTHOR_YEAR)
            assert r["raw"] == " ".join(r["raw"].split()) and r["raw"]
            assert 1 <= r["page"] <= t["pages"]
            assert r["year"] is None or re.fullmatch(r"(19|20)\d\d", r["year"])
            assert r["pages"] is None or re.fullmatch(r"\d+-\d+|e\d+", r["pages"])
            assert r["doi"] is None or re.fullmatch(r"10\.5555/[^\sA-Z]+", r["doi"])
            assert r["doi"] is None or r["doi"] in r["raw"].lower()
            assert r["url"] is None or r["url"] in r["raw"]
            for field in ("title", "container", "volume", "issue"):
                assert r[field] is None or r[field] in r["raw"], (c.name, r["id"], field)
            for a in r["authors"]:
                assert a["family"] in r["raw"] and a["given"] in r["raw"]
        ids = {r["id"] for r in refs}
        pages = [cit["page"] for cit in t["citations"]]
        assert pages == sorted(pages), c.name  # reading order
        for cit in t["citations"]:
            assert cit["style"] in ("parenthetical", "narrative", "numeric", "superscript")
            assert cit["works"]
            for w in cit["works"]:
                assert set(w) == WORK_KEYS
                assert set(w["reference_ids"]) <= ids
                assert w["text"] in cit["text"] or cit["style"] == "narrative"
            if cit["style"] in ("numeric", "superscript"):
                assert all(isinstance(w["number"], int) for w in cit["works"])


def test_clean_papers_have_no_problems(cited: list[CitedPdf]) -> None:
    for c in clean(cited):
        t = c.truth
        refs = t["references"]
        assert t["defects"] == []
        cited_ids = [rid for cit in t["citations"] for w in cit["works"]
                     for rid in w["reference_ids"]]  # fmt: skip
        assert set(cited_ids) == {r["id"] for r in refs}, c.name  # all cited (CIT002)
        for cit in t["citations"]:
            assert all(len(w["reference_ids"]) == 1 for w in cit["works"]), cit  # CIT001/005
        raws = [r["raw"] for r in refs]
        assert len(raws) == len(set(raws))  # REF001
        for r in refs:
            assert r["year"] is not None and int(r["year"]) <= 2021  # REF004
            if r["type"] == "article":  # REF005
                assert r["container"] and r["volume"] and r["pages"], (c.name, r["id"])
        if t["style"] in AUTHOR_YEAR:
            check_author_year(t)
        else:
            check_numeric(t)


def check_author_year(t: dict[str, Any]) -> None:
    refs = t["references"]
    keys = [([fold(a["family"]) for a in r["authors"]], r["year"], r["year_suffix"]) for r in refs]
    assert keys == sorted(keys), t["name"]  # REF002
    limit = 3 if t["style"] == "apa" else 4  # authors from which "et al." is used
    for cit in t["citations"]:
        names: list[str] = []
        for w in cit["works"]:
            ref = ref_of(t, w["reference_ids"][0])
            families = [a["family"] for a in ref["authors"]]
            names = w["names"] or names  # "2019b" inherits the names before it
            assert w["year"] == ref["year"] and w["year_suffix"] == ref["year_suffix"]  # CIT003
            assert w["et_al"] == (len(families) >= limit), (t["name"], cit["text"])  # CIT004
            assert names == (families[:1] if w["et_al"] else families), cit["text"]
        # CIT005: a year without its suffix never fits two references
    suffixed = Counter((r["authors"][0]["family"], r["year"]) for r in refs if r["year_suffix"])
    assert all(n == 2 for n in suffixed.values())


def check_numeric(t: dict[str, Any]) -> None:
    refs = t["references"]
    assert [r["label"] for r in refs] == [str(i) for i in range(1, len(refs) + 1)]
    first_seen: list[int] = []
    for cit in t["citations"]:
        for w in cit["works"]:
            assert w["reference_ids"] == [f"R{w['number']}"]
            if w["number"] not in first_seen:
                first_seen.append(w["number"])
    assert first_seen == list(range(1, len(refs) + 1)), t["name"]  # order of first citation


def test_every_form_of_callout_occurs(cited: list[CitedPdf]) -> None:
    for c in clean(cited):
        t = c.truth
        texts = [cit["text"] for cit in t["citations"]]
        joined = " | ".join(texts)
        kinds = {cit["style"] for cit in t["citations"]}
        style = t["style"]
        if style in AUTHOR_YEAR:
            sep = ", " if style == "apa" else " "
            two = " & " if style == "apa" else " and "
            assert kinds == {"parenthetical", "narrative"}
            assert f"(Kowalski{two}Lee{sep}2020)" in texts
            assert "Kowalski and Lee (2020)" in texts
            assert f"(World Health Organization{sep}2020)" in texts
            assert re.search(r"\(Novak[^()]*2019a, 2019b\)", joined)
            locator = ", p. 5" if style != "chicago" else ", 5"
            assert f"(see Smith{sep}2020a{locator}; Lee{sep}2019)" in texts
            assert "et al." in joined and any(";" in x for x in texts)
            assert any(r["year_suffix"] for r in t["references"])
        elif style == "ieee":
            assert kinds == {"numeric"}
            assert any(re.fullmatch(r"\[\d+\]", x) for x in texts)
            assert any(re.fullmatch(r"\[\d+, \d+\]", x) for x in texts)
            assert any(re.fullmatch(r"\[\d+–\d+\]", x) for x in texts)
            assert any(re.fullmatch(r"\[\d+\]–\[\d+\]", x) for x in texts)
        else:
            assert kinds == {"superscript"}
            assert any(re.fullmatch(r"\d+–\d+", x) for x in texts)
            assert any(re.fullmatch(r"\d+(,\d+)+", x) for x in texts)
    refs = [r for c in clean(cited) for r in c.truth["references"]]
    assert {r["type"] for r in refs} == TYPES
    families = {a["family"] for r in refs for a in r["authors"]}
    assert {"van der Berg", "de la Cruz", "Müller", "Núñez", "Smith-Jones"} <= families
    assert any(a["organization"] for r in refs for a in r["authors"])


# --- the defect variants differ from their clean paper by exactly the planted problem ----------


def test_every_defect_is_planted(cited: list[CitedPdf]) -> None:
    truths = by_name(cited)
    seen = {d["code"] for c in cited for d in c.truth["defects"]}
    assert seen == CODES
    for c in cited:
        t = c.truth
        if t["base"] is None:
            continue
        base = truths[t["base"]]
        assert (t["style"], t["columns"]) == (base["style"], base["columns"])
        assert t["defects"], c.name
        assert len({d["code"] for d in t["defects"]}) == 1
        for d in t["defects"]:
            CHECKS[d["code"]](t, base, d)


def citation_texts(t: dict[str, Any]) -> list[str]:
    return [cit["text"] for cit in t["citations"]]


def raws(t: dict[str, Any]) -> list[str]:
    return [r["raw"] for r in t["references"]]


def defect_citation(t: dict[str, Any], d: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    found = [(i, cit) for i, cit in enumerate(t["citations"]) if cit["text"] == d["citation_text"]]
    assert found, d
    return found[-1] if len(found) > 1 else found[0]


def changed_citation(t: dict[str, Any], base: dict[str, Any], d: dict[str, Any]) -> dict[str, Any]:
    """The one citation that differs from the clean paper, all else equal."""
    assert raws(t) == raws(base)
    a, b = citation_texts(t), citation_texts(base)
    assert len(a) == len(b)
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    assert len(diff) == 1 and a[diff[0]] == d["citation_text"], (t["name"], diff)
    cit: dict[str, Any] = t["citations"][diff[0]]
    return cit


def only_work(cit: dict[str, Any]) -> dict[str, Any]:
    assert len(cit["works"]) == 1
    w: dict[str, Any] = cit["works"][0]
    return w


def check_cit001(t: dict[str, Any], base: dict[str, Any], d: dict[str, Any]) -> None:
    assert raws(t) == raws(base)
    i, cit = defect_citation(t, d)
    assert citation_texts(t)[:i] + citation_texts(t)[i + 1 :] == citation_texts(base)
    w = only_work(cit)
    assert w["reference_ids"] == [] and d["reference_id"] is None
    if t["style"] == "ieee":
        assert w["number"] > max(int(r["label"]) for r in t["references"])
    else:
        families = {a["family"] for r in t["references"] for a in r["authors"]}
        assert not set(w["names"]) & families


def check_cit002(t: dict[str, Any], base: dict[str, Any], d: dict[str, Any]) -> None:
    assert citation_texts(t) == citation_texts(base)
    extra = ref_of(t, d["reference_id"])
    assert Counter(raws(t)) - Counter(raws(base)) == Counter([extra["raw"]])
    cited_ids = {rid for cit in t["citations"] for w in cit["works"] for rid in w["reference_ids"]}
    assert d["reference_id"] not in cited_ids
    assert {r["id"] for r in t["references"]} - cited_ids == {d["reference_id"]}


def check_cit003(t: dict[str, Any], base: dict[str, Any], d: dict[str, Any]) -> None:
    w = only_work(changed_citation(t, base, d))
    ref = ref_of(t, d["reference_id"])
    assert w["reference_ids"] == [ref["id"]]
    assert w["year"] != ref["year"] and w["names"][0] == ref["authors"][0]["family"]


def check_cit004(t: dict[str, Any], base: dict[str, Any], d: dict[str, Any]) -> None:
    cit = changed_citation(t, base, d)
    w = only_work(cit)
    ref = ref_of(t, d["reference_id"])
    assert w["reference_ids"] == [ref["id"]] and w["year"] == ref["year"]
    families = [a["family"] for a in ref["authors"]]
    wrong_names = w["names"] != families[: len(w["names"])] or w["names"] == []
    wrong_et_al = w["et_al"] != (len(families) >= (3 if t["style"] == "apa" else 4))
    missing = not w["et_al"] and len(w["names"]) < len(families)
    assert wrong_names or wrong_et_al or missing, cit


def check_cit005(t: dict[str, Any], base: dict[str, Any], d: dict[str, Any]) -> None:
    w = only_work(changed_citation(t, base, d))
    assert w["year_suffix"] == "" and len(w["reference_ids"]) == 2
    a, b = (ref_of(t, rid) for rid in w["reference_ids"])
    assert a["authors"] == b["authors"] and a["year"] == b["year"] == w["year"]
    assert {a["year_suffix"], b["year_suffix"]} == {"a", "b"}


def check_ref001(t: dict[str, Any], base: dict[str, Any], d: dict[str, Any]) -> None:
    assert citation_texts(t) == citation_texts(base)
    dup = ref_of(t, d["reference_id"])
    index = t["references"].index(dup)
    assert t["references"][index - 1]["raw"] == dup["raw"]
    assert Counter(raws(t)) - Counter(raws(base)) == Counter([dup["raw"]])


def check_ref002(t: dict[str, Any], base: dict[str, Any], d: dict[str, Any]) -> None:
    if t["style"] in AUTHOR_YEAR:
        assert citation_texts(t) == citation_texts(base)
        assert sorted(raws(t)) == sorted(raws(base)) and raws(t) != raws(base)
        moved = ref_of(t, d["reference_id"])
        index = t["references"].index(moved)
        after = t["references"][index + 1]
        assert fold(moved["authors"][0]["family"]) > fold(after["authors"][0]["family"])
        return
    assert raws(t) == raws(base)
    labels = [int(r["label"]) for r in t["references"]]
    steps = [b - a for a, b in itertools.pairwise(labels)]
    assert labels[0] == 1 and sorted(steps) == [1] * (len(steps) - 1) + [2]
    assert ref_of(t, d["reference_id"])["label"] == str(labels[steps.index(2) + 1])


def check_ref004(t: dict[str, Any], base: dict[str, Any], d: dict[str, Any]) -> None:
    ref = ref_of(t, d["reference_id"])
    assert int(ref["year"]) > int(t["published"][:4])
    assert [r for r in raws(t) if r not in raws(base)] == [ref["raw"]]
    for cit, old in zip(t["citations"], base["citations"], strict=True):
        if cit["text"] != old["text"]:
            assert any(w["reference_ids"] == [ref["id"]] for w in cit["works"])


def check_ref005(t: dict[str, Any], base: dict[str, Any], d: dict[str, Any]) -> None:
    ref = ref_of(t, d["reference_id"])
    assert ref["type"] == "article" and ref["raw"] not in raws(base)
    assert ref["year"] is None or ref["container"] is None
    if ref["container"] is None:
        assert ref["volume"] is ref["pages"] is ref["doi"] is None
    assert len(raws(t)) == len(raws(base))


CHECKS = {
    "CIT001": check_cit001,
    "CIT002": check_cit002,
    "CIT003": check_cit003,
    "CIT004": check_cit004,
    "CIT005": check_cit005,
    "REF001": check_ref001,
    "REF002": check_ref002,
    "REF004": check_ref004,
    "REF005": check_ref005,
}


# --- the truth matches the text of the PDFs ------------------------------------------------------


@cache
def body_text(path: Path, page: int, columns: int) -> str:
    """One page between the running header and footer, column by column, whitespace collapsed.

    Columns are cut apart so that pdftotext's reading order cannot interleave them; on page 1
    that also halves the full-width front matter, which holds no citation or reference.
    """
    top, bottom = int(18 * MM), int(277 * MM)
    width = 596 // columns
    text = []
    for k in range(columns):
        args = ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page)]
        args += ["-x", str(k * width), "-y", str(top), "-W", str(width), "-H", str(bottom - top)]
        done = subprocess.run([*args, str(path), "-"], capture_output=True, check=True)
        text.append(done.stdout.decode("utf-8"))
    return " ".join(" ".join(text).split())


def printed_reference(style: str, ref: dict[str, Any]) -> str:
    label = {"ieee": f"[{ref['label']}] ", "vancouver": f"{ref['label']}. "}
    return label.get(style, "") + str(ref["raw"])


def references_heading(c: CitedPdf, text: str) -> int:
    first = printed_reference(c.truth["style"], c.truth["references"][0])
    return text.index("References " + first)


def document_text(c: CitedPdf) -> tuple[str, list[int]]:
    """The whole body text and the offset at which each page starts."""
    pages = [body_text(c.path, p, c.truth["columns"]) for p in range(1, c.truth["pages"] + 1)]
    starts, text = [], ""
    for page in pages:
        starts.append(len(text))
        text += page + " "
    return text, starts


@needs_pdftotext
def test_citations_are_printed_in_order_on_their_pages(cited: list[CitedPdf]) -> None:
    for c in cited:
        text, starts = document_text(c)
        end = references_heading(c, text)
        pos = 0
        for cit in c.truth["citations"]:
            found = text.find(cit["text"], pos, end)
            assert found >= 0, (c.name, cit["text"], text[pos : pos + 300])
            assert bisect.bisect_right(starts, found) == cit["page"], (c.name, cit["text"])
            pos = found + len(cit["text"])


@needs_pdftotext
def test_references_are_printed_in_order_on_their_pages(cited: list[CitedPdf]) -> None:
    for c in cited:
        text, starts = document_text(c)
        pos = references_heading(c, text)
        for r in c.truth["references"]:
            printed = printed_reference(c.truth["style"], r)
            found = text.find(printed, pos)
            assert found >= 0, (c.name, printed, text[pos : pos + 300])
            assert bisect.bisect_right(starts, found) == r["page"], (c.name, r["id"])
            pos = found + len(printed)
        assert not text[pos:].strip(), (c.name, text[pos:])


@needs_pdftotext
def test_no_unicode_superscripts_are_used(cited: list[CitedPdf]) -> None:
    for c in cited:
        text, _ = document_text(c)
        assert not set(text) & set(SUPERSCRIPT_CHARS), c.name


def test_superscripts_are_raised_smaller_text(cited: list[CitedPdf]) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    for c in cited:
        if c.truth["style"] != "vancouver":
            continue
        with pdfplumber.open(c.path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                chars = page.chars
                small = [ch for ch in chars if ch["size"] < 7.0]
                expected = "".join(
                    cit["text"] for cit in c.truth["citations"] if cit["page"] == number
                )
                assert "".join(ch["text"] for ch in small) == expected, (c.name, number)
                body = [ch for ch in chars if abs(ch["size"] - 9.5) < 0.05]
                body_bottoms = {round(ch["bottom"], 1) for ch in body}
                for ch in small:
                    # Raised: its baseline sits above the baseline of the body line it is on.
                    assert round(ch["bottom"], 1) not in body_bottoms
                    assert any(0.5 < b - ch["bottom"] < 6 for b in body_bottoms), ch
