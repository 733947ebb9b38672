"""Examples every rule must fire on and must stay silent on, as small Documents (no PDFs).

The meta-test in ``test_rule_examples.py`` fails when a rule of the catalogue lacks either kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from refcheck.model import (
    Author,
    Citation,
    CitedWork,
    Document,
    IdentifierMention,
    PageNumber,
    PaperMetadata,
    Reference,
    Resolutions,
    Severity,
    Statement,
)


@dataclass(frozen=True)
class Example:
    code: str
    fires: bool
    description: str
    document: Document
    expected_count: int = 1  # findings expected when ``fires``
    # What the registries said; empty: offline.
    resolutions: Resolutions = field(default_factory=Resolutions)
    # When set, every finding has this severity (a finding stepped down for weak evidence).
    severity: Severity | None = None


def document(
    statements: tuple[Statement, ...] = (),
    identifiers: tuple[IdentifierMention, ...] = (),
    references: tuple[Reference, ...] = (),
    citations: tuple[Citation, ...] = (),
    note_markers: int = 0,
    page_numbers: tuple[PageNumber, ...] = (),
) -> Document:
    return Document(
        path="example.pdf",
        pages=5,
        metadata=PaperMetadata(statements=statements),
        identifiers=identifiers,
        references=references,
        citations=citations,
        note_markers=note_markers,
        page_numbers=page_numbers,
    )


def stated(field: str, value: str, normalized: str, page: int | None, source: str) -> Statement:
    return Statement(field, value, normalized, page, source, f"... {value} ...")


def doi(text: str, valid: bool, page: int = 3) -> IdentifierMention:
    return IdentifierMention("doi", text, page, f"see doi:{text}", valid)


def issn(text: str, valid: bool, page: int = 1) -> IdentifierMention:
    return IdentifierMention("issn", text, page, f"ISSN {text}", valid)


def ref(
    number: int,
    authors: str,
    year: str,
    title: str = "A study",
    *,
    label: bool = False,
    suffix: str = "",
    kind: str = "article",
    container: str | None = "Journal of Studies",
    volume: str | None = "3",
    doi: str | None = None,
) -> Reference:
    """A reference; ``authors`` is "Family, Given; Family, Given"."""
    people = tuple(
        Author(family, given)
        for family, _, given in (name.partition(", ") for name in authors.split("; "))
    )
    return Reference(
        id=f"R{number}",
        raw=f"{authors.replace('; ', ' & ')} ({year}{suffix}). {title}. {container}, {volume}.",
        page=5,
        label=str(number) if label else None,
        authors=people,
        year=year,
        year_suffix=suffix,
        title=title,
        container=container,
        volume=volume,
        pages="1-10" if volume else None,
        doi=doi,
        type=kind,
    )


def raw_ref(number: int, raw: str, family: str, year: str, *, org: bool = False) -> Reference:
    """A reference whose list entry is printed as ``raw``, first author ``family``."""
    return Reference(
        id=f"R{number}", raw=raw, page=5, authors=(Author(family, organization=org),), year=year
    )


def cite(number: int, text: str, *works: CitedWork, page: int = 2) -> Citation:
    style = "numeric" if works and works[0].number is not None else "parenthetical"
    return Citation(f"C{number}", text, page, style, works)


def ay(names: str, year: str, suffix: str = "", et_al: bool = False) -> CitedWork:
    """An author-year cited work; ``names`` as written, separated by " & "."""
    written = tuple(names.split(" & "))
    text = f"{names}{' et al.' if et_al else ''}, {year}{suffix}"
    return CitedWork(text, names=written, et_al=et_al, year=year, year_suffix=suffix)


def num(n: int) -> CitedWork:
    return CitedWork(str(n), number=n)


# A clean author-year paper: three references, each cited once, correctly.
CLEAN_AY_REFS = (
    ref(1, "Adams, Ann", "2018"),
    ref(2, "Berg, Kim; Lee, Jo", "2020"),
    ref(3, "Smith, John; Lee, Jo; Park, Su", "2021"),
)
CLEAN_AY_CITES = (
    cite(1, "(Adams, 2018)", ay("Adams", "2018")),
    cite(2, "(Berg & Lee, 2020)", ay("Berg & Lee", "2020")),
    cite(3, "(Smith et al., 2021)", ay("Smith", "2021", et_al=True)),
)
CLEAN_AY = document(references=CLEAN_AY_REFS, citations=CLEAN_AY_CITES)
NUMBERED_REFS = tuple(ref(n, f"Author{n}, A", "2019", label=True) for n in range(1, 6))
PUBLISHED_2021 = (stated("date", "12 June 2021", "12 june 2021", 1, "first-page"),)
# Pages 1 and 9-11 of an article of 11 pages ("Page 9 of 11" in the header of the second page).
PAGES_1_AND_9_TO_11 = tuple(PageNumber(p, str(p), p + 7, 11) for p in (2, 3, 4))
# A paper of March 2024: its masthead says so, a running header gives only the year.
PUBLISHED_MARCH_2024 = (
    stated("date", "March 2024", "march 2024", 1, "first-page"),
    stated("year", "2024", "2024", 2, "running-header"),
)
# Numbered by first citation, 12 references; the finder saw 1-6, 9 and 12 cited.
# A list numbered by citation order: its authors follow no alphabet.
CITATION_ORDER_REFS = tuple(
    ref(n, f"{name}, A", "2019", label=True)
    for n, name in enumerate(["Kim", "Abe", "Zhu", "Lee", "Ray"], 1)
)
CITATION_ORDER_12 = tuple(
    ref(n, f"{name}, A", "2019", label=True)
    for n, name in enumerate(
        ["Kim", "Abe", "Zhu", "Lee", "Ray", "Bo", "Fox", "Orr", "Cho", "Ng", "Day", "Uhl"], 1
    )
)
NUMBERED_12 = tuple(ref(n, f"Author{n}, A", "2019", label=True) for n in range(1, 13))
GAPPY_CITES = tuple(cite(i, f"[{n}]", num(n)) for i, n in enumerate((1, 2, 3, 4, 5, 6, 9, 12), 1))


def dated(number: int, family: str, year: str, iso: str) -> Reference:
    """A reference with a month: ``iso`` is the parser's date ("2024-07")."""
    return Reference(
        id=f"R{number}", raw=f"{family}, A. ({iso}). A study.", page=5,
        authors=(Author(family, "A."),), year=year, date=iso,
    )  # fmt: skip


EXAMPLES = (
    Example(
        "CIT001",
        True,
        "author-year citation with no reference, and a number beyond the list",
        document(
            references=NUMBERED_REFS,
            citations=(cite(1, "[9]", num(9)), cite(2, "[2]", num(2))),
        ),
    ),
    Example(
        "CIT001",
        True,
        "(Garcia, 2018) with no Garcia in the list",
        document(
            references=CLEAN_AY_REFS,
            citations=(*CLEAN_AY_CITES, cite(4, "(Garcia, 2018)", ay("Garcia", "2018"))),
        ),
    ),
    Example("CIT001", False, "every citation has its reference", CLEAN_AY),
    Example(
        "CIT001",
        True,
        "pages 2-8 are missing: the reference may be on them, so the finding is info",
        document(
            references=NUMBERED_REFS,
            citations=(cite(1, "[9]", num(9)), cite(2, "[2]", num(2))),
            page_numbers=PAGES_1_AND_9_TO_11,
        ),
        severity=Severity.INFO,
    ),
    Example(
        "CIT001",
        False,
        "model names with years in a table are not authors: SciBERT (2019), ELMo (2018)",
        document(
            references=CLEAN_AY_REFS,
            citations=(
                *CLEAN_AY_CITES,
                Citation("C4", "SciBERT (2019)", 7, "narrative", (ay("SciBERT", "2019"),)),
                Citation("C5", "ELMo (2018)", 7, "narrative", (ay("ELMo", "2018"),)),
            ),
        ),
    ),
    Example(
        "CIT002",
        True,
        "a reference nobody cites",
        document(
            references=(*CLEAN_AY_REFS, ref(4, "Zeller, Max", "2017")), citations=CLEAN_AY_CITES
        ),
    ),
    Example(
        "CIT002",
        True,
        "one uncited reference of 25 on a healthy, complete paper stays a warning",
        document(
            references=(
                *CLEAN_AY_REFS,
                *(ref(n, f"Author{n}, A", "2019") for n in range(4, 25)),
                ref(25, "Zeller, Max", "2017"),
            ),
            citations=(
                *CLEAN_AY_CITES,
                *(cite(n, f"(Author{n}, 2019)", ay(f"Author{n}", "2019")) for n in range(4, 25)),
            ),
            page_numbers=tuple(PageNumber(p, str(p), p) for p in range(1, 6)),
        ),
        severity=Severity.WARNING,
    ),
    Example(
        "CIT002",
        True,
        "pages 2-8 of 11 are missing: uncited references there are info, with the reason",
        document(
            references=NUMBERED_REFS,
            citations=(cite(1, "[1]", num(1)), cite(2, "[2]", num(2)), cite(3, "[3]", num(3))),
            page_numbers=PAGES_1_AND_9_TO_11,
        ),
        expected_count=2,
        severity=Severity.INFO,
    ),
    Example(
        "CIT002",
        True,
        "numbered by first citation, 7, 8, 10, 11 never cited below 12: the finder missed them",
        document(references=NUMBERED_12, citations=GAPPY_CITES),
        expected_count=4,
        severity=Severity.INFO,
    ),
    Example(
        "CIT002",
        True,
        "an author-year paper with 3 of 4 references uncited: the list or finder is wrong",
        document(
            references=(*CLEAN_AY_REFS, ref(4, "Zeller, Max", "2017")),
            citations=(CLEAN_AY_CITES[0],) * 3,
        ),
        expected_count=3,
        severity=Severity.INFO,
    ),
    Example("CIT002", False, "every reference cited", CLEAN_AY),
    Example(
        "CIT002",
        False,
        "no citations found at all: abstain rather than call every reference uncited",
        document(references=CLEAN_AY_REFS),
    ),
    Example(
        "CIT002",
        False,
        "a notes-and-bibliography paper: its works are cited in 12 footnotes, not linked",
        document(
            references=(*CLEAN_AY_REFS, ref(4, "Zeller, Max", "2017")),
            citations=CLEAN_AY_CITES[:1],
            note_markers=12,
        ),
    ),
    Example(
        "CIT003",
        True,
        "(Adams, 2019) for Adams 2018",
        document(
            references=CLEAN_AY_REFS,
            citations=(cite(1, "(Adams, 2019)", ay("Adams", "2019")), *CLEAN_AY_CITES[1:]),
        ),
    ),
    Example("CIT003", False, "years agree", CLEAN_AY),
    Example(
        "CIT004",
        True,
        "misspelt surname, given name as surname, co-author missing, et al. for two authors",
        document(
            references=(*CLEAN_AY_REFS, ref(4, "Raza, Ahmed", "2020")),
            citations=(
                cite(1, "(Adasm, 2018)", ay("Adasm", "2018")),
                cite(2, "(Berg, 2020)", ay("Berg", "2020")),
                cite(3, "(Berg et al., 2020)", ay("Berg", "2020", et_al=True)),
                cite(4, "(Ahmed Raza, 2020)", ay("Ahmed Raza", "2020")),
                CLEAN_AY_CITES[2],
            ),
        ),
        expected_count=4,
    ),
    Example(
        "CIT004",
        False,
        "diacritics, particles and case differ from the list but are not mistakes",
        document(
            references=(ref(1, "Müller, Jan", "2019"), ref(2, "van der Berg, Kim", "2020")),
            citations=(
                cite(1, "(Muller, 2019)", ay("Muller", "2019")),
                cite(2, "(Van der Berg, 2020)", ay("Van der Berg", "2020")),
                cite(3, "(Berg, 2020)", ay("Berg", "2020")),
            ),
        ),
    ),
    Example(
        "CIT005",
        True,
        "(Smith, 2020) with Smith 2020a and 2020b in the list",
        document(
            references=(
                ref(1, "Smith, John", "2020", suffix="a"),
                ref(2, "Smith, John", "2020", "Another study", suffix="b"),
            ),
            citations=(
                cite(1, "(Smith, 2020)", ay("Smith", "2020")),
                cite(2, "(Smith, 2020a)", ay("Smith", "2020", "a")),
            ),
        ),
    ),
    Example(
        "CIT005",
        False,
        "suffixes written in the citations",
        document(
            references=(
                ref(1, "Smith, John", "2020", suffix="a"),
                ref(2, "Smith, John", "2020", "Another study", suffix="b"),
            ),
            citations=(
                cite(1, "(Smith, 2020b)", ay("Smith", "2020", "b")),
                cite(2, "(Smith, 2020a)", ay("Smith", "2020", "a")),
            ),
        ),
    ),
    Example(
        "REF001",
        True,
        "the same DOI twice",
        document(
            references=(
                ref(1, "Adams, Ann", "2018", doi="10.5555/x.1"),
                ref(2, "Adams, A.", "2018", "Other words", doi="10.5555/x.1"),
            )
        ),
    ),
    Example(
        "REF001",
        False,
        "distinct works, same author and year",
        document(
            references=(
                ref(1, "Smith, John", "2020", "Alpha", suffix="a"),
                ref(2, "Smith, John", "2020", "Omega and beyond", suffix="b"),
            )
        ),
    ),
    Example(
        "REF001",
        True,
        "one work listed twice, told apart only by the style's year suffixes a and b",
        document(
            references=(
                ref(1, "Quinlan, J. R.", "1990", "Learning logical definitions", suffix="a"),
                replace(
                    ref(2, "Quinlan, J. R.", "1990", "Learning logical definitions", suffix="b"),
                    raw="— (1990b). Learning logical definitions. Journal of Studies, 3, 1-10.",
                ),
            )
        ),
    ),
    Example(
        "REF001",
        False,
        "two parts of one title in one year, on other pages",
        document(
            references=(
                ref(1, "Quinlan, J. R.", "1990", "Learning logical definitions", suffix="a"),
                replace(
                    ref(2, "Quinlan, J. R.", "1990", "Learning logical definitions", suffix="b"),
                    raw="Quinlan, J. R. (1990b). Learning logical definitions. Part II, "
                    "with an appendix on search. Journal of Studies, 3, 11-20.",
                    pages="11-20",
                ),
            )
        ),
    ),
    Example(
        "REF002",
        True,
        "author-year list out of order, and a numbered list with a gap",
        document(references=(ref(1, "Zhang, Wei", "2019"), ref(2, "Adams, Ann", "2020"))),
    ),
    Example(
        "REF002",
        True,
        "numbers 1, 2, 4, 5, 6",
        document(
            references=tuple(ref(n, f"Author{n}, A", "2019", label=True) for n in (1, 2, 4, 5, 6))
        ),
    ),
    Example(
        "REF002",
        True,
        "numbered by citation order, but [4] is cited before [3]",
        document(
            references=CITATION_ORDER_REFS,
            citations=tuple(cite(i, f"[{n}]", num(n)) for i, n in enumerate((1, 2, 4, 3, 5), 1)),
        ),
    ),
    Example(
        "REF002",
        True,
        "numbered by citation order, [4] cited before [3], yet [11] is never cited: the finder "
        "may have missed callouts, so the order is unsure",
        document(
            references=CITATION_ORDER_12,
            citations=tuple(
                cite(i, f"[{n}]", num(n))
                for i, n in enumerate((1, 2, 4, 3, 5, 6, 7, 8, 9, 10, 12), 1)
            ),
        ),
        severity=Severity.INFO,
    ),
    Example(
        "REF002",
        True,
        "numbered by citation order, [10] and [11] read after [12] together: a table's callouts "
        "that LaTeX set further on, so the order is unsure",
        document(
            references=CITATION_ORDER_12,
            citations=tuple(
                cite(i, f"[{n}]", num(n))
                for i, n in enumerate((1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11), 1)
            ),
        ),
        severity=Severity.INFO,
    ),
    Example(
        "REF002",
        False,
        "numbered by citation order, the callout of [11] missed: the numbers found still rise, "
        "so no order is broken (the gaps are CIT002's)",
        document(
            references=CITATION_ORDER_12,
            citations=tuple(
                cite(i, f"[{n}]", num(n))
                for i, n in enumerate((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12), 1)
            ),
        ),
    ),
    Example(
        "REF002",
        False,
        "numbered in the order of an author-sorted style (splncs04): [2, 4] before [3] is design",
        document(
            references=tuple(
                ref(n, f"{name}, A", "2019", label=True)
                for n, name in enumerate(["Abe", "Barr", "Berg", "Ettner", "Mehl", "Plum"], 1)
            ),
            citations=tuple(cite(i, f"[{n}]", num(n)) for i, n in enumerate((1, 2, 4, 3, 5, 6), 1)),
        ),
    ),
    Example(
        "REF002",
        False,
        "alphabetical, with a particle sorted under its core name",
        document(
            references=(
                ref(1, "Adams, Ann", "2018"),
                ref(2, "van der Berg, Kim", "2020"),
                ref(3, "Smith, John", "2021"),
            )
        ),
    ),
    Example(
        "REF002",
        False,
        "other collations: Ø after Z, O'Brien before Oakley, an organisation by its first "
        "word, one author's works in date order whatever follows the surname",
        document(
            references=(
                raw_ref(
                    1,
                    "Goldstein, J., & Keohane, R. O. (Hrsg.). (1993a).",
                    "Goldstein, J., & Keohane,",
                    "1993",
                ),
                raw_ref(2, "Goldstein, J. (1993b). Ideas.", "Goldstein", "1993"),
                raw_ref(3, "O'Brien, K. (2001). A study.", "O'Brien", "2001"),
                raw_ref(4, "Oakley, A. (1999). A study.", "Oakley", "1999"),
                raw_ref(5, "The World Bank (2010). Report.", "Bank", "2010", org=True),
                raw_ref(6, "Zhou, L. (2003). A study.", "Zhou", "2003"),
                raw_ref(7, "Østergaard, P. (2005). A study.", "Østergaard", "2005"),
            )
        ),
    ),
    Example(
        "REF002",
        False,
        "a list in date order is no alphabetical list out of order",
        document(
            references=tuple(
                ref(n, f"{name}, A", str(2000 + n))
                for n, name in enumerate(["Kim", "Abe", "Zhu", "Lee", "Ray"], 1)
            )
        ),
    ),
    Example(
        "REF002",
        False,
        "numbered 1..5 and cited in order",
        document(
            references=NUMBERED_REFS,
            citations=tuple(cite(n, f"[{n}]", num(n)) for n in range(1, 6)),
        ),
    ),
    Example(
        "REF004",
        True,
        "a 2023 reference in a paper published June 2021",
        document(statements=PUBLISHED_2021, references=(ref(1, "Lee, Kim", "2023"),)),
    ),
    Example(
        "REF004",
        True,
        "a July 2024 item cited in a March 2024 paper whose header also says 2024",
        document(statements=PUBLISHED_MARCH_2024, references=(dated(1, "Lee", "2024", "2024-07"),)),
    ),
    Example(
        "REF004",
        False,
        "same year as the paper, no month: silent; an earlier month of that year too",
        document(
            statements=PUBLISHED_MARCH_2024,
            references=(ref(1, "Lee, Kim", "2024"), dated(2, "Ode", "2024", "2024-02")),
        ),
    ),
    Example(
        "REF004",
        False,
        "references up to the publication year; and a paper with no date abstains",
        document(statements=PUBLISHED_2021, references=(ref(1, "Lee, Kim", "2021"),)),
    ),
    Example(
        "REF005",
        True,
        "an article in a journal without volume, pages or DOI",
        document(references=(ref(1, "Lee, Kim", "2020", volume=None),)),
    ),
    Example(
        "REF005",
        False,
        "a complete article; a book, an article that cannot be told from one, one submitted",
        document(
            references=(
                ref(1, "Lee, Kim", "2020"),
                ref(2, "Ode, Ann", "2019", kind="book", container=None, volume=None),
                ref(3, "Ray, Jo", "2018", container=None, volume=None),
                ref(4, "Tay, Li", "2017", title="A survey of asteroids, submitted", volume=None),
            )
        ),
    ),
    Example(
        "META001",
        True,
        "volume VII on the first page, 9 in the running header",
        document(
            (
                stated("volume", "VII", "7", 1, "first-page"),
                stated("volume", "9", "9", 2, "running-header"),
                stated("volume", "9", "9", 3, "running-header"),
            )
        ),
    ),
    Example(
        "META001",
        True,
        "own DOI stated two ways, and the year too: one finding per field",
        document(
            (
                stated("doi", "10.5555/JTS.2021.45", "10.5555/jts.2021.45", 1, "first-page"),
                stated("doi", "10.5555/jts.2021.045", "10.5555/jts.2021.045", 1, "citation-block"),
                stated("year", "2021", "2021", 1, "first-page"),
                stated("year", "2020", "2020", None, "pdf-info"),
            )
        ),
        expected_count=2,
    ),
    Example(
        "META001",
        False,
        "VII and 7, DOI case, and a first page only: all the same values",
        document(
            (
                stated("volume", "VII", "7", 1, "first-page"),
                stated("volume", "7", "7", 2, "running-header"),
                stated("doi", "10.5555/JTS.1", "10.5555/jts.1", 1, "first-page"),
                stated("doi", "10.5555/jts.1", "10.5555/jts.1", 2, "running-footer"),
                stated("pages", "45", "45", 1, "first-page"),
                stated("pages", "45–60", "45-60", 1, "citation-block"),
            )
        ),
    ),
    Example(
        "META001",
        False,
        "an issue named Summer beside issue number 2 is no conflict",
        document(
            (
                stated("issue", "Summer", "summer", 1, "first-page"),
                stated("issue", "2", "2", 2, "running-header"),
            )
        ),
    ),
    Example(
        "META002",
        True,
        "ISSN with a wrong check digit, printed on three pages: one finding",
        document(
            identifiers=(
                issn("2049-3631", False, 1),
                issn("2049-3631", False, 2),
                issn("2049-3631", False, 3),
            )
        ),
    ),
    Example(
        "META002",
        False,
        "valid ISSNs",
        document(identifiers=(issn("2049-3630", True), issn("0028-0836", True))),
    ),
    Example(
        "REF003",
        True,
        "two malformed DOIs",
        document(identifiers=(doi("10.123/abc", False), doi("10.5555jts.2021", False))),
        expected_count=2,
    ),
    Example(
        "REF003",
        True,
        "a DOI prefix without its suffix, cut at a line end: info, not the author's error",
        document(identifiers=(doi("10.1111/", False),)),
        severity=Severity.INFO,
    ),
    Example(
        "REF003",
        True,
        "a malformed DOI held only by the doi.org link over an entry that prints none",
        document(
            identifiers=(
                IdentifierMention(
                    "doi",
                    "10.123/sparke.2007",
                    3,
                    "Sparke, M. (2007). Everywhere but always somewhere. Geogr. J. 173, 338.",
                    False,
                    "https://doi.org/10.123/sparke.2007",
                ),
            )
        ),
    ),
    Example(
        "REF003",
        False,
        "a valid DOI held by the doi.org link over an entry",
        document(
            identifiers=(
                IdentifierMention(
                    "doi",
                    "10.1111/j.1475-4959.2007.00260.x",
                    3,
                    "Sparke, M. (2007).",
                    True,
                    "https://doi.org/10.1111/j.1475-4959.2007.00260.x",
                ),
            )
        ),
    ),
    Example(
        "REF003",
        False,
        "valid DOIs, including one with parentheses and angle brackets",
        document(
            identifiers=(
                doi("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O", True),
                doi("10.1371/journal.pone.0197919", True),
            )
        ),
    ),
)
