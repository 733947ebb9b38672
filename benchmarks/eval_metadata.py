"""Accuracy of the paper's own metadata and of the META/REF003 rules, against gold data.

    python benchmarks/eval_metadata.py [--corpus ../shared/corpus] [--misses]

Scores, per split of the corpus (dev and held-out reported apart):
- title: exact after folding case, Unicode compatibility forms and white space, or equal to one
  of the gold's accepted alternatives;
- own DOI: exact (lower-case), over the PDFs that print their own DOI;
- volume, issue, year where the gold has them;
- rule findings: META001, META002 and REF003 on every corpus PDF (the gold lists which fields
  really conflict) and on the synthetic articles of ``tests/pdfgen.py`` (their truth lists the
  conflicts, invalid ISSNs and malformed DOIs).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refcheck.config import Settings  # noqa: E402
from refcheck.model import Document, Finding  # noqa: E402
from refcheck.pipeline import extract_document, run_rules  # noqa: E402
from refcheck.rules import ALL_RULES  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold" / "own_metadata.json"
RULE_CODES = ("META001", "META002", "REF003")


def fold(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").casefold().split())


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(miss)

    def cell(self) -> str:
        if not self.total:
            return "-"
        return f"{self.right}/{self.total} ({100 * self.right / self.total:.0f}%)"


@dataclass
class RuleTally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, found: set[str], expected: set[str], where: str) -> None:
        self.true_positive += len(found & expected)
        self.false_positive += len(found - expected)
        self.false_negative += len(expected - found)
        for item in sorted(found - expected):
            self.notes.append(f"false positive {item} in {where}")
        for item in sorted(expected - found):
            self.notes.append(f"missed {item} in {where}")

    def cells(self) -> tuple[str, str]:
        fired = self.true_positive + self.false_positive
        expected = self.true_positive + self.false_negative
        precision = f"{self.true_positive}/{fired}" if fired else "-"
        recall = f"{self.true_positive}/{expected}" if expected else "-"
        return precision, recall


def findings_of(document: Document) -> dict[str, list[Finding]]:
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in run_rules(document, ALL_RULES):
        by_code[finding.code].append(finding)
    return by_code


def score_corpus(corpus: Path) -> tuple[dict[str, dict[str, Tally]], dict[str, RuleTally]]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    with (corpus / "pdfs.csv").open(encoding="utf-8") as handle:
        splits = {row["id"]: row["split"] for row in csv.DictReader(handle)}
    fields: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    rules: dict[str, RuleTally] = defaultdict(RuleTally)
    for pdf_id, expected in sorted(gold.items()):
        split = splits[pdf_id]
        document = extract_document(corpus / "pdfs" / f"{pdf_id}.pdf", Settings())
        metadata = document.metadata
        titles = [expected["title"], *(expected.get("title_alternatives") or [])]
        fields[split]["title"].add(
            fold(metadata.title) in {fold(t) for t in titles},
            f"{pdf_id}: {metadata.title!r} (gold {expected['title']!r})",
        )
        if expected["doi"]:
            fields[split]["own DOI"].add(
                metadata.doi == expected["doi"],
                f"{pdf_id}: {metadata.doi} (gold {expected['doi']})",
            )
        for key in ("volume", "issue", "year"):
            if expected.get(key):
                got = getattr(metadata, key)
                fields[split][key].add(
                    fold(got) == fold(str(expected[key])),
                    f"{pdf_id}: {key} {got} (gold {expected[key]})",
                )
        by_code = findings_of(document)
        conflicts = {f"{f.evidence['field']}" for f in by_code.get("META001", [])}
        rules["META001 corpus"].add(conflicts, set(expected.get("conflicts") or []), pdf_id)
        for code in ("META002", "REF003"):
            found = {str(f.evidence.get("found")) for f in by_code.get(code, [])}
            rules[f"{code} corpus"].add(found, _known_true(pdf_id, code), pdf_id)
    return fields, rules


def _known_true(pdf_id: str, code: str) -> set[str]:
    """Findings checked by hand on the printed page and found to be real."""
    known = {("ssoar_55386", "META002"): {"2000-000X"}}
    return known.get((pdf_id, code), set())


def score_generated() -> dict[str, RuleTally]:
    from tests.pdfgen import build_all

    rules: dict[str, RuleTally] = defaultdict(RuleTally)
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in build_all(Path(tmp)):
            by_code = findings_of(extract_document(pdf.path, Settings()))
            truth: dict[str, Any] = pdf.truth
            conflicts = {f.evidence["field"] for f in by_code.get("META001", [])}
            rules["META001 generated"].add(conflicts, set(truth["conflicts"]), pdf.name)
            issns = {f.evidence["found"] for f in by_code.get("META002", [])}
            rules["META002 generated"].add(issns, set(truth["invalid_issns"]), pdf.name)
            dois = {f.evidence["found"] for f in by_code.get("REF003", [])}
            rules["REF003 generated"].add(dois, set(truth["malformed_dois"]), pdf.name)
    return rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    fields, corpus_rules = score_corpus(args.corpus)
    print("Own metadata on the corpus (right/total)")
    print(f"{'field':<10} {'dev':>14} {'heldout':>14}")
    for name in ("title", "own DOI", "volume", "issue", "year"):
        print(f"{name:<10} {fields['dev'][name].cell():>14} {fields['heldout'][name].cell():>14}")
    rules = {**corpus_rules, **score_generated()}
    print("\nRules (precision = right/fired, recall = right/expected)")
    print(f"{'rule, data':<20} {'precision':>10} {'recall':>8}")
    for name in sorted(rules):
        precision, recall = rules[name].cells()
        print(f"{name:<20} {precision:>10} {recall:>8}")
    if args.misses:
        print("\nMisses")
        for split in ("dev", "heldout"):
            for name, tally in fields[split].items():
                for miss in tally.misses:
                    print(f"  [{split}] {name}: {miss}")
        for name, tally in sorted(rules.items()):
            for note in tally.notes:
                print(f"  [{name}] {note}")


if __name__ == "__main__":
    main()
