"""refcheck: check the citations, references and own metadata of academic PDFs.

The Python API::

    import refcheck
    report = refcheck.check(["paper.pdf"], offline=True)
    print(refcheck.to_json(report))
"""

from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path
from typing import Any

from refcheck.config import Settings
from refcheck.model import Report
from refcheck.pipeline import check_paths
from refcheck.report.json_report import render as _render_json

__all__ = ["Report", "Settings", "__version__", "check", "to_json"]


def check(paths: list[str | Path] | str | Path, **settings: Any) -> Report:
    """Check PDFs (files or directories, searched recursively) and return the report.

    Keyword arguments are the fields of :class:`refcheck.config.Settings`, e.g.
    ``select=("META",)``, ``max_pages=200``, ``timeout=30``.
    """
    items = [paths] if isinstance(paths, (str, Path)) else paths
    return check_paths([Path(p) for p in items], Settings(**settings))


def to_json(report: Report) -> str:
    """The report as JSON text, schema ``refcheck/1``."""
    return _render_json(report)
