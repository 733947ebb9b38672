"""Word-route papers: .docx typed with python-docx, or made by pandoc --citeproc with a CSL
style, then converted to PDF by LibreOffice headless, as editors receive them from Word users.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from . import word_variants as variants
from .bibdata import Record, bibtex
from .paper import Block, Cite, Paper, Segment, Typed

CSL_DIR = Path("/usr/share/citation-style-language/styles")


def _names(record: Record) -> list[str]:
    return [family for family, _ in record.authors]


def _suffixes(paper: Paper) -> dict[str, str]:
    """Year suffixes a reference manager would add (none for a CIT005 pair)."""
    strip = set(paper.edits.get("strip_suffix", []))
    groups: dict[tuple[str, ...], list[Record]] = {}
    for r in paper.records:
        names = _names(r)
        form = (names[0], str(r.year)) if len(names) > 2 else (*names, str(r.year))
        groups.setdefault(form, []).append(r)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) > 1 and not strip & {r.key for r in members}:
            for i, r in enumerate(sorted(members, key=lambda r: r.title)):
                out[r.key] = "ab"[i]
    return out


class HandTyped:
    """Citations and list as an author types them in Word: APA author-year or numeric [n]."""

    def __init__(self, paper: Paper) -> None:
        self.paper = paper
        self.records = {r.key: r for r in paper.records}
        self.suffix = _suffixes(paper)
        order = [k for b in paper.blocks for s in b.segments + [c for _, c, _ in b.rows]
                 if isinstance(s, Cite) for k in s.keys]  # fmt: skip
        order += paper.nocite
        self.numbers = {k: i + 1 for i, k in enumerate(dict.fromkeys(order))}

    def year(self, r: Record) -> str:
        return f"{r.year}{self.suffix.get(r.key, '')}"

    def cite(self, c: Cite) -> str:
        if self.paper.template.kind == "superscript":
            return ",".join(str(self.numbers[k]) for k in c.keys)
        if self.paper.template.kind != "authoryear":
            return " [" + ", ".join(str(self.numbers[k]) for k in c.keys) + "]"
        parts = []
        for key in c.keys:
            r, names = self.records[key], _names(self.records[key])
            who = (
                names[0]
                if len(names) == 1
                else f"{names[0]} & {names[1]}"
                if len(names) == 2
                else f"{names[0]} et al."
            )
            if c.narrative:
                return who.replace(" & ", " and ") + f" ({self.year(r)})"
            parts.append(f"{who}, {self.year(r)}")
        return " (" + "; ".join(parts) + ")"

    def entries(self) -> list[str]:
        if self.paper.template.kind != "authoryear":
            ordered = sorted(self.paper.records, key=lambda r: self.numbers[r.key])
            form = "{}. {}" if self.paper.template.kind == "superscript" else "[{}] {}"
            return [form.format(self.numbers[r.key], self.numeric(r)) for r in ordered]
        ordered = sorted(self.paper.records, key=lambda r: (r.first.lower(), self.year(r)))
        if self.paper.edits.get("move_last_first"):
            ordered.insert(0, ordered.pop())
        return [self.apa(r) for r in ordered]

    def apa(self, r: Record) -> str:
        names = [f"{f}, {g}" for f, g in r.authors]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
        issue = f"({r.issue})" if r.issue else ""
        doi = f" https://doi.org/{r.doi}" if r.doi else ""
        pages = r.pages.replace("--", "–")
        return f"{who} ({self.year(r)}). {r.title}. {r.journal}, {r.volume}{issue}, {pages}.{doi}"

    def numeric(self, r: Record) -> str:
        names = [f"{g} {f}" for f, g in r.authors]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", and " + names[-1]
        issue = f", no. {r.issue}" if r.issue else ""
        doi = f", doi: {r.doi}" if r.doi else ""
        return (
            f"{who}, “{r.title},” {r.journal}, vol. {r.volume}{issue}, "
            f"pp. {r.pages.replace('--', '–')}, {r.year}{doi}."
        )


def _runs(paragraph: object, typed: HandTyped, segments: list[Segment]) -> None:
    for s in segments:
        if isinstance(s, Cite):
            run = paragraph.add_run(typed.cite(s))  # type: ignore[attr-defined]
            run.font.superscript = typed.paper.template.kind == "superscript"
        elif isinstance(s, Typed):
            run = paragraph.add_run(s.text)  # type: ignore[attr-defined]
            run.font.superscript = s.sup
        else:
            paragraph.add_run(s)  # type: ignore[attr-defined]


def write_docx(paper: Paper, path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    doc, typed, f = Document(), HandTyped(paper), paper.front
    small = Pt(8)
    if f.masthead:
        p = doc.add_paragraph(
            f"{f.journal}, Vol. {f.volume}, No. {f.issue} ({f.year}), "
            f"pp. {f.first_page}–{f.first_page + 9}\nISSN {f.issn}   DOI: {f.doi}"
        )
        p.runs[0].font.size = small
    doc.add_heading(paper.title, level=0)
    doc.add_paragraph(", ".join(paper.authors))
    if f.cite_this:
        cell = doc.add_table(rows=1, cols=1, style="Table Grid").cell(0, 0)
        cell.text = (
            f"Cite this article: {' and '.join(paper.authors)} ({f.year}). {paper.title}. "
            f"{f.journal}, {f.cite_volume}({f.issue}), {f.first_page}–{f.first_page + 9}. "
            f"https://doi.org/{f.doi}"
        )
    if f.licence:
        doc.add_paragraph(f"© {f.year} The Authors. Open access under the CC BY 4.0 licence.").runs[
            0
        ].font.size = small
    if f.footer:
        doc.sections[0].footer.paragraphs[0].text = f"{f.journal} {f.volume} ({f.year})"
    doc.add_paragraph("Abstract. We study the question with data and earlier work.")
    notes = []
    for b in paper.blocks:
        _docx_block(doc, typed, b, notes)
    doc.add_heading("References", level=1)
    for entry in typed.entries():
        doc.add_paragraph(entry)
    if paper.appendix:
        doc.add_heading("Appendix A. Additional analyses", level=1)
        doc.add_paragraph(
            "Table A1 repeats the analysis for 2015–2019 with 1,024 cases (12% missing)."
        )
    doc.save(str(path))


def _docx_block(doc: object, typed: HandTyped, b: Block, notes: list[str]) -> None:
    add = doc.add_paragraph  # type: ignore[attr-defined]
    if b.kind == "heading":
        doc.add_heading(str(b.segments[0]), level=1)  # type: ignore[attr-defined]
    elif b.kind in ("para", "footnote-para"):
        p = add()
        _runs(p, typed, b.segments)
        if b.kind == "footnote-para":
            notes.append(b.note)
            p.add_run(str(len(notes))).font.superscript = True
            add(f"{len(notes)} {b.note}").runs[0].font.size = 7 * 12700
    elif b.kind == "table":
        add(f"Table 1. {b.note}")
        table = doc.add_table(rows=1, cols=3, style="Table Grid")  # type: ignore[attr-defined]
        for cell, head in zip(table.rows[0].cells, ("Method", "Source", "Accuracy"), strict=False):
            cell.text = head
        for method, cite, score in b.rows:
            cells = table.add_row().cells
            cells[0].text, cells[2].text = method, score
            cells[1].text = typed.cite(cite).strip() if isinstance(cite, Cite) else str(cite)
    else:
        table = doc.add_table(rows=1, cols=3, style="Table Grid")  # type: ignore[attr-defined]
        for cell, label in zip(table.rows[0].cells, b.note.split("|"), strict=False):
            cell.text = label.strip()
        add("Figure 1. Overview of the pipeline.")


def _md_text(paper: Paper, segments: list[Segment], typed: HandTyped | None = None) -> str:
    out = []
    for s in segments:
        if isinstance(s, Cite) and typed is not None:
            text = typed.cite(s)
            sup = paper.template.kind == "superscript"
            out.append(f"^{text}^" if sup else text.replace("[", "\\[").replace("]", "\\]"))
        elif isinstance(s, Cite):
            keys = "; ".join("@" + k for k in s.keys)
            out.append(
                f"@{s.keys[0]}"
                if s.narrative and paper.template.kind == "authoryear"
                else f" [{keys}]"
            )
        elif isinstance(s, Typed):
            out.append(f"^{s.text}^" if s.sup else s.text.replace("[", "\\[").replace("]", "\\]"))
        else:
            out.append(s)
    return "".join(out)


def write_markdown(paper: Paper, typed: HandTyped | None = None) -> str:
    f = paper.front
    lines = ["---", f'title: "{paper.title}"', "author:"] + [f"- {a}" for a in paper.authors]
    if paper.nocite:
        lines.append("nocite: |\n  " + ", ".join("@" + k for k in paper.nocite))
    lines += ["---", ""]
    if f.masthead:
        lines.append(
            f"{f.journal}, Vol. {f.volume}, No. {f.issue} ({f.year}), pp. {f.first_page}–"
            f"{f.first_page + 9}\\\nISSN {f.issn}   DOI: {f.doi}\n"
        )
    if f.cite_this:
        lines.append(
            f"> **Cite this article:** {' and '.join(paper.authors)} ({f.year}). {paper.title}. "
            f"*{f.journal}*, {f.cite_volume}({f.issue}), {f.first_page}–{f.first_page + 9}. "
            f"https://doi.org/{f.doi}\n"
        )
    if f.licence:
        lines.append(f"© {f.year} The Authors. Open access under the CC BY 4.0 licence.\n")
    for b in paper.blocks:
        if b.kind == "heading":
            lines.append(f"# {b.segments[0]}\n")
        elif b.kind == "para":
            lines.append(_md_text(paper, b.segments, typed) + "\n")
        elif b.kind == "footnote-para":
            lines.append(_md_text(paper, b.segments, typed).rstrip() + f"^[{b.note}]\n")
        elif b.kind == "table":
            rows = [f"| {m} | {_md_text(paper, [c], typed).strip()} | {s} |" for m, c, s in b.rows]
            lines += [
                "| Method | Source | Accuracy |",
                "|---|---|---|",
                *rows,
                "",
                f"Table: {b.note}\n",
            ]
        else:
            cells = " | ".join(x.strip() for x in b.note.split("|"))
            lines += [f"| {cells} |", "|---|---|---|", "", "Figure 1: Overview of the pipeline.\n"]
    lines += ["# References\n", "::: {#refs}", ":::", ""]
    if paper.appendix:
        lines += [
            "# Appendix A. Additional analyses\n",
            "Table A1 repeats the analysis for 2015–2019 with 1,024 cases (12% missing).\n",
        ]
    return "\n".join(lines)


def _run(cmd: list[str], cwd: Path) -> None:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=240, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {(result.stdout + result.stderr)[-800:]}")


def _pandoc(paper: Paper, workdir: Path) -> Path:
    target = workdir / variants.output_name(paper.template)
    if paper.template.family == "docx":  # typed by hand in Markdown: no citeproc
        typed = HandTyped(paper)
        text = variants.typed_markdown(paper, typed, typed.entries())
        (workdir / "paper.md").write_text(text, encoding="utf-8")
        _run(["pandoc", "paper.md", "-o", target.name], workdir)
        return target
    (workdir / "paper.md").write_text(write_markdown(paper), encoding="utf-8")
    (workdir / "refs.bib").write_text("\n".join(bibtex(r) for r in paper.records), encoding="utf-8")
    csl = CSL_DIR / f"{paper.template.style}.csl"
    cmd = ["pandoc", "paper.md", "--citeproc", "--bibliography", "refs.bib", "--csl", str(csl)]
    _run([*cmd, *variants.pandoc_extra(paper.template), "-o", target.name], workdir)
    return target


def build(paper: Paper, workdir: Path) -> Path:
    workdir.mkdir(parents=True, exist_ok=True)
    opts = variants.options(paper.template)
    if paper.template.family == "pandoc" or "notes" in opts:
        source = _pandoc(paper, workdir)
    else:
        source = workdir / "paper.docx"
        write_docx(paper, source)
    variants.restyle(paper.template, source)
    profile = f"-env:UserInstallation=file://{workdir}/lo-profile-{os.getpid()}"
    convert = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(workdir)]
    _run([*convert, str(source)], workdir)
    return workdir / "paper.pdf"
