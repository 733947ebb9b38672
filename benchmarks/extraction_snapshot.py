"""What a change did to extraction on the dev PDFs: save a snapshot, change code, compare.

    python benchmarks/extraction_snapshot.py save before.json
    python benchmarks/extraction_snapshot.py compare before.json

A snapshot holds, per dev PDF, every reference entry as read and every in-text citation with
the works it names. ``compare`` prints what was added or lost, PDF by PDF, so that a change to
the reader, the layout or the citation finder is reviewed on real papers before it lands.
Held-out PDFs are left out on purpose: they are for milestones, not for review.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refcheck.extract.document import build_document  # noqa: E402
from refcheck.model import CitedWork  # noqa: E402
from refcheck.pdf import load  # noqa: E402

Snapshot = dict[str, dict[str, list[str]]]


def take(corpus: Path) -> Snapshot:
    with (corpus / "pdfs.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["split"] == "dev"]
    snapshot: Snapshot = {}
    for row in sorted(rows, key=lambda r: r["id"]):
        document = build_document(load(corpus / row["file"], 1000))
        snapshot[row["id"]] = {
            "references": [reference.raw for reference in document.references],
            "citations": [f"{c.text}  →  {_works(c.works)}" for c in document.citations],
        }
    return snapshot


def _works(works: tuple[CitedWork, ...]) -> str:
    return "; ".join(f"{' & '.join(w.names) or w.number} {w.year or ''}".strip() for w in works)


def compare(before: Snapshot, after: Snapshot) -> int:
    """Print the differences; the number of PDFs that changed."""
    changed = 0
    for pdf_id in sorted(set(before) | set(after)):
        old, new = before.get(pdf_id, {}), after.get(pdf_id, {})
        for part in ("references", "citations"):
            lines = [
                line
                for line in difflib.unified_diff(
                    old.get(part, []), new.get(part, []), lineterm="", n=0
                )
                if line[:1] in "+-" and line[:3] not in ("+++", "---")
            ]
            if lines:
                changed += 1
                print(f"== {pdf_id} {part}: {len(old.get(part, []))} -> {len(new.get(part, []))}")
                for line in lines:
                    print(f"   {line[:160]}")
    print(f"\n{changed} part(s) changed")
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    current = take(args.corpus)
    if args.action == "save":
        args.snapshot.write_text(json.dumps(current, indent=1, ensure_ascii=False))
        print(f"saved {len(current)} PDFs to {args.snapshot}")
        return
    compare(json.loads(args.snapshot.read_text()), current)


if __name__ == "__main__":
    main()
