"""refcheck: check the citations, references and own metadata of academic PDFs.

The Python API::

    import refcheck
    report = refcheck.check(["paper.pdf"], offline=True, fail_on="warning")
    print(report.to_json())
    raise SystemExit(report.exit_code())  # what `refcheck check --fail-on warning` exits with

The library writes nothing to stderr: advice goes to the ``refcheck`` logger (which has only a
``NullHandler`` until the application configures logging) and unusable caches are reported as
``refcheck.resolve.cache.CacheWarning`` warnings; progress bars are drawn only by the CLI.
"""

from __future__ import annotations

__version__ = "0.1.0"

import importlib
import logging

# Not typing's: importing typing (and dataclasses, pathlib) would cost every process that
# imports any part of refcheck, `refcheck --version` included, a few milliseconds.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from refcheck.config import Settings
    from refcheck.configfile import ConfigError
    from refcheck.model import Report
    from refcheck.report.json_report import json_schema

__all__ = ["ConfigError", "Report", "Settings", "__version__", "check", "json_schema", "to_json"]

# The API's names load on first use: importing the package (which every submodule import
# does, and ``refcheck --version``) must not import the whole pipeline.
_LAZY_NAMES = {
    "ConfigError": "refcheck.configfile",
    "Report": "refcheck.model",
    "Settings": "refcheck.config",
    "json_schema": "refcheck.report.json_report",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY_NAMES:
        raise AttributeError(f"module 'refcheck' has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY_NAMES[name]), name)


# A library leaves logging to the application: without this, Python's last-resort handler
# would print refcheck's warnings on stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())


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
    is not an exception but an error result in the report (``Report.input_errors``). The
    report keeps the run's ``fail_on``: ``report.exit_code()`` is what ``refcheck check``
    would exit with for the same inputs and settings.
    """
    from dataclasses import replace
    from pathlib import Path

    from refcheck.configfile import coerce_settings, load_settings
    from refcheck.pipeline import check_paths

    items = [paths] if isinstance(paths, (str, Path)) else paths
    given = coerce_settings(settings, source="refcheck.check(): ", separator="_")
    from_file = load_settings(config=Path(config) if config is not None else None)
    run = replace(from_file, **given)
    return replace(check_paths([Path(p) for p in items], run), fail_on=run.fail_on)


def to_json(report: Report) -> str:
    """The report as JSON text, schema ``refcheck/1``; the same as ``report.to_json()``."""
    return report.to_json()
