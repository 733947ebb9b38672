"""Numbered callouts: "[1, 3–5]", "Ref. 13", raised marks, and "(3)" where a paper cites so."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from refcheck.extract.citations.found import Found
from refcheck.model import CitedWork
from refcheck.patterns import compiled

NUM = r"[1-9]\d{0,2}"
_LETTER = r"[^\W\d_]"
# Some fonts map the en dash to a letter: "[26e28]" is printed "[26–28]".
_LETTER_DASH = r"(?<=\d)e(?=[1-9])"
# Where in the cited work: "[4, p. 7]", "[31, Ch. 3]", "[2, Sec. 4.1]", "[9, Thm. 2]".
_PLACE_WORD = (
    r"(?i:pp?|ch(?:ap(?:ter)?)?|sec(?:t(?:ion)?)?|§|thm|theorem|lemma|prop|cor|def|eqs?|"
    r"figs?|table|tab|app(?:endix)?|part|vol)"
)
_PLACE = r"\d+(?:\.\d+)*(?:\s*[–\-]\s*\d+(?:\.\d+)*)?"
_BRACKET = compiled(
    rf"\[\s*{NUM}(?:\s*(?:[,;]|[–\-−]|,\s*and|{_LETTER_DASH})\s*{NUM})*"
    rf"(?P<loc>\s*,\s*{_PLACE_WORD}\.?\s*{_PLACE})?\s*\](?:\s*[–\-]\s*\[\s*{NUM}\s*\])?"
)
_PAREN_NUMBERS = compiled(rf"\(\s*{NUM}(?:\s*(?:[,;]|[–\-−])\s*{NUM})*\s*\)")
# Words after which "(3)" numbers an equation, figure, step or list item, not a reference.
_NOT_CITING_WORDS = (
    "eq eqs equation equations fig figs figure figures table tables step steps section sections "
    "chapter model item items case cases stage phase hypothesis condition group type class line "
    "row column panel part appendix formula expression criterion rule scale question sample "
    "version level and or then to of the we is are was were by in with from as at for be see "
    "number no n p"
)
_NOT_CITING = frozenset(_NOT_CITING_WORDS.split())
_REF_WORD = compiled(
    rf"\b(?:[Rr]efs?\.|[Rr]eferences?)\s*(?P<n>{NUM}(?:\s*(?:,|[–\-]|and)\s*{NUM})*)(?![\d.,]\d)"
)
# Raised marks list with commas, or semicolons (natbib's super option under naturemag: "13;14").
_RAISED = compiled(rf"{NUM}(?:\s*[,;–\-]\s*{NUM})*")
_NUMBER_OR_DASH = compiled(r"\d+|[–\-−]")
_OPERATORS = frozenset("=+−×·∼≈≡∝≤≥<>±∑∫√∂∈⊂^_∗/|⊗⊕⊖⊙")
_GREEK = frozenset(map(chr, range(0x391, 0x3CA)))
_MATH = _OPERATORS | _GREEK
# A bracket after "flavor" names an SU(3) multiplet ("the flavor [15] representation"); it
# cites nothing. An article alone is no sign: "… are an [19]" cites.
_NAMED_BY_BRACKET = compiled(r"\bflavou?r$", re.I)
_UNITS = frozenset(("cm", "mm", "km", "nm", "μm", "m", "s", "kg", "g", "ms", "ft", "in"))
_YEAR_TOKEN = compiled(r"(?:1[6-9]|20)\d\d")
MAX_RANGE = 200  # a wider "range" is a span of values, not of reference numbers


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


def brackets(text: str) -> Iterator[Found]:
    for match in _BRACKET.finditer(text):
        if _inside_word(text, match.start(), match.end()):
            continue
        body = match.group()
        if match.group("loc"):
            body = body.replace(match.group("loc"), "")
        works = _number_works(re.sub(_LETTER_DASH, "–", body))
        if works:
            yield match.start(), match.end(), "numeric", works


def parenthesised_numbers(text: str) -> Iterator[Found]:
    """Numbers in parentheses after a word, "(3)" or "(4-6, 9)": Vancouver style.

    Not after a number or symbol ("45 (12)", "x (2)"), not after words that number other things
    ("Eq. (4)", "step (2)"), and not at a line end, where "(1)" numbers an equation.
    """
    for match in _PAREN_NUMBERS.finditer(text):
        word = _word_before(text, match.start()).lower().rstrip(".").strip("()'\"’”")
        if (
            not text[match.start() - 1 : match.start()].isspace()
            or len(word) < 2
            or not word[-1].isalpha()
            or word in _NOT_CITING
            or _next_on_line(text, match.end()) in ("", "\n")
            or text[match.end() : match.end() + 1].isalnum()
        ):
            continue
        works = _number_works(match.group())
        if works:
            yield match.start(), match.end(), "numeric", works


def _word_before(text: str, position: int) -> str:
    """The last whitespace-separated word before ``position`` ("" at the start): read from
    ``position`` back, so that a long text costs no copy per parenthesis."""
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _next_on_line(text: str, position: int) -> str:
    """The first character from ``position`` on that is no space or tab ("" at the end)."""
    while position < len(text) and text[position] in " \t":
        position += 1
    return text[position : position + 1]


def cites_in_parentheses(plain: Sequence[Found], parenthesised: Sequence[Found]) -> bool:
    """Whether a document numbers its citations "(3)": found without and with that reading.

    Yes when "(n)" far outnumbers every other kind of callout.
    """
    numbered = sum(1 for f in plain if f[2] in ("numeric", "superscript"))
    extra = len(parenthesised) - len(plain)
    author_year = sum(1 for f in parenthesised if f[2] in ("parenthetical", "narrative"))
    return extra >= 3 and extra > 3 * (author_year + numbered)


def ref_words(text: str) -> Iterator[Found]:
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


def raised(text: str, superscripts: Sequence[tuple[int, int]]) -> Iterator[Found]:
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
        if merged and not text[merged[-1][1] : start].strip(" ,;"):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _next_visible(text: str, index: int) -> str:
    """The first character from ``index`` on that is not a space ("" if none). Stepped over
    rather than sliced off, which would copy the rest of the document for every mark."""
    while index < len(text) and text[index].isspace():
        index += 1
    return text[index : index + 1]


def _looks_like_exponent(text: str, start: int, end: int) -> bool:
    """Powers and indices in formulas: "10 5", "x 2", "cm 3", "a 2 + b 2 = c 2"."""
    head = text[max(0, start - 60) : start].split()
    previous = head[-1] if head else ""
    after = _next_visible(text, end)
    if not previous or previous[-1] in _MATH or after in _MATH:
        return True
    year = _YEAR_TOKEN.fullmatch(previous.rstrip(".,;:"))
    if previous[-1].isdigit() and not year:
        return True
    # After a clause ends ("...kcal/mol). 19") the mark is a citation unless the text is math.
    if not previous.endswith((".", ",", ";", ":", ")")) and not year:
        word = previous.strip("()")
        # A list or range ("in 7,16,17", "a 3–5") is no power of a letter or a unit.
        listed = re.search(r"\d\s*[,;–\-]\s*\d", text[start:end]) is not None
        if ((len(word) == 1 and word.isalpha()) or word in _UNITS) and not listed:
            return True
        if any(c in _MATH for c in previous):
            return True
    window = text[max(0, start - 40) : end + 40]
    dense = sum(1 for c in window if c in _MATH) / max(1, len(window.replace(" ", "")))
    return dense > 0.08
