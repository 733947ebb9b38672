"""The vocabulary every stage shares: frozen dataclasses that flow forward through the pipeline.

What the online stage learns of each reference lives in :mod:`refcheck.lookups` and is named
here too, so that every stage imports its vocabulary from one place.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The online stage's vocabulary, named here as part of this one (explicit re-exports).
from refcheck.lookups import DoiLookup as DoiLookup
from refcheck.lookups import LookupStatus as LookupStatus
from refcheck.lookups import ReferenceResolution as ReferenceResolution
from refcheck.lookups import Resolutions as Resolutions
from refcheck.lookups import SearchLookup as SearchLookup
from refcheck.lookups import SourceFind as SourceFind
from refcheck.lookups import SourceQuery as SourceQuery
from refcheck.lookups import UrlCheck as UrlCheck
from refcheck.lookups import Verdict as Verdict
from refcheck.lookups import VerdictStatus as VerdictStatus
from refcheck.lookups import WorkRecord as WorkRecord
from refcheck.lookups import WorkUpdate as WorkUpdate


class Severity(str, enum.Enum):
    """How bad a finding is; ordered so that ``rank`` compares with ``--fail-on``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


# Where a statement of the paper's own metadata was read.
SOURCES = (
    "pdf-info",
    "first-page",
    "running-header",
    "running-footer",
    "citation-block",
    "doi-string",
    "markup",  # a source file's own markup: JATS <article-meta>, LaTeX \title, Word properties
)


@dataclass(frozen=True)
class Statement:
    """One place where the paper states one of its own metadata values.

    ``value`` is the text as printed; ``normalized`` is what is compared (roman numerals turned
    into numbers, DOI prefixes stripped and lower-cased …).
    """

    field: str
    value: str
    normalized: str
    page: int | None
    source: str
    line: str = ""


@dataclass(frozen=True)
class PaperMetadata:
    """The paper's own metadata: one chosen value per field plus every statement seen."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    journal: str | None = None
    issn: tuple[str, ...] = ()
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    year: str | None = None
    date: str | None = None
    doi: str | None = None
    statements: tuple[Statement, ...] = ()


@dataclass(frozen=True)
class IdentifierMention:
    """A string presented as an identifier (DOI, ISSN) somewhere in the document.

    ``text`` is the candidate as printed (line breaks rejoined, trailing punctuation removed);
    ``valid`` says whether it is syntactically valid for its scheme.
    """

    scheme: str
    text: str
    page: int | None  # None: the PDF's information dictionary
    context: str
    valid: bool
    # The URI of the link over a reference entry the identifier was read from, where the entry
    # prints no DOI of its own (apsrev4-2 links a DOI without printing it); None: printed text.
    link: str | None = None


@dataclass(frozen=True)
class Author:
    """One author of a cited work: a person (family, given) or an organisation."""

    family: str
    given: str = ""
    organization: bool = False


# What kind of work a reference cites (a guess from its fields and wording).
REFERENCE_TYPES = (
    "article", "chapter", "book", "proceedings", "report", "thesis", "web", "preprint",
    "dataset", "software", "news", "other",
)  # fmt: skip


@dataclass(frozen=True)
class Box:
    """A rectangle on a PDF page, in points from the page's top-left corner: where a callout or
    a reference entry is printed (one box per line it spans)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Reference:
    """One entry of the reference list, split and parsed into fields.

    ``label`` is the printed number or key ("12", "[12]" is stored as "12"); ``None`` in
    author-year lists. ``year`` is four digits; ``year_suffix`` keeps the "a" of "2020a".
    ``pages`` holds a page range as "first-last" or an article number ("e0197919").
    """

    id: str
    raw: str
    page: int
    label: str | None = None
    authors: tuple[Author, ...] = ()
    year: str | None = None
    year_suffix: str = ""
    date: str | None = None
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    urls: tuple[str, ...] = ()
    publisher: str | None = None
    type: str = "other"
    # The entry's own key in a source file (BibTeX key, \bibitem key, JATS ref id): citations
    # of a source name it, and are linked by it exactly. None for PDFs.
    key: str | None = None
    # Where the entry is printed: one box per line (or run of lines) of it; empty for sources.
    boxes: tuple[Box, ...] = ()

    @property
    def url(self) -> str | None:
        return self.urls[0] if self.urls else None


@dataclass(frozen=True)
class CitedWork:
    """One work named inside an in-text citation.

    Numeric: ``number`` is set. Alphabetic ("[Ebb16]"): ``label`` is set. Author-year:
    ``names`` are the surnames as written ("Smith", "Lee"; an organisation is one name),
    ``et_al`` marks "et al.", ``year`` and ``year_suffix`` as printed ("2020", "a"). ``text``
    is this work's part of the callout. ``doubt`` says why the text may be no citation at all
    (a span of years, an acronym, a month): such a work is linked if the list has it, and
    otherwise left unjudged.
    """

    text: str
    number: int | None = None
    names: tuple[str, ...] = ()
    et_al: bool = False
    year: str | None = None
    year_suffix: str = ""
    title: str | None = None  # a work without authors cited by its title ("Title", 1996)
    doubt: str | None = None
    label: str | None = None  # an alphabetic label ("Ebb16", "Di+11"), spaces left out
    key: str | None = None  # the key a source file cites by (\cite{key}, xref rid): exact


@dataclass(frozen=True)
class Citation:
    """An in-text citation as printed: "[1–4]", a superscript "2,5", "(Smith & Lee, 2020a)".

    ``style`` is numeric, superscript, alphabetic ("[Ebb16]"), parenthetical or narrative.
    ``sentence`` is the sentence the callout stands in, and ``boxes`` where the callout is
    printed (one per line it spans); a source file's citations have neither.
    """

    id: str
    text: str
    page: int
    style: str
    works: tuple[CitedWork, ...]
    sentence: str | None = None
    boxes: tuple[Box, ...] = ()


@dataclass(frozen=True)
class PageNumber:
    """The number a PDF page is given: its page label and the number printed in its margin.

    ``label`` is the PDF's own page label (``/PageLabels``), ``None`` when the PDF has none.
    ``printed`` is a page number printed in a running header or footer, kept only when a
    neighbouring page confirms it (the next page prints the next number), so that a volume or
    article number in a masthead is never taken for one. ``total`` is the page count printed
    with it ("Page 9 of 11", "9 / 11").
    """

    page: int
    label: str | None = None
    printed: int | None = None
    total: int | None = None


@dataclass(frozen=True)
class Anchor:
    """A link annotation of the PDF from the text to an entry of the reference list.

    Made by the typesetting system from the author's own citation (hyperref's ``cite.<key>``,
    a publisher's cross-reference): evidence that the entry is cited, and which entry the
    callout means. ``text`` is printed under the link; ``at_start`` is False when the target
    falls inside the entry, not at its first line (the list may be split wrongly there).
    """

    page: int
    text: str
    reference_id: str
    destination: str | None = None
    at_start: bool = True
    before: str = ""  # the words before the link on its line ("Cohan et al." of "(2018)")


# What a document was read from: a PDF, or a source file that names its parts exactly.
INPUT_KINDS = ("pdf", "bib", "tex", "bbl", "aux", "jats", "docx")


@dataclass(frozen=True)
class Document:
    """What extraction learned about one PDF, or what a reader read from a source file.

    Source files have no pages: their document has ``pages`` 1 and every part on page 1.
    """

    path: str
    pages: int
    metadata: PaperMetadata
    identifiers: tuple[IdentifierMention, ...] = ()
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    note_markers: int = 0  # raised numbers that mark footnotes or endnotes, not references
    page_numbers: tuple[PageNumber, ...] = ()  # one per page that has a label or a number
    anchors: tuple[Anchor, ...] = ()  # the PDF's own links from the text to the list
    input_kind: str = "pdf"  # one of INPUT_KINDS

    @property
    def cites_by_key(self) -> bool:
        """Whether every cited work names its reference by key, so linking is exact."""
        works = [work for citation in self.citations for work in citation.works]
        return bool(works) and all(work.key is not None for work in works)


@dataclass(frozen=True)
class Link:
    """Where one cited work of one citation points.

    ``status``: ``exact``; ``repaired`` (found only after a repair, named in ``repair``);
    ``ambiguous`` (several references fit); ``uncertain`` (several fit, but a year could not
    be read from them, so the paper is not to blame); ``year-mismatch`` (the authors fit a
    reference whose year differs; ``reference_ids`` names it); ``unmatched``.
    """

    citation_id: str
    work_index: int
    status: str
    reference_ids: tuple[str, ...] = ()
    repair: str | None = None
    anchor: str | None = None  # what the PDF's own link of this callout says, when it has one


@dataclass(frozen=True)
class Linking:
    """Every cited work of every citation, and where it points; ``anchored``: the references
    the PDF's own links point to from the text, cited even where no callout was read."""

    links: tuple[Link, ...] = ()
    anchored: tuple[str, ...] = ()

    def reference_ids_of(self, citation_id: str) -> tuple[str, ...]:
        ids = (
            ref
            for link in self.links
            if link.citation_id == citation_id and link.status in ("exact", "repaired")
            for ref in link.reference_ids
        )
        return tuple(dict.fromkeys(ids))

    def cited_reference_ids(self) -> set[str]:
        return {
            ref
            for link in self.links
            if link.status in ("exact", "repaired", "ambiguous", "uncertain")
            for ref in link.reference_ids
        } | set(self.anchored)


@dataclass(frozen=True)
class Finding:
    """One problem a rule found, with the evidence and, where it can, a fix."""

    code: str
    name: str
    severity: Severity
    message: str
    page: int | None = None
    reference_id: str | None = None
    citation_id: str | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)
    fix: str | None = None

    def sort_key(self) -> tuple[int, str, int, str]:
        """Page, code, then list order of the reference ("R3" before "R10"), then message."""
        number = (self.reference_id or "")[1:]
        return (self.page or 0, self.code, int(number) if number.isdigit() else 0, self.message)


@dataclass(frozen=True)
class Skipped:
    """A check that did not run, and why (offline, a registry down …)."""

    check: str
    reason: str


@dataclass(frozen=True)
class InputError:
    """Why a document could not be processed."""

    kind: str
    message: str
    baselined: bool = False  # the baseline accepts this file as unreadable: it fails no run


@dataclass(frozen=True)
class DocumentResult:
    """The outcome for one input file: either a checked document or an error."""

    path: str
    document: Document | None
    linking: Linking = field(default_factory=Linking)
    findings: tuple[Finding, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    error: InputError | None = None
    resolutions: Resolutions = field(default_factory=Resolutions)
    suppressed: int = 0  # findings (and this file's error) accepted by the baseline, not shown
    damaged_pages: tuple[int, ...] = ()  # pages that could not be read; the others were checked

    @property
    def status(self) -> str:
        return "error" if self.error is not None else "ok"


# Exit codes, as linters have them; the command line exits with ``Report.exit_code()``.
EXIT_CLEAN = 0  # no finding at or above fail_on
EXIT_FINDINGS = 1  # findings at or above fail_on
EXIT_INPUT_ERROR = 2  # an input could not be processed (also the CLI's usage error)


class _Unset(enum.Enum):
    """Marks an argument not given, where None is a meaningful value."""

    UNSET = enum.auto()


def parse_fail_on(value: Severity | str | None) -> Severity | None:
    """``"error"``, ``"warning"``, ``"info"`` or a Severity; ``"never"`` and None never fail.

    Raises ValueError for anything else, so that a misspelt threshold is never ignored.
    """
    if value is None or value == "never":
        return None
    try:
        return Severity(value)
    except ValueError:
        raise ValueError(f"fail_on must be error, warning, info or never, not {value!r}") from None


@dataclass(frozen=True)
class Report:
    """Everything one run produced, in input order.

    ``fail_on`` is the threshold of the run (``Settings.fail_on``): the lowest severity that
    makes ``exit_code()`` 1; None never fails on findings.
    """

    documents: tuple[DocumentResult, ...]
    fail_on: Severity | None = Severity.ERROR

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.documents for f in d.findings if f.severity is severity)

    @property
    def input_errors(self) -> int:
        return sum(1 for d in self.documents if d.error is not None)

    @property
    def new_input_errors(self) -> int:
        """Files that could not be read and that no baseline accepts."""
        return sum(1 for d in self.documents if d.error is not None and not d.error.baselined)

    @property
    def suppressed(self) -> int:
        """Findings and input errors left out because the baseline accepts them."""
        return sum(d.suppressed for d in self.documents)

    def exit_code(self, fail_on: Severity | str | _Unset | None = _Unset.UNSET) -> int:
        """What ``refcheck check`` exits with for this report: 2 when an input could not be
        processed (and no baseline accepts it), else 1 when a finding is at or above
        ``fail_on`` (the report's own threshold when not given), else 0."""
        threshold = self.fail_on if isinstance(fail_on, _Unset) else parse_fail_on(fail_on)
        if self.new_input_errors:
            return EXIT_INPUT_ERROR
        if threshold is not None and any(
            f.severity.rank >= threshold.rank for d in self.documents for f in d.findings
        ):
            return EXIT_FINDINGS
        return EXIT_CLEAN

    def to_json(self) -> str:
        """The report as JSON text, schema ``refcheck/1`` (the ``--format json`` output)."""
        from refcheck.report.json_report import render  # the reporter imports this module

        return render(self)
