"""Zone labels against the corpus zone gold, per zone, on a dev and a held-out split.

    python benchmarks/eval_zones.py [--corpus ../shared/corpus]

Gold:
- GROBID segmentation TEI (``gold/*/grobid_segmentation_training.tei.xml``): every line of the
  document labelled front, body, listBibl (references), page (page numbers and running heads),
  or back (acknowledgements, availability). GROBID puts the title page's footnotes (affiliation
  notes, e-mail addresses) in front, so a footnote on the title page counts as front here.
- EXCITE layout lines (``gold/ssoar_*/layout_lines_with_ref_tags.tsv``): every line of the PDF,
  the reference-list lines wrapped in ``<ref>…</ref>``. They score the references zone only.

Our lines are matched to gold lines by their letters and digits (case and spacing ignored);
lines that match no gold line (or several gold lines with different labels) are not scored,
and the share matched is printed.

Split: all corpus PDFs are ``dev`` in pdfs.csv, so the zones stage keeps three of the
EXCITE papers out of tuning (``HELD_OUT``): their figures were not looked at while the rules were
written. The other gold papers are dev.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refcheck.pdf import load  # noqa: E402
from refcheck.zones import ZonedDocument, zone_document  # noqa: E402
from refcheck.zones import model as z  # noqa: E402

HELD_OUT = frozenset({"ssoar_53781", "ssoar_54956", "ssoar_de_41980"})
COARSE = ("front", "body", "running", "references", "back")
_GROBID = {"front": "front", "body": "body", "listBibl": "references", "page": "running"}

Gold = list[tuple[str, str]]  # (normalised text, coarse label), in document order


def normalise(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def grobid_gold(path: Path) -> Gold:
    root = ET.parse(path).getroot()
    text = root.find("text")
    gold: Gold = []
    if text is None:
        return gold
    for element in text.iter():
        label = _GROBID.get(element.tag)
        if element.tag == "div" and element.get("type") in ("acknowledgement", "availability"):
            label = "back"
        if label is None:
            continue
        raw = ET.tostring(element, encoding="unicode", method="xml")
        raw = re.sub(r"<lb\s*/>", "\n", raw)
        for line in re.sub(r"<[^>]+>", "", raw).split("\n"):
            if normalise(line):
                gold.append((normalise(line), label))
    return gold


def excite_gold(path: Path) -> Gold:
    gold: Gold = []
    inside = False
    for row in path.read_text(encoding="utf-8").splitlines():
        text = row.split("\t")[0]
        opens, closes = "<ref>" in text, "</ref>" in text
        label = "references" if inside or opens else "other"
        inside = (inside or opens) and not closes
        plain = normalise(text.replace("<ref>", "").replace("</ref>", ""))
        if plain:
            gold.append((plain, label))
    return gold


def coarse(zoned: ZonedDocument, page: int, zone: str) -> str:
    if zone in z.FRONT_ZONES or (zone == z.FOOTNOTE and page == zoned.title_page):
        return "front"
    if zone in z.RUNNING_ZONES:
        return "running"
    if zone in z.REFERENCE_ZONES:
        return "references"
    return "back" if zone in z.BACK_ZONES else "body"


def predictions(zoned: ZonedDocument) -> list[tuple[str, str]]:
    return [
        (normalise(line.text), coarse(zoned, page.number, zone))
        for page, zones in zip(zoned.pdf.pages, zoned.zones, strict=True)
        for line, zone in zip(page.lines, zones, strict=True)
        if normalise(line.text)
    ]


def score(
    gold: Gold, predicted: list[tuple[str, str]], labels: tuple[str, ...]
) -> tuple[Counter[tuple[str, str]], int]:
    """(gold, predicted) label pairs of the lines that match one gold label; lines matched."""
    by_text: dict[str, set[str]] = defaultdict(set)
    for text, label in gold:
        by_text[text].add(label)
    pairs = Counter[tuple[str, str]]()
    for text, label in predicted:
        found = by_text.get(text)
        if found and len(found) == 1:
            truth = next(iter(found))
            pairs[(truth, label if label in labels else "other")] += 1
    return pairs, sum(pairs.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    totals: dict[str, Counter[tuple[str, str]]] = {"dev": Counter(), "held-out": Counter()}
    print(f"{'pdf':38} {'split':9} {'gold':>6} {'matched':>8}")
    for gold_dir in sorted((args.corpus / "gold").iterdir()):
        tei = gold_dir / "grobid_segmentation_training.tei.xml"
        tsv = gold_dir / "layout_lines_with_ref_tags.tsv"
        labels: tuple[str, ...] = COARSE
        if tei.exists():
            gold = grobid_gold(tei)
        elif tsv.exists():
            gold, labels = excite_gold(tsv), ("references",)
        else:
            continue
        zoned = zone_document(load(args.corpus / "pdfs" / f"{gold_dir.name}.pdf", 1000))
        pairs, matched = score(gold, predictions(zoned), labels)
        split = "held-out" if gold_dir.name in HELD_OUT else "dev"
        totals[split].update(pairs)
        print(f"{gold_dir.name:38} {split:9} {len(gold):6} {matched:8}")
    print(
        f"\n{'zone':12} {'dev P':>7} {'dev R':>7} {'n':>5}   {'held P':>7} {'held R':>7} {'n':>5}"
    )
    for label in COARSE:
        row = [f"{label:12}"]
        for split in ("dev", "held-out"):
            p, r, n = _precision_recall(totals[split], label)
            row.append(f"{_fmt(p):>7} {_fmt(r):>7} {n:5}")
        print("   ".join(row))
    return 0


def _precision_recall(
    pairs: Counter[tuple[str, str]], label: str
) -> tuple[float | None, float | None, int]:
    true = pairs[(label, label)]
    predicted = sum(n for (_, p), n in pairs.items() if p == label)
    gold = sum(n for (g, _), n in pairs.items() if g == label)
    return (true / predicted if predicted else None, true / gold if gold else None, gold)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    raise SystemExit(main())
