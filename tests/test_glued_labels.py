"""A bare list label glued to its entry's first author ("4L. Di Grande", issue 11).

Word/pandoc RSC lists print "4 L. Di Grande"; the PDF's text may hold no space between the
label and the initial, so the entry was read as the tail of entry 3.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from refcheck.extract.references import find_reference_entries
from refcheck.pdf import load
from tests.listgen import Block, Style, body, numbered_entry, write
from tests.pdfgen import FONT_MISSING, find_font_files

LAYOUTS = [
    pytest.param(Style(), id="1col"),
    pytest.param(Style(columns=2, text_size=9.0, list_size=8.0, indent=18.0), id="2col"),
]


def glued_list(count: int, glued: set[int], seed: int) -> list[Block]:
    """Entries "n A. Name …" with a hanging indent; the labels in ``glued`` touch the text."""
    rng = random.Random(seed)
    return [
        Block("entry", f"{n}{'' if n in glued else ' '}{numbered_entry(rng)}")
        for n in range(1, count + 1)
    ]


@pytest.mark.skipif(find_font_files() is None, reason=FONT_MISSING)
@pytest.mark.parametrize("style", LAYOUTS)
def test_a_label_glued_to_the_first_initial_still_starts_its_entry(
    tmp_path: Path, style: Style
) -> None:
    glued = {4, 9, 14}
    blocks = [*body(2, style), Block("heading", "References"), *glued_list(16, glued, seed=3)]
    entries = find_reference_entries(load(write(tmp_path / "doc.pdf", blocks, style), 100))
    assert [entry.label for entry in entries] == [str(n) for n in range(1, 17)]
    for n in glued:
        text = entries[n - 1].text
        assert text[0].isupper() and text[1] == ".", text


@pytest.mark.skipif(find_font_files() is None, reason=FONT_MISSING)
@pytest.mark.parametrize("style", LAYOUTS)
def test_a_number_glued_to_a_word_inside_an_entry_starts_nothing(
    tmp_path: Path, style: Style
) -> None:
    # "3D" or "2nd" at a wrapped line's start is no label: no initial or surname follows.
    rng = random.Random(5)
    entries_in = [
        Block("entry", f"{n} {numbered_entry(rng)} 3Dimaging and {n + 1}nd edition")
        for n in range(1, 9)
    ]
    blocks = [*body(1, style), Block("heading", "References"), *entries_in]
    entries = find_reference_entries(load(write(tmp_path / "doc.pdf", blocks, style), 100))
    assert [entry.label for entry in entries] == [str(n) for n in range(1, 9)]
