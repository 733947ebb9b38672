"""Citation linking and citation/reference rules on synthetic articles with known truth.

    python benchmarks/eval_linking.py [--misses] [--silence N]

The articles come from ``tests/citegen.py``: APA, Harvard, Chicago author-date, IEEE and
Vancouver (superscript) styles, one and two columns, clean and with planted defects.

- Links: every cited work of the truth has the reference ids a correct linker gives. Ours are
  mapped to the truth's by reference text. A predicted link is right when its reference set
  equals the truth's; precision = right / predicted, recall = right / expected (cited works
  the truth links to something).
- Rules: per PDF and code, findings at the rule's own severity are matched to planted defects
  by count: true positives min(found, planted), the rest false positives or misses (a
  finding stepped down to info for weak evidence is a miss). Clean papers plant nothing.
- Silence: the online benchmark's generated papers (``benchmarks/online``; 38 references
  each, five styles, no citation defects planted) checked offline: every CIT/REF finding is
  listed. The only ones expected are CIT005 where two works share "First et al., year".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refcheck.config import Settings  # noqa: E402
from refcheck.link import link_citations  # noqa: E402
from refcheck.model import Document, Linking  # noqa: E402
from refcheck.pipeline import extract_document, run_rules  # noqa: E402
from refcheck.rules import ALL_RULES  # noqa: E402

RULE_CODES = ("CIT001", "CIT002", "CIT003", "CIT004", "CIT005", "REF001", "REF002", "REF004",
              "REF005")  # fmt: skip


@dataclass
class Score:
    right: int = 0
    predicted: int = 0
    expected: int = 0
    notes: list[str] = field(default_factory=list)

    def row(self) -> tuple[str, str]:
        precision = self.right / self.predicted if self.predicted else 1.0
        recall = self.right / self.expected if self.expected else 1.0
        return f"{precision:.3f} ({self.right}/{self.predicted})", (
            f"{recall:.3f} ({self.right}/{self.expected})"
        )


def _fold(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def reference_map(document: Document, truth: dict[str, Any]) -> dict[str, str]:
    """Our reference id → the truth's, by the most similar printed text.

    Each truth entry is taken once, so the two copies of a duplicated reference map to the
    two truth entries, in list order, not both to the first.
    """
    mapping = {}
    free = list(truth["references"])
    for reference in document.references:
        ours = _fold(reference.raw)
        if not free:
            break
        best = max(free, key=lambda t: fuzz.ratio(ours, _fold(t["raw"])))
        if fuzz.ratio(ours, _fold(best["raw"])) >= 80:
            mapping[reference.id] = best["id"]
            free.remove(best)
    return mapping


def predicted_works(document: Document, linking: Linking) -> list[tuple[int, str, set[str]]]:
    """(page, folded citation text, reference ids) for every cited work we linked."""
    citations = {c.id: c for c in document.citations}
    works = []
    for link in linking.links:
        citation = citations[link.citation_id]
        ids = set(link.reference_ids) if link.status != "unmatched" else set()
        works.append((citation.page, _fold(citation.text), ids))
    return works


def score_links(document: Document, truth: dict[str, Any], score: Score) -> None:
    mapping = reference_map(document, truth)
    linking = link_citations(document)
    ours = [
        (p, t, {mapping.get(i, f"?{i}") for i in ids})
        for p, t, ids in predicted_works(document, linking)
    ]
    expected = [
        (citation["page"], _fold(citation["text"]), set(work["reference_ids"]))
        for citation in truth["citations"]
        for work in citation["works"]
    ]
    score.expected += sum(1 for _, _, ids in expected if ids)
    score.predicted += sum(1 for _, _, ids in ours if ids)
    remaining = Counter((p, t, frozenset(ids)) for p, t, ids in expected if ids)
    for page, text, ids in ours:
        key = (page, text, frozenset(ids))
        if ids and remaining[key] > 0:
            remaining[key] -= 1
            score.right += 1
        elif ids:
            score.notes.append(f"{truth['name']}: p{page} {text} -> {sorted(ids)}")
    for (page, text, ids), left in remaining.items():
        for _ in range(left):
            score.notes.append(f"{truth['name']}: missed p{page} {text} -> {sorted(ids)}")


def score_rules(document: Document, truth: dict[str, Any], scores: dict[str, Score]) -> None:
    # A finding stepped down to info (weak evidence) is no report of the defect.
    defaults = {rule.code: rule.severity for rule in ALL_RULES}
    found = Counter(
        f.code
        for f in run_rules(document, ALL_RULES)
        if f.code in RULE_CODES and f.severity is defaults[f.code]
    )
    planted = Counter(d["code"] for d in truth["defects"])
    for code in RULE_CODES:
        score = scores[code]
        right = min(found[code], planted[code])
        score.right += right
        score.predicted += found[code]
        score.expected += planted[code]
        if found[code] != planted[code]:
            score.notes.append(
                f"{truth['name']}: {code} found {found[code]}, planted {planted[code]}"
            )


SILENCE_PAPERS = 20


def print_silence(count: int) -> None:
    """CIT/REF findings on generated papers that plant no citation defect."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from online.papers import accuracy_papers

    rules = [r for r in ALL_RULES if r.code.startswith(("CIT", "REF")) and not r.needs_network]
    found: Counter[str] = Counter()
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for paper in accuracy_papers(Path(tmp), "http://127.0.0.1:9", count=count):
            document = extract_document(paper.pdf, Settings())
            for finding in run_rules(document, rules):
                found[finding.code] += 1
                notes.append(f"{paper.pdf.name}: {finding.code} {finding.message[:90]}")
    print(
        f"\nSilence: offline CIT/REF findings on {count} online-benchmark papers (no citation "
        "defects planted)"
    )
    print("  " + (", ".join(f"{code} {n}" for code, n in sorted(found.items())) or "none"))
    for note in notes:
        print(f"    {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true")
    parser.add_argument(
        "--silence",
        type=int,
        default=SILENCE_PAPERS,
        help=f"online-benchmark papers to check for silence (default {SILENCE_PAPERS})",
    )
    args = parser.parse_args()
    from tests.citegen import build_citation_set

    links: dict[str, Score] = defaultdict(Score)
    rules: dict[str, Score] = defaultdict(Score)
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in build_citation_set(Path(tmp)):
            document = extract_document(pdf.path, Settings())
            truth = pdf.truth
            key = f"{truth['style']} {truth['columns']}-col"
            score_links(document, truth, links[key])
            score_links(document, truth, links["all"])
            score_rules(document, truth, rules)
    print("Citation -> reference links (generated set)")
    print(f"{'style':<16} {'precision':>18} {'recall':>18}")
    for key in sorted(links, key=lambda k: (k == "all", k)):
        precision, recall = links[key].row()
        print(f"{key:<16} {precision:>18} {recall:>18}")
    print("\nRules on the generated set (clean papers and planted defects)")
    print(f"{'rule':<8} {'precision':>18} {'recall':>18}")
    for code in RULE_CODES:
        precision, recall = rules[code].row()
        print(f"{code:<8} {precision:>18} {recall:>18}")
    print_silence(args.silence)
    if args.misses:
        print("\nMisses and false alarms")
        for name, score in [*links.items(), *rules.items()]:
            if name == "all":
                continue
            for note in score.notes:
                print(f"  [{name}] {note}")


if __name__ == "__main__":
    main()
