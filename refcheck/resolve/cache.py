"""The lookup cache: registry answers kept in SQLite between runs, with an expiry per entry.

What goes in is decided by the callers, with one rule: **only answers are cached** (a record
found, a DOI not found, a URL that answered). Transient failures (timeout, unreachable,
rate-limited, skipped) are never put: the next run must ask again. Found records live
``FOUND_TTL``, "not found" answers ``NOT_FOUND_TTL`` (a DOI may be registered tomorrow), update
notices (retractions) ``UPDATES_TTL``.

Values are JSON (``None`` cannot be stored: ``get`` returns ``None`` for a miss). Several
processes may share one cache file (WAL journal, busy timeout); each ``put`` is one
transaction, so a run killed mid-way leaves every entry either whole or absent. One connection
per cache guarded by a lock makes a ``Cache`` safe to share across threads. A cache that cannot
be opened or read (corrupt file, full disk, locked for too long) never stops a run: it warns
(``CacheWarning``), moves a corrupt file aside and starts afresh, or carries on without cache.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "FOUND_TTL",
    "NOT_FOUND_TTL",
    "UPDATES_TTL",
    "Cache",
    "CacheInfo",
    "CacheWarning",
    "cache_file",
    "default_cache_dir",
]

DAY = 24 * 60 * 60
FOUND_TTL = 30 * DAY
NOT_FOUND_TTL = 7 * DAY
UPDATES_TTL = 7 * DAY

CACHE_FILE_NAME = "cache.sqlite3"
_SCHEMA_VERSION = 1
_BUSY_TIMEOUT_SECONDS = 10.0
_SIDE_FILES = ("", "-wal", "-shm")


class CacheWarning(UserWarning):
    """The cache could not be used as it is; the run goes on (maybe without cache)."""


@dataclass(frozen=True)
class CacheInfo:
    path: Path | None  # None for a disabled cache
    entries: Mapping[str, int] = field(default_factory=dict)  # live entries per namespace
    expired: int = 0  # entries past their time, removed by the next clear
    bytes: int = 0  # on disk, journal included


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/refcheck``, else ``~/.cache/refcheck`` (``%LOCALAPPDATA%`` on Windows)."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "refcheck" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "refcheck"


def cache_file(directory: Path | None) -> Path:
    return (directory if directory is not None else default_cache_dir()) / CACHE_FILE_NAME


class Cache:
    """Use :meth:`open` or :meth:`disabled`; a disabled cache forgets every ``put``."""

    def __init__(
        self,
        path: Path | None,
        connection: sqlite3.Connection | None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self._connection = connection
        self._clock = clock
        self._lock = threading.Lock()

    @classmethod
    def open(
        cls, directory: Path | None = None, *, clock: Callable[[], float] = time.time
    ) -> Cache:
        """The cache in ``directory`` (None: the user cache dir), created when missing."""
        path = cache_file(directory)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls(path, _connect(path), clock)
        except sqlite3.DatabaseError as exc:
            if not path.exists() or "locked" in str(exc):
                return _without_cache(path, exc)
            aside = path.with_name(path.name + ".corrupt")
            _warn(f"cache {path} is unreadable ({exc}); moved to {aside.name}, starting afresh")
            try:
                for suffix in _SIDE_FILES:
                    Path(f"{path}{suffix}").replace(f"{aside}{suffix}")
            except FileNotFoundError:
                pass  # the journal files may not exist
            except OSError as move_error:
                return _without_cache(path, move_error)
            try:
                return cls(path, _connect(path), clock)
            except sqlite3.DatabaseError as again:
                return _without_cache(path, again)
        except OSError as exc:
            return _without_cache(path, exc)

    @classmethod
    def disabled(cls) -> Cache:
        return cls(None, None)

    @property
    def enabled(self) -> bool:
        return self._connection is not None

    def get(self, namespace: str, key: str) -> Any | None:
        """The value stored under ``(namespace, key)``, or None when absent or expired."""
        row = self._execute(
            "SELECT value, expires FROM entries WHERE namespace = ? AND key = ?",
            (namespace, key),
        )
        if not row:
            return None
        value, expires = row[0]
        if expires <= self._clock():
            return None
        return json.loads(value)

    def put(self, namespace: str, key: str, value: Any, ttl_seconds: float) -> None:
        """Store an answer (never a transient failure) for ``ttl_seconds``."""
        if value is None:
            raise ValueError("None cannot be cached: get() returns None for a miss")
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        self._execute(
            "INSERT OR REPLACE INTO entries (namespace, key, value, expires) VALUES (?, ?, ?, ?)",
            (namespace, key, text, self._clock() + ttl_seconds),
        )

    def info(self) -> CacheInfo:
        now = self._clock()
        rows = self._execute(
            "SELECT namespace, SUM(expires > ?), SUM(expires <= ?) FROM entries GROUP BY namespace",
            (now, now),
        )
        size = sum(
            Path(f"{self.path}{suffix}").stat().st_size
            for suffix in _SIDE_FILES
            if self.path is not None and Path(f"{self.path}{suffix}").exists()
        )
        return CacheInfo(
            path=self.path,
            entries={namespace: live for namespace, live, _ in rows if live},
            expired=sum(expired for _, _, expired in rows),
            bytes=size,
        )

    def clear(self) -> int:
        """Remove every entry; returns how many there were."""
        rows = self._execute("SELECT COUNT(*) FROM entries", ())
        count = int(rows[0][0]) if rows else 0
        self._execute("DELETE FROM entries", ())
        self._execute("VACUUM", ())
        self._execute("PRAGMA wal_checkpoint(TRUNCATE)", ())  # give the space back on disk too
        return count

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _execute(self, sql: str, parameters: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """One statement, one transaction; a failing cache turns itself off instead of raising."""
        with self._lock:
            if self._connection is None:
                return []
            try:
                return self._connection.execute(sql, parameters).fetchall()
            except sqlite3.Error as exc:
                _warn(f"cache {self.path} failed ({exc}); going on without cache")
                self._connection.close()
                self._connection = None
                return []


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(
        path, timeout=_BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    # Switching a new file to WAL takes an exclusive lock for which SQLite does not always wait
    # (its busy handler is skipped there), so two processes opening a fresh cache at once can
    # see "database is locked" at once: the setup is retried for as long as the busy timeout.
    deadline = time.monotonic() + _BUSY_TIMEOUT_SECONDS
    while True:
        try:
            _set_up(connection)
            return connection
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                connection.close()
                raise
            time.sleep(0.05)
        except sqlite3.Error:
            connection.close()
            raise


def _set_up(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")  # with WAL: safe when a run is killed
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version not in (0, _SCHEMA_VERSION):  # written by another refcheck: start afresh
        connection.execute("DROP TABLE IF EXISTS entries")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS entries (namespace TEXT NOT NULL, key TEXT NOT NULL, "
        "value TEXT NOT NULL, expires REAL NOT NULL, PRIMARY KEY (namespace, key)) "
        "WITHOUT ROWID"
    )
    connection.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")


def _without_cache(path: Path, exc: BaseException) -> Cache:
    _warn(f"cannot use the cache {path} ({exc}); going on without cache")
    return Cache.disabled()


def _warn(message: str) -> None:
    warnings.warn(message, CacheWarning, stacklevel=3)
