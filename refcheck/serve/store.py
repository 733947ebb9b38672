"""Jobs, their results and the API tokens, in SQLite or PostgreSQL (:mod:`.database`).

One connection, shared by the request threads and the job runner under a lock: the service
writes a few rows per job, so contention does not matter (SQLite's WAL keeps readers off the
writer; PostgreSQL's row lock lets several services take jobs from one database).
Tokens are kept as SHA-256 digests: the database never holds one a caller could reuse.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from refcheck.serve.database import Database, Row, open_database

SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
    digest TEXT PRIMARY KEY, name TEXT NOT NULL, admin INTEGER NOT NULL,
    created DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, state TEXT NOT NULL,
    created DOUBLE PRECISION NOT NULL, started DOUBLE PRECISION, finished DOUBLE PRECISION,
    files TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL, message TEXT,
    webhook TEXT, exit_code INTEGER
);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, created);
CREATE TABLE IF NOT EXISTS results (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE, format TEXT NOT NULL,
    body TEXT NOT NULL, PRIMARY KEY (job_id, format)
);
"""
STATES = ("queued", "running", "done", "failed")


def new_job_id() -> str:
    return uuid.uuid4().hex


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class UploadedFile:
    name: str  # as the caller named it; the reports show this name
    stored: str  # the path on disk, never shown to anyone


@dataclass(frozen=True)
class Job:
    id: str
    owner: str
    state: str
    created: float
    started: float | None
    finished: float | None
    files: tuple[UploadedFile, ...]
    done: int
    total: int
    message: str | None
    webhook: str | None
    exit_code: int | None


class JobStore:
    def __init__(self, url: str | None, default: Path) -> None:
        """The store at ``url`` (``sqlite:///…``, ``postgresql://…``), else SQLite at
        ``default``."""
        self._lock = threading.Lock()
        self._db: Database = open_database(url, default)
        for statement in filter(str.strip, SCHEMA.split(";")):
            self._db.execute(statement)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[Database]:
        with self._lock:
            self._db.begin()
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def add_token(self, token: str, name: str) -> None:
        """A caller's token (not admin)."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO tokens VALUES (?, ?, 0, ?) ON CONFLICT DO NOTHING",
                (token_digest(token), name, time.time()),
            )

    def set_admin_token(self, token: str) -> None:
        """The one admin token: an admin token configured before is revoked (its jobs stay,
        unreachable until deleted by retention)."""
        digest = token_digest(token)
        with self._transaction() as db:
            db.execute("DELETE FROM tokens WHERE admin = 1 AND digest != ?", (digest,))
            db.execute(
                "INSERT INTO tokens VALUES (?, 'admin', 1, ?) ON CONFLICT DO NOTHING",
                (digest, time.time()),
            )

    def token_owner(self, token: str) -> tuple[str, bool] | None:
        """(the token's digest, whether it is the admin's), or None for an unknown token."""
        with self._lock:
            row = self._db.execute(
                "SELECT digest, admin FROM tokens WHERE digest = ?", (token_digest(token),)
            ).fetchone()
        return None if row is None else (str(row["digest"]), bool(row["admin"]))

    def add_job(
        self, job_id: str, owner: str, files: list[UploadedFile], webhook: str | None
    ) -> Job:
        stored = json.dumps([[f.name, f.stored] for f in files])
        with self._transaction() as db:
            db.execute(
                "INSERT INTO jobs (id, owner, state, created, files, total, webhook) "
                "VALUES (?, ?, 'queued', ?, ?, ?, ?)",
                (job_id, owner, time.time(), stored, len(files), webhook),
            )
        job = self.job(job_id)
        assert job is not None  # just written
        return job

    def job(self, job_id: str, owner: str | None = None) -> Job | None:
        """The job, or None when there is none or ``owner`` is given and is not its owner."""
        with self._lock:
            row = self._db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None or (owner is not None and row["owner"] != owner):
            return None
        return _job(row)

    def jobs_of(self, owner: str, limit: int = 50) -> list[Job]:
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM jobs WHERE owner = ? ORDER BY created DESC LIMIT ?", (owner, limit)
            ).fetchall()
        return [_job(row) for row in rows]

    def requeue_interrupted(self) -> int:
        """Jobs a stopped process left running are queued again: their files are on disk."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE jobs SET state = 'queued', done = 0, started = NULL WHERE state = 'running'"
            )
        return cursor.rowcount

    def take_next(self) -> Job | None:
        """The oldest queued job, marked running."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT id FROM jobs WHERE state = 'queued' ORDER BY created LIMIT 1" + db.take_lock
            ).fetchone()
            if row is None:
                return None
            db.execute(
                "UPDATE jobs SET state = 'running', started = ? WHERE id = ?",
                (time.time(), row["id"]),
            )
        return self.job(str(row["id"]))

    def set_progress(self, job_id: str, done: int) -> None:
        with self._transaction() as db:
            db.execute("UPDATE jobs SET done = ? WHERE id = ?", (done, job_id))

    def finish(self, job_id: str, reports: dict[str, str], exit_code: int) -> None:
        with self._transaction() as db:
            updated = db.execute(
                "UPDATE jobs SET state = 'done', done = total, finished = ?, exit_code = ? "
                "WHERE id = ?",
                (time.time(), exit_code, job_id),
            )
            if updated.rowcount:  # not deleted while it ran
                db.executemany(
                    "INSERT INTO results VALUES (?, ?, ?) ON CONFLICT (job_id, format) "
                    "DO UPDATE SET body = excluded.body",
                    [(job_id, fmt, body) for fmt, body in reports.items()],
                )

    def fail(self, job_id: str, message: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE jobs SET state = 'failed', finished = ?, message = ? WHERE id = ?",
                (time.time(), message, job_id),
            )

    def result(self, job_id: str, fmt: str) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT body FROM results WHERE job_id = ? AND format = ?", (job_id, fmt)
            ).fetchone()
        return None if row is None else str(row["body"])

    def delete(self, job_id: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    def expired(self, before: float) -> list[str]:
        """Jobs that ended before ``before`` (a time.time() value)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id FROM jobs WHERE finished IS NOT NULL AND finished < ?", (before,)
            ).fetchall()
        return [str(row["id"]) for row in rows]

    def counts_by_state(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute(
                "SELECT state, COUNT(*) AS n FROM jobs GROUP BY state"
            ).fetchall()
            found = {str(row["state"]): int(row["n"]) for row in rows}
        return {state: found.get(state, 0) for state in STATES}


def _job(row: Row) -> Job:
    return Job(
        id=row["id"],
        owner=row["owner"],
        state=row["state"],
        created=row["created"],
        started=row["started"],
        finished=row["finished"],
        files=tuple(UploadedFile(name, stored) for name, stored in json.loads(row["files"])),
        done=row["done"],
        total=row["total"],
        message=row["message"],
        webhook=row["webhook"],
        exit_code=row["exit_code"],
    )
