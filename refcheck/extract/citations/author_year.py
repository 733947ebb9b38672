"""Author-year callouts: "(Smith & Lee, 2020a; see Park, 2019, p. 4)" and "Smith (2020)"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from refcheck.extract.citations.found import Found
from refcheck.model import CitedWork
from refcheck.names import CONJUNCTION, is_acronym, is_foreign_month, without_initials
from refcheck.patterns import compiled
from refcheck.text import SPACING_ACCENT_CLASS

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
# Accents a PDF draws as glyphs of their own, beside their letter: "Pas¸ca", "Spurn´y",
# "Mitrovic´" (after the word's last letter).
_ACCENT = SPACING_ACCENT_CLASS
_CAP_WORD = (
    rf"(?!(?:{_NOT_NAMES})\b)[{_UPPER}]"
    rf"(?:{_LETTER}|['’\-](?={_LETTER})|{_ACCENT}(?={_ACCENT}|{_LETTER})|(?<={_LETTER}){_ACCENT}"
    rf"|(?<=\b[{_UPPER}][a-z])-\s(?=[{_UPPER}])"
    # A double surname broken at its own hyphen at a line's end: "Schoene-" / "Bake".
    rf"|(?<={_LETTER})-\n(?=[{_UPPER}]))+"
)
# Small words inside one organisation's name: "Council on Physical Fitness", "Amt für Statistik".
_NAME_LINK = "(?:of|for|on|für)"
# "G. L. Cohen": initials that tell apart two authors of one surname (see names.py).
_INITIALS = rf"(?:[{_UPPER}]\.\s?(?:-\s?)?)+\s"
_PHRASE = (
    rf"(?:{_INITIALS})?(?:{_PARTICLE}\s+)*{_CAP_WORD}"
    rf"(?:\s+(?:{_NAME_LINK}\s+(?:the\s+)?)?(?:{_PARTICLE}\s+)*{_CAP_WORD}){{0,4}}"
)
_SEP = rf"(?:\s*,\s*(?:and\s+|&\s*)?|\s+{CONJUNCTION}\s+|\s*&\s*)"
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
_UNIT = compiled(
    rf"(?P<names>{_NAMES})(?:['’]s)?{_YEAR_GAP}(?P<years>{_YEARS})(?P<loc>{_LOCATOR})?"
)
_NARRATIVE = compiled(
    rf"(?<![\w\-])(?<!-\s)(?P<names>{_NAMES})(?:['’]s|,)?\s*\(\s*(?P<years>{_YEARS})(?P<loc>{_LOCATOR})?"
    r"(?:\s*[;,]\s*[^();]{1,30})?\s*\)"
)
_PAREN = compiled(r"\(([^()]{4,600})\)")
_PUBLISHER_PLACE = compiled(r"\s*[A-Z][\w .,'’\-]{1,40}:\s*")
_BARE_YEAR = compiled(r"((?:1[6-9]|20)\d\d)([a-z]?)\b")
_BARE_YEARS = compiled(rf"{_BARE_YEAR.pattern}(?:\s*,\s*{_BARE_YEAR.pattern})*")
_YEAR_PAREN = compiled(rf"\(\s*(?:{_MONTH})?(?:1[6-9]|20)\d\d|\(\s*(?:n\.\s?d\.|in\s+press)")
NARRATIVE_WINDOW = 240  # characters of names and of locator around "(year"
_PREFIX = compiled(
    r"(?:(?:see(?:\s+also)?|e\.\s?g\.|cf\.|i\.\s?e\.|also|but|for\s+example|for\s+a\s+review|"
    r"reviewed\s+in|(?:as\s+)?cited\s+in|quoted\s+in|compare|in)[,:]?\s+)+",
    re.I,
)
_YEAR_ITEM = compiled(
    rf"(?P<date>{_MONTH}?)(?P<year>1[6-9]\d\d|20\d\d)(?P<suffix>[a-z]?)(?P<span>[–\-](?:\d\d){{1,2}})?"
    r"|(?P<bare>n\.\s?d\.|in\s+press"
    r"|forthcoming)|(?<=,)\s*(?P<letter>[a-z])(?![\w.])"
)
_ADDRESS = compiled(r"\s*(www\.[^\s;,/]+)\s*$")
_TITLED = compiled(
    r"\s*[“\"‘](?P<title>[^”\"’]{3,150})[”\"’]\s*,?\s*(?P<year>(?:1[6-9]|20)\d\d[a-z]?)\s*$"
)
_NAME_SPLIT = compiled(rf"\s*,\s*(?:and\s+|&\s*)?|\s+{CONJUNCTION}\s+|\s*&\s*")
_ET_AL_TAIL = compiled(rf"{_ET_AL}\s*$")
_POSSESSIVE = compiled(r"['’]s$")


def parenthetical(text: str) -> Iterator[Found]:
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
    names = tuple(
        without_initials(_POSSESSIVE.sub("", n)).replace("-\n", "-")
        for n in _NAME_SPLIT.split(names_text.strip())
        if n
    )
    name_doubt = _name_doubt(names)
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
        doubt = name_doubt or (_SPAN_DOUBT if item.group("span") else None)
        works.append(
            CitedWork(
                part,
                names=names,
                et_al=et_al is not None,
                year=year,
                year_suffix=suffix,
                doubt=doubt,
            )
        )
    return works


_SPAN_DOUBT = "a span of years dates a period or a life, a work has one year"


def _name_doubt(names: tuple[str, ...]) -> str | None:
    """Why the first name beside a year may be no author's: "(USA, 2011)", "(Januar 2012)"."""
    first = names[0] if names else ""
    if is_acronym(first):
        return "a name in capitals may abbreviate a place, a body or a placeholder"
    if is_foreign_month(first):
        return "a month dates an event"
    return None


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


def narrative(text: str) -> Iterator[Found]:
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
