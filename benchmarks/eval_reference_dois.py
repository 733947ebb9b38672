"""DOIs read from real reference strings, against Crossref's gold.

    python benchmarks/eval_reference_dois.py [--corpus ../shared/corpus] [--misses]

``reference_matching/crossref_real_unstructured_2000.json`` holds 2,000 reference strings from
Crossref deposits with the DOI each cites (``target_gt.DOI``). Where a string prints a DOI
("10.xxxx/…", bare, labelled or as a resolver link), the parser must read that very DOI.
Records 0-999 are dev and 1000-1999 held-out, as the corpus README splits them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refcheck.extract.references.parse import parse_reference  # noqa: E402

_PRINTED_DOI = re.compile(r"10\.\d{4,9}/")
HELD_OUT_FROM = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--misses", action="store_true", help="print each dev miss")
    args = parser.parse_args()
    path = args.corpus / "reference_matching" / "crossref_real_unstructured_2000.json"
    records = json.loads(path.read_text(encoding="utf-8"))["dataset"]
    print(f"{'split':8} {'printed':>7} {'right':>6} {'none':>5} {'other':>6}  share right")
    for split, chosen in (
        ("dev", records[:HELD_OUT_FROM]),
        ("heldout", records[HELD_OUT_FROM:]),
    ):
        printed = right = none = other = 0
        for record in chosen:
            text, gold = record["ref_string"], (record["target_gt"] or {}).get("DOI")
            if not gold or not _PRINTED_DOI.search(text):
                continue
            printed += 1
            found = parse_reference(text, id="R1", page=1).doi
            if found and found.lower() == gold.lower():
                right += 1
            elif found is None:
                none += 1
            else:
                other += 1
            if args.misses and split == "dev" and (found or "").lower() != gold.lower():
                print(f"  miss: read {found!r}, gold {gold!r}: …{text[-100:]}")
        share = f"{right / printed:.3f}" if printed else "-"
        print(f"{split:8} {printed:7d} {right:6d} {none:5d} {other:6d}  {share}")


if __name__ == "__main__":
    main()
