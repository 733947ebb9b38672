"""Cited works with their "true" registry records, and the defects and traps planted in print.

Every cited work exists twice: as the record a registry holds (a Crossref ``message``, a
DataCite ``attributes`` object, a web page) and as what the paper prints (a
:class:`tests.citegen.Work`, which ``tests/citegen.py`` typesets in five styles). A *case*
says how the two differ and which rule codes must fire for it; a trap is a case where they
differ only in ways a correct checker forgives (full given names against initials, title case,
journal abbreviations, decomposed accents, names printed without accents, online-first years,
DataCite DOIs, books and news that no registry holds).

All randomness comes from one seeded ``random.Random`` per paper, so the papers, their records
and their gold are the same on every run.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from tests.citegen import Person, Work

# (full title, NLM abbreviation, DOI code, publisher, first volume year)
JOURNALS = (
    ("Journal of Applied Ecology Methods", "J Appl Ecol Methods", "jaem", "Verdant Press", 1998),
    ("Computational Materials Letters", "Comput Mater Lett", "cml", "Lattice House", 2004),
    ("Revista de Ciencias del Suelo", "Rev Cienc Suelo", "rcs", "Ediciones Terra", 1985),
    ("Annals of Clinical Epidemiology", "Ann Clin Epidemiol", "ace", "Meridian Medical", 1979),
    ("Transactions on Learning Systems", "Trans Learn Syst", "tls", "Signal Society", 2011),
    ("Journal of Coastal Hydrology", "J Coast Hydrol", "jch", "Tidewater Academic", 1991),
    ("Zeitschrift für Sprachdaten", "Z Sprachdaten", "zsd", "Lindenberg Verlag", 2002),
    ("Energy Storage Reviews", "Energy Storage Rev", "esr", "Ampere Publishing", 2009),
)  # fmt: skip
SUBJECTS = (
    "soil microbial diversity", "urban heat islands", "protein aggregation", "coral reef recovery",
    "graph neural networks", "antibiotic resistance genes", "glacier mass balance",
    "early language acquisition", "wildfire smoke exposure", "lithium battery degradation",
    "groundwater recharge", "sleep and memory consolidation", "pollinator decline",
    "sea-level rise", "speech recognition errors", "perovskite solar cells",
    "hospital readmission", "river sediment transport", "code-switching in bilingual speech",
    "sodium-ion electrodes", "nitrogen fixation", "air pollution and asthma",
)  # fmt: skip
# Only fabricated articles are about these, so no registered work shares their titles.
FABRICATED_SUBJECTS = (
    "microplastic uptake in alpine lakes", "quantum dot toxicity", "bee navigation under light "
    "pollution", "tidal energy and fish migration", "permafrost carbon release",
)  # fmt: skip
METHODS = (
    "A longitudinal study of", "Bayesian estimation of", "Field evidence on",
    "A meta-analysis of", "Scaling laws for", "Measuring", "Spatial patterns of",
    "Predicting", "Rethinking", "Low-cost monitoring of", "Mechanisms of",
)  # fmt: skip
SETTINGS = (
    "in temperate forests", "across European cities", "under drought stress",
    "in coastal wetlands", "at high latitudes", "in low-income settings", "over two decades",
    "in controlled trials", "from satellite data", "in Andean catchments", "",
)  # fmt: skip
PEOPLE = (
    ("Okonkwo", "Adaeze"), ("Lindgren", "Sofia"), ("Nakashima", "Ren"), ("Müller", "Jonas"),
    ("Núñez", "Camila"), ("Søndergaard", "Mette"), ("Kowalczyk", "Agnieszka"),
    ("Çelik", "Emre"), ("Haddad", "Layla"), ("Ivanova", "Elena"), ("Zhang", "Wei"),
    ("Patel", "Anjali"), ("Gonçalves", "Pedro"), ("Åberg", "Lina"), ("O'Brien", "Siobhán"),
    ("Fischer", "Hanna"), ("Mensah", "Kofi"), ("Yılmaz", "Ayşe"), ("Dubois", "Chloé"),
    ("Rossi", "Marco"), ("Tanaka", "Yuki"), ("Ferreira", "Beatriz"), ("Novák", "Tomáš"),
    ("Groß", "Jürgen"), ("Brennan", "Sean"), ("Kim", "Min-jun"), ("Quispe", "Rosa"),
    ("Eriksson", "Björn"), ("García-Lorca", "Elena"), ("Weiß", "Anna"), ("Hughes", "Owen"),
    ("Abubakar", "Zainab"), ("Larsen", "Ida"), ("Moreau", "Claire"), ("Ivanović", "Luka"),
)  # fmt: skip
PUBLISHERS = (("Cambridge Academic Press", "Cambridge"), ("Meridian Academic", "London"),
              ("Harbour Press", "Edinburgh"), ("Lindenberg Verlag", "Berlin"))  # fmt: skip
NEWSPAPERS = ("Northern Daily Courier", "The Harbour Gazette", "Valley Evening Post")
NEWS_SUBJECTS = ("Flood defences fail their first test", "City council backs cycling plan",
                 "Drought shrinks the reservoir to a record low",
                 "New vaccine clinic opens in the old library")  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One cited work: what the registries hold, what is printed, what must be reported.

    ``expected`` are the rule codes that must fire on this reference (empty for clean works
    and traps); ``field`` names the field of an XREF001; ``tolerated`` are (code, severity)
    findings that are neither right nor wrong (an online-first year reported as info).
    """

    key: str
    kind: str  # the defect or trap planted: "clean", "year", "datacite-arxiv" …
    printed: Work
    expected: tuple[str, ...] = ()
    field: str | None = None
    tolerated: tuple[tuple[str, str], ...] = ()
    crossref: tuple[dict[str, Any], ...] = ()  # messages to serve (the work, a notice, a decoy)
    datacite: tuple[tuple[str, dict[str, Any]], ...] = ()
    pages: tuple[tuple[str, int, int | None, str | None], ...] = ()  # path, GET, HEAD, redirect


@dataclass
class WorkFactory:
    """Invents distinct works: titles, authors, journals, volumes and DOIs, from one seed."""

    rng: random.Random
    web_base: str  # e.g. "http://127.0.0.1:8123": the test web server that serves cited URLs
    serial: int = 0
    used_titles: set[str] = field(default_factory=set)

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    def title(self, subjects: tuple[str, ...] = SUBJECTS) -> str:
        while True:
            text = " ".join(
                part
                for part in (
                    self.rng.choice(METHODS),
                    self.rng.choice(subjects),
                    self.rng.choice(SETTINGS),
                )
                if part
            )
            if text not in self.used_titles:
                self.used_titles.add(text)
                return text

    def people(self, low: int = 1, high: int = 4) -> tuple[Person, ...]:
        chosen = self.rng.sample(PEOPLE, self.rng.randint(low, high))
        return tuple(Person(family, given) for family, given in chosen)

    def article(self, *, article_number: bool = False) -> tuple[Work, dict[str, Any]]:
        """A journal article and its Crossref message (print and online date in one year)."""
        full, abbrev, code, publisher, started = self.rng.choice(JOURNALS)
        year = self.rng.randint(max(2008, started + 1), 2020)
        volume = str(year - started + 1)
        issue = str(self.rng.randint(1, 6))
        if article_number:
            pages = f"e{self.rng.randint(10000, 99999)}"
        else:
            first = self.rng.randint(1, 900)
            pages = f"{first}-{first + self.rng.randint(6, 24)}"
        doi = f"10.5555/{code}.{year}.{self.next_serial():06d}"
        work = Work(
            key=doi,
            type="article",
            authors=self.people(),
            year=year,
            title=self.title(),
            container=full,
            abbrev=abbrev,
            volume=volume,
            issue=issue,
            pages=pages,
            doi=doi,
        )
        month = self.rng.randint(2, 12)
        message = crossref_message(work, publisher, online=(year, month - 1), printed=(year, month))
        return work, message


def _date(year: int, month: int, day: int = 0) -> dict[str, Any]:
    parts = [year, month] + ([day] if day else [])
    return {"date-parts": [parts]}


def crossref_message(
    work: Work,
    publisher: str,
    *,
    online: tuple[int, int] | None,
    printed: tuple[int, int] | None,
    nfd_names: bool = False,
) -> dict[str, Any]:
    """The Crossref /works message of `work` (full given names, sentence-case title)."""

    def name(text: str) -> str:
        return unicodedata.normalize("NFD", text) if nfd_names else text

    authors = [
        {"given": name(p.given), "family": name(p.family),
         "sequence": "additional" if i else "first"}
        for i, p in enumerate(work.authors)
    ]  # fmt: skip
    dates = [d for d in (online, printed) if d is not None]
    message: dict[str, Any] = {
        "DOI": work.doi,
        "type": "journal-article",
        "title": [work.title],
        "author": authors,
        "container-title": [work.container],
        "short-container-title": [work.abbrev],
        "publisher": publisher,
        "volume": work.volume,
        "issue": work.issue,
        "issued": _date(*min(dates)),
    }
    if work.pages and work.pages.startswith("e"):
        message["article-number"] = work.pages
        message["page"] = work.pages
    elif work.pages:
        message["page"] = work.pages
    if online is not None:
        message["published-online"] = _date(*online, 14)
    if printed is not None:
        message["published-print"] = _date(*printed)
    return message


def fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


# --- the cases ------------------------------------------------------------------------------------


def clean(f: WorkFactory) -> Case:
    work, message = f.article(article_number=f.rng.random() < 0.15)
    return Case(work.key, "clean", work, crossref=(message,))


def field_defect(field_name: str) -> Callable[[WorkFactory], Case]:
    """A registered article printed with one wrong field: XREF001 naming that field."""

    def make(f: WorkFactory) -> Case:
        work, message = f.article()
        assert work.volume and work.issue and work.pages and work.year
        if field_name == "year":
            printed = replace(work, year=work.year + f.rng.choice((-2, -1, 1, 2)))
        elif field_name == "volume":
            printed = replace(work, volume=str(int(work.volume) + f.rng.choice((-1, 1, 10))))
        elif field_name == "issue":
            printed = replace(work, issue=str(int(work.issue) % 6 + 1))
        else:
            first, last = (int(p) for p in work.pages.split("-"))
            shift = f.rng.choice((100, 10, 1000))
            printed = replace(work, pages=f"{first + shift}-{last + shift}")
        return Case(work.key, field_name, printed, ("XREF001",), field_name, crossref=(message,))

    return make


def other_works_doi(f: WorkFactory) -> Case:
    """The DOI of another registered work (a decoy nobody cites): DOI002."""
    work, message = f.article()
    decoy, decoy_message = f.article()
    printed = replace(work, doi=decoy.doi)
    return Case(work.key, "doi-of-another-work", printed, ("DOI002",),
                crossref=(message, decoy_message))  # fmt: skip


def coauthors_doi(f: WorkFactory) -> Case:
    """The DOI of another paper the first author co-wrote (not as first author): DOI002."""
    work, message = f.article()
    decoy, decoy_message = f.article()
    assert decoy.year
    others = [p for p in decoy.authors if p != work.authors[0]][:2] or [Person("Rossi", "Marco")]
    decoy = replace(decoy, authors=(*others, work.authors[0]))
    decoy_message = crossref_message(decoy, str(decoy_message["publisher"]),
                                     online=None, printed=(decoy.year, 4))  # fmt: skip
    printed = replace(work, doi=decoy.doi)
    return Case(work.key, "doi-of-coauthors-work", printed, ("DOI002",),
                crossref=(message, decoy_message))  # fmt: skip


def nonexistent_doi(f: WorkFactory) -> Case:
    """A registered work printed with a DOI typo that no agency knows: DOI001."""
    work, message = f.article()
    assert work.doi
    printed = replace(work, doi=work.doi[:-2] + work.doi[-1] + work.doi[-2] + "7")
    return Case(work.key, "nonexistent-doi", printed, ("DOI001",), crossref=(message,))


def fabricated(f: WorkFactory) -> Case:
    """A plausible journal article that no registry holds, without a DOI: XREF002."""
    work, _ = f.article()
    invented = replace(work, title=f.title(FABRICATED_SUBJECTS), doi=None)
    return Case(work.key, "fabricated", invented, ("XREF002",))


def missing_doi(f: WorkFactory) -> Case:
    """A registered article printed without its DOI: XREF003 from a validated search."""
    work, message = f.article()
    return Case(work.key, "missing-doi", replace(work, doi=None), ("XREF003",),
                crossref=(message,))  # fmt: skip


def updated(update_type: str, source: str) -> Callable[[WorkFactory], Case]:
    """A registered article with a notice in `updated-by` (retraction, concern …): RET001."""

    def make(f: WorkFactory) -> Case:
        work, message = f.article()
        assert work.doi and work.year
        notice_doi = f"{work.doi}.{update_type[:3]}"
        when = _date(work.year + 2, 3, 9)
        label = update_type.replace("_", " ").capitalize()
        message["updated-by"] = [{"DOI": notice_doi, "type": update_type, "label": label,
                                  "source": source, "updated": when,
                                  "record-id": str(f.next_serial())}]  # fmt: skip
        notice = {
            "DOI": notice_doi, "type": "journal-article", "title": [f"{label}: {work.title}"],
            "container-title": [work.container], "issued": when,
            "update-to": [{"DOI": work.doi, "type": update_type, "label": label,
                           "source": source, "updated": when}],
        }  # fmt: skip
        return Case(work.key, f"{update_type}-{source}", work, ("RET001",),
                    crossref=(message, notice))  # fmt: skip

    return make


def web_page(kind: str, get: int, head: int | None, redirect: bool, codes: tuple[str, ...]
             ) -> Callable[[WorkFactory], Case]:  # fmt: skip
    """A cited web page served by the test web server with the given statuses."""

    def make(f: WorkFactory) -> Case:
        n = f.next_serial()
        path = f"/p/{kind[:4]}{n}"
        year = f.rng.randint(2015, 2020)
        work = Work(
            key=f"web-{n}",
            type="web",
            authors=f.people(1, 2),
            year=year,
            title=f.title(),
            container=f.rng.choice(("Field Notes Online", "Open Data Portal", "Lab Handbook")),
            url=f.web_base + path,
            date=(f.rng.randint(1, 12), f.rng.randint(1, 28)),
            accessed=(2021, f.rng.randint(1, 4), f.rng.randint(1, 28)),
        )
        pages: list[tuple[str, int, int | None, str | None]] = []
        if redirect:
            target = f"/moved/{n}"
            pages.append((path, 301, None, target))
            pages.append((target, get, head, None))
        else:
            pages.append((path, get, head, None))
        return Case(work.key, kind, work, codes, pages=tuple(pages))

    return make


def news_item(f: WorkFactory) -> Case:
    """A newspaper story (live page, no DOI): a trap for XREF002."""
    n = f.next_serial()
    path = f"/news/{n}"
    work = Work(key=f"news-{n}", type="web", authors=f.people(1, 1), year=f.rng.randint(2016, 2020),
                title=f.rng.choice(NEWS_SUBJECTS), container=f.rng.choice(NEWSPAPERS),
                url=f.web_base + path, date=(f.rng.randint(1, 12), f.rng.randint(1, 28)),
                accessed=(2021, 2, 3))  # fmt: skip
    return Case(work.key, "news", work, pages=((path, 200, None, None),))


def book(f: WorkFactory) -> Case:
    """A book no registry holds, without a DOI: a trap for XREF002."""
    publisher, place = f.rng.choice(PUBLISHERS)
    title = f.title()
    work = Work(key=f"book-{f.next_serial()}", type="book", authors=f.people(1, 2),
                year=f.rng.randint(2000, 2019), title=title[0].upper() + title[1:],
                publisher=publisher, place=place)  # fmt: skip
    return Case(work.key, "book", work)


def datacite(repository: str) -> Callable[[WorkFactory], Case]:
    """An arXiv preprint or a Zenodo dataset: a DataCite DOI, a trap for DOI001."""

    def make(f: WorkFactory) -> Case:
        n = f.next_serial()
        year = f.rng.randint(2017, 2020)
        if repository == "arXiv":
            doi = f"10.48550/arXiv.{year % 100:02d}{f.rng.randint(1, 12):02d}.{n % 100000:05d}"
            general, publisher = "Preprint", "arXiv"
        else:
            doi = f"10.5281/zenodo.{4000000 + 37 * n}"
            general, publisher = "Dataset", "Zenodo"
        work = Work(key=doi, type="preprint", authors=f.people(1, 3), year=year,
                    title=f.title(), container=repository, doi=doi)  # fmt: skip
        attributes = {
            "doi": doi.lower(),
            "titles": [{"title": work.title}],
            "creators": [{"name": f"{p.family}, {p.given}", "nameType": "Personal",
                          "givenName": p.given, "familyName": p.family} for p in work.authors],
            "publisher": publisher,
            "publicationYear": year,
            "types": {"resourceTypeGeneral": general},
        }  # fmt: skip
        return Case(work.key, f"datacite-{repository.lower()}", work,
                    datacite=((doi, attributes),))  # fmt: skip

    return make


def online_first(f: WorkFactory) -> Case:
    """Online in December, in print the next year, the print year cited: XREF001 info at most."""
    work, message = f.article()
    assert work.year
    message = crossref_message(work, str(message["publisher"]), online=(work.year - 1, 12),
                               printed=(work.year, 3))  # fmt: skip
    return Case(work.key, "online-first", work, tolerated=(("XREF001", "info"),),
                crossref=(message,))  # fmt: skip


def decomposed_names(f: WorkFactory) -> Case:
    """Non-ASCII names stored decomposed (NFD) in the record, printed composed: a trap."""
    while True:
        work, message = f.article()
        if any(fold_accents(p.family) != p.family for p in work.authors):
            break
    assert work.year
    message = crossref_message(work, str(message["publisher"]), online=None,
                               printed=(work.year, 5), nfd_names=True)  # fmt: skip
    return Case(work.key, "nfd-names", work, crossref=(message,))


def folded_names(f: WorkFactory) -> Case:
    """Accented names in the record, printed without accents (Nunez for Núñez): a trap."""
    while True:
        work, message = f.article()
        if any(fold_accents(p.family) != p.family for p in work.authors):
            break
    printed_authors = tuple(Person(fold_accents(p.family), fold_accents(p.given))
                            for p in work.authors)  # fmt: skip
    return Case(work.key, "ascii-names", replace(work, authors=printed_authors),
                crossref=(message,))  # fmt: skip


MAKERS: dict[str, Callable[[WorkFactory], Case]] = {
    "clean": clean,
    "year": field_defect("year"),
    "volume": field_defect("volume"),
    "issue": field_defect("issue"),
    "pages": field_defect("pages"),
    "doi-of-another-work": other_works_doi,
    "doi-of-coauthors-work": coauthors_doi,
    "nonexistent-doi": nonexistent_doi,
    "fabricated": fabricated,
    "missing-doi": missing_doi,
    "retraction-publisher": updated("retraction", "publisher"),
    "retraction-rw": updated("retraction", "retraction-watch"),
    "concern": updated("expression_of_concern", "publisher"),
    "correction": updated("correction", "publisher"),
    "dead-url": web_page("dead-url", 404, None, False, ("URL001",)),
    "gone-url": web_page("gone-url", 410, None, False, ("URL001",)),
    "server-error-url": web_page("server-error-url", 503, None, False, ("URL002",)),
    "live-url": web_page("live-url", 200, None, False, ()),
    "redirected-url": web_page("redirected-url", 200, None, True, ()),
    "head-refused-url": web_page("head-refused-url", 200, 405, False, ()),
    "news": news_item,
    "book": book,
    "datacite-arxiv": datacite("arXiv"),
    "datacite-zenodo": datacite("Zenodo"),
    "online-first": online_first,
    "nfd-names": decomposed_names,
    "ascii-names": folded_names,
}
