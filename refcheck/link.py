"""Link in-text citations to references: numeric by number, author-year by names and year.

Each cited work gets one :class:`~refcheck.model.Link`. Author-year matching is tolerant of
diacritics, particles ("van der Berg"), case and hyphenation, and records how a link was
repaired when the citation itself is wrong (a misspelt surname, a given name used as the
surname, a co-author left out, "et al." for one or two authors), so that rules can say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from refcheck.anchoring import anchor_links
from refcheck.linkchoice import Candidate, Candidates, choose
from refcheck.model import Author, Citation, CitedWork, Document, Link, Linking, Reference
from refcheck.names import (
    PARTICLES,
    TITLE_SIMILARITY,
    TYPO_SIMILARITY,
    entry_label,
    fold_name,
    is_organisation,
    label_key,
    name_forms,
    swaps_two_letters,
)
from refcheck.patterns import compiled


def reference_name_forms(author: Author) -> set[str]:
    """How a citation may write a listed author's surname.

    A surname of two words may be cited by either ("García Márquez" as "García"); the
    citation's own forms are not widened, so "Ahmed Raza" still does not match "Raza". Whole
    words printed after initials belong to the surname (see :func:`_surname_words_in_given`):
    "Wellman Kephart" cites "J. O. Wellman Kephart", which a parse may read as Kephart.
    """
    forms = name_forms(author.family)
    if author.organization:
        return forms
    core = [w for w in fold_name(author.family).split() if w not in PARTICLES]
    if len(core) == 2:
        forms.update(core)
    compound = _surname_words_in_given(author.given)
    if compound:
        forms.add(fold_name(compound).replace(" ", "") + "".join(fold_name(author.family).split()))
    return forms


# Given names abbreviated to initials, then whole words: "J. O. Wellman" of "J. O. Wellman
# Kephart". A style that abbreviates given names abbreviates them all, so the whole words are
# the first part of a compound surname the parse left out.
_INITIALS_THEN_WORDS = compiled(r"^(?:[^\W\d_]\.\s*-?\s*)+(?P<words>(?:[^\W\d_]{2,}\s*){1,2})$")


def _surname_words_in_given(given: str) -> str:
    """The whole words after initials in a given name: the front of a compound surname."""
    found = _INITIALS_THEN_WORDS.match(given.strip())
    return found.group("words").strip() if found else ""


def link_citations(document: Document) -> Linking:
    references = document.references
    candidates = Candidates.of(
        Candidate(r, tuple(reference_name_forms(a) for a in r.authors)) for r in references
    )
    numbers = _numbering(references)
    labels = _alphabetic_labels(references)
    keys = {r.key: r.id for r in references if r.key is not None}
    links: list[Link] = []
    for citation in document.citations:
        for index, work in enumerate(citation.works):
            if work.key is not None:
                # A source file names the entry it cites: found or not, nothing to guess.
                found = keys.get(work.key)
                status, ids = ("exact", (found,)) if found else ("unmatched", ())
                links.append(Link(citation.id, index, status, ids))
            elif work.number is not None:
                links.append(_link_number(citation, index, work, numbers))
            elif work.label is not None:
                links.append(_link_label(citation, index, work, labels))
            else:
                links.append(_link_author_year(citation, index, work, candidates))
    # The PDF's own links from callouts to entries, where it has them, outrank our reading.
    anchored_links, anchored = anchor_links(document, links, fold_name)
    return Linking(links=anchored_links, anchored=anchored)


def _numbering(references: Sequence[Reference]) -> dict[int, str]:
    """Number → reference id, from printed labels or, unlabelled, from list position."""
    labelled = {int(r.label): r.id for r in references if r.label and r.label.isdigit()}
    if labelled:
        return labelled
    return {position: r.id for position, r in enumerate(references, start=1)}


def _alphabetic_labels(references: Sequence[Reference]) -> dict[str, list[str]]:
    """Alphabetic label ("Ebb16") → the ids of the references it labels."""
    labels: dict[str, list[str]] = {}
    for reference in references:
        label = entry_label(reference.raw)
        if label is None and reference.label and not reference.label.isdigit():
            label = label_key(reference.label)
        if label is not None:
            labels.setdefault(label, []).append(reference.id)
    return labels


def _link_label(
    citation: Citation, index: int, work: CitedWork, labels: dict[str, list[str]]
) -> Link:
    """ "[Ebb16]" names the entry of that label; two entries of one label are a misread list."""
    ids = labels.get(work.label or "", [])
    if len(ids) == 1:
        return Link(citation.id, index, "exact", tuple(ids))
    if ids or work.doubt is not None:
        return Link(citation.id, index, "uncertain", tuple(ids))
    return Link(citation.id, index, "unmatched")


def _link_number(citation: Citation, index: int, work: CitedWork, numbers: dict[int, str]) -> Link:
    if work.number is not None and work.number in numbers:
        return Link(citation.id, index, "exact", (numbers[work.number],))
    # A doubted number (a table cell "[7]" may be a value) that fits no entry is not blamed.
    return Link(citation.id, index, "unmatched" if work.doubt is None else "uncertain")


def _link_author_year(
    citation: Citation, index: int, work: CitedWork, candidates: Candidates
) -> Link:
    link = _link_by_names(citation, index, work, candidates)
    if work.doubt is not None and link.status != "exact":
        # "(USA, 2011–2012)", "(XYZ, 2019)": text that may cite nothing is linked when the list
        # has the work, and otherwise not blamed for matching nothing or matching badly.
        return replace(link, status="uncertain", repair=None)
    return link


def _link_by_names(citation: Citation, index: int, work: CitedWork, candidates: Candidates) -> Link:
    if work.title is not None:
        return _link_title(citation.id, index, work, candidates.all)
    if not work.names:
        return Link(citation.id, index, "unmatched")
    organisation = _by_organisation(work, candidates.all)
    if organisation:
        whole = replace(work, names=(_written_names(work),))
        return choose(citation.id, index, whole, organisation, repair=None)
    if citation.style == "narrative":
        work = _narrative_surname(work, candidates)
    return _link_by_first_author(citation, index, work, candidates)


def _link_by_first_author(
    citation: Citation, index: int, work: CitedWork, candidates: Candidates
) -> Link:
    by_first = _by_first_author(work.names[0], candidates)
    if not by_first and len(work.names) > 1:
        shifted = _by_first_author(work.names[1], candidates)
        if shifted:
            # "Geisler & Wickramasinghe" for Wickramasinghe & Geisler: names swapped. Or
            # "Notably, Novak, Tanaka and Osei (2019b)": a word of prose taken for a name.
            swapped = any(
                name_forms(work.names[0]) & forms for c in shifted for forms in c.families[1:]
            )
            how = f"authors in another order than the reference ({work.text!r})"
            return choose(
                citation.id,
                index,
                replace(work, names=work.names[1:]),
                shifted,
                repair=how if swapped else None,
            )
    if by_first:
        link = choose(citation.id, index, work, by_first, repair=None)
        if link.status != "unmatched":
            return link
        # "Kobasa (1979)" beside "Kobasa, Maddi & Kahn (1982)" and "Kobassa (1979)": the
        # reference of that name is another work; a misspelt one of the right year is meant.
        others = [c for c in candidates.all if c not in by_first]
        repaired = _repair_first_name(work, others)
        if repaired is not None:
            relinked = choose(citation.id, index, work, repaired[0], repair=repaired[1])
            if relinked.status not in ("unmatched", "year-mismatch"):
                return relinked
        return link
    repaired = _repair_first_name(work, candidates.all)
    if repaired is not None:
        matches, how = repaired
        return choose(citation.id, index, work, matches, repair=how)
    by_given = [c for c in candidates.all if _is_given_name(work.names[0], c.reference)]
    if by_given:
        # "Truman (1949)" beside "Truman Harry": the parser may have swapped the halves of the
        # name; nobody can tell from here, so nothing is reported either way.
        return Link(citation.id, index, "uncertain", tuple(c.reference.id for c in by_given))
    return Link(citation.id, index, "unmatched")


def _narrative_surname(work: CitedWork, candidates: Candidates) -> CitedWork:
    """The cited names without the words of prose, heading or table cell set before them.

    In running text "Albert Bandura (1997)" is how one names an author, and "GENIA Kim et al.
    (2003)" or "A Need for Scepticism Black (2010)" glue a table cell or a heading to the
    name; German writes the genitive "Levines (2012)" for Levine. So a name that matches no
    first author is read by its last word, with or without a genitive "s", when that matches.
    """
    if _by_first_author(work.names[0], candidates):
        return work
    for position, name in enumerate(work.names):
        words = name.split()
        if position > 0 and len(words) < 2:
            continue  # a co-author's own name: "Smith and Lee" may really be swapped
        last = words[-1] if words else name
        forms = [last] if len(words) > 1 else []
        if len(last) > 3 and last.endswith("s"):
            forms.append(last[:-1])
        for form in forms:
            if _by_first_author(form, candidates):
                return replace(work, names=(form, *work.names[position + 1 :]))
    return work


_YEAR_OR_PAREN = compiled(r"[\s,:]*\(|[\s,:]*(?:1[6-9]|20)\d\d|[\s,:]*n\.\s?d\.")
_ET_AL_END = compiled(r",?\s*et\s*\.?\s*al\b\.?\s*$")
# Words a reference may print before an organisation's name as the citation writes it:
# "The" of "The Universities and Colleges Admissions Service", "R" of "R Core Team".
ORGANISATION_LEAD = 2


def _written_names(work: CitedWork) -> str:
    """The names as printed, conjunctions kept: "Council on Physical Fitness and Sports"."""
    head = _YEAR_OR_PAREN.split(work.text, maxsplit=1)[0]
    return _ET_AL_END.sub("", head).strip()


def _by_organisation(work: CitedWork, candidates: Sequence[Candidate]) -> list[Candidate]:
    """References that open with the organisation the citation names.

    An organisation's name may hold "and" ("… Physical Fitness and Sports"), which the citation
    finder reads as two authors, and a parser may split it into given name and surname ("R
    Development Core Team" as R. Team): its words are looked for at the start of the entry.
    """
    written = _written_names(work)
    if not is_organisation(written):
        return []
    wanted = fold_name(written).split()
    matches = []
    for candidate in candidates:
        words = fold_name(candidate.reference.raw).split()[: len(wanted) + ORGANISATION_LEAD]
        if any(words[s : s + len(wanted)] == wanted for s in range(ORGANISATION_LEAD + 1)):
            matches.append(candidate)
    return matches


def _is_given_name(name: str, reference: Reference) -> bool:
    folded = fold_name(name)
    return len(folded) > 2 and any(fold_name(a.given) == folded for a in reference.authors)


def _by_first_author(name: str, candidates: Candidates) -> list[Candidate]:
    """References whose first author is ``name``; an organisation may open the raw text."""
    matches = candidates.by_first_author(name_forms(name))
    # An edited volume ("Nicholson, M., … (Eds.)", "(Hrsg.)") the parser read without
    # authors is still cited by its first editor, whose surname opens the entry.
    matches += [c for c in candidates.unauthored if _opens_with(c.reference.raw, name)]
    if matches or len(name.split()) < 2:
        return matches
    # "World Health Organization (2020)": the parser may not have kept it as one author.
    folded = fold_name(name)
    return [c for c in candidates.all if fold_name(c.reference.raw).startswith(folded)]


def _opens_with(raw: str, name: str) -> bool:
    wanted = fold_name(name).split()
    return bool(wanted) and fold_name(raw).split()[: len(wanted)] == wanted


def _link_title(
    citation_id: str, index: int, work: CitedWork, candidates: Sequence[Candidate]
) -> Link:
    """A work cited by its title matches references whose title (or text) begins alike."""
    title = fold_name(work.title or "")
    matches = [
        c
        for c in candidates
        if fuzz.partial_ratio(title, fold_name(c.reference.title or c.reference.raw[:200]))
        >= TITLE_SIMILARITY
    ]
    if not matches:
        return Link(citation_id, index, "unmatched")
    return choose(citation_id, index, work, matches, repair=None)


def _repair_first_name(
    work: CitedWork, candidates: Sequence[Candidate]
) -> tuple[list[Candidate], str] | None:
    """Find the references a wrongly written first name most likely meant."""
    written = work.names[0]
    words = fold_name(written).split()
    first_forms = name_forms(written) | ({words[-1]} if words else set())
    if len(words) >= 2:
        # "(Ahmed Raza, 2020)" for Raza, A.: a given name written before the surname.
        surname = words[-1]
        matches = [c for c in candidates if c.families and surname in c.families[0]]
        if matches:
            return matches, f"given name used as part of the surname ({written!r})"
    coauthored = [c for c in candidates if any(first_forms & f for f in c.families[1:])]
    if coauthored:
        return coauthored, f"a co-author cited as the first author ({written!r})"
    folded = "".join(words)
    scored = [
        (max(_typo_score(folded, form) for form in c.families[0]), c)
        for c in candidates
        if c.families
    ]
    best = max((score for score, _ in scored), default=0.0)
    if best >= TYPO_SIMILARITY:
        matches = [c for score, c in scored if score == best]
        family = matches[0].reference.authors[0].family
        return matches, f"misspelt surname ({written!r} for {family!r})"
    return None


def _typo_score(written: str, listed: str) -> float:
    """How alike two surnames are; two swapped letters count as a typo of any length."""
    return 100.0 if swaps_two_letters(written, listed) else fuzz.ratio(written, listed)


# When more than this share of cited works match nothing, the reference list was most likely
# not read correctly; reporting every citation as unmatched would be a false alarm.
MAX_UNMATCHED_SHARE = 0.5
MIN_WORKS_FOR_SHARE = 10
MIN_NOTE_MARKERS = 5


def cites_by_notes(document: Document) -> bool:
    """Whether the paper cites mostly in footnotes or endnotes (Chicago notes and bibliography).

    Notes name their works in full and are not linked to the list, so the list's entries
    would all look uncited.
    """
    works = sum(len(citation.works) for citation in document.citations)
    return document.note_markers >= MIN_NOTE_MARKERS and document.note_markers > works


def linking_is_trustworthy(document: Document, linking: Linking) -> bool:
    """Whether unmatched citations and uncited references can be reported at all."""
    if document.cites_by_key:
        return bool(document.references)  # linked by key: every unmatched key is real
    if not document.references or cites_by_notes(document):
        return False
    works = len(linking.links)
    unmatched = sum(1 for link in linking.links if link.status == "unmatched")
    return works < MIN_WORKS_FOR_SHARE or unmatched <= MAX_UNMATCHED_SHARE * works
