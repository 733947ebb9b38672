"""Small numbered-citation articles for batch, baseline and configuration tests.

``article_pdf(n)`` is a two-page article with its own DOI and title, an ISSN, citations [1]
to [4] and a five-entry reference list, built in a few milliseconds. Its findings are known:
one CIT002 warning (reference 5 is never cited) in every article, and ``bad_issn`` adds a
META002 warning (a wrong ISSN check digit): one defect injected.
"""

from __future__ import annotations

from datetime import datetime, timezone

from fpdf import FPDF

from tests.pdfgen import issn

ISSN = "1234567"  # the first seven digits
FIXED_DATE = datetime(2021, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
REFERENCES = (
    "Adams, J. (2015). Reading tables in scanned journals. Journal of Document Studies, "
    "12(3), 101-119.",
    "Brown, K., & Chen, L. (2017). Citation graphs at scale. Information Retrieval Quarterly, "
    "8(2), 45-67.",
    "Diaz, M. (2018). Errors in reference lists. Scholarly Publishing Review, 22(1), 5-19.",
    "Evans, P. (2019). A note on identifiers. Journal of Document Studies, 13(1), 1-9.",
    "Fischer, R. (2020). Never cited in the text. Information Retrieval Quarterly, 9(4), 3-8.",
)
SENTENCE = (
    "The checking of references has a long history in editorial work, and the methods "
    "used today are described in several studies"
)


def article_pdf(number: int, *, bad_issn: bool = False) -> bytes:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("refcheck tests/batchgen.py")
    pdf.set_margins(20, 20, 20)
    title = f"Checking Reference Lists in Journal Issue Article {number}"
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    masthead = f"Journal of Batch Testing, Vol. 4, No. 2 (2021), ISSN {issn(ISSN, wrong=bad_issn)}"
    pdf.cell(0, 5, masthead, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, f"https://doi.org/10.5555/batch.{number}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "Ada Example and Bo Sample", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=10)
    for index in range(1, len(REFERENCES)):
        pdf.multi_cell(0, 5, f"{SENTENCE} [{index}]. {SENTENCE}.", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "References", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    for index, entry in enumerate(REFERENCES, start=1):
        pdf.multi_cell(0, 4.5, f"[{index}] {entry}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    return bytes(pdf.output())
