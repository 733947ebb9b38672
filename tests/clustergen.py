"""Articles for the cluster tests and benchmark (``--scheduler``).

``citing_article(n, works)`` is a two-page numbered-citation article whose references are
``crossref_work(w)`` for each ``w`` in ``works`` (tests/resolve_helpers.py), each with its DOI
printed, so papers that share works share DOIs. ``long_article(pages)`` is the same kind of
article with ``pages`` pages of body text: reading it takes seconds, long enough to kill the
worker reading it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pikepdf
from fpdf import FPDF

from tests.batchgen import FIXED_DATE, SENTENCE
from tests.resolve_helpers import crossref_work


def work_entry(number: int) -> str:
    """The reference list entry of ``crossref_work(number)``, its DOI printed."""
    work = crossref_work(number)
    return (
        f"Okafor, A. (2020). {work['title'][0]}. Journal of Tests, 12(3), "
        f"{work['page']}. https://doi.org/{work['DOI']}"
    )


def citing_article(number: int, works: Sequence[int], body_pages: int = 1) -> bytes:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("refcheck tests/clustergen.py")
    pdf.set_margins(20, 20, 20)
    title = f"Shared Sources in Cluster Batch Article {number}"
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "Ada Example and Bo Sample", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=10)
    for page in range(body_pages):
        if page:
            pdf.add_page()
        for index in range(1, len(works) + 1):
            pdf.multi_cell(
                0, 5, f"{SENTENCE} [{index}]. {SENTENCE}.", new_x="LMARGIN", new_y="NEXT"
            )
            pdf.ln(2)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "References", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    for index, work in enumerate(works, start=1):
        pdf.multi_cell(0, 4.5, f"[{index}] {work_entry(work)}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    return bytes(pdf.output())


def long_article(pages: int) -> bytes:
    """An article with ``pages`` pages of citing text: its first page copied (pikepdf is much
    faster than typesetting them)."""
    source = pikepdf.open(io.BytesIO(citing_article(0, list(range(1, 16)))))
    first = source.pages[0]
    for _ in range(pages - 1):
        source.pages.insert(1, first)
    out = io.BytesIO()
    source.save(out)
    return out.getvalue()
