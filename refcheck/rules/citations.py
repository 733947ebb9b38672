"""CIT: every in-text citation points to exactly one reference, named the way it should be."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.health import Health, assess
from refcheck.link import linking_is_trustworthy
from refcheck.model import Citation, CitedWork, Finding, Link, Reference, Severity
from refcheck.patterns import compiled
from refcheck.rules.base import Rule, RuleInput

# Below this many citations the citation finder probably missed the paper's style, and saying
# that every reference is uncited would be a false alarm.
MIN_CITATIONS_FOR_UNCITED = 3


def _indexed(data: RuleInput) -> tuple[dict[str, Citation], dict[str, Reference]]:
    return (
        {c.id: c for c in data.document.citations},
        {r.id: r for r in data.document.references},
    )


def _links(data: RuleInput, status: str) -> Iterator[tuple[Link, Citation, CitedWork]]:
    citations, _ = _indexed(data)
    for link in data.linking.links:
        citation = citations.get(link.citation_id)
        if link.status == status and citation is not None:
            yield link, citation, citation.works[link.work_index]


_CAMEL_OR_ACRONYM = compiled(r"[a-z][A-Z]|[A-Z]{2}[a-z]|^[A-Z0-9]{2,}$")


def _surname_like(name: str) -> bool:
    """Whether a name written before "(year)" looks like a person's or body's surname."""
    # "McDonald", "DiMaggio", "LeBlanc": capitals inside a surname after a prefix.
    words = [
        re.sub(r"^(?:Mc|Mac|Di|De|Le|La|Du|Van|Von|D'|O')(?=[A-Z])", "", w)
        for w in re.split(r"[\s\-]+", name)
    ]
    lowered_part = bool(re.search(r"-[a-z]", name))  # "Fasttext-sum"
    return not lowered_part and not any(_CAMEL_OR_ACRONYM.search(w) for w in words if w)


def citation_form(reference: Reference) -> str:
    """How an author-year citation of the reference reads: "Smith & Lee, 2020a"."""
    families = [a.family for a in reference.authors]
    if not families:
        names = "Anon."
    elif len(families) == 1:
        names = families[0]
    elif len(families) == 2:
        names = f"{families[0]} & {families[1]}"
    else:
        names = f"{families[0]} et al."
    return f"{names}, {reference.year or 'n.d.'}{reference.year_suffix}"


def health_evidence(health: Health, doubt: str | None) -> dict[str, object]:
    """The document's health for a finding's evidence, and why it was stepped down, if so."""
    evidence: dict[str, object] = {"health": health.evidence()}
    if doubt:
        evidence["info_because"] = doubt
    return evidence


def anchor_evidence(link: Link) -> dict[str, object]:
    """What the PDF's own link of the callout says, for a finding's evidence."""
    return {"pdf_link": link.anchor} if link.anchor else {}


def _links_evidence(data: RuleInput) -> dict[str, object]:
    """A PDF that links its callouts to its list and links none to this entry makes "never
    cited" stronger: say so."""
    anchors = data.document.anchors
    if not anchors:
        return {}
    linked = len(data.linking.anchored)
    return {
        "pdf_links": f"the PDF links {len(anchors)} callouts to {linked} of the "
        f"{len(data.document.references)} references, none to this one"
    }


def _unlinked_evidence(data: RuleInput) -> dict[str, object]:
    """In a PDF that links its callouts to its list, no link names this work."""
    anchors = data.document.anchors
    if not anchors:
        return {}
    return {"pdf_links": f"the PDF links {len(anchors)} callouts to its list; none names this work"}


def _short(reference: Reference) -> str:
    return f"{reference.id} ({reference.raw[:80]}{'…' if len(reference.raw) > 80 else ''})"


class UnmatchedCitation(Rule):
    """An in-text citation that matches no reference.

    What it does:
    Reports every cited work — an author-year citation, or a number — that no entry of the
    reference list matches, even after tolerating diacritics, particles and typos. A callout
    that the PDF itself links to an entry matches that entry. When the
    PDF lacks pages (its printed page numbers or page labels jump), the reference may be on a
    missing page: the finding is then info, and says so.

    Why it matters:
    A reader cannot follow a citation to nothing; editors read it as a reference dropped in
    revision or a citation copied from elsewhere.

    Example:
    "(Garcia, 2018)" with no Garcia in the list; "[42]" in a list of 30 references.

    Fix:
    Add the missing reference, or correct the citation to the work that was meant.
    """

    code = "CIT001"
    name = "unmatched-citation"
    severity = Severity.ERROR

    def check(self, data: RuleInput) -> Iterator[Finding]:
        if not linking_is_trustworthy(data.document, data.linking):
            return
        numbered_list = any(r.label for r in data.document.references)
        health = assess(data.document, data.linking)
        doubt = health.unmatched_doubt()
        for _link, citation, work in _links(data, "unmatched"):
            if work.number is not None and not numbered_list:
                continue  # "[100, 200]" in an author-year paper is not a citation
            if work.title and work.title.startswith(("www.", "http")):
                continue  # a web address in parentheses is a link, a citation only if listed
            if citation.style == "narrative" and work.names and not _surname_like(work.names[0]):
                continue  # "SciBERT (2019)", "ELMo (2018)" in a table name models, not authors
            yield self.finding(
                f"citation {work.text!r} matches no reference",
                page=citation.page,
                citation_id=citation.id,
                evidence={
                    "citation": citation.text,
                    "work": work.text,
                    **_unlinked_evidence(data),
                    **health_evidence(health, doubt),
                },
                fix="Add the reference to the list, or correct the citation",
                severity=Severity.INFO if doubt else None,
            )


class UncitedReference(Rule):
    """A reference that no in-text citation points to.

    What it does:
    Reports entries of the reference list that no citation in the text links to. An entry
    that a link annotation of the PDF points to from the text (LaTeX hyperref, publishers'
    cross-references) is cited, even where the callout could not be read. The finding
    is info, with the reason, when the evidence for it is weak: pages are missing from the
    PDF, the list holds many entries that are not references, more than half of the
    references look uncited, or a list numbered by first citation has several uncited numbers
    below the highest one cited (the citation finder missed callouts).

    Why it matters:
    Most styles require every listed work to be cited; an uncited entry is often a citation
    removed in revision, or a typo in the citation that was meant to point to it.

    Example:
    "Lee, K. (2019). …" in the list, and no "(Lee, 2019)" or "Lee (2019)" anywhere.

    Fix:
    Cite the work where it is used, or remove it from the list.
    """

    code = "CIT002"
    name = "uncited-reference"
    severity = Severity.WARNING

    def check(self, data: RuleInput) -> Iterator[Finding]:
        if len(data.document.citations) < MIN_CITATIONS_FOR_UNCITED:
            return
        if not linking_is_trustworthy(data.document, data.linking):
            return
        cited = data.linking.cited_reference_ids()
        health = assess(data.document, data.linking)
        doubt = health.uncited_doubt()
        for reference in data.document.references:
            if reference.id not in cited:
                yield self.finding(
                    f"reference {reference.label or reference.id} is never cited: "
                    f"{reference.raw[:100]}",
                    page=reference.page,
                    reference_id=reference.id,
                    evidence={
                        "reference": reference.raw,
                        **_links_evidence(data),
                        **health_evidence(health, doubt),
                    },
                    fix="Cite it where the work is used, or remove it",
                    severity=Severity.INFO if doubt else None,
                )


class CitationYearMismatch(Rule):
    """The authors of a citation match a reference, but the year does not.

    What it does:
    Reports author-year citations whose names match a reference of another year, and names
    the likely reference.

    Why it matters:
    A wrong year sends the reader to the wrong edition or to nothing; it is the most common
    citation typo.

    Example:
    "(Smith, 2019)" when the list has only "Smith, J. (2020)".

    Fix:
    Correct the year in the citation, or in the reference if the citation is right.
    """

    code = "CIT003"
    name = "citation-year-mismatch"
    severity = Severity.ERROR

    def check(self, data: RuleInput) -> Iterator[Finding]:
        _, references = _indexed(data)
        for link, citation, work in _links(data, "year-mismatch"):
            meant = [references[i] for i in link.reference_ids if i in references]
            if not meant:
                continue
            yield self.finding(
                f"citation {work.text!r} has year {work.year} but the matching reference has "
                f"{meant[0].year}{meant[0].year_suffix}",
                page=citation.page,
                citation_id=citation.id,
                reference_id=meant[0].id,
                evidence={
                    "citation": citation.text,
                    "found": work.year,
                    "expected": meant[0].year,
                    "reference": meant[0].raw,
                    **anchor_evidence(link),
                },
                fix=f"Cite it as ({citation_form(meant[0])})",
            )


class CitationNameMismatch(Rule):
    """A citation that matches a reference only after repairing its names.

    What it does:
    Reports author-year citations linked to a reference only after a repair: a misspelt
    surname, a given name used as the surname, a co-author missing for a two-author work,
    or "et al." for a work with one or two authors. The fix gives the correct form.

    Why it matters:
    Readers and citation indexes match citations by surname and year; a garbled name breaks
    the match and misattributes the work.

    Example:
    "(Smtih, 2020)" for Smith (2020); "(Ahmed Raza, 2020)" for Raza, A. (2020);
    "(Smith, 2020)" for Smith & Lee (2020).

    Fix:
    Write the citation as the fix says.
    """

    code = "CIT004"
    name = "citation-name-mismatch"
    severity = Severity.WARNING

    def check(self, data: RuleInput) -> Iterator[Finding]:
        _, references = _indexed(data)
        for link, citation, work in _links(data, "repaired"):
            reference = references.get(link.reference_ids[0]) if link.reference_ids else None
            if reference is None:
                continue
            yield self.finding(
                f"citation {work.text!r} names the authors wrongly: {link.repair}",
                page=citation.page,
                citation_id=citation.id,
                reference_id=reference.id,
                evidence={
                    "citation": citation.text,
                    "found": work.text,
                    "expected": citation_form(reference),
                    "repair": link.repair,
                    "reference": reference.raw,
                    **anchor_evidence(link),
                },
                fix=f"Cite it as ({citation_form(reference)})",
            )


class AmbiguousCitation(Rule):
    """A citation that fits several references.

    What it does:
    Reports author-year citations that match more than one reference equally well, typically
    two works of the same first author and year without the "a"/"b" suffixes.

    Why it matters:
    The reader cannot tell which work is meant.

    Example:
    "(Smith, 2020)" with "Smith, J. (2020a)" and "Smith, J. (2020b)" in the list.

    Fix:
    Add the year suffix (2020a, 2020b) to the citation, and to the references if missing.
    """

    code = "CIT005"
    name = "ambiguous-citation"
    severity = Severity.WARNING

    def check(self, data: RuleInput) -> Iterator[Finding]:
        _, references = _indexed(data)
        for link, citation, work in _links(data, "ambiguous"):
            options = [references[i] for i in link.reference_ids if i in references]
            forms = [f"({citation_form(r)})" for r in options]
            fix = f"Say which: {', '.join(forms)}"
            if len(set(forms)) < len(forms):  # the list prints them alike: suffixes tell apart
                suffixed = ", ".join(f"{work.year}{chr(97 + n)}" for n in range(len(forms)))
                fix = f"Give the references year suffixes ({suffixed}) and cite each by its own"
            yield self.finding(
                f"citation {work.text!r} fits {len(options)} references",
                page=citation.page,
                citation_id=citation.id,
                evidence={
                    "citation": citation.text,
                    "candidates": [_short(r) for r in options],
                    **anchor_evidence(link),
                },
                fix=fix,
            )
