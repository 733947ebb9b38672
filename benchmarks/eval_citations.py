"""Precision and recall of in-text citation detection, against GROBID's hand-corrected TEI.

    python benchmarks/eval_citations.py [--corpus ../shared/corpus] [--misses N]

1. Text level: ``citations_in_text`` on every ``<p>`` of the GROBID fulltext training TEI
   (``corpus/`` = dev, ``evaluation/`` = held-out, reported apart). A prediction matches a gold
   ``<ref type="biblio">`` when their character spans overlap. Scores are given per style family:
   precision by the family of the prediction, recall by the family of the gold callout
   (``[n]`` and ``(n)`` numeric, bare numbers superscript, names with a year author-year; anything
   else, such as "MWB15" or "3)", is "other" and counts in recall only). "(3)" is read as a
   citation in a file only if ``cites_in_parentheses`` says the file cites that way, as
   ``find_citations`` decides for a PDF.
   The TEI keeps no typography, so raised numbers cannot be seen: the spans of bare-number gold
   callouts are passed as the superscript marks. The superscript row therefore measures how the
   marks are read, not whether raised text is found; the PDF row tests that.
2. End to end: ``find_citations`` on arxiv_0908.0054 (PDF), against the callouts of its TEI,
   matched by their text with white space removed.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refcheck.extract.citations import (  # noqa: E402
    citations_in_text,
    cites_in_parentheses,
    find_citations,
)
from refcheck.pdf import load  # noqa: E402

FAMILIES = ("numeric", "superscript", "author-year", "other")
_STYLE_FAMILY = {
    "numeric": "numeric",
    "superscript": "superscript",
    "parenthetical": "author-year",
    "narrative": "author-year",
}
_BARE_NUMBERS = re.compile(r"\d+(?:\s*[,–\-]\s*\d+)*")
_REF_BEFORE = re.compile(r"\b(?:[Rr]efs?\.|[Rr]eferences?)\s*$")
_TRAILING_NUMBERS = re.compile(r"et al\.?\s+(\d+(?:[,–\-]\d+)*)$")


@dataclass
class Paragraph:
    text: str
    gold: list[tuple[int, int, str]]  # start, end, family
    raised: list[tuple[int, int]]


@dataclass
class Score:
    predicted: Counter[str] = field(default_factory=Counter)
    predicted_ok: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    gold_found: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)


def family_of(callout: str) -> str:
    text = callout.strip()
    if text.startswith("[") or re.fullmatch(r"\(\s*\d[\d,;\s–\-]*\)", text):
        return "numeric"
    if _BARE_NUMBERS.fullmatch(text) or _TRAILING_NUMBERS.search(text):
        return "superscript"
    if re.search(r"[^\W\d_]{2}", text) and re.search(r"\b(1[6-9]|20)\d\d", text):
        return "author-year"
    return "other"


def paragraphs(path: Path) -> list[Paragraph]:
    root = ET.parse(path).getroot()
    return [_flatten(p) for p in root.iter("p")]


def _flatten(element: ET.Element) -> Paragraph:
    parts: list[str] = []
    gold: list[tuple[int, int, str]] = []
    raised: list[tuple[int, int]] = []

    def walk(node: ET.Element) -> None:
        start = sum(map(len, parts))
        if node.tag == "lb":
            tail = node.tail or ""
            if parts and not parts[-1].endswith(("-", " ")) and not tail[:1].isspace():
                parts.append(" ")
        else:
            parts.append(node.text or "")
            for child in node:
                walk(child)
        end = sum(map(len, parts))
        if node.tag == "ref" and node.get("type") == "biblio":
            _record("".join(parts), start, end, gold, raised)
        if node is not element:
            parts.append(node.tail or "")

    walk(element)
    return Paragraph("".join(parts), gold, raised)


def _record(
    text: str, start: int, end: int, gold: list[tuple[int, int, str]], raised: list[tuple[int, int]]
) -> None:
    callout = text[start:end]
    family = family_of(callout)
    gold.append((start, start + len(callout), family))
    if family != "superscript" or _REF_BEFORE.search(text[:start]):
        return  # "Ref. 13" is printed on the line, not raised
    trailing = _TRAILING_NUMBERS.search(callout.strip())
    offset = start + len(callout) - len(callout.lstrip())
    if trailing:
        offset += trailing.start(1)
        raised.append((offset, offset + len(trailing.group(1))))
    else:
        raised.append((offset, offset + len(callout.strip())))


def score_text(files: list[Path], score: Score) -> None:
    for path in files:
        paras = paragraphs(path)
        plain = [citations_in_text(p.text, p.raised) for p in paras]
        wider = [citations_in_text(p.text, p.raised, parenthesised=True) for p in paras]
        # The same decision find_citations takes for a whole document.
        if cites_in_parentheses([f for p in plain for f in p], [f for p in wider for f in p]):
            plain = wider
        for para, found in zip(paras, plain, strict=True):
            for start, end, style, _ in found:
                family = _STYLE_FAMILY[style]
                score.predicted[family] += 1
                if any(s < end and start < e for s, e, _ in para.gold):
                    score.predicted_ok[family] += 1
                else:
                    score.misses.append(f"FP {path.name[:30]}: {_context(para.text, start, end)}")
            for start, end, family in para.gold:
                score.gold[family] += 1
                if any(s < end and start < e for s, e, _, _ in found):
                    score.gold_found[family] += 1
                else:
                    score.misses.append(f"FN {path.name[:30]}: {_context(para.text, start, end)}")


def _context(text: str, start: int, end: int) -> str:
    flat = text[max(0, start - 50) : start] + "⟦" + text[start:end] + "⟧" + text[end : end + 30]
    return re.sub(r"\s+", " ", flat)


def score_pdf(corpus: Path, score: Score) -> None:
    name = "arxiv_0908.0054_bosonic_dark_matter"
    tei = corpus / "gold" / name / "grobid_fulltext_training.tei.xml"
    gold = Counter(
        re.sub(r"\s+", "", para.text[s:e]) for para in paragraphs(tei) for s, e, _ in para.gold
    )
    pdf = load(corpus / "pdfs" / f"{name}.pdf", max_pages=100)
    predicted = Counter(re.sub(r"\s+", "", c.text) for c in find_citations(pdf))
    for text, count in predicted.items():
        family = "numeric" if text.startswith("[") else "other"
        score.predicted[family] += count
        score.predicted_ok[family] += min(count, gold[text])
        score.misses.extend(f"FP {name[:30]}: {text}" for _ in range(count - gold[text]))
    for text, count in gold.items():
        family = family_of(text)
        score.gold[family] += count
        score.gold_found[family] += min(count, predicted[text])
        score.misses.extend(f"FN {name[:30]}: {text}" for _ in range(count - predicted[text]))


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


def print_table(rows: list[tuple[str, Score]]) -> None:
    print(f"{'set':<30} {'family':<12} {'pred':>5} {'P':>6} {'gold':>5} {'R':>6}")
    for label, score in rows:
        for family in (*FAMILIES, "all"):
            if family == "all":
                pred, ok = sum(score.predicted.values()), sum(score.predicted_ok.values())
                gold, found = sum(score.gold.values()), sum(score.gold_found.values())
            else:
                pred, ok = score.predicted[family], score.predicted_ok[family]
                gold, found = score.gold[family], score.gold_found[family]
            if pred or gold:
                print(
                    f"{label:<30} {family:<12} {pred:>5} {_ratio(ok, pred):>6} "
                    f"{gold:>5} {_ratio(found, gold):>6}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument(
        "--misses", type=int, default=0, help="print this many errors of each dev set"
    )
    args = parser.parse_args()
    tei = args.corpus / "in_text_citations" / "grobid_fulltext_tei"
    rows = []
    for label, folder in (
        ("TEI dev (corpus/)", "corpus"),
        ("TEI held-out (evaluation/)", "evaluation"),
    ):
        score = Score()
        score_text(sorted((tei / folder).glob("*.xml")), score)
        rows.append((label, score))
    pdf_score = Score()
    score_pdf(args.corpus, pdf_score)
    rows.append(("PDF arxiv_0908.0054 (dev)", pdf_score))
    print_table(rows)
    if args.misses:
        # Held-out errors stay unseen: looking at them would tune the detector to them.
        for label, score in (row for row in rows if "held-out" not in row[0]):
            print(f"\n{label}: first {args.misses} of {len(score.misses)} errors")
            for line in score.misses[: args.misses]:
                print("  " + line)


if __name__ == "__main__":
    main()
