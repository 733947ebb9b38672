"""One paper's content, front matter and planted defects, independent of how it is typeset.

A paper is a list of blocks whose citations are either ``Cite`` (made by BibTeX, biblatex or
citeproc from the bibliography) or ``Typed`` (typed by hand, as an author does in Word, or as a
planted defect). The truth records each planted defect with its code, a subject a person can
read and the tokens a finding must contain to be about that subject.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from typing import Any

from .bibdata import Record
from .templates import Template

JOURNALS = (
    ("Journal of Applied Inquiry", "jai"),
    ("Studies in Computational Methods", "scm"),
    ("Review of Empirical Science", "res"),
)
PEOPLE = ("Ada Marsh", "Tomas Ilves", "Priya Raman", "Kenji Ota", "Lena Brandt", "Omar Haddad")
FAKE_NAMES = ("Okonkwo", "Vaillancourt", "Szymborska", "Quartermaine", "Ebbesen", "Trzaskowski")
SENTENCES = (
    "The approach has been studied under several assumptions",
    "Earlier work reported comparable effects in smaller samples",
    "A related line of research measured the same quantity with different instruments",
    "These results were later extended to the general case",
    "The estimate depends strongly on how the data were collected",
    "Several authors have questioned whether the effect is robust",
    "A simpler model explains most of the variance in practice",
    "The method was first described for a narrower class of problems",
)


@dataclass(frozen=True)
class Cite:
    keys: tuple[str, ...]
    narrative: bool = False


@dataclass(frozen=True)
class Typed:
    text: str
    sup: bool = False


Segment = str | Cite | Typed


@dataclass
class Block:
    kind: str  # heading | para | table | figure | footnote-para
    segments: list[Segment] = field(default_factory=list)
    rows: list[tuple[str, Segment, str]] = field(default_factory=list)
    note: str = ""


@dataclass
class Front:
    journal: str
    abbrev: str
    volume: int
    issue: int
    year: int
    first_page: int
    issn: str
    doi: str
    masthead: bool
    cite_this: bool
    licence: bool
    cite_volume: int  # the volume the cite-this box states (differs for META001)
    footer: bool


@dataclass
class Paper:
    name: str
    template: Template
    title: str
    authors: tuple[str, ...]
    front: Front
    records: list[Record]  # the bibliography, every entry printed
    nocite: list[str]
    blocks: list[Block]
    appendix: bool
    short: bool
    defects: list[dict[str, Any]]
    edits: dict[str, Any]  # what the typesetter must change after the tools ran

    def truth(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "template": self.template.name,
            "family": self.template.family,
            "class": self.template.cls,
            "style": self.template.style,
            "kind": self.template.kind,
            "split": self.template.split,
            "natbib": self.template.natbib,
            "hyperref": self.template.hyperref,
            "clean": not self.defects,
            "year": self.front.year if self.front.masthead else None,
            "front": {
                "masthead": self.front.masthead,
                "cite_this": self.front.cite_this,
                "licence": self.front.licence,
                "footer": self.front.footer,
                "short": self.short,
                "appendix": self.appendix,
            },
            "references": len(self.records),
            "defects": self.defects,
        }


def issn_check(seven: str) -> str:
    total = sum(int(d) * w for d, w in zip(seven, range(8, 1, -1), strict=False))
    digit = (11 - total % 11) % 11
    return "X" if digit == 10 else str(digit)


def make_issn(rng: random.Random, valid: bool = True) -> str:
    seven = f"{rng.randint(1000, 2999)}{rng.randint(100, 999)}"
    check = issn_check(seven)
    if not valid:
        check = str((int(check) + 3) % 10) if check != "X" else "1"
    return f"{seven[:4]}-{seven[4:]}{check}"


def narrative(record: Record, year: int | None = None, name: str | None = None) -> str:
    first = name or record.first
    shown = record.year if year is None else year
    if len(record.authors) == 1:
        return f"{first} ({shown})"
    if len(record.authors) == 2:
        return f"{first} and {record.authors[1][0]} ({shown})"
    return f"{first} et al. ({shown})"


def misspell(name: str) -> str:
    """Swap two inner letters, the commonest typo in a surname ("Smtih")."""
    for i in range(1, len(name) - 2):
        inner = name[i - 1].isalpha()  # never a word's first letter: "Di Castri", not "Di aCstri"
        if inner and name[i] != name[i + 1] and name[i].isalpha() and name[i + 1].isalpha():
            return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name + "e"


def twin(record: Record, other: Record, *, same_authors: bool = False) -> Record:
    """Another work of the same first author and year (CIT005)."""
    # the same citation form: the same authors for one or two, the same first for "et al.";
    # biblatex's uniquelist names a second author where the lists differ, so there they match
    authors = (
        record.authors
        if len(record.authors) <= 2 or same_authors
        else (record.authors[0], *reversed(record.authors[1:]))
    )
    return replace(
        record,
        key=record.key + "tw",
        authors=authors,
        title=other.title,
        journal=other.journal,
        volume=other.volume,
        pages=other.pages,
        doi="",
    )


def front_matter(rng: random.Random, index: int, year: int) -> Front:
    journal, abbrev = JOURNALS[index % len(JOURNALS)]
    volume = year - 2008
    number = rng.randint(1, 4)
    return Front(
        journal=journal,
        abbrev=abbrev,
        volume=volume,
        issue=number,
        year=year,
        first_page=rng.randint(10, 400),
        issn=make_issn(rng),
        doi=f"10.5555/{abbrev}.{year}.{rng.randint(1000, 9999)}",
        masthead=index % 4 != 3,
        cite_this=index % 3 != 2,
        licence=index % 2 == 0,
        cite_volume=volume,
        footer=index % 2 == 1,
    )


def _record_key(record: Record) -> str:
    return record.key


def choose_records(rng: random.Random, pool: list[Record], count: int) -> list[Record]:
    firsts: set[str] = set(FAKE_NAMES)
    chosen: list[Record] = []
    for record in rng.sample(pool, len(pool)):
        if record.first in firsts:
            continue
        firsts.add(record.first)
        chosen.append(record)
        if len(chosen) == count:
            break
    return chosen
