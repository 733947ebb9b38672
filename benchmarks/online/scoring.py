"""Scores online findings against the gold of the generated papers, per rule code.

A finding counts once per (reference, code): a reference whose year and pages are both off
gets one XREF001 in the gold too. The paper's own record is the pseudo-reference ``own``;
only META001 findings whose evidence holds the ``registered`` value are the online comparison;
the offline META001 conflicts (statements of the PDF that disagree) are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from benchmarks.online.papers import OnlinePaper
from refcheck.model import Finding

ONLINE_CODES = ("DOI001", "DOI002", "XREF001", "XREF002", "XREF003", "RET001", "URL001",
                "URL002", "META001")  # fmt: skip
URL_CODES = ("URL001", "URL002")
REGISTRY_CODES = tuple(c for c in ONLINE_CODES if c not in URL_CODES)
OWN = "own"


def is_online(finding: Finding) -> bool:
    """An online rule's finding; a META001 counts only when it cites the registered record."""
    if finding.code != "META001":
        return finding.code in ONLINE_CODES
    return "registered" in finding.evidence


def online_findings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if is_online(f)]


@dataclass
class Outcome:
    """One row of a per-code table plus the examples behind its errors."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def _outcomes(codes: Sequence[str]) -> dict[str, Outcome]:
    return {code: Outcome() for code in codes}


@dataclass
class Score:
    by_code: dict[str, Outcome] = field(default_factory=lambda: _outcomes(ONLINE_CODES))
    tolerated: Counter[str] = field(default_factory=Counter)
    xref001_field_right: int = 0
    xref001_field_wrong: list[str] = field(default_factory=list)
    datacite_doi001: int = 0

    def total(self) -> Outcome:
        out = Outcome()
        for o in self.by_code.values():
            out.tp, out.fp, out.fn = out.tp + o.tp, out.fp + o.fp, out.fn + o.fn
        return out


def _describe(paper: OnlinePaper, ref_id: str, kind: str, finding: Finding | None) -> str:
    where = f"{paper.name} {ref_id} [{kind}]"
    if finding is None:
        return where
    evidence = {k: v for k, v in finding.evidence.items() if k in ("field", "found", "expected")}
    return f"{where} {finding.severity.value}: {finding.message} {evidence or ''}".rstrip()


def score_paper(paper: OnlinePaper, findings: Sequence[Finding], score: Score) -> None:
    """Add one paper's findings to `score`."""
    kinds = {g.id: g.case.kind for g in paper.gold}
    kinds[OWN] = "own record" + (" (wrong volume)" if paper.own_expected else "")
    expected = {(g.id, code) for g in paper.gold for code in g.expected}
    expected |= {(OWN, code) for code in paper.own_expected}
    tolerated = {(g.id, code, sev) for g in paper.gold for code, sev in g.case.tolerated}
    fields = {g.id: g.case.field for g in paper.gold if g.case.field}
    seen: dict[tuple[str, str], list[Finding]] = {}
    for finding in online_findings(findings):
        ref_id = finding.reference_id or OWN
        seen.setdefault((ref_id, finding.code), []).append(finding)
    for (ref_id, code), found in seen.items():
        outcome = score.by_code[code]
        if code == "DOI001" and kinds.get(ref_id, "").startswith("datacite"):
            score.datacite_doi001 += 1
        if (ref_id, code) in expected:
            outcome.tp += 1
            if code == "XREF001" and ref_id in fields:
                named = {str(f.evidence.get("field")) for f in found}
                if fields[ref_id] in named:
                    score.xref001_field_right += 1
                else:
                    wrong = _describe(paper, ref_id, kinds[ref_id], found[0])
                    score.xref001_field_wrong.append(wrong)
            continue
        if all((ref_id, code, f.severity.value) in tolerated for f in found):
            score.tolerated[code] += 1
            continue
        outcome.fp += 1
        outcome.false_alarms.append(_describe(paper, ref_id, kinds.get(ref_id, "?"), found[0]))
    for ref_id, code in sorted(expected - set(seen)):
        score.by_code[code].fn += 1
        score.by_code[code].misses.append(_describe(paper, ref_id, kinds[ref_id], None))


def fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def score_table(score: Score, title: str) -> list[str]:
    lines = [title, f"{'code':8} {'TP':>4} {'FP':>4} {'FN':>4} {'prec':>6} {'recall':>6}"]
    rows = [*score.by_code.items(), ("all", score.total())]
    for code, o in rows:
        rates = f"{fmt(o.precision):>6} {fmt(o.recall):>6}"
        lines.append(f"{code:8} {o.tp:4} {o.fp:4} {o.fn:4} {rates}")
    tolerated = ", ".join(f"{c} ×{n}" for c, n in sorted(score.tolerated.items())) or "none"
    lines.append(f"tolerated (online-first year as info): {tolerated}")
    wrong = len(score.xref001_field_wrong)
    lines.append(f"XREF001 naming the planted field: {score.xref001_field_right} of "
                 f"{score.xref001_field_right + wrong}")  # fmt: skip
    return lines


def verdicts(score: Score) -> list[tuple[str, bool]]:
    """(target, met) for the accuracy targets of issue 4."""
    out = []
    for code, o in score.by_code.items():
        recall_ok = o.recall is None or o.recall >= 0.95
        precision_ok = o.precision is None or o.precision >= 0.98
        out.append((f"{code} recall ≥ 0.95 and precision ≥ 0.98", recall_ok and precision_ok))
    out.append(("no DOI001 for any DataCite DOI", score.datacite_doi001 == 0))
    return out


def error_lines(score: Score) -> list[str]:
    lines = []
    for code, o in score.by_code.items():
        lines += [f"  miss {code}: {m}" for m in o.misses]
        lines += [f"  false {code}: {m}" for m in o.false_alarms]
    lines += [f"  XREF001 names another field: {m}" for m in score.xref001_field_wrong]
    return lines
