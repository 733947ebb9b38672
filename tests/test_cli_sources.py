"""`refcheck check` on source files (BibTeX, LaTeX, .bbl, JATS XML, Word), end to end.

The files under tests/data/inputs are shaped like real ones: a Zotero and a Google Scholar
BibTeX export, a natbib and a biblatex paper, BibTeX's and Biber's .bbl, a PMC open-access
JATS article, a Word document with typed citations and one with Zotero fields
(``make_docx.py`` writes both). Citations of sources are linked by key, so CIT001 and CIT002
are exact: each test names every one it expects.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from refcheck.cli import app

INPUTS = Path(__file__).resolve().parent / "data" / "inputs"
runner = CliRunner()


def check_json(*paths: Path, extra: tuple[str, ...] = ()) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(
        app, ["check", "--offline", "--format", "json", *extra, *map(str, paths)]
    )
    return result.exit_code, json.loads(result.stdout)["documents"]


def cit_findings(document: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted(
        (f["code"], f["message"]) for f in document["findings"] if f["code"].startswith("CIT")
    )


def test_natbib_tex_finds_its_bib_and_checks_only_the_entries_it_cites() -> None:
    code, [document] = check_json(INPUTS / "natbib_paper.tex")
    assert code == 1  # CIT001 is an error
    assert document["input_kind"] == "tex"
    assert document["metadata"]["title"] == "Recurrent and Residual Networks: A Short Survey"
    # The .bib is a library: entries the paper never cites are not printed, so not checked
    # and never "uncited" (CIT002); a key the .bib lacks is CIT001.
    assert cit_findings(document) == [("CIT001", "citation 'missing2021' matches no reference")]
    keys = {r["key"] for r in document["references"]}
    assert keys and not keys & {"bishop2006pattern", "srivastava2014dropout"}
    cited = {w["text"] for c in document["citations"] for w in c["works"]}
    # Commented out, \verb and verbatim: not citations.
    assert not cited & {"commented2020", "verb2020", "verbatim2020"}


def document_message(document: dict[str, Any], key: str) -> str:
    reference = next(r for r in document["references"] if r["label"] == key)
    return f"reference {key} is never cited: {reference['raw'][:100]}"


def test_biblatex_tex_reads_notes_multicite_and_starred_forms() -> None:
    code, [document] = check_json(INPUTS / "biblatex_paper.tex")
    assert code == 1
    findings = cit_findings(document)
    assert [f[0] for f in findings] == ["CIT001"]
    assert findings[0][1] == "citation 'nobody_2020' matches no reference"
    assert "muller_uber_2019" not in {r["key"] for r in document["references"]}  # not cited
    texts = [c["text"] for c in document["citations"]]
    assert "\\cites[see][]{world_health_organization_global_2023}[p. 5]" not in texts
    assert any(t.startswith("\\cites[see][]") for t in texts)


def test_tex_without_bib_reads_the_bbl_beside_it() -> None:
    code, [document] = check_json(INPUTS / "bbl_only.tex")
    assert code == 1
    assert [r["label"] for r in document["references"]] == [
        "he2016deep", "hochreiter1997long", "kingma2014adam", "srivastava2014dropout"
    ]  # fmt: skip
    assert [f[0] for f in cit_findings(document)] == ["CIT001", "CIT002"]
    assert "ghost2019" in cit_findings(document)[0][1]


def test_bib_alone_checks_every_entry_and_exits_clean_offline() -> None:
    code, documents = check_json(INPUTS / "zotero_export.bib", INPUTS / "google_scholar_export.bib")
    assert code == 0
    zotero, scholar = documents
    assert zotero["input_kind"] == scholar["input_kind"] == "bib"
    assert len(zotero["references"]) == 7 and len(scholar["references"]) == 5
    lecun = zotero["references"][0]
    assert (lecun["doi"], lecun["volume"], lecun["issue"], lecun["pages"]) == (
        "10.1038/nature14539", "521", "7553", "436-444"
    )  # fmt: skip
    assert zotero["findings"] == [] and scholar["findings"] == []


def test_aux_checks_only_the_cited_entries(tmp_path: Path) -> None:
    shutil.copy(INPUTS / "google_scholar_export.bib", tmp_path / "refs.bib")
    aux = tmp_path / "paper.aux"
    aux.write_text(
        "\\relax\n\\citation{he2016deep}\n\\citation{hochreiter1997long,nowhere2020}\n"
        "\\bibstyle{plainnat}\n\\bibdata{refs}\n",
        encoding="utf-8",
    )
    code, [document] = check_json(aux)
    assert code == 1
    assert [r["label"] for r in document["references"]] == ["he2016deep", "hochreiter1997long"]
    assert cit_findings(document) == [("CIT001", "citation 'nowhere2020' matches no reference")]


def test_jats_article_links_xrefs_by_rid_and_reads_its_own_metadata() -> None:
    code, [document] = check_json(INPUTS / "pmc_article.xml")
    assert code == 1
    assert document["input_kind"] == "jats"
    metadata = document["metadata"]
    assert (metadata["doi"], metadata["volume"], metadata["issue"], metadata["pages"]) == (
        "10.5555/jem.2019.0142", "12", "3", "201-212"
    )  # fmt: skip
    assert metadata["issn"] == ["0000-0019", "2049-3630"]
    # "[3]–[5]" cites 4 as well; 7 is cited nowhere; 9 is not in the list.
    assert cit_findings(document) == [
        ("CIT001", "citation '9' matches no reference"),
        ("CIT002", document_message(document, "7")),
    ]


def test_plain_docx_citations_are_found_in_the_text_and_linked_by_names() -> None:
    code, [document] = check_json(INPUTS / "plain_citations.docx")
    assert code == 1
    assert document["input_kind"] == "docx"
    findings = cit_findings(document)
    assert findings[0] == ("CIT001", "citation 'Okonkwo, 2019' matches no reference")
    assert findings[1][0] == "CIT002" and "Wolf, M. (2018)" in findings[1][1]
    assert len(findings) == 2


def test_zotero_docx_takes_cited_works_from_the_fields() -> None:
    code, [document] = check_json(INPUTS / "zotero_fields.docx")
    assert code == 1
    mangen = document["references"][0]
    assert mangen["doi"] == "10.1016/j.ijer.2012.12.002"
    assert [a["family"] for a in mangen["authors"]] == ["Mangen", "Walgermo", "Brønnick"]
    # The citation typed by hand is not in Zotero's bibliography.
    assert cit_findings(document) == [("CIT001", "citation 'Wolf, 2018' matches no reference")]


def test_an_xml_file_named_pdf_is_refused_clearly(tmp_path: Path) -> None:
    fake = tmp_path / "article.pdf"
    shutil.copy(INPUTS / "pmc_article.xml", fake)
    code, [document] = check_json(fake)
    assert code == 2
    assert document["error"]["kind"] == "wrong-kind"
    assert "JATS article, not a PDF" in document["error"]["message"]


def test_billion_laughs_is_an_input_error_not_a_hang(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    entities = "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY lol0 "lol">{entities}]>'
        "<article><body><p>&lol9;</p></body></article>",
        encoding="utf-8",
    )
    code, [document] = check_json(bomb)
    assert code == 2
    assert document["error"]["kind"] == "bad-source"
    assert "entities" in document["error"]["message"]


def test_tex_whose_bibliography_is_missing_says_what_to_do(tmp_path: Path) -> None:
    tex = tmp_path / "lonely.tex"
    tex.write_text("\\cite{a}\n\\bibliography{nowhere}\n", encoding="utf-8")
    code, [document] = check_json(tex)
    assert code == 2
    assert "no bibliography found" in document["error"]["message"]


def test_a_directory_is_searched_for_pdfs_only(tmp_path: Path) -> None:
    shutil.copy(INPUTS / "zotero_export.bib", tmp_path / "refs.bib")
    result = runner.invoke(app, ["check", "--offline", str(tmp_path)])
    assert result.exit_code == 2
    assert "no PDF files in this directory" in result.output
