"""Classes of words that tell what a capitalised word beside a year is: a month, an
organisation, a conjunction between authors; and how surnames are compared (folded, with and
without particles). Shared by citation finding, linking and the rules.

The lists name general classes in the languages papers are written in, never one paper's words.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from refcheck.patterns import compiled
from refcheck.text import is_spacing_accent

# Months and their abbreviations in German, French, Spanish, Italian, Dutch and Portuguese (the
# English ones are never read as names at all). Some are also surnames ("Mayo", "Marzo"), so a
# citation of one is only doubted, not dropped: it still links when the list has that author.
_MONTH_WORDS = """
    januar februar märz april mai juni juli august september oktober november dezember
    jän mär okt dez janvier février fevrier mars avril juin juillet août aout septembre
    octobre novembre décembre decembre janv févr sept déc enero febrero marzo abril mayo junio
    julio agosto septiembre setiembre octubre noviembre diciembre ene dic gennaio febbraio
    aprile maggio giugno luglio settembre ottobre dicembre gen giu lug ott januari februari
    maart mei augustus oktober januari mrt janeiro fevereiro março abril maio junho julho
    setembro outubro novembro dezembro fev
"""
FOREIGN_MONTHS = frozenset(_MONTH_WORDS.split())

# Words that make a name an organisation's: "R Development Core Team", "President's Council on
# Physical Fitness and Sports", "Statistisches Bundesamt", "Institut national de la statistique".
_ORGANISATION_WORDS = """
    team group council committee commission consortium association organization organisation
    institute institution agency office department ministry service services society foundation
    board bureau center centre project collaboration network union programme program survey
    authority corporation company inc ltd university universities college colleges bank fund
    forum alliance federation parliament government administration trust coalition initiative
    secretariat nations assembly academy academies court
    bundesamt ministerium institut verband gesellschaft stiftung amt kommission bundesregierung
    landesamt ministère ministere conseil agence comité comite direction ministerio instituto
    consejo comisión comision agencia istituto ministero commissione
"""
ORGANISATION_WORDS = frozenset(_ORGANISATION_WORDS.split())

# "and" between two authors in other languages: "Goldstein und Keohane", "Dupont et Martin",
# "García y López", "Rossi e Bianchi", "Berg och Ek", "Jansen en De Vries", "Hansen og Berg".
CONJUNCTIONS = ("and", "und", "et", "y", "e", "och", "en", "og")
CONJUNCTION = "(?:" + "|".join(CONJUNCTIONS) + r")(?!\s*al\b)"

_WORD = compiled(r"[^\W\d_]+")
# Initials set before a surname: "G. L. Cohen", "J.-P. Martin". Author-year styles print them
# to tell apart two authors of one surname (biblatex's uniquename, citeproc's
# disambiguate-add-givenname).
_INITIALS = compiled(r"^(?:[^\W\d_a-z]\.\s*-?\s*)+(?=[^\W\d_])")


# An alphabetic style's label (biblatex ``alphabetic``, BibTeX ``alpha``): up to four letters
# (three of one surname, or the initials of up to four authors), a "+" for more authors ("Di +"
# keeps the space of "Di Grande"), two digits of the year, a suffix: "Ebb16", "Asp+00", "FN71a".
ALPHA_LABEL = r"[^\W\d_]{1,4}(?:\s?\+)?\d{2}[a-z]?"
_ENTRY_ALPHA_LABEL = compiled(rf"\s*\[({ALPHA_LABEL})\]")


def label_key(label: str) -> str:
    """An alphabetic label as compared: without the spaces a line break or "Di +11" put in it."""
    return re.sub(r"\s+", "", label)


def entry_label(raw: str) -> str | None:
    """The alphabetic label an entry's text opens with ("[Ebb16] C. Ebbesmeyer …"), if any."""
    found = _ENTRY_ALPHA_LABEL.match(raw)
    return label_key(found.group(1)) if found else None


def without_initials(name: str) -> str:
    """A cited name without the initials printed before its surname: "G. L. Cohen" → "Cohen"."""
    return _INITIALS.sub("", name)


def is_organisation(name: str) -> bool:
    """Whether a written name has a word only organisations' names have."""
    return any(word.casefold() in ORGANISATION_WORDS for word in _WORD.findall(name))


def is_foreign_month(word: str) -> bool:
    return word.casefold().rstrip(".") in FOREIGN_MONTHS


def is_acronym(name: str) -> bool:
    """ "USA", "NCSUJ", "ABC": capitals only, which abbreviate anything from a country to a
    placeholder; a surname set in capitals looks the same, so this is doubt, not proof."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in name.strip()


def swaps_two_letters(written: str, listed: str) -> bool:
    """Whether one name is the other with two neighbouring letters swapped ("Dwae" for "Dawe"):
    the commonest typing slip, which a similarity ratio scores low on a short name."""
    if len(written) != len(listed) or written == listed:
        return False
    differ = [i for i, (a, b) in enumerate(zip(written, listed, strict=True)) if a != b]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and written[differ[0]] == listed[differ[1]]
        and written[differ[1]] == listed[differ[0]]
    )


# Surname prefixes that citations may leave out; Arabic "al-"/"el-" included, since
# "(Saudi, 2006)" for Al-Saudi is a common, harmless form rather than a misspelling.
PARTICLES = frozenset(
    ("van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "les",
     "dos", "das", "ten", "ter", "op", "het", "'t", "al", "el")
)  # fmt: skip
# Similarity above which a surname is taken for a misspelling of another (Smtih ~ Smith).
TYPO_SIMILARITY = 80
# A title cited in the text ("Police fill rec center void") against the listed title.
TITLE_SIMILARITY = 90
# Reference texts this alike are one work listed twice.
DUPLICATE_SIMILARITY = 95


# Names folded and kept: linking folds every entry's names again for each citation. Bounded,
# since a service process reads document after document.
FOLDED_NAMES_KEPT = 1 << 15


@functools.lru_cache(maxsize=FOLDED_NAMES_KEPT)
def fold_name(name: str) -> str:
    """Compare names without case, accents, hyphens or apostrophes.

    A PDF may draw an accent as a glyph of its own, a spacing accent beside its letter
    ("Schunov´a-Lilly", "Reh u˚ˇrek"): those are dropped before the letters are compared.
    """
    if name.isascii():
        # Most names and entries: ASCII's only spacing accents are ^ and `, it has no
        # combining marks, and its folded case is its lower case. Spares a pass per character.
        letters = name.replace("^", "").replace("`", "").lower()
    else:
        unspaced = "".join(c for c in name if not is_spacing_accent(c))
        decomposed = unicodedata.normalize("NFKD", unspaced.casefold())
        letters = "".join(c for c in decomposed if not unicodedata.combining(c))
        letters = letters.replace("ß", "ss").replace("ø", "o").replace("ł", "l")
        letters = letters.replace("æ", "ae")
    return re.sub(r"[^a-z0-9 ]+", " ", letters).strip()


def name_forms(family: str) -> set[str]:
    """A surname with and without its particles: "van der Berg" → {"vanderberg", "berg"}.

    Only particles are dropped: "Ahmed Raza" stays whole, so a given name written before
    the surname is caught as a repair, not matched silently.
    """
    words = fold_name(family).split()
    forms = {"".join(words)}
    core = [w for w in words if w not in PARTICLES]
    if core and len(core) < len(words):
        forms.add("".join(core))
    return forms
