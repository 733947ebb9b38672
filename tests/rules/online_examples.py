"""Examples for the online rules: small Documents with what the registries said about them.

The traps (a DataCite arXiv DOI, a book not found, non-ASCII names, an online-first year, an
abbreviated journal, a title with a subtitle or with ``<i>`` tags) must stay silent.
"""

from __future__ import annotations

from dataclasses import replace

from refcheck.model import (
    Author,
    DoiLookup,
    LookupStatus,
    Reference,
    ReferenceResolution,
    Resolutions,
    SearchLookup,
    SourceFind,
    SourceQuery,
    UrlCheck,
    WorkRecord,
    WorkUpdate,
)
from refcheck.resolve.verdict import reference_verdict
from tests.rules.examples import Example, document, stated

REEF = Reference(
    id="R1",
    raw="Smith J, Lee K (2019) Deep roots of coral reef resilience. J. Mar. Biol. 12(3):1655-64.",
    page=9,
    authors=(Author("Smith", "J"), Author("Lee", "K")),
    year="2019",
    title="Deep roots of coral reef resilience",
    container="J. Mar. Biol.",
    volume="12",
    issue="3",
    pages="1655-64",
    doi="10.5555/reef.2019",
    type="article",
)
REEF_RECORD = WorkRecord(
    doi="10.5555/reef.2019",
    source="crossref",
    title="Deep roots of coral reef resilience: forty years of surveys",
    authors=(Author("Smith", "John"), Author("Lee", "Kim")),
    container="Journal of Marine Biology",
    volume="12",
    issue="3",
    pages="1655-1664",
    year="2019",
    type="journal-article",
)
AIR_RECORD = WorkRecord(
    doi="10.5555/air.2020",
    source="crossref",
    title="Cheap sensors for urban air quality",
    authors=(Author("Okafor", "Ngozi"),),
    container="Atmospheric Environment",
    volume="7",
    pages="1-9",
    year="2020",
    type="journal-article",
)
# Another paper of the cited first author, who is its second author.
COAUTHORS_RECORD = replace(
    AIR_RECORD,
    doi="10.5555/air.2016",
    authors=(Author("Okafor", "Ngozi"), Author("Smith", "John")),
    year="2016",
)
ARXIV = Reference(
    id="R2",
    raw="Müller A, Zhang W (2021) Sparse attention for graphs. arXiv:2101.00001",
    page=9,
    authors=(Author("Müller", "A"), Author("Zhang", "W")),
    year="2021",
    title="Sparse attention for graphs",
    container="arXiv preprint arXiv:2101.00001",
    doi="10.48550/arxiv.2101.00001",
    type="preprint",
)
ARXIV_RECORD = WorkRecord(
    doi="10.48550/arxiv.2101.00001",
    source="datacite",
    title="Sparse Attention for Graphs",
    authors=(Author("Mueller", "Anna"), Author("Zhang", "Wei")),
    year="2021",
    type="preprint",
)
BOOK = Reference(
    id="R3",
    raw="Hartley M (2004) Tides and their keepers. Harbour Press, Leith.",
    page=9,
    authors=(Author("Hartley", "M"),),
    year="2004",
    title="Tides and their keepers",
    container="Harbour Press",
    publisher="Harbour Press",
    type="book",
)
FABRICATED = Reference(
    id="R4",
    raw="Osei K, Brandt L (2021) Quantum annealing of protein folds. Nat Comput Biol 4:211-230.",
    page=9,
    authors=(Author("Osei", "K"), Author("Brandt", "L")),
    year="2021",
    title="Quantum annealing of protein folds",
    container="Nat Comput Biol",
    volume="4",
    pages="211-230",
    type="article",
)
PREPRINT = Reference(
    id="R6",
    raw="Brandt L, Osei K (2023) Diffusion priors for lattice proteins. arXiv:2303.09999",
    page=9,
    authors=(Author("Brandt", "L"), Author("Osei", "K")),
    year="2023",
    title="Diffusion priors for lattice proteins",
    container="arXiv preprint arXiv:2303.09999",
    type="preprint",
)
# A work that has FABRICATED's title but shares nothing else with it (a chimera's title).
TITLE_OWNER = WorkRecord(
    doi="openalex:W4000000001",
    source="openalex",
    title="Quantum annealing of protein folds",
    authors=(Author("Nakamura", "Hiro"), Author("Ilves", "Tiina")),
    container="Physical Review E",
    year="2016",
    type="article",
)
DBLP_RECORD = WorkRecord(
    doi="dblp:conf/x/Osei21",
    source="dblp",
    container="Nat Comput Biol",
    volume="4",
    pages="211-230",
    year="2021",
    type="Journal Articles",
)
WEB = Reference(
    id="R5",
    raw="World Bank (2020) Poverty data. https://example.org/poverty.pdf",
    page=9,
    authors=(Author("World Bank", organization=True),),
    year="2020",
    title="Poverty data",
    urls=("https://example.org/poverty.pdf",),
    type="web",
)


def by_doi(record: WorkRecord, agency: str = "crossref") -> DoiLookup:
    return DoiLookup(record.doi, LookupStatus.RESOLVED, agency, record)


def missing_doi(doi: str) -> DoiLookup:
    return DoiLookup(doi, LookupStatus.NOT_FOUND, None, None, "doi.org: DOI does not exist")


def matched(record: WorkRecord) -> SearchLookup:
    return SearchLookup(
        LookupStatus.RESOLVED, record, ("title", "first-author", "year", "volume"), 5
    )


NOT_MATCHED = SearchLookup(LookupStatus.NOT_FOUND, candidates=5, detail="no candidate agreed")
SEARCH_TIMED_OUT = SearchLookup(LookupStatus.TIMEOUT, detail="no answer in 10 s")


def resolved(
    *references: Reference,
    doi: DoiLookup | None = None,
    search: SearchLookup | None = None,
    urls: tuple[UrlCheck, ...] = (),
    sources: SourceFind | None = None,
) -> Resolutions:
    """Resolutions where the first reference got these lookups (and the others none), with
    the verdict the resolve stage gives them."""
    first = ReferenceResolution(references[0].id, doi, search, urls, sources)
    first = replace(first, verdict=reference_verdict(references[0], first))
    return Resolutions(references=(first,))


def titles_asked(
    reference: Reference,
    sources: tuple[str, ...] = ("openalex", "europepmc", "dblp", "semanticscholar"),
    status: LookupStatus = LookupStatus.NOT_FOUND,
    **statuses: LookupStatus,
) -> tuple[SourceQuery, ...]:
    """Title searches of these sources, each answered ``status`` unless ``statuses`` says."""
    title = reference.title or ""
    return tuple(SourceQuery(s, "title", title, statuses.get(s, status)) for s in sources)


def none_hold(reference: Reference, **statuses: LookupStatus) -> SourceFind:
    return SourceFind(asked=titles_asked(reference, **statuses))


def example(
    code: str,
    fires: bool,
    description: str,
    reference: Reference,
    count: int = 1,
    **lookups: DoiLookup | SearchLookup | tuple[UrlCheck, ...] | SourceFind | None,
) -> Example:
    return Example(
        code,
        fires,
        description,
        document(references=(reference,)),
        expected_count=count,
        resolutions=resolved(reference, **lookups),  # type: ignore[arg-type]
    )


def with_updates(*updates: WorkUpdate) -> DoiLookup:
    return by_doi(replace(REEF_RECORD, updates=updates))


RETRACTION = WorkUpdate(
    "retraction", "10.5555/reef.2019.ret", "Retraction", "publisher", "2021-03-04"
)
URL = "https://example.org/poverty.pdf"


def url_check(status: LookupStatus, http_status: int | None = None) -> tuple[UrlCheck, ...]:
    return (UrlCheck(URL, status, http_status),)


NO_DOI = replace(REEF, doi=None)
OWN_STATEMENTS = (
    stated("volume", "VII", "7", 1, "first-page"),
    stated("volume", "7", "7", 2, "running-header"),
    stated("year", "2020", "2020", 1, "first-page"),
)
OWN_RECORD = WorkRecord(
    doi="10.5555/own.2020",
    source="crossref",
    title="Deep roots of coral reef resilience",
    volume="9",
    year="2019",
    online_year="2019",
    print_year="2020",
)

TITLED = replace(
    document(OWN_STATEMENTS),
    metadata=replace(
        document(OWN_STATEMENTS).metadata, title="Deep roots of coral reef resilience"
    ),
)


def own(record: WorkRecord) -> Resolutions:
    return Resolutions(own=by_doi(record))


ONLINE_EXAMPLES = (
    example("DOI001", True, "doi.org says the DOI does not exist", REEF, doi=missing_doi(REEF.doi)),
    example(
        "DOI001",
        False,
        "an arXiv DOI registered at DataCite",
        ARXIV,
        doi=by_doi(ARXIV_RECORD, "datacite"),
    ),
    example(
        "DOI001",
        False,
        "the registry timed out",
        REEF,
        doi=DoiLookup(REEF.doi or "", LookupStatus.TIMEOUT, detail="no answer"),
    ),
    example("DOI002", True, "the DOI of another work", REEF, doi=by_doi(AIR_RECORD)),
    example(
        "DOI002",
        False,
        "the record's title has a subtitle and <i> tags, names in full",
        replace(REEF, title="Growth of E. coli in milk"),
        doi=by_doi(replace(REEF_RECORD, title="Growth of <i>E. coli</i> in milk: a survey")),
    ),
    example(
        "DOI002",
        False,
        "same title, another first author: cannot tell",
        REEF,
        doi=by_doi(replace(REEF_RECORD, authors=AIR_RECORD.authors)),
    ),
    example(
        "DOI002",
        True,
        "the DOI of a paper the first author co-wrote: title, year, journal and pages differ",
        REEF,
        doi=by_doi(COAUTHORS_RECORD),
    ),
    example(
        "DOI002",
        False,
        "a co-authored companion paper in the same year and journal: cannot tell",
        REEF,
        doi=by_doi(replace(COAUTHORS_RECORD, year="2019", container=REEF_RECORD.container)),
    ),
    example(
        "XREF001", True, "volume 13 for 12", replace(REEF, volume="13"), doi=by_doi(REEF_RECORD)
    ),
    example(
        "XREF001",
        True,
        "year two off and another first page",
        replace(REEF, year="2017", pages="1755-64"),
        count=2,
        doi=by_doi(REEF_RECORD),
    ),
    example(
        "XREF001",
        True,
        "online-first year (info)",
        REEF,
        doi=by_doi(replace(REEF_RECORD, year="2018", online_year="2018", print_year="2019")),
    ),
    example(
        "XREF001",
        True,
        "a validated search match with another issue",
        replace(NO_DOI, issue="4"),
        search=matched(REEF_RECORD),
    ),
    example(
        "XREF001",
        False,
        "abbreviated journal, '1655-64', roman volume, subtitle left out",
        replace(REEF, volume="XII"),
        doi=by_doi(REEF_RECORD),
    ),
    example(
        "XREF001",
        False,
        "non-ASCII names, DataCite arXiv record without journal or pages",
        ARXIV,
        doi=by_doi(ARXIV_RECORD, "datacite"),
    ),
    example(
        "XREF001",
        False,
        "Vancouver '2019;12(3):1655-64' read with the year as volume",
        replace(REEF, volume="2019", issue=None),
        doi=by_doi(REEF_RECORD),
    ),
    example(
        "XREF001",
        True,
        "a four-digit volume that is not the reference's year is still compared",
        replace(REEF, volume="2018"),
        doi=by_doi(REEF_RECORD),
    ),
    example(
        "XREF001",
        False,
        "issue 3 against a double issue 3-4",
        REEF,
        doi=by_doi(replace(REEF_RECORD, issue="3-4")),
    ),
    example(
        "XREF001",
        False,
        "the DOI of another work is DOI002's business",
        REEF,
        doi=by_doi(AIR_RECORD),
    ),
    example(
        "XREF001",
        True,
        "a BibTeX entry misspells the second author",
        replace(REEF, key="smith2019", authors=(Author("Smith", "J"), Author("Laech", "K"))),
        doi=by_doi(replace(REEF_RECORD, authors=(Author("Smith", "John"), Author("Leach", "Kim")))),
    ),
    example(
        "XREF001",
        False,
        "the same spelling read from a PDF: forgiven (OCR, hyphenation)",
        replace(REEF, authors=(Author("Smith", "J"), Author("Laech", "K"))),
        doi=by_doi(replace(REEF_RECORD, authors=(Author("Smith", "John"), Author("Leach", "Kim")))),
    ),
    example("XREF002", True, "an article nobody registered", FABRICATED, search=NOT_MATCHED),
    example(
        "XREF002",
        True,
        "an article whose DOI does not exist either",
        replace(FABRICATED, doi="10.5555/quantum.2021"),
        doi=missing_doi("10.5555/quantum.2021"),
        search=NOT_MATCHED,
    ),
    example(
        "XREF002",
        True,
        "an article printing its journal's home page is still checked for a DOI link",
        replace(FABRICATED, urls=("https://doi.org/10.5555/quantum.2021",)),
        search=NOT_MATCHED,
    ),
    example(
        "XREF002",
        False,
        "a web page the parser typed as an article (APA 'Retrieved … from http…')",
        replace(
            FABRICATED,
            raw="Osei, K. (2015, December 24). Quantum annealing of protein folds. Field Notes "
            "Online. Retrieved April 15, 2021, from http://example.org/p/q",
            container="Field Notes Online. Retrieved April",
            volume="15",
            pages="2021",
            urls=("http://example.org/p/q",),
        ),
        search=NOT_MATCHED,
    ),
    example(
        "XREF002",
        False,
        "a Chicago web entry typed as an article: a non-DOI URL, no volume, no pages",
        replace(
            FABRICATED,
            raw="Osei, Kofi. 2016. “Quantum Annealing of Protein Folds.” Open Data Portal, "
            "March 1, 2016. http://example.org/p/q.",
            container="Open Data Portal",
            volume=None,
            pages=None,
            urls=("http://example.org/p/q",),
        ),
        search=NOT_MATCHED,
    ),
    example(
        "XREF002",
        False,
        "an IEEE '[Online]. Available:' entry whose URL the parser lost",
        replace(
            FABRICATED,
            raw="K. Osei, “Quantum annealing of protein folds,” Lab Handbook, 2017. Accessed: "
            "Apr. 21, 2021. [Online].",
            container="Lab Handbook",
            volume="21",
            pages=None,
        ),
        search=NOT_MATCHED,
    ),
    example(
        "XREF002",
        False,
        "a journal article with neither volume nor pages (in press?)",
        replace(FABRICATED, volume=None, pages=None),
        search=NOT_MATCHED,
    ),
    example("XREF002", False, "a book not found", BOOK, search=NOT_MATCHED),
    example("XREF002", False, "a web page not found", WEB, search=NOT_MATCHED),
    example("XREF002", False, "the search timed out", FABRICATED, search=SEARCH_TIMED_OUT),
    example(
        "XREF002",
        False,
        "a record has the title but validation failed: ambiguous",
        FABRICATED,
        search=SearchLookup(LookupStatus.AMBIGUOUS, candidates=5),
    ),
    example(
        "XREF002",
        False,
        "its DOI resolved",
        REEF,
        doi=by_doi(REEF_RECORD),
        search=NOT_MATCHED,
    ),
    example(
        "XREF002",
        False,
        "its DOI lookup was rate-limited",
        replace(FABRICATED, doi="10.5555/quantum.2021"),
        doi=DoiLookup("10.5555/quantum.2021", LookupStatus.RATE_LIMITED),
        search=NOT_MATCHED,
    ),
    example(
        "XREF002",
        False,
        "another source holds the work (a conference paper without a Crossref DOI)",
        FABRICATED,
        search=NOT_MATCHED,
        sources=SourceFind(
            replace(DBLP_RECORD, title=FABRICATED.title, authors=FABRICATED.authors),
            ("dblp", "conf/x/Osei21"),
            asked=titles_asked(FABRICATED, ("openalex", "europepmc", "dblp")),
        ),
    ),
    example(
        "XREF002",
        False,
        "every source answered and none holds it: XREF004 speaks",
        FABRICATED,
        search=NOT_MATCHED,
        sources=none_hold(FABRICATED),
    ),
    example(
        "XREF004",
        True,
        "Crossref and four sources answered, none holds the title",
        FABRICATED,
        search=NOT_MATCHED,
        sources=none_hold(FABRICATED),
    ),
    example(
        "XREF004",
        True,
        "a DOI that does not exist, and no source holds the title",
        replace(FABRICATED, doi="10.5555/quantum.2021"),
        doi=missing_doi("10.5555/quantum.2021"),
        search=NOT_MATCHED,
        sources=none_hold(FABRICATED),
    ),
    example(
        "XREF004",
        True,
        "a chimera: the title is another work's, by other authors, years and venue apart",
        FABRICATED,
        search=NOT_MATCHED,
        sources=SourceFind(title_twins=(TITLE_OWNER,), asked=titles_asked(FABRICATED)),
    ),
    example(
        "XREF004",
        True,
        "a preprint that arXiv and four other sources do not hold",
        PREPRINT,
        sources=none_hold(PREPRINT),
    ),
    example(
        "XREF004",
        False,
        "one source timed out: unverified, not fabricated",
        FABRICATED,
        search=NOT_MATCHED,
        sources=none_hold(FABRICATED, dblp=LookupStatus.TIMEOUT),
    ),
    example(
        "XREF004",
        False,
        "Crossref's search timed out",
        FABRICATED,
        search=SEARCH_TIMED_OUT,
        sources=none_hold(FABRICATED),
    ),
    example(
        "XREF004",
        False,
        "Semantic Scholar turned off: a broad index was not asked",
        FABRICATED,
        search=NOT_MATCHED,
        sources=SourceFind(asked=titles_asked(FABRICATED, ("openalex", "europepmc", "dblp"))),
    ),
    example(
        "XREF004",
        False,
        "a book no source holds is not-checkable",
        BOOK,
        search=NOT_MATCHED,
        sources=none_hold(BOOK),
    ),
    example(
        "XREF004",
        False,
        "a web page no source holds is not-checkable",
        WEB,
        sources=none_hold(WEB),
    ),
    example(
        "XREF004",
        False,
        "an article worded as read online ('Retrieved … from')",
        replace(FABRICATED, raw=FABRICATED.raw + " Retrieved May 2, 2022, from https://x.org/a"),
        search=NOT_MATCHED,
        sources=none_hold(FABRICATED),
    ),
    example(
        "XREF004",
        False,
        "the title exists by the cited first author, years and journals apart (a journal version)",
        FABRICATED,
        search=NOT_MATCHED,
        sources=SourceFind(
            title_twins=(replace(TITLE_OWNER, authors=(Author("Osei", "Kofi"),)),),
            asked=titles_asked(FABRICATED),
        ),
    ),
    example(
        "XREF004",
        False,
        "the title exists by a cited co-author in the cited journal: the work, cited wrongly",
        FABRICATED,
        search=NOT_MATCHED,
        sources=SourceFind(
            title_twins=(
                replace(
                    TITLE_OWNER, authors=(Author("Brandt", "Lena"),), container="Nat Comput Biol"
                ),
            ),
            asked=titles_asked(FABRICATED),
        ),
    ),
    example(
        "XREF004",
        True,
        "the title's owner shares one co-author, but first author, year and journal differ",
        FABRICATED,
        search=NOT_MATCHED,
        sources=SourceFind(
            title_twins=(replace(TITLE_OWNER, authors=(Author("Brandt", "Lena"),)),),
            asked=titles_asked(FABRICATED),
        ),
    ),
    example(
        "XREF004",
        False,
        "the title exists in the cited year: the work, cited wrongly",
        FABRICATED,
        search=NOT_MATCHED,
        sources=SourceFind(
            title_twins=(replace(TITLE_OWNER, year="2021"),), asked=titles_asked(FABRICATED)
        ),
    ),
    example(
        "XREF004",
        False,
        "a two-word title is too generic to search",
        replace(FABRICATED, title="Protein folds"),
        search=NOT_MATCHED,
        sources=none_hold(replace(FABRICATED, title="Protein folds")),
    ),
    example(
        "XREF004",
        False,
        "no year: a partial entry (or a partial reading of a PDF) is no evidence",
        replace(FABRICATED, year=None),
        search=NOT_MATCHED,
        sources=none_hold(FABRICATED),
    ),
    example(
        "XREF004",
        False,
        "a source validated the work",
        FABRICATED,
        search=NOT_MATCHED,
        sources=SourceFind(
            replace(DBLP_RECORD, title=FABRICATED.title, authors=FABRICATED.authors),
            ("dblp", "conf/x/Osei21"),
        ),
    ),
    example("XREF003", True, "a validated match has a DOI", NO_DOI, search=matched(REEF_RECORD)),
    example("XREF003", False, "the reference prints its DOI", REEF, doi=by_doi(REEF_RECORD)),
    example(
        "XREF003",
        False,
        "the search was ambiguous",
        NO_DOI,
        search=SearchLookup(LookupStatus.AMBIGUOUS, candidates=5),
    ),
    example("RET001", True, "a retracted work", REEF, doi=with_updates(RETRACTION)),
    example(
        "RET001",
        True,
        "one retraction recorded by the publisher and Retraction Watch, and a correction",
        REEF,
        count=2,
        doi=with_updates(
            RETRACTION,
            replace(RETRACTION, source="retraction-watch"),
            WorkUpdate("correction", "10.5555/reef.2019.cor", "Correction", "publisher"),
        ),
    ),
    example(
        "RET001",
        False,
        "a new version is not reported",
        REEF,
        doi=with_updates(WorkUpdate("new_version", "10.5555/reef.2019.v2")),
    ),
    example(
        "RET001",
        False,
        "a retraction of another work the DOI wrongly points to",
        REEF,
        doi=by_doi(replace(AIR_RECORD, updates=(RETRACTION,))),
    ),
    example(
        "RET001",
        True,
        "a work only dblp and OpenAlex hold, which OpenAlex marks retracted",
        FABRICATED,
        search=NOT_MATCHED,
        sources=SourceFind(
            replace(
                DBLP_RECORD,
                title=FABRICATED.title,
                authors=FABRICATED.authors,
                updates=(
                    WorkUpdate("retraction", None, "marked retracted by openalex", "openalex"),
                ),
            ),
            ("openalex", "W4000000002"),
        ),
    ),
    example(
        "RET001",
        False,
        "a work only a source holds, not marked retracted",
        FABRICATED,
        search=NOT_MATCHED,
        sources=SourceFind(
            replace(DBLP_RECORD, title=FABRICATED.title, authors=FABRICATED.authors),
            ("dblp", "conf/x/Osei21"),
        ),
    ),
    example("URL001", True, "404", WEB, urls=url_check(LookupStatus.NOT_FOUND, 404)),
    example("URL001", True, "host does not resolve", WEB, urls=url_check(LookupStatus.NOT_FOUND)),
    example("URL001", False, "a live page", WEB, urls=url_check(LookupStatus.RESOLVED, 200)),
    example("URL001", False, "a timeout", WEB, urls=url_check(LookupStatus.TIMEOUT)),
    example("URL002", True, "a timeout", WEB, urls=url_check(LookupStatus.TIMEOUT)),
    example("URL002", True, "403", WEB, urls=url_check(LookupStatus.UNREACHABLE, 403)),
    example("URL002", True, "429", WEB, urls=url_check(LookupStatus.RATE_LIMITED, 429)),
    example("URL002", False, "a 404 is URL001's", WEB, urls=url_check(LookupStatus.NOT_FOUND, 404)),
    example("URL002", False, "not checked (offline)", WEB, urls=url_check(LookupStatus.SKIPPED)),
    Example(
        "META001",
        True,
        "volume stated as VII and 7, registered as 9",
        document(OWN_STATEMENTS),
        resolutions=own(OWN_RECORD),
    ),
    Example(
        "META001",
        False,
        "pages '2021' read from the PDF information subject only, registered as 300-303",
        document(
            (
                stated("pages", "2021", "2021", None, "pdf-info"),
                stated("volume", "9", "9", 1, "first-page"),
            )
        ),
        resolutions=own(replace(OWN_RECORD, pages="300-303")),
    ),
    Example(
        "META001",
        True,
        "pages stated on the first page and in the PDF information, registered otherwise",
        document(
            (
                stated("pages", "301-303", "301-303", 1, "first-page"),
                stated("pages", "301-303", "301-303", None, "pdf-info"),
                stated("volume", "9", "9", 1, "first-page"),
            )
        ),
        resolutions=own(replace(OWN_RECORD, pages="300-303")),
    ),
    Example(
        "META001",
        False,
        "stated year 2020 is the record's print year (online-first 2019)",
        document(OWN_STATEMENTS),
        resolutions=own(replace(OWN_RECORD, volume="7")),
    ),
    Example(
        "META001",
        False,
        "the own DOI's record has another title: not this paper's record",
        TITLED,
        resolutions=Resolutions(own=by_doi(replace(AIR_RECORD, volume="9"))),
    ),
)
