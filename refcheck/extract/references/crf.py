"""Tokens, features and the CRF that labels each token of a reference string with its field.

The model (``reference_crf.model``) is trained by ``benchmarks/train_reference_crf.py`` on the
permissively licensed labelled sets (AnyStyle, GROBID citation corpus, Cora). It only segments:
turning a labelled span into a year, a page range or a list of names is done by rules in
``parse.py``, which are easier to get exactly right than a learned model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from refcheck.patterns import compiled

MODEL_PATH = Path(__file__).with_name("reference_crf.model")

# The fields the CRF tells apart. Volume and issue share one label because the training sets
# disagree on them (AnyStyle tags "12(3)" as one volume); rules split them again.
LABELS = (
    "author", "editor", "title", "container", "date", "volume", "pages", "publisher",
    "location", "doi", "url", "note", "number", "edition", "genre", "identifier",
)  # fmt: skip

# URLs and DOIs stay whole; words keep inner dots, hyphens and slashes ("U.S.", "1477-81",
# "W.-P.") and one final dot ("J.", "Lett."), so that "2014;40(9):1477-81" splits into parts.
_TOKEN = compiled(
    r"(?:https?://|www\.)\S+|(?:doi:\s?)?10\.\d{4,9}/\S+|\w(?:[\w'’.\-–/]*\w)?\.?|\S",
    re.IGNORECASE,
)
_YEAR = compiled(r"(?:1[5-9]|20)\d\d[a-z]?")
_MONTHS = frozenset((
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "januar", "februar", "märz", "juni", "juli", "oktober",
    "dezember", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre", "spring", "summer", "autumn", "fall", "winter",
))  # fmt: skip
# Cue words grouped by what they announce; the group, not the word, is the feature, so that
# rare spellings share what the model learned from common ones.
_CUES = {
    "ed": "ed eds editor editors edited hrsg hg hgg éd éds dir coord",
    "pp": "p pp page pages s seite seiten",
    "vol": "vol volume vols no nos nr issue iss num number bd band heft jg jahrgang h t",
    "in": "in",
    "and": "and & und et y e",
    "etal": "al others u.a",
    "pub": "press publisher publishers publishing verlag university inc ltd co gmbh books "
    "wiley springer elsevier routledge sage",
    "jour": "journal j proc proceedings conference conf review rev trans transactions acta "
    "bull bulletin lett letters annals ann symposium workshop quarterly magazine zeitschrift",
    "genre": "thesis dissertation diss report technical tech rep phd master's masters working "
    "paper preprint manuscript unpublished",
    "web": "retrieved accessed available online abgerufen zugriff url",
    "doi": "doi isbn issn pmid pmcid arxiv",
}
_CUE_OF = {word: cue for cue, words in _CUES.items() for word in words.split()}
_OPEN_QUOTES = frozenset('"“„«‘')
_CLOSE_QUOTES = frozenset('"”»’')


class Token(NamedTuple):
    # A named tuple, not a dataclass: a reference has ~30 tokens and creation time counts.
    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    """Character classes, runs cut to two: "Smith" -> "Xxx", "OA." -> "XX.", "J." -> "X."."""
    out: list[str] = []
    for ch in word[:12]:
        cls = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if len(out) < 2 or out[-1] != cls or out[-2] != cls:
            out.append(cls)
    return "".join(out)


@lru_cache(maxsize=50_000)
def _word_features(text: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """A word's own features, and the ones its neighbours see (by offset -1, 1, -2, 2).

    Cached: the same words ("and", ",", "J.", "2019") recur in every reference, and feature
    strings are most of the time spent per reference.
    """
    low = text.lower()
    bare = low.rstrip(".")
    feats = [f"w={bare}", f"s={_shape(text)}", f"x3={low[-3:]}"]
    cue = _CUE_OF.get(bare)
    if cue is not None:
        feats.append(f"cue={cue}")
    if _YEAR.fullmatch(bare):
        feats.append("year")
    elif bare.isdigit():
        feats.append(f"num{min(len(bare), 5)}")
    if bare in _MONTHS:
        feats.append("month")
    if text[0].isupper() and (len(bare) == 1 or (len(text) <= 3 and text.isupper())):
        feats.append("initial")
    if low.startswith(("http", "www.")):
        feats.append("url")
    if "10." in low and "/" in low:
        feats.append("doi")
    # Neighbours one away see word and shape, two away only the word: the attribute lookups
    # in the tagger cost more than anything else per reference.
    neighbour = (
        (f"l{feats[0]}", f"l{feats[1]}"),
        (f"r{feats[0]}", f"r{feats[1]}"),
        (f"ll{feats[0]}",),
        (f"rr{feats[0]}",),
    )
    return tuple(feats), neighbour


_POS = tuple(f"pos={i}" for i in range(10))
_PAR = ("par=0", "par=1")
_QUOTED = ("q=0", "q=1")
_AFTER_YEAR = ("y=0", "y=1")


def _context_features(tokens: Sequence[Token]) -> list[list[str]]:
    """Where each token sits: relative position, inside brackets or quotes, after a year."""
    n = len(tokens)
    out: list[list[str]] = []
    depth = 0
    quoted = False
    year_seen = False
    for i, tok in enumerate(tokens):
        out.append([_POS[10 * i // n], _PAR[depth > 0], _QUOTED[quoted], _AFTER_YEAR[year_seen]])
        ch = tok.text
        depth += (ch in "([") - (ch in ")]" and depth > 0)
        if ch in _OPEN_QUOTES and not quoted:
            quoted = True
        elif ch in _CLOSE_QUOTES:
            quoted = False
        year_seen = year_seen or _YEAR.fullmatch(ch) is not None
    return out


_EDGE = (("l=EDGE",), ("r=EDGE",), ("ll=EDGE",), ("rr=EDGE",))


def features(tokens: Sequence[Token]) -> list[list[str]]:
    """One list of string features per token, including its neighbours' word and shape."""
    cached = [_word_features(tok.text) for tok in tokens]
    rows = _context_features(tokens)
    last = len(tokens) - 1
    for i, row in enumerate(rows):
        row.extend(cached[i][0])
        for k, offset in enumerate((-1, 1, -2, 2)):
            j = i + offset
            row.extend(cached[j][1][k] if 0 <= j <= last else _EDGE[k])
    return rows


@lru_cache(maxsize=1)
def _tagger() -> Any:
    # Imported here so that importing refcheck does not pay for the extension module.
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger


def tag(tokens: Sequence[Token]) -> list[str]:
    """The most likely field label of each token."""
    if not tokens:
        return []
    labels: list[str] = _tagger().tag(features(tokens))
    return labels
