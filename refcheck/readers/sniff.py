"""Which kind of input a file is, by its extension and its first bytes.

Content decides where it is clear (a PDF header, a zip with ``word/document.xml``, a JATS
``<article>``, BibTeX ``@entries``); the extension decides between LaTeX's own files. A file
whose content contradicts its name is refused with a message that says what it is, and a file
of no known kind goes to the PDF reader, whose errors say why it is no PDF.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from refcheck.errors import WrongKindError
from refcheck.patterns import compiled

HEAD_BYTES = 8192
_BIB_ENTRY = compiled(r"^\s*@[A-Za-z]+\s*[{(]", re.M)
_JATS_ROOT = compiled(r"<article[\s>]|<!DOCTYPE\s+article\b")
_LATEX_SUFFIXES = {".tex": "tex", ".ltx": "tex", ".bbl": "bbl", ".aux": "aux"}


def sniff_kind(path: Path) -> str:
    """``pdf``, ``bib``, ``tex``, ``bbl``, ``aux``, ``jats`` or ``docx``."""
    try:
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
    except OSError:
        return "pdf"  # the PDF reader reports an unreadable file as it always has
    suffix = path.suffix.lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    is_xml = text.startswith("<")
    if suffix == ".pdf":
        if is_xml:
            what = "a JATS article" if _JATS_ROOT.search(text) else "an XML file"
            raise WrongKindError(
                f"{path}: is {what}, not a PDF; name it .xml to check it as JATS XML"
            )
        return "pdf"  # the PDF reader says what is wrong with it
    if head.startswith(b"PK\x03\x04") and _is_word(path):
        return "docx"
    if suffix == ".docx":
        raise WrongKindError(f"{path}: is not a Word document (.docx is a zip of XML files)")
    if is_xml:
        if _JATS_ROOT.search(text):
            return "jats"
        raise WrongKindError(f"{path}: is XML but not a JATS article (no <article> element)")
    if suffix in _LATEX_SUFFIXES:
        return _LATEX_SUFFIXES[suffix]
    if suffix == ".bib" or _BIB_ENTRY.search(text):
        return "bib"
    return "pdf"


def _is_word(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
