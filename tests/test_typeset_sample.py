"""The typeset corpus's committed sample and the precision harness's scoring.

The sample (``tests/data/typeset/``) was made by ``benchmarks/typeset/generate.py`` with TeX
Live, pandoc and LibreOffice; no TeX is needed here. refcheck is run on it through the CLI and
its findings are scored as ``benchmarks/eval_precision.py`` scores them. The figures themselves
are not asserted (they measure refcheck, which is being improved); the scoring is.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.typeset.plan import ALL_CODES
from benchmarks.typeset.score import (
    SetScore,
    load_truths,
    parse_review,
    reported,
    run_refcheck,
    score_paper,
    table,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "typeset"


def test_sample_covers_both_splits_clean_papers_and_defects() -> None:
    papers = load_truths(SAMPLE)
    assert len(papers) >= 10
    truths = [truth for _, truth in papers]
    assert {t["split"] for t in truths} == {"dev", "heldout"}
    assert {t["family"] for t in truths} >= {"bibtex", "biblatex", "docx", "pandoc"}
    assert any(t["clean"] for t in truths) and any(not t["clean"] for t in truths)
    for pdf, truth in papers:
        assert pdf.stat().st_size < 400_000, pdf
        assert truth["clean"] == (not truth["defects"])
        for defect in truth["defects"]:
            assert defect["code"] in ALL_CODES
            assert defect["match"] and all(defect["match"])
    assert sum(pdf.stat().st_size for pdf, _ in papers) < 3_000_000


def test_refcheck_on_the_sample_is_scored_consistently() -> None:
    papers = load_truths(SAMPLE)
    documents = run_refcheck(ROOT, [pdf for pdf, _ in papers])
    scores = {"dev": SetScore(), "heldout": SetScore()}
    for pdf, truth in papers:
        document = documents[str(pdf.resolve())]
        assert document["status"] == "ok", pdf
        score_paper(document, truth, scores[truth["split"]])
    for split, score in scores.items():
        planted = sum(len(t["defects"]) for _, t in papers if t["split"] == split)
        findings = sum(
            len(reported(documents[str(p.resolve())])) for p, t in papers if t["split"] == split
        )
        assert sum(s.planted for s in score.codes.values()) == planted
        assert sum(s.findings for s in score.codes.values()) == findings
        assert sum(s.findings - s.true_findings for s in score.codes.values()) == len(
            score.false_alarms
        )
        assert sum(s.planted - s.found for s in score.codes.values()) == len(score.misses)
        assert score.clean_papers == sum(1 for _, t in papers if t["split"] == split and t["clean"])
        assert table(score)[-1].startswith("silence: ")


def _finding(
    code: str, message: str, severity: str = "warning", ref: str | None = None
) -> dict[str, object]:
    return {"code": code, "severity": severity, "message": message, "page": 2,
            "reference_id": ref, "citation_id": None, "evidence": {}}  # fmt: skip


def test_score_paper_matches_findings_to_planted_defects() -> None:
    truth = {"name": "p", "clean": False, "defects": [
        {"code": "CIT002", "subject": "Müller 2004", "match": [["Muller", "2004"]]},
        {"code": "REF002", "subject": "Zed moved", "match": [["Zed"], ["Adams"]]},
        {"code": "META002", "subject": "1234-5678", "match": [["1234-5678"]]},
    ]}  # fmt: skip
    document = {
        "references": [{"id": "R3", "raw": "Müller, K. (2004). A title."}],
        "citations": [],
        "findings": [
            _finding("CIT002", "reference R3 is never cited", ref="R3"),  # true, via the raw text
            _finding("REF002", "'Zed' is listed before 'Adams'"),  # true
            _finding("REF002", "'Adams' is listed after 'Zed'"),  # the same defect again: true
            _finding("CIT002", "reference R9 is never cited: Lee (2001)"),  # false alarm
            _finding(
                "CIT001", "citation 'x' matches no reference", severity="info"
            ),  # not reported
        ],
    }
    score = SetScore()
    score_paper(document, truth, score)
    assert (score.codes["CIT002"].findings, score.codes["CIT002"].true_findings) == (2, 1)
    assert (score.codes["REF002"].findings, score.codes["REF002"].true_findings) == (2, 2)
    assert score.codes["CIT002"].recall() == 1.0 and score.codes["META002"].recall() == 0.0
    assert "CIT001" not in score.codes
    assert score.false_alarms == ["p: CIT002 p2 reference R9 is never cited: Lee (2001)"]
    assert score.misses == ["p: META002 1234-5678"]


def test_a_clean_paper_with_a_warning_fails_the_silence_test() -> None:
    score = SetScore()
    document = {"references": [], "citations": [], "findings": [_finding("CIT002", "never cited")]}
    score_paper(document, {"name": "c", "clean": True, "defects": []}, score)
    score_paper({"findings": []}, {"name": "d", "clean": True, "defects": []}, score)
    assert score.silence_failures == ["c: CIT002×1"]
    assert table(score)[-1] == "silence: 1 of 2 clean papers without an error or warning"


def test_parse_review_reads_each_kind_of_cell() -> None:
    text = "\n".join([
        "| paper | refs read / printed | findings (T/F/U) |",
        "|---|---|---|",
        "| acl_x | 55/55, two split | CIT004 13: 0/13 · CIT001 4: 0/4 |",
        "| ssoar_1 | 42/42 | CIT002 16: 14/0/2 · META002 1: 1/0 |",
        "| bmc_y | 79/79 | CIT002 62: all correctly uncited, but none is a defect |",
        "| plos_z | 59/59 | none |",
        "| id | licence | pages/cols |",
    ])  # fmt: skip
    review = parse_review(text)
    assert review["acl_x"] == {"CIT004": (13, 0, 13, 0), "CIT001": (4, 0, 4, 0)}
    assert review["ssoar_1"] == {"CIT002": (16, 14, 0, 2), "META002": (1, 1, 0, 0)}
    assert review["bmc_y"] == {"CIT002": (62, 0, 62, 0)}
    assert review["plos_z"] == {}
    assert set(review) == {"acl_x", "ssoar_1", "bmc_y", "plos_z"}


def test_truth_files_are_json_with_their_pdf() -> None:
    for path in SAMPLE.glob("*.truth.json"):
        truth = json.loads(path.read_text(encoding="utf-8"))
        assert path.name == f"{truth['name']}.truth.json"
        assert path.with_name(f"{truth['name']}.pdf").is_file()
