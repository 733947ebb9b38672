"""A corrected entry built from the registered record, for an author to paste.

Where a reference disagrees with the record of the work it cites (XREF001) or lacks the DOI that
work has (XREF003), the finding carries the entry as the record states it: BibTeX for LaTeX
users and CSL-JSON for reference managers (Zotero, Mendeley, pandoc). Only the record's fields
are written — nothing is guessed from the reference — so the entry is as good as the registry's.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from refcheck.model import Reference, WorkRecord

# The registry's type → BibTeX entry type and CSL type.
_TYPES = {
    "journal-article": ("article", "article-journal"),
    "proceedings-article": ("inproceedings", "paper-conference"),
    "book-chapter": ("incollection", "chapter"),
    "book": ("book", "book"),
    "monograph": ("book", "book"),
    "dataset": ("misc", "dataset"),
    "report": ("techreport", "report"),
    "dissertation": ("phdthesis", "thesis"),
    # The other sources' vocabularies (OpenAlex, Semantic Scholar, dblp, arXiv).
    "article": ("article", "article-journal"),
    "JournalArticle": ("article", "article-journal"),
    "Journal Articles": ("article", "article-journal"),
    "Conference": ("inproceedings", "paper-conference"),
    "Conference and Workshop Papers": ("inproceedings", "paper-conference"),
    "preprint": ("misc", "article"),
    "Informal and Other Publications": ("misc", "article"),
}
# The field that names where the work appeared, by BibTeX entry type.
_CONTAINER_FIELD = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle"}
# Characters BibTeX reads as markup: escaped, so a title prints as the record has it.
_BIBTEX_SPECIAL = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
}


def corrected_entry(record: WorkRecord, reference: Reference | None = None) -> dict[str, Any]:
    """Evidence keys ``corrected_bibtex`` and ``corrected_csl``: the record as an entry."""
    key = citation_key(record, reference)
    return {"corrected_bibtex": bibtex(record, key), "corrected_csl": csl_item(record, key)}


def citation_key(record: WorkRecord, reference: Reference | None = None) -> str:
    """ "smith2019": the first author's surname and the year, as BibTeX keys are usually made."""
    authors = record.authors or (reference.authors if reference else ())
    surname = authors[0].family if authors else "anon"
    ascii_name = unicodedata.normalize("NFKD", surname).encode("ascii", "ignore").decode()
    year = record.year or (reference.year if reference else None) or ""
    return re.sub(r"[^a-z0-9]", "", ascii_name.lower()) + year or "ref"


def bibtex(record: WorkRecord, key: str) -> str:
    entry_type = _TYPES.get(record.type or "", ("misc", ""))[0]
    fields = [
        ("author", " and ".join(_bibtex_name(a.family, a.given) for a in record.authors)),
        ("title", "{" + _escape(record.title) + "}" if record.title else ""),
        (_CONTAINER_FIELD.get(entry_type, "howpublished"), _escape(record.container)),
        ("year", record.year or ""),
        ("volume", record.volume or ""),
        ("number", record.issue or ""),
        ("pages", (record.pages or "").replace("-", "--")),
        ("doi", registered_doi(record) or ""),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry_type}{{{key},\n{body}\n}}"


def csl_item(record: WorkRecord, key: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": key, "type": _TYPES.get(record.type or "", ("", "document"))[1]}
    if record.authors:
        item["author"] = [
            {"family": _one_line(a.family), **({"given": _one_line(a.given)} if a.given else {})}
            for a in record.authors
        ]
    optional = {
        "title": record.title,
        "container-title": record.container,
        "volume": record.volume,
        "issue": record.issue,
        "page": record.pages,
        "DOI": registered_doi(record),
    }
    item.update({name: _one_line(value) for name, value in optional.items() if value})
    if record.year:
        item["issued"] = {"date-parts": [[int(record.year)]]}
    return item


def registered_doi(record: WorkRecord) -> str | None:
    """The record's DOI; None for a source's record without one (its ``doi`` field then holds
    a stand-in such as "arxiv:2312.07559", see :class:`refcheck.model.SourceFind`)."""
    return record.doi if record.doi.startswith("10.") else None


def _bibtex_name(family: str, given: str) -> str:
    return f"{_escape(family)}, {_escape(given)}" if given else "{" + _escape(family) + "}"


def _escape(text: str | None) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in _one_line(text))


def _one_line(text: str | None) -> str:
    """A registry's value on one line: a line break in a title must not forge report lines."""
    return " ".join((text or "").split())
