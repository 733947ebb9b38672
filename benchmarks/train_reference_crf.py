"""Train the reference-field CRF (``refcheck/extract/references/reference_crf.model``).

    python benchmarks/train_reference_crf.py [--corpus ../shared/corpus] [--out PATH]

Training data: only the permissively licensed dev sets, AnyStyle core/good/ugly/bad
(BSD-2-Clause), the GROBID citation corpus (Apache-2.0) and Cora (Apache-2.0 repo). ParsCit
(LGPL) and EXCITE (no licence) are never trained on. Training is deterministic (L-BFGS on a
fixed order of the data), so the same corpus gives the same model.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_reference_parsing import LABELED, Gold, read_anystyle, read_cora, read_grobid  # noqa: E402

from refcheck.extract.references.crf import LABELS, MODEL_PATH, features, tokenize  # noqa: E402

_OPENERS = frozenset('([{"“„«‘')
# Untagged cue words announce the field that follows them, as in AnyStyle's tagging.
_LEADING_CUES = frozenset((
    "pp.", "p.", "pp", "vol.", "vol", "no.", "no", "in", "in:", "pages", "volume", "issue",
    "doi:", "doi", "s.",
))  # fmt: skip


def token_labels(gold: Gold) -> tuple[list[str], list[str]] | None:
    """Each token's text and field label, from the gold's character spans.

    Punctuation outside any tag (GROBID leaves it untagged; AnyStyle puts it inside the
    tag) goes to the field it follows, an opening bracket, quote or cue word ("pp.") to the
    field it opens, so that both sets teach the same convention.
    """
    chars: list[str | None] = []
    for text, label in gold.segments:
        fine = "volume" if label == "issue" else label
        chars.extend([fine] * len(text))
    tokens = tokenize(gold.raw)
    labels: list[str | None] = []
    for tok in tokens:
        labels.append(next((lab for lab in chars[tok.start : tok.end] if lab), None))
    for i, tok in enumerate(tokens):
        if labels[i] is not None:
            continue
        if tok.text in _OPENERS or tok.text.lower() in _LEADING_CUES:
            labels[i] = next((lab for lab in labels[i + 1 :] if lab), None)
        if labels[i] is None and tok.text.isalnum():
            labels[i] = "note"
        if labels[i] is None:
            labels[i] = next((lab for lab in reversed(labels[:i]) if lab), None)
        if labels[i] is None:
            labels[i] = next((lab for lab in labels[i + 1 :] if lab), "note")
    if not tokens or any(lab not in LABELS for lab in labels):
        return None
    return [t.text for t in tokens], [str(lab) for lab in labels]


def training_golds(corpus: Path) -> list[Gold]:
    base = corpus / LABELED
    golds = [
        g
        for name in ("core", "good", "ugly", "bad")
        for g in read_anystyle(base / f"anystyle/{name}.xml")
    ]
    golds += read_grobid(base / "grobid_citation/corpus")
    golds += read_cora([base / "cora/cora_tagged_references.txt"])
    return golds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--c1", type=float, default=0.2, help="L1 weight: higher, smaller model")
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=100)
    args = parser.parse_args()
    trainer = pycrfsuite.Trainer(verbose=False)
    used = 0
    for gold in training_golds(args.corpus):
        pair = token_labels(gold)
        if pair is None:
            continue
        trainer.append(features(tokenize(gold.raw)), pair[1])
        used += 1
    trainer.set_params(
        {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations, "feature.minfreq": 2}
    )
    start = time.perf_counter()
    trainer.train(str(args.out))
    size = args.out.stat().st_size / 1e6
    print(
        f"trained on {used} references in {time.perf_counter() - start:.0f} s; "
        f"{args.out} is {size:.1f} MB"
    )


if __name__ == "__main__":
    main()
