"""The job store's database: SQLite by default, PostgreSQL by URL, behind one small interface.

The store writes its SQL once, in the dialect both understand (``?`` placeholders, ``INSERT …
ON CONFLICT``, ``DOUBLE PRECISION``); :class:`PostgresDatabase` turns the placeholders into
psycopg's and locks the queued row it takes, so that several services can share one database.
Both run in autocommit with explicit ``BEGIN``/``COMMIT``, on one connection under the store's
lock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from refcheck.errors import UsageError

__all__ = [
    "Database",
    "PostgresDatabase",
    "SqliteDatabase",
    "check_database_url",
    "open_database",
]

_POSTGRES = ("postgresql://", "postgres://")
Row = Any  # a mapping by column name: sqlite3.Row, or psycopg's dict row


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Row | None: ...

    def fetchall(self) -> list[Row]: ...


class Database(Protocol):
    """What the store needs of a connection."""

    # Appended to the SELECT that picks the next queued job (PostgreSQL locks that row).
    take_lock: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    def begin(self) -> None: ...

    def close(self) -> None: ...


class SqliteDatabase:
    take_lock = ""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self._db.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def begin(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")  # the write lock now, not at the first write

    def close(self) -> None:
        self._db.close()


class PostgresDatabase:
    take_lock = " FOR UPDATE SKIP LOCKED"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:  # psycopg, or the libpq it needs, is missing
            raise UsageError(
                f"a postgresql:// database needs psycopg and libpq ({exc}): "
                "pip install 'refcheck-pdf[serve]'"
            ) from exc
        try:
            self._db = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise UsageError(f"cannot connect to the database: {exc}".strip()) from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self._db.execute(sql.replace("?", "%s"), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)

    def begin(self) -> None:
        self._db.execute("BEGIN")

    def close(self) -> None:
        self._db.close()


def check_database_url(url: str | None) -> None:
    """A usage error now for a URL no store can open, before the service starts."""
    if url is not None and not url.startswith(("sqlite:///", *_POSTGRES)):
        scheme = url.split(":", 1)[0]
        raise UsageError(
            f"database URL {scheme}:…: use sqlite:///PATH or postgresql://… (docs/serve.md)"
        )


def open_database(url: str | None, default: Path) -> Database:
    """``sqlite:///PATH``, ``postgresql://…`` (or ``postgres://…``), or the SQLite file
    ``default`` when no URL is given."""
    check_database_url(url)
    if url is None:
        return SqliteDatabase(default)
    if url.startswith(_POSTGRES):
        return PostgresDatabase(url)
    return SqliteDatabase(Path(url[len("sqlite:///") :]))
