"""Accuracy of reference-list finding and splitting, against the corpus gold.

    python benchmarks/eval_reference_lists.py [--corpus ../shared/corpus] [--misses]

Gold, per PDF: ``gold/<id>/reference_strings.txt`` (one reference per line; the German
file's lines are quoted), the ``\\bibitem`` count of the arXiv ``.bbl`` of
acl_2020.acl-main.447, GROBID's hand-corrected segmentation of arxiv_0908.0054 (the reference
zone, one "[n" marker per entry) and the counts in ``gold/refextract_expectations.json``.
Counts are corrected where the PDF prints another number of numbered references (wepml008:
5, not 6; 2502.21088: 101, not 104; ssoar_55386: 42, not 36), and one gold line of
ssoar_55362 that is the tail of the line above is joined to it (43 references, as in the
step 5 file); see ``COUNT_CORRECTIONS`` and ``GOLD_CONTINUATIONS``.

Columns: split, gold count, our count, exact (yes/no), match (the share of gold strings whose
normalised text, case-folded with everything but letters and digits removed, matches one of
our entries with rapidfuzz ``fuzz.ratio`` >= 90; only where gold strings exist), and
refextract's count on the same PDF. Dev and held-out are summarised apart.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refcheck.extract.references import RawEntry, find_reference_entries  # noqa: E402
from refcheck.pdf import load  # noqa: E402

MATCH_RATIO = 90
# refextract's own expectations are not human gold. Where they disagree with the numbers the PDF
# prints (checked with pdftotext), the printed count is used: wepml008 shows [1]-[5], not 6;
# 2502.21088 shows [1]-[101], not 104.
# ssoar_55386 prints [1]-[42] (two of them bare web addresses, [40] and [41]); the EXCITE gold
# files list 36 (step 4) and 39 (step 5) of them, so the printed count is used there too.
COUNT_CORRECTIONS = {
    "jacow_ipac2018_wepml008": 5,
    "arxiv_2502.21088_atlas_drell_yan": 101,
    "ssoar_55386": 42,
}
# Gold lines that are the second half of the reference above them (EXCITE step 4 split one
# reference in two; its step 5 file has it whole): they are joined back before scoring.
GOLD_CONTINUATIONS = {"ssoar_55362": ("Journal of Sport and Social Issues, 37(3), 261–283.",)}
BBL_GOLD = {"acl_2020.acl-main.447_s2orc": "arxiv_1911.02782_main.bbl"}
# GROBID's hand-corrected segmentation of 0908.0054 marks the reference zone (<listBibl>);
# each entry starts a line with its "[n" marker.
SEGMENTATION_GOLD = {"arxiv_0908.0054_bosonic_dark_matter": "grobid_segmentation_training.tei.xml"}
_LEADING_MARKER = re.compile(r"^\s*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}\.)\s+")


@dataclass
class Gold:
    count: int
    strings: list[str] | None  # None when only a count is known


@dataclass
class Row:
    pdf_id: str
    split: str
    gold: int
    ours: int
    match: float | None
    refextract: str

    @property
    def exact(self) -> bool:
        return self.gold == self.ours


def normalise(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def load_gold(corpus: Path) -> dict[str, Gold]:
    gold: dict[str, Gold] = {}
    for path in sorted((corpus / "gold").glob("*/reference_strings.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        strings = _rejoin([_unquote(ln) for ln in lines if ln], path.parent.name)
        count = COUNT_CORRECTIONS.get(path.parent.name, len(strings))
        gold[path.parent.name] = Gold(count, strings)
    for pdf_id, name in BBL_GOLD.items():
        bbl = (corpus / "gold" / pdf_id / name).read_text(encoding="utf-8")
        gold[pdf_id] = Gold(len(re.findall(r"\\bibitem\b", bbl)), None)
    for pdf_id, name in SEGMENTATION_GOLD.items():
        tei = (corpus / "gold" / pdf_id / name).read_text(encoding="utf-8")
        zone = re.search(r"<listBibl>(.*?)</listBibl>", tei, re.S)
        if zone is not None:
            gold[pdf_id] = Gold(len(re.findall(r"^\s*\[\d+", zone.group(1), re.M)), None)
    expectations = json.loads((corpus / "gold" / "refextract_expectations.json").read_text())
    for pdf_id, values in expectations.items():
        if isinstance(values, dict) and pdf_id not in gold:
            count = COUNT_CORRECTIONS.get(pdf_id, int(values["refextract_reference_count"]))
            gold[pdf_id] = Gold(count, None)
    return gold


def _rejoin(strings: list[str], pdf_id: str) -> list[str]:
    tails = GOLD_CONTINUATIONS.get(pdf_id, ())
    joined: list[str] = []
    for string in strings:
        if string in tails and joined:
            joined[-1] = f"{joined[-1]} {string}"
        else:
            joined.append(string)
    return joined


def _unquote(line: str) -> str:
    if len(line) >= 2 and line[0] == line[-1] == '"':
        return line[1:-1].replace('""', '"')
    return line


def match_rate(strings: list[str], entries: list[RawEntry]) -> float:
    ours = [normalise(e.text) for e in entries]
    hits = 0
    for gold in strings:
        wanted = normalise(_LEADING_MARKER.sub("", gold))
        hits += any(fuzz.ratio(wanted, candidate) >= MATCH_RATIO for candidate in ours)
    return hits / len(strings) if strings else 0.0


def refextract_count(path: Path) -> tuple[str, str | None]:
    """refextract's entry count, or "n/a" and the reason it could not run."""
    try:
        from refextract import extract_references_from_file
    except Exception as error:  # any import failure means "not available"
        return "n/a", f"refextract could not be imported: {error}"
    try:
        return str(len(extract_references_from_file(str(path)))), None
    except Exception as error:  # a peer tool's crash is reported, not raised
        return "n/a", f"refextract failed on {path.name}: {type(error).__name__}: {error}"


def evaluate(corpus: Path, split: str, show_misses: bool, with_refextract: bool) -> None:
    gold = load_gold(corpus)
    with (corpus / "pdfs.csv").open(encoding="utf-8") as handle:
        splits = {row["id"]: row["split"] for row in csv.DictReader(handle)}
    rows: list[Row] = []
    notes: list[str] = []
    started = time.perf_counter()
    chosen = [i for i in gold if split == "all" or splits.get(i) == split]
    for pdf_id in sorted(chosen, key=lambda i: (splits.get(i, "?"), i)):
        path = corpus / "pdfs" / f"{pdf_id}.pdf"
        entries = find_reference_entries(load(path, 1000))
        truth = gold[pdf_id]
        rate = match_rate(truth.strings, entries) if truth.strings is not None else None
        peer, note = refextract_count(path) if with_refextract else ("n/a", "--no-refextract")
        if note and note not in notes:
            notes.append(note)
        rows.append(Row(pdf_id, splits.get(pdf_id, "?"), truth.count, len(entries), rate, peer))
        if show_misses and truth.strings is not None:
            _print_misses(pdf_id, truth.strings, entries)
    _print_table(rows)
    print(f"\n(refcheck time {time.perf_counter() - started:.1f} s including refextract)")
    for number, note in enumerate(notes, 1):
        print(f"[{number}] refextract n/a: {note}")


def _print_misses(pdf_id: str, strings: list[str], entries: list[RawEntry]) -> None:
    ours = [normalise(e.text) for e in entries]
    for gold in strings:
        wanted = normalise(_LEADING_MARKER.sub("", gold))
        best = max((fuzz.ratio(wanted, c) for c in ours), default=0.0)
        if best < MATCH_RATIO:
            print(f"  miss {pdf_id} ({best:.0f}): {gold[:110]}")


def _print_table(rows: list[Row]) -> None:
    header = (
        f"{'pdf':42} {'split':8} {'gold':>5} {'ours':>5} {'exact':>5} {'match':>6} {'refext':>6}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        match = f"{100 * row.match:5.0f}%" if row.match is not None else "     -"
        print(
            f"{row.pdf_id:42} {row.split:8} {row.gold:5d} {row.ours:5d} "
            f"{'yes' if row.exact else 'no':>5} {match:>6} {row.refextract:>6}"
        )
    print()
    for split in ("dev", "heldout"):
        chosen = [r for r in rows if r.split == split]
        if not chosen:
            continue
        exact = sum(r.exact for r in chosen)
        rates = [r.match for r in chosen if r.match is not None]
        peer_exact = sum(r.refextract == str(r.gold) for r in chosen)
        mean = f"{100 * sum(rates) / len(rates):.0f}%" if rates else "-"
        print(
            f"{split:8} exact count {exact}/{len(chosen)} ({100 * exact / len(chosen):.0f}%), "
            f"mean match {mean} over {len(rates)} PDFs with gold strings; "
            f"refextract exact {peer_exact}/{len(chosen)}"
        )
    exact = sum(r.exact for r in rows)
    print(
        f"all      exact count {exact}/{len(rows)} ({100 * exact / len(rows):.0f}%), target >= 90%"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="print gold strings we missed")
    parser.add_argument("--no-refextract", action="store_true", help="skip the peer column")
    args = parser.parse_args()
    evaluate(args.corpus, args.split, args.misses, not args.no_refextract)


if __name__ == "__main__":
    main()
