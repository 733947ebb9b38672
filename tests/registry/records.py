"""One plain bibliographic record, cut into each fake service's recorded shape.

A :class:`PlainWork` says what a work is (title, authors, venue, identifiers) and which
services hold it (``sources``); :func:`serve_work` adds it to every one of them::

    work = PlainWork(key="w1", title="A title", authors=(("Ada", "Lovelace"),), year=2020,
                     venue="Journal of Things", doi="10.1/x", sources=frozenset({"crossref"}))
    serve_work(registry, work)

The shapes follow the recorded answers in tests/data/registry-samples/ (OpenAlex work,
Semantic Scholar paper, arXiv Atom entry, dblp hit, Europe PMC lite result, E-utilities
document summary) and Crossref's work message.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tests.registry.services import JsonDict

if TYPE_CHECKING:
    from tests.registry.server import FakeRegistry

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
# Every service a work can be in; "crossref" also registers its DOI at doi.org.
WORK_SOURCES = ("crossref", "openalex", "semanticscholar", "arxiv", "dblp", "europepmc", "pubmed")


@dataclass(frozen=True)
class PlainWork:
    """A work as plain fields; ``kind`` is journal, conference, preprint, book, report or web."""

    key: str
    title: str
    authors: tuple[tuple[str, str], ...]  # (given, family)
    year: int
    venue: str = ""
    venue_short: str = ""  # dblp's and PubMed's short venue name
    kind: str = "journal"
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    doi: str = ""
    arxiv: str = ""
    pmid: str = ""
    pmcid: str = ""
    url: str = ""
    sources: frozenset[str] = field(default_factory=frozenset)


def _digest(work: PlainWork, salt: str, length: int) -> str:
    return hashlib.sha1(f"{salt}|{work.key}".encode()).hexdigest()[:length]


def _number(work: PlainWork, salt: str, digits: int) -> str:
    return str(int(_digest(work, salt, 12), 16) % 10**digits).rjust(digits, "1")


def _full_name(given: str, family: str) -> str:
    return f"{given} {family}".strip()


def _initials_name(given: str, family: str) -> str:
    """MEDLINE's "Family GI"."""
    initials = "".join(part[0] for part in given.replace("-", " ").split() if part)
    return f"{family} {initials}".strip()


def _first_last(pages: str) -> tuple[str | None, str | None]:
    first, _, last = pages.partition("-")
    return (first or None, last or first or None)


def crossref_message(work: PlainWork) -> JsonDict:
    kinds = {"conference": "proceedings-article", "book": "book", "report": "report"}
    message: JsonDict = {
        "DOI": work.doi,
        "type": kinds.get(work.kind, "journal-article"),
        "title": [work.title],
        "author": [{"given": g, "family": f, "sequence": "additional"} for g, f in work.authors],
        "container-title": [work.venue] if work.venue else [],
        "issued": {"date-parts": [[work.year]]},
        "publisher": work.publisher or "Fake Publisher",
        "URL": f"https://doi.org/{work.doi}",
    }
    for name, value in (("volume", work.volume), ("issue", work.issue), ("page", work.pages)):
        if value:
            message[name] = value
    return message


def openalex_work(work: PlainWork) -> JsonDict:
    work_id = f"https://openalex.org/W{_number(work, 'openalex', 10)}"
    ids: JsonDict = {"openalex": work_id}
    if work.doi:
        ids["doi"] = f"https://doi.org/{work.doi}"
    if work.pmid:
        ids["pmid"] = f"https://pubmed.ncbi.nlm.nih.gov/{work.pmid}"
    first, last = _first_last(work.pages)
    kinds = {"preprint": "preprint", "book": "book", "report": "report"}
    return {
        "id": work_id,
        "doi": f"https://doi.org/{work.doi}" if work.doi else None,
        "ids": ids,
        "title": work.title,
        "display_name": work.title,
        "publication_year": work.year,
        "type": kinds.get(work.kind, "article"),
        "authorships": [
            {
                "author_position": "first" if i == 0 else "middle",
                "author": {
                    "id": f"https://openalex.org/A{_number(work, f'a{i}', 10)}",
                    "display_name": _full_name(g, f),
                },
                "raw_author_name": _full_name(g, f),
            }
            for i, (g, f) in enumerate(work.authors)
        ],
        "primary_location": {"source": {"display_name": work.venue}} if work.venue else None,
        "biblio": {
            "volume": work.volume or None,
            "issue": work.issue or None,
            "first_page": first,
            "last_page": last,
        },
        "is_retracted": False,
    }


def s2_paper(work: PlainWork) -> JsonDict:
    external: JsonDict = {"CorpusId": int(_number(work, "corpus", 9))}
    for name, value in (("DOI", work.doi), ("ArXiv", work.arxiv), ("PubMed", work.pmid)):
        if value:
            external[name] = value
    types = {"conference": ["Conference"], "preprint": ["JournalArticle"], "book": ["Book"]}
    journal: JsonDict = {"name": "ArXiv" if work.kind == "preprint" else work.venue}
    if work.volume:
        journal["volume"] = work.volume
    if work.pages:
        journal["pages"] = work.pages
    return {
        "paperId": _digest(work, "s2", 40),
        "externalIds": external,
        "title": work.title,
        "venue": work.venue_short or work.venue,
        "year": work.year,
        "journal": journal,
        "authors": [
            {"authorId": _number(work, f"s{i}", 9), "name": _full_name(g, f)}
            for i, (g, f) in enumerate(work.authors)
        ],
        "publicationTypes": types.get(work.kind, ["JournalArticle"]),
    }


def arxiv_entry(work: PlainWork) -> str:
    """The ``<entry>`` of an arXiv feed, serialised as :meth:`SourceStore.load_samples` does."""
    entry = ElementTree.Element(f"{ATOM}entry")
    ElementTree.SubElement(entry, f"{ATOM}id").text = f"http://arxiv.org/abs/{work.arxiv}v1"
    ElementTree.SubElement(entry, f"{ATOM}title").text = work.title
    published = f"{work.year}-03-1{len(work.title) % 10}T12:00:00Z"
    ElementTree.SubElement(entry, f"{ATOM}published").text = published
    for given, family in work.authors:
        author = ElementTree.SubElement(entry, f"{ATOM}author")
        ElementTree.SubElement(author, f"{ATOM}name").text = _full_name(given, family)
    if work.doi:  # the published version, as arXiv records it
        ElementTree.SubElement(entry, f"{ARXIV}doi").text = work.doi
    if work.kind != "preprint" and work.venue:
        journal_ref = f"{work.venue} {work.volume} ({work.year})".replace("  ", " ")
        ElementTree.SubElement(entry, f"{ARXIV}journal_ref").text = journal_ref
    return ElementTree.tostring(entry, encoding="unicode")


def dblp_hit(work: PlainWork) -> JsonDict:
    authors = [
        {
            "@pid": f"{_number(work, f'p{i}', 3)}/{_number(work, f'q{i}', 4)}",
            "text": _full_name(g, f),
        }
        for i, (g, f) in enumerate(work.authors)
    ]
    venue_key = (work.venue_short or "corr").lower().replace(" ", "")
    if work.kind == "preprint" and work.arxiv:
        key = f"journals/corr/abs-{work.arxiv.replace('.', '-')}"
    else:
        group = "conf" if work.kind == "conference" else "journals"
        key = f"{group}/{venue_key}/{work.authors[0][1]}{str(work.year)[2:]}"
    types = {
        "conference": "Conference and Workshop Papers",
        "preprint": "Informal and Other Publications",
    }
    info: JsonDict = {
        "authors": {"author": authors if len(authors) > 1 else authors[0]},
        "title": f"{work.title}.",
        "venue": "CoRR" if work.kind == "preprint" else (work.venue_short or work.venue),
        "year": str(work.year),
        "type": types.get(work.kind, "Journal Articles"),
        "access": "closed",
        "key": key,
        "url": f"https://dblp.org/rec/{key}",
    }
    for name, value in (("pages", work.pages), ("volume", work.volume), ("doi", work.doi)):
        if value:
            info[name] = value
    return {"@score": "9", "@id": _number(work, "dblp", 7), "info": info}


def europepmc_result(work: PlainWork) -> JsonDict:
    result: JsonDict = {
        "id": work.pmid,
        "source": "MED",
        "pmid": work.pmid,
        "title": f"{work.title}.",
        "authorString": ", ".join(_initials_name(g, f) for g, f in work.authors) + ".",
        "journalTitle": work.venue_short or work.venue,
        "pubYear": str(work.year),
        "pubType": "journal article",
    }
    for name, value in (
        ("doi", work.doi),
        ("pmcid", work.pmcid),
        ("journalVolume", work.volume),
        ("issue", work.issue),
        ("pageInfo", work.pages),
    ):
        if value:
            result[name] = value
    return result


def eutils_summary(work: PlainWork) -> JsonDict:
    ids: list[JsonDict] = [{"idtype": "pubmed", "idtypen": 1, "value": work.pmid}]
    if work.pmcid:
        ids.append({"idtype": "pmc", "idtypen": 8, "value": work.pmcid})
    if work.doi:
        ids.append({"idtype": "doi", "idtypen": 3, "value": work.doi})
    return {
        "uid": work.pmid,
        "pubdate": f"{work.year} Mar",
        "source": work.venue_short or work.venue,
        "authors": [
            {"name": _initials_name(g, f), "authtype": "Author", "clusterid": ""}
            for g, f in work.authors
        ],
        "title": f"{work.title}.",
        "volume": work.volume,
        "issue": work.issue,
        "pages": work.pages,
        "pubtype": ["Journal Article"],
        "articleids": ids,
        "fulljournalname": work.venue,
    }


def serve_work(registry: FakeRegistry, work: PlainWork) -> None:
    """Add the work to every service its ``sources`` names."""
    unknown = set(work.sources) - set(WORK_SOURCES)
    if unknown:
        raise ValueError(f"{work.key}: no such source {sorted(unknown)}")
    if "crossref" in work.sources:
        if not work.doi:
            raise ValueError(f"{work.key}: a Crossref work needs a DOI")
        registry.add_crossref_work(crossref_message(work))
    store = registry.sources
    if "openalex" in work.sources:
        store.add_openalex_work(openalex_work(work))
    if "semanticscholar" in work.sources:
        store.add_s2_paper(s2_paper(work))
    if "arxiv" in work.sources:
        store.add_arxiv_entry(arxiv_entry(work))
    if "dblp" in work.sources:
        store.add_dblp_hit(dblp_hit(work))
    if "europepmc" in work.sources:
        store.add_europepmc_result(europepmc_result(work))
    if "pubmed" in work.sources:
        store.add_eutils_summary(eutils_summary(work))
