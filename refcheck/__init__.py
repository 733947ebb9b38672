"""refcheck: check the citations, references and own metadata of academic PDFs.

The Python API::

    import refcheck
    report = refcheck.check(["paper.pdf"], offline=True, fail_on="warning")
    print(report.to_json())
"""

from __future__ import annotations

__version__ = "0.1.0"

from dataclasses import replace
from pathlib import Path
from typing import Any

from refcheck.config import Settings
from refcheck.configfile import ConfigError, coerce_settings, load_settings
from refcheck.model import Report
from refcheck.pipeline import check_paths

__all__ = ["ConfigError", "Report", "Settings", "__version__", "check", "to_json"]


def check(
    paths: list[str | Path] | str | Path,
    *,
    config: str | Path | None = None,
    **settings: Any,
) -> Report:
    """Check PDFs (files or directories, searched recursively) and return the report.

    Keyword arguments are the configuration keys in snake_case (the fields of
    :class:`refcheck.config.Settings`), checked as a configuration file's are:
    ``select=["META"]``, ``severity={"META002": "error"}``, ``fail_on="never"``,
    ``workers=4``, ``no_cache=True``. ``config`` names a ``refcheck.toml`` or
    ``pyproject.toml`` to read first; keyword arguments override it. No file is searched for:
    a library call does not depend on the working directory.

    Raises :class:`ConfigError` for an unknown key or a bad value; a file that cannot be read
    is not an exception but an error result in the report (``Report.input_errors``).
    """
    items = [paths] if isinstance(paths, (str, Path)) else paths
    given = coerce_settings(settings, source="refcheck.check(): ", separator="_")
    from_file = load_settings(config=Path(config) if config is not None else None)
    return check_paths([Path(p) for p in items], replace(from_file, **given))


def to_json(report: Report) -> str:
    """The report as JSON text, schema ``refcheck/1``; the same as ``report.to_json()``."""
    return report.to_json()
