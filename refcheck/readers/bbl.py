r"""The .bbl file BibTeX or Biber writes: the bibliography as the document prints it.

A BibTeX .bbl is a ``thebibliography`` of ``\bibitem[label]{key} text`` entries: each text is
read as a printed reference (:func:`parse_reference`), its key kept exactly. A biblatex .bbl
holds ``\entry{key}{type}{}`` records with their fields (``\field{title}{…}``,
``\name{author}{…}``, ``\verb{doi}``), taken as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from refcheck.errors import SourceFileError
from refcheck.extract.references.parse import parse_reference
from refcheck.model import Author, Document, Reference
from refcheck.patterns import compiled
from refcheck.readers.bibtex import entry_reference
from refcheck.readers.document import source_document
from refcheck.readers.latex_text import plain_text

_BIBITEM = compiled(r"\\bibitem\s*(?:\[(?:[^\[\]]|\[[^\]]*\])*\])?\s*\{([^{}]+)\}")
_END = compiled(r"\\end\{thebibliography\}")
_ENTRY = compiled(r"\\entry\{([^{}]+)\}\{([^{}]+)\}\{[^{}]*\}(.*?)\\endentry", re.S)
_FIELD = compiled(r"\\field\{([^{}]+)\}\{((?:[^{}]|\{[^{}]*\})*)\}")
_VERB_FIELD = compiled(r"\\verb\{([^{}]+)\}\s*\\verb\s?(.*?)\s*\\endverb", re.S)
_NAME_LIST = compiled(
    r"\\name\{(author|editor)\}\{\d+\}\{[^{}]*\}\{%?(.*?)\n\s*\}%?\s*$", re.S | re.M
)
_NAME_PART = compiled(r"\b(family|given|prefix|suffix)=\{((?:[^{}]|\{[^{}]*\})*)\}")
_BIBLATEX_FIELDS = {
    "journaltitle": "journal",
    "booktitle": "booktitle",
    "title": "title",
    "volume": "volume",
    "number": "number",
    "issue": "issue",
    "year": "year",
    "pages": "pages",
    "publisher": "publisher",
    "doi": "doi",
    "url": "url",
    "eprinttype": "eprinttype",
    "institution": "institution",
}


def read_bbl(path: Path) -> Document:
    """The bibliography of a .bbl as references; a .bbl holds no citations."""
    references = bbl_references(path.read_text(encoding="utf-8", errors="replace"))
    if not references:
        raise SourceFileError(
            f"{path}: no \\bibitem or \\entry in this file; is it the .bbl of a LaTeX run?"
        )
    return source_document(path, "bbl", references)


def bbl_references(text: str) -> tuple[Reference, ...]:
    """The entries of a ``thebibliography`` or a biblatex .bbl, in order."""
    if "\\entry{" in text:
        return tuple(_biblatex_entries(text))
    return tuple(_bibitems(text))


def _bibitems(text: str) -> Iterator[Reference]:
    text = _END.split(text, maxsplit=1)[0]
    items = list(_BIBITEM.finditer(text))
    for number, item in enumerate(items, start=1):
        end = items[number].start() if number < len(items) else len(text)
        body = text[item.end() : end]
        key = item.group(1).strip()
        reference = parse_reference(plain_text(body), id=f"R{number}", page=1, label=key)
        yield _from_blocks(replace(reference, key=key), body)


def _from_blocks(reference: Reference, body: str) -> Reference:
    r"""Natbib styles print authors, title and the rest as ``
    ewblock`` blocks, names given
        first ("Kaiming He, Xiangyu Zhang, and Jian Sun."): the blocks say exactly where each ends,
        which the parse of the printed text can only guess."""
    blocks = [plain_text(block) for block in body.split("\\newblock")]
    if len(blocks) < 3 or not blocks[0]:
        return reference
    names = re.split(r",\s*and\s+|\s+and\s+|,\s*", blocks[0].rstrip("."))
    authors = tuple(_given_first(name) for name in names if name.strip())
    return replace(reference, authors=authors, title=blocks[1].rstrip(".") or reference.title)


def _given_first(name: str) -> Author:
    words = name.split()
    if len(words) == 1 or name.strip().lower() in ("others", "et al."):
        return Author(family=name.strip(), organization=len(words) > 1)
    return Author(family=words[-1], given=" ".join(words[:-1]))


def _biblatex_entries(text: str) -> Iterator[Reference]:
    for number, entry in enumerate(_ENTRY.finditer(text), start=1):
        key, entry_type, body = entry.group(1), entry.group(2), entry.group(3)
        fields: dict[str, str] = {"ID": key, "ENTRYTYPE": entry_type}
        for name, value in _FIELD.findall(body):
            if name in _BIBLATEX_FIELDS:
                fields[_BIBLATEX_FIELDS[name]] = value.replace("\\bibrangedash", "--")
        for name, value in _VERB_FIELD.findall(body):
            if name in _BIBLATEX_FIELDS:
                fields[_BIBLATEX_FIELDS[name]] = value.strip()
        reference = entry_reference(fields, f"R{number}")
        names = _names(body)
        yield reference if not names else replace(reference, authors=names)


def _names(body: str) -> tuple[Author, ...]:
    """The authors (else editors) of a biblatex entry, from their name parts."""
    lists = {role: block for role, block in _NAME_LIST.findall(body)}
    block = lists.get("author") or lists.get("editor") or ""
    authors = []
    for person in re.split(r"\}\}%?\s*\n\s*\{\{", block):
        parts = dict(_NAME_PART.findall(person))
        if parts.get("family"):
            family = " ".join(p for p in (parts.get("prefix"), parts["family"]) if p)
            authors.append(Author(plain_text(family), plain_text(parts.get("given", ""))))
    return tuple(authors)
