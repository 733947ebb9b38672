"""How much work the online stage did in this process: requests sent per route, cache hits and
misses per namespace. A long-running service exports them as metrics (``refcheck serve``'s
``/metrics``); a CLI run never reads them.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["ONLINE_COUNTS", "OnlineCounts"]


@dataclass
class OnlineCounts:
    """Running totals, safe to add to from the resolver's threads."""

    requests: Counter[str] = field(default_factory=Counter)  # by route: single, list, openalex …
    cache_hits: Counter[str] = field(default_factory=Counter)  # by namespace
    cache_misses: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def request(self, route: str) -> None:
        with self._lock:
            self.requests[route] += 1

    def cache(self, namespace: str, hit: bool) -> None:
        with self._lock:
            (self.cache_hits if hit else self.cache_misses)[namespace] += 1

    def snapshot(self) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        """Copies of (requests, cache hits, cache misses), read under the lock."""
        with self._lock:
            return dict(self.requests), dict(self.cache_hits), dict(self.cache_misses)


ONLINE_COUNTS = OnlineCounts()
