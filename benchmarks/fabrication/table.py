"""The Markdown tables the fabrication benchmark prints."""

from __future__ import annotations

from collections.abc import Sequence

from benchmarks.fabrication.corpus import LABELS
from benchmarks.fabrication.runs import RunResult
from benchmarks.fabrication.scoring import (
    EXPECTED,
    PREDICTED,
    Outcome,
    Score,
    class_scores,
    code_counts,
    field_agreement,
    flag_score,
)

PUBLIC_NOTE = """\
Public figures, for scale only: a published benchmark of 2,184 hallucinated BibTeX entries in 14
types reports, for a recent checker, 88% detection at 4–12% false positives (37.5% false
positives across domains). This set differs: the world is synthetic (invented titles, names and
DOIs from fixed word lists), every source is a loopback fake answering in the real services'
recorded shapes with exact title-word matching (no fuzzy ranking, no outages, no rate-limit
answers), there are far fewer entries, four labels rather than 14 hallucination types, and
chimeras and wrong DOIs are planted on purpose. Numbers are not comparable one to one."""


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def verdict_table(split: str, score: Score) -> list[str]:
    lines = [f"\n### {split}: gold label × predicted verdict ({len(score.outcomes)} entries)\n"]
    lines.append("| gold \\ verdict | " + " | ".join(PREDICTED) + " | precision | recall |")
    lines.append("|---" * (len(PREDICTED) + 3) + "|")
    confusion = score.confusion()
    by_label = {c.label: c for c in class_scores(score.outcomes)}
    for label in LABELS:
        counts = " | ".join(str(confusion[(label, verdict)]) for verdict in PREDICTED)
        c = by_label[label]
        lines.append(f"| {label} ({c.gold}) | {counts} | {_pct(c.precision)} | {_pct(c.recall)} |")
    agreeing, called = field_agreement(score.outcomes)
    lines.append(f"\nmetadata-mismatch verdicts naming a planted wrong field: {agreeing}/{called}")
    if score.unmatched:
        lines.append(f"gold entries with no reference in the report: {len(score.unmatched)}")
    return lines


def flag_table(rows: Sequence[tuple[str, Score]]) -> list[str]:
    lines = ["\n### XREF004 likely-fabricated against planted fabrications\n"]
    lines.append(
        "| split | planted | fired | hits | precision | recall "
        "| on not-checkable (must be 0) | on verified |"
    )
    lines.append("|---|---|---|---|---|---|---|---|")
    for split, score in rows:
        f = flag_score(score.outcomes)
        lines.append(f"| {split} | {f.planted} | {f.fired} | {f.hits} | {_pct(f.precision)} | "
                     f"{_pct(f.recall)} | {f.on_uncheckable} | {f.on_verified} |")  # fmt: skip
    return lines


def cost_table(rows: Sequence[tuple[str, RunResult, RunResult]]) -> list[str]:
    lines = ["\n### Requests and time (every service of the fake registry)\n"]
    lines.append(
        "| split | refs | cold requests | cold req/ref | cold s "
        "| warm requests (must be 0) | warm s | cold requests by service |"
    )
    lines.append("|---|---|---|---|---|---|---|---|")
    for split, cold, warm in rows:
        total = sum(cold.requests.values())
        per_ref = total / cold.references if cold.references else 0.0
        services = ", ".join(f"{k} {v}" for k, v in sorted(cold.requests.items()))
        warm_total = sum(warm.requests.values())
        lines.append(
            f"| {split} | {cold.references} | {total} | {per_ref:.2f} | {cold.seconds:.1f} "
            f"| {warm_total} | {warm.seconds:.1f} | {services} |"
        )
    return lines


CONTRADICTING = frozenset({"XREF001", "XREF002", "XREF004"})


def is_miss(o: Outcome) -> bool:
    """A wrong verdict, XREF004 where none was planted (or none where one was), or a finding
    that calls a verified or not-checkable entry wrong or unregistered."""
    if o.verdict not in ("missing", EXPECTED[o.entry.label]):
        return True
    if o.xref004 != (o.entry.label == "fabricated"):
        return True
    return o.entry.label in ("verified", "not-checkable") and bool(CONTRADICTING & set(o.codes))


def misses(score: Score) -> list[str]:
    lines = ["\n### Misses\n"]
    for o in score.outcomes:
        if not is_miss(o):
            continue
        e = o.entry
        wrong = f" wrong={','.join(e.wrong)}" if e.wrong else ""
        said = f" fields={','.join(o.fields)}" if o.fields else ""
        lines.append(
            f"- `{e.key}` ({e.bib_file}, {e.style}, {e.case}) gold {e.label}{wrong} → "
            f"{o.verdict}{said} codes={','.join(o.codes) or '-'} {o.reason[:120]}"
        )
    return lines


ONLINE_CODES = ("XREF001", "XREF002", "XREF003", "XREF004")


def code_table(rows: Sequence[tuple[str, Score]]) -> list[str]:
    """Entries per gold label carrying each online finding (XREF001 field mismatch, XREF002 no
    registered work, XREF003, XREF004 likely fabricated)."""
    lines = ["\n### Online findings per gold label (entries carrying the code)\n"]
    lines.append("| split | gold | entries | " + " | ".join(ONLINE_CODES) + " |")
    lines.append("|---" * (len(ONLINE_CODES) + 3) + "|")
    for split, score in rows:
        for label, counts in code_counts(score.outcomes, ONLINE_CODES).items():
            cells = " | ".join(str(counts[code]) for code in ONLINE_CODES)
            lines.append(f"| {split} | {label} | {counts['entries']} | {cells} |")
    return lines
