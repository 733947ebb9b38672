"""Where a reference list starts and ends, on generated PDFs of several layouts (issue 11).

Text after the list (an appendix with prose, code and formulas) is no entry; a supplementary
part's list is not taken for the article's; numbered paragraphs of the body are no list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.extract.references import find_reference_entries, find_reference_lists
from refcheck.pdf import load
from tests.listgen import Block, Style, appendix, body, reference_list, write
from tests.pdfgen import FONT_MISSING, find_font_files

pytestmark = pytest.mark.skipif(find_font_files() is None, reason=FONT_MISSING)

ONE_COLUMN = Style()
TWO_COLUMNS = Style(columns=2, text_size=9.0, list_size=8.0, heading_size=11.0, indent=18.0)


def entry_count(tmp_path: Path, blocks: list[Block], style: Style) -> int:
    return len(find_reference_entries(load(write(tmp_path / "doc.pdf", blocks, style), 100)))


LAYOUTS = [
    pytest.param("", ONE_COLUMN, id="author-year-1col"),
    pytest.param("", TWO_COLUMNS, id="author-year-2col"),
    pytest.param("[n]", ONE_COLUMN, id="bracket-1col"),
    pytest.param("n.", TWO_COLUMNS, id="dot-2col"),
]


@pytest.mark.parametrize(("numbered", "style"), LAYOUTS)
@pytest.mark.parametrize(
    "title",
    [
        "A. Partitioned and unpartitioned algorithms for the estimation step",
        "B Proofs",
        "Appendix A: Simulation details",
    ],
)
def test_appendix_after_the_list_is_no_entry(
    tmp_path: Path, numbered: str, style: Style, title: str
) -> None:
    blocks = [
        *body(3, style),
        Block("heading", "References"),
        *reference_list(12, numbered, seed=1),
        *appendix(title),
    ]
    assert entry_count(tmp_path, blocks, style) == 12


@pytest.mark.parametrize("style", [ONE_COLUMN, TWO_COLUMNS], ids=["1col", "2col"])
def test_appendix_under_a_heading_set_like_the_entries_ends_a_dated_list(
    tmp_path: Path, style: Style
) -> None:
    # No larger heading ends the list: its end shows in the lines themselves, which neither
    # carry a date nor begin with a name.
    flat = Style(style.columns, style.text_size, style.list_size, style.list_size, style.indent)
    blocks = [
        *body(2, style),
        Block("heading", "References"),
        *reference_list(10, "", seed=2),
        *appendix("Proofs of the two lemmas and of the main theorem"),
        *appendix("Tables of the simulation results for every setting"),
    ]
    assert entry_count(tmp_path, blocks, flat) == 10


@pytest.mark.parametrize(
    ("numbered", "style"),
    [
        pytest.param("[n]", ONE_COLUMN, id="bracket-1col"),
        pytest.param("", TWO_COLUMNS, id="ay-2col"),
    ],
)
def test_supplementary_list_is_not_taken_for_the_articles(
    tmp_path: Path, numbered: str, style: Style
) -> None:
    blocks = [
        *body(3, style),
        Block("heading", "References"),
        *reference_list(20, numbered, seed=3),
        Block("heading", "Supplementary Material"),
        *body(2, style),
        Block("heading", "References"),
        *reference_list(4, numbered, seed=4),
    ]
    lists = find_reference_lists(load(write(tmp_path / "doc.pdf", blocks, style), 100))
    assert len(lists.article) == 20
    assert [len(other) for other in lists.others] == [4]


def test_table_of_contents_before_the_list_is_not_the_article_list(tmp_path: Path) -> None:
    contents = [
        Block("heading", "Contents"),
        Block("text", "1 Introduction"),
        Block("heading", "References"),
        Block("heading", "Appendix A"),
    ]
    references = [Block("heading", "References"), *reference_list(9, "", seed=5)]
    blocks = [*contents, *body(3, ONE_COLUMN), *references]
    assert entry_count(tmp_path, blocks, ONE_COLUMN) == 9


def numbered_paragraphs(label: str) -> list[Block]:
    return [
        Block("entry", f"We first {what} and then report what was seen in the field.", label=lab)
        for what, lab in zip(
            ["collect the data", "clean the records", "fit the model", "check the fit"],
            [label.replace("n", str(n)) for n in range(1, 5)],
            strict=True,
        )
    ]


@pytest.mark.parametrize(
    ("label", "style"),
    [
        pytest.param("[n]", ONE_COLUMN, id="bracket-1col"),
        pytest.param("n.", TWO_COLUMNS, id="dot-2col"),
    ],
)
def test_numbered_paragraphs_in_the_body_are_no_list(
    tmp_path: Path, label: str, style: Style
) -> None:
    blocks = [*body(2, style), *numbered_paragraphs(label), *body(4, style)]
    assert entry_count(tmp_path, blocks, style) == 0


@pytest.mark.parametrize(
    ("label", "style"),
    [
        pytest.param("[n]", ONE_COLUMN, id="bracket-1col"),
        pytest.param("n.", TWO_COLUMNS, id="dot-2col"),
    ],
)
def test_numbered_list_without_heading_at_the_end_is_read(
    tmp_path: Path, label: str, style: Style
) -> None:
    blocks = [
        *body(2, style),
        *numbered_paragraphs(label),
        *body(3, style),
        *reference_list(8, label, 6),
    ]
    assert entry_count(tmp_path, blocks, style) == 8


@pytest.mark.parametrize("style", [ONE_COLUMN, TWO_COLUMNS], ids=["1col", "2col"])
def test_footnote_inside_an_entry_is_no_entry_and_no_piece(tmp_path: Path, style: Style) -> None:
    entries = reference_list(8, "", seed=7)
    note = "19 The shared tasks of the year. See the overview for details."
    entries[3] = Block("entry", entries[3].text, note=note)
    blocks = [*body(3, style), Block("heading", "References"), *entries]
    found = find_reference_entries(load(write(tmp_path / "doc.pdf", blocks, style), 100))
    assert [e.text for e in found] == [e.text for e in entries]
