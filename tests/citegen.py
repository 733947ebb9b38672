"""Deterministic generator of synthetic articles whose citations and references have known truth.

Where ``tests/pdfgen.py`` plants the paper's own metadata, this module plants in-text
citations and a reference list, to measure citation→reference linking and the citation rules
(CIT001–CIT005, REF001–REF005). Five styles — APA 7, Harvard, Chicago author-date, IEEE and
Vancouver with raised superscript numbers — each in one and two columns, and defect variants:
copies of a clean paper with exactly the problems listed in their truth.

Every PDF is written next to ``<name>.truth.json``. Run ``python -m tests.citegen OUTDIR``.

Truth conventions:

* ``references`` are in printed order, ids ``R1``… in that order. ``raw`` is the entry as
  printed with its lines joined by one space, *without* the label (``[3]`` or ``3.``), which is
  in ``label`` ("3"; null in author-year lists). Lines break only at spaces, so ``raw`` is
  exact. ``authors`` are the names printed, ``given`` as printed in this style ("J. A.",
  "J.A.", "John A.", "JA"); organisations have ``organization: true`` and ``given: ""``;
  ``et_al`` says that the list was cut with "et al.". ``title``/``container`` are as printed
  (Chicago title case, IEEE abbreviations with full stops), without quotes. ``pages`` is
  "first-last" with an ASCII hyphen and the last page written in full, although Chicago
  (145–62) and Vancouver (145-62) abbreviate it in print; an article number stays ("e1023").
  ``doi`` is bare and lower-case; ``url`` is a non-DOI URL (web pages, reports), else null.
  ``year`` is null for "n.d."; ``page`` is the page where the entry starts.
* ``citations`` are in reading order. ``text`` is the callout as printed: "(see Smith, 2020a,
  p. 5; Lee, 2019)", "Kowalski and Lee (2020)", "[2]–[4]", and for superscripts the raised
  text alone ("1–3", "2,5"). ``page`` is where the callout starts (a superscript's page is its
  host word's). ``works`` has one entry per cited work: numeric ranges are expanded (one work
  per number), each with ``text`` = the printed item it came from ("1–4", "[2]–[4]", "3").
  Author-year works carry ``names`` (surnames as written, an organisation is one name),
  ``et_al``, ``year`` ("n.d." as printed) and ``year_suffix``; in "(Novak et al., 2019a,
  2019b)" the second work's text is "2019b" and it inherits the names. ``reference_ids`` is
  what a correct linker yields: the intended reference for CIT003/CIT004, both candidates for
  CIT005 and for a duplicated reference (REF001), [] for CIT001.
* Author-year lists are sorted by the surnames as printed, letter by letter (accents folded,
  spaces, hyphens and apostrophes ignored), particles included: "van der Berg" files under V,
  "de la Cruz" under D; then by year, then by title (which also orders the a/b suffixes).
* Numeric lists are numbered in order of first citation.
* All papers say "Published: 12 June 2021" on page 1; every clean reference is dated before.
"""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fpdf import FPDF

from tests.pdfgen import (
    AFFILS_B,
    AFFILS_C,
    AFFILS_E,
    AUTHORS_B,
    AUTHORS_C,
    AUTHORS_E,
    BODY_BOTTOM,
    BODY_TOP,
    FONT_FAMILY,
    FONT_MISSING,
    FOOTER_RULE_Y,
    FOOTER_Y,
    GUTTER,
    HEADER_RULE_Y,
    HEADER_Y,
    LEFT,
    PAGE_W,
    RIGHT,
    TEXT_W,
    WORDS,
    LayoutError,
    _font_charset,
    find_font_files,
    new_pdf,
)

STYLES = ("apa", "harvard", "chicago", "ieee", "vancouver")
AUTHOR_YEAR = ("apa", "harvard", "chicago")
PUBLISHED = "2021-06-12"
PUBLISHED_LINE = "Received: 2 February 2021; Accepted: 19 May 2021; Published: 12 June 2021"
JOURNAL = "Journal of Citation Studies"
JOURNAL_META = "Vol. 14, No. 2 (2021)"

# Control characters of the markup used for body text and references.
ITAL = "\x01"  # toggles italics
SUP = "\x02"  # toggles superscript
CITE = "\x03"  # CITE <index> CITE_END: a citation starts in this word
CITE_END = "\x04"

# font key -> (fpdf style flags, size in pt, rise of the baseline in mm)
FONTS: dict[str, tuple[str, float, float]] = {
    "body": ("", 9.5, 0.0),
    "body_i": ("I", 9.5, 0.0),
    "sup": ("", 6.2, 1.35),
    "heading": ("B", 9.5, 0.0),
    "heading_i": ("BI", 9.5, 0.0),
    "ref": ("", 8.5, 0.0),
    "ref_i": ("I", 8.5, 0.0),
    "journal": ("B", 13.0, 0.0),
    "meta": ("", 8.5, 0.0),
    "title": ("B", 17.0, 0.0),
    "authors": ("", 11.0, 0.0),
    "affil": ("I", 8.0, 0.0),
    "abstract": ("", 9.0, 0.0),
    "label": ("B", 9.0, 0.0),
    "running": ("I", 8.0, 0.0),
    "folio": ("", 8.5, 0.0),
}
# line kind -> (height, baseline offset from the top of the line box) in mm
LINE_KINDS: dict[str, tuple[float, float]] = {
    "body": (4.4, 3.3),
    "heading": (4.4, 3.3),
    "ref": (3.8, 2.9),
    "gap": (2.2, 0.0),
    "refgap": (1.2, 0.0),
}
HANGING = 5.0  # hanging indent of author-year references, mm
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
IEEE_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.",
               "Nov.", "Dec.")  # fmt: skip

# --- the pool of cited works ---------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    family: str
    given: str = ""  # full given names; empty for organisations
    org: bool = False


def org(name: str) -> Person:
    return Person(name, "", True)


@dataclass(frozen=True)
class Work:
    key: str
    type: str  # article|book|chapter|report|web|thesis|preprint
    authors: tuple[Person, ...]
    year: int | None  # None prints "n.d."
    title: str  # sentence case; proper nouns capitalised
    container: str | None = None  # journal, book (chapters), web site, preprint server
    abbrev: str | None = None  # NLM abbreviation of the journal
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None  # "145-162" or an article number
    doi: str | None = None
    url: str | None = None
    publisher: str | None = None  # also the university of a thesis
    place: str | None = None
    edition: str | None = None  # "2nd"
    editors: tuple[Person, ...] = ()
    report_no: str | None = None
    date: tuple[int, int] | None = None  # month, day of a web page
    accessed: tuple[int, int, int] | None = None  # year, month, day
    degree: str | None = None  # "phd" or "masters"


def _a(key: str, authors: Sequence[Person], year: int, title: str, journal: str, abbrev: str,
       vol: int, iss: int, pages: str, doi: str) -> Work:  # fmt: skip
    return Work(key, "article", tuple(authors), year, title, journal, abbrev, str(vol),
                str(iss), pages, f"10.5555/{doi}")  # fmt: skip


JSC = ("Journal of Scholarly Communication", "J Sch Commun")
LPR = ("Learned Publishing Review", "Learn Publ Rev")
JDE = ("Journal of Documentation Engineering", "J Doc Eng")
IQJ = ("Information Quality Journal", "Inf Qual J")
JLM = ("Journal of Library Metadata", "J Libr Metadata")
RDC = ("Revista de Documentación Científica", "Rev Doc Cient")
SCN = ("Scientometric Notes", "Scientometr Notes")
TDL = ("Transactions on Digital Libraries", "Trans Digit Libr")
JES = ("Journal of Evidence Synthesis", "J Evid Synth")

P = Person
SMITH = P("Smith", "John A.")
LEE = P("Lee", "Daniel")
NOVAK_ET_AL = (P("Novak", "Tomas"), P("Tanaka", "Yuki"), P("Osei", "Kwame"))
BRENNAN = P("Brennan", "Sean")
OKAFOR = P("Okafor", "Chidi")
MOREAU = P("Moreau", "Claire")

POOL: tuple[Work, ...] = (
    _a("smith2020a", [SMITH], 2020, "Citation practices in early-career research writing",
       *JSC, 12, 3, "145-162", "jsc.2020.0145"),
    _a("smith2020b", [SMITH], 2020, "Reference accuracy in graduate theses: A survey of "
       "supervisors", *LPR, 8, 1, "22-37", "lpr.2020.0022"),
    _a("kowalski2020", [P("Kowalski", "Marta"), LEE], 2020, "Automated detection of citation "
       "errors in submitted manuscripts", *JDE, 15, 2, "201-219", "jde.2020.0201"),
    Work("lee2019", "book", (LEE,), 2019, "Reading the scholarly record",
         publisher="Cambridge Academic Press", place="Cambridge"),
    _a("novak2019a", NOVAK_ET_AL, 2019, "Metadata quality in institutional repositories",
       *IQJ, 7, 4, "311-330", "iqj.2019.0311"),
    _a("novak2019b", NOVAK_ET_AL, 2019, "Persistent identifiers and link rot in open access "
       "journals", *JSC, 11, 2, "88-104", "jsc.2019.0088"),
    Work("who2020", "report", (org("World Health Organization"),), 2020,
         "Guidance on research reporting and data sharing", publisher="World Health "
         "Organization", place="Geneva", url="https://pubs.example.org/who/2020-42",
         accessed=(2021, 3, 22)),
    Work("oecd2019", "report", (org("Organisation for Economic Co-operation and Development"),),
         2019, "Open science and research integrity indicators", publisher="OECD Publishing",
         place="Paris", doi="10.5555/oecd.2019.0042"),
    Work("eea2018", "report", (org("European Environment Agency"),), 2018,
         "Monitoring scientific advice in environmental policy", publisher="European "
         "Environment Agency", place="Copenhagen", report_no="7/2018",
         url="https://reports.example.org/eea/2018-07", accessed=(2021, 2, 8)),
    _a("vanderberg2018", [P("van der Berg", "Pieter")], 2018, "Particles, prefixes and the "
       "sorting of author names", *JLM, 18, 1, "1-19", "jlm.2018.0001"),
    _a("delacruz2019", [P("de la Cruz", "María"), P("Fernández", "Luis")], 2019,
       "Bibliographic conventions in Spanish-language journals", *RDC, 42, 3, "233-250",
       "rdc.2019.0233"),
    Work("muller2017", "book", (P("Müller", "Zoë"),), 2017, "Typesetting the academic article",
         publisher="Lindenberg Verlag", place="Berlin", edition="2nd"),
    _a("nunez2021", [P("Núñez", "Camila"), OKAFOR, BRENNAN], 2021, "Cross-lingual matching "
       "of cited works", *JDE, 16, 1, "45-63", "jde.2021.0045"),
    _a("smithjones2016", [P("Smith-Jones", "Rebecca")], 2016, "Hyphenated surnames in "
       "citation indexes", *SCN, 4, 2, "77-85", "scn.2016.0077"),
    _a("raza2020", [P("Raza", "Ahmed")], 2020, "Name order and citation matching in South "
       "Asian scholarship", *JLM, 20, 4, "389-402", "jlm.2020.0389"),
    _a("haddad2018", [P("Haddad", "Layla"), P("Lindqvist", "Erik"), MOREAU, BRENNAN,
       P("Ito", "Haruto")], 2018, "Large-scale evaluation of reference parsers", *IQJ, 6, 2,
       "101-127", "iqj.2018.0101"),
    _a("andersson2021", [P("Andersson", "Karin"), P("Baptiste", "Jean-Pierre"),
       P("Chowdhury", "Farhana"), P("Dimitrov", "Petar"), P("Eze", "Ngozi"),
       P("Fischer", "Hanna"), P("Gallo", "Marco"), P("Hughes", "Owen")], 2021,
       "A shared task on citation linking", *TDL, 9, 1, "1-24", "tdl.2021.0001"),
    Work("okafor2018", "chapter", (OKAFOR,), 2018, "Citation styles as social conventions",
         container="Handbook of scholarly writing", pages="55-78",
         editors=(P("Patel", "Anjali"), MOREAU), publisher="Northfield University Press",
         place="Oxford"),
    Work("patel2017", "chapter", (P("Patel", "Anjali"), P("Ruiz", "Diego")), 2017,
         "Reference management software in the laboratory",
         container="Research workflows in practice", pages="201-224",
         editors=(P("Hughes", "Owen"),), publisher="Meridian Academic", place="London"),
    Work("ibrahim2015", "chapter", (P("Ibrahim", "Yusuf"),), 2015, "The footnote and its "
         "discontents", container="Histories of the scholarly page", pages="13-40",
         editors=(P("Grant", "Eleanor"), P("Mwangi", "Joseph"), P("Sato", "Emi")),
         publisher="Harbour Press", place="Edinburgh"),
    Work("thompson2021", "web", (P("Thompson", "Grace"),), 2021, "How to cite a preprint",
         container="Research Guides Online", url="https://guides.example.org/preprints",
         date=(2, 15), accessed=(2021, 4, 3)),
    Work("opencitations2020", "web", (org("Open Citations Initiative"),), 2020,
         "Citation data coverage statistics", container="Open Citations Initiative",
         url="https://oci.example.net/statistics", accessed=(2021, 3, 10)),
    Work("carpentry2019", "web", (org("Library Carpentry Collective"),), 2019,
         "Cleaning bibliographic data", container="Library Carpentry",
         url="https://lessons.example.com/bibdata", date=(9, 4),
         accessed=(2021, 1, 20)),
    Work("ferreira2017", "thesis", (P("Ferreira", "Beatriz"),), 2017, "Error propagation in "
         "citation networks", publisher="Universidade de Lisboa", place="Lisbon",
         degree="phd"),
    Work("oconnor2019", "thesis", (P("O'Connor", "Liam"),), 2019, "Disambiguating author "
         "names in bibliographic databases", publisher="University College Dublin",
         place="Dublin", degree="masters"),
    Work("zhang2021", "preprint", (P("Zhang", "Wei"), P("Kumar", "Priya")), 2021,
         "Neural citation linking without training data", container="ScholArXiv",
         doi="10.5555/sxv.2021.0312"),
    Work("lindqvist2020", "preprint", (P("Lindqvist", "Erik"),), 2020, "Year suffixes in "
         "author-date styles", container="MetaArXiv", doi="10.5555/meta.2020.0077"),
    Work("mensah2021", "preprint", (P("Mensah", "Abena"), P("Quispe", "Rosa")), 2021,
         "Retraction notices and their citations", container="LISArXiv",
         doi="10.5555/lis.2021.0019"),
    _a("yamamoto2016", [P("Yamamoto", "Keiko"), P("Schmidt", "Felix")], 2016,
       "Measuring bibliographic completeness", *JDE, 11, 3, "150-168", "jde.2016.0150"),
    _a("walsh2015", [P("Walsh", "Nora")], 2015, "The reference list as evidence", *LPR, 3, 2,
       "55-70", "lpr.2015.0055"),
    _a("garcia2018", [P("García", "Alejandro"), P("Kim", "Min-jun")], 2018, "Disagreement "
       "between in-text citations and reference lists", *SCN, 6, 1, "12-29", "scn.2018.0012"),
    _a("bianchi2014", [P("Bianchi", "Lucia")], 2014, "Quotation errors in the biomedical "
       "literature", *JES, 22, 5, "412-419", "jes.2014.0412"),
    _a("ekstrom2017", [P("Ekström", "Lars"), P("Wong", "Mei")], 2017, "Page ranges, article "
       "numbers and electronic-only journals", *JSC, 9, 1, "e1023", "jsc.2017.1023"),
    Work("hartmann2012", "book", (P("Hartmann", "Ingrid"),), 2012, "Bibliography: A practical "
         "introduction", publisher="Kestrel Books", place="London", edition="3rd"),
    Work("nakamura2020", "book", (P("Nakamura", "Hiro"), P("Delgado", "Rafael")), 2020,
         "Citation analysis for research evaluation", publisher="Meridian Academic",
         place="London"),
    _a("dubois2019", [P("Dubois", "Chloé")], 2019, "Typographic conventions for superscript "
       "citation marks", *JLM, 19, 2, "120-133", "jlm.2019.0120"),
    _a("osei2021", [P("Osei", "Kwame")], 2021, "Open peer review and reference checking",
       *IQJ, 9, 1, "1-17", "iqj.2021.0001"),
    _a("rahman2018", [P("Rahman", "Tanvir"), P("Hossain", "Nadia")], 2018, "Citation errors "
       "in engineering conference papers", *TDL, 6, 3, "233-248", "tdl.2018.0233"),
    _a("fitzgerald2020", [P("Fitzgerald", "Aoife")], 2020, "Standards for reference metadata "
       "deposit", *LPR, 8, 4, "301-315", "lpr.2020.0301"),
    _a("adeyemi2017", [P("Adeyemi", "Tunde"), P("Ivanova", "Elena"), P("Costa", "Rui")], 2017,
       "Reproducibility of reference checks", *JES, 25, 2, "140-151", "jes.2017.0140"),
    _a("brennan2021", [BRENNAN], 2021, "Automatic linking of citations to references", *JDE,
       16, 2, "120-141", "jde.2021.0120"),
)  # fmt: skip
POOL_BY_KEY = {w.key: w for w in POOL}

# Works every author-year paper cites (each form of callout needs one), and every numeric one.
AUTHOR_YEAR_CORE = (
    "smith2020a", "smith2020b", "kowalski2020", "lee2019", "novak2019a", "novak2019b",
    "who2020", "raza2020", "haddad2018", "vanderberg2018", "delacruz2019", "muller2017",
    "nunez2021", "smithjones2016", "walsh2015", "dubois2019",
)  # fmt: skip
NUMERIC_CORE = (
    "andersson2021", "who2020", "vanderberg2018", "delacruz2019", "muller2017", "nunez2021",
    "smithjones2016", "okafor2018", "thompson2021", "ferreira2017", "zhang2021",
)  # fmt: skip
# Cited as defects, so never in a clean paper: their surnames appear nowhere else.
NEVER_LISTED = ("fitzgerald2020", "rahman2018")


# --- names ---------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower-case letters only, accents removed: the letter-by-letter filing key."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.casefold() if c.isalpha())


def initials(given: str, sep: str = " ", dots: bool = True) -> str:
    """Initials of given names: "John A." gives "J. A." (sep " "), "J.A." (sep "") or "JA"
    (dots False); "Jean-Pierre" gives "J.-P." or "JP"."""
    out = []
    for part in given.split():
        pieces = [p[0] for p in part.split("-") if p]
        if dots:
            out.append("-".join(p + "." for p in pieces))
        else:
            out.append("".join(pieces).upper())
    return (sep if dots else "").join(out)


def join_names(names: Sequence[str], last: str, serial: bool) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) == 2:  # the serial comma only separates three or more
        return f"{names[0]} {last} {names[1]}"
    return ", ".join(names[:-1]) + f"{',' if serial else ''} {last} {names[-1]}"


_MINOR_WORDS = """
    a an the and but or nor for of in on at to by from with as vs via into between without
    among through
"""
MINOR = frozenset(_MINOR_WORDS.split())


def title_case(text: str) -> str:
    words = text.split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        first = i == 0 or out[-1].endswith(":")
        parts = word.split("-")
        done = []
        for part in parts:
            # Minor words stay lower case, except first, after a colon or in a compound.
            if part and (first or len(parts) > 1 or part.lower() not in MINOR):
                part = part[0].upper() + part[1:]
            done.append(part)
        out.append("-".join(done))
    return " ".join(out)


def abbreviated_range(pages: str, style: str) -> str:
    """Page range as printed: Chicago 145–62, Vancouver 145-62, others 145–162."""
    if "-" not in pages:
        return pages
    a, b = pages.split("-")
    if style == "vancouver":
        if len(a) == len(b):
            i = 0
            while i < len(a) - 1 and a[i] == b[i]:
                i += 1
            b = b[i:]
        return f"{a}-{b}"
    if style == "chicago":
        first, last = int(a), int(b)
        if first >= 100 and first % 100 and first // 100 == last // 100:
            b = str(last % 100) if first % 100 < 10 else f"{last % 100:02d}"
        return f"{a}–{b}"
    return f"{a}–{b}"


def ieee_abbrev(work: Work) -> str:
    """ISO-4 style with full stops after abbreviated words: "J. Sch. Commun."."""
    full = {w.lower() for w in (work.container or "").split()}
    words = (work.abbrev or "").split()
    return " ".join(w if w.lower() in full else w + "." for w in words)


def ordinal_ed(edition: str, style: str) -> str:
    return {"harvard": f"{edition} edn."}.get(style, f"{edition} ed.")


def date_text(ymd: tuple[int, int, int], style: str) -> str:
    y, m, d = ymd
    if style == "harvard":
        return f"{d} {MONTHS[m - 1]} {y}"
    if style == "ieee":
        return f"{IEEE_MONTHS[m - 1]} {d}, {y}"
    if style == "vancouver":
        return f"{y} {MONTHS[m - 1][:3]} {d}"
    return f"{MONTHS[m - 1]} {d}, {y}"


# --- reference entries ---------------------------------------------------------------------------


def list_names(work: Work, style: str) -> tuple[str, list[dict[str, Any]], bool]:
    """Authors as printed in the list; their truth (family, given as printed); et al.?"""
    people = list(work.authors)
    et_al = False
    if style in ("ieee", "vancouver") and len(people) > 6:
        people = people[:1] if style == "ieee" else people[:6]
        et_al = True
    truth: list[dict[str, Any]] = []
    printed: list[str] = []
    for i, p in enumerate(people):
        if p.org:
            given, text = "", p.family
        elif style == "apa":
            given = initials(p.given)
            text = f"{p.family}, {given}"
        elif style == "harvard":
            given = initials(p.given, "")
            text = f"{p.family}, {given}"
        elif style == "chicago":
            given = p.given
            text = f"{p.family}, {given}" if i == 0 else f"{given} {p.family}"
        elif style == "ieee":
            given = initials(p.given)
            text = f"{given} {p.family}"
        else:
            given = initials(p.given, dots=False)
            text = f"{p.family} {given}"
        printed.append(text)
        truth.append({"family": p.family, "given": given, "organization": p.org})
    if style == "apa":
        text = printed[0] if len(printed) == 1 else ", ".join(printed[:-1]) + f", & {printed[-1]}"
    elif style == "harvard":
        text = join_names(printed, "and", serial=False)
    elif style == "chicago":
        # The first name is inverted, so even two names take a comma before "and".
        text = printed[0] if len(printed) == 1 else ", ".join(printed[:-1]) + f", and {printed[-1]}"
    elif style == "ieee":
        text = printed[0] + " et al." if et_al else join_names(printed, "and", serial=True)
    else:
        text = ", ".join(printed) + (", et al" if et_al else "")
    return text, truth, et_al


def editor_names(work: Work, style: str) -> str:
    eds = work.editors
    if style in ("apa", "ieee"):
        names = [f"{initials(e.given)} {e.family}" for e in eds]
        if style == "apa":
            return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f", & {names[-1]}"
        return join_names(names, "and", serial=True)
    if style == "harvard":
        return join_names([f"{e.family}, {initials(e.given, '')}" for e in eds], "and", False)
    if style == "chicago":
        return join_names([f"{e.given} {e.family}" for e in eds], "and", serial=True)
    return ", ".join(f"{e.family} {initials(e.given, dots=False)}" for e in eds)


def end(text: str) -> str:
    """Add a full stop unless the text already ends with one."""
    return text if text.endswith((".", "?", "!")) else text + "."


def entry_markup(work: Work, style: str, suffix: str) -> str:
    """The reference entry in `style`; ITAL toggles italics."""
    names, _, _ = list_names(work, style)
    year = "n.d." if work.year is None else f"{work.year}{suffix}"
    i = ITAL
    t = work.title
    doi = f"https://doi.org/{work.doi}" if work.doi else ""
    pages = work.pages or ""
    kind = work.type
    if style == "apa":
        head = f"{end(names)} ({year})."
        if kind == "web" and work.date and work.year:
            head = f"{end(names)} ({work.year}, {MONTHS[work.date[0] - 1]} {work.date[1]})."
        if kind == "article":
            parts = [head, end(t)]
            if work.container:
                loc = f"{i}{work.container}, {work.volume}{i}({work.issue}), "
                loc += f"{abbreviated_range(pages, style)}."
                parts.append(loc)
            if doi:
                parts.append(doi)
            return " ".join(parts)
        if kind == "book":
            ed = f" ({work.edition} ed.)" if work.edition else ""
            return f"{head} {i}{t}{i}{ed}. {work.publisher}."
        if kind == "chapter":
            role = "Ed." if len(work.editors) == 1 else "Eds."
            return (
                f"{head} {end(t)} In {editor_names(work, style)} ({role}), {i}{work.container}"
                f"{i} (pp. {abbreviated_range(pages, style)}). {work.publisher}."
            )
        if kind == "report":
            no = f" (Report No. {work.report_no})" if work.report_no else ""
            pub = "" if work.publisher == names else f" {work.publisher}."
            return f"{head} {i}{t}{i}{no}.{pub} {doi or work.url}"
        if kind == "web":
            acc = date_text(work.accessed, style) if work.accessed else ""
            return f"{head} {i}{t}{i}. {work.container}. Retrieved {acc}, from {work.url}"
        if kind == "thesis":
            deg = "Doctoral dissertation" if work.degree == "phd" else "Master's thesis"
            return f"{head} {i}{t}{i} [{deg}, {work.publisher}]."
        return f"{head} {i}{t}{i}. {work.container}. {doi}"
    if style == "harvard":
        head = f"{names} ({year})"
        if kind == "article":
            text = f"{head} ‘{t}’"
            if work.container:
                loc = pages if "-" not in pages else f"pp. {abbreviated_range(pages, style)}"
                text += f", {i}{work.container}{i}, {work.volume}({work.issue}), {loc}"
            text += "."
            return text + (f" Available at: {doi}." if doi else "")
        if kind == "book":
            ed = f" {ordinal_ed(work.edition, style)}" if work.edition else ""
            return f"{head} {i}{t}{i}.{ed} {work.place}: {work.publisher}."
        if kind == "chapter":
            role = "(ed.)" if len(work.editors) == 1 else "(eds)"
            return (
                f"{head} ‘{t}’, in {editor_names(work, style)} {role} {i}{work.container}{i}. "
                f"{work.place}: {work.publisher}, pp. {abbreviated_range(pages, style)}."
            )
        if kind == "report":
            no = f" Report no. {work.report_no}." if work.report_no else ""
            text = f"{head} {i}{t}{i}.{no} {work.place}: {work.publisher}."
            if doi:
                return f"{text} Available at: {doi}."
            acc = date_text(work.accessed, style) if work.accessed else ""
            return f"{text} Available at: {work.url} (Accessed: {acc})."
        if kind == "web":
            acc = date_text(work.accessed, style) if work.accessed else ""
            site = "" if work.container == names else f" {work.container}."
            return f"{head} {i}{t}{i}.{site} Available at: {work.url} (Accessed: {acc})."
        if kind == "thesis":
            deg = "PhD thesis" if work.degree == "phd" else "MA thesis"
            return f"{head} {i}{t}{i}. {deg}. {work.publisher}."
        return f"{head} ‘{t}’, {i}{work.container}{i} [Preprint]. Available at: {doi}."
    if style == "chicago":
        head = f"{end(names)} {year}."
        tc = title_case(t)
        if kind == "article":
            text = f"{head} “{end(tc)}”"
            if work.container:
                loc = abbreviated_range(pages, style)
                text += f" {i}{work.container}{i} {work.volume} ({work.issue}): {loc}."
            return text + (f" {doi}." if doi else "")
        if kind == "book":
            ed = f" {work.edition} ed." if work.edition else ""
            return f"{head} {i}{tc}{i}.{ed} {work.place}: {work.publisher}."
        if kind == "chapter":
            return (
                f"{head} “{end(tc)}” In {i}{title_case(work.container or '')}{i}, edited by "
                f"{editor_names(work, style)}, {abbreviated_range(pages, style)}. "
                f"{work.place}: {work.publisher}."
            )
        if kind == "report":
            no = f" Report no. {work.report_no}." if work.report_no else ""
            return f"{head} {i}{tc}{i}.{no} {work.place}: {work.publisher}. {doi or work.url}."
        if kind == "web":
            text = f"{head} “{tc}.” {work.container}"
            if work.date and work.year:
                text += f", {MONTHS[work.date[0] - 1]} {work.date[1]}, {work.year}."
            else:
                acc = date_text(work.accessed, style) if work.accessed else ""
                text += f". Accessed {acc}."
            return f"{text} {work.url}."
        if kind == "thesis":
            deg = "PhD diss.," if work.degree == "phd" else "Master’s thesis,"
            return f"{head} “{tc}.” {deg} {work.publisher}."
        return f"{head} “{tc}.” Preprint, {work.container}. {doi}."
    if style == "ieee":
        if kind == "article":
            text = f"{names}, “{t},”"
            if work.container:
                if "-" in pages:
                    loc = f"pp. {abbreviated_range(pages, style)}"
                else:
                    loc = f"Art. no. {pages}"
                text += f" {i}{ieee_abbrev(work)}{i}, vol. {work.volume}, no. {work.issue}, {loc},"
            text += f" {year}"
            return text + (f", doi: {work.doi}." if work.doi else ".")
        if kind == "book":
            ed = f", {work.edition} ed." if work.edition else "."
            return f"{names}, {i}{title_case(t)}{i}{ed} {work.place}: {work.publisher}, {year}."
        if kind == "chapter":
            role = "Ed." if len(work.editors) == 1 else "Eds."
            return (
                f"{names}, “{t},” in {i}{title_case(work.container or '')}{i}, "
                f"{editor_names(work, style)}, {role} {work.place}: {work.publisher}, {year}, "
                f"pp. {abbreviated_range(pages, style)}."
            )
        if kind == "report":
            no = f" Rep. {work.report_no}," if work.report_no else ""
            text = f"{names}, “{t},” {work.publisher}, {work.place},{no} {year}."
            if work.doi:
                return f"{text} doi: {work.doi}."
            return f"{text} [Online]. Available: {work.url}"
        if kind == "web":
            acc = date_text(work.accessed, style) if work.accessed else ""
            return (
                f"{names}, “{t},” {work.container}, {year}. Accessed: {acc}. [Online]. "
                f"Available: {work.url}"
            )
        if kind == "thesis":
            deg = "Ph.D. dissertation" if work.degree == "phd" else "M.S. thesis"
            return f"{names}, “{t},” {deg}, {work.publisher}, {work.place}, {year}."
        return f"{names}, “{t},” {year}, {i}{work.container}{i}, doi: {work.doi}."
    # vancouver
    if kind == "article":
        text = f"{end(names)} {end(t)}"
        if work.container:
            loc = abbreviated_range(pages, style)
            text += f" {work.abbrev}. {year};{work.volume}({work.issue}):{loc}."
        else:
            text += f" {year}."
        return text + (f" doi:{work.doi}" if work.doi else "")
    if kind == "book":
        ed = f" {work.edition} ed." if work.edition else ""
        return f"{end(names)} {end(t)}{ed} {work.place}: {work.publisher}; {year}."
    if kind == "chapter":
        return (
            f"{end(names)} {end(t)} In: {editor_names(work, style)}, editors. "
            f"{end(work.container or '')} {work.place}: {work.publisher}; {year}. "
            f"p. {abbreviated_range(pages, style)}."
        )
    cited = f" [cited {date_text(work.accessed, style)}]" if work.accessed else ""
    if kind == "report":
        text = f"{end(names)} {t} [Internet]. {work.place}: {work.publisher}; {year}{cited}."
        return f"{text} doi:{work.doi}" if work.doi else f"{text} Available from: {work.url}"
    if kind == "web":
        when = year
        if work.date:
            when = f"{year} {MONTHS[work.date[0] - 1][:3]} {work.date[1]}"
        return (
            f"{end(names)} {t} [Internet]. {work.container}; {when}{cited}. "
            f"Available from: {work.url}"
        )
    if kind == "thesis":
        deg = "dissertation" if work.degree == "phd" else "master's thesis"
        return f"{end(names)} {t} [{deg}]. {work.place}: {work.publisher}; {year}."
    return f"{end(names)} {t} [Preprint]. {work.container}; {year}. doi:{work.doi}"


def printed_title(work: Work, style: str) -> str:
    if style == "chicago" or (style == "ieee" and work.type == "book"):
        return title_case(work.title)
    return work.title


def printed_container(work: Work, style: str) -> str | None:
    if work.container is None:
        return None
    if work.type == "article":
        if style == "ieee":
            return ieee_abbrev(work)
        return work.abbrev if style == "vancouver" else work.container
    if work.type == "chapter" and style in ("chicago", "ieee"):
        return title_case(work.container)
    return work.container


def reference_truth(work: Work, style: str, suffix: str) -> dict[str, Any]:
    _, authors, et_al = list_names(work, style)
    return {
        "authors": authors,
        "et_al": et_al,
        "year": None if work.year is None else str(work.year),
        "year_suffix": suffix,
        "title": printed_title(work, style),
        "container": printed_container(work, style),
        "volume": work.volume if work.container else None,
        "issue": work.issue if work.container else None,
        "pages": work.pages if work.container else None,
        "doi": work.doi.lower() if work.doi else None,
        "url": work.url,
        "publisher": work.publisher,
        "type": work.type,
    }


# --- in-text citations ---------------------------------------------------------------------------


def intext_names(work: Work, style: str, narrative: bool) -> tuple[list[str], bool, str]:
    """(surnames written, et al.?, the name part as printed) for an author-year callout."""
    fams = [p.family for p in work.authors]
    limit = 2 if style == "apa" else 3
    if len(fams) > limit:
        return fams[:1], True, f"{fams[0]} et al."
    if style == "apa" and len(fams) == 2:
        return fams, False, f"{fams[0]} {'and' if narrative else '&'} {fams[1]}"
    return fams, False, join_names(fams, "and", serial=style == "chicago")


@dataclass
class CWork:
    """One work inside a planned citation; the overrides plant defects."""

    key: str | None  # None: a number with no reference
    locator: str = ""
    names: tuple[str, ...] | None = None  # names as written instead of the right ones
    name_text: str | None = None
    et_al: bool | None = None
    year: str | None = None  # printed year instead of the right one
    suffix: str | None = None
    number: int | None = None  # a printed number with no reference


@dataclass
class Event:
    """One planned citation."""

    kind: str  # paren|narrative|numeric|superscript
    works: list[CWork]
    para: int = 0
    prefix: str = ""  # "see"
    form: str = ""  # "dashed" ([2]–[4]); superscript placement "word"|"period"|"comma"
    defect: dict[str, Any] | None = None


# --- papers and their plans ----------------------------------------------------------------------


@dataclass(frozen=True)
class Paper:
    name: str
    style: str
    columns: int
    seed: int
    title: str
    authors: tuple[str, ...]
    affiliations: tuple[str, ...]
    first_page: int
    defect: str = ""  # a key of DEFECTS
    base: str = ""  # the clean paper this one copies
    paragraphs: int = 0  # body paragraphs; 0 until `fitted` chooses


@dataclass
class Plan:
    paper: Paper
    works: dict[str, Work]  # the paper's (possibly altered) works
    listed: list[str]  # keys in printed order (a duplicate appears twice)
    events: list[Event]
    paragraphs: int
    labels: list[str] = field(default_factory=list)  # printed labels (numeric)
    suffix: dict[str, str] = field(default_factory=dict)
    # Planted list problems: code, detail and "key" (its first listing, or "second" for a
    # duplicate's second listing) or "index" (a position in the numbered list).
    ref_defects: list[dict[str, Any]] = field(default_factory=list)
    keep_order: bool = False  # the author-year list is deliberately out of order
    gap_at: int | None = None  # numbering skips a number before this position


SECTIONS = ("Introduction", "Background", "Data and Methods", "Results", "Discussion")
NARRATIVE_LEADS = ("In a related study,", "More recently,", "By contrast,", "Similarly,",
                   "In an earlier account,", "As a point of comparison,", "Notably,")  # fmt: skip
NARRATIVE_VERBS = ("reported", "argued", "found", "showed", "noted", "observed")
NUMERIC_LEADS = ("As reported in", "Following", "Consistent with", "In line with")


def sort_key(work: Work) -> tuple[Any, ...]:
    return ([fold(p.family) for p in work.authors], work.year or 0, fold(work.title))


def paragraph_count(paper: Paper) -> int:
    return paper.paragraphs or (16 if paper.columns == 1 else 14)


def author_year_events(rng: random.Random, keys: list[str]) -> list[Event]:
    def one(kind: str, *ks: str) -> Event:
        return Event(kind, [CWork(k) for k in ks])

    events = [
        one("paren", "who2020"),
        one("paren", "kowalski2020"),
        one("narrative", "kowalski2020"),
        one("paren", "novak2019a", "novak2019b"),
        Event("paren", [CWork("smith2020a", locator="5"), CWork("lee2019")], prefix="see"),
        one("paren", "smith2020a"),
        one("narrative", "smith2020b"),
        one("paren", "smith2020b"),
        one("paren", "raza2020"),
        one("narrative", "raza2020"),
        one("narrative", "haddad2018"),
        one("narrative", "vanderberg2018"),
        one("paren", "delacruz2019"),
    ]
    cited = {w.key for e in events for w in e.works}
    rest = [k for k in keys if k not in cited]
    rng.shuffle(rest)
    while rest:
        if rng.random() < 0.35:
            events.append(one("narrative", rest.pop()))
        else:
            n = min(rng.choice((1, 1, 2, 2, 3)), len(rest))
            events.append(one("paren", *(rest.pop() for _ in range(n))))
    for k in [k for k in keys if rng.random() < 0.4] + ["walsh2015", "dubois2019", "muller2017"]:
        events.append(one(rng.choice(("paren", "paren", "narrative")), k))
    rng.shuffle(events)
    return events


def numeric_events(rng: random.Random, keys: list[str], style: str) -> list[Event]:
    kind = "numeric" if style == "ieee" else "superscript"
    placements = ("word", "period", "comma")
    order = list(keys)
    rng.shuffle(order)
    first = 4 if style == "ieee" else 3
    intro = order[:first]
    rest = order[first:]
    events = [Event(kind, [CWork(k) for k in intro], form=rng.choice(placements))]
    forced_pair = forced_dashed = False
    while rest:
        if not forced_pair and len(intro) >= 5:
            # A non-consecutive pair of earlier works, e.g. [1, 3].
            events.append(Event(kind, [CWork(intro[0]), CWork(intro[2])], form="period"))
            forced_pair = True
        elif not forced_dashed and style == "ieee" and len(intro) >= 8:
            events.append(Event(kind, [CWork(k) for k in intro[1:4]], form="dashed"))
            forced_dashed = True
        n = min(rng.choice((1, 1, 1, 2, 2, 3)), len(rest))
        new = rest[:n]
        rest = rest[n:]
        old = [rng.choice(intro)] if rng.random() < 0.3 else []
        events.append(Event(kind, [CWork(k) for k in old + new], form=rng.choice(placements)))
        intro += new
    for _ in range(4):
        events.append(Event(kind, [CWork(rng.choice(intro))], form=rng.choice(placements)))
    return events


def make_plan(paper: Paper) -> Plan:
    rng = random.Random(paper.seed)
    style = paper.style
    author_year = style in AUTHOR_YEAR
    core = AUTHOR_YEAR_CORE if author_year else NUMERIC_CORE
    others = [w.key for w in POOL if w.key not in core and w.key not in NEVER_LISTED]
    if author_year:  # keep the a/b pairs as they are: no third Smith or Novak work
        others = [k for k in others if k != "osei2021"]
    count = rng.randint(20, 26) if author_year else rng.randint(18, 24)
    keys = list(core) + rng.sample(others, count - len(core))
    keys.sort(key=lambda k: POOL.index(POOL_BY_KEY[k]))
    events = author_year_events(rng, keys) if author_year else numeric_events(rng, keys, style)
    paragraphs = paragraph_count(paper)
    spots = sorted(rng.randrange(paragraphs) for _ in events)
    for event, spot in zip(events, spots, strict=True):
        event.para = spot
    plan = Plan(paper, {k: POOL_BY_KEY[k] for k in keys}, list(keys), events, paragraphs)
    if paper.defect:
        DEFECTS[paper.defect][1](plan, rng)
    finish_plan(plan)
    return plan


def first_cited_order(plan: Plan) -> list[str]:
    seen: dict[str, None] = {}
    for event in plan.events:
        for w in event.works:
            if w.key is not None and w.key in plan.works:
                seen.setdefault(w.key, None)
    return list(seen)


def finish_plan(plan: Plan) -> None:
    """Order the list, give a/b suffixes (author-year) or labels (numeric)."""
    if plan.paper.style in AUTHOR_YEAR:
        if not plan.keep_order:
            plan.listed.sort(key=lambda k: sort_key(plan.works[k]))
        groups: dict[tuple[Any, ...], list[str]] = {}
        for k in dict.fromkeys(plan.listed):
            w = plan.works[k]
            if w.year is not None:
                groups.setdefault((tuple(p.family for p in w.authors), w.year), []).append(k)
        for same in groups.values():
            if len(same) > 1:
                same.sort(key=lambda k: fold(plan.works[k].title))
                for i, k in enumerate(same):
                    plan.suffix[k] = "abcdefgh"[i]
    else:
        order = first_cited_order(plan)
        extra = [k for k in plan.listed if k not in order]
        plan.listed = order + extra
        gap = plan.gap_at
        plan.labels = [
            str(i + 1 + (1 if gap is not None and i >= gap else 0)) for i in range(len(plan.listed))
        ]


# --- defects -------------------------------------------------------------------------------------


def single_events(plan: Plan, key: str, kinds: Iterable[str] = ("paren",)) -> list[Event]:
    return [
        e
        for e in plan.events
        if e.kind in kinds and len(e.works) == 1 and e.works[0].key == key and not e.defect
    ]


def unique_first_author(plan: Plan, key: str) -> bool:
    fam = plan.works[key].authors[0].family
    return sum(1 for w in plan.works.values() for p in w.authors if p.family == fam) == 1


def mark(event: Event, code: str, detail: str, key: str | None = None) -> None:
    event.defect = {"code": code, "detail": detail, "key": key}


def d_missing_reference(plan: Plan, rng: random.Random) -> None:
    event = Event("paren", [CWork("fitzgerald2020")], para=plan.events[len(plan.events) // 2].para)
    plan.events.insert(len(plan.events) // 2, event)
    plan.works["fitzgerald2020"] = POOL_BY_KEY["fitzgerald2020"]  # known, but not listed
    mark(event, "CIT001", "citation with no reference in the list")


def d_number_beyond(plan: Plan, rng: random.Random) -> None:
    at = len(plan.events) * 2 // 3
    number = len(plan.listed) + 3
    event = Event("numeric", [CWork(None, number=number)], para=plan.events[at].para)
    plan.events.insert(at, event)
    mark(event, "CIT001", f"[{number}] is beyond the {len(plan.listed)} numbered references")


def d_uncited(plan: Plan, rng: random.Random) -> None:
    plan.works["rahman2018"] = POOL_BY_KEY["rahman2018"]
    plan.listed.append("rahman2018")
    plan.ref_defects.append(
        {"code": "CIT002", "key": "rahman2018", "detail": "reference never cited"}
    )


def pick_target(plan: Plan, rng: random.Random, ascii_only: bool = False) -> tuple[str, Event]:
    """A listed work with a unique first author, no suffix, cited alone at least twice."""
    for key in sorted(plan.works):
        w = plan.works[key]
        if key not in plan.listed or w.year is None or w.authors[0].org:
            continue
        if key.startswith(("smith", "novak", "kowalski", "raza")):
            continue
        if ascii_only and not (w.authors[0].family.isascii() and w.authors[0].family.isalpha()):
            continue
        events = single_events(plan, key)
        alone = [e for e in plan.events if any(cw.key == key for cw in e.works)]
        if unique_first_author(plan, key) and events and len(alone) >= 2:
            return key, events[-1]
    raise LayoutError(f"{plan.paper.name}: no work fits the defect")


def d_year_mismatch(plan: Plan, rng: random.Random) -> None:
    key, event = pick_target(plan, rng)
    year = plan.works[key].year
    assert year is not None
    event.works[0].year = str(year - 1)
    mark(event, "CIT003", f"year {year - 1} in the text, {year} in the list", key)


def d_misspelt(plan: Plan, rng: random.Random) -> None:
    key, event = pick_target(plan, rng, ascii_only=True)
    fam = plan.works[key].authors[0].family
    wrong = fam[:2] + fam[3] + fam[2] + fam[4:]
    names, _, text = intext_names(plan.works[key], plan.paper.style, False)
    event.works[0].names = (wrong, *names[1:])
    event.works[0].name_text = text.replace(fam, wrong, 1)
    mark(event, "CIT004", f"misspelt surname {wrong} for {fam}", key)


def d_given_as_surname(plan: Plan, rng: random.Random) -> None:
    event = single_events(plan, "raza2020")[0]
    event.works[0].names = ("Ahmed Raza",)
    event.works[0].name_text = "Ahmed Raza"
    mark(event, "CIT004", "given name and surname (Ahmed Raza) for the surname Raza", "raza2020")


def d_et_al_two(plan: Plan, rng: random.Random) -> None:
    event = single_events(plan, "kowalski2020")[0]
    event.works[0].names = ("Kowalski",)
    event.works[0].et_al = True
    event.works[0].name_text = "Kowalski et al."
    mark(event, "CIT004", "et al. for a work with two authors", "kowalski2020")


def d_missing_coauthor(plan: Plan, rng: random.Random) -> None:
    event = single_events(plan, "kowalski2020")[0]
    event.works[0].names = ("Kowalski",)
    event.works[0].name_text = "Kowalski"
    mark(event, "CIT004", "co-author Lee missing for a work with two authors", "kowalski2020")


def d_ambiguous(plan: Plan, rng: random.Random) -> None:
    event = single_events(plan, "smith2020b")[0]
    event.works[0].suffix = ""
    mark(event, "CIT005", "no a/b suffix: Smith 2020a and Smith 2020b both fit", "smith2020b")


def d_duplicate(plan: Plan, rng: random.Random) -> None:
    key = "muller2017"
    plan.listed.insert(plan.listed.index(key) + 1, key)
    plan.ref_defects.append(
        {"code": "REF001", "key": key, "second": True, "detail": "the same reference listed twice"}
    )


def d_unsorted(plan: Plan, rng: random.Random) -> None:
    plan.listed.sort(key=lambda k: sort_key(plan.works[k]))
    plan.keep_order = True
    # Swap two neighbours in the middle whose first letters differ.
    for i in range(len(plan.listed) // 2, len(plan.listed) - 1):
        a, b = plan.listed[i], plan.listed[i + 1]
        if fold(plan.works[a].authors[0].family)[0] != fold(plan.works[b].authors[0].family)[0]:
            plan.listed[i], plan.listed[i + 1] = b, a
            plan.ref_defects.append({"code": "REF002", "key": b,
                                     "detail": f"listed before {plan.works[a].authors[0].family}"
                                     })  # fmt: skip
            return
    raise LayoutError("no pair to swap")


def d_numbering_gap(plan: Plan, rng: random.Random) -> None:
    # The index is the position in first-citation order; finish_plan applies it.
    plan.gap_at = len(plan.listed) // 2
    plan.ref_defects.append({"code": "REF002", "index": plan.gap_at,
                             "detail": f"numbering skips {plan.gap_at + 1}"})  # fmt: skip


def d_future(plan: Plan, rng: random.Random) -> None:
    key, _ = pick_target(plan, rng)
    plan.works[key] = replace(plan.works[key], year=2023)
    plan.ref_defects.append(
        {"code": "REF004", "key": key, "detail": "dated 2023, after publication on 12 June 2021"}
    )


def d_incomplete(plan: Plan, rng: random.Random) -> None:
    w = plan.works["walsh2015"]
    plan.works["walsh2015"] = replace(w, container=None, volume=None, issue=None, pages=None,
                                      doi=None)  # fmt: skip
    w = plan.works["dubois2019"]
    plan.works["dubois2019"] = replace(w, year=None)
    plan.ref_defects += [
        {"code": "REF005", "key": "walsh2015",
         "detail": "article without journal, volume, issue, pages or DOI"},
        {"code": "REF005", "key": "dubois2019", "detail": "article without year (n.d.)"},
    ]  # fmt: skip


DEFECTS: dict[str, tuple[str, Any]] = {
    "missing_reference": ("CIT001", d_missing_reference),
    "number_beyond_list": ("CIT001", d_number_beyond),
    "uncited_reference": ("CIT002", d_uncited),
    "year_mismatch": ("CIT003", d_year_mismatch),
    "misspelt_surname": ("CIT004", d_misspelt),
    "given_name_as_surname": ("CIT004", d_given_as_surname),
    "et_al_two_authors": ("CIT004", d_et_al_two),
    "missing_coauthor": ("CIT004", d_missing_coauthor),
    "ambiguous_year": ("CIT005", d_ambiguous),
    "duplicate_reference": ("REF001", d_duplicate),
    "unsorted_list": ("REF002", d_unsorted),
    "numbering_gap": ("REF002", d_numbering_gap),
    "reference_after_publication": ("REF004", d_future),
    "incomplete_article": ("REF005", d_incomplete),
}


# --- rendering citations to markup and truth -----------------------------------------------------


def compress(numbers: Sequence[int]) -> list[tuple[str, list[int]]]:
    """[1, 2, 3, 5] -> [("1–3", [1, 2, 3]), ("5", [5])]; runs of three or more become ranges."""
    nums = sorted(set(numbers))
    out: list[tuple[str, list[int]]] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            out.append((f"{nums[i]}–{nums[j]}", nums[i : j + 1]))
            i = j + 1
        else:
            out.append((str(nums[i]), [nums[i]]))
            i += 1
    return out


@dataclass
class Rendered:
    text: str  # the callout as printed
    works: list[dict[str, Any]]


def render_author_year(plan: Plan, event: Event, ids: dict[str, list[str]]) -> Rendered:
    style = plan.paper.style
    narrative = event.kind == "narrative"
    works = list(event.works)
    if len(works) > 1 and not event.prefix and style == "apa":
        works.sort(key=lambda cw: sort_key(plan.works[cw.key or ""]))
    parts: list[str] = []  # per author group
    out: list[dict[str, Any]] = []
    previous = None
    for cw in works:
        assert cw.key is not None
        work = plan.works[cw.key]
        names, et_al, name_text = intext_names(work, style, narrative)
        if cw.names is not None:
            names, name_text = list(cw.names), cw.name_text or " ".join(cw.names)
        if cw.et_al is not None:
            et_al = cw.et_al
        year = cw.year or ("n.d." if work.year is None else str(work.year))
        suffix = plan.suffix.get(cw.key, "") if cw.suffix is None else cw.suffix
        if work.year is None and cw.year is None:
            suffix = ""
        when = year + suffix
        if cw.locator:
            when += f", p. {cw.locator}" if style != "chicago" else f", {cw.locator}"
        sep = ", " if style == "apa" else " "
        if previous == name_text:
            piece = when
            parts[-1] += f", {piece}"
        else:
            piece = when if narrative else f"{name_text}{sep}{when}"
            parts.append(piece)
        previous = name_text
        out.append({
            "text": piece, "number": None, "names": names, "et_al": et_al, "year": year,
            "year_suffix": suffix, "reference_ids": list(ids.get(cw.key, [])),
        })  # fmt: skip
    if narrative:
        if len(out) != 1:
            raise LayoutError("a narrative citation names one work")
        text = f"{previous} ({', '.join(parts)})"
        out[0]["text"] = text
    else:
        prefix = f"{event.prefix} " if event.prefix else ""
        text = f"({prefix}{'; '.join(parts)})"
    if event.defect and event.defect["code"] == "CIT005":
        out[0]["reference_ids"] = [i for k in ("smith2020a", "smith2020b") for i in ids[k]]
    return Rendered(text, out)


def render_numeric(plan: Plan, event: Event, ids: dict[str, list[str]]) -> Rendered:
    label_of = {k: int(lab) for k, lab in zip(plan.listed, plan.labels, strict=True)}
    by_number: dict[int, str | None] = {}
    for cw in event.works:
        n = cw.number if cw.key is None else label_of[cw.key]
        assert n is not None
        by_number[n] = cw.key
    items = compress(list(by_number))
    if event.form == "dashed":
        nums = sorted(by_number)
        items = [(f"[{nums[0]}]–[{nums[-1]}]", nums)]
        text = items[0][0]
    elif event.kind == "numeric":
        text = "[" + ", ".join(t for t, _ in items) + "]"
    else:
        text = ",".join(t for t, _ in items)
    works = []
    for item, nums in items:
        for n in nums:
            key = by_number.get(n)
            works.append({
                "text": item, "number": n, "names": [], "et_al": False, "year": None,
                "year_suffix": "", "reference_ids": list(ids.get(key, [])) if key else [],
            })  # fmt: skip
    return Rendered(text, works)


def filler(rng: random.Random, low: int, high: int, capital: bool = True) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if capital:
        words[0] = words[0].capitalize()
    return " ".join(words)


def citation_sentence(rng: random.Random, event: Event, rendered: Rendered, index: int) -> str:
    marker = f"{CITE}{index}{CITE_END}"
    cite = marker + rendered.text
    if event.kind == "narrative":
        lead = rng.choice(NARRATIVE_LEADS)
        verb = rng.choice(NARRATIVE_VERBS)
        return f"{lead} {cite} {verb} that {filler(rng, 7, 13, False)}."
    if event.kind == "paren":
        if rng.random() < 0.3:
            return f"{filler(rng, 5, 9)} {cite}, {filler(rng, 5, 9, False)}."
        return f"{filler(rng, 8, 15)} {cite}."
    if event.kind == "numeric":
        if rng.random() < 0.25:
            return f"{rng.choice(NUMERIC_LEADS)} {cite}, {filler(rng, 7, 12, False)}."
        return f"{filler(rng, 8, 15)} {cite}."
    sup = f"{SUP}{marker}{rendered.text}{SUP}"
    if event.form == "comma":
        return f"{filler(rng, 5, 9)},{sup} {filler(rng, 5, 9, False)}."
    if event.form == "period":
        return f"{filler(rng, 8, 15)}.{sup}"
    return f"{filler(rng, 8, 15)}{sup}."


# --- markup, words and lines ---------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    runs: tuple[tuple[str, str], ...]  # (text, font key)
    cites: tuple[int, ...] = ()


def plain(markup: str) -> str:
    out, skip = [], False
    for c in markup:
        if c == CITE:
            skip = True
        elif c == CITE_END:
            skip = False
        elif not skip and c not in (ITAL, SUP):
            out.append(c)
    return "".join(out)


def parse(markup: str, base: str) -> list[Word]:
    words: list[Word] = []
    runs: list[tuple[str, str]] = []
    cites: list[int] = []
    cur, italic, sup, number = "", False, False, ""
    in_cite = False

    def font() -> str:
        return "sup" if sup else base + ("_i" if italic else "")

    def flush() -> None:
        nonlocal cur
        if cur:
            runs.append((cur, font()))
            cur = ""

    for c in markup + " ":
        if in_cite:
            if c == CITE_END:
                cites.append(int(number))
                in_cite, number = False, ""
            else:
                number += c
        elif c == CITE:
            in_cite = True
        elif c == ITAL:
            flush()
            italic = not italic
        elif c == SUP:
            flush()
            sup = not sup
        elif c == " ":
            flush()
            if runs:
                words.append(Word(tuple(runs), tuple(cites)))
            runs, cites = [], []
        else:
            cur += c
    return words


@dataclass(frozen=True)
class Block:
    kind: str  # body|heading|ref|gap|refgap
    words: tuple[Word, ...] = ()
    label: str | None = None
    ref: int | None = None  # index into the reference list
    indent: float = 0.0  # left indent of every line (numbered references)
    hanging: float = 0.0  # extra indent of lines after the first


@dataclass(frozen=True)
class Line:
    kind: str
    words: tuple[Word, ...] = ()
    indent: float = 0.0
    label: str | None = None
    ref: int | None = None

    @property
    def height(self) -> float:
        return LINE_KINDS[self.kind][0]


class Measure:
    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self._cache: dict[tuple[str, str], float] = {}

    def use(self, font: str) -> None:
        flags, size, _ = FONTS[font]
        self.pdf.set_font(FONT_FAMILY, flags, size)

    def width(self, text: str, font: str) -> float:
        key = (text, font)
        if key not in self._cache:
            self.use(font)
            self._cache[key] = self.pdf.get_string_width(text)
        return self._cache[key]

    def word(self, word: Word) -> float:
        return sum(self.width(t, f) for t, f in word.runs)

    def wrap_plain(self, text: str, font: str, width: float) -> list[str]:
        lines: list[str] = []
        for w in text.split():
            if lines and self.width(f"{lines[-1]} {w}", font) <= width:
                lines[-1] += f" {w}"
            else:
                if self.width(w, font) > width:
                    raise LayoutError(f"word too wide: {w!r}")
                lines.append(w)
        return lines


def wrap(m: Measure, block: Block, width: float) -> list[Line]:
    if block.kind in ("gap", "refgap"):
        return [Line(block.kind)]
    base = block.kind if block.kind in ("ref", "heading") else "body"
    space = m.width(" ", base)
    lines: list[Line] = []
    current: list[Word] = []
    used = 0.0
    indent = block.indent
    for word in block.words:
        w = m.word(word)
        avail = width - indent
        if current and used + space + w > avail:
            lines.append(Line(block.kind, tuple(current), indent))
            current, used = [], 0.0
            indent = block.indent + block.hanging
            avail = width - indent
        if w > avail:
            raise LayoutError(f"word too wide for {avail:.1f} mm: {plain_word(word)!r}")
        used += (space if current else 0.0) + w
        current.append(word)
    lines.append(Line(block.kind, tuple(current), indent))
    lines[0] = replace(lines[0], label=block.label, ref=block.ref)
    return lines


def plain_word(word: Word) -> str:
    return "".join(t for t, _ in word.runs)


# --- layout --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    page: int
    x: float
    y: float  # baseline
    text: str  # empty: a rule from x to RIGHT
    font: str


@dataclass
class Layout:
    items: list[Item] = field(default_factory=list)
    cite_page: dict[int, int] = field(default_factory=dict)
    ref_page: dict[int, int] = field(default_factory=dict)
    pages: int = 0
    last_fill: float = 0.0  # how full the fullest column of the last page is, 0..1


def front_matter(m: Measure, lay: Layout, paper: Paper, abstract: str) -> float:
    def para(y: float, text: str, font: str, leading: float) -> float:
        for line in m.wrap_plain(text, font, TEXT_W):
            lay.items.append(Item(1, LEFT, y, line, font))
            y += leading
        return y

    lay.items.append(Item(1, LEFT, 20.0, JOURNAL, "journal"))
    lay.items.append(Item(1, LEFT, 25.5, JOURNAL_META, "meta"))
    lay.items.append(Item(1, LEFT, 28.5, "", "meta"))
    y = para(38.0, paper.title, "title", 7.5) + 0.5
    authors = ", ".join(paper.authors[:-1]) + f" and {paper.authors[-1]}"
    y = para(y, authors, "authors", 5.5)
    for affil in paper.affiliations:
        y = para(y, affil, "affil", 3.8)
    y = para(y + 2.0, PUBLISHED_LINE, "meta", 4.2)
    y = para(y, f"https://doi.org/10.5555/jcs.2021.{paper.first_page:04d}", "meta", 4.2)
    lay.items.append(Item(1, LEFT, y + 3.0, "Abstract", "label"))
    y = para(y + 8.0, abstract, "abstract", 4.2)
    y = para(y + 1.0, "Keywords: citations · reference lists · linking · ground truth", "meta", 4.2)
    lay.items.append(Item(1, LEFT, y - 1.0, "", "meta"))
    return y + 2.0


def place_line(m: Measure, lay: Layout, page: int, x0: float, top: float, line: Line) -> None:
    if line.kind in ("gap", "refgap"):
        return
    y = top + LINE_KINDS[line.kind][1]
    if line.label is not None:
        lay.items.append(Item(page, x0, y, line.label, "ref"))
    if line.ref is not None:
        lay.ref_page[line.ref] = page
    base = line.kind
    space = m.width(" ", base)
    x = x0 + line.indent
    for word in line.words:
        for c in word.cites:
            lay.cite_page[c] = page
        for text, font in word.runs:
            lay.items.append(Item(page, x, y, text, font))
            x += m.width(text, font)
        x += space


def paginate(m: Measure, lay: Layout, lines: list[Line], columns: int, first_top: float) -> None:
    width = (TEXT_W - GUTTER * (columns - 1)) / columns
    idx, page = 0, 1
    while idx < len(lines):
        if page > 8:
            raise LayoutError("body does not fit in 8 pages")
        top = first_top if page == 1 else BODY_TOP
        full = BODY_BOTTOM - top
        remaining = sum(line.height for line in lines[idx:])
        cap = full
        if columns > 1 and remaining <= full * columns - 2 * 4.4:
            cap = min(full, remaining / columns + 4.4)  # balance the last page
        for k in range(columns):
            x = LEFT + k * (width + GUTTER)
            limit = full if k == columns - 1 else cap
            used = 0.0
            fill = 0.0
            while idx < len(lines):
                line = lines[idx]
                if line.kind in ("gap", "refgap") and used == 0.0:
                    idx += 1
                    continue
                need = line.height
                if line.kind == "heading":  # keep it with what follows
                    need += sum(following.height for following in lines[idx + 1 : idx + 3])
                if used + need > limit + 1e-6:
                    break
                place_line(m, lay, page, x, top + used, line)
                used += line.height
                idx += 1
            fill = max(fill, used / full)
        lay.last_fill = fill
        page += 1
    lay.pages = page - 1


def running_lines(m: Measure, lay: Layout, paper: Paper) -> None:
    head = f"{JOURNAL} · {JOURNAL_META}"
    for page in range(1, lay.pages + 1):
        if page >= 2:
            x = PAGE_W / 2 - m.width(head, "running") / 2
            lay.items.append(Item(page, x, HEADER_Y, head, "running"))
            lay.items.append(Item(page, LEFT, HEADER_RULE_Y, "", "meta"))
        folio = str(paper.first_page + page - 1)
        lay.items.append(Item(page, LEFT, FOOTER_RULE_Y, "", "meta"))
        x = PAGE_W / 2 - m.width(folio, "folio") / 2
        lay.items.append(Item(page, x, FOOTER_Y, folio, "folio"))


# --- building a paper ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CitedPdf:
    name: str
    path: Path
    truth: dict[str, Any]


def body_blocks(plan: Plan) -> tuple[str, list[Block], list[Rendered], list[dict[str, Any]]]:
    """Abstract, body blocks, rendered citations (reading order), reference truth."""
    paper, style = plan.paper, plan.paper.style
    numeric = style not in AUTHOR_YEAR
    ids: dict[str, list[str]] = {}
    for i, key in enumerate(plan.listed):
        ids.setdefault(key, []).append(f"R{i + 1}")
    rng = random.Random(paper.seed * 7919)
    abstract = " ".join(filler(rng, 12, 20) + "." for _ in range(5))
    rendered: list[Rendered] = []
    blocks: list[Block] = []
    per_section = -(-plan.paragraphs // len(SECTIONS))
    for p in range(plan.paragraphs):
        sec = p // per_section
        if p % per_section == 0:
            if blocks:
                blocks.append(Block("gap"))
            blocks.append(Block("heading", tuple(parse(f"{sec + 1} {SECTIONS[sec]}", "heading"))))
        else:
            blocks.append(Block("gap"))
        prng = random.Random(paper.seed * 1000 + p)
        sentences = [filler(prng, 9, 18) + "." for _ in range(prng.randint(4, 6))]
        cites: list[str] = []
        for event in (e for e in plan.events if e.para == p):
            if numeric:
                r = render_numeric(plan, event, ids)
            else:
                r = render_author_year(plan, event, ids)
            cites.append(citation_sentence(prng, event, r, len(rendered)))
            rendered.append(r)
        slots = sorted(prng.randint(0, len(sentences)) for _ in cites)
        for offset, (slot, sent) in enumerate(zip(slots, cites, strict=True)):
            sentences.insert(slot + offset, sent)
        blocks.append(Block("body", tuple(parse(" ".join(sentences), "body"))))
    blocks += [Block("gap"), Block("heading", tuple(parse("References", "heading")))]
    refs: list[dict[str, Any]] = []
    label_w = 0.0
    if numeric:
        m_labels = [f"[{lab}]" if style == "ieee" else f"{lab}." for lab in plan.labels]
        label_w = 7.5 if style == "ieee" else 6.0
    for i, key in enumerate(plan.listed):
        work = plan.works[key]
        suffix = plan.suffix.get(key, "")
        markup = entry_markup(work, style, suffix)
        label = m_labels[i] if numeric else None
        blocks.append(Block("refgap"))
        blocks.append(Block("ref", tuple(parse(markup, "ref")), label, i, label_w,
                            0.0 if numeric else HANGING))  # fmt: skip
        refs.append({
            "id": f"R{i + 1}", "label": plan.labels[i] if numeric else None,
            "raw": " ".join(plain(markup).split()), "page": 0,
            **reference_truth(work, style, suffix),
        })  # fmt: skip
    return abstract, blocks, rendered, refs


def defects_truth(plan: Plan, citations: list[dict[str, Any]], refs: list[dict[str, Any]]
                  ) -> list[dict[str, Any]]:  # fmt: skip
    out: list[dict[str, Any]] = []
    for event, cit in zip(plan.events, citations, strict=True):
        if event.defect:
            rid = None
            if event.defect["key"] and event.defect["code"] != "CIT005":
                rid = f"R{plan.listed.index(event.defect['key']) + 1}"
            out.append({
                "code": event.defect["code"], "citation_text": cit["text"], "page": cit["page"],
                "reference_id": rid, "reference_ids": [r for w in cit["works"]
                                                       for r in w["reference_ids"]],
                "detail": event.defect["detail"],
            })  # fmt: skip
    for d in plan.ref_defects:
        if "index" in d:
            index = d["index"]
        elif d.get("second"):
            index = len(plan.listed) - 1 - plan.listed[::-1].index(d["key"])
        else:
            index = plan.listed.index(d["key"])
        out.append({
            "code": d["code"], "citation_text": None, "page": refs[index]["page"],
            "reference_id": refs[index]["id"], "reference_ids": [refs[index]["id"]],
            "detail": d["detail"],
        })  # fmt: skip
    return out


def check_glyphs(items: Iterable[Item], fonts: dict[str, Path], name: str) -> None:
    charset = frozenset.intersection(*(_font_charset(p) for p in fonts.values()))
    text = "".join(i.text for i in items)
    missing = sorted({c for c in text if ord(c) not in charset and not c.isspace()})
    if missing:
        raise LayoutError(f"{name}: font lacks {''.join(missing)!r}")


def new_document(fonts: dict[str, Path], paper: Paper) -> FPDF:
    pdf = new_pdf(fonts)
    pdf.set_creator("refcheck tests/citegen.py")
    pdf.set_producer("refcheck tests/citegen.py")
    pdf.set_title(paper.title)
    pdf.set_author(", ".join(paper.authors))
    pdf.set_subject(f"{JOURNAL}, 14(2), 2021. doi:10.5555/jcs.2021.{paper.first_page:04d}")
    return pdf


@dataclass
class Composed:
    paper: Paper
    pdf: FPDF
    measure: Measure
    layout: Layout
    truth: dict[str, Any]


def lay_out(
    plan: Plan, fonts: dict[str, Path]
) -> tuple[FPDF, Measure, Layout, list[Rendered], list[dict[str, Any]]]:
    """Typeset a finished plan: front matter, body in columns, running lines; each reference's
    truth gets the page it starts on. Nothing is drawn yet."""
    paper = plan.paper
    abstract, blocks, rendered, refs = body_blocks(plan)
    pdf = new_document(fonts, paper)
    m = Measure(pdf)
    lay = Layout()
    first_top = front_matter(m, lay, paper, abstract)
    width = (TEXT_W - GUTTER * (paper.columns - 1)) / paper.columns
    lines = [line for block in blocks for line in wrap(m, block, width)]
    paginate(m, lay, lines, paper.columns, first_top)
    running_lines(m, lay, paper)
    check_glyphs(lay.items, fonts, paper.name)
    for i, ref in enumerate(refs):
        ref["page"] = lay.ref_page[i]
    return pdf, m, lay, rendered, refs


def compose(paper: Paper, fonts: dict[str, Path]) -> Composed:
    """Plan and lay out `paper`; nothing is drawn yet."""
    plan = make_plan(paper)
    # The events are in reading order: by paragraph, then as placed in the paragraph.
    paras = [e.para for e in plan.events]
    if paras != sorted(paras):
        raise LayoutError(f"{paper.name}: citations out of reading order")
    pdf, m, lay, rendered, refs = lay_out(plan, fonts)
    if not 3 <= lay.pages <= 5:
        raise LayoutError(f"{paper.name}: {lay.pages} pages, want 3 to 5")
    paper = replace(paper, paragraphs=plan.paragraphs)
    citations = [
        {"text": r.text, "page": lay.cite_page[i],
         "style": event.kind if event.kind != "paren" else "parenthetical", "works": r.works}
        for i, (event, r) in enumerate(zip(plan.events, rendered, strict=True))
    ]  # fmt: skip
    truth = {
        "name": paper.name,
        "style": paper.style,
        "columns": paper.columns,
        "pages": lay.pages,
        "published": PUBLISHED,
        "base": paper.base or None,
        "references": refs,
        "citations": citations,
        "defects": defects_truth(plan, citations, refs),
    }
    return Composed(paper, pdf, m, lay, truth)


MIN_LAST_FILL = 0.35


def fitted(paper: Paper, fonts: dict[str, Path]) -> Composed:
    """Lay out a clean paper with as many paragraphs as leave its last page not nearly empty.

    A defect variant keeps the paragraph count of the paper it copies.
    """
    if paper.paragraphs:
        return compose(paper, fonts)
    start = paragraph_count(paper)
    for count in range(start, start - 8, -1):
        try:
            done = compose(replace(paper, paragraphs=count), fonts)
        except LayoutError:
            continue
        if done.layout.last_fill >= MIN_LAST_FILL:
            return done
    raise LayoutError(f"{paper.name}: no paragraph count gives a full last page")


def write(done: Composed, outdir: Path) -> CitedPdf:
    pdf, m, lay, paper, truth = done.pdf, done.measure, done.layout, done.paper, done.truth
    for page in range(1, lay.pages + 1):
        pdf.add_page()
        for item in lay.items:
            if item.page != page:
                continue
            if not item.text:
                pdf.line(item.x, item.y, RIGHT, item.y)
                continue
            m.use(item.font)
            pdf.text(item.x, item.y - FONTS[item.font][2], item.text)
    path = outdir / f"{paper.name}.pdf"
    pdf.output(str(path))
    text = json.dumps(truth, ensure_ascii=False, indent=2) + "\n"
    (outdir / f"{paper.name}.truth.json").write_text(text, encoding="utf-8")
    return CitedPdf(paper.name, path, truth)


# --- the papers ----------------------------------------------------------------------------------

TITLES = {
    "apa": "Linking In-Text Citations to Reference Lists in Author–Date Articles",
    "harvard": "Parenthetical Citation and the Reliability of Reference Lists",
    "chicago": "Name, Year and Locator: Auditing Author-Date Citations in Practice",
    "ieee": "Numbered Citations in Engineering Articles: Order, Ranges and Gaps",
    "vancouver": "Superscript Citation Marks in Biomedical Articles and Their Reference Lists",
}
AUTHOR_SETS = ((AUTHORS_B, AFFILS_B), (AUTHORS_C, AFFILS_C), (AUTHORS_E, AFFILS_E))


def clean_papers() -> list[Paper]:
    papers = []
    for s, style in enumerate(STYLES):
        for columns in (1, 2):
            authors, affils = AUTHOR_SETS[(2 * s + columns) % len(AUTHOR_SETS)]
            papers.append(
                Paper(
                    name=f"{style}_{columns}col",
                    style=style,
                    columns=columns,
                    seed=200 + 10 * s + columns,
                    title=TITLES[style],
                    authors=authors,
                    affiliations=affils,
                    first_page=100 + 20 * (2 * s + columns),
                )
            )
    return papers


# defect -> the clean paper it copies
DEFECT_BASES = {
    "missing_reference": "apa_1col",
    "number_beyond_list": "ieee_1col",
    "uncited_reference": "harvard_1col",
    "year_mismatch": "apa_2col",
    "misspelt_surname": "chicago_1col",
    "given_name_as_surname": "apa_1col",
    "et_al_two_authors": "harvard_2col",
    "missing_coauthor": "apa_2col",
    "ambiguous_year": "chicago_2col",
    "duplicate_reference": "apa_1col",
    "unsorted_list": "harvard_1col",
    "numbering_gap": "vancouver_1col",
    "reference_after_publication": "chicago_1col",
    "incomplete_article": "apa_2col",
}


def all_papers() -> list[Paper]:
    clean = clean_papers()
    by_name = {p.name: p for p in clean}
    defects = [
        replace(by_name[base], name=f"{base}_{defect}", defect=defect, base=base)
        for defect, base in DEFECT_BASES.items()
    ]
    return clean + defects


def build_citation_set(outdir: Path) -> list[CitedPdf]:
    """Write every paper's PDF and <name>.truth.json into `outdir`; returns them in order."""
    fonts = find_font_files()
    if fonts is None:
        raise LayoutError(FONT_MISSING)
    outdir.mkdir(parents=True, exist_ok=True)
    out: list[CitedPdf] = []
    chosen: dict[str, int] = {}
    for paper in all_papers():
        if paper.base:
            paper = replace(paper, paragraphs=chosen[paper.base])
        done = fitted(paper, fonts)
        chosen[paper.name] = done.paper.paragraphs
        out.append(write(done, outdir))
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.citegen OUTDIR")
    for made in build_citation_set(Path(sys.argv[1])):
        t = made.truth
        print(made.path, t["pages"], "pages", len(t["references"]), "refs",
              len(t["citations"]), "citations", [d["code"] for d in t["defects"]])  # fmt: skip
