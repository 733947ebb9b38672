"""BibTeX (.bib) files: every entry becomes a :class:`Reference` with its fields exactly.

Parsed with bibtexparser 1.x (see docs/design.md for why not 2.x). Names are split by the
BibTeX rules ("von Last, Jr, First" and "First von Last"); an author wholly in braces
("{World Health Organization}") is an organisation. Month macros (``month = mar``) as Zotero
writes them are understood.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import bibtexparser
from bibtexparser.bparser import BibTexParser
from bibtexparser.customization import splitname

from refcheck.errors import SourceFileError
from refcheck.model import Author, Document, Reference
from refcheck.patterns import compiled
from refcheck.readers.document import source_document
from refcheck.readers.latex_text import plain_text

# BibTeX and BibLaTeX entry types → refcheck's reference types.
_TYPES = {
    "article": "article",
    "inproceedings": "proceedings",
    "conference": "proceedings",
    "proceedings": "proceedings",
    "incollection": "chapter",
    "inbook": "chapter",
    "book": "book",
    "mvbook": "book",
    "booklet": "book",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "web",
    "www": "web",
    "electronic": "web",
    "dataset": "dataset",
    "software": "software",
    "misc": "other",
    "unpublished": "other",
    "manual": "other",
}
_CONTAINER_FIELDS = ("journal", "journaltitle", "booktitle")
_YEAR = compiled(r"\b(1[5-9]\d\d|20\d\d)([a-z]?)\b")
_DOI_PREFIX = compiled(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def read_bib(path: Path) -> Document:
    """Every entry of a .bib file as a reference; no citations (a .bib cites nothing)."""
    references = read_bib_references([path])
    if not references:
        raise SourceFileError(f"{path}: no BibTeX entries (@article{{key, …}}) in this file")
    return source_document(path, "bib", references)


def read_bib_references(paths: Sequence[Path]) -> tuple[Reference, ...]:
    """The entries of the .bib files, in file order; a key given twice is kept once (first)."""
    entries: dict[str, Mapping[str, str]] = {}
    for path in paths:
        for entry in _parse(path):
            entries.setdefault(entry["ID"], entry)
    return tuple(
        entry_reference(entry, f"R{number}")
        for number, entry in enumerate(entries.values(), start=1)
    )


def _parse(path: Path) -> list[dict[str, str]]:
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    parser.homogenize_fields = False
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        database = bibtexparser.loads(text, parser=parser)
    except Exception as exc:  # pyparsing's errors are not one class: any is a bad file
        raise SourceFileError(f"{path}: not a readable BibTeX file ({exc})") from exc
    return [
        {k.lower(): v for k, v in e.items()} | {"ID": e["ID"], "ENTRYTYPE": e["ENTRYTYPE"]}
        for e in database.entries
    ]


def entry_reference(entry: Mapping[str, str], id: str) -> Reference:
    """One BibTeX entry as a reference; ``raw`` is the entry written out as a reader sees it."""
    field = {k: plain_text(v) for k, v in entry.items() if k not in ("ID", "ENTRYTYPE")}
    field.pop("entrytype", None)
    year, suffix = _year(field.get("year") or field.get("date") or "")
    authors = tuple(split_names(entry.get("author") or entry.get("editor") or ""))
    container = next((field[name] for name in _CONTAINER_FIELDS if field.get(name)), None)
    doi = _DOI_PREFIX.sub("", field.get("doi", "")).strip() or None
    urls = tuple(u for u in (field.get("url"), _howpublished_url(field)) if u)
    kind = _type(entry.get("ENTRYTYPE", "misc").lower(), field)
    reference = Reference(
        id=id,
        raw="",
        page=1,
        label=entry["ID"],
        key=entry["ID"],
        authors=authors,
        year=year,
        year_suffix=suffix,
        date=field.get("date"),
        title=field.get("title") or None,
        container=container,
        volume=field.get("volume") or None,
        issue=field.get("number") or field.get("issue") or None,
        pages=field.get("pages", "").replace("–", "-").replace(" ", "") or None,
        doi=doi,
        urls=urls,
        publisher=field.get("publisher") or field.get("institution") or field.get("school"),
        type=kind,
    )
    return with_written_out_raw(reference, _identifiers(field))


def _identifiers(field: Mapping[str, str]) -> tuple[str, ...]:
    """The identifiers an entry keeps in fields of their own, written as a reference prints
    them ("arXiv:2101.00001", "PMID: 123"), so that lookups find them in the text: an
    ``eprint`` of arXiv, dblp's CoRR entries (volume "abs/2101.00001"), ``pmid``, ``pmcid``."""
    found = []
    eprint = field.get("eprint", "").strip()
    prefix = (field.get("archiveprefix") or field.get("eprinttype") or "").strip().lower()
    if eprint and prefix == "arxiv":
        found.append(f"arXiv:{eprint.removeprefix('arXiv:')}")
    volume = field.get("volume", "").strip()
    if field.get("journal", "").strip().lower() == "corr" and volume.lower().startswith("abs/"):
        found.append(f"arXiv:{volume[4:]}")
    if pmid := field.get("pmid", "").strip():
        found.append(f"PMID: {pmid}")
    if pmcid := field.get("pmcid", "").strip():
        found.append(pmcid)
    return tuple(found)


def _year(text: str) -> tuple[str | None, str]:
    found = _YEAR.search(text)
    return (found.group(1), found.group(2)) if found else (None, "")


def _howpublished_url(field: Mapping[str, str]) -> str | None:
    published = field.get("howpublished", "")
    return published if published.startswith(("http://", "https://")) else None


def _type(entry_type: str, field: Mapping[str, str]) -> str:
    kind = _TYPES.get(entry_type, "other")
    arxiv = "arxiv" in " ".join(
        field.get(name, "").lower() for name in ("archiveprefix", "eprinttype", "publisher", "url")
    ) or field.get("journal", "").strip().lower() in ("corr", "arxiv")
    if (kind == "other" or (kind == "article" and not field.get("doi"))) and arxiv:
        return "preprint"
    if kind == "other" and (field.get("url") or _howpublished_url(field)):
        return "web"
    return kind


def split_names(names: str) -> Iterable[Author]:
    """A BibTeX name list ("Smith, John and {World Health Organization}") as authors."""
    for name in _split_on_and(names):
        if name.lower() == "others":
            continue  # "and others": BibTeX's et al.
        if name.startswith("{") and name.endswith("}") and _balanced(name[1:-1]):
            yield Author(family=plain_text(name[1:-1]), organization=True)
            continue
        parts = splitname(name, strict_mode=False)
        family = " ".join([*parts.get("von", []), *parts.get("last", [])])
        given = " ".join(parts.get("first", []))
        yield Author(family=plain_text(family), given=plain_text(given))


def _split_on_and(names: str) -> list[str]:
    """Split on " and " outside braces: "{Barnes and Noble}" is one name."""
    parts, depth, start = [], 0, 0
    text = " ".join(names.split())
    index = 0
    while index < len(text):
        char = text[index]
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and text[index : index + 5].lower() == " and ":
            parts.append(text[start:index])
            start = index = index + 5
            continue
        index += 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def with_written_out_raw(reference: Reference, identifiers: tuple[str, ...] = ()) -> Reference:
    """The reference written out ("Smith, J., & Lee, K. (2020). Title. Journal, 5(3), 1-10."),
    which messages quote and rules that read an entry's text read; ``identifiers`` (arXiv id,
    PMID) go at the end."""
    names = ", ".join(f"{a.family}, {a.given}" if a.given else a.family for a in reference.authors)
    parts = [names, f"({reference.year}{reference.year_suffix})" if reference.year else ""]
    parts.append(f"{reference.title}." if reference.title else "")
    where = reference.container or ""
    if where and reference.volume:
        where += f", {reference.volume}" + (f"({reference.issue})" if reference.issue else "")
    if where and reference.pages:
        where += f", {reference.pages}"
    parts.append(f"{where}." if where else "")
    parts.append(f"https://doi.org/{reference.doi}" if reference.doi else reference.url or "")
    raw = " ".join(part for part in (*parts, *identifiers) if part)
    return replace(reference, raw=raw)
