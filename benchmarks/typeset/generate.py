"""Generate the typeset corpus: PDFs made by TeX Live, pandoc and LibreOffice, with truth.

    python benchmarks/typeset/generate.py --out /tmp/typeset [--per-template 5] [--only NAME]

For each template of ``templates.py`` (the dev / held-out split is written there), papers
0 and 3 (of every five) are clean, the others carry three planted defects.
Each paper is ``<out>/<split>/<name>.pdf`` with ``<name>.truth.json`` beside it (every planted
defect: code, subject, and the tokens a finding about it contains). Bibliography records come
from AnyStyle's labelled references in ``../shared/corpus/labeled_references/anystyle``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from fnmatch import fnmatch
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))

from typeset.bibdata import Record, load_records  # noqa: E402
from typeset.paper import Paper  # noqa: E402
from typeset.plan import build_paper  # noqa: E402
from typeset.templates import TEMPLATES, Template  # noqa: E402

CORPUS = Path(os.environ.get("REFCHECK_CORPUS", ROOT.parent / "shared" / "corpus"))
TOOLS = {"bibtex": ("pdflatex", "bibtex"), "biblatex": ("pdflatex", "biber"),
         "docx": ("soffice",), "pandoc": ("pandoc", "soffice")}  # fmt: skip


def missing_tools(template: Template) -> list[str]:
    tools = TOOLS[template.family] + (("pandoc",) if "notes" in template.options else ())
    return [tool for tool in tools if shutil.which(tool) is None]


def defects_for(index: int) -> int:
    return 0 if index % 5 in (0, 3) else 3


def typeset(paper: Paper, workdir: Path) -> Path:
    if paper.template.family in ("bibtex", "biblatex"):
        from typeset.latex import build

        return build(paper, workdir)
    from typeset.word import build as build_word

    return build_word(paper, workdir)


def make_one(template: Template, index: int, pool: list[Record], out: Path) -> str:
    paper = build_paper(template, index, pool, defects_for(index))
    target = out / template.split
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="typeset-") as tmp:
        try:
            pdf = typeset(paper, Path(tmp))
        except Exception as error:  # a tool failed: report it, keep the batch going
            return f"FAILED {paper.name}: {str(error)[-600:]}"
        shutil.copy(pdf, target / f"{paper.name}.pdf")
    truth = json.dumps(paper.truth(), indent=1, ensure_ascii=False)
    (target / f"{paper.name}.truth.json").write_text(truth + "\n", encoding="utf-8")
    codes = ",".join(d["code"] for d in paper.defects) or "clean"
    return f"ok {template.split:<7} {paper.name:<28} {codes}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-template", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None, help="template names or patterns")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus")
    args = parser.parse_args(argv)
    anystyle = args.corpus / "labeled_references" / "anystyle"
    pool = load_records(anystyle)
    if not pool:
        print(f"not run: no labelled references in {anystyle}")
        return 0
    jobs = []
    for template in TEMPLATES:
        if args.only and not any(fnmatch(template.name, pattern) for pattern in args.only):
            continue
        if missing := missing_tools(template):
            print(f"not run: {template.name} needs {', '.join(missing)}")
            continue
        jobs += [(template, i) for i in range(args.per_template)]
    with ProcessPoolExecutor(max_workers=args.workers) as executor:
        futures = [executor.submit(make_one, t, i, pool, args.out) for t, i in jobs]
        for future in futures:
            print(future.result(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
