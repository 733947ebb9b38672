"""A synthetic bibliographic world, deterministic from a seed.

Works across four fields (cs, biomed, physics, social), each held by the sources a real work
of its kind would be in:

* journal article with a DOI: Crossref, OpenAlex, Semantic Scholar (+ Europe PMC and PubMed
  in biomed, + dblp in cs);
* conference paper (cs): dblp, Semantic Scholar, OpenAlex; Crossref only at DOI venues;
* preprint: arXiv, Semantic Scholar, OpenAlex (+ dblp's CoRR in cs);
* published preprint: the preprint in arXiv (with the journal DOI), the journal version as
  above;
* PubMed-only article (biomed): PubMed and Europe PMC, no DOI;
* book: none, or OpenAlex alone; report, web page, news story: none.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from benchmarks.fabrication.vocabulary import (
    BOOK_PUBLISHERS,
    FAMILY_NAMES,
    FIELDS,
    GIVEN_NAMES,
    NEWS_OUTLETS,
    REPORT_INSTITUTIONS,
    TITLE_PARTS,
    TITLE_TEMPLATES,
    Venue,
    venues,
)
from tests.registry.records import PlainWork
from tests.registry.sources import words

JOURNAL_SOURCES = frozenset({"crossref", "openalex", "semanticscholar"})
BIOMED_SOURCES = JOURNAL_SOURCES | {"europepmc", "pubmed"}
PREPRINT_SOURCES = frozenset({"arxiv", "semanticscholar", "openalex"})
# How many works of each kind a field holds per unit of --scale.
KIND_MIX: dict[str, dict[str, int]] = {
    "cs": {"conference": 10, "journal": 3, "preprint": 4, "published-preprint": 3, "book": 2},
    "biomed": {"journal": 10, "pubmed-only": 4, "book": 2},
    "physics": {"journal": 8, "preprint": 4, "published-preprint": 3, "book": 2},
    "social": {"journal": 10, "book": 4},
}
UNINDEXED_MIX = {"book": 2, "report": 2, "web": 2, "news": 1}


@dataclass(frozen=True)
class World:
    seed: int
    works: tuple[PlainWork, ...]
    field_of: dict[str, str]  # work key → field

    def by_key(self) -> dict[str, PlainWork]:
        return {work.key: work for work in self.works}

    def title_words(self) -> list[set[str]]:
        return [words(work.title) for work in self.works]


class Namer:
    """Unique titles and plausible author lists from one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def title(self, field: str) -> str:
        for _ in range(1000):
            template = self.rng.choice(TITLE_TEMPLATES[field])
            parts = {name: self.rng.choice(options) for name, options in TITLE_PARTS[field].items()}
            title = template.format(**parts)
            if title.lower() not in self.taken:
                self.taken.add(title.lower())
                return title
        raise RuntimeError(f"ran out of {field} titles")

    def authors(self, low: int = 1, high: int = 6) -> tuple[tuple[str, str], ...]:
        count = self.rng.randint(low, high)
        families = self.rng.sample(FAMILY_NAMES, count)
        return tuple((self.rng.choice(GIVEN_NAMES), family) for family in families)


def _pages(rng: random.Random) -> str:
    first = rng.randint(1, 1900)
    return f"{first}-{first + rng.randint(5, 24)}"


def _doi(rng: random.Random, venue: Venue, year: int) -> str:
    name = venue.short.lower().replace(" ", "")
    return f"{venue.doi_prefix}/{name}.{year}.{rng.randint(1000, 99999)}"


def _arxiv_id(rng: random.Random, year: int) -> str:
    return f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 29999):05d}"


class Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.namer = Namer(self.rng)
        self.count = 0
        self.pmids: set[str] = set()

    def key(self, kind: str) -> str:
        self.count += 1
        return f"{kind}-{self.count:04d}"

    def pmid(self) -> str:
        while (pmid := str(self.rng.randint(10_000_000, 39_999_999))) in self.pmids:
            pass
        self.pmids.add(pmid)
        return pmid

    def article(self, field: str, kind: str) -> PlainWork:
        rng = self.rng
        options = [v for v in venues(field) if (v.conference == (kind == "conference"))]
        venue = rng.choice(options)
        year = rng.randint(1998, 2024)
        work = PlainWork(
            key=self.key(kind),
            title=self.namer.title(field),
            authors=self.namer.authors(),
            year=year,
            venue=venue.name,
            venue_short=venue.short,
            kind="conference" if kind == "conference" else "journal",
            volume="" if venue.conference else str(max(1, year - venue.first_year)),
            issue="" if venue.conference else str(rng.randint(1, 12)),
            pages=_pages(rng),
            publisher=venue.publisher,
            doi=_doi(rng, venue, year) if venue.doi_prefix else "",
        )
        sources = set(JOURNAL_SOURCES if work.doi else {"openalex", "semanticscholar"})
        if field == "cs":
            sources.add("dblp")
        if field == "biomed":
            sources |= BIOMED_SOURCES
            work = replace(work, pmid=self.pmid())
            if rng.random() < 0.4:
                work = replace(work, pmcid=f"PMC{rng.randint(1_000_000, 9_999_999)}")
        if kind == "pubmed-only":
            sources, work = {"pubmed", "europepmc"}, replace(work, doi="")
        return replace(work, sources=frozenset(sources))

    def preprint(self, field: str) -> PlainWork:
        year = self.rng.randint(2008, 2024)
        sources = PREPRINT_SOURCES | ({"dblp"} if field == "cs" else set())
        return PlainWork(
            key=self.key("preprint"),
            title=self.namer.title(field),
            authors=self.namer.authors(),
            year=year,
            venue="arXiv",
            kind="preprint",
            arxiv=_arxiv_id(self.rng, year),
            sources=frozenset(sources),
        )

    def published_preprint(self, field: str) -> list[PlainWork]:
        """The journal version, and its preprint (same title and authors, a year earlier)."""
        journal = self.article(field, "journal")
        if not journal.doi:
            journal = replace(journal, doi=f"10.1007/s{self.rng.randint(10000, 99999)}-x")
            journal = replace(journal, sources=journal.sources | {"crossref"})
        arxiv = _arxiv_id(self.rng, journal.year - 1)
        preprint = replace(
            journal,
            key=self.key("preprint-of"),
            kind="preprint",
            year=journal.year - 1,
            arxiv=arxiv,
            sources=PREPRINT_SOURCES,
        )
        return [replace(journal, arxiv=arxiv), preprint]

    def book(self, field: str, indexed: bool) -> PlainWork:
        return PlainWork(
            key=self.key("book"),
            title=self.namer.title(field),
            authors=self.namer.authors(1, 3),
            year=self.rng.randint(1985, 2023),
            kind="book",
            publisher=self.rng.choice(BOOK_PUBLISHERS),
            sources=frozenset({"openalex"} if indexed else ()),
        )

    def grey(self, field: str, kind: str) -> PlainWork:
        """A report, web page or news story: in no index."""
        rng = self.rng
        title = self.namer.title(field)
        slug = "-".join(sorted(words(title))[:5])
        publisher = rng.choice(REPORT_INSTITUTIONS if kind == "report" else NEWS_OUTLETS)
        site = publisher.lower().replace(" ", "")
        return PlainWork(
            key=self.key(kind),
            title=title,
            authors=self.namer.authors(0 if kind == "web" else 1, 3),
            year=rng.randint(2005, 2024),
            kind=kind,
            publisher=publisher,
            url=f"https://www.{site}.example/{kind}/{slug}",
        )


def build_world(seed: int = 13, scale: int = 1) -> World:
    """Every field's works (``KIND_MIX`` × scale) and the unindexed grey literature."""
    builder = Builder(seed)
    works: list[PlainWork] = []
    field_of: dict[str, str] = {}
    for field in FIELDS:
        made: list[PlainWork] = []
        for kind, count in KIND_MIX[field].items():
            for index in range(count * scale):
                if kind == "preprint":
                    made.append(builder.preprint(field))
                elif kind == "published-preprint":
                    made += builder.published_preprint(field)
                elif kind == "book":
                    made.append(builder.book(field, indexed=index % 2 == 0))
                else:
                    made.append(builder.article(field, kind))
        for kind, count in UNINDEXED_MIX.items():
            for _ in range(count * scale):
                made.append(
                    builder.book(field, False) if kind == "book" else builder.grey(field, kind)
                )
        works += made
        field_of |= {work.key: field for work in made}
    return World(seed, tuple(works), field_of)
