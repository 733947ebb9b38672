"""Comparing one bibliographic field of a reference with a registry's record.

Each comparison answers True (agrees), False (clearly disagrees) or None (cannot tell: a value
is missing, or the two are written too differently to judge). Precision comes first: anything
a careful reader would not call a contradiction is None, never False.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from refcheck.extract.identifiers import normalize_number, normalize_pages
from refcheck.model import Author
from refcheck.names import PARTICLES
from refcheck.patterns import compiled

# A surname of at least TYPO_LENGTH letters this similar (rapidfuzz ratio) to the record's is
# the same name misspelt; shorter names only forgive two swapped letters (Smtih), since
# Zhang and Zhong, Chen and Chan are different people.
SURNAME_SIMILARITY = 85
TYPO_LENGTH = 7
# Titles this similar (ratio of the folded words, in order) are the same title.
TITLE_AGREES = 90
# Titles sharing less than this (token set ratio) are different titles.
TITLE_DISAGREES = 50
# A shorter title contained in a longer one counts only when it has this many words.
CONTAINED_TITLE_WORDS = 4
# Journal names sharing less than this (token set ratio) are different journals.
CONTAINER_DISAGREES = 40

# Words ISO 4 leaves out of abbreviated journal titles.
_ISO4_OMITTED = frozenset(
    ("a", "an", "and", "the", "of", "for", "in", "on", "at", "to", "by", "with", "und", "der",
     "die", "das", "de", "des", "du", "la", "le", "les", "et", "di", "del", "y", "e")
)  # fmt: skip
_GERMAN_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_LETTERS_NFKD_MISSES = str.maketrans(
    {"ß": "ss", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_TAG = compiled(r"<[^>]{0,200}>")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"


def fold(text: str) -> str:
    """Lower-case ASCII words: accents, tags, entities and punctuation removed."""
    text = html.unescape(_TAG.sub(" ", text))
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS_NFKD_MISSES))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    letters = letters.replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", letters).split())


def _surname_words(name: str) -> list[list[str]]:
    """The folded words of a surname, as written and German-transliterated (Müller, Mueller)."""
    variants = {fold(name), fold(name.translate(_GERMAN_UMLAUTS))}
    return [variant.split() for variant in variants if variant]


def name_keys(name: str) -> set[str]:
    """Comparable forms of a surname: "Müller" → {"muller", "mueller"}; "van der Berg" → …

    Accent-stripped, transliterated (ä → ae) and digraph-collapsed (ae → a) forms are all
    kept, so Müller, Mueller and Muller meet; particles (van, de, von …) may be left out.
    """
    keys: set[str] = set()
    for words in _surname_words(name):
        core = [w for w in words if w not in PARTICLES]
        for form in ("".join(words), "".join(core)):
            if form:
                keys.update((form, re.sub(r"([aou])e", r"\1", form)))
    return keys


def surnames_agree(a: str, b: str) -> bool:
    """The same surname, allowing for accents, transliteration, particles and a small typo.

    A double surname agrees with one of its parts ("García Márquez" cited as "García").
    """
    keys_a, keys_b = name_keys(a), name_keys(b)
    if keys_a & keys_b:
        return True
    for words_a in _surname_words(a):
        for words_b in _surname_words(b):
            core_a = {w for w in words_a if w not in PARTICLES}
            core_b = {w for w in words_b if w not in PARTICLES}
            if core_a and core_b and (core_a < core_b or core_b < core_a):
                return True
    return any(_typo(x, y) for x in keys_a for y in keys_b)


def surname_typo(a: str, b: str) -> bool:
    """Two spellings of one surname that differ only by a small typo ("Castlilo", "Castillo"):
    not accents, transliteration, particles or a part of a double name."""
    keys_a, keys_b = name_keys(a), name_keys(b)
    if keys_a & keys_b or any(x in y or y in x for x in keys_a for y in keys_b):
        return False
    return any(_typo(x, y) for x in keys_a for y in keys_b)


def _typo(a: str, b: str) -> bool:
    if min(len(a), len(b)) >= TYPO_LENGTH:
        return fuzz.ratio(a, b) >= SURNAME_SIMILARITY
    return len(a) >= 4 and OSA.distance(a, b) == 1 and Levenshtein.distance(a, b) == 2


def _person_names(author: Author) -> set[str]:
    """Every single name of a person: a Chinese name may be cited given-first or family-first."""
    names = {author.family}
    names.update(part for part in re.split(r"[\s\-]+", author.given) if len(part) > 1)
    return {n for n in names if n}


def first_author_agrees(cited: Sequence[Author], registered: Sequence[Author]) -> bool | None:
    """Whether the reference's first author is the record's first author.

    None when either list is empty, when organisations are involved and their names cannot be
    judged, or when the cited first author is another author of the record (order differs).
    """
    if not cited or not registered:
        return None
    first, record_first = cited[0], registered[0]
    if first.organization or record_first.organization:
        return _organisations_agree(first, record_first)
    if surnames_agree(first.family, record_first.family):
        return True
    # Family and given names swapped ("Wang Li" parsed as given Wang, family Li).
    if any(surnames_agree(first.family, name) for name in _person_names(record_first)):
        return True
    if any(surnames_agree(name, record_first.family) for name in _person_names(first)):
        return True
    for other in registered[1:]:
        if not other.organization and surnames_agree(first.family, other.family):
            return None
    return False


def _organisations_agree(a: Author, b: Author) -> bool | None:
    name_a, name_b = fold(f"{a.given} {a.family}"), fold(f"{b.given} {b.family}")
    if not name_a or not name_b:
        return None
    if name_a == name_b or fuzz.token_set_ratio(name_a, name_b) >= TITLE_AGREES:
        return True
    return True if _acronym_of(name_a, name_b) or _acronym_of(name_b, name_a) else None


def _acronym_of(full: str, short: str) -> bool:
    """ "WHO" for "World Health Organization", "BMJ" for "Br Med J"."""
    return len(full.split()) >= 2 and _acronym(full) == short.replace(" ", "")


def _acronym(name: str) -> str:
    return "".join(word[0] for word in name.split() if word not in _ISO4_OMITTED)


def _main_title(folded_title: str, raw: str) -> str:
    """The title without its subtitle (after ":", " - ", "?" or ".")."""
    cut = re.split(r"\s*[:?.!]\s+|\s+[" + _DASHES + r"]+\s+", _TAG.sub(" ", raw), maxsplit=1)
    main = fold(cut[0])
    return main if main and main != folded_title else ""


def titles_agree(cited: str | None, registered: str | None) -> bool | None:
    """The same title, allowing case, punctuation, tags, a subtitle left out and small typos.

    Crossref titles carry markup that splits words ("<scp>T</scp>reebase") or joins them
    ("an<scp>R</scp>package"): the record's title is read both ways, and either may agree.
    """
    if not cited or not registered:
        return None
    verdicts = {
        _plain_titles_agree(variant, registered_variant)
        for variant in _untagged(cited)
        for registered_variant in _untagged(registered)
    }
    if True in verdicts:
        return True
    return False if verdicts == {False} else None


def _untagged(title: str) -> set[str]:
    return {_TAG.sub(" ", title), _TAG.sub("", title)}


def _plain_titles_agree(cited: str, registered: str) -> bool | None:
    a, b = fold(cited), fold(registered)
    if not a or not b:
        return None
    if a == b or fuzz.ratio(a, b) >= TITLE_AGREES:
        return True
    # One title, or its main part before a subtitle, inside the other.
    pairs = ((a, b), (_main_title(a, cited), b), (b, a), (_main_title(b, registered), a))
    if any(part and _contains_words(other, part) for part, other in pairs):
        return True
    if fuzz.token_set_ratio(a, b) < TITLE_DISAGREES:
        return False
    return None


def _contains_words(longer: str, shorter: str) -> bool:
    """Whether ``shorter`` is a whole-word prefix of ``longer``, or inside it, long enough."""
    if len(shorter.split()) < CONTAINED_TITLE_WORDS:
        return longer.startswith(shorter + " ") and len(shorter.split()) >= 2
    return f" {shorter} " in f" {longer} "


def _abbreviation_matches(abbreviation: str, full: str) -> bool:
    """ISO 4 style: each abbreviated word starts, in order, the next significant word.

    "J Biol Chem" fits "Journal of Biological Chemistry"; "Proc Natl Acad Sci" fits
    "Proceedings of the National Academy of Sciences" (letters of an abbreviated word appear
    in order in the full word, first letter first).
    """
    short_words = abbreviation.split()
    long_words = [w for w in full.split() if w not in _ISO4_OMITTED]
    # Single letters stay: "U S A" abbreviates "United States of America".
    short_words = [w for w in short_words if len(w) == 1 or w not in _ISO4_OMITTED]
    if not short_words or len(short_words) != len(long_words):
        return False
    return all(_abbreviates(s, w) for s, w in zip(short_words, long_words, strict=True))


def _abbreviates(short: str, word: str) -> bool:
    if short == word:
        return True
    if short[0] != word[0] or len(short) > len(word):
        return False
    remaining = iter(word[1:])
    return all(letter in remaining for letter in short[1:])


def containers_agree(
    cited: str | None, registered: Iterable[str | None], *, journal: bool = True
) -> bool | None:
    """The same journal, by full title, short title or abbreviation.

    False only for journals (``journal``): proceedings and book titles are written in too many
    ways to call two of them different.
    """
    forms = [fold(name) for name in registered if name]
    forms = [f for f in forms if f]
    a = fold(cited) if cited else ""
    if not a or not forms:
        return None
    for form in forms:
        if a == form or _abbreviation_matches(a, form) or _abbreviation_matches(form, a):
            return True
        if _acronym_of(form, a.replace(" ", "")) or _acronym_of(a, form.replace(" ", "")):
            return True
        if len(form.split()) >= 2 and f" {form} " in f" {a} ":
            return True
    if not journal:
        return None
    if all(fuzz.token_set_ratio(a, form) < CONTAINER_DISAGREES for form in forms):
        return False
    return None


def years_agree(cited: str | None, registered: str | None, tolerance: int = 0) -> bool | None:
    if not cited or not registered or not cited.isdigit() or not registered.isdigit():
        return None
    return abs(int(cited) - int(registered)) <= tolerance


def numbers_agree(cited: str | None, registered: str | None) -> bool | None:
    """Volumes or issues: "12" = "XII" = "Vol. 12"; "3" against "3-4" cannot tell."""
    if not cited or not registered:
        return None
    a, b = normalize_number(cited), normalize_number(registered)
    if a is None or b is None:
        # Named issues ("Suppl 2", "Spring"): equal text agrees, anything else cannot tell.
        return True if fold(cited) == fold(registered) else None
    if a == b:
        return True
    if set(a.split("-")) & set(b.split("-")):
        return None
    return False


def _page_bounds(pages: str) -> tuple[str, str | None] | None:
    normalized = normalize_pages(pages)
    if normalized is None:
        return None
    first, _, last = normalized.partition("-")
    return first.lower(), (last.lower() or None)


def _article_number_like(page: str) -> bool:
    return not page.isdigit() or len(page) >= 5


def _same_page(a: str, b: str) -> bool:
    """ "e33693" and "33693" name the same article number."""
    if a == b:
        return True
    letters = "abcdefghijklmnopqrstuvwxyz"
    return (a.isdigit() or b.isdigit()) and a.lstrip(letters) == b.lstrip(letters)


def first_pages_agree(cited: str | None, registered: str | None) -> bool | None:
    bounds_a, bounds_b = _page_bounds(cited or ""), _page_bounds(registered or "")
    if bounds_a is None or bounds_b is None:
        return None
    (first_a, last_a), (first_b, last_b) = bounds_a, bounds_b
    if _same_page(first_a, first_b):
        return True
    # An article number against a page range ("e0197919" vs "1-12") is not a contradiction.
    if (last_a is None and _article_number_like(first_a)) or (
        last_b is None and _article_number_like(first_b)
    ):
        return None
    # A single page inside the registered range is a pinpoint citation ("12:1660").
    if last_a is None and last_b is not None and _within(first_a, first_b, last_b):
        return None
    return False


def _within(page: str, first: str, last: str) -> bool:
    numbers = (page, first, last)
    return all(n.isdigit() for n in numbers) and int(first) <= int(page) <= int(last)


def pages_agree(cited: str | None, registered: str | None) -> bool | None:
    """First pages, then last pages where both give one: "1655-64" = "1655–1664"."""
    first = first_pages_agree(cited, registered)
    if first is not True:
        return first
    bounds_a, bounds_b = _page_bounds(cited or ""), _page_bounds(registered or "")
    if bounds_a is None or bounds_b is None or bounds_a[1] is None or bounds_b[1] is None:
        return True
    return bounds_a[1] == bounds_b[1]
