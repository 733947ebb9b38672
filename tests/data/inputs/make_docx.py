"""Writes the two Word documents of tests/data/inputs with python-docx (run it from anywhere).

``plain_citations.docx``: author-year citations typed as text, a "References" heading and a
hand-typed list. ``zotero_fields.docx``: citations inserted by Zotero's Word plugin, as it
stores them (a complex field ``ADDIN ZOTERO_ITEM CSL_CITATION {json}`` whose result is the
printed citation), a bibliography field (``ADDIN ZOTERO_BIBL``), and one citation typed by
hand that the bibliography lacks.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent


def plain() -> None:
    document = docx.Document()
    document.core_properties.title = "Reading habits of first-year students"
    document.core_properties.author = "Ana Example"
    document.add_heading("Reading habits of first-year students", level=1)
    document.add_paragraph(
        "Students read less on screens than on paper (Mangen et al., 2013), a finding "
        "repeated across countries (Delgado & Salmerón, 2021). Baron (2015) argues the same, "
        "while later work disagrees (Okonkwo, 2019)."
    )
    document.add_heading("References", level=1)
    for entry in (
        "Baron, N. S. (2015). Words onscreen: The fate of reading in a digital world. Oxford "
        "University Press.",
        "Delgado, P., & Salmerón, L. (2021). The inattentive on-screen reading: Reading "
        "medium affects attention and reading comprehension under time pressure. Learning "
        "and Instruction, 71, 101396. https://doi.org/10.1016/j.learninstruc.2020.101396",
        "Mangen, A., Walgermo, B. R., & Brønnick, K. (2013). Reading linear texts on paper "
        "versus computer screen: Effects on reading comprehension. International Journal of "
        "Educational Research, 58, 61–68. https://doi.org/10.1016/j.ijer.2012.12.002",
        "Wolf, M. (2018). Reader, come home: The reading brain in a digital world. Harper.",
    ):
        document.add_paragraph(entry)
    document.save(HERE / "plain_citations.docx")


def _run(paragraph: Paragraph, *, char: str | None = None, instr: str | None = None) -> None:
    run = OxmlElement("w:r")
    if char is not None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), char)
    else:
        element = OxmlElement("w:instrText")
        element.set(qn("xml:space"), "preserve")
        element.text = instr
    run.append(element)
    paragraph._p.append(run)


def _field(paragraph: Paragraph, instruction: str, result: str) -> None:
    _run(paragraph, char="begin")
    # Word splits long instructions over several runs; the reader must join them.
    half = len(instruction) // 2
    _run(paragraph, instr=instruction[:half])
    _run(paragraph, instr=instruction[half:])
    _run(paragraph, char="separate")
    paragraph.add_run(result)
    _run(paragraph, char="end")


ITEMS = {
    "7KQ2M4ZP": {
        "id": 101, "type": "article-journal",
        "title": "Reading linear texts on paper versus computer screen: Effects on reading "
                 "comprehension",
        "container-title": "International Journal of Educational Research",
        "volume": "58", "page": "61-68", "DOI": "10.1016/j.ijer.2012.12.002",
        "author": [{"family": "Mangen", "given": "Anne"},
                   {"family": "Walgermo", "given": "Bente R."},
                   {"family": "Brønnick", "given": "Kolbjørn"}],
        "issued": {"date-parts": [["2013"]]},
    },
    "XB3D9W1Q": {
        "id": 102, "type": "book",
        "title": "Words onscreen: The fate of reading in a digital world",
        "publisher": "Oxford University Press",
        "author": [{"family": "Baron", "given": "Naomi S."}],
        "issued": {"date-parts": [["2015"]]},
    },
}  # fmt: skip


def _citation(keys: list[str], printed: str) -> str:
    data = {
        "citationID": "a" + "".join(keys)[:8].lower(),
        "properties": {"formattedCitation": printed, "plainCitation": printed, "noteIndex": 0},
        "citationItems": [
            {"id": ITEMS[k]["id"], "uris": [f"http://zotero.org/users/1234567/items/{k}"],
             "itemData": ITEMS[k]}
            for k in keys
        ],
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }  # fmt: skip
    return "ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(data, ensure_ascii=False)


def zotero() -> None:
    document = docx.Document()
    document.core_properties.title = "Screens and comprehension"
    paragraph = document.add_paragraph("Comprehension suffers on screens ")
    _field(paragraph, _citation(["7KQ2M4ZP"], "(Mangen et al., 2013)"), "(Mangen et al., 2013)")
    paragraph.add_run(", as book-length accounts argue ")
    _field(
        paragraph,
        _citation(["XB3D9W1Q", "7KQ2M4ZP"], "(Baron, 2015; Mangen et al., 2013)"),
        "(Baron, 2015; Mangen et al., 2013)",
    )
    paragraph.add_run(". A citation typed by hand is not in Zotero (Wolf, 2018).")
    document.add_heading("References", level=1)
    bibliography = document.add_paragraph()
    _run(bibliography, char="begin")
    instruction = 'ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY'
    _run(bibliography, instr=instruction)
    _run(bibliography, char="separate")
    bibliography.add_run(
        "Baron, N. S. (2015). Words onscreen: The fate of reading in a digital world. Oxford "
        "University Press."
    )
    second = document.add_paragraph(
        "Mangen, A., Walgermo, B. R., & Brønnick, K. (2013). Reading linear texts on paper "
        "versus computer screen: Effects on reading comprehension. International Journal of "
        "Educational Research, 58, 61–68."
    )
    _run(second, char="end")
    document.save(HERE / "zotero_fields.docx")


if __name__ == "__main__":
    plain()
    zotero()
