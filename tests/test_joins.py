"""Words, URLs and DOIs broken across lines are joined back onto the first line."""

from __future__ import annotations

from refcheck.pdf.joins import join_broken_words
from refcheck.pdf.layout import Line, Page


def page_of(*texts: str, sizes: tuple[float, ...] = ()) -> Page:
    lines = tuple(
        Line(text, 1, 60, 500, 100 + i * 14, 112 + i * 14, sizes[i] if sizes else 12.0, ())
        for i, text in enumerate(texts)
    )
    return Page(1, 600, 800, 1, lines)


def joined(*texts: str, sizes: tuple[float, ...] = ()) -> list[str]:
    (page,) = join_broken_words([page_of(*texts, sizes=sizes)])
    return [line.text for line in page.lines]


def test_hyphenated_word_is_joined_without_the_hyphen() -> None:
    assert joined("the experi-", "mental design") == ["the experimental", "design"]


def test_compound_written_with_hyphen_elsewhere_keeps_its_hyphen() -> None:
    texts = joined("low self-esteem is common", "and self-", "esteem matters")
    assert texts[1] == "and self-esteem"


def test_capitalised_continuation_is_not_dehyphenated() -> None:
    assert joined("the Smith-", "Jones model") == ["the Smith-", "Jones model"]


def test_doi_broken_after_a_dot_is_rejoined() -> None:
    texts = joined("e0197919. https://doi.org/10.1371/journal.", "pone.0197919 and more")
    assert texts == ["e0197919. https://doi.org/10.1371/journal.pone.0197919", "and more"]


def test_url_broken_after_a_slash_is_rejoined() -> None:
    texts = joined("see https://data.example.org/archive/", "records/2021/item-42 for data")
    assert texts[0] == "see https://data.example.org/archive/records/2021/item-42"


def test_doi_broken_at_a_hyphen_keeps_the_hyphen() -> None:
    texts = joined("doi:10.1007/978-3-319-", "24277-4_9. Next")
    assert texts[0] == "doi:10.1007/978-3-319-24277-4_9."


def test_url_at_the_end_of_a_sentence_is_not_joined_to_the_next_word() -> None:
    assert joined("at https://example.org/a.", "the results") == [
        "at https://example.org/a.",
        "the results",
    ]


def test_lines_of_different_type_size_are_not_joined() -> None:
    texts = joined("http://www.jstatsoft.org/", "TIMP: An R Package", sizes=(8.8, 15.3))
    assert texts == ["http://www.jstatsoft.org/", "TIMP: An R Package"]


def test_a_link_broken_after_its_scheme_is_rejoined() -> None:
    # Issue 11: "https:" | "//doi.org/…" left "https: //doi.org", which hid the DOI.
    texts = joined("Nature 5, 1-9. https:", "//doi.org/10.1016/j.jenvman.2019.01.001 next")
    assert texts == ["Nature 5, 1-9. https://doi.org/10.1016/j.jenvman.2019.01.001", "next"]


def test_a_bare_scheme_at_a_line_end_takes_the_host_below() -> None:
    texts = joined("682–695. https://", "doi.org/10.1104/pp.010320 PMID: 11842171")
    assert texts == ["682–695. https://doi.org/10.1104/pp.010320", "PMID: 11842171"]


def test_a_space_after_a_scheme_inside_a_line_is_dropped() -> None:
    assert joined("URL http: //www.R-project.org/.") == ["URL http://www.R-project.org/."]


def test_a_piece_starting_with_a_separator_continues_the_link() -> None:
    texts = joined("https://doi.org/10.18429/JACoW", "-HP071-WEPTY035 and", "x")
    assert texts[0] == "https://doi.org/10.18429/JACoW-HP071-WEPTY035"
    assert (
        joined("https://doi.org/10.1093/ije", "/dyw098.")[0]
        == "https://doi.org/10.1093/ije/dyw098."
    )


def test_a_bare_label_of_the_next_entry_is_not_glued_to_a_link() -> None:
    # Bare-number lists ("12 Smith J, …"): the label is no piece of the DOI above it.
    texts = joined("doi:10.1000/abc.", "12 Smith J, Jones K. Title.")
    assert texts == ["doi:10.1000/abc.", "12 Smith J, Jones K. Title."]


def test_a_link_at_a_line_end_takes_no_capitalised_word() -> None:
    texts = joined("Retrieved from https://www.example.org/reports/", "World Health Organization")
    assert texts[1] == "World Health Organization"


def hanging(head: str, tail: str) -> list[str]:
    """The head indented as an entry's wrapped line, the tail outdented as the next entry."""
    lines = (
        Line(head, 1, 78, 500, 100, 112, 12.0, ()),
        Line(tail, 1, 60, 500, 114, 126, 12.0, ()),
    )
    (page,) = join_broken_words([Page(1, 600, 800, 1, lines)])
    return [line.text for line in page.lines]


def test_a_lower_case_name_starting_the_next_entry_is_not_glued_to_a_link() -> None:
    for name in ("van der Berg, J. (2014).", "de Souza, M. (2001).", "bell hooks (1994)."):
        assert hanging("archive, https://data.example.org/archive/", name)[1] == name


def test_a_lower_case_piece_below_an_indented_first_line_still_continues() -> None:
    # A footnote's first line is indented; its URL goes on at the margin below.
    texts = hanging("15 https://github.com/google-research/", "bert 16 https://github.com/x")
    assert texts[0] == "15 https://github.com/google-research/bert"


def test_doi_stretched_after_its_prefix_and_broken_after_a_dot_is_read_whole() -> None:
    # biblatex (IEEE) lets a DOI break after "/" and "."; a stretched line spaces the prefix off.
    texts = joined("pp. 90–99, 2015. doi: 10.1111/ jan.", "12474.")
    assert texts == ["pp. 90–99, 2015. doi: 10.1111/jan.12474.", ""]


def test_a_capitalised_word_after_a_bare_doi_prefix_is_not_its_suffix() -> None:
    assert joined("see 10.1111/ The next sentence.") == ["see 10.1111/ The next sentence."]


def test_doi_cut_inside_its_prefix_after_a_label_is_rejoined() -> None:
    # ACM and IEEE styles: "doi: 10." at the line end, "123/daum.2005." on the next.
    texts = joined("Tutorials, vol. 20, pp. 57–71, 2005. doi: 10.", "123/daum.2005.")
    assert texts == ["Tutorials, vol. 20, pp. 57–71, 2005. doi: 10.123/daum.2005.", ""]
    texts = joined("Lancet 12 (2019), 5–9. DOI:10.10", "16/j.x.2019.01 more")
    assert texts == ["Lancet 12 (2019), 5–9. DOI:10.1016/j.x.2019.01", "more"]


def test_a_number_after_10_dot_without_a_doi_label_is_not_joined() -> None:
    assert joined("a ratio of 10.", "5/7 of the cases") == ["a ratio of 10.", "5/7 of the cases"]
