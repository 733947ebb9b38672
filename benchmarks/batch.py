"""Batch throughput alone: the ``batch`` section of ``benchmarks/speed.py``.

    python benchmarks/batch.py [--articles 60] [--repeat 3] [--csv PATH]

PDFs/s through the CLI of this checkout with ``--workers 1`` and ``--workers 2`` on generated
two-page articles (``tests/batchgen.py``), beside pdftotext over the same files one and two at a
time, with the same rules as every speed figure: the CLI is this checkout's, bytecode is compiled
once, and a run without a valid report of every PDF exits 2 instead of printing a figure.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.speed import main

if __name__ == "__main__":
    sys.exit(main(["--sections", "batch", *sys.argv[1:]]))
