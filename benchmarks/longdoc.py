"""Long generated papers for the 10→400 page curve of ``benchmarks/speed.py``.

    python benchmarks/longdoc.py [--out DIR] [SIZE...]

A paper of about ``pages`` pages typeset by pdflatex: title, abstract, sections of running text
with in-text citations throughout and a reference list that grows with the length (ten entries
plus about one per page), so that every stage of refcheck sees a long list and citations
hundreds of pages away from it. Two styles: ``numeric`` (``[12]``, ``[3, 4]``) and
``author-year`` (natbib: ``(Adams and Brown, 2015)``, ``Adams (2015)``). The text is random
but seeded, so a size always gives the same PDF; PDFs are cached under the temporary directory,
keyed by this file's content, and built once.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

STYLES = ("numeric", "author-year")
_SURNAMES = (
    "Adams Baker Carter Dalton Evans Fischer Garcia Hughes Ibsen Jensen Keller Lambert Moreau "
    "Novak Olsen Perez Quinn Rossi Schmidt Tanaka Ulrich Varga Weber Xu Young Zhang Abbott Brandt "
    "Costa Duarte Engel Fontaine Gallo Hansen Iversen Janssen Kowalski Lindqvist Marino Nielsen "
    "Ortega Peters Ramos Silva Torres Urban Vogel Walsh Yilmaz Zimmer"
)
_WORDS = (
    "the of results method data analysis model we show that in this paper approach error "
    "measurement sample study effect significant previous work observed under conditions "
    "proposed framework evidence distribution estimate variance across several experiments "
    "reported earlier using standard techniques however our findings suggest a different "
    "interpretation which is consistent with theory and practice for large systems where "
    "performance depends on structure time space parameters between groups regions levels"
)
SURNAMES, WORDS = _SURNAMES.split(), _WORDS.split()
JOURNALS = (
    "Journal of Applied Studies",
    "Review of Scientific Methods",
    "Annals of Data Research",
    "Computational Letters",
    "Proceedings of the Society for Measurement",
)
# Measured: about this many paragraphs fill an 11pt page (natbib's citations are longer).
PARAGRAPHS_PER_PAGE = {"numeric": 4.1, "author-year": 3.8}
ENTRIES_PER_PAGE = 11


def reference(rng: random.Random, surname: str, year: int) -> tuple[list[str], str]:
    """The authors' surnames and the body of one entry (authors, year, title, journal...)."""
    names = [surname, *rng.sample([s for s in SURNAMES if s != surname], rng.randint(0, 2))]
    authors = ", ".join(f"{name}, {rng.choice('ABCDEFGHJKLMNPRST')}." for name in names)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize()
    volume, issue, first = rng.randint(1, 60), rng.randint(1, 12), rng.randint(1, 900)
    journal = rng.choice(JOURNALS)
    body = (
        f"{authors} ({year}). {title}. \\emph{{{journal}}}, {volume}({issue}):"
        f"{first}--{first + rng.randint(5, 30)}. doi:10.{rng.randint(1000, 9999)}/"
        f"bench.{year}.{rng.randint(100, 99999)}"
    )
    return names, body


def bibliography(rng: random.Random, count: int, style: str) -> tuple[list[str], list[str]]:
    """The cite keys in list order, and the ``\\bibitem`` lines of the list."""
    pairs = [(surname, year) for surname in SURNAMES for year in range(1975, 2025)]
    chosen = sorted(rng.sample(pairs, count))  # unique (surname, year): no a/b suffixes needed
    if style == "numeric":
        rng.shuffle(chosen)  # numeric lists are in citation order, not alphabetical
    keys, items = [], []
    for index, (surname, year) in enumerate(chosen):
        names, body = reference(rng, surname, year)
        key = f"r{index}"
        keys.append(key)
        if style == "numeric":
            items.append(f"\\bibitem{{{key}}} {body}")
        else:
            short = names[0] if len(names) == 1 else f"{names[0]} et~al."
            if len(names) == 2:
                short = f"{names[0]} and {names[1]}"
            items.append(f"\\bibitem[{short}({year})]{{{key}}} {body}")
    return keys, items


def paragraph(rng: random.Random, cites: list[str], style: str) -> str:
    sentences = []
    for index in range(rng.randint(5, 7)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(10, 18))]
        sentence = " ".join(words).capitalize()
        if index < len(cites):
            if style == "numeric":
                sentence += f"~\\cite{{{cites[index]}}}"
            elif rng.random() < 0.3:
                sentence = f"As \\citet{{{cites[index]}}} note, {sentence.lower()}"
            else:
                sentence += f" \\citep{{{cites[index]}}}"
        sentences.append(sentence + ".")
    return " ".join(sentences)


def latex(pages: int, style: str) -> str:
    rng = random.Random(f"{style}-{pages}")
    count = 10 + pages
    keys, items = bibliography(rng, count, style)
    body_pages = max(1.0, pages - count / ENTRIES_PER_PAGE - 0.5)
    total = round(body_pages * PARAGRAPHS_PER_PAGE[style])
    order = keys[:]  # every entry cited at least once, in list order for numeric lists
    cursor, body = 0, []
    for number in range(total):
        if number % 8 == 0:
            body.append(f"\\section{{{' '.join(rng.sample(WORDS, 3)).capitalize()}}}")
        cites = []
        for _ in range(rng.randint(1, 3)):
            group = order[cursor % count : cursor % count + rng.randint(1, 2)]
            cursor += len(group)
            cites.append(",".join(group))
        body.append(paragraph(rng, cites, style))
    package = "\\usepackage[round]{natbib}" if style == "author-year" else ""
    return "\n\n".join(
        [
            f"\\documentclass[11pt]{{article}}\n{package}\n\\begin{{document}}",
            f"\\title{{A Generated Study of {pages} Pages}}\\author{{A. Writer \\and B. Reader}}",
            "\\date{}\\maketitle\n\\begin{abstract}"
            + paragraph(rng, [], style)
            + "\\end{abstract}",
            *body,
            "\\begin{thebibliography}{999}",
            *items,
            "\\end{thebibliography}\n\\end{document}\n",
        ]
    )


def cache_dir() -> Path:
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / "refcheck-bench" / f"longdoc-{digest}"


def build(pages: int, style: str, out: Path | None = None) -> Path:
    """The PDF of a ``pages``-page paper in ``style``, typeset once and cached."""
    folder = out or cache_dir()
    pdf = folder / f"{style}-{pages}.pdf"
    if pdf.exists():
        return pdf
    if shutil.which("pdflatex") is None:
        raise RuntimeError("pdflatex is not installed: the long papers cannot be typeset")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "paper.tex"
        source.write_text(latex(pages, style), encoding="utf-8")
        for _ in range(2):  # the second run resolves the citations
            command = ["pdflatex", "-interaction=batchmode", "-halt-on-error", source.name]
            completed = subprocess.run(command, cwd=work, capture_output=True, check=False)
            if completed.returncode != 0:
                raise RuntimeError(f"pdflatex failed on the {style} {pages}-page paper")
        partial = pdf.with_suffix(".part")
        shutil.copyfile(source.with_suffix(".pdf"), partial)
        partial.replace(pdf)  # never a half-written PDF in the cache
    return pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 50, 100, 200, 400])
    parser.add_argument("--out", type=Path, default=None, help="folder (default: the cache)")
    args = parser.parse_args(argv)
    for style in STYLES:
        for size in args.sizes:
            print(build(size, style, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
