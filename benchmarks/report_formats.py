"""How long each report format takes to render a whole issue's report, and how big it is.

    python3 benchmarks/report_formats.py [--copies 50] [--repeat 5]

The report is the tests' fixture report (three documents) copied ``--copies`` times with every
finding repeated ten times: 150 documents and 2,500 findings at the default. Each row is the
best of ``--repeat`` renders, in milliseconds, and the output size in KiB.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from refcheck.model import Report
from refcheck.report import FORMATS, render
from tests.report_fixture import fixture_report


def issue_report(copies: int) -> Report:
    base = fixture_report().documents
    return Report(
        tuple(
            replace(d, path=f"issue/{n:03d}-{Path(d.path).name}", findings=d.findings * 10)
            for n in range(copies)
            for d in base
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    report = issue_report(args.copies)
    findings = sum(len(d.findings) for d in report.documents)
    print(f"{len(report.documents)} documents, {findings} findings, best of {args.repeat}")
    print(f"{'format':<10}{'ms':>9}{'KiB':>9}")
    for fmt in FORMATS:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            text = render(report, fmt)
            times.append(time.perf_counter() - start)
        print(f"{fmt:<10}{min(times) * 1000:>9.1f}{len(text.encode()) / 1024:>9.0f}")


if __name__ == "__main__":
    main()
