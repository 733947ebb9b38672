"""Alphabetic callouts: "[Ebb16]", "[AF04; Ebb16]", "[Asp+00]", "[Di +11]", "[FN71a]".

The alphabetic styles (biblatex ``alphabetic``, BibTeX ``alpha``) label each entry with letters
of its authors' surnames and two digits of its year, and the text cites that label. Letters and
two digits in brackets may be anything else too ("[PM10]", "[SO42]"), so the scan keeps these
callouts only beside a list whose entries are labelled so (:func:`is_alphabetic_list`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from refcheck.extract.citations.found import Found
from refcheck.model import CitedWork
from refcheck.names import ALPHA_LABEL, entry_label, label_key
from refcheck.patterns import compiled

_LOCATOR = r"\s*,\s*(?:pp?|ch|chap|sec|thm|fig|eq)\.?\s*\d+(?:\s*[–\-]\s*\d+)?"
_CALLOUT = compiled(
    rf"\[\s*(?P<labels>{ALPHA_LABEL}(?:\s*[;,]\s*{ALPHA_LABEL})*)(?:{_LOCATOR})?\s*\]"
)
_ONE = compiled(ALPHA_LABEL)
# Most entries of an alphabetic list open with their label; a few may have been misread.
MIN_LABELLED_SHARE = 0.8
MIN_LABELLED_ENTRIES = 3


def is_alphabetic_list(raws: Sequence[str]) -> bool:
    """Whether a reference list (its entries' texts) is labelled alphabetically."""
    labelled = sum(1 for raw in raws if entry_label(raw) is not None)
    return labelled >= MIN_LABELLED_ENTRIES and labelled >= MIN_LABELLED_SHARE * len(raws)


def alphabetic(text: str) -> Iterator[Found]:
    """Each bracketed run of alphabetic labels, one cited work per label."""
    for match in _CALLOUT.finditer(text):
        works = tuple(
            CitedWork(label.group(0), label=label_key(label.group(0)))
            for label in _ONE.finditer(match.group("labels"))
        )
        yield match.start(), match.end(), "alphabetic", works
