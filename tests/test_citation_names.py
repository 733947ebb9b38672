"""What is a citation, and whose names it writes: dates and spans of years, acronyms and
placeholders, organisations, editors, conjunctions of other languages, prose glued to a name.

Each case is read from text by the citation finder and linked against references parsed from
their printed form, in at least two reference styles (APA's "Family, I. (Year).", Harvard's
"Family, I. Year." or ACL's "Given Family. Year."), so that a fix is the mechanism's and not one
paper's.
"""

from __future__ import annotations

import pytest

from refcheck.extract.citations import citations_in_text
from refcheck.extract.references.parse import parse_reference
from refcheck.link import link_citations
from refcheck.model import Citation
from tests.rules.examples import document

Linked = list[tuple[str, str, tuple[str, ...]]]


def linked(body: str, *raws: str) -> Linked:
    """(cited work, link status, reference ids) for every work cited in ``body``."""
    references = tuple(parse_reference(raw, id=f"R{i}", page=9) for i, raw in enumerate(raws, 1))
    citations = tuple(
        Citation(f"C{i}", body[start:end], 1, style, works)
        for i, (start, end, style, works) in enumerate(citations_in_text(body), 1)
    )
    links = link_citations(document(references=references, citations=citations)).links
    by_id = {c.id: c for c in citations}
    return [
        (by_id[link.citation_id].works[link.work_index].text, link.status, link.reference_ids)
        for link in links
    ]


def statuses(result: Linked) -> list[str]:
    return [status for _, status, _ in result]


APA_SMITH = "Smith, J. (2011). A study of things. Journal of Studies, 3, 1–10."
ACL_SMITH = "John Smith. 2011. A study of things. In Proceedings of ACL, pages 1–10."


@pytest.mark.parametrize(
    "body",
    [
        "Data were collected in two waves (USA, 2011–2012) and (Deutschland, 2008-2011).",
        "The archive (USJ, 1968–1972) moved later (Headquarters, 1972–1990).",
        "Hamza Alavi (1921-2003) wrote on the state.",
        "The National Committee (1945–1990; NC) met yearly.",
    ],
)
@pytest.mark.parametrize("reference", [APA_SMITH, ACL_SMITH])
def test_a_span_of_years_is_one_doubtful_work_never_unmatched(body: str, reference: str) -> None:
    result = linked(body, reference)
    assert result
    assert set(statuses(result)) == {"uncertain"}
    assert all(len(works) == 1 for *_, works in citations_in_text(body))


@pytest.mark.parametrize("reference", [APA_SMITH, ACL_SMITH])
def test_a_span_of_years_still_links_when_the_list_has_the_work(reference: str) -> None:
    assert linked("as argued (Smith, 2011–2012).", reference) == [
        ("Smith, 2011–2012", "exact", ("R1",))
    ]
    assert statuses(linked("Smith (2011-12) argued", reference)) == ["exact"]


@pytest.mark.parametrize(
    "body",
    [
        "Styles differ (e.g. ABC, 2019) from narrative ones such as XYZ (2019).",
        "A placeholder (XYZ, 2019) stands for any work.",
        "Umfragen (Okt. 2011 – Januar 2012) zeigen das.",
        "Las encuestas (Marzo, 2011) lo muestran.",
    ],
)
@pytest.mark.parametrize("reference", [APA_SMITH, ACL_SMITH])
def test_acronyms_placeholders_and_months_are_doubted(body: str, reference: str) -> None:
    assert set(statuses(linked(body, reference))) == {"uncertain"}


def test_an_acronym_that_the_list_has_links() -> None:
    for raw in (
        "WHO. (2020). World health statistics. Geneva: WHO.",
        "WHO. 2020. World health statistics. World Health Organization, Geneva.",
    ):
        assert statuses(linked("as reported (WHO, 2020).", raw)) == ["exact"]


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("wie Goldstein und Keohane (1993) zeigen", ("Goldstein", "Keohane")),
        ("comme Dupont et Martin (2001) le montrent", ("Dupont", "Martin")),
        ("según García y López (2005), el", ("García", "López")),
        ("secondo Rossi e Bianchi (2010) il", ("Rossi", "Bianchi")),
        ("enligt Berg och Ek (2012) är", ("Berg", "Ek")),
        ("(Dupont et Martin, 2001)", ("Dupont", "Martin")),
    ],
)
def test_conjunctions_of_other_languages_join_two_authors(
    body: str, names: tuple[str, ...]
) -> None:
    (found,) = citations_in_text(body)
    assert found[3][0].names == names
    assert found[3][0].et_al is False


def test_et_al_is_no_conjunction() -> None:
    (found,) = citations_in_text("(Dupont et al., 2001)")
    assert (found[3][0].names, found[3][0].et_al) == (("Dupont",), True)


@pytest.mark.parametrize(
    "reference",
    [
        "McCourt, T., & Burkart, P. (2003). When creators collide. Media, 25, 333–350.",
        "McCourt, T. and Burkart, P. 2003. When creators collide. Media, Culture & Society 25(3):"
        " 333–350.",
    ],
)
def test_german_und_cites_the_first_author_not_a_co_author(reference: str) -> None:
    assert linked("wie McCourt und Burkart (2003) im Fall", reference) == [
        ("McCourt und Burkart (2003)", "exact", ("R1",))
    ]


@pytest.mark.parametrize(
    "reference",
    [
        "Mitrovic, S., & Müller, H. (2015). Summarizing citation contexts. In ECIR (pp. 1–8).",
        "Sandra Mitrovic and Henning Müller. 2015. Summarizing citation contexts. In ECIR.",
    ],
)
@pytest.mark.parametrize(
    "body", ["(Cohan, 2015; Mitrovic´\nand Müller, 2015).", "as Mitrovic´ and Müller (2015) do"]
)
def test_an_accent_drawn_after_the_name_stays_with_it(body: str, reference: str) -> None:
    assert statuses(linked(body, reference))[-1] == "exact"


@pytest.mark.parametrize(
    ("body", "reference"),
    [
        (
            "(President’s Council on Physical Fitness and Sports, 2006)",
            "President’s Council on Physical Fitness and Sports. (2006). Sports and character "
            "development. Research Digest, 7(1), 1–8.",
        ),
        (
            "(R Development Core Team 2006)",
            "R Development Core Team (2006). R: A Language and Environment for Statistical "
            "Computing. R Foundation, Vienna.",
        ),
        (
            "R Core Team (2021) provides",
            "R Core Team. 2021. R: A language and environment for statistical computing. "
            "R Foundation for Statistical Computing, Vienna.",
        ),
        (
            "(The Universities and Colleges Admissions Service, 2019)",
            "The Universities and Colleges Admissions Service. (2019). End of cycle report "
            "2019. Cheltenham: UCAS.",
        ),
        (
            "Statistisches Bundesamt (2010) meldet",
            "Statistisches Bundesamt. 2010. Bevölkerung und Erwerbstätigkeit. Wiesbaden.",
        ),
    ],
)
def test_organisations_are_cited_by_their_whole_name(body: str, reference: str) -> None:
    (result,) = linked(body, reference, APA_SMITH)
    assert result[1:] == ("exact", ("R1",))


@pytest.mark.parametrize(
    ("body", "editors"),
    [
        (
            "(Nicholson, Hoye & Houlihan, 2011, p. 305)",
            "Nicholson, M., Hoye, R., & Houlihan, B. (Eds.). (2011). Participation in sport: "
            "International policy perspectives. London: Routledge.",
        ),
        (
            "(Goldstein & Keohane, 1993a)",
            "Goldstein, J., & Keohane, R. O. (Hrsg.). (1993a). Ideas and Foreign Policy. "
            "Ithaca: Cornell University Press.",
        ),
    ],
)
def test_an_edited_volume_is_cited_by_its_editors(body: str, editors: str) -> None:
    chapter = (
        "Goldstein, J., & Keohane, R. O. (1993b). Ideas and Foreign Policy: An Analytical "
        "Framework. In Ideas and Foreign Policy (S. 3-30). Ithaca: Cornell University Press."
    )
    (result,) = linked(body, editors, chapter)
    assert result[1:] == ("exact", ("R1",))


def test_the_year_suffix_picks_the_chapter_over_the_volume() -> None:
    volume = "Goldstein, J., & Keohane, R. O. (Hrsg.). (1993a). Ideas. Ithaca: Cornell UP."
    chapter = "Goldstein, J., & Keohane, R. O. (1993b). Ideas: A Framework. In Ideas. Ithaca."
    assert linked("(Goldstein & Keohane, 1993b)", volume, chapter)[0][1:] == ("exact", ("R2",))


KIM_APA = "Kim, J.-D., Ohta, T., Tateisi, Y., & Tsujii, J. (2003). GENIA corpus. Bioinf., 19."
KIM_ACL = "Jin-Dong Kim, Tomoko Ohta, Yuka Tateisi, and Jun’ichi Tsujii. 2003. GENIA corpus."


@pytest.mark.parametrize("reference", [KIM_APA, KIM_ACL])
@pytest.mark.parametrize(
    "body",
    [
        "as Jin-Dong Kim et al. (2003) show",
        "GENIA Kim et al. (2003) 73.2 75.1",
        "A Need for Scepticism\nKim et al. (2003, p. 122) argue",
        "Biomed & CS SciCite Kim et al. (2003) 84.0",
    ],
)
def test_prose_before_a_narrative_name_is_not_part_of_it(body: str, reference: str) -> None:
    assert [result[1:] for result in linked(body, reference)] == [("exact", ("R1",))]


@pytest.mark.parametrize(
    "reference",
    [
        "Levine, D. (2012). Bring in the Nerds. Berkeley: University of California Press.",
        "David Levine. 2012. Bring in the Nerds. University of California Press, Berkeley.",
    ],
)
def test_a_german_genitive_names_the_author(reference: str) -> None:
    assert statuses(linked("In den Worten Levines (2012) ist", reference)) == ["exact"]
    assert statuses(linked("Levines (2012) Ansatz", reference)) == ["exact"]


@pytest.mark.parametrize(
    "reference",
    [
        "Raza, A. (2020). A study. Journal of Studies, 3, 1–10.",
        "Raza, A. 2020. A study. Journal of Studies 3: 1–10.",
    ],
)
def test_a_given_name_inside_parentheses_is_still_a_repair(reference: str) -> None:
    ((_, status, ids),) = linked("(Ahmed Raza, 2020)", reference)
    assert (status, ids) == ("repaired", ("R1",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as in [31, Ch. 3].", [31]),
        ("see [2, Sec. 4.1] and", [2]),
        ("by [9, Thm. 2] we", [9]),
        ("see [26e28] for", [26, 27, 28]),
        ("see [12e14, 17] for", [12, 13, 14, 17]),
    ],
)
def test_brackets_with_a_place_or_a_dash_drawn_as_a_letter(text: str, expected: list[int]) -> None:
    (found,) = citations_in_text(text)
    assert [w.number for w in found[3]] == expected


# Two authors of one surname: the style prints initials to tell them apart (biblatex's
# uniquename, citeproc's disambiguate-add-givenname).
COHEN_2008 = (
    "Cohen, M. X., Schoene-Bake, J.-C. and Weber, B. (2008). Connectivity-based segregation. "
    "Nature Neuroscience, 11, 32–34.",
    "M. X. Cohen, J.-C. Schoene-Bake, and B. Weber. Connectivity-based segregation. Nature "
    "Neuroscience, 11:32–34, 2008.",
)
WALTON_2011 = (
    "Walton, G. M. and Cohen, G. L. (2011). A brief social-belonging intervention. Science, "
    "331, 1447–1451.",
    "G. M. Walton and G. L. Cohen. A brief social-belonging intervention. Science, "
    "331:1447–1451, 2011.",
)


@pytest.mark.parametrize("style", [0, 1], ids=["apa", "plainnat"])
def test_initials_that_tell_two_cohens_apart_are_not_a_name_cut_short(style: int) -> None:
    body = (
        "Walton and G. L. Cohen (2011) reported it, as had M. X. Cohen et al. (2008) and "
        "(G. L. Cohen and Walton, 2011)."
    )
    result = linked(body, COHEN_2008[style], WALTON_2011[style])
    assert [(status, ids) for _, status, ids in result] == [
        ("exact", ("R2",)),
        ("exact", ("R1",)),
        ("repaired", ("R2",)),  # the authors are swapped: that is a true CIT004
    ]


@pytest.mark.parametrize(
    "reference",
    [
        "Dawe, H. R., Farr, H. and Gull, K. (2007). Centriole/basal body morphogenesis. "
        "Journal of Cell Science, 120, 7–15.",
        "H. R. Dawe, H. Farr, and K. Gull. Centriole/basal body morphogenesis. Journal of "
        "Cell Science, 120:7–15, 2007.",
    ],
)
def test_two_swapped_letters_of_a_short_surname_are_a_misspelling(reference: str) -> None:
    ((_, status, ids),) = linked("as Dwae et al. (2007) showed.", reference)
    assert (status, ids) == ("repaired", ("R1",))
    # A name that differs otherwise is no typo of it.
    assert statuses(linked("as Dave et al. (2007) showed.", reference)) == ["unmatched"]


@pytest.mark.parametrize(
    "reference",
    [
        "T. J. Barnes. Life and death: history and philosophy of geography, 2005-2007. "
        "Progress in Human Geography, 32:650–658, 2008.",
        "Barnes, T. J. (2008). The years 1990 to 2005 in geography. Progress in Human "
        "Geography, 32, 650–658.",
    ],
)
def test_no_year_mismatch_against_a_reference_that_prints_the_cited_year(reference: str) -> None:
    cited_year = "2008" if "1990" not in reference else "1990"
    result = linked(f"as argued (Barnes, {cited_year}).", reference)
    assert statuses(result) == ["uncertain"] or statuses(result) == ["exact"]
    assert result[0][2] == ("R1",)
