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
