"""Every accuracy evaluation in one command, each printing its table.

    python benchmarks/evaluate.py [--quick]

Runs, in turn: own metadata and META/REF003 rules (``eval_metadata.py``), reference lists
against corpus gold with refextract's counts beside ours (``eval_reference_lists.py``), how
author-year lists survive a wrapped line at the entry-start level (``stress_reference_split.py``),
reference-string parsing F1 on held-out labelled data (``eval_reference_parsing.py``), the
DOIs read from real reference strings against Crossref's gold (``eval_reference_dois.py``),
in-text citation detection (``eval_citations.py``), and citation linking and the citation and
reference rules on generated articles (``eval_linking.py``). ``--quick`` leaves refextract out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = (
    ("Own metadata and META/REF003", ["eval_metadata.py"]),
    ("Reference lists (entry counts, refextract beside)", ["eval_reference_lists.py",
                                                           "--split", "all"]),
    ("Wrapped lines at the entry-start level (dev)", ["stress_reference_split.py"]),
    ("Reference parsing (field micro F1)", ["eval_reference_parsing.py"]),
    ("DOIs in real reference strings (Crossref gold)", ["eval_reference_dois.py"]),
    ("In-text citations", ["eval_citations.py"]),
    ("Citation linking and rules (generated set)", ["eval_linking.py"]),
)  # fmt: skip


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    failed = []
    for title, command in STEPS:
        print(f"\n=== {title} ===", flush=True)
        args = [*command, "--no-refextract"] if quick and "lists" in command[0] else command
        result = subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]], check=False)
        if result.returncode != 0:
            failed.append(title)
    if failed:
        print(f"\nfailed to run: {', '.join(failed)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
