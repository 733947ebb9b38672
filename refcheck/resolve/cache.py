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
(``CacheWarning``) and carries on. Only a file that SQLite cannot read as a database is moved
aside (``.corrupt``) and replaced; a valid database that cannot be written (read-only file or
directory, full disk) is read without writing. A value is read as untrusted input: one that is
not JSON, too big or nested too deep is dropped and its lookup asked again.
"""

from __future__ import annotations

import contextlib
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

from refcheck.resolve.body import UntrustedJsonError, parse_untrusted_json
from refcheck.resolve.counts import ONLINE_COUNTS

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
# Primary SQLite result codes (extended codes carry them in their low byte).
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_NOT_A_DATABASE = frozenset({_SQLITE_CORRUPT, _SQLITE_NOTADB})
# A write refused by the environment (read-only file or directory, full disk, I/O error): the
# database itself is fine and can still be read.
_WRITE_REFUSED = frozenset({3, 8, 10, 13, 14})  # PERM, READONLY, IOERR, FULL, CANTOPEN
_READ_ONLY = "reading it without writing"


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
        *,
        writable: bool = True,
    ) -> None:
        self.path = path
        self._connection = connection
        self._clock = clock
        self._lock = threading.Lock()
        self._writable = writable
        self._dropped_an_entry = False  # said once per run, not once per entry

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
            return cls._open_unwritable(path, exc, clock)
        except OSError as exc:
            return _without_cache(path, exc)

    @classmethod
    def _open_unwritable(
        cls, path: Path, exc: sqlite3.DatabaseError, clock: Callable[[], float]
    ) -> Cache:
        """After a failed open: a valid database is read without writing; one that SQLite
        cannot read as a database is set aside."""
        try:
            connection = _connect_read_only(path)
        except sqlite3.DatabaseError as read_error:
            if _code(read_error) in _NOT_A_DATABASE or _code(exc) in _NOT_A_DATABASE:
                return cls._set_aside(path, read_error, clock)
            return _without_cache(path, read_error)
        _warn(f"cache {path} cannot be written ({exc}); {_READ_ONLY}")
        return cls(path, connection, clock, writable=False)

    @classmethod
    def _set_aside(
        cls, path: Path, exc: sqlite3.DatabaseError, clock: Callable[[], float]
    ) -> Cache:
        aside = path.with_name(path.name + ".corrupt")
        _warn(f"cache {path} is unreadable ({exc}); moved to {aside.name}, starting afresh")
        try:
            for suffix in _SIDE_FILES:
                with contextlib.suppress(FileNotFoundError):  # the journal files may not exist
                    Path(f"{path}{suffix}").replace(f"{aside}{suffix}")
        except OSError as move_error:
            return _without_cache(path, move_error)
        try:
            return cls(path, _connect(path), clock)
        except sqlite3.DatabaseError as again:
            return _without_cache(path, again)

    @classmethod
    def disabled(cls) -> Cache:
        return cls(None, None)

    @property
    def enabled(self) -> bool:
        return self._connection is not None

    def get(self, namespace: str, key: str) -> Any | None:
        """The value stored under ``(namespace, key)``, or None when absent, expired or
        unreadable (an unreadable entry is dropped: its lookup is made again)."""
        row = self._execute(
            "SELECT CAST(value AS BLOB), expires FROM entries WHERE namespace = ? AND key = ?",
            (namespace, key),
        )
        fresh = bool(row) and isinstance(row[0][1], (int, float)) and row[0][1] > self._clock()
        if not fresh:
            ONLINE_COUNTS.cache(namespace, hit=False)
            return None
        value = row[0][0]
        try:
            found = parse_untrusted_json(value if isinstance(value, bytes) else b"")
        except UntrustedJsonError as exc:
            self._drop(namespace, key, exc)
            ONLINE_COUNTS.cache(namespace, hit=False)
            return None
        ONLINE_COUNTS.cache(namespace, hit=True)
        return found

    def put(self, namespace: str, key: str, value: Any, ttl_seconds: float) -> None:
        """Store an answer (never a transient failure) for ``ttl_seconds``."""
        if value is None:
            raise ValueError("None cannot be cached: get() returns None for a miss")
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        self._write(
            "INSERT OR REPLACE INTO entries (namespace, key, value, expires) VALUES (?, ?, ?, ?)",
            (namespace, key, text, self._clock() + ttl_seconds),
        )

    def _drop(self, namespace: str, key: str, reason: Exception) -> None:
        if not self._dropped_an_entry:
            self._dropped_an_entry = True
            _warn(f"cache {self.path} held an unreadable entry ({reason}); looking it up again")
        self._write("DELETE FROM entries WHERE namespace = ? AND key = ?", (namespace, key))

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
        """Remove every entry; returns how many there were (0 when the cache cannot be written)."""
        rows = self._execute("SELECT COUNT(*) FROM entries", ())
        count = int(rows[0][0]) if rows else 0
        if not self._write("DELETE FROM entries", ()):
            return 0
        self._write("VACUUM", ())
        self._write("PRAGMA wal_checkpoint(TRUNCATE)", ())  # give the space back on disk too
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
        """One read, one transaction; a failing cache turns itself off instead of raising."""
        with self._lock:
            if self._connection is None:
                return []
            try:
                return self._connection.execute(sql, parameters).fetchall()
            except sqlite3.Error as exc:
                self._turn_off(exc)
                return []

    def _write(self, sql: str, parameters: tuple[Any, ...]) -> bool:
        """One write, one transaction; whether it was made. A write the environment refuses
        (read-only, full disk) leaves the cache readable for the rest of the run."""
        with self._lock:
            if self._connection is None or not self._writable:
                return False
            try:
                self._connection.execute(sql, parameters)
                return True
            except sqlite3.Error as exc:
                if _code(exc) in _WRITE_REFUSED:
                    self._writable = False
                    _warn(f"cache {self.path} cannot be written ({exc}); {_READ_ONLY}")
                else:
                    self._turn_off(exc)
                return False

    def _turn_off(self, exc: sqlite3.Error) -> None:
        """Called under the lock."""
        _warn(f"cache {self.path} failed ({exc}); going on without cache")
        if self._connection is not None:
            self._connection.close()
        self._connection = None


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


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes; ``immutable`` when even WAL's shared memory cannot be
    made (a read-only directory), which may miss entries still in the journal."""
    error: sqlite3.DatabaseError | None = None
    for mode in ("mode=ro", "immutable=1"):
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?{mode}", uri=True, check_same_thread=False
        )
        try:
            connection.execute("SELECT COUNT(*) FROM entries WHERE 0").fetchall()
            return connection
        except sqlite3.DatabaseError as exc:
            connection.close()
            if _code(exc) in _NOT_A_DATABASE:
                raise
            error = exc
    assert error is not None
    raise error


def _code(exc: sqlite3.Error) -> int:
    """The primary SQLite result code of an error (0 when unknown)."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


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
    if version != _SCHEMA_VERSION:  # a write: not made when there is nothing to change
        connection.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")


def _without_cache(path: Path, exc: BaseException) -> Cache:
    _warn(f"cannot use the cache {path} ({exc}); going on without cache")
    return Cache.disabled()


def _warn(message: str) -> None:
    warnings.warn(message, CacheWarning, stacklevel=3)
