"""Small papers with link annotations, made by two PDF libraries, with known truth.

* :func:`author_year_paper` (reportlab): one column, author-year, callouts linked to named
  destinations ``cite.<key>`` raised above each entry, as LaTeX's hyperref makes them, and an
  outline. A table cell "GovReport (2021)" is a callout the citation finder cannot read: only
  its link says that Huang & Cao (2021) is cited. Davis (2020) prints its DOI URL broken inside
  the suffix after a digit, which the text cannot rejoin (a digit at a line end may as well be
  followed by the next entry's label); the URI link over it holds it whole. Unwin (2018) is
  really never cited.
* :func:`numeric_paper` (fpdf2): numbered ``[n]`` list, destinations by page and position only
  (no names), as publishers' tools make them. Entry 4 is cited only by a linked table cell
  "BM25 (1995)"; entry 3 prints no DOI, its title carries it as a URI link (as in arXiv HEP
  papers); entry 5 is really never cited.

With ``malformed``, the last entry of each (never cited, no DOI printed) gets a doi.org link
with :data:`LINKED_BAD_DOI`, and an entry that prints a valid DOI (Davis; entry 3, whose title
link holds it and whose text is given it) a second link with :data:`SHADOWED_BAD_DOI`.

Both can be made without any annotation (``links=False``): the same text, nothing else.
:func:`name_destinations` rewrites a paper's links to go through named destinations, the way
hyperref (a GoTo action naming ``cite.<key>``) or a publisher (``/Dest (bibB4)`` with a
"fit page" view and no position) writes them.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from fpdf import FPDF
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

FONT = "Times-Roman"
SIZE = 11.0
LEADING = 14.0
LEFT = 72.0
DAVIS_DOI = "10.5555/linktest.2020.48213"
HUANG_DOI = "10.5555/linktest.2021.0007"
ZHOU_DOI = "10.5555/linktest.2017.301"
# A malformed DOI (a registrant code of three digits) that only a link holds, as apsrev4-2 makes
# them: the entry prints no DOI, its doi.org link carries the one of the bibliography's record.
LINKED_BAD_DOI = "10.555/linktest.2018.9"
# A malformed DOI linked over an entry that prints a valid one: the printed one stands.
SHADOWED_BAD_DOI = "10.5555linktest.2020"

Segment = tuple[str, str | None]  # text, and the key of the entry it links to (or None)

AUTHOR_YEAR_BODY: list[list[Segment]] = [
    [("1 Introduction", None)],
    [("Earlier work on linking evaluations", None)],
    [("(", None), ("Adams & Baker, 2019", "adams"), (") showed that long summaries", None)],
    [("are hard to judge, and", None), ("Clark et al.", "clark"), ("(", None), ("2020", "clark")],
    [(") measured how often annotators agree on them. The protocol of", None)],
    [("Davis and Evans", "davis"), ("(", None), ("2020", "davis"), (") reduced the cost.", None)],
    [("Table 1: datasets used in this study.", None)],
    [("GovReport (2021)", "huang"), ("long reports", None)],
    [("SQuALITY (2022)", None), ("stories", None)],
    [("We follow", None), ("(", None), ("Adams & Baker, 2019", "adams"), (") throughout.", None)],
    # A link to the list's heading, just above its first entry, cites nothing.
    [("All works are listed in the", None), ("References", "section.2"), ("below.", None)],
]

AUTHOR_YEAR_REFERENCES: list[tuple[str, list[str]]] = [
    (
        "adams",
        [
            "Adams, J., & Baker, K. (2019). Judging long summaries. Journal of Test",
            "Studies, 12(3), 101-120.",
        ],
    ),
    (
        "clark",
        [
            "Clark, M., Davis, P., & Evans, R. (2020). Agreement among annotators.",
            "Computational Evaluation, 4(1), 1-19.",
        ],
    ),
    (
        "davis",
        [
            "Davis, P., & Evans, R. (2020). Cheaper protocols for evaluation. Journal",
            # Broken inside the suffix: the text reads a DOI cut short, "…2020.48".
            f"of Test Studies, 13(2), 33-50. https://doi.org/{DAVIS_DOI[:-3]}",
            DAVIS_DOI[-3:],
        ],
    ),
    (
        "huang",
        [
            "Huang, L., & Cao, S. (2021). Efficient attention for long document",
            "summarization. Proceedings of NAACL, 1419-1436.",
        ],
    ),
    (
        "unwin",
        [
            "Unwin, T. (2018). A study nobody cites. Annals of Tests, 2(1), 5-9.",
        ],
    ),
]


def _line(canvas: Canvas, y: float, segments: list[Segment], links: bool) -> None:
    x = LEFT
    for text, key in segments:
        width = canvas.stringWidth(text, FONT, SIZE)
        canvas.drawString(x, y, text)
        if links and key is not None:
            name = key if "." in key else f"cite.{key}"
            canvas.linkRect("", name, (x, y - 3, x + width, y + SIZE), thickness=0)
        x += width + canvas.stringWidth(" ", FONT, SIZE)


def author_year_paper(
    path: Path, links: bool = True, named: bool = False, malformed: bool = False
) -> Path:
    """Write the author-year paper; see the module's docstring for what it holds.

    ``named``: the links go through hyperref's named destinations ``cite.<key>``.
    """
    names: dict[float, str] = {}
    canvas = Canvas(str(path), pagesize=A4)
    _, height = A4
    canvas.setFont("Times-Bold", 14)
    canvas.drawString(LEFT, height - 72, "Linked citations in long summary evaluation")
    canvas.setFont(FONT, SIZE)
    if links:
        canvas.bookmarkPage("section.1", fit="XYZ", left=LEFT, top=height - 96)
        canvas.addOutlineEntry("Introduction", "section.1", level=0)
    y = height - 110
    for segments in AUTHOR_YEAR_BODY:
        _line(canvas, y, segments, links)
        y -= LEADING
    canvas.showPage()
    canvas.setFont("Times-Bold", 12)
    canvas.drawString(LEFT, height - 72, "References")
    canvas.setFont(FONT, SIZE)
    if links:
        canvas.bookmarkPage("section.2", fit="XYZ", left=LEFT, top=height - 60)
        canvas.addOutlineEntry("References", "section.2", level=0)
    y = height - 96
    for key, lines in AUTHOR_YEAR_REFERENCES:
        if links:  # hyperref raises the anchor about half a line above the entry
            canvas.bookmarkPage(f"cite.{key}", fit="XYZ", left=LEFT, top=y + SIZE + 4)
            names[round(y + SIZE + 4, 1)] = f"cite.{key}"
        for number, text in enumerate(lines):
            canvas.drawString(LEFT + (12 if number else 0), y, text)
            if links and key == "davis" and "https://" in text:
                start = LEFT + 12 + canvas.stringWidth(text[: text.index("https")], FONT, SIZE)
                url = f"https://doi.org/{DAVIS_DOI}"
                canvas.linkURL(url, (start, y - 3, start + 30, y + SIZE), thickness=0)
                canvas.linkURL(
                    url, (LEFT + 12, y - LEADING - 3, LEFT + 200, y - 3 + 3), thickness=0
                )
            if malformed and number == 0 and key in ("davis", "unwin"):
                bad = SHADOWED_BAD_DOI if key == "davis" else LINKED_BAD_DOI
                box = (LEFT + 40, y - 3, LEFT + 160, y + SIZE)
                canvas.linkURL(f"https://doi.org/{bad}", box, thickness=0)
            y -= LEADING
        y -= 4
    if links:
        canvas.showOutline()
    canvas.save()
    return name_destinations(path, names) if links and named else path


NUMERIC_BODY: list[list[tuple[str, int | None]]] = [
    [("1. Introduction", None)],
    [("Retrieval models were compared in [1] and later in [2], whose", None)],
    [("results we extend. Dense encoders [3] close much of the gap,", None)],
    [("and both [1] and [3] use the same collections.", None)],
    [("Table 1: baselines.", None)],
    [("BM25 (1995)", 4), ("sparse", None)],
    [("DPR", None), ("dense", None)],
]

NUMERIC_REFERENCES: list[str] = [
    "Smith A, Lee B. Comparing retrieval models. J Inf Retr. 2015;12:1-20.",
    "Novak C. Retrieval revisited. Inf Process Manag. 2018;54:200-215.",
    "Zhou D, Park E. Dense passage encoders. Trans Assoc Comput Ling. 2017;5:301-330.",
    "Robertson S, Walker S. Okapi at TREC-3. In: Proc TREC. 1995. p. 109-126.",
    "Quinn F. An uncited work on ranking. Inf Retr J. 2019;22:1-5.",
]


def numeric_paper(
    path: Path, links: bool = True, named: bool = False, malformed: bool = False
) -> Path:
    """Write the numbered paper; see the module's docstring for what it holds.

    ``named``: the links name their entries ("bibB4") and lead to the page only, no position.
    """
    names: dict[float, str] = {}
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Times", "B", 14)
    pdf.text(LEFT, 80, "Sparse and dense retrieval compared")
    pdf.set_font("Times", "", SIZE)
    targets = [pdf.add_link() for _ in NUMERIC_REFERENCES]
    y = 120.0
    for segments in NUMERIC_BODY:
        x = LEFT
        for text, number in segments:
            pdf.text(x, y, text)
            width = pdf.get_string_width(text)
            if links and number is not None:
                pdf.link(x, y - SIZE, width, SIZE + 3, targets[number - 1])
            x += width + pdf.get_string_width(" ")
        y += LEADING
    pdf.add_page()
    pdf.set_font("Times", "B", 12)
    pdf.text(LEFT, 80, "References")
    pdf.set_font("Times", "", SIZE)
    y = 110.0
    for number, text in enumerate(NUMERIC_REFERENCES, start=1):
        # Publishers' destinations: a position on the page, no name.
        pdf.set_link(targets[number - 1], page=2, y=y - SIZE - 4, x=LEFT)
        names[round(pdf.h - (y - SIZE - 4), 1)] = f"bibB{number}"
        printed = f"{text} doi:{ZHOU_DOI}" if malformed and number == 3 else text
        pdf.text(LEFT, y, f"{number}. {printed}")
        if malformed and number in (3, 5):
            bad = SHADOWED_BAD_DOI if number == 3 else LINKED_BAD_DOI
            x = LEFT + pdf.get_string_width(f"{number}. ")
            pdf.link(x, y - SIZE, 60, SIZE + 3, f"https://doi.org/{bad}")
        if links and number == 3:
            title_x = LEFT + pdf.get_string_width("3. Zhou D, Park E. ")
            width = pdf.get_string_width("Dense passage encoders.")
            pdf.link(title_x, y - SIZE, width, SIZE + 3, f"https://doi.org/{ZHOU_DOI}")
        y += LEADING + 4
    pdf.output(str(path))
    return name_destinations(path, names, positions=False) if links and named else path


def name_destinations(path: Path, names: dict[float, str], positions: bool = True) -> Path:
    """Rewrite every link whose destination's top is a key of ``names`` to go by that name.

    With ``positions`` the link becomes hyperref's ``/A << /S /GoTo /D (name) >>`` and the name
    leads to the same place; without, the link says ``/Dest (name)`` and the name leads to the
    page only (``/Fit``), as PLOS's and BMC's PDFs do.
    """
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree: dict[str, pikepdf.Array] = {}
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                dest = annot.get("/Dest")
                if not isinstance(dest, pikepdf.Array) or len(dest) < 4:
                    continue
                name = names.get(round(float(dest[3]), 1))
                if name is None:
                    continue
                kept = dest if positions else pikepdf.Array([dest[0], pikepdf.Name.Fit])
                tree[name] = kept
                del annot["/Dest"]
                if positions:
                    action = pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.String(name))
                    annot["/A"] = action
                else:
                    annot["/Dest"] = pikepdf.String(name)
        flat = pikepdf.Array()
        for name in sorted(tree):
            flat.extend([pikepdf.String(name), tree[name]])
        dests = pdf.make_indirect(pikepdf.Dictionary(Names=flat))
        pdf.Root["/Names"] = pikepdf.Dictionary(Dests=dests)
        pdf.save(path)
    return path
