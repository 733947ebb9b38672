"""In-text citations: numbers in brackets, raised numbers, and author-year callouts.

``citations_in_text`` reads plain text plus the character spans of raised marks, so it can be
measured on tagged text without a PDF. ``find_citations`` runs it over a document's body and then
applies what only the whole document tells: margin paragraph numbers, list labels, footnote marks
and affiliation marks are not citations.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace

from refcheck.model import Citation, CitedWork
from refcheck.pdf import Line, PdfText
from refcheck.text import CAPTION, SPACING_ACCENT_CLASS

Found = tuple[int, int, str, tuple[CitedWork, ...]]

_UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())
_LETTER = r"[^\W\d_]"
# Capitalised words that open a parenthesis or sentence but never name an author.
_NOT_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Spring|Summer|Autumn|Fall|Winter|"
    "Fig|Figs|Figure|Figures|Table|Tables|Tab|Section|Sections|Sect|Sec|Eq|Eqs|Equation|"
    "Equations|Chapter|Chap|Appendix|Part|Vol|Volume|No|Nr|Step|Phase|Stage|Wave|Version|Model|"
    "Experiment|Study|Year|Years|Day|Days|Week|Weeks|Level|Type|Group|Sample|Round|Trial|Box|"
    "Panel|Supplementary|Article|In|On|At|By|From|Since|Until|Before|After|During|Between|"
    "Around|Circa|About|Approximately|The|This|That|These|Those|An|And|Or|See|Also|Cf|Note|But|"
    "For|With|As|Of|To|Both|Early|Late|Mid|Thus|However|Then|While|When|Although|Because|"
    "Here|There|Moreover|Furthermore|Similarly|Indeed|Finally|First|Second|Third|Unlike|Like|"
    "Notably|Importantly|Interestingly|Likewise|Additionally|Consequently|Therefore|Hence|"
    "Nevertheless|Nonetheless|Specifically|Overall|Conversely|Accordingly|Subsequently|"
    "Previously|Earlier|Surprisingly|Crucially|Alternatively|Meanwhile|Instead|Clearly|"
    "Unfortunately|Fortunately|Generally|Typically|Traditionally|Historically|Lastly|"
    "Ultimately|Thereafter|Further|Next|Still|Yet|Again|Together|Elsewhere|Otherwise|"
    "According|Following|Recently|Our|We|It|Its|Their|Since|Total|Mean|Median|Census|Source|"
    "Proceedings|Accessed|Retrieved|Available|Published|Received|Accepted|Revised|Citation|"
    "Copyright|Downloaded|Submitted"
)
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|du|dos|das|la|le|ter|ten|bin|ibn)"
# Accents a PDF draws as glyphs of their own, beside their letter: "Pas¸ca", "Spurn´y".
_ACCENT = SPACING_ACCENT_CLASS
_CAP_WORD = (
    rf"(?!(?:{_NOT_NAMES})\b)[{_UPPER}]"
    rf"(?:{_LETTER}|['’\-](?={_LETTER})|{_ACCENT}(?={_ACCENT}|{_LETTER})"
    rf"|(?<=\b[{_UPPER}][a-z])-\s(?=[{_UPPER}]))+"
)
_PHRASE = (
    rf"(?:{_PARTICLE}\s+)*{_CAP_WORD}"
    rf"(?:\s+(?:(?:of|for)\s+(?:the\s+)?)?(?:{_PARTICLE}\s+)*{_CAP_WORD}){{0,4}}"
)
_SEP = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)"
_ET_AL = r",?\s+et\s*\.?\s*al\b\.?"
_NAMES = rf"{_PHRASE}(?:{_SEP}{_PHRASE}){{0,7}}(?:{_ET_AL})?"
_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?:\d{1,2},?\s+)?)"
)
_YEAR = (
    rf"(?:{_MONTH}?(?:1[6-9]\d\d|20\d\d)(?:[–\-](?:\d\d){{1,2}})?[a-z]?(?![\w–\-/]|\.\d)"
    r"|n\.\s?d\.|in\s+press|forthcoming)"
)
_YEARS = rf"{_YEAR}(?:\s*,\s*(?:{_YEAR}|[a-z](?![\w.])))*"
_LOCATOR = (
    r"(?:\s*,\s*(?:pp?|S|ch|chap|para)\.?\s*\d+(?:\s*[–\-]\s*\d+)?f{0,2}\.?"
    r"|\s*:\s*\d+(?:\s*[–\-]\s*\d+)?)"
)
_YEAR_GAP = r"(?:\s*[,:]\s*|\s+)"
_UNIT = re.compile(
    rf"(?P<names>{_NAMES})(?:['’]s)?{_YEAR_GAP}(?P<years>{_YEARS})(?P<loc>{_LOCATOR})?"
)
_NARRATIVE = re.compile(
    rf"(?<![\w\-])(?<!-\s)(?P<names>{_NAMES})(?:['’]s|,)?\s*\(\s*(?P<years>{_YEARS})(?P<loc>{_LOCATOR})?"
    r"(?:\s*[;,]\s*[^();]{1,30})?\s*\)"
)
_PAREN = re.compile(r"\(([^()]{4,600})\)")
_PUBLISHER_PLACE = re.compile(r"\s*[A-Z][\w .,'’\-]{1,40}:\s*")
_BARE_YEAR = re.compile(r"((?:1[6-9]|20)\d\d)([a-z]?)\b")
_BARE_YEARS = re.compile(rf"{_BARE_YEAR.pattern}(?:\s*,\s*{_BARE_YEAR.pattern})*")
_YEAR_PAREN = re.compile(rf"\(\s*(?:{_MONTH})?(?:1[6-9]|20)\d\d|\(\s*(?:n\.\s?d\.|in\s+press)")
NARRATIVE_WINDOW = 240  # characters of names and of locator around "(year"
_PREFIX = re.compile(
    r"(?:(?:see(?:\s+also)?|e\.\s?g\.|cf\.|i\.\s?e\.|also|but|for\s+example|for\s+a\s+review|"
    r"reviewed\s+in|(?:as\s+)?cited\s+in|quoted\s+in|compare|in)[,:]?\s+)+",
    re.I,
)
_YEAR_ITEM = re.compile(
    rf"(?P<date>{_MONTH}?)(?P<year>1[6-9]\d\d|20\d\d)(?P<suffix>[a-z]?)|(?P<bare>n\.\s?d\.|in\s+press"
    r"|forthcoming)|(?<=,)\s*(?P<letter>[a-z])(?![\w.])"
)
_ADDRESS = re.compile(r"\s*(www\.[^\s;,/]+)\s*$")
_TITLED = re.compile(
    r"\s*[“\"‘](?P<title>[^”\"’]{3,150})[”\"’]\s*,?\s*(?P<year>(?:1[6-9]|20)\d\d[a-z]?)\s*$"
)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*")
_ET_AL_TAIL = re.compile(rf"{_ET_AL}\s*$")
_POSSESSIVE = re.compile(r"['’]s$")

_NUM = r"[1-9]\d{0,2}"
_BRACKET = re.compile(
    rf"\[\s*{_NUM}(?:\s*(?:[,;]|[–\-−]|,\s*and)\s*{_NUM})*"
    rf"(?P<loc>\s*,\s*pp?\.\s*\d+(?:\s*[–\-]\s*\d+)?)?\s*\](?:\s*[–\-]\s*\[\s*{_NUM}\s*\])?"
)
_PAREN_NUMBERS = re.compile(rf"\(\s*{_NUM}(?:\s*(?:[,;]|[–\-−])\s*{_NUM})*\s*\)")
# Words after which "(3)" numbers an equation, figure, step or list item, not a reference.
_NOT_CITING_WORDS = (
    "eq eqs equation equations fig figs figure figures table tables step steps section sections "
    "chapter model item items case cases stage phase hypothesis condition group type class line "
    "row column panel part appendix formula expression criterion rule scale question sample "
    "version level and or then to of the we is are was were by in with from as at for be see "
    "number no n p"
)
_NOT_CITING = frozenset(_NOT_CITING_WORDS.split())
_REF_WORD = re.compile(
    rf"\b(?:[Rr]efs?\.|[Rr]eferences?)\s*(?P<n>{_NUM}(?:\s*(?:,|[–\-]|and)\s*{_NUM})*)(?![\d.,]\d)"
)
_RAISED = re.compile(rf"{_NUM}(?:\s*[,–\-]\s*{_NUM})*")
_NUMBER_OR_DASH = re.compile(r"\d+|[–\-−]")
_OPERATORS = frozenset("=+−×·∼≈≡∝≤≥<>±∑∫√∂∈⊂^_∗/|⊗⊕⊖⊙")
_GREEK = frozenset(map(chr, range(0x391, 0x3CA)))
_MATH = _OPERATORS | _GREEK
# A bracket after "flavor" names an SU(3) multiplet ("the flavor [15] representation"); it
# cites nothing. An article alone is no sign: "… are an [19]" cites.
_NAMED_BY_BRACKET = re.compile(r"\bflavou?r$", re.I)
_UNITS = frozenset(("cm", "mm", "km", "nm", "μm", "m", "s", "kg", "g", "ms", "ft", "in"))
_YEAR_TOKEN = re.compile(r"(?:1[6-9]|20)\d\d")
_ENTRY_LABEL = re.compile(rf"\s*\[{_NUM}\]\s")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]{0,2}$")
# Bare figures ("84.1 76.5", "±0.3 12%"), or nothing; a table row may lead with a label.
_FIGURE_CHARS = r"[\s\d.,%±+\-−–*†()]*"
_FIGURES = re.compile(_FIGURE_CHARS)
_TABLE_ROW = re.compile(rf"(?:[^\d]{{1,40}}?(?:\(\d{{4}}[a-z]?\))?\s)?({_FIGURE_CHARS})")
TABLE_CONTEXT_LINES = 3
MIN_FIGURE_LINES = 2
CAPTION_SIZE_TOLERANCE = 0.3
CAPTION_LEADING = 1.6
MAX_CAPTION_LINES = 6
MAX_RANGE = 200  # a wider "range" is a span of values, not of reference numbers


def citations_in_text(
    text: str, superscripts: Sequence[tuple[int, int]] = (), *, parenthesised: bool = False
) -> list[Found]:
    """Every citation in ``text`` as (start, end, style, works), in order, not overlapping.

    ``parenthesised`` also reads "(3)" as a numeric citation: only for documents that cite that
    way (see :func:`cites_in_parentheses`), since elsewhere it numbers equations and compounds.
    """
    found = _candidates(text, superscripts)
    if parenthesised:
        found = [*found, *_parenthesised_numbers(text)]
    return _without_overlaps(found)


def _candidates(text: str, superscripts: Sequence[tuple[int, int]]) -> list[Found]:
    """Every callout of every form, overlapping ones included."""
    return [
        *_brackets(text),
        *_ref_words(text),
        *_raised(text, superscripts),
        *_parenthetical(text),
        *_narrative(text),
    ]


def _without_overlaps(found: list[Found]) -> list[Found]:
    """In text order; where callouts overlap, the one that starts first (and is longest) wins."""
    found = sorted(found, key=lambda f: (f[0], f[0] - f[1]))
    kept: list[Found] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def _numbers(text: str) -> list[int] | None:
    """Expand "1, 3–5" to [1, 3, 4, 5]; None for a reversed or implausibly wide range."""
    numbers: list[int] = []
    dash = False
    for token in _NUMBER_OR_DASH.findall(text):
        if not token.isdecimal():
            dash = True
            continue
        value = int(token)
        if dash and numbers:
            if not 0 < value - numbers[-1] <= MAX_RANGE:
                return None
            numbers.extend(range(numbers[-1] + 1, value + 1))
        else:
            numbers.append(value)
        dash = False
    return numbers


def _number_works(text: str) -> tuple[CitedWork, ...] | None:
    numbers = _numbers(text)
    if not numbers:
        return None
    return tuple(CitedWork(text=str(n), number=n) for n in dict.fromkeys(numbers))


def _brackets(text: str) -> Iterator[Found]:
    for match in _BRACKET.finditer(text):
        if _inside_word(text, match.start(), match.end()):
            continue
        body = match.group()
        if match.group("loc"):
            body = body.replace(match.group("loc"), "")
        works = _number_works(body)
        if works:
            yield match.start(), match.end(), "numeric", works


def _parenthesised_numbers(text: str) -> Iterator[Found]:
    """Numbers in parentheses after a word, "(3)" or "(4-6, 9)": Vancouver style.

    Not after a number or symbol ("45 (12)", "x (2)"), not after words that number other things
    ("Eq. (4)", "step (2)"), and not at a line end, where "(1)" numbers an equation.
    """
    for match in _PAREN_NUMBERS.finditer(text):
        head = text[: match.start()].rstrip()
        previous = head.split()[-1].lower() if head.split() else ""
        word = previous.rstrip(".").strip("()'\"’”")
        after = text[match.end() :]
        if (
            not text[match.start() - 1 : match.start()].isspace()
            or len(word) < 2
            or not word[-1].isalpha()
            or word in _NOT_CITING
            or after.lstrip(" \t")[:1] in ("", "\n")
            or after[:1].isalnum()
        ):
            continue
        works = _number_works(match.group())
        if works:
            yield match.start(), match.end(), "numeric", works


def cites_in_parentheses(plain: Sequence[Found], parenthesised: Sequence[Found]) -> bool:
    """Whether a document numbers its citations "(3)": found without and with that reading.

    Yes when "(n)" far outnumbers every other kind of callout.
    """
    numbered = sum(1 for f in plain if f[2] in ("numeric", "superscript"))
    extra = len(parenthesised) - len(plain)
    author_year = sum(1 for f in parenthesised if f[2] in ("parenthetical", "narrative"))
    return extra >= 3 and extra > 3 * (author_year + numbered)


def _ref_words(text: str) -> Iterator[Found]:
    """Plain numbers named as references: "see Ref. 13", "references 4 and 7"."""
    for match in _REF_WORD.finditer(text):
        works = _number_works(match.group("n"))
        if works:
            yield match.start(), match.end(), "numeric", works


def _inside_word(text: str, start: int, end: int) -> bool:
    """Intervals, indices and chemical names: "x ∈ [1, 10]", "a[2]", "calix[4]arene", "F2[1]"."""
    before = text[max(0, start - 60) : start].rstrip()
    if before and before[-1] in _OPERATORS:
        return True
    if text[start - 1 : start] in _GREEK:  # "λ[2]"; but "W → τν [77]" cites
        return True
    if _NAMED_BY_BRACKET.search(before):
        return True
    glued_after = re.match(rf"-?{_LETTER}|\s*[=<>⊗⊕]", text[end : end + 3]) is not None
    previous = text[start - 1 : start]
    glued_before = previous.isdigit() or (previous != "" and previous in "])_-")
    index = previous.isalpha() and not text[start - 2 : start - 1].isalnum()
    return glued_after or glued_before or index


def _raised(text: str, superscripts: Sequence[tuple[int, int]]) -> Iterator[Found]:
    for start, end in _merge_spans(text, superscripts):
        match = _RAISED.fullmatch(text[start:end].strip(" ,.;"))
        if match is None:
            continue
        start += text[start:end].index(match.group())
        end = start + len(match.group())
        if _looks_like_exponent(text, start, end):
            continue
        works = _number_works(match.group())
        if works:
            yield start, end, "superscript", works


def _merge_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Raised words next to each other ("1," "2") form one mark."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and not text[merged[-1][1] : start].strip(" ,"):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _looks_like_exponent(text: str, start: int, end: int) -> bool:
    """Powers and indices in formulas: "10 5", "x 2", "cm 3", "a 2 + b 2 = c 2"."""
    head = text[max(0, start - 60) : start].split()
    previous = head[-1] if head else ""
    after = text[end:].lstrip()[:1]
    if not previous or previous[-1] in _MATH or after in _MATH:
        return True
    year = _YEAR_TOKEN.fullmatch(previous.rstrip(".,;:"))
    if previous[-1].isdigit() and not year:
        return True
    # After a clause ends ("...kcal/mol). 19") the mark is a citation unless the text is math.
    if not previous.endswith((".", ",", ";", ":", ")")) and not year:
        word = previous.strip("()")
        # A list or range ("in 7,16,17", "a 3–5") is no power of a letter or a unit.
        listed = re.search(r"\d\s*[,–\-]\s*\d", text[start:end]) is not None
        if ((len(word) == 1 and word.isalpha()) or word in _UNITS) and not listed:
            return True
        if any(c in _MATH for c in previous):
            return True
    window = text[max(0, start - 40) : end + 40]
    dense = sum(1 for c in window if c in _MATH) / max(1, len(window.replace(" ", "")))
    return dense > 0.08


def _parenthetical(text: str) -> Iterator[Found]:
    for paren in _PAREN.finditer(text):
        works: list[CitedWork] = []
        for segment in paren.group(1).split(";"):
            found = _segment_works(segment)
            if not found and works and _BARE_YEARS.fullmatch(segment.strip()):
                found = _same_authors(works[-1], segment.strip())
            works.extend(found)
        if works:
            yield paren.start(), paren.end(), "parenthetical", tuple(works)


def _same_authors(previous: CitedWork, years: str) -> list[CitedWork]:
    """ "(Nilsson et al., 1997; 2004)": years after a semicolon go on citing the same authors."""
    return [
        replace(previous, text=item.group(0), year=item.group(1), year_suffix=item.group(2))
        for item in _BARE_YEAR.finditer(years)
    ]


def _segment_works(segment: str) -> list[CitedWork]:
    prefix = _PREFIX.match(segment.lstrip())
    start = len(segment) - len(segment.lstrip()) + (prefix.end() if prefix else 0)
    address = _ADDRESS.match(segment, start)
    if address is not None:
        # "(www.who.int)" cites a list entry that is only that address.
        return [CitedWork(address.group(1), title=address.group(1))]
    titled = _TITLED.match(segment, start)
    if titled is not None:
        # A news item or report without authors is cited by its title: ("Title", 1996).
        year = titled.group("year")
        return [
            CitedWork(
                titled.group(0).strip(),
                year=year[:4],
                year_suffix=year[4:],
                title=titled.group("title"),
            )
        ]
    units = list(_UNIT.finditer(segment, start))
    if units and _PUBLISHER_PLACE.fullmatch(segment, start, units[0].start()):
        return []  # "(London: Press, 1951)": a note's place and publisher, not an author
    works = [w for m in units for w in _unit_works(m)]
    if works or not re.search(r"\b[a-z]", segment[start:]):
        return works
    # Lower-case surnames ("(grönroos, 2011)") count only when nothing else is in the part.
    raised = _capitalise_words(segment)
    match = _UNIT.fullmatch(raised.strip())
    if match is None or not re.search(r",|&|et\s*al", match.group("names") + segment):
        return []
    shift = len(raised) - len(raised.lstrip())
    return _unit_works(match, source=segment[shift:])


def _capitalise_words(segment: str) -> str:
    keep = {"and", "et", "al", "of", "for", "the", "n", "d", "in", "press", "forthcoming"}
    return re.sub(
        rf"\b{_LETTER}[\w'’\-]*",
        lambda m: m.group() if m.group().lower() in keep else m.group()[0].upper() + m.group()[1:],
        segment,
    )


def _unit_works(match: re.Match[str], source: str | None = None) -> list[CitedWork]:
    """One work per year in "Smith et al., 2020a, 2020b"; names are read from ``source``."""
    text = match.string if source is None else source
    names_text = text[match.start("names") : match.end("names")]
    et_al = _ET_AL_TAIL.search(names_text)
    if et_al:
        names_text = names_text[: et_al.start()]
    names = tuple(_POSSESSIVE.sub("", n) for n in _NAME_SPLIT.split(names_text.strip()) if n)
    works: list[CitedWork] = []
    for item in _YEAR_ITEM.finditer(text, match.start("years"), match.end("years")):
        year, suffix = item.group("year"), item.group("suffix") or ""
        if item.group("bare") and works:
            continue  # "2020, in press" is one work
        if item.group("letter"):
            if not works or not works[-1].year_suffix:
                continue
            year, suffix = works[-1].year, item.group("letter")
        begin = item.start() if works else match.start()
        end = match.end() if item.end() == match.end("years") else item.end()
        part = text[begin:end].strip()
        if part.endswith(")") and "(" not in part:
            part = part[:-1]
        works.append(
            CitedWork(part, names=names, et_al=et_al is not None, year=year, year_suffix=suffix)
        )
    return works


def _narrative_matches(text: str) -> Iterator[re.Match[str]]:
    """Matches of ``_NARRATIVE``, tried only before a "(" that opens a year.

    Running the names pattern from every position of a long text costs more than all the
    rest of citation finding; a narrative citation always has "(year" after its names.
    """
    last_end = 0
    for paren in _YEAR_PAREN.finditer(text):
        window_start = max(last_end, paren.start() - NARRATIVE_WINDOW)
        for found in _NARRATIVE.finditer(text, window_start, paren.end() + NARRATIVE_WINDOW):
            if found.start() >= last_end and found.group(0).find("(") + found.start() == (
                paren.start()
            ):
                last_end = found.end()
                yield found
                break


def _narrative(text: str) -> Iterator[Found]:
    for found in _narrative_matches(text):
        match = _trim_comma_list(text, found)
        if re.match(_MONTH, match.group("years")):
            continue  # "Belgium (November 2020)" dates an event
        works = _unit_works(match)
        if works:
            yield match.start(), match.end(), "narrative", tuple(works)


def _trim_comma_list(text: str, match: re.Match[str]) -> re.Match[str]:
    """Keep a comma list of names only when it ends in "and"/"&" ("Smith, Lee, and Park").

    In prose, "… the Midnight Basketball League, Hartmann (2016)" names one author.
    """
    names = match.group("names")
    if "," not in names or re.search(r"\sand\s|&", names):
        return match
    start = match.start("names") + names.rindex(",") + 1
    while start < len(text) and text[start].isspace():
        start += 1
    trimmed = _NARRATIVE.match(text, start)
    return trimmed if trimmed is not None and trimmed.end() == match.end() else match


@dataclass
class _Stream:
    """The body text of a document as one string, with where each line starts."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    superscripts: list[tuple[int, int]] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


@dataclass(frozen=True)
class CitationScan:
    """The body's citations, and how many raised numbers mark notes instead."""

    citations: list[Citation]
    note_markers: int


def find_citations(
    pdf: PdfText,
    body_end: tuple[int, int] | None = None,
    skip: Collection[Line] = (),
) -> list[Citation]:
    """The in-text citations of the body (see :func:`scan_citations`)."""
    return scan_citations(pdf, body_end, skip).citations


def scan_citations(
    pdf: PdfText,
    body_end: tuple[int, int] | None = None,
    skip: Collection[Line] = (),
    numbered_list: bool = True,
) -> CitationScan:
    """The in-text citations of the body: before ``body_end`` (the reference-list heading),
    leaving out the lines in ``skip`` (the reference list itself, so that an appendix after
    it is still read).

    Raised numbers cite only a numbered list: beside an unnumbered one (a bibliography) they
    mark footnotes or endnotes, and are counted as such.
    """
    stream = _body_stream(pdf, body_end, {id(line) for line in skip})
    # Both readings share every callout but "(3)"; find those once.
    candidates = _candidates(stream.text, stream.superscripts)
    found = _without_overlaps(candidates)
    with_parentheses = _without_overlaps([*candidates, *_parenthesised_numbers(stream.text)])
    if cites_in_parentheses(found, with_parentheses):
        found = with_parentheses
    found = _drop_list_labels(found, stream)
    found, note_markers = _drop_stray_raised(found, stream, numbered_list)
    found = _drop_table_row_labels(found, stream)
    citations = [
        Citation(
            id=f"C{i}",
            text=stream.text[start:end].replace("\n", " "),
            page=stream.lines[stream.line_at(start)].page,
            style=style,
            works=tuple(replace(w, text=w.text.replace("\n", " ")) for w in works),
        )
        for i, (start, end, style, works) in enumerate(found, 1)
    ]
    return CitationScan(citations, note_markers)


def _body_stream(pdf: PdfText, body_end: tuple[int, int] | None, skip: set[int]) -> _Stream:
    stream = _Stream()
    offset = 0
    for line in _body_lines(pdf, body_end, skip):
        stream.starts.append(offset)
        stream.lines.append(line)
        stream.superscripts.extend((offset + s, offset + e) for s, e in _raised_spans(line))
        offset += len(line.text) + 1
    stream.text = "\n".join(line.text for line in stream.lines)
    return stream


def _body_lines(pdf: PdfText, body_end: tuple[int, int] | None, skip: set[int]) -> Iterator[Line]:
    """Body lines before ``body_end`` (page number, line index), reference entries left out.

    A reference list can be read before more body text (no heading, or columns interleaved):
    its entries start with a label and are set smaller than the body.
    """
    body_size = _body_size([line for page in pdf.pages for line in page.body])
    in_entry = False
    for page in pdf.pages:
        kept: list[Line] = []
        for index, line in enumerate(page.lines):
            if body_end is not None and (page.number, index) >= body_end:
                yield from _captions_after_sentences(kept)
                return
            if line.role != "body" or not line.text or id(line) in skip:
                continue
            small = line.size < body_size * 0.95
            in_entry = small and (in_entry or _ENTRY_LABEL.match(line.text) is not None)
            if not in_entry:
                kept.append(line)
        yield from _captions_after_sentences(kept)


def _captions_after_sentences(lines: Sequence[Line]) -> list[Line]:
    """A page's lines with each caption that breaks a sentence moved to the sentence's end.

    A figure at the top of a column stands between the two halves of a sentence ("(e.g., Xiong
    et al.," … "Figure 1: …" … "2017)."): read in place, it would cut the citation in two.
    """
    ordered: list[Line] = []
    waiting: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if CAPTION.match(line.text) and ordered and not _SENTENCE_END.search(ordered[-1].text):
            block = _caption_block(lines, index)
            waiting.extend(block)
            index += len(block)
            continue
        ordered.append(line)
        if waiting and _SENTENCE_END.search(line.text):
            ordered.extend(waiting)
            waiting = []
        index += 1
    return ordered + waiting


def _caption_block(lines: Sequence[Line], start: int) -> list[Line]:
    """The caption line and the lines that go on with it: same column and size, set close."""
    block = [lines[start]]
    for line in lines[start + 1 :]:
        last = block[-1]
        if (
            (line.page, line.column) != (last.page, last.column)
            or abs(line.size - last.size) > CAPTION_SIZE_TOLERANCE
            or not 0 < line.top - last.top <= CAPTION_LEADING * last.height
            or len(block) >= MAX_CAPTION_LINES
        ):
            break
        block.append(line)
    return block


def _raised_spans(line: Line) -> Iterator[tuple[int, int]]:
    """Where the raised words sit in ``line.text``.

    The text equals the words joined by spaces, except that a word broken at the end of the line
    has gained its continuation and the first word may have gone to the previous line.
    """
    tokens = line.text.split(" ")
    positions = []
    offset = 0
    for token in tokens:
        positions.append(offset)
        offset += len(token) + 1
    index = 0
    for word in line.words:
        if index >= len(tokens):
            return
        last = index == len(tokens) - 1
        if tokens[index] == word.text or (last and tokens[index].startswith(word.text)):
            if word.superscript:
                yield positions[index], positions[index] + len(word.text)
            index += 1


def _edge_of_line(stream: _Stream, start: int, end: int) -> bool:
    index = stream.line_at(start)
    line_start = stream.starts[index]
    line_end = line_start + len(stream.lines[index].text)
    return start == line_start or stream.text[end:line_end].strip(" .,;") == ""


def _drop_list_labels(found: list[Found], stream: _Stream) -> list[Found]:
    """A lone "[12]" at a line's edge numbers a paragraph in the margin or labels an entry.

    Margin paragraph numbers are known by the document citing author-year elsewhere; list labels
    start a line set smaller than the body.
    """
    body_size = _body_size(stream.lines)
    edge = {
        i
        for i, (start, end, style, works) in enumerate(found)
        if style == "numeric" and len(works) == 1 and _edge_of_line(stream, start, end)
    }
    author_year = sum(1 for f in found if f[2] in ("parenthetical", "narrative"))
    numeric = sum(1 for i, f in enumerate(found) if f[2] == "numeric" and i not in edge)
    margin_numbers = author_year >= 3 and author_year > numeric
    kept = []
    for i, item in enumerate(found):
        line = stream.lines[stream.line_at(item[0])]
        label = item[0] == stream.starts[stream.line_at(item[0])] and line.size < body_size * 0.95
        if i in edge and (margin_numbers or label):
            continue
        kept.append(item)
    return kept


def _drop_stray_raised(
    found: list[Found], stream: _Stream, numbered_list: bool
) -> tuple[list[Found], int]:
    """Raised numbers that mark footnotes or affiliations, or a document that cites otherwise.

    Also says how many of them mark notes: those with a footnote of their number on their
    page, and every one when the reference list is not numbered.
    """
    footnotes = _footnote_numbers(stream)
    kept = []
    notes = 0
    for item in found:
        line = stream.lines[stream.line_at(item[0])]
        if item[2] != "superscript":
            kept.append(item)
        elif _names_line(line):
            continue
        elif not numbered_list or (
            len(item[3]) == 1 and (line.page, item[3][0].number) in footnotes
        ):
            notes += 1
        else:
            kept.append(item)
    raised = sum(1 for f in kept if f[2] == "superscript")
    others = len(kept) - raised
    if raised and others >= 3 and others >= raised:
        return [f for f in kept if f[2] != "superscript"], notes
    return kept, notes


def _drop_table_row_labels(found: list[Found], stream: _Stream) -> list[Found]:
    """ "Citeomatic (2018) 67.1 75.7": a system named with its year heads a row of figures.

    The name is a system's, not an author's, so it cannot be linked by name; the table is
    known by the lines of bare figures around the row.
    """
    kept = []
    for item in found:
        start, end, style, _ = item
        if style == "narrative" and _heads_table_row(stream, start, end):
            continue
        kept.append(item)
    return kept


def _heads_table_row(stream: _Stream, start: int, end: int) -> bool:
    index = stream.line_at(start)
    line_end = stream.starts[index] + len(stream.lines[index].text)
    if not _FIGURES.fullmatch(stream.text[end:line_end]):
        return False
    near = stream.lines[max(0, index - TABLE_CONTEXT_LINES) : index + TABLE_CONTEXT_LINES + 1]
    return sum(1 for line in near if _is_table_row(line.text)) >= MIN_FIGURE_LINES


def _is_table_row(text: str) -> bool:
    """Bare figures, or a short label and figures ("Random 4.8 9.4 25.2")."""
    found = _TABLE_ROW.fullmatch(text)
    return found is not None and len(re.findall(r"\d+(?:\.\d+)?", found.group(1))) >= 2


def _footnote_numbers(stream: _Stream) -> set[tuple[int | None, int | None]]:
    """(page, n) for each small-print line that starts with the number n: a footnote."""
    body_size = _body_size(stream.lines)
    notes: set[tuple[int | None, int | None]] = set()
    for line in stream.lines:
        first = line.words[0].text if line.words else ""
        # isdecimal, not isdigit: "¹" is a digit that int() cannot read.
        if first.isdecimal() and line.size < body_size * 0.95 and len(line.words) > 1:
            notes.add((line.page, int(first)))
    return notes


def _names_line(line: Line) -> bool:
    """An author or heading line (mostly capitalised words): raised numbers are affiliations."""
    words = [w.text for w in line.words if not w.superscript and w.text[:1].isalpha()]
    capitals = sum(1 for w in words if w[0].isupper())
    return len(words) >= 2 and capitals >= 0.6 * len(words)


def _body_size(lines: Sequence[Line]) -> float:
    sizes = Counter[float]()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0
