"""Variants of the Word route (issue 11, dev templates added by i11-devdoc).

What a Word user or a pandoc user changes that the plain route does not: the document in two
columns or another font (the .docx edited after pandoc or python-docx wrote it), citations
linked to the list (pandoc's ``link-citations``), the OpenDocument route (pandoc → .odt →
LibreOffice), and hand-typed superscript citations in a document whose footnotes are Word's
own (Markdown typed by hand, no citeproc, written to .docx by pandoc).

A template asks for them in ``Template.options``, comma-separated: ``twocol``,
``font=<family>``, ``links``, ``odt``, ``notes``.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from typing import Any

from .templates import Template


def options(template: Template) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in filter(None, (x.strip() for x in template.options.split(","))):
        key, _, value = item.partition("=")
        out[key] = value or "1"
    return out


def pandoc_extra(template: Template) -> list[str]:
    """pandoc arguments beyond the citeproc ones."""
    opts = options(template)
    return ["-M", "link-citations=true"] if "links" in opts else []


def output_name(template: Template) -> str:
    return "paper.odt" if "odt" in options(template) else "paper.docx"


def restyle(template: Template, path: Path) -> None:
    """Two columns and another font, as a user sets them in Word after the text is in."""
    opts = options(template)
    if path.suffix != ".docx" or not ({"twocol", "font"} & set(opts)):
        return
    from docx import Document

    doc = Document(str(path))
    if "twocol" in opts:
        _two_columns(doc)
    if font := opts.get("font"):
        for style in doc.styles:
            if style.type == 1 and getattr(style, "font", None) is not None:  # paragraph styles
                style.font.name = font
    doc.save(str(path))


def _two_columns(doc: Any) -> None:
    """The body in two columns from the first section heading on; the front matter above it
    full width (a continuous section break, as Word sets it)."""
    from docx.oxml.ns import qn

    body = doc.sections[-1]._sectPr
    _columns(body, 2)
    kind = body.find(qn("w:type"))
    if kind is None:
        kind = body.makeelement(qn("w:type"), {})
        body.insert(0, kind)
    kind.set(qn("w:val"), "continuous")
    paragraphs = doc.paragraphs
    first = next((i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1"), 0)
    if first > 0:
        front = deepcopy(body)
        front.remove(front.find(qn("w:type")))
        _columns(front, 1)
        paragraphs[first - 1]._p.get_or_add_pPr().append(front)


def _columns(sect: Any, count: int) -> None:
    from docx.oxml.ns import qn

    cols = sect.find(qn("w:cols"))
    if cols is None:
        cols = sect.makeelement(qn("w:cols"), {})
        sect.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), "567")


def typed_markdown(paper: object, cite: object, entries: list[str]) -> str:
    """Markdown typed by hand: citations as ``cite`` renders them, the list as typed lines."""
    from .word import write_markdown

    text = write_markdown(paper, cite)  # type: ignore[arg-type]
    refs = "\n".join(f"{entry}\n" for entry in entries)
    return text.replace("::: {#refs}\n:::\n", refs)
