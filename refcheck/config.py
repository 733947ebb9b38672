"""Settings for one run: frozen, built from defaults and flags."""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.model import Severity

DEFAULT_MAX_PAGES = 400
DEFAULT_TIMEOUT_SECONDS = 60.0
DEFAULT_MEMORY_MB = 4096


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    offline: bool = False
    fail_on: Severity | None = Severity.ERROR  # None: never fail on findings
    max_pages: int = DEFAULT_MAX_PAGES
    timeout: float = DEFAULT_TIMEOUT_SECONDS  # seconds for one file, reading to findings
    memory_mb: int = DEFAULT_MEMORY_MB  # address-space limit of the worker reading a file
    debug: bool = False
    run_rules: bool = True  # False for `refcheck extract`
