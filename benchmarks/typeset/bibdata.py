"""Bibliography records drawn from AnyStyle's labelled reference strings (BSD-2-Clause).

Only journal articles whose every field could be read cleanly are kept: authors written as
"Family, I. I., Family, I. & Family, I.", a four-digit year, title, journal, volume and pages.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

SETS = ("core.xml", "gold.xml", "good.xml")
_NAME = re.compile(r"^([A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?), ((?:[A-Z]\.\s?-?)+)$")
_SPLIT = re.compile(r",?\s*(?:&|and)\s+|(?<=\.),\s+")
_DOI = re.compile(r"10\.\d{4,9}/\S+[^\s.,;]")


@dataclass(frozen=True)
class Record:
    key: str
    authors: tuple[tuple[str, str], ...]  # (family, initials)
    year: int
    title: str
    journal: str
    volume: str
    issue: str
    pages: str
    doi: str

    @property
    def first(self) -> str:
        return self.authors[0][0]

    def with_year(self, year: int) -> Record:
        return replace(self, year=year)


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip()
    text = text.strip('“”"')
    return text.rstrip(".,;:").strip('“”"').strip()


def _ascii(text: str) -> bool:
    return all(ord(c) < 128 for c in unicodedata.normalize("NFC", text))


def _authors(text: str) -> tuple[tuple[str, str], ...] | None:
    parts = [p.strip() for p in _SPLIT.split(text.strip().rstrip(",")) if p.strip()]
    out = []
    for part in parts:
        match = _NAME.match(part)
        if not match:
            return None
        out.append((match.group(1), " ".join(match.group(2).replace(".", ". ").split())))
    return tuple(out) if 0 < len(out) <= 6 else None


def _record(tags: dict[str, str]) -> Record | None:
    need = ("author", "date", "title", "journal", "volume", "pages")
    if not all(tags.get(k) for k in need):
        return None
    authors = _authors(tags["author"])
    year = re.search(r"\b(19[5-9]\d|20[01]\d)\b", tags["date"])
    volume = re.match(r"\s*(?:Vol\.?\s*)?(\d{1,4})\s*(?:\((\d{1,3})\))?", tags["volume"])
    pages = re.search(r"(\d{1,5})\s*[-–]+\s*(\d{1,5})", tags["pages"])
    title, journal = _clean(tags["title"]), _clean(tags["journal"])
    if not (authors and year and volume and pages) or len(title) < 20:
        return None
    if not all(_ascii(t) for t in (title, journal, tags["author"])) or re.search(
        r"[{}$#%_&^~\\]", title + journal
    ):
        return None
    doi = _DOI.search(tags.get("doi", ""))
    return Record(
        key="",
        authors=authors,
        year=int(year.group(1)),
        title=title,
        journal=journal,
        volume=volume.group(1),
        issue=volume.group(2) or "",
        pages=f"{pages.group(1)}--{pages.group(2)}",
        doi=doi.group(0) if doi else "",
    )


def load_records(anystyle_dir: Path) -> list[Record]:
    """Every clean journal-article record, keyed ``<family><year><n>``, in file order."""
    records: list[Record] = []
    seen: set[tuple[str, str]] = set()
    for name in SETS:
        path = anystyle_dir / name
        if not path.is_file():
            continue
        for sequence in ET.parse(path).getroot():
            tags = {child.tag: child.text or "" for child in sequence}
            record = _record(tags)
            if record is None or (record.first, record.title) in seen:
                continue
            seen.add((record.first, record.title))
            stem = re.sub(r"[^a-z]", "", record.first.lower())
            records.append(replace(record, key=f"{stem}{record.year}r{len(records)}"))
    return records


def _bibtex_escape(text: str) -> str:
    return text.replace("&", r"\&")


def bibtex(record: Record) -> str:
    authors = " and ".join(f"{family}, {given}" for family, given in record.authors)
    fields = [
        ("author", authors),
        ("title", "{" + record.title + "}"),
        ("journal", record.journal),
        ("year", str(record.year)),
        ("volume", record.volume),
        ("number", record.issue),
        ("pages", record.pages),
        ("doi", record.doi),
    ]
    body = ",\n".join(f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields if value)
    return f"@article{{{record.key},\n{body}\n}}\n"
