"""Lists of alphabetic styles ("[Asp+00] D. N. Aspy et al. …") are cut at their labels (issue 11).

biblatex ``alphabetic`` (memoir) hangs its labels 55 pt left of the entries: too far for a
hanging indent, so the list was cut by the gaps between entries, and an entry at the top of a
page or column, or after a gap no wider than a line's, was merged into the entry above. The
label is then no part of the author list. Two layouts: one column over several pages, two
columns; both with the label box wider than an indent.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from refcheck.extract.document import build_document
from refcheck.extract.references import find_reference_entries
from refcheck.pdf import load
from tests.listgen import Block, Style, body, numbered_entry, write
from tests.pdfgen import FONT_MISSING, find_font_files

pytestmark = pytest.mark.skipif(find_font_files() is None, reason=FONT_MISSING)


def alphabetic_list(count: int, seed: int) -> list[tuple[str, str]]:
    """(label, text) pairs, sorted by label as the style files them."""
    rng = random.Random(seed)
    pairs = []
    for index in range(count):
        text = numbered_entry(rng)
        names = [part.split()[-1] for part in text.split(",")[0].split(" and ")]
        year = text.rsplit("(", 1)[1][2:4]
        initials = "".join(name[0] for name in names)
        label = (
            f"[{names[0][:3]}{year}]" if len(names) == 1 else f"[{initials}{year}{'ab'[index % 2]}]"
        )
        pairs.append((label, text))
    return sorted(pairs)


@pytest.mark.parametrize(
    "style",
    [
        pytest.param(Style(indent=55.0), id="1col-pages"),
        pytest.param(Style(columns=2, text_size=9.0, list_size=8.0, indent=48.0), id="2col"),
    ],
)
def test_each_label_starts_an_entry(tmp_path: Path, style: Style) -> None:
    pairs = alphabetic_list(48, seed=3)
    blocks = [*body(1, style), Block("heading", "References")]
    blocks += [Block("entry", text, label) for label, text in pairs]
    pdf = load(write(tmp_path / "doc.pdf", blocks, style), 100)
    entries = find_reference_entries(pdf)
    assert [entry.text for entry in entries] == [f"{label} {text}" for label, text in pairs]
    references = build_document(pdf).references
    assert all(r.authors and not r.authors[0].family.startswith("[") for r in references)
    assert [r.raw for r in references] == [entry.text for entry in entries]
