"""The .bib corpus and its gold: which world work each entry cites, and how it is wrong.

Gold labels: ``verified`` (cited right), ``metadata-mismatch`` (a real work with one or two
wrong fields; still findable), ``fabricated`` (an invented work, possibly with a DOI that does
not exist or that names another work, an arXiv id nobody holds, or a chimera: the title of
one work with the authors, venue and year of another) and ``not-checkable`` (books no index
holds, reports, web pages, news). Held out: the fields in ``HELDOUT_FIELDS`` and the
``hand`` style, whatever the field.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, replace

from benchmarks.fabrication.vocabulary import FIELDS, venues
from benchmarks.fabrication.world import Builder, World, build_world
from tests.registry.records import PlainWork
from tests.registry.sources import words

LABELS = ("verified", "metadata-mismatch", "fabricated", "not-checkable")
STYLES = ("zotero", "scholar", "hand")
HELDOUT_FIELDS = frozenset({"physics", "social"})
HELDOUT_STYLE = "hand"
SPLITS = ("dev", "heldout")
FABRICATIONS = ("invented", "fake-doi", "other-doi", "chimera", "fake-arxiv")
MISMATCH_FIELDS = ("year", "volume", "pages", "container", "authors")


@dataclass(frozen=True)
class GoldEntry:
    """One .bib entry: what it prints (``cited``) and what it is (``label``, ``case``)."""

    key: str
    label: str
    case: str
    field: str
    style: str
    cited: PlainWork
    work: str | None = None  # the world work it cites (None for an invented one)
    wrong: tuple[str, ...] = ()  # the fields a metadata-mismatch entry prints wrong
    as_preprint: bool = False  # cites the arXiv version by its id
    split: str = dataclasses.field(init=False, default="dev")

    def __post_init__(self) -> None:
        held = self.field in HELDOUT_FIELDS or self.style == HELDOUT_STYLE
        object.__setattr__(self, "split", "heldout" if held else "dev")

    @property
    def bib_file(self) -> str:
        return f"{self.split}-{self.field}.bib"


@dataclass(frozen=True)
class Corpus:
    world: World
    entries: tuple[GoldEntry, ...]

    def of_split(self, split: str) -> list[GoldEntry]:
        return [e for e in self.entries if split == "all" or e.split == split]


def _misspell(family: str, rng: random.Random) -> str:
    if len(family) < 4:
        return family + "e"
    spots = [i for i in range(1, len(family) - 2) if family[i] != family[i + 1]]
    i = rng.choice(spots or [1])  # two letters swapped, never a double letter ("ll")
    return family[:i] + family[i + 1] + family[i] + family[i + 2 :]


def _corrupt(work: PlainWork, rng: random.Random) -> tuple[PlainWork, tuple[str, ...]]:
    """One or two fields wrong: year, volume, pages, venue, an author misspelled or dropped."""
    options = ["year", "authors"]
    if work.kind != "preprint":  # a preprint is cited by its arXiv id: no volume or pages
        options += [name for name in ("volume", "pages") if getattr(work, name)]
    if work.kind in ("journal", "conference"):
        options.append("container")
    wrong = tuple(sorted(rng.sample(options, 2 if rng.random() < 0.3 else 1)))
    for name in wrong:
        if name == "year":
            work = replace(work, year=work.year + rng.choice((-3, -2, 2, 3)))
        elif name == "volume":
            work = replace(work, volume=str(int(work.volume) + rng.randint(1, 4)))
        elif name == "pages":
            first, _, last = work.pages.partition("-")
            shift = rng.randint(20, 300)
            work = replace(work, pages=f"{int(first) + shift}-{int(last or first) + shift}")
        elif name == "container":
            field_venues = [v for v in venues(_field_of_venue(work)) if v.name != work.venue]
            other = rng.choice(
                [v for v in field_venues if v.conference == (work.kind == "conference")]
                or field_venues
            )
            work = replace(work, venue=other.name, venue_short=other.short)
        else:
            authors = list(work.authors)
            i = rng.randrange(min(3, len(authors)))  # one a style shows ("and others" after 3)
            if len(authors) > 2 and rng.random() < 0.5:
                del authors[i]
            else:
                authors[i] = (authors[i][0], _misspell(authors[i][1], rng))
            work = replace(work, authors=tuple(authors))
    return work, wrong


def bib_key(work: PlainWork, number: int) -> str:
    """A key as reference managers make them (family name, year, first title word)."""
    family = work.authors[0][1] if work.authors else work.publisher or "anon"
    first = next(iter(sorted(words(work.title), key=len, reverse=True)), "x")
    ascii_family = "".join(c for c in family.lower() if c.isascii() and c.isalnum())
    return f"{ascii_family or 'anon'}{work.year}{first}{number}"


def _field_of_venue(work: PlainWork) -> str:
    for field_name in FIELDS:
        if any(v.name == work.venue for v in venues(field_name)):
            return field_name
    return "cs"


def fresh_title(builder: Builder, world_words: list[set[str]], field_name: str) -> str:
    """An invented title no source's title search can find (no world title holds its words)."""
    while True:
        title = builder.namer.title(field_name)
        asked = words(title)
        if not any(asked <= known for known in world_words):
            return title


class Planner:
    def __init__(self, world: World, seed: int) -> None:
        self.world = world
        self.rng = random.Random(seed * 7919 + 1)
        self.builder = Builder(seed + 1000)
        self.builder.namer.taken = {w.title.lower() for w in world.works}
        self.world_words = world.title_words()
        self.entries: list[GoldEntry] = []

    def style(self) -> str:
        return self.rng.choices(STYLES, weights=(4, 4, 2))[0]

    def add(self, label: str, case: str, field_name: str, cited: PlainWork, **more: object) -> None:
        key = bib_key(cited, len(self.entries))
        entry = GoldEntry(key, label, case, field_name, self.style(), cited, **more)  # type: ignore[arg-type]
        self.entries.append(entry)

    def invented(self, field_name: str, case: str, donors: list[PlainWork]) -> None:
        rng = self.rng
        pattern = rng.choice(donors)
        title = fresh_title(self.builder, self.world_words, field_name)
        fake = replace(
            pattern,
            key=self.builder.key("fab"),
            title=title,
            authors=self.builder.namer.authors(),
            year=rng.randint(2010, 2024),
            doi="",
            arxiv="",
            pmid="",
            pmcid="",
            sources=frozenset(),
        )
        if case == "fake-doi":
            prefix = pattern.doi.split("/")[0] if pattern.doi else "10.1016"
            fake = replace(fake, doi=f"{prefix}/fab.{rng.randint(10**6, 10**7)}")
        elif case == "other-doi":
            fake = replace(fake, doi=rng.choice([w for w in self.world.works if w.doi]).doi)
        elif case == "fake-arxiv":
            number = f"{fake.year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(30000, 39999)}"
            fake = replace(
                fake, kind="preprint", venue="arXiv", volume="", issue="", pages="", arxiv=number
            )
        self.add("fabricated", case, field_name, fake)

    def chimera(self, field_name: str, title_of: PlainWork, rest_of: PlainWork) -> None:
        """The title of one work under the authors, venue and year of another, with volume and
        pages made up, as generated references mix them. (Every field of one work but the
        title of another would be that work cited with a wrong title: a metadata mismatch.)"""
        rng = self.rng
        first = rng.randint(1, 900)
        cited = replace(
            rest_of,
            key=f"chimera-{title_of.key}",
            title=title_of.title,
            doi="",
            volume=str(rng.randint(1, 90)) if rest_of.volume else "",
            pages=f"{first}--{first + rng.randint(5, 20)}" if rest_of.pages else "",
        )
        self.add("fabricated", "chimera", field_name, cited, work=title_of.key)


def _case(work: PlainWork) -> str:
    if work.kind == "conference":
        return "conference-doi" if work.doi else "conference-no-doi"
    if work.kind == "journal" and "pubmed" in work.sources and not work.doi:
        return "pubmed-only"
    if work.kind == "preprint":
        return "published-preprint-arxiv" if work.doi else "preprint-arxiv"
    if work.kind == "book":
        return "book-openalex"
    return "journal-published-preprint" if work.arxiv else "journal"


def plan_field(planner: Planner, field_name: str) -> None:
    rng = planner.rng
    works = [w for w in planner.world.works if planner.world.field_of[w.key] == field_name]
    indexed = [w for w in works if w.sources]
    rng.shuffle(indexed)
    cited_pairs: set[str] = set()
    for work in indexed:
        if work.key.startswith("preprint-of") and rng.random() < 0.5:
            continue  # a preprint whose journal version is cited instead, or neither
        pair = work.title.lower()
        if pair in cited_pairs:
            continue
        cited_pairs.add(pair)
        roll = rng.random()
        if roll < 0.5 or work.kind in ("book",):
            planner.add("verified", _case(work), field_name, work, work=work.key,
                        as_preprint=work.kind == "preprint")  # fmt: skip
        elif roll < 0.85:
            cited, wrong = _corrupt(work, rng)
            planner.add("metadata-mismatch", _case(work), field_name, cited, work=work.key,
                        wrong=wrong, as_preprint=work.kind == "preprint")  # fmt: skip
    articles = [w for w in indexed if w.kind in ("journal", "conference")]
    cases = [c for c in FABRICATIONS if c != "fake-arxiv" or field_name in ("cs", "physics")]
    for index in range(max(len(indexed) * 2 // 5, len(cases))):
        case = cases[index % len(cases)]
        if case == "chimera":
            a, b = rng.sample(articles, 2)
            planner.chimera(field_name, a, b)
        else:
            planner.invented(field_name, case, articles)
    for work in works:
        if not work.sources:
            planner.add("not-checkable", work.kind, field_name, work, work=work.key)


def build_corpus(seed: int = 13, scale: int = 1) -> Corpus:
    world = build_world(seed, scale)
    planner = Planner(world, seed)
    for field_name in FIELDS:
        plan_field(planner, field_name)
    planner.rng.shuffle(planner.entries)  # a .bib mixes its kinds of entry
    return Corpus(world, tuple(planner.entries))
