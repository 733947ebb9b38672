"""Scoring refcheck's JSON reports against the gold: verdicts and XREF004 per entry.

A report's reference is matched to its gold entry by BibTeX key (the JSON ``label`` of a
.bib reference), else by position in the file (the reader keeps file order). The verdict a
gold label expects is :data:`EXPECTED`; a reference without a ``verdict`` key counts as
``missing`` (refcheck did not say).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from benchmarks.fabrication.corpus import LABELS, GoldEntry

EXPECTED = {
    "verified": "verified",
    "metadata-mismatch": "metadata-mismatch",
    "fabricated": "not-found",
    "not-checkable": "not-checkable",
}
PREDICTED = ("verified", "metadata-mismatch", "not-found", "not-checkable", "unverified", "missing")
FABRICATION_CODE = "XREF004"
UNCHECKABLE_CASES = frozenset({"book", "report", "web", "news"})


@dataclass(frozen=True)
class Outcome:
    """What refcheck said about one gold entry."""

    entry: GoldEntry
    verdict: str  # one of PREDICTED
    xref004: bool
    fields: tuple[str, ...] = ()
    reason: str = ""
    codes: tuple[str, ...] = ()  # every finding's code on this reference


@dataclass
class Score:
    outcomes: list[Outcome] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # gold keys with no reference

    def confusion(self) -> Counter[tuple[str, str]]:
        return Counter((o.entry.label, o.verdict) for o in self.outcomes)


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


Codes = tuple[str, ...]


def references_by_key(report: Mapping[str, Any]) -> dict[str, tuple[Mapping[str, Any], Codes]]:
    """Every reference of every document by its BibTeX key (``key``, else ``label``), with
    the codes of the findings that name it."""
    found: dict[str, tuple[Mapping[str, Any], Codes]] = {}
    for document in report.get("documents", []):
        codes: dict[str, list[str]] = {}
        for finding in document.get("findings", []):
            codes.setdefault(str(finding.get("reference_id")), []).append(str(finding.get("code")))
        for reference in document.get("references", []):
            key = reference.get("key") or reference.get("label") or ""
            found[str(key)] = (reference, tuple(codes.get(str(reference.get("id")), ())))
    return found


def outcome(entry: GoldEntry, reference: Mapping[str, Any], codes: Codes = ()) -> Outcome:
    verdict = reference.get("verdict")
    flagged = FABRICATION_CODE in codes
    if not isinstance(verdict, Mapping):
        return Outcome(entry, "missing", flagged, codes=codes)
    status = str(verdict.get("status") or "missing")
    fields = tuple(str(f) for f in verdict.get("fields") or ())
    return Outcome(entry, status, flagged, fields, str(verdict.get("reason") or ""), codes)


def score_report(
    entries: Sequence[GoldEntry], report: Mapping[str, Any], score: Score | None = None
) -> Score:
    """Add one report's outcomes (the report of the .bib holding ``entries``, in file order)."""
    score = score if score is not None else Score()
    by_key = references_by_key(report)
    in_order = [ref for doc in report.get("documents", []) for ref in doc.get("references", [])]
    for position, entry in enumerate(entries):
        if entry.key in by_key:
            reference, codes = by_key[entry.key]
        elif position < len(in_order) and not by_key.keys() & {e.key for e in entries}:
            reference, codes = in_order[position], ()
        else:
            score.unmatched.append(entry.key)
            continue
        score.outcomes.append(outcome(entry, reference, codes))
    return score


@dataclass(frozen=True)
class ClassScore:
    label: str
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float | None:
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float | None:
        return ratio(self.correct, self.gold)


def class_scores(outcomes: Iterable[Outcome]) -> list[ClassScore]:
    """Per gold label: how many, how many predicted as its expected verdict, how many right."""
    listed = list(outcomes)
    scores = []
    for label in LABELS:
        expected = EXPECTED[label]
        gold = sum(1 for o in listed if o.entry.label == label)
        predicted = sum(1 for o in listed if o.verdict == expected)
        correct = sum(1 for o in listed if o.entry.label == label and o.verdict == expected)
        scores.append(ClassScore(label, gold, predicted, correct))
    return scores


@dataclass(frozen=True)
class FlagScore:
    """XREF004 against the planted fabrications."""

    planted: int
    fired: int
    hits: int
    on_uncheckable: int  # fired on a book, report, web page or news story: must be 0
    on_verified: int

    @property
    def precision(self) -> float | None:
        return ratio(self.hits, self.fired)

    @property
    def recall(self) -> float | None:
        return ratio(self.hits, self.planted)


def flag_score(outcomes: Iterable[Outcome]) -> FlagScore:
    listed = list(outcomes)
    fired = [o for o in listed if o.xref004]
    return FlagScore(
        planted=sum(1 for o in listed if o.entry.label == "fabricated"),
        fired=len(fired),
        hits=sum(1 for o in fired if o.entry.label == "fabricated"),
        on_uncheckable=sum(
            1
            for o in fired
            if o.entry.label == "not-checkable" or o.entry.cited.kind in UNCHECKABLE_CASES
        ),
        on_verified=sum(1 for o in fired if o.entry.label == "verified"),
    )


# Names a verdict may give the gold's wrong fields.
FIELD_ALIASES = {"venue": "container", "journal": "container", "author": "authors", "page": "pages"}


def field_agreement(outcomes: Iterable[Outcome]) -> tuple[int, int]:
    """Mismatch entries called metadata-mismatch whose verdict names a planted wrong field."""
    called = [o for o in outcomes if o.entry.label == o.verdict == "metadata-mismatch"]
    agreeing = sum(
        1 for o in called if set(o.entry.wrong) & {FIELD_ALIASES.get(f, f) for f in o.fields}
    )
    return agreeing, len(called)


def code_counts(outcomes: Iterable[Outcome], codes: Sequence[str]) -> dict[str, Counter[str]]:
    """Per gold label: how many of its entries carry a finding of each code."""
    counts: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    for o in outcomes:
        counts[o.entry.label].update(code for code in codes if code in o.codes)
        counts[o.entry.label]["entries"] += 1
    return counts
