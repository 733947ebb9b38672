"""A progress bar on stderr for long online checks: only on a terminal, never with --quiet."""

from __future__ import annotations

import sys
import threading
import time

from tqdm import tqdm

__all__ = ["Progress"]

# Runs shorter than this never show a bar: a flash of output is noise.
SHOW_AFTER_SECONDS = 1.0


class Progress:
    """Counts finished lookups (DOIs, searches, URLs); the total grows as phases are planned.

    The bar is drawn only once the run has taken ``SHOW_AFTER_SECONDS``.
    """

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled and sys.stderr.isatty()
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._planned = self._done = 0
        self._bar: tqdm[None] | None = None

    def plan(self, count: int) -> None:
        with self._lock:
            self._planned += count
            if self._bar is not None:
                self._bar.total = self._planned
                self._bar.refresh()

    def advance(self, count: int = 1) -> None:
        with self._lock:
            self._done += count
            if self._bar is not None:
                self._bar.update(count)
            elif self._enabled and time.monotonic() - self._started >= SHOW_AFTER_SECONDS:
                self._bar = tqdm(
                    total=self._planned,
                    initial=self._done,
                    desc="online checks",
                    unit="lookup",
                    file=sys.stderr,
                    leave=False,
                )

    def close(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None
