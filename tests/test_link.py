"""Linking citations to references: statuses and the repairs recorded."""

from __future__ import annotations

from dataclasses import replace

import pytest

from refcheck.link import link_citations
from refcheck.names import name_forms
from tests.rules.examples import ay, cite, document, num, ref


def test_particles_are_optional_but_other_words_are_not() -> None:
    assert name_forms("van der Berg") == {"vanderberg", "berg"}
    assert name_forms("Ahmed Raza") == {"ahmedraza"}
    assert name_forms("Smith-Jones") == {"smithjones"}
    assert "muller" in name_forms("Müller")


def test_numeric_citations_link_by_printed_label() -> None:
    refs = tuple(ref(n, f"A{n}, B", "2019", label=True) for n in (1, 2, 3))
    linking = link_citations(document(references=refs, citations=(cite(1, "[2]", num(2)),)))
    (link,) = linking.links
    assert (link.status, link.reference_ids) == ("exact", ("R2",))


def test_each_repair_is_named() -> None:
    refs = (ref(1, "Smith, John; Lee, Jo", "2020"), ref(2, "Raza, Ahmed", "2020"))
    citations = (
        cite(1, "(Smtih & Lee, 2020)", ay("Smtih & Lee", "2020")),
        cite(2, "(Ahmed Raza, 2020)", ay("Ahmed Raza", "2020")),
        cite(3, "(Smith, 2020)", ay("Smith", "2020")),
    )
    links = link_citations(document(references=refs, citations=citations)).links
    assert [(link.status, link.reference_ids) for link in links] == [
        ("repaired", ("R1",)),
        ("repaired", ("R2",)),
        ("repaired", ("R1",)),
    ]
    assert "misspelt" in (links[0].repair or "")
    assert "given name" in (links[1].repair or "")
    assert "co-author missing" in (links[2].repair or "")


def test_year_mismatch_names_the_likely_reference() -> None:
    refs = (ref(1, "Smith, John", "2018"), ref(2, "Smith, John", "2020", "Other"))
    (link,) = link_citations(
        document(references=refs, citations=(cite(1, "(Smith, 2019)", ay("Smith", "2019")),))
    ).links
    assert link.status == "year-mismatch"
    assert set(link.reference_ids) == {"R1", "R2"}


def test_et_al_picks_the_many_author_work_of_that_year() -> None:
    refs = (ref(1, "Smith, John", "2020"), ref(2, "Smith, John; Lee, Jo; Park, Su", "2020", "B"))
    (link,) = link_citations(
        document(
            references=refs,
            citations=(cite(1, "(Smith et al., 2020)", ay("Smith", "2020", et_al=True)),),
        )
    ).links
    assert (link.status, link.reference_ids) == ("exact", ("R2",))


def test_address_cited_in_parentheses_links_to_the_address_entry() -> None:
    from refcheck.model import CitedWork, Reference

    refs = (Reference("R1", "www.moh.gov.ps", 9, label="41"),)
    work = CitedWork("www.moh.gov.ps", title="www.moh.gov.ps")
    (link,) = link_citations(document(references=refs, citations=(cite(1, "(…)", work),))).links
    assert (link.status, link.reference_ids) == ("exact", ("R1",))


def test_co_author_cited_as_first_author_is_a_repair() -> None:
    refs = (ref(1, "Bordoloi, Sanjeev K.; Matsuo, Hirofumi", "2001"),)
    citations = (cite(1, "Hirofumi Matsuo (2001)", ay("Hirofumi Matsuo", "2001")),)
    (link,) = link_citations(document(references=refs, citations=citations)).links
    assert (link.status, link.reference_ids) == ("repaired", ("R1",))
    assert "co-author cited as the first author" in (link.repair or "")


def test_name_that_is_only_a_given_name_in_the_list_is_uncertain() -> None:
    refs = (ref(1, "Harry, Truman", "1949"),)
    citations = (cite(1, "(Truman, 1949)", ay("Truman", "1949")),)
    (link,) = link_citations(document(references=refs, citations=citations)).links
    assert link.status == "uncertain"


def test_no_author_count_claim_when_the_reference_says_et_al() -> None:
    from dataclasses import replace

    peavy = replace(ref(1, "Peavy, G. M.", "2009"), raw="Peavy, G. M. et al. (2009). Title. J, 3.")
    citations = (cite(1, "(Peavy et al., 2009)", ay("Peavy", "2009", et_al=True)),)
    (link,) = link_citations(document(references=(peavy,), citations=citations)).links
    assert link.status == "exact"


def test_accents_drawn_as_glyphs_of_their_own_do_not_break_a_surname() -> None:
    # arxiv_1707.04066 prints "Schunov´a-Lilly" and acl 2020.207 "Reh u˚ˇrek" (ˇ is a letter).
    refs = (ref(1, "Schunov´a-Lilly, E.; Jedicke, R.; Vereš, P.", "2017"),
            ref(2, "Reh u˚ˇrek, Radim; Sojka, Petr", "2010", "Software framework"))  # fmt: skip
    citations = (
        cite(1, "Lilly et al. 2017", ay("Lilly", "2017", et_al=True)),
        cite(2, "(Řehůřek and Sojka, 2010)", ay("Řehůřek & Sojka", "2010")),
    )
    links = link_citations(document(references=refs, citations=citations)).links
    assert [(link.status, link.reference_ids) for link in links] == [
        ("exact", ("R1",)),
        ("exact", ("R2",)),
    ]


def test_a_misspelt_reference_of_the_right_year_beats_a_same_name_work_of_another_year() -> None:
    # ssoar_53281: "Kobasa (1979)" cites "Kobassa S. C. (1979)"; the list also holds
    # "Kobasa S. C., Maddi S. R., Kahn S. (1982)", another work with the right spelling.
    refs = (
        ref(1, "Kobasa, S. C.; Maddi, S. R.; Kahn, S.", "1982", "Hardiness and health"),
        ref(2, "Kobassa, S. C.", "1979", "Stressful life events"),
    )
    citations = (cite(1, "Kobasa (1979)", ay("Kobasa", "1979")),)
    (link,) = link_citations(document(references=refs, citations=citations)).links
    assert (link.status, link.reference_ids) == ("repaired", ("R2",))
    assert "misspelt" in (link.repair or "")


def test_every_co_author_named_tells_two_works_of_one_year_apart() -> None:
    # online benchmark paper 49 (Chicago): two 2011 works of Ferreira and Åberg.
    refs = (
        ref(1, "Ferreira, Beatriz; Åberg, Lina; Abubakar, Zainab", "2011"),
        ref(2, "Ferreira, Beatriz; Åberg, Lina; Fischer, Hanna", "2011"),
    )
    citations = (
        cite(1, "(Ferreira, Åberg, and Fischer 2011)", ay("Ferreira & Åberg & Fischer", "2011")),
        cite(2, "(Ferreira, Åberg, and Abubakar 2011)", ay("Ferreira & Åberg & Abubakar", "2011")),
        cite(3, "(Ferreira et al. 2011)", ay("Ferreira", "2011", et_al=True)),
    )
    links = link_citations(document(references=refs, citations=citations)).links
    assert [(link.status, link.reference_ids) for link in links] == [
        ("exact", ("R2",)),
        ("exact", ("R1",)),
        ("ambiguous", ("R1", "R2")),
    ]


def test_no_author_count_claim_when_the_text_before_the_year_joins_more_names() -> None:
    from dataclasses import replace

    # The parser kept one author of "Nakashima, Ren, Camila Núñez, and Sean Brennan. 2008.".
    one = replace(
        ref(1, "Nakashima, Ren", "2008"),
        raw="Nakashima, Ren, Camila Núñez, and Sean Brennan. 2008. A study. Journal, 3.",
    )
    citations = (cite(1, "(Nakashima et al. 2008)", ay("Nakashima", "2008", et_al=True)),)
    (link,) = link_citations(document(references=(one,), citations=citations)).links
    assert (link.status, link.reference_ids) == ("exact", ("R1",))
    alone = ref(2, "Nakashima, Ren", "2008")
    (link,) = link_citations(document(references=(alone,), citations=citations)).links
    assert link.status == "repaired" and '"et al." for a work with 1 author' in (link.repair or "")


@pytest.mark.parametrize(
    ("authors", "written", "et_al"),
    [
        ("Kephart, J. O. Wellman; Hogg, T.; Huberman, B. A.", "Wellman Kephart", True),
        ("Márquez, G. García", "García Márquez", False),
        ("Berg, A.-M. de la; Smith, J.", "de la Berg & Smith", False),
    ],
    ids=["plainnat-initials-then-word", "one-author-accented", "particle-kept"],
)
def test_a_compound_surname_the_parse_split_after_initials_is_cited_whole(
    authors: str, written: str, et_al: bool
) -> None:
    # "J. O. Wellman Kephart" parsed as Kephart, given "J. O. Wellman": a style that
    # abbreviates given names abbreviates them all, so "Wellman" is the surname's.
    refs = (ref(1, authors, "1989"),)
    citations = (cite(1, f"({written}, 1989)", ay(written, "1989", et_al=et_al)),)
    (link,) = link_citations(document(references=refs, citations=citations)).links
    assert (link.status, link.reference_ids, link.repair) == ("exact", ("R1",), None)


@pytest.mark.parametrize("given", ["Ahmed", "A.", "Ahmed A."])
def test_a_given_name_written_before_the_surname_is_still_repaired(given: str) -> None:
    refs = (ref(1, f"Raza, {given}", "2020"),)
    citations = (cite(1, "(Ahmed Raza, 2020)", ay("Ahmed Raza", "2020")),)
    (link,) = link_citations(document(references=refs, citations=citations)).links
    assert link.status == "repaired" and "given name" in (link.repair or "")


def test_suffix_counts_the_works_of_a_list_that_prints_none() -> None:
    """aer.bst prints "(Chernoff, 1952b)" in the text and a bare 1952 in the list."""
    refs = (ref(1, "Chernoff, H.", "1952", "Measure"), ref(2, "Chernoff, H.", "1952", "Return"))
    citations = tuple(
        cite(n, f"(Chernoff, 1952{s})", ay("Chernoff", "1952", suffix=s))
        for n, s in ((1, "b"), (2, "a"), (3, "c"), (4, ""))
    )
    links = link_citations(document(references=refs, citations=citations)).links
    assert [(link.status, link.reference_ids) for link in links] == [
        ("exact", ("R2",)),
        ("exact", ("R1",)),
        ("ambiguous", ("R1", "R2")),  # a third work of that year is not in the list
        ("ambiguous", ("R1", "R2")),
    ]


def test_suffixes_printed_in_the_list_are_matched_as_printed() -> None:
    refs = (
        ref(1, "Chernoff, H.", "1952", "Measure", suffix="b"),
        ref(2, "Chernoff, H.", "1952", "Return", suffix="a"),
    )
    citations = (cite(1, "(Chernoff, 1952a)", ay("Chernoff", "1952", suffix="a")),)
    (link,) = link_citations(document(references=refs, citations=citations)).links
    assert (link.status, link.reference_ids) == ("exact", ("R2",))


def test_a_wrong_year_of_a_work_the_list_prints_with_et_al_is_a_year_mismatch() -> None:
    """biblatex prints "Duszenko, M. et al. (1988)": one name read, yet "et al." fits it."""
    listed = replace(
        ref(1, "Duszenko, M.", "1988", "Intracellular transport"),
        raw="Duszenko, M. et al. (1988). “Intracellular transport”. In: J. Cell 3, 1-10.",
    )
    citations = (cite(1, "Duszenko et al. (1989)", ay("Duszenko", "1989", et_al=True)),)
    (link,) = link_citations(document(references=(listed,), citations=citations)).links
    assert (link.status, link.reference_ids) == ("year-mismatch", ("R1",))
