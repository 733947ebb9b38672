"""Generated papers for the online checks: references with known truth, as PDFs and as objects.

A paper is a mix of cases (``benchmarks/online/works.py``): clean works, planted defects and
traps. It is typeset by ``tests/citegen.py`` (APA, Harvard, Chicago author-date, IEEE,
Vancouver) into a real PDF, so that the benchmark runs the whole pipeline, and it is also
given as :class:`refcheck.model.Reference` objects built from the printed fields, so that
misses of the online checks can be told from misses of the reference parser.

The paper's own DOI (printed on page 1) is registered too: its record matches the paper, or,
for a paper with ``own_defect``, states another volume, which ``META001`` must report.

Gold: for each reference id (``R1``… in printed order) the codes that must fire, the field of
an XREF001 and the findings tolerated; ``own`` lists the codes due on the paper itself.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from benchmarks.online.works import MAKERS, Case, WorkFactory
from refcheck.model import Author, Document, PaperMetadata, Reference, Statement
from tests.citegen import (
    AUTHOR_SETS,
    AUTHOR_YEAR,
    JOURNAL,
    PUBLISHED,
    Composed,
    CWork,
    Event,
    Paper,
    Plan,
    finish_plan,
    lay_out,
    numeric_events,
    write,
)
from tests.pdfgen import FONT_MISSING, LayoutError, find_font_files

# The accuracy papers: every defect at least once per paper, traps throughout.
ACCURACY_MIX: dict[str, int] = {
    "clean": 9, "year": 1, "volume": 1, "issue": 1, "pages": 1, "doi-of-another-work": 1,
    "doi-of-coauthors-work": 1, "nonexistent-doi": 1, "fabricated": 1, "missing-doi": 2,
    "retraction-publisher": 1,
    "retraction-rw": 1, "concern": 1, "correction": 1, "dead-url": 1, "gone-url": 1,
    "server-error-url": 1, "live-url": 1, "redirected-url": 1, "head-refused-url": 1,
    "news": 1, "book": 2, "datacite-arxiv": 1, "datacite-zenodo": 1, "online-first": 2,
    "nfd-names": 1, "ascii-names": 1,
}  # fmt: skip
# The request-budget paper: 50 references, 40 with DOIs and 10 without, all registered.
BUDGET_MIX: dict[str, int] = {"clean": 36, "online-first": 2, "nfd-names": 2, "missing-doi": 10}
STYLE_TITLES = {
    "apa": "Verifying Reference Metadata Against Registries in Author–Date Articles",
    "harvard": "Retractions, Fabrications and Typos in Reference Lists",
    "chicago": "What the Registries Say: Auditing Cited Works Online",
    "ieee": "Registry Lookups for Numbered Reference Lists at Polite Rates",
    "vancouver": "Checking Cited DOIs, Retractions and Links in Biomedical Articles",
}
PARAGRAPHS = 6


@dataclass(frozen=True)
class GoldReference:
    id: str
    case: Case

    @property
    def expected(self) -> tuple[str, ...]:
        return self.case.expected


@dataclass(frozen=True)
class OnlinePaper:
    """One generated paper: its PDF, its references as objects, the gold and the records."""

    name: str
    style: str
    pdf: Path
    document: Document  # built from the printed fields, not from the PDF
    gold: tuple[GoldReference, ...]
    own_expected: tuple[str, ...]  # ("META001",) when the registered record disagrees
    own_record: dict[str, Any]  # the Crossref message of the paper itself

    def crossref_messages(self) -> list[dict[str, Any]]:
        return [self.own_record, *(m for g in self.gold for m in g.case.crossref)]

    def datacite_records(self) -> list[tuple[str, dict[str, Any]]]:
        return [d for g in self.gold for d in g.case.datacite]

    def web_pages(self) -> list[tuple[str, int, int | None, str | None]]:
        return [p for g in self.gold for p in g.case.pages]


def paper_spec(index: int, style: str, columns: int, seed: int) -> Paper:
    authors, affiliations = AUTHOR_SETS[index % len(AUTHOR_SETS)]
    return Paper(
        name=f"online_{style}_{index}",
        style=style,
        columns=columns,
        seed=seed,
        title=STYLE_TITLES[style],
        authors=authors,
        affiliations=affiliations,
        first_page=300 + 20 * index,
        paragraphs=PARAGRAPHS,
    )


def make_cases(seed: int, mix: dict[str, int], web_base: str) -> list[Case]:
    rng = random.Random(seed)
    # Serial numbers (in DOIs and page paths) start apart per seed: papers share one registry.
    factory = WorkFactory(rng, web_base, serial=seed % 1000 * 1000)
    cases = [MAKERS[kind](factory) for kind, count in mix.items() for _ in range(count)]
    rng.shuffle(cases)
    return cases


def make_events(rng: random.Random, keys: list[str], style: str) -> list[Event]:
    """Every work cited at least once: citegen's numeric plan, one callout each otherwise."""
    if style in AUTHOR_YEAR:
        events = [Event("paren", [CWork(k)]) for k in keys]
        rng.shuffle(events)
    else:
        events = numeric_events(rng, keys, style)
    spots = sorted(rng.randrange(PARAGRAPHS) for _ in events)
    for event, spot in zip(events, spots, strict=True):
        event.para = spot
    return events


def compose(paper: Paper, cases: list[Case], fonts: dict[str, Path]) -> tuple[Composed, Plan]:
    """Lay out the paper with citegen's typesetter (any page count up to its limit of 8)."""
    rng = random.Random(paper.seed * 31)
    works = {c.key: c.printed for c in cases}
    keys = list(works)
    plan = Plan(paper, works, keys, make_events(rng, keys, paper.style), PARAGRAPHS)
    finish_plan(plan)
    pdf, measure, layout, rendered, refs = lay_out(plan, fonts)
    truth = {"name": paper.name, "style": paper.style, "columns": paper.columns,
             "pages": layout.pages, "published": PUBLISHED, "base": None, "references": refs,
             "citations": [r.text for r in rendered], "defects": []}  # fmt: skip
    return Composed(paper, pdf, measure, layout, truth), plan


def reference_object(ref: dict[str, Any]) -> Reference:
    """The printed reference as the parser should read it."""
    return Reference(
        id=ref["id"],
        raw=ref["raw"],
        page=ref["page"],
        label=ref["label"],
        authors=tuple(Author(a["family"], a["given"], a["organization"]) for a in ref["authors"]),
        year=ref["year"],
        year_suffix=ref["year_suffix"],
        title=ref["title"],
        container=ref["container"],
        volume=ref["volume"],
        issue=ref["issue"],
        pages=ref["pages"],
        doi=ref["doi"],
        urls=(ref["url"],) if ref["url"] else (),
        publisher=ref["publisher"],
        type=ref["type"],
    )


def own_record(paper: Paper, pages: int, *, wrong_volume: bool) -> dict[str, Any]:
    """The registered record of the paper itself, as page 1 and the running header state it."""
    people = []
    for i, name in enumerate(paper.authors):
        given, _, family = name.rpartition(" ")
        people.append({"given": given, "family": family,
                       "sequence": "additional" if i else "first"})  # fmt: skip
    return {
        "DOI": own_doi(paper),
        "type": "journal-article",
        "title": [paper.title],
        "author": people,
        "container-title": [JOURNAL],
        "volume": "15" if wrong_volume else "14",
        "issue": "2",
        "page": f"{paper.first_page}-{paper.first_page + pages - 1}",
        "issued": {"date-parts": [[2021, 6, 12]]},
        "published-online": {"date-parts": [[2021, 6, 12]]},
    }


def own_statements(paper: Paper) -> tuple[Statement, ...]:
    """What page 1 and the running header state about the paper (tests/citegen.py prints
    "Vol. 14, No. 2 (2021)" on both and the "Published:" date and the DOI on page 1)."""
    doi = own_doi(paper)
    stated = [("title", paper.title, paper.title, "first-page"), ("doi", doi, doi, "first-page"),
              ("year", "2021", "2021", "first-page")]  # fmt: skip
    for source in ("first-page", "running-header"):
        stated += [("volume", "14", "14", source), ("issue", "2", "2", source)]
    return tuple(
        Statement(field, value, normalized, 1 if source == "first-page" else 2, source)
        for field, value, normalized, source in stated
    )


def own_doi(paper: Paper) -> str:
    return f"10.5555/jcs.2021.{paper.first_page:04d}"


def build_paper(
    paper: Paper, mix: dict[str, int], outdir: Path, web_base: str, *, own_defect: bool = False
) -> OnlinePaper:
    fonts = find_font_files()
    if fonts is None:
        raise LayoutError(FONT_MISSING)
    cases = make_cases(paper.seed, mix, web_base)
    composed, plan = compose(paper, cases, fonts)
    made = write(composed, outdir)
    by_key = {c.key: c for c in cases}
    refs = composed.truth["references"]
    gold = tuple(GoldReference(r["id"], by_key[k]) for r, k in zip(refs, plan.listed, strict=True))
    metadata = PaperMetadata(title=paper.title, journal=JOURNAL, volume="14", issue="2",
                             year="2021", date=PUBLISHED, doi=own_doi(paper),
                             statements=own_statements(paper))  # fmt: skip
    document = Document(path=str(made.path), pages=composed.layout.pages, metadata=metadata,
                        references=tuple(reference_object(r) for r in refs))  # fmt: skip
    return OnlinePaper(
        name=paper.name,
        style=paper.style,
        pdf=made.path,
        document=document,
        gold=gold,
        own_expected=("META001",) if own_defect else (),
        own_record=own_record(paper, composed.layout.pages, wrong_volume=own_defect),
    )


STYLE_ORDER = ("apa", "ieee", "harvard", "vancouver", "chicago")


def accuracy_paper(index: int, outdir: Path, web_base: str) -> OnlinePaper:
    """The `index`-th accuracy paper: styles in turn, one and two columns; every other one's
    own record disagrees with its volume."""
    outdir.mkdir(parents=True, exist_ok=True)
    style = STYLE_ORDER[index % len(STYLE_ORDER)]
    spec = paper_spec(index, style, 1 + index % 2, seed=4100 + index)
    return build_paper(spec, ACCURACY_MIX, outdir, web_base, own_defect=index % 2 == 1)


def accuracy_papers(
    outdir: Path, web_base: str, count: int = 5, first: int = 0
) -> list[OnlinePaper]:
    """Papers ``first`` to ``first + count - 1``; each index has its own seed, so papers from
    10 on are ones nobody tuned the checks on."""
    return [accuracy_paper(i, outdir, web_base) for i in range(first, first + count)]


def budget_paper(outdir: Path, web_base: str) -> OnlinePaper:
    """The 50-reference paper of the request-budget run (40 with DOIs, 10 without)."""
    outdir.mkdir(parents=True, exist_ok=True)
    spec = replace(paper_spec(9, "ieee", 2, seed=4900), name="online_budget_50")
    return build_paper(spec, BUDGET_MIX, outdir, web_base)
