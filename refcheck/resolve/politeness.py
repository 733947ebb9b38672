"""Politeness primitives of the HTTP client: paces, concurrency slots, and what servers announce."""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Mapping

from refcheck.patterns import compiled

__all__ = ["Pace", "Slots", "announced_rate", "positive_int", "retry_after"]

# Departures 5 % further apart than the limit allows: network jitter must not push two
# requests into one of the server's windows (Crossref answers that with 429).
_PACE_MARGIN = 1.05
_INTERVAL = compiled(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")
_INTERVAL_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


class Pace:
    """Evenly spaced departures (a token bucket holding one token): thread-safe."""

    def __init__(self, rate: float) -> None:
        self._lock = threading.Lock()
        self._interval = _PACE_MARGIN / rate
        self._last_departure = -float("inf")

    def set_rate(self, rate: float) -> None:
        """A new rate applies from the last departure on, not only after the next one."""
        with self._lock:
            self._interval = _PACE_MARGIN / rate

    def reserve(self, now: float) -> float:
        """Book the next departure; returns how long the caller waits for it."""
        with self._lock:
            departure = max(now, self._last_departure + self._interval)
            self._last_departure = departure
            return departure - now


class Slots:
    """A concurrency limit whose size can change while requests are in flight."""

    def __init__(self, limit: int) -> None:
        self._condition = threading.Condition()
        self._limit = max(1, limit)
        self._in_use = 0

    def set_limit(self, limit: int) -> None:
        with self._condition:
            self._limit = max(1, limit)
            self._condition.notify_all()

    def __enter__(self) -> None:
        with self._condition:
            self._condition.wait_for(lambda: self._in_use < self._limit)
            self._in_use += 1

    def __exit__(self, *_: object) -> None:
        with self._condition:
            self._in_use -= 1
            self._condition.notify_all()


def retry_after(headers: Mapping[str, str]) -> float | None:
    """Retry-After in seconds, given as a number or as an HTTP date; None when absent or bad."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def announced_rate(headers: Mapping[str, str]) -> float | None:
    """Requests per second from ``x-rate-limit-limit`` per ``x-rate-limit-interval`` ("1s")."""
    limit = positive_int(headers.get("x-rate-limit-limit"))
    interval = _INTERVAL.match(headers.get("x-rate-limit-interval", "1s"))
    if limit is None or interval is None:
        return None
    seconds = float(interval.group(1)) * _INTERVAL_UNITS[interval.group(2) or "s"]
    return limit / seconds if seconds > 0 else None


def positive_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        return None
    return number if number > 0 else None
