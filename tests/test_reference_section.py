"""Finding the reference list and splitting it into entries, on synthetic lines and the corpus."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from refcheck.extract.references import find_reference_entries, is_reference_heading
from refcheck.pdf import Line, Page, PdfText, Word, load

CORPUS_PDFS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pdfs"
LEFT, INDENT, RIGHT_COLUMN = 60.0, 75.0, 320.0


def line(
    text: str,
    x0: float = LEFT,
    top: float = 100.0,
    page: int = 1,
    column: int = 0,
    size: float = 10.0,
    superscript: bool = False,
) -> Line:
    """A line whose words sit at a normal word spacing from ``x0``."""
    words: list[Word] = []
    x = x0
    for index, token in enumerate(text.split()):
        width = len(token) * size * 0.5
        raised = superscript and index == 0
        words.append(Word(token, x, x + width, top, top + size, size, superscript=raised))
        x += width + size * 0.3
    return Line(text, page, x0, x, top, top + size, size, tuple(words), column=column)


def stack(
    texts: Sequence[tuple[str, float]], top: float = 100.0, page: int = 1, column: int = 0
) -> list[Line]:
    """Lines (text, x0) one under the other at a 12 pt pitch."""
    return [
        line(text, x0, top + 12 * i, page=page, column=column) for i, (text, x0) in enumerate(texts)
    ]


def pdf_of(*pages: Sequence[Line]) -> PdfText:
    built = tuple(
        Page(number=n, width=600, height=800, columns=1, lines=tuple(lines))
        for n, lines in enumerate(pages, 1)
    )
    return PdfText(path="synthetic.pdf", pages=built, info=())


@pytest.mark.parametrize(
    "text",
    [
        "References",
        "REFERENCES",
        "7 References",
        "7. References",
        "VII. REFERENCES",
        "Bibliography",
        "Works Cited",
        "Literature Cited",
        "Notes and References",
        "Reference List",
        "Literaturverzeichnis",
        "Literatur",
        "Bibliografía",
        "Références",
        "Riferimenti bibliografici",
        "Referencias",
        "References:",
    ],
)
def test_reference_heading_in_its_usual_spellings(text: str) -> None:
    assert is_reference_heading(line(text))


@pytest.mark.parametrize(
    "text",
    ["References are listed below.", "see the references in Table 2", "Literature review"],
)
def test_sentences_that_mention_references_are_not_headings(text: str) -> None:
    assert not is_reference_heading(line(text))


def test_running_head_with_a_far_page_number_is_not_a_heading() -> None:
    head = line("12 References")
    spread = Line(head.text, 1, 60, 540, 50, 60, 10, (head.words[0], _moved(head.words[1], 480)), 0)
    assert not is_reference_heading(spread)


def _moved(word: Word, x0: float) -> Word:
    return Word(word.text, x0, x0 + word.x1 - word.x0, word.top, word.bottom, word.size)


def test_numbered_list_splits_at_markers_and_stops_at_appendix() -> None:
    body = stack(
        [
            ("Some text that cites the references [1].", LEFT),
            ("References", LEFT),
            ("[1] A. Author, A title that wraps onto", LEFT),
            ("the next line, J. Phys. 1 (2000) 1.", INDENT),
            ("[2] B. Author, Another title, J. Phys. 2 (2001) 2.", LEFT),
            ("Appendix A", LEFT),
            ("[3] This is appendix text, not a reference.", LEFT),
        ]
    )
    entries = find_reference_entries(pdf_of(body))
    assert [(e.label, e.text) for e in entries] == [
        ("1", "A. Author, A title that wraps onto the next line, J. Phys. 1 (2000) 1."),
        ("2", "B. Author, Another title, J. Phys. 2 (2001) 2."),
    ]


def test_last_heading_wins_over_a_table_of_contents_entry() -> None:
    contents = stack([("References", LEFT), ("Body text of the paper goes on here.", LEFT)])
    refs = stack([("References", LEFT), ("1. Smith J. A title. 2001.", LEFT)], top=400, page=2)
    refs += stack([("2. Jones K. Another title. 2002.", LEFT)], top=430, page=2)
    entries = find_reference_entries(pdf_of(contents, refs))
    assert [e.label for e in entries] == ["1", "2"]
    assert all(e.page == 2 for e in entries)


def test_parenthesised_and_superscript_markers() -> None:
    paren = stack([("References", LEFT), ("(1) Smith J. Title. 2001.", LEFT)])
    paren += stack([("(2) Lee K. Title. 2002.", LEFT)], top=130)
    assert [e.label for e in find_reference_entries(pdf_of(paren))] == ["1", "2"]
    raised = [line("References"), line("1 Smith J. Title. 2001.", top=112, superscript=True)]
    raised.append(line("2 Lee K. Title. 2002.", top=124, superscript=True))
    entries = find_reference_entries(pdf_of(raised))
    assert [(e.label, e.text) for e in entries] == [
        ("1", "Smith J. Title. 2001."),
        ("2", "Lee K. Title. 2002."),
    ]


def test_numbered_list_runs_across_columns_and_pages_and_skips_a_footnote() -> None:
    first = stack(
        [("References", LEFT), ("[1] Smith J. A long title that", LEFT), ("goes on.", INDENT)]
    )
    first.append(line("2 A footnote of the page, in the left margin.", LEFT, 300))
    second_column = stack(
        [
            ("[2] Lee K. Title that wraps", RIGHT_COLUMN),
            ("to a second line.", RIGHT_COLUMN + 15),
        ],
        column=2,
    )
    next_page = stack([("[3] Kim H. Last title. 2003.", LEFT)], page=2)
    entries = find_reference_entries(pdf_of(first + second_column, next_page))
    assert [(e.label, e.page) for e in entries] == [("1", 1), ("2", 1), ("3", 2)]
    assert entries[0].text == "Smith J. A long title that goes on."
    assert entries[1].text == "Lee K. Title that wraps to a second line."


def test_hanging_indent_author_year_list() -> None:
    body = stack(
        [
            ("References", LEFT),
            ("Smith, J. (2001). A title that is long enough", LEFT),
            ("to wrap. Journal of Things, 1, 1-10.", INDENT),
            ("van der Berg, A. (2002). Short one. Journal, 2.", LEFT),
            ("World Health Organization (2010). A report that", LEFT),
            ("wraps as well. Geneva: WHO.", INDENT),
        ]
    )
    entries = find_reference_entries(pdf_of(body))
    assert [e.text[:12] for e in entries] == ["Smith, J. (2", "van der Berg", "World Health"]
    assert all(e.label is None for e in entries)


def test_flush_entries_separated_by_blank_gaps() -> None:
    body = [line("References", LEFT, 80)]
    body += stack([("Amodeo, M. (2009). Sibling agreement on", LEFT), ("reports. SUM.", LEFT)])
    body += stack([("Bell, A. (2005). Oh yes. QSR, 1, 51.", LEFT)], top=130)
    body += stack([("Berney, L. (1997). Collecting data on", LEFT), ("recall. SSM.", LEFT)], 148)
    entries = find_reference_entries(pdf_of(body))
    assert [e.text for e in entries] == [
        "Amodeo, M. (2009). Sibling agreement on reports. SUM.",
        "Bell, A. (2005). Oh yes. QSR, 1, 51.",
        "Berney, L. (1997). Collecting data on recall. SSM.",
    ]


def test_flush_author_year_entries_without_gaps_or_indent() -> None:
    body = stack(
        [
            ("REFERENCES", LEFT),
            ("SMITH, J. 2001. A title that is long enough to wrap", LEFT),
            ("onto a second line. Journal, 1.", LEFT),
            ("Afgan E, Baker D, Goecks J. 2016. The Galaxy platform.", LEFT),
            ("Nucleic Acids Research 44.", LEFT),
        ]
    )
    entries = find_reference_entries(pdf_of(body))
    assert [e.text[:10] for e in entries] == ["SMITH, J. ", "Afgan E, B"]


DATED_ENTRIES = [
    ("Adams, B. (2001). First title that is long enough", LEFT),
    ("to wrap. Journal of Things, 1, 1-10.", INDENT),
    ("Brown, C. (2002). Second title that is long enough", LEFT),
    ("to wrap. Journal of Things, 2, 11-20.", INDENT),
    ("Clark, D. (2003). Third title that is long enough", LEFT),
    ("to wrap. Journal of Things, 3, 21-30.", INDENT),
    ("Evans, F. (2005). Fifth title that is long enough", LEFT),
    ("to wrap. Journal of Things, 5, 41-50.", INDENT),
]


def hanging_list(middle: Sequence[tuple[str, float]]) -> PdfText:
    """Six dated entries of a hanging-indent list with ``middle`` in their middle."""
    return pdf_of(
        stack(
            [
                ("References", LEFT),
                ("Aaron, A. (2000). A title that is long enough", LEFT),
                ("to wrap onto a line. Journal, 9, 1-2.", INDENT),
                ("Abbot, A. (2000). Another one that wraps onto", LEFT),
                ("a second line. Journal, 9, 3-4.", INDENT),
                *DATED_ENTRIES[:4],
                *middle,
                *DATED_ENTRIES[4:],
            ]
        )
    )


def test_undated_tail_standing_at_the_entry_level_joins_the_entry_above() -> None:
    entries = find_reference_entries(
        hanging_list(
            [
                ("Lee, K. (2002). A title that wrapped to the next line.", LEFT),
                ("Journal of Sport and Social Issues, 37(3), 261–283.", LEFT),
            ]
        )
    )
    assert len(entries) == 7
    assert entries[4].text == (
        "Lee, K. (2002). A title that wrapped to the next line. "
        "Journal of Sport and Social Issues, 37(3), 261–283."
    )


@pytest.mark.parametrize(
    ("head", "rest"),
    [
        ("Martin Ester, Hans-Peter Kriegel, Jorg Sander, Xiaowei", "Xu, et al. 1996. In KDD."),
        ("Chundi Liu, Shunan Zhao, and Maksims Volkovs.", "2018. Document embedding. ArXiv."),
        ("Dina Demner-Fushman, Willie J. Rogers, and Alan R.", "Aronson. 2017. MetaMap Lite."),
        ("Gus Hahn-Powell, Marco Antonio Valenzuela-", "Escarcega. 2017. Swanson linking."),
    ],
)
def test_piece_that_stops_inside_its_author_list_joins_the_entry_below(
    head: str, rest: str
) -> None:
    entries = find_reference_entries(hanging_list([(head, LEFT), (rest, LEFT)]))
    assert len(entries) == 7
    assert entries[4].text.startswith(head[:20])
    assert entries[4].text.endswith(rest)


def test_piece_that_begins_as_no_entry_does_joins_the_entry_above_even_with_a_year() -> None:
    entries = find_reference_entries(
        hanging_list(
            [
                ("Hal Daume. 2007. Frustratingly easy domain adaptation.", LEFT),
                ("In Proceedings of ACL 2007, pages 256-263.", LEFT),
                ("Smith, J. (2010). Retrieved pages.", LEFT),
                ("doi:10.1000/xyz.2010.123", LEFT),
            ]
        )
    )
    assert [e.text[:8] for e in entries[4:6]] == ["Hal Daum", "Smith, J"]
    assert entries[4].text.endswith("In Proceedings of ACL 2007, pages 256-263.")
    assert entries[5].text.endswith("doi:10.1000/xyz.2010.123")


def test_undated_entry_that_begins_like_an_entry_stays_whole_and_apart() -> None:
    entries = find_reference_entries(
        hanging_list([("Lee, K. Unpublished manuscript on things.", LEFT)])
    )
    assert [e.text for e in entries[4:6]] == [
        "Lee, K. Unpublished manuscript on things.",
        "Clark, D. (2003). Third title that is long enough to wrap. Journal of Things, 3, 21-30.",
    ]


def test_pieces_are_not_joined_where_many_entries_are_undated() -> None:
    undated = [(f"Undated piece number {n} of a list.", LEFT) for n in range(3)]
    entries = find_reference_entries(hanging_list(undated))
    assert len(entries) == 9


def test_author_biographies_after_the_list_are_not_entries() -> None:
    entries = find_reference_entries(
        hanging_list(
            [
                *DATED_ENTRIES[4:],
                ("Jane Q. Doe", LEFT),
                ("Jane Q. Doe is a Professor of Sociology at the University", LEFT),
                ("of Somewhere since 2009. Her research is on things.", INDENT),
                ("Dr. Ann Lee (PhD) holds a chair in social policy.", LEFT),
            ]
        )
    )
    assert len(entries) == 6
    assert entries[-1].text.startswith("Evans, F. (2005)")


def test_rows_torn_into_pieces_do_not_shrink_the_line_pitch() -> None:
    # A justified line with a long address may come as two pieces at (nearly) one height; were
    # they steps, every real line step would look like a gap between entries.
    body = [line("References", LEFT, 80)]
    for n in range(1, 9):
        top = 100 + 24 * (n - 1)
        body.append(line(f"[{n}] Author{n} A. A title that is long enough to wrap", LEFT, top))
        body.append(line("onto", INDENT, top + 12))
        body.append(line("http://example.org/a/very/long/address", INDENT + 80, top + 12.3))
    entries = find_reference_entries(pdf_of(body))
    assert len(entries) == 8
    assert all(e.text.endswith("onto http://example.org/a/very/long/address") for e in entries)


def test_web_export_link_labels_are_noise() -> None:
    body = stack(
        [
            ("References", LEFT),
            ("1. Smith J. A title. Nature. 2001; 1: 1-2.", LEFT),
            ("View Article PubMed/NCBI Google Scholar", INDENT),
            ("2. Lee K. Another title. Science. 2002; 2: 3-4. CrossRef", LEFT),
            ("Europe PMC Publisher Full Text", INDENT),
        ]
    )
    entries = find_reference_entries(pdf_of(body))
    assert [e.text for e in entries] == [
        "Smith J. A title. Nature. 2001; 1: 1-2.",
        "Lee K. Another title. Science. 2002; 2: 3-4.",
    ]


def test_word_broken_at_a_line_end_is_joined() -> None:
    body = stack(
        [("References", LEFT), ("[1] Smith J. A recre-", LEFT), ("ational study. 2001.", INDENT)]
    )
    assert find_reference_entries(pdf_of(body))[0].text == "Smith J. A recreational study. 2001."


def test_no_reference_list_gives_no_entries() -> None:
    body = stack([("Introduction", LEFT), ("Plain text without any list.", LEFT)])
    assert find_reference_entries(pdf_of(body)) == []


# --- corpus PDFs (dev split) ---------------------------------------------------------------


def corpus_entries(pdf_id: str) -> list[tuple[str | None, str]]:
    path = CORPUS_PDFS / f"{pdf_id}.pdf"
    if not path.exists():
        pytest.skip(f"corpus not found at {CORPUS_PDFS}")
    return [(e.label, e.text) for e in find_reference_entries(load(path, 1000))]


def test_corpus_numbered_one_column_ssoar_53780() -> None:
    entries = corpus_entries("ssoar_53780")
    assert len(entries) == 9
    assert entries[0][1].startswith("Abeshouse, Bob, The Koch Brothers - People & Power")
    assert entries[-1] == (
        "9",
        "Zizek, Slavoj, Occupy first, Demands come later: The Guardian.N.p., 26 Oct. 2011. "
        "http://www.guardian.co.uk/commentisfree/2011/oct/26/occupy-protesters-bill-clinton"
        "?fb=native &CMP=FBCNETTXT9038 [Accessed on 17 Nov. 2011.]",
    )


def test_corpus_gap_separated_author_year_ssoar_49299() -> None:
    entries = corpus_entries("ssoar_49299")
    assert len(entries) == 21
    assert entries[0] == (
        None,
        "Amodeo, Maryann & Griffin, Margaret (2009). Sibling agreement on retrospective reports "
        "of parental alcoholism and other childhood events. Substance Use and Misuse, 44, "
        "943-964.",
    )
    assert entries[-1][1].startswith("Wilson, Sarah; Cunningham-Burley, Sarah;")
    assert entries[-1][1].endswith("Qualitative Research, 7(1), 135-151.")


def test_corpus_two_column_revtex_with_interleaved_text_arxiv_2503_05372() -> None:
    entries = corpus_entries("arxiv_2503.05372_tetraquarks")
    assert [label for label, _ in entries] == [str(n) for n in range(1, 40)]
    assert entries[0][1] == (
        "R. N. Cahn and J. D. Jackson, Spin orbit and tensor forces in heavy quark light quark "
        "mesons: Implications of the new D(s) state at 2.32 GeV, Phys. Rev. D68, 037502 "
        "(2003), arXiv:hep-ph/0305012 [hep-ph]."
    )
    assert entries[-1][1] == (
        "F.-K. Guo, Hadronic molecules with heavy quarks, talk at the online program INT 20-2c: "
        "Accessing and Understanding the QCD Spectra, Aug. 17–Sep. 4, 2020."
    )


def test_an_entry_interrupted_by_a_footnote_at_the_page_foot_goes_on_next_page() -> None:
    # acmart/article: the footnote under the column sits between the marker and the indent.
    first = stack(
        [
            ("References", LEFT),
            ("[1] Smith J. A long title that", LEFT),
            ("goes on.", INDENT),
            ("[2] Lee K. Evaluation of resources for questions", LEFT),
            ("received by a college of pharmacy", INDENT),
        ]
    )
    first.append(line("1 The code was run on the 2019 release.", LEFT + 7, 165))
    second = stack(
        [("drug information center. 2007.", INDENT), ("[3] Kim H. Last. 2003.", LEFT)], page=2
    )
    entries = find_reference_entries(pdf_of(first, second))
    assert [e.label for e in entries] == ["1", "2", "3"]
    assert entries[1].text.endswith("college of pharmacy drug information center. 2007.")


@pytest.mark.parametrize("style", ["[n]", "author-year"])
def test_a_wrapped_line_that_begins_with_acknowledgment_does_not_end_the_list(style: str) -> None:
    labels = ("[1] ", "[2] ") if style == "[n]" else ("", "")
    lines = stack(
        [
            ("References", LEFT),
            (f"{labels[0]}Barnett C. (2005) Ways of relating: hospitality and the", LEFT),
            ("acknowledgment of otherness. Progress in Human", INDENT),
            ("Geography 29, 5–21.", INDENT),
            (f"{labels[1]}Barr M. (1999) A polycystic kidney-disease gene. Nature.", LEFT),
        ]
    )
    entries = find_reference_entries(pdf_of(lines))
    assert len(entries) == 2
    assert entries[0].text.endswith("Geography 29, 5–21.")


def test_a_list_without_a_heading_starts_at_its_raised_labels() -> None:
    """AIP and AAPM print no heading: "¹ A. Zwicky, …", "² P. J. Burton …" under the text."""
    body = [line(f"Body text of the paper goes on here, sentence {n}.", top=100 + 12 * n)
            for n in range(20)]  # fmt: skip
    entries = [
        line(f"{n} A. Author{n}, “A title,” J. Stud. {n}, 1–9 (19{80 + n}).",
             top=360 + 12 * n, superscript=True)
        for n in range(1, 7)
    ]  # fmt: skip
    found = find_reference_entries(pdf_of(body + entries))
    assert [e.label for e in found] == ["1", "2", "3", "4", "5", "6"]


@pytest.mark.parametrize("numbered", [True, False], ids=["numbered", "author-year"])
def test_a_licence_in_the_margin_beside_the_list_is_no_part_of_it(numbered: bool) -> None:
    """A licence set in the margin a word a line ("© 2021", "The", "Authors.") is read after
    the page's columns, where the list was still running."""
    texts = [
        f"Author{n}, A. (19{80 + n}). A title of the work. Journal {n}, 1–9." for n in range(6)
    ]
    if numbered:
        texts = [f"[{n + 1}] {text}" for n, text in enumerate(texts)]
    lines = [line("References"), *stack([(t, LEFT) for t in texts], top=112)]
    lines += stack([(w, 18.0) for w in ("© 2021", "The", "Authors.", "Open", "access")], top=200)
    found = find_reference_entries(pdf_of(lines))
    assert len(found) == 6
    assert not any("Authors." in e.text or "©" in e.text for e in found)


def test_a_short_line_opening_the_next_column_is_no_margin_note() -> None:
    """An entry's last line at the top of the right column ("pp. 1–4.") stands right of every
    line of the left column, yet it is the entry's tail, not a note in the margin."""
    texts = [
        f"Author{n}, A. (19{80 + n}). A title of the work. Journal {n}, 1–9." for n in range(5)
    ]
    left = [line("References"), *stack([(t, LEFT) for t in texts], top=112)]
    left.append(line("Author9, A. (1999). A title of the work that goes on to", LEFT, 172))
    right = stack(
        [
            ("pp. 1–4.", RIGHT_COLUMN + 15),
            ("Author10, A. (2000). Another title. J 2, 3.", RIGHT_COLUMN),
        ],
        column=2,
    )
    found = find_reference_entries(pdf_of(left + right))
    assert [e.text for e in found][-2:] == [
        "Author9, A. (1999). A title of the work that goes on to pp. 1–4.",
        "Author10, A. (2000). Another title. J 2, 3.",
    ]
