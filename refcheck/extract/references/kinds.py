"""The kind of work a parsed reference cites: one of ``REFERENCE_TYPES``."""

from __future__ import annotations

import re

from refcheck.extract.references.locators import web_kind
from refcheck.patterns import compiled

__all__ = ["guess_type"]

_TYPE_CUES = (
    ("thesis", compiled(r"\b(?:thesis|dissertation|diss\.|doktorarbeit|ph\.?\s?d|"
                          r"master'?s)\b", re.I)),
    ("preprint", compiled(r"\b(?:arxiv|biorxiv|medrxiv|ssrn|preprint|psyarxiv)\b", re.I)),
    ("report", compiled(r"\b(?:tech(?:nical)?\.? rep(?:ort)?|working paper|discussion paper|"
                          r"report|white paper|arbeitspapier)\b", re.I)),
    ("software", compiled(r"\b(?:software|r package|computer program|version \d)", re.I)),
    ("dataset", compiled(r"\b(?:data ?set|data file|\[data\])", re.I)),
    # A talk is cited by where it was given; it has no container, volume or pages to lack.
    ("other", compiled(r"\b(?:talk|keynote|lecture|seminar|webinar|invited presentation)"
                         r"\s+(?:at|given|held)\b", re.I)),
)  # fmt: skip
_PROCEEDINGS = compiled(
    r"\b(?:proc\.|proceedings|conference|conf\.|symposium|workshop|congress|meeting|tagung)",
    re.I,
)
_CHAPTER = compiled(r"(?:^|[.,]\s*)in:?\s|\b(?:eds?\.|hrsg\.|\(ed\.\)|\(eds\.\)|editors?)", re.I)
_ACCESS = compiled(
    r"\b(?:retrieved|accessed|available|abgerufen|zugriff|online|last visited)\b", re.I
)


def guess_type(
    raw: str, spans: dict[str, list[str]], container: str | None, date: str | None = None
) -> str:
    """One of ``REFERENCE_TYPES``: cue words first, then which fields the reference has."""
    for kind, cue in _TYPE_CUES:
        if cue.search(raw):
            return kind
    if container is not None and _PROCEEDINGS.search(container):
        return "proceedings"
    online = web_kind(raw, spans, container, date)
    if online is not None:
        return online
    if "editor" in spans or (container is not None and _CHAPTER.search(raw)):
        return "chapter" if container is not None else "book"
    if container is not None and ("volume" in spans or "pages" in spans):
        return "article"
    if "publisher" in spans or (container is not None and _PUBLISHER.search(container)):
        return "book"  # a publisher, and no volume or pages: the "container" is a book title
    if "url" in spans and (_ACCESS.search(raw) or container is None):
        return "web"
    if container is not None:
        return "article"
    if "publisher" in spans:
        return "book"
    return "other"


_PUBLISHER = compiled(
    r"\b(?:press|publish(?:ing|ers?)|verlag|books|editions?|éditions|editorial|"
    r"publications|wiley|springer|elsevier|routledge|sage|pearson)\b",
    re.I,
)
