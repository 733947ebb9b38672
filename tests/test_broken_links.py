"""DOIs and URLs broken across lines in a reference list, read whole from real PDFs (issue 11).

Typesetters break a link after its scheme ("https:" | "//doi.org/…"), inside the DOI's suffix
("10.1016/j." | "jenvman…", "978-3-319-" | "24277…", "ije" | "/dyw098"); a link that ends a line
must not take the next entry's first word ("World Health Organization", "van der Berg").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.extract.document import build_document
from refcheck.model import Reference
from refcheck.pdf import load
from tests.listgen import BREAK, Block, Style, body, write
from tests.pdfgen import FONT_MISSING, find_font_files

pytestmark = pytest.mark.skipif(find_font_files() is None, reason=FONT_MISSING)

JOURNAL = "Journal of Applied Statistics"
# (entry text with its breaks, DOI it prints, URL it prints)
ENTRIES = [
    (
        f"Adams, A. (2019). Sparse signals under bounded noise. {JOURNAL}, 5(2), 1–9. "
        f"https:{BREAK}//doi.org/10.1016/j.jenvman.2019.01.001",
        "10.1016/j.jenvman.2019.01.001",
        None,
    ),
    (
        f"Baker, B. (2020). Robust learning from partial observations. {JOURNAL}, 3, 4–5. "
        f"https://doi.org/10.1016/j.{BREAK}jenvman.2020.02.002",
        "10.1016/j.jenvman.2020.02.002",
        None,
    ),
    (
        f"Carter, C. (2018). Estimation in large networks. In Lecture notes (pp. 1–2). "
        f"https://doi.org/10.1007/978-3-319-{BREAK}24277-4_9",
        "10.1007/978-3-319-24277-4_9",
        None,
    ),
    (
        f"Dalton, D. (2017). Field data and its application. {JOURNAL}, 1, 1–3. "
        f"https://doi.org/10.1093/ije{BREAK}/dyw098",
        "10.1093/ije/dyw098",
        None,
    ),
    (
        "Ellis, E. (2016). Adaptive estimation of sparse signals in noise: a report for the "
        "partners of the project. Retrieved from https://www.example.org/reports/",
        None,
        "https://www.example.org/reports/",
    ),
    (
        "World Health Organization. (2020). Adaptive estimation with bounded error: the yearly "
        f"report on field data. Geneva: WHO. https://www.who.int/{BREAK}publications/item/123",
        None,
        "https://www.who.int/publications/item/123",
    ),
    (
        "Young, Y. (2015). Learning from partial observations with bounded error in large "
        "networks. Data archive of the project, https://data.example.org/archive/",
        None,
        "https://data.example.org/archive/",
    ),
    (
        f"van der Berg, J. (2014). Noise and its application to field data. {JOURNAL}, 9, 7–8. "
        f"https://doi.org/10.1002/{BREAK}sim.1234",
        "10.1002/sim.1234",
        None,
    ),
]

LAYOUTS = [
    pytest.param(Style(), id="1col"),
    pytest.param(Style(columns=2, text_size=9.0, list_size=8.0, indent=18.0), id="2col"),
]


def references(tmp_path: Path, style: Style, numbered: bool) -> list[Reference]:
    entries = [
        Block("entry", text, f"[{n}]" if numbered else "")
        for n, (text, _, _) in enumerate(ENTRIES, start=1)
    ]
    blocks = [*body(1, style), Block("heading", "References"), *entries]
    return list(build_document(load(write(tmp_path / "doc.pdf", blocks, style), 100)).references)


@pytest.mark.parametrize("style", LAYOUTS)
@pytest.mark.parametrize("numbered", [False, True], ids=["author-year", "numbered"])
def test_broken_dois_and_urls_are_read_whole(tmp_path: Path, style: Style, numbered: bool) -> None:
    found = references(tmp_path, style, numbered)
    assert [ref.doi for ref in found] == [doi for _, doi, _ in ENTRIES]
    for ref, (_, _, url) in zip(found, ENTRIES, strict=True):
        if url is not None:
            assert url in ref.urls


@pytest.mark.parametrize("style", LAYOUTS)
def test_a_link_ending_a_line_takes_no_word_of_the_next_entry(tmp_path: Path, style: Style) -> None:
    found = references(tmp_path, style, numbered=False)
    assert [ref.raw.split()[0] for ref in found] == [
        "Adams,", "Baker,", "Carter,", "Dalton,", "Ellis,", "World", "Young,", "van",
    ]  # fmt: skip
