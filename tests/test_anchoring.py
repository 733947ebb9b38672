"""Where the PDF's own link and our reading of a callout meet: which one wins, and the evidence.

The link is made by the typesetting system from the author's own citation key, so where the
text alone matched nothing, several entries or another entry, the link decides; where both
agree, the finding keeps the link as evidence. Numbered callouts are left to their numbers.
"""

from __future__ import annotations

from dataclasses import replace

from refcheck.extract.anchors import repair_reference
from refcheck.link import link_citations
from refcheck.model import Anchor, Citation, Document, Reference
from refcheck.rules import RuleInput
from refcheck.rules.citations import CitationNameMismatch, UncitedReference, UnmatchedCitation
from tests.rules.examples import ay, cite, document, num, ref


def _linked(
    references: tuple[Reference, ...], citations: tuple[Citation, ...], *anchors: Anchor
) -> Document:
    return replace(document(references=references, citations=citations), anchors=anchors)


def test_link_resolves_a_callout_the_text_found_ambiguous() -> None:
    refs = (ref(1, "Smith, John", "2020", "First"), ref(2, "Smith, John", "2020", "Second"))
    refs = (replace(refs[0], year_suffix="a"), replace(refs[1], year_suffix="b"))
    citations = (cite(1, "(Smith, 2020)", ay("Smith", "2020")),)
    assert link_citations(document(references=refs, citations=citations)).links[0].status == (
        "ambiguous"
    )
    anchor = Anchor(2, "Smith, 2020", "R2", "cite.smith2020b")
    (link,) = link_citations(_linked(refs, citations, anchor)).links
    assert (link.status, link.reference_ids) == ("exact", ("R2",))
    assert "cite.smith2020b" in (link.anchor or "") and "ambiguous" in (link.anchor or "")


def test_link_outranks_a_text_match_to_another_entry() -> None:
    refs = (ref(1, "Lee, Ann", "2019"), ref(2, "Lee, Ann; Park, Bo", "2019"))
    citations = (cite(1, "(Lee, 2019)", ay("Lee", "2019")),)
    (link,) = link_citations(_linked(refs, citations, Anchor(2, "(Lee, 2019)", "R2"))).links
    assert (link.status, link.reference_ids) == ("exact", ("R2",))


def test_link_agreeing_with_a_repair_is_kept_as_its_evidence() -> None:
    refs = (ref(1, "Smith, John", "2020"),)
    citations = (cite(1, "(Smtih, 2020)", ay("Smtih", "2020")),)
    data = _linked(refs, citations, Anchor(2, "(Smtih, 2020)", "R1", "cite.smith"))
    linking = link_citations(data)
    assert linking.links[0].status == "repaired"
    (finding,) = CitationNameMismatch().check(RuleInput(data, linking))
    assert "cite.smith" in finding.evidence["pdf_link"]


def test_only_the_year_linked_is_told_apart_by_the_names_before_it() -> None:
    """ "Cohan et al. (2018)" with the link on "(2018)" alone: the names before it decide."""
    refs = (ref(1, "Cohan, Arman; Lee, B; Kim, C", "2018"), ref(2, "Narayan, S", "2018"))
    citations = (cite(1, "Narayan (2018)", ay("Narayan", "2018")),)
    wrong = Anchor(2, "(2018)", "R1", before="proposed by Cohan et al.")
    (link,) = link_citations(_linked(refs, citations, wrong)).links
    assert (link.status, link.reference_ids, link.anchor) == ("exact", ("R2",), None)
    right = Anchor(2, "(2018)", "R2", before="and later Narayan")
    (link,) = link_citations(_linked(refs, citations, right)).links
    assert link.anchor is not None


def test_link_to_the_inside_of_an_entry_cites_it_but_does_not_relink() -> None:
    """A target inside an entry, not at its start: the list may have swallowed a neighbour."""
    refs = (ref(1, "Lee, Ann", "2019"), ref(2, "Lee, Ann; Park, Bo", "2019"))
    citations = (cite(1, "(Lee, 2019)", ay("Lee", "2019")),)
    anchor = Anchor(2, "(Lee, 2019)", "R2", at_start=False)
    linking = link_citations(_linked(refs, citations, anchor))
    assert linking.links[0].reference_ids == ("R1",)
    assert linking.anchored == ("R2",)


def test_numbered_callouts_stay_with_their_numbers() -> None:
    refs = tuple(ref(n, f"A{n}, B", "2019", label=True) for n in (1, 2, 3))
    citations = (cite(1, "[1–3]", num(1), num(3)),)
    (first, last) = link_citations(_linked(refs, citations, Anchor(2, "[1–3]", "R3"))).links
    assert (first.reference_ids, last.reference_ids) == (("R1",), ("R3",))


def test_linked_entry_is_not_reported_uncited_and_others_say_so() -> None:
    """A table cell "BM25 (1995)" that the citation finder cannot read, linked to R5."""
    refs = (*(ref(n, f"Name{n}, A", "2019") for n in (1, 2, 3, 4)), ref(5, "Robertson, S", "1995"))
    citations = tuple(cite(n, f"(Name{n}, 2019)", ay(f"Name{n}", "2019")) for n in (1, 2, 3))
    data = _linked(refs, citations, Anchor(4, "BM25 (1995)", "R5"))
    findings = list(UncitedReference().check(RuleInput(data, link_citations(data))))
    assert [f.reference_id for f in findings] == ["R4"]
    assert findings[0].evidence["pdf_links"].startswith("the PDF links 1 callouts to 1 of the 5")


def test_uri_repairs_only_what_the_text_cut_short() -> None:
    cut = replace(ref(1, "A, B", "2019"), doi="10.5555/abc.2019", urls=("https://ex.org/a/",))
    whole = ["https://doi.org/10.5555/abc.2019.77", "https://ex.org/a/b.html"]
    repaired = repair_reference(cut, whole)
    assert (repaired.doi, repaired.urls) == ("10.5555/abc.2019.77", ("https://ex.org/a/b.html",))
    other = replace(cut, doi="10.5555/other")
    assert repair_reference(other, whole).doi == "10.5555/other"  # disagrees: printed kept
    none = replace(cut, doi=None)
    assert repair_reference(none, whole).doi == "10.5555/abc.2019.77"
    two = ["https://doi.org/10.5555/one", "https://doi.org/10.5555/two"]
    assert repair_reference(none, two).doi is None  # which one is this entry's: unknown


def test_a_link_drawn_over_a_whole_line_names_no_work() -> None:
    """Words of other callouts under a wide link rectangle must not relink a work."""
    refs = (ref(1, "Lee, Ann", "2019"), ref(2, "Park, Bo", "2019"))
    citations = (cite(1, "(Lee, 2019)", ay("Lee", "2019")),)
    line = "as shown before (Lee, 2019) and in the survey of Park (2019) on this"
    (link,) = link_citations(_linked(refs, citations, Anchor(2, line, "R2"))).links
    assert (link.reference_ids, link.anchor) == (("R1",), None)


def test_unmatched_citation_in_a_linked_pdf_says_no_link_names_it() -> None:
    refs = (ref(1, "Lee, Ann", "2019"), ref(2, "Park, Bo", "2019"))
    citations = (
        cite(1, "(Lee, 2019)", ay("Lee", "2019")),
        cite(2, "Lupton (2005)", ay("Lupton", "2005")),
    )
    data = _linked(refs, citations, Anchor(2, "(Lee, 2019)", "R1"))
    (finding,) = UnmatchedCitation().check(RuleInput(data, link_citations(data)))
    assert finding.evidence["pdf_links"].endswith("none names this work")


def test_a_link_does_not_tell_apart_entries_printed_alike() -> None:
    """Two entries printed "Smith, J. (2020)." read the same in the text: the link names the
    work meant, the page does not (CIT005 stays, with the link as evidence)."""
    refs = (ref(1, "Smith, John", "2020", "First"), ref(2, "Smith, John", "2020", "Second"))
    citations = (cite(1, "(Smith, 2020)", ay("Smith", "2020")),)
    anchor = Anchor(2, "Smith, 2020", "R2", "cite.smith2020tw")
    (link,) = link_citations(_linked(refs, citations, anchor)).links
    assert (link.status, set(link.reference_ids)) == ("ambiguous", {"R1", "R2"})
    assert "cite.smith2020tw" in (link.anchor or "")
