"""Readers of source files: BibTeX, LaTeX (.tex, .bbl, .aux), JATS XML and Word (.docx).

Each turns its input into the same :class:`~refcheck.model.Document` the PDF path builds, so
every rule and report works on it unchanged. Sources name their parts exactly (a BibTeX key, a
``\\cite`` key, a JATS ``rid``), so the layout stages are skipped and citations are linked by
key. Only this package imports the BibTeX, XML and Word libraries.
"""

from __future__ import annotations

from pathlib import Path

from refcheck.model import Document
from refcheck.readers.sniff import sniff_kind

__all__ = ["read_source", "sniff_kind"]


def read_source(path: Path, kind: str) -> Document:
    """Read a source file of a kind :func:`sniff_kind` named (anything but ``pdf``)."""
    # Imported when needed: a PDF run never loads the XML, Word or BibTeX libraries.
    if kind == "bib":
        from refcheck.readers.bibtex import read_bib

        return read_bib(path)
    if kind in ("tex", "aux"):
        from refcheck.readers.latex import read_aux, read_tex

        return read_tex(path) if kind == "tex" else read_aux(path)
    if kind == "bbl":
        from refcheck.readers.bbl import read_bbl

        return read_bbl(path)
    if kind == "jats":
        from refcheck.readers.jats import read_jats

        return read_jats(path)
    if kind == "docx":
        from refcheck.readers.word import read_docx

        return read_docx(path)
    raise ValueError(f"no reader for {kind!r}")
