"""Field accuracy of ``parse_reference`` on the labelled reference strings of the corpus.

    python benchmarks/eval_reference_parsing.py [--corpus ../shared/corpus] [--misses FIELD]

Each labelled set is read into reference strings with gold fields; every string is parsed and
every field scored. Scoring, per reference and field:

- both sides are normalised: case-folded, Unicode NFKC, everything except letters and digits
  removed (so punctuation, spaces and quotes never count); a leading "In" is dropped from
  containers; year is the first 4-digit year; volume and issue go through ``normalize_number``
  (so "Vol. VII" = "7"); pages through the parser's ``parse_pages`` (drops "pp."/"S." and
  brackets, then ``normalize_pages``: "101-15" = "101-115"); DOI is the lower-case bare DOI;
- a DOI written as a doi.org URL in a gold "url" span counts as the gold DOI;
- authors are compared as the ordered list of family names (folded); the whole list is one
  item, right only if every name matches. Gold family names come from the EXCITE ``<surname>``
  tags; the other sets only label the author span, so its names are split by the same name
  rules the parser uses (this measures span finding, not name splitting, on those sets);
- a gold span of AnyStyle/Cora/ParsCit "volume" such as "12(3)" is split into volume 12 and
  issue 3 by the parser's rule (those sets have no issue tag);
- TP: predicted and gold present and equal. FP: predicted but gold absent or different.
  FN: gold present but prediction absent or different (a wrong value is both FP and FN).
- micro F1 per field = 2TP / (2TP + FP + FN); "overall" sums TP/FP/FN over the eight fields.

"HELD-OUT all" pools the four held-out sets (micro: counts summed over all their references).
Held-out sets (never trained on or tuned to): anystyle/gold.xml, grobid_citation/evaluation,
parscit/* and excite_ssoar_en_segmented without the five dev-PDF files. Dev columns: the sets
the CRF is trained on (optimistic) and the five EXCITE dev files (not trained on).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refcheck.extract.identifiers import normalize_doi, normalize_number  # noqa: E402
from refcheck.extract.references.parse import (  # noqa: E402
    parse_authors,
    parse_pages,
    parse_reference,
    split_volume,
)
from refcheck.model import Reference  # noqa: E402

LABELED = Path("labeled_references")
EXCITE_DEV = ("49299", "53281", "53780", "54462", "55362")
FIELDS = ("authors", "title", "container", "year", "volume", "issue", "pages", "doi")
Segment = tuple[str, "str | None"]


@dataclass
class Gold:
    raw: str
    segments: list[Segment]
    families: list[str] | None = None  # from explicit surname tags, when the set has them


# --- readers: every set becomes a list of (text, fine label) segments per reference --------

_ANYSTYLE_MAP = {
    "author": "author",
    "editor": "editor",
    "translator": "editor",
    "title": "title",
    "journal": "container",
    "container-title": "container",
    "date": "date",
    "volume": "volume",
    "pages": "pages",
    "publisher": "publisher",
    "location": "location",
    "doi": "doi",
    "url": "url",
    "citation-number": "number",
    "edition": "edition",
    "genre": "genre",
    "isbn": "identifier",
    "collection-title": "note",
    "note": "note",
    "source": "note",
    "medium": "note",
    "director": "note",
    "producer": "note",
    "dataset": "note",
}


def read_anystyle(path: Path) -> list[Gold]:
    out = []
    for seq in ET.parse(path).getroot():
        segs = [(" ".join("".join(el.itertext()).split()), _ANYSTYLE_MAP.get(el.tag)) for el in seq]
        segs = [s for s in segs if s[0]]
        out.append(Gold(" ".join(t for t, _ in segs), _spaced(segs)))
    return out


def _spaced(segs: list[Segment]) -> list[Segment]:
    """Segments that were separated by white space in the source, with that space restored."""
    out: list[Segment] = []
    for i, (text, label) in enumerate(segs):
        out.append((text, label))
        if i < len(segs) - 1:
            out.append((" ", None))
    return out


_TEI = "{http://www.tei-c.org/ns/1.0}"
_SCOPES = {"vol": "volume", "volume": "volume", "issue": "issue", "pp": "pages", "page": "pages"}


def _grobid_label(el: ET.Element, has_analytic: bool) -> str | None:
    tag = el.tag.removeprefix(_TEI)
    if tag == "title":
        level = el.get("level", "a")
        if level == "a" or (level == "m" and not has_analytic):
            return "title"
        return "container" if level in ("j", "m") else "note"
    if tag == "biblScope":
        return _SCOPES.get(el.get("unit") or el.get("type") or "", "note")
    if tag == "idno":
        return "doi" if (el.get("type") or "").lower() == "doi" else "identifier"
    simple = {
        "author": "author",
        "orgName": "author",
        "editor": "editor",
        "date": "date",
        "publisher": "publisher",
        "pubPlace": "location",
        "pubplace": "location",
        "ptr": "url",
        "note": "note",
        "label": "number",
    }
    return simple.get(tag, "note")


def _grobid_bibl(bibl: ET.Element) -> Gold:
    has_analytic = any(
        el.tag.removeprefix(_TEI) == "title" and el.get("level", "a") == "a" for el in bibl
    )
    segs: list[Segment] = [(bibl.text or "", None)]
    for el in bibl:
        text = "".join(el.itertext())
        if el.tag.removeprefix(_TEI) == "ptr":
            text = el.get("target") or text
        if el.tag.removeprefix(_TEI) != "lb":
            segs.append((text, _grobid_label(el, has_analytic)))
        segs.append((el.tail or " " if el.tag.removeprefix(_TEI) == "lb" else el.tail or "", None))
    return _collapse(segs)


def _collapse(segs: list[Segment]) -> Gold:
    """Normalise white space across segments so that the raw string reads as printed."""
    out: list[Segment] = []
    raw = ""
    for text, label in segs:
        text = re.sub(r"\s+", " ", text)
        if raw.endswith(" ") or not raw:
            text = text.lstrip()
        if text:
            out.append((text, label))
            raw += text
    while out and out[-1][0].endswith(" "):
        out[-1] = (out[-1][0].rstrip(), out[-1][1])
        if not out[-1][0]:
            out.pop()
    return Gold("".join(t for t, _ in out), out)


def read_grobid(path: Path) -> list[Gold]:
    out = []
    for file in sorted(path.glob("*.xml")):
        root = ET.parse(file).getroot()
        for bibl in root.iter():
            if bibl.tag.removeprefix(_TEI) == "bibl":
                gold = _grobid_bibl(bibl)
                if gold.raw:
                    out.append(gold)
    return out


_CORA_TAG = re.compile(r"<(\w+)>(.*?)</\1>", re.DOTALL)
_CORA_MAP = {
    "booktitle": "container",
    "journal": "container",
    "tech": "genre",
    "institution": "publisher",
    "notes": "note",
}


def read_cora(paths: Iterable[Path]) -> list[Gold]:
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            segs: list[Segment] = [
                (" ".join(m.group(2).split()), _CORA_MAP.get(m.group(1), m.group(1)))
                for m in _CORA_TAG.finditer(line.replace("<br>", ""))
            ]
            segs = [s for s in segs if s[0]]
            if segs:
                out.append(Gold(" ".join(t for t, _ in segs), _spaced(segs)))
    return out


_EXCITE_MAP = {
    "author": "author",
    "editor": "editor",
    "title": "title",
    "source": "container",
    "year": "date",
    "volume": "volume",
    "issue": "issue",
    "fpage": "pages",
    "lpage": "pages",
    "publisher": "publisher",
    "url": "url",
    "other": "note",
}


def _excite_line(line: str) -> Gold | None:
    try:
        root = ET.fromstring("<r>" + re.sub(r"&(?!\w+;)", "&amp;", line) + "</r>")
    except ET.ParseError:
        return None  # about 2% of lines have unbalanced tags in the source
    segs: list[Segment] = [(root.text or "", None)]
    families = []
    for el in root:
        text = "".join(el.itertext())
        label = _EXCITE_MAP.get(el.tag, "note")
        if el.tag == "identifier":
            label = "doi" if normalize_doi(text.replace(" ", "")) else "identifier"
        if el.tag == "author":
            families += ["".join(s.itertext()) for s in el.iter("surname")]
        segs.append((text, label))
        segs.append((el.tail or "", None))
    gold = _collapse(segs)
    gold.families = families
    return gold


def read_excite(path: Path, dev: bool) -> list[Gold]:
    out = []
    for file in sorted(path.glob("*.tagged.txt")):
        if (file.name.split(".")[0] in EXCITE_DEV) != dev:
            continue
        for line in file.read_text(encoding="utf-8").splitlines():
            gold = _excite_line(line) if line.strip() else None
            if gold is not None:
                out.append(gold)
    return out


def heldout_sets(corpus: Path) -> dict[str, Callable[[], list[Gold]]]:
    base = corpus / LABELED
    return {
        "anystyle gold": lambda: read_anystyle(base / "anystyle/gold.xml"),
        "grobid eval": lambda: read_grobid(base / "grobid_citation/evaluation"),
        "parscit": lambda: read_cora(sorted((base / "parscit").glob("*.tagged.txt"))),
        "excite held": lambda: read_excite(base / "excite_ssoar_en_segmented", dev=False),
    }


def dev_sets(corpus: Path) -> dict[str, Callable[[], list[Gold]]]:
    base = corpus / LABELED
    anystyle = ("core", "good", "ugly", "bad")
    return {
        "anystyle dev*": lambda: [
            g for name in anystyle for g in read_anystyle(base / f"anystyle/{name}.xml")
        ],
        "grobid corpus*": lambda: read_grobid(base / "grobid_citation/corpus"),
        "cora*": lambda: read_cora([base / "cora/cora_tagged_references.txt"]),
        "excite dev": lambda: read_excite(base / "excite_ssoar_en_segmented", dev=True),
    }


# --- gold fields and scoring ---------------------------------------------------------------


def fold(text: str | None) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKC", text or "").casefold() if ch.isalnum()
    )


def _first(segs: list[Segment], label: str) -> str | None:
    return next((t for t, lab in segs if lab == label), None)


def _number(text: str | None) -> str | None:
    if not text:
        return None
    return normalize_number(text) or fold(text) or None


def _pages(text: str | None) -> str | None:
    if not text:
        return None
    return parse_pages(text) or fold(text) or None


def _container(text: str | None) -> str | None:
    return fold(re.sub(r"^\s*in\b\s*:?", "", text or "", flags=re.IGNORECASE)) or None


def gold_fields(gold: Gold) -> dict[str, str | None]:
    segs = gold.segments
    volume_text = _first(segs, "volume")
    volume, issue = split_volume(volume_text) if volume_text else (None, None)
    issue = _first(segs, "issue") or issue
    page_parts = [t for t, lab in segs if lab == "pages"]
    # EXCITE tags first and last page apart; the other sets tag the printed range.
    pages = "-".join(page_parts) if gold.families is not None else next(iter(page_parts), None)
    families = gold.families
    if families is None:
        author_text = " ".join(t for t, lab in segs if lab == "author")
        families = [a.family for a in parse_authors(author_text)] if author_text else []
    year = re.search(r"(?:1[5-9]|20)\d\d", _first(segs, "date") or "")
    # AnyStyle tags a doi.org link as url, not doi; its DOI is gold all the same.
    doi_text = _first(segs, "doi") or next(
        (t for t, lab in segs if lab == "url" and "doi.org/10." in t.lower()), None
    )
    return {
        "authors": "|".join(fold(f) for f in families) or None,
        "title": fold(_first(segs, "title")) or None,
        "container": _container(_first(segs, "container")),
        "year": year.group() if year else None,
        "volume": _number(volume),
        "issue": _number(issue),
        "pages": _pages(pages),
        "doi": normalize_doi(doi_text.replace(" ", "")) if doi_text else None,
    }


def predicted_fields(ref: Reference) -> dict[str, str | None]:
    return {
        "authors": "|".join(fold(a.family) for a in ref.authors) or None,
        "title": fold(ref.title) or None,
        "container": _container(ref.container),
        "year": ref.year,
        "volume": _number(ref.volume),
        "issue": _number(ref.issue),
        "pages": _pages(ref.pages),
        "doi": ref.doi,
    }


@dataclass
class Score:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    refs: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def add(self, gold: dict[str, str | None], pred: dict[str, str | None], show: str) -> None:
        for name in FIELDS:
            g, p = gold[name], pred[name]
            if g is not None and g == p:
                self.tp[name] += 1
                continue
            self.fp[name] += p is not None
            self.fn[name] += g is not None
            if name == show and (g or p):
                self.misses.append(f"gold={g!r} pred={p!r}")

    def f1(self, names: Iterable[str]) -> float | None:
        tp = sum(self.tp[n] for n in names)
        denom = 2 * tp + sum(self.fp[n] + self.fn[n] for n in names)
        return 2 * tp / denom if denom else None


def pooled(scores: list[Score]) -> Score:
    """One score over several sets: counts summed, so each reference weighs the same."""
    total = Score(refs=sum(s.refs for s in scores), seconds=sum(s.seconds for s in scores))
    for s in scores:
        for name in FIELDS:
            total.tp[name] += s.tp[name]
            total.fp[name] += s.fp[name]
            total.fn[name] += s.fn[name]
    return total


def evaluate(golds: list[Gold], show: str) -> Score:
    score = Score(refs=len(golds))
    for i, gold in enumerate(golds):
        start = time.perf_counter()
        ref = parse_reference(gold.raw, id=f"r{i}", page=1)
        score.seconds += time.perf_counter() - start
        before = len(score.misses)
        score.add(gold_fields(gold), predicted_fields(ref), show)
        if len(score.misses) > before:
            score.misses[-1] += f"\n    {gold.raw}"
    return score


def _table(scores: dict[str, Score]) -> Iterator[str]:
    names = list(scores)
    width = max(14, *(len(n) + 1 for n in names))
    yield "field".ljust(10) + "".join(n.rjust(width) for n in names)

    def row(label: str, values: Iterable[str]) -> str:
        return label.ljust(10) + "".join(v.rjust(width) for v in values)

    for name in FIELDS:
        yield row(name, (_cell(s.f1([name])) for s in scores.values()))
    yield row("overall", (_cell(s.f1(FIELDS)) for s in scores.values()))
    yield row("refs", (str(s.refs) for s in scores.values()))
    yield row("ms/ref", (f"{1000 * s.seconds / max(s.refs, 1):.3f}" for s in scores.values()))


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--misses", choices=FIELDS, help="print the misses of one field")
    parser.add_argument("--dev-only", action="store_true", help="skip the held-out sets")
    args = parser.parse_args()
    parse_reference("Warm-up, A. (2000). Loading the model. J. X, 1, 1-2.", id="w", page=1)
    sets = dev_sets(args.corpus) if args.dev_only else heldout_sets(args.corpus)
    if not args.dev_only:
        sets |= dev_sets(args.corpus)
    scores = {name: evaluate(load(), args.misses or "") for name, load in sets.items()}
    if not args.dev_only:
        held = [scores[name] for name in heldout_sets(args.corpus)]
        scores = {"HELD-OUT all": pooled(held)} | scores
    print("micro F1 per field (* = CRF training set, optimistic)")
    print("\n".join(_table(scores)))
    timed = [s for name, s in scores.items() if name != "HELD-OUT all"]
    total = sum(s.seconds for s in timed) / max(sum(s.refs for s in timed), 1)
    print(f"mean {1000 * total:.3f} ms per reference")
    if args.misses:
        for name, score in scores.items():
            print(f"\n== {name}: {args.misses} misses ==")
            print("\n".join(score.misses[:40]))


if __name__ == "__main__":
    main()
