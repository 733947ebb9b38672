"""Citations ↔ references by the PDF's own links, where it has them.

A link from a callout to an entry of the reference list (:class:`~refcheck.model.Anchor`) is
made by the typesetting system from the author's own citation: LaTeX writes the callout's text
and its link from the same ``\\cite`` key, a publisher's XML from the same cross-reference.
So it is stronger evidence of the entry meant than our reading of names and years, which a
misparsed entry, a glued table cell or a shared surname can mislead. The rules, used by
:func:`refcheck.link.link_citations`:

* every entry that a link from the text points to is cited, even where the citation finder
  never read the callout (a table cell "GovReport (2021)");
* an author-year work whose callout carries links to exactly one entry is linked to that
  entry: where the text alone matched nothing, several entries or another entry, the link
  wins; where both agree, the link is kept as evidence of the finding. Where the entries it
  could name are printed with the same year and no suffix to tell them apart, the callout stays
  ambiguous with the link as evidence: the link names the work meant, a reader cannot tell;
* a numbered callout is left to its number: the number names the entry exactly, and a link
  over "[1–5]" covers the whole word, so it cannot tell the numbers apart.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace

from refcheck.model import Anchor, Citation, CitedWork, Document, Link
from refcheck.patterns import compiled

_YEAR = compiled(r"(?<!\d)((?:1[5-9]|20)\d\d)([a-z]?)(?![\d])")
# Words of a callout that are no author's name.
_NOT_NAMES = frozenset({"et", "al", "and", "e", "g", "eg", "see", "cf", "also", "in", "ibid"})

# The longest callout the corpus links in one piece is an organisation with its year
# ("President's Council on Physical Fitness and Sports, 2006"): eight words.
MAX_CALLOUT_WORDS = 10

Fold = Callable[[str], str]


def anchor_links(
    document: Document, links: Sequence[Link], fold: Fold
) -> tuple[tuple[Link, ...], tuple[str, ...]]:
    """The links with the PDF's own evidence applied, and the entries it says are cited.

    ``fold`` compares names as the linker does (case, accents, particles aside).
    """
    anchored = tuple(dict.fromkeys(a.reference_id for a in document.anchors))
    if not document.anchors:
        return tuple(links), anchored
    groups = _groups(document.anchors)
    fold = functools.cache(fold)  # the same few callouts are compared with every work
    citations = {c.id: c for c in document.citations}
    dates = {r.id: (r.year, r.year_suffix) for r in document.references}
    updated = []
    for link in links:
        citation = citations.get(link.citation_id)
        work = citation.works[link.work_index] if citation is not None else None
        if citation is None or work is None or work.number is not None:
            updated.append(link)
            continue
        target = _target(citation, work, groups, fold)
        if target is not None and link.status == "ambiguous" and _alike_in_print(link, dates):
            updated.append(replace(link, anchor=_evidence(citation, *target)))
        else:
            updated.append(link if target is None else _with_anchor(link, citation, *target))
    return tuple(updated), anchored


# Per page, per entry: the anchors, and the callouts they make.
Groups = dict[int, dict[str, tuple[list[Anchor], list[tuple[str, str]]]]]


def _groups(anchors: Sequence[Anchor]) -> Groups:
    """Anchors by page and entry: a callout may be linked in pieces ("Smith et al.," "2020")."""
    by_entry: dict[tuple[int, str], list[Anchor]] = {}
    for anchor in anchors:
        by_entry.setdefault((anchor.page, anchor.reference_id), []).append(anchor)
    groups: Groups = {}
    for (page, reference_id), pieces in by_entry.items():
        groups.setdefault(page, {})[reference_id] = (pieces, _callouts(pieces))
    return groups


def _target(
    citation: Citation, work: CitedWork, groups: Groups, fold: Fold
) -> tuple[str, Sequence[Anchor]] | None:
    """The one entry that the links on the callout's page name for this work, if exactly one."""
    fitting = [
        (reference_id, anchors)
        for reference_id, (anchors, callouts) in groups.get(citation.page, {}).items()
        if any(_names_work(callout, work, fold) for callout in callouts)
    ]
    if len(fitting) != 1:
        return None
    reference_id, anchors = fitting[0]
    # A target inside an entry, not at its start, may be a neighbour the list swallowed.
    return (reference_id, anchors) if all(a.at_start for a in anchors) else None


def _callouts(anchors: Sequence[Anchor]) -> list[tuple[str, str]]:
    """The linked pieces of each callout to one entry on one page, as (text, words before).

    A callout linked in pieces ("(Co-" "han et al.," "2018)") gives pieces that follow each
    other; each piece that holds a year closes a callout of the pieces since the last one.
    """
    callouts: list[tuple[str, str]] = []
    pieces: list[Anchor] = []
    for anchor in anchors:
        if len(anchor.text.split()) > MAX_CALLOUT_WORDS:
            continue  # a link drawn over more than a callout names more works than its own
        pieces.append(anchor)
        if _YEAR.search(anchor.text):
            callouts.append((" ".join(a.text for a in pieces), pieces[0].before))
            pieces = []
    return callouts


def _names_work(callout: tuple[str, str], work: CitedWork, fold: Fold) -> bool:
    """Whether a linked callout is this work's: its year (and suffix), and its first author's
    surname in the linked words or, where only the year is linked ("Cohan et al. (2018)"),
    in the words just before them."""
    text, before = callout
    if work.year is None or not work.names:
        return False
    years = {year + suffix for year, suffix in _YEAR.findall(text)}
    if work.year + work.year_suffix not in years:
        return False
    linked = "".join(_name_words(text, fold) or _name_words(before, fold))
    written = fold(work.names[0]).split()
    # The name as read, or its last word where a table cell or prose was glued before it
    # ("JNLPBA Collier"). Hyphenation splits a linked name across lines ("Co-" "han"), so
    # names are compared without spaces.
    forms = {"".join(written), written[-1]} if written else set()
    return any(len(form) > 1 and form in linked for form in forms)


def _name_words(text: str, fold: Fold) -> list[str]:
    folded = fold(_YEAR.sub(" ", text))
    return [w for w in folded.split() if w not in _NOT_NAMES and not w.isdigit()]


def _alike_in_print(link: Link, dates: dict[str, tuple[str | None, str]]) -> bool:
    """Whether the entries an ambiguous callout fits print the same year and no suffix."""
    printed = {dates.get(reference_id) for reference_id in link.reference_ids}
    return len(printed) == 1


def _evidence(citation: Citation, reference_id: str, anchors: Sequence[Anchor]) -> str:
    named = next((a.destination for a in anchors if a.destination), None)
    return (
        f"the PDF links {' '.join(a.text for a in anchors)!r} on page {citation.page} "
        f"to {reference_id}{f' ({named})' if named else ''}"
    )


def _with_anchor(
    link: Link, citation: Citation, reference_id: str, anchors: Sequence[Anchor]
) -> Link:
    evidence = _evidence(citation, reference_id, anchors)
    agrees = link.status in ("exact", "repaired", "year-mismatch")
    if agrees and reference_id in link.reference_ids:
        return replace(link, anchor=evidence)
    read = f"{link.status} {', '.join(link.reference_ids)}".strip()
    return Link(
        link.citation_id,
        link.work_index,
        "exact",
        (reference_id,),
        anchor=f"{evidence}; the text alone gave {read}",
    )
