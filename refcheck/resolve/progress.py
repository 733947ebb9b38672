"""A progress bar on stderr for long online checks: only on a terminal, never with --quiet."""

from __future__ import annotations

import sys
import threading

from tqdm import tqdm

__all__ = ["Progress"]

# Runs shorter than this never show a bar: a flash of output is noise.
SHOW_AFTER_SECONDS = 1.0


class Progress:
    """Counts finished lookups (DOIs, searches, URLs); the total grows as phases are planned."""

    def __init__(self, enabled: bool) -> None:
        self._lock = threading.Lock()
        self._bar: tqdm[None] | None = None
        if enabled and sys.stderr.isatty():
            self._bar = tqdm(
                total=0,
                desc="online checks",
                unit="lookup",
                file=sys.stderr,
                delay=SHOW_AFTER_SECONDS,
                leave=False,
            )

    def plan(self, count: int) -> None:
        if self._bar is not None and count:
            with self._lock:
                self._bar.total = (self._bar.total or 0) + count
                self._bar.refresh()

    def advance(self, count: int = 1) -> None:
        if self._bar is not None and count:
            with self._lock:
                self._bar.update(count)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
