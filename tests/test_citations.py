"""In-text citations: every form the detector reads, the traps it must not fall into, and a
small document built from synthetic lines."""

from __future__ import annotations

import pytest

from refcheck.extract.citations import citations_in_text, cites_in_parentheses, find_citations
from refcheck.extract.citations.numeric import parenthesised_numbers
from refcheck.model import CitedWork
from refcheck.pdf import PdfText
from refcheck.pdf.layout import Line, Page
from refcheck.pdf.reader import Word


def one(
    text: str, superscripts: tuple[tuple[int, int], ...] = ()
) -> tuple[str, str, tuple[CitedWork, ...]]:
    found = citations_in_text(text, superscripts)
    assert len(found) == 1, found
    start, end, style, works = found[0]
    return text[start:end], style, works


def numbers(works: tuple[CitedWork, ...]) -> list[int | None]:
    return [w.number for w in works]


@pytest.mark.parametrize(
    ("text", "callout", "expected"),
    [
        ("as shown [1].", "[1]", [1]),
        ("as shown [1, 3].", "[1, 3]", [1, 3]),
        ("as shown [1–4].", "[1–4]", [1, 2, 3, 4]),
        ("as shown [1]–[4].", "[1]–[4]", [1, 2, 3, 4]),
        ("as shown [1,3-5].", "[1,3-5]", [1, 3, 4, 5]),
        ("see Ref. 13 for details", "Ref. 13", [13]),
    ],
)
def test_numeric_brackets_expand_ranges(text: str, callout: str, expected: list[int]) -> None:
    found, style, works = one(text)
    assert (found, style, numbers(works)) == (callout, "numeric", expected)


def test_superscript_marks_are_citations() -> None:
    text = "a known effect 1,2 and another 3–5 ."
    marks = ((15, 18), (31, 34))
    found = citations_in_text(text, marks)
    assert [(text[s:e], style) for s, e, style, _ in found] == [
        ("1,2", "superscript"),
        ("3–5", "superscript"),
    ]
    assert numbers(found[1][3]) == [3, 4, 5]


def test_raised_marks_separated_by_semicolons_are_one_citation() -> None:
    """natbib's super option under some styles (naturemag) prints "13;14"."""
    text = "extended to the general case 13;14 . Next 3; 5 here."
    marks = tuple((text.index(m), text.index(m) + len(m)) for m in ("13;14", "3; 5"))
    found = citations_in_text(text, marks)
    assert [(text[s:e], numbers(works)) for s, e, _, works in found] == [
        ("13;14", [13, 14]),
        ("3; 5", [3, 5]),
    ]


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("a footnote marker * here", "*"),
        ("the rate grows as x 2 with size", "2"),
        ("about 10 5 particles", "5"),
        ("ds 2 = a 2 dτ", "2"),
        ("an area of 3 cm 2 was", "2"),
    ],
)
def test_raised_marks_that_are_not_citations(text: str, mark: str) -> None:
    start = text.index(f" {mark} ") + 1
    assert citations_in_text(text, ((start, start + len(mark)),)) == []


@pytest.mark.parametrize(
    ("text", "names", "years", "et_al"),
    [
        ("(Smith, 2020)", [("Smith",)], [("2020", "")], False),
        ("(Smith & Lee, 2020)", [("Smith", "Lee")], [("2020", "")], False),
        ("(Smith and Lee 2020)", [("Smith", "Lee")], [("2020", "")], False),
        ("(Smith et al., 2020a, 2020b)", [("Smith",)] * 2, [("2020", "a"), ("2020", "b")], True),
        (
            "(see Smith, 2020, p. 5; Lee, 2019)",
            [("Smith",), ("Lee",)],
            [("2020", ""), ("2019", "")],
            False,
        ),
        ("(Lee, March 2018)", [("Lee",)], [("2018", "")], False),
        (
            "(World Health Organization, 2020)",
            [("World Health Organization",)],
            [("2020", "")],
            False,
        ),
        ("(Ahmed Raza, 2020)", [("Ahmed Raza",)], [("2020", "")], False),
        ("(Smith 2020; Lee 2019a)", [("Smith",), ("Lee",)], [("2020", ""), ("2019", "a")], False),
        ("(Stumpf: 1975)", [("Stumpf",)], [("1975", "")], False),
        ("(van der Berg, 2019)", [("van der Berg",)], [("2019", "")], False),
        ("(Müller-Lüdenscheidt, 2019)", [("Müller-Lüdenscheidt",)], [("2019", "")], False),
        ("(Ñúñez & O'Brien, 2001)", [("Ñúñez", "O'Brien")], [("2001", "")], False),
    ],
)
def test_parenthetical(
    text: str, names: list[tuple[str, ...]], years: list[tuple[str, str]], et_al: bool
) -> None:
    found, style, works = one(f"as argued {text}.")
    assert (found, style) == (text, "parenthetical")
    assert [w.names for w in works] == names
    assert [(w.year, w.year_suffix) for w in works] == years
    assert all(w.et_al is et_al for w in works)


@pytest.mark.parametrize(
    ("text", "callout", "names", "et_al"),
    [
        ("as Smith (2020) showed", "Smith (2020)", ("Smith",), False),
        ("as Smith et al. (2020) showed", "Smith et al. (2020)", ("Smith",), True),
        ("as Smith and Lee (2020) showed", "Smith and Lee (2020)", ("Smith", "Lee"), False),
        ("In Smith (2020, p. 5) we read", "Smith (2020, p. 5)", ("Smith",), False),
        (
            "BERNEY and BLANE's (1997) study",
            "BERNEY and BLANE's (1997)",
            ("BERNEY", "BLANE"),
            False,
        ),
    ],
)
def test_narrative(text: str, callout: str, names: tuple[str, ...], et_al: bool) -> None:
    found, style, works = one(text)
    assert (found, style, works[0].names, works[0].et_al) == (callout, "narrative", names, et_al)


def test_narrative_with_two_years_gives_two_works() -> None:
    _, _, works = one("Smith (2020a, 2020b) found")
    assert [(w.year, w.year_suffix) for w in works] == [("2020", "a"), ("2020", "b")]


@pytest.mark.parametrize(
    "text",
    [
        "in 2020 the survey was repeated",
        "during the (2019–2020 season) games",
        "as Fig. 3 and Table 2 show, Eq. (4) holds",
        "see Section 3 for details",
        "it rained (March 2020) all week",
        "the sample (n = 20) was small",
        "a share of (45%) and values (10–20)",
        "values lie in x ∈ [1, 10] and a[2] is set",
        "the peptide Aβ(1-42) and calix[4]arene",
        "a later study (2020) found",
        "the energy E = mc2 (1)\nwhere",
        "in Belgium (November 2020) cases rose",
    ],
)
def test_traps_are_not_citations(text: str) -> None:
    assert citations_in_text(text) == []
    assert citations_in_text(text, parenthesised=True) == []


def test_parenthesised_numbers_only_when_the_document_cites_that_way() -> None:
    text = "receptors bind ligands (3, 5-7) in cells (8)."
    plain = citations_in_text(text)
    wider = citations_in_text(text, parenthesised=True)
    assert plain == []
    assert [numbers(w) for _, _, _, w in wider] == [[3, 5, 6, 7], [8]]
    assert cites_in_parentheses(plain * 3, wider * 3)
    assert not cites_in_parentheses(plain, wider[:1])


# ---------------------------------------------------------------------------------------------
# Whole documents from synthetic lines


def words_of(
    text: str, top: float, size: float = 10.0, raised: tuple[str, ...] = ()
) -> tuple[Word, ...]:
    words = []
    x = 60.0
    for token in text.split():
        up = token in raised
        height = size * (0.7 if up else 1.0)
        width = len(token) * height * 0.5
        y = top - 3 if up else top
        words.append(Word(token, x, x + width, y, y + height, height, superscript=up))
        x += width + 3
    return tuple(words)


def line(
    text: str,
    page: int,
    top: float,
    size: float = 10.0,
    raised: tuple[str, ...] = (),
    role: str = "body",
) -> Line:
    words = words_of(text, top, size, raised)
    return Line(text, page, 60, words[-1].x1, top, top + size, size, words, role=role)


def document(*pages: list[Line]) -> PdfText:
    built = tuple(Page(number, 600, 800, 1, tuple(lines)) for number, lines in enumerate(pages, 1))
    return PdfText("synthetic.pdf", built, ())


def test_find_citations_numbers_pages_and_stops_at_the_reference_list() -> None:
    pdf = document(
        [
            line("Running head of the journal 1", 1, 30, raised=("1",), role="header"),
            line("Cells respond to stress 1,2 as reported", 1, 100, raised=("1,2",)),
            line("before (Smith et al.,", 1, 114),
            line("2020) and [3] too.", 1, 128),
        ],
        [
            line("Later work 4 agrees.", 2, 100, raised=("4",)),
            line("References", 2, 114),
            line("[1] Smith J. A paper (2020).", 2, 128),
        ],
    )
    citations = find_citations(pdf, body_end=(2, 1))
    assert [(c.id, c.text, c.page, c.style) for c in citations] == [
        ("C1", "1,2", 1, "superscript"),
        ("C2", "(Smith et al., 2020)", 1, "parenthetical"),
        ("C3", "[3]", 1, "numeric"),
        ("C4", "4", 2, "superscript"),
    ]
    assert citations[1].works[0].names == ("Smith",) and citations[1].works[0].et_al


def test_find_citations_drops_paragraph_numbers_in_author_year_papers() -> None:
    pdf = document(
        [
            line("Life grids help recall (Wilson, 2007; Parry, 1999). [1]", 1, 100),
            line("They were used in medicine (Bell, 2005) and", 1, 114),
            line("by Berney and Blane (1997) with care. [2]", 1, 128),
        ]
    )
    assert [c.text for c in find_citations(pdf)] == [
        "(Wilson, 2007; Parry, 1999)",
        "(Bell, 2005)",
        "Berney and Blane (1997)",
    ]


def test_find_citations_drops_affiliation_and_footnote_marks() -> None:
    pdf = document(
        [
            line("Jane Doe 1 and John Roe 2", 1, 60, raised=("1", "2")),
            line("The method works well 3 in practice.", 1, 100, raised=("3",)),
            line("Results hold 5 for all.", 1, 114, raised=("5",)),
            line("3 A footnote in small print.", 1, 700, size=8),
        ]
    )
    assert [c.text for c in find_citations(pdf)] == ["5"]


def test_find_citations_skips_reference_entries_read_before_more_body_text() -> None:
    pdf = document(
        [
            line("Ultra light bosons were studied as dark matter before [1].", 1, 100),
            line("[1] Hu W. (Academic Press, 2003).", 1, 114, size=8),
            line("Press, London, 2003.", 1, 124, size=8),
            line("We conclude as in the earlier work on the same model [2].", 1, 140),
        ]
    )
    assert [c.text for c in find_citations(pdf)] == ["[1]", "[2]"]


def test_web_address_in_parentheses_cites_a_listed_address() -> None:
    from refcheck.extract.citations import citations_in_text

    ((_, _, style, works),) = citations_in_text("as defined (www.emro.who.int). This")
    assert style == "parenthetical"
    assert works[0].title == "www.emro.who.int"


def test_a_grant_number_that_starts_with_a_year_is_no_citation() -> None:
    # arxiv_2502.21088's acknowledgements: "Wallenberg Foundation (KAW 2018.0458, KAW 2022.0358)".
    text = "the Knut and Alice Wallenberg Foundation (KAW 2018.0458, KAW 2022.0358); Sweden"
    assert citations_in_text(text) == []


def test_a_bracket_after_a_spaced_greek_letter_cites_but_one_glued_to_it_does_not() -> None:
    # arxiv_2502.21088 p. 24: "W → τν [77]" cites reference 77; "λ[2]" indexes a symbol.
    (found,) = citations_in_text("Z → ℓℓ and W → τν [77], and 6% for diboson processes.")
    assert numbers(found[3]) == [77]
    assert citations_in_text("the eigenvalue λ[2] is small") == []


def test_names_with_accents_drawn_as_glyphs_of_their_own() -> None:
    # acl_P07-1088 draws "Paşca" as "Pas¸ca"; arxiv_1707.04066 "Spurný" as "Spurn´y".
    (found,) = citations_in_text("(Agichtein, 2005; Pas¸ca et al., 2006)")
    assert [w.names for w in found[3]] == [("Agichtein",), ("Pas¸ca",)]
    _, _, works = one("as Spurn´y et al. (2017) suggest")
    assert works[0].names == ("Spurn´y",)


def test_years_after_a_semicolon_go_on_citing_the_same_authors() -> None:
    # intpsychogeriatr: "(Nilsson et al., 1997; 2004)", "(Norton et al., 2009; 2011; Lee, 2010)".
    _, _, works = one("the Betula study (Nilsson et al., 1997; 2004), a cohort")
    assert [(w.names, w.et_al, w.year) for w in works] == [
        (("Nilsson",), True, "1997"),
        (("Nilsson",), True, "2004"),
    ]
    _, _, works = one("dementia (Norton et al., 2009; 2011a, 2011b; Lee, 2010).")
    assert [(w.names, w.year, w.year_suffix) for w in works] == [
        (("Norton",), "2009", ""),
        (("Norton",), "2011", "a"),
        (("Norton",), "2011", "b"),
        (("Lee",), "2010", ""),
    ]
    assert citations_in_text("(see Table 3; 2004)") == []


def test_narrative_with_a_comma_before_the_year() -> None:
    # peerj_cs_2017: "as positively selected as in Blackburne & Whelan, (2013)."
    found, style, works = one("as in Blackburne & Whelan, (2013). To avoid")
    assert (found, style) == ("Blackburne & Whelan, (2013)", "narrative")
    assert works[0].names == ("Blackburne", "Whelan")


@pytest.mark.parametrize(
    "text",
    [
        "a state in the flavor [15] representation, not seen",
        "[3̄] ⊗ [8] = [3̄] ⊕ [6] ⊕ [15] .",
    ],
)
def test_brackets_that_name_a_multiplet_are_not_citations(text: str) -> None:
    # arxiv_2503.05372 writes SU(3) multiplets as [15], [6], [3̄].
    assert citations_in_text(text) == []


def test_a_bracket_after_a_compound_letter_or_an_article_cites() -> None:
    # GROBID TEI PMC3705370: "its 19-deacetoxyl derivative, litophynol A [21], further".
    (found,) = citations_in_text("derivative, litophynol A [21], further confirmed")
    assert numbers(found[3]) == [21]
    (found,) = citations_in_text("the method explains are an [19]. Strong")
    assert numbers(found[3]) == [19]


def test_a_caption_between_two_halves_of_a_sentence_does_not_cut_its_citation() -> None:
    # acl_N18-3011 p. 1: "(e.g., Xiong et al.," ends column 1; "Figure 1: …" tops column 2.
    pdf = document(
        [
            line("to improve ranking (e.g., Xiong et al.,", 1, 100),
            line("Figure 1: Part of the literature graph.", 1, 140),
            line("2017). We describe methods (Lee, 2019) used in a", 1, 170),
            line("system for this. Then more text follows here.", 1, 184),
            line("Figure 2: A caption citing (Kim, 2015).", 1, 220),
        ]
    )
    assert [c.text for c in find_citations(pdf)] == [
        "(e.g., Xiong et al., 2017)",
        "(Lee, 2019)",
        "(Kim, 2015)",
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("problems. Cunningham et al.", "(1996) reported that the effect holds."),
        ("problems, as Lee and Park et al.", "(2019b) reported for smaller samples."),
    ],
    ids=["agsm-et-al", "et-al-suffixed-year"],
)
def test_a_caption_after_names_ending_in_et_al_does_not_cut_the_narrative_citation(
    before: str, after: str
) -> None:
    # A full stop after "et al." at a line's end does not end the sentence: the figure's
    # caption set between the names and their "(1996)" waits for the sentence's end.
    pdf = document(
        [
            line(before, 1, 100),
            line("Figure 1: Overview of the pipeline.", 1, 140),
            line(after, 1, 170),
        ]
    )
    texts = [c.text for c in find_citations(pdf)]
    assert any("et al." in t and t.endswith(")") for t in texts), texts


def test_a_system_named_with_its_year_at_the_head_of_a_table_row_is_no_citation() -> None:
    # acl_2020.acl-main.207 p. 7: "Citeomatic (2018) 67.1" among rows of bare figures.
    pdf = document(
        [
            line("ELMo (2018)", 1, 100),
            line("77.0 75.7", 1, 112),
            line("70.3 84.3", 1, 124),
            line("Citeomatic (2018) 67.1", 1, 136),
            line("75.7 81.1", 1, 148),
            line("As Bhagavatula et al. (2018) show, it works.", 1, 200),
        ]
    )
    assert [c.text for c in find_citations(pdf)] == ["Bhagavatula et al. (2018)"]


def test_an_arabic_article_split_from_its_name_stays_in_the_name() -> None:
    # ssoar_55386 p. 7: "through its Kundalji and Al- Janabi, (2009). Local networks …".
    found, style, works = one("through its Kundalji and Al- Janabi, (2009). Local networks")
    assert (found, style) == ("Kundalji and Al- Janabi, (2009)", "narrative")
    assert works[0].names == ("Kundalji", "Al- Janabi")
    assert one("the Smith- and Lee (2001) model")[0] == "Lee (2001)"


def test_a_system_named_with_its_year_in_a_table_of_whole_rows_is_no_citation() -> None:
    pdf = document(
        [
            line("Model / Metric F1 F1 MAP nDCG", 1, 88),
            line("Random 4.8 9.4 25.2 51.6", 1, 100),
            line("Doc2vec (2014) 66.2 69.2 67.8 82.9", 1, 112),
            line("Citeomatic (2018) 67.1 75.7 81.1 90.2", 1, 124),
            line("SPECTER (Ours) 82.0 86.4 83.6 91.5", 1, 136),
            line("As Bhagavatula et al. (2018) show, it works.", 1, 200),
        ]
    )
    assert [c.text for c in find_citations(pdf)] == ["Bhagavatula et al. (2018)"]


@pytest.mark.parametrize(
    "text",
    [
        "Adams, The Trade of Towns (London: Press, 1951), 11.",
        "see Lee, Histories (New York: Basic Books, 2003), 4–9.",
    ],
)
def test_a_notes_place_and_publisher_are_no_author(text: str) -> None:
    # Chicago notes print "(Place: Publisher, Year)"; "(Stumpf: 1975)" still cites.
    assert citations_in_text(text) == []
    assert one("as (Stumpf: 1975) said")[2][0].names == ("Stumpf",)


def test_raised_numbers_beside_an_unnumbered_list_are_counted_as_notes() -> None:
    from refcheck.extract.citations import scan_citations

    pdf = document(
        [
            line("The archive shows trade 1 and more 2 in town.", 1, 100, raised=("1", "2")),
            line("Merchants travelled far 3 as (Adams, 1951) shows.", 1, 114, raised=("3",)),
        ]
    )
    numbered = scan_citations(pdf, numbered_list=True)
    assert [c.style for c in numbered.citations].count("superscript") == 3
    notes = scan_citations(pdf, numbered_list=False)
    assert [c.text for c in notes.citations] == ["(Adams, 1951)"]
    assert notes.note_markers == 3


def test_a_sentence_adverb_before_a_comma_list_is_no_author() -> None:
    # ssoar_49299: "Additionally, SHERIDAN, CHAMBERLAIN and DUPUIS (2011)".
    found, _, works = one("as shown. Notably, Novak, Tanaka and Osei (2019b) argue")
    assert found == "Novak, Tanaka and Osei (2019b)"
    assert works[0].names == ("Novak", "Tanaka", "Osei")


def test_the_body_line_above_the_reference_heading_is_still_read() -> None:
    from refcheck.extract.document import build_document

    pdf = document(
        [
            line("as the last sentence says (Raza, 2020).", 1, 100),
            line("References", 1, 114),
            line("Raza, A. (2020). Name order. Journal of Names, 2, 1-9.", 1, 128),
            line("Zhou, B. (2019). Other work. Journal of Names, 1, 1-9.", 1, 142),
        ]
    )
    assert [c.text for c in build_document(pdf).citations] == ["(Raza, 2020)"]


def test_raised_list_after_a_unit_like_word_cites() -> None:
    # Online benchmark paper 138: "previous in⁷,¹⁶,¹⁷" cites three works; "cm²" stays a power.
    text = "as reported in 7,16,17 . Next"
    start = text.index("7,16,17")
    (found,) = citations_in_text(text, ((start, start + 7),))
    assert numbers(found[3]) == [7, 16, 17]
    area = "an area of 5 cm 2 here"
    mark = area.index(" 2 ") + 1
    assert citations_in_text(area, ((mark, mark + 1),)) == []


@pytest.mark.parametrize(
    "entry",
    [
        "2.1 The reform years (1990–1998) ........................ 12",
        "Kapitel 3: Müller (2004) und die Folgen . . . . . . . . . 45",
        "A Smith (2010) revisited ·········· 7",
        "The review [4] in context ….... 9",
    ],
)
def test_a_table_of_contents_line_cites_nothing(entry: str) -> None:
    from refcheck.extract.citations import scan_citations

    pdf = document(
        [
            line(entry, 1, 100),
            line("In the text Smith (2010) and [4] are cited.", 1, 114),
        ]
    )
    assert [c.text for c in scan_citations(pdf).citations] == ["Smith (2010)", "[4]"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "(Cohen, Schoene-\nBake, Elger, & Weber, 2008)",
            ("Cohen", "Schoene-Bake", "Elger", "Weber"),
        ),
        ("as Schoene-\nBake (2008) showed", ("Schoene-Bake",)),
    ],
)
def test_a_double_surname_broken_at_its_hyphen_stays_one_name(
    text: str, names: tuple[str, ...]
) -> None:
    """The line broke at the name's own hyphen: "Bake" alone read as the first author."""
    (found,) = citations_in_text(text, ())
    assert found[3][0].names == names


def test_parenthesised_numbers_read_the_word_before_across_any_whitespace() -> None:
    # The word before and the character after are found from the parenthesis outwards (no copy
    # of the text per parenthesis): no-break and thin spaces count as spaces, as str.split's.
    text = "growth was shown\u00a0(3), then\u2009\n(4-6) ends\n" + "filler words " * 2000
    found = [(text[start:end], works) for start, end, _, works in parenthesised_numbers(text)]
    assert [(span, [w.number for w in works]) for span, works in found] == [("(3)", [3])]
    assert list(parenthesised_numbers("Eq.\u00a0(4) holds")) == []
