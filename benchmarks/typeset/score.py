"""Scoring refcheck's JSON report against planted-defect truth and against the hand review.

A finding counts when its severity is error or warning (a finding stepped down to info is not
reported to the editor, so it is neither a false alarm nor a hit). A finding is about a planted
defect when it has the defect's code and its text (message, evidence, the reference's or the
citation's printed text) contains every token of one of the defect's ``match`` alternatives.
Precision is findings about a planted defect / findings; recall is planted defects with at least
one finding about them / planted defects. A second finding about the same defect (REF002 at
both ends of a moved entry) is a hit, not a false alarm.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPORTED = ("error", "warning")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def refcheck_command(root: Path) -> list[str]:
    """The refcheck of this checkout, run as a module of it (never an installed copy)."""
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(root)!r}); "
            "from refcheck.cli import main; sys.argv[0] = 'refcheck'; main()"]  # fmt: skip


def run_refcheck(root: Path, pdfs: list[Path], workers: int = 2) -> dict[str, dict[str, Any]]:
    """``refcheck check --offline --format json`` on ``pdfs``; documents by resolved path."""
    if not pdfs:
        return {}
    cmd = [*refcheck_command(root), "check", "--offline", "--format", "json", "--fail-on",
           "never", "--quiet", "--workers", str(workers), *map(str, pdfs)]  # fmt: skip
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=3600)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"refcheck exited {result.returncode}: {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    return {str(Path(d["path"]).resolve()): d for d in report["documents"]}


def reported(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in document.get("findings") or [] if f["severity"] in REPORTED]


def finding_text(document: dict[str, Any], finding: dict[str, Any]) -> str:
    parts = [finding["message"], json.dumps(finding.get("evidence") or {}, ensure_ascii=False)]
    for ref in document.get("references") or []:
        if ref["id"] == finding.get("reference_id"):
            parts.append(ref["raw"])
    for cite in document.get("citations") or []:
        if cite["id"] == finding.get("citation_id"):
            parts.append(cite["text"])
    return fold(" ".join(parts))


def about(text: str, defect: dict[str, Any]) -> bool:
    return any(all(fold(token) in text for token in option) for option in defect["match"])


@dataclass
class CodeScore:
    findings: int = 0
    true_findings: int = 0
    planted: int = 0
    found: int = 0

    def precision(self) -> float | None:
        return self.true_findings / self.findings if self.findings else None

    def recall(self) -> float | None:
        return self.found / self.planted if self.planted else None


@dataclass
class SetScore:
    codes: dict[str, CodeScore] = field(default_factory=dict)
    papers: int = 0
    false_alarms: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    silence_failures: list[str] = field(default_factory=list)
    clean_papers: int = 0

    def code(self, code: str) -> CodeScore:
        return self.codes.setdefault(code, CodeScore())


def score_paper(document: dict[str, Any], truth: dict[str, Any], score: SetScore) -> None:
    """Add one paper's findings and planted defects to ``score``."""
    score.papers += 1
    defects = truth["defects"]
    hit = [False] * len(defects)
    name = truth["name"]
    for finding in reported(document):
        code = finding["code"]
        score.code(code).findings += 1
        text = finding_text(document, finding)
        matches = [i for i, d in enumerate(defects) if d["code"] == code and about(text, d)]
        if matches:
            score.code(code).true_findings += 1
            hit[matches[0]] = True
        else:
            score.false_alarms.append(
                f"{name}: {code} p{finding.get('page')} {finding['message'][:150]}"
            )
    for defect, found in zip(defects, hit, strict=False):
        score.code(defect["code"]).planted += 1
        if found:
            score.code(defect["code"]).found += 1
        else:
            score.misses.append(f"{name}: {defect['code']} {defect['subject']}")
    if truth["clean"]:
        score.clean_papers += 1
        bad = Counter(f["code"] for f in reported(document))
        if bad:
            listed = ", ".join(f"{c}×{n}" for c, n in sorted(bad.items()))
            score.silence_failures.append(f"{name}: {listed}")


def load_truths(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """(PDF, truth) for every ``*.truth.json`` under ``folder`` whose PDF exists."""
    out = []
    for path in sorted(folder.rglob("*.truth.json")):
        pdf = path.with_name(path.name.replace(".truth.json", ".pdf"))
        if pdf.is_file():
            out.append((pdf, json.loads(path.read_text(encoding="utf-8"))))
    return out


def fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def table(score: SetScore) -> list[str]:
    lines = [
        f"{'code':<8} {'findings':>8} {'true':>5} {'P':>5}   {'planted':>7} {'found':>5} {'R':>5}"
    ]
    for code in sorted(score.codes):
        s = score.codes[code]
        lines.append(
            f"{code:<8} {s.findings:>8} {s.true_findings:>5} {fmt(s.precision()):>5}   "
            f"{s.planted:>7} {s.found:>5} {fmt(s.recall()):>5}"
        )
    total = CodeScore(*(sum(getattr(s, k) for s in score.codes.values())
                        for k in ("findings", "true_findings", "planted", "found")))  # fmt: skip
    lines.append(
        f"{'all':<8} {total.findings:>8} {total.true_findings:>5} {fmt(total.precision()):>5}   "
        f"{total.planted:>7} {total.found:>5} {fmt(total.recall()):>5}"
    )
    silent = score.clean_papers - len(score.silence_failures)
    lines.append(
        f"silence: {silent} of {score.clean_papers} clean papers without an error or warning"
    )
    return lines


# --- the hand review of the corpus (../shared/corpus/findings_review.md) ---

_CELL = re.compile(r"([A-Z]{3,4}\d{3}) (\d+): (\d+)/(\d+)(?:/(\d+))?")


def parse_review(text: str) -> dict[str, dict[str, tuple[int, int, int, int]]]:
    """paper → code → (judged, true, false, unsure), from the review's per-paper table."""
    out: dict[str, dict[str, tuple[int, int, int, int]]] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not re.match(r"^\**\d+/\d+", cells[1]):  # refs read / printed
            continue
        codes: dict[str, tuple[int, int, int, int]] = {}
        for m in _CELL.finditer(cells[2]):
            codes[m.group(1)] = (
                int(m.group(2)),
                int(m.group(3)),
                int(m.group(4)),
                int(m.group(5) or 0),
            )
        m = re.match(r"(CIT002) (\d+): all", cells[2])
        if not codes and m:  # bmc_jtmo: "all correctly uncited … none is a defect": false
            codes[m.group(1)] = (int(m.group(2)), 0, int(m.group(2)), 0)
        out[cells[0]] = codes
    return out
