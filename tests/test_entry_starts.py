"""Entries that begin with an organisation or a lower-case name are entries (issue 11).

"R Core Team. (2022).", "World Health Organization. (2020).", "bell hooks. (1994).",
"van der Berg, J. (2014)." each start an entry, in lists cut by hanging indent and in flush
lists; a title line "Climate change 2021: …" wrapped at the entry-start level does not.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from refcheck.extract.references import find_reference_entries
from refcheck.pdf import load
from tests.listgen import Block, Style, author_year_entry, body, write
from tests.pdfgen import FONT_MISSING, find_font_files

pytestmark = pytest.mark.skipif(find_font_files() is None, reason=FONT_MISSING)

TAIL = "of sparse signals under noise with bounded error in large networks"
SPECIAL = [
    f"World Health Organization. (2020). Adaptive estimation {TAIL}. Geneva: WHO.",
    f"bell hooks. (1994). Teaching to transgress: education as the practice {TAIL}. Routledge.",
    f"de Souza, M. (2001). Robust learning from partial observations {TAIL}. Data, 4(2), 1–9.",
    f"van der Berg, J. (2014). Noise and its application to field data {TAIL}. Data, 9, 7–8.",
    "Intergovernmental Panel on Climate Change. (2021). Climate change 2021: the physical "
    f"science basis {TAIL}. Cambridge University Press.",
    f"R Core Team. (2022). R: A language and environment for statistical computing {TAIL}.",
]


def filing_order(text: str) -> str:
    """The order of APA lists: "bell hooks" is filed under h."""
    return text.lower().removeprefix("bell ")


@pytest.mark.parametrize(
    "style",
    [
        pytest.param(Style(), id="hanging-1col"),
        pytest.param(
            Style(columns=2, text_size=9.0, list_size=8.0, indent=18.0), id="hanging-2col"
        ),
        pytest.param(Style(indent=0.0), id="flush-1col"),
        pytest.param(Style(columns=2, text_size=9.0, list_size=8.0, indent=0.0), id="flush-2col"),
    ],
)
def test_organisations_and_lower_case_names_start_entries(tmp_path: Path, style: Style) -> None:
    rng = random.Random(5)
    texts = sorted([author_year_entry(rng) for _ in range(14)] + SPECIAL, key=filing_order)
    blocks = [*body(1, style), Block("heading", "References"), *(Block("entry", t) for t in texts)]
    entries = find_reference_entries(load(write(tmp_path / "doc.pdf", blocks, style), 100))
    assert [entry.text for entry in entries] == texts
