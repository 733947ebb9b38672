"""The job store on a real PostgreSQL server (``REFCHECK_DATABASE_URL=postgresql://…``).

The server is the machine's own PostgreSQL, started by the test on a loopback port
(tests/postgres_server.py); without one, or without psycopg and libpq, these tests skip and
say why.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from refcheck.errors import UsageError
from refcheck.serve.store import JobStore, UploadedFile
from tests.postgres_server import postgres_programs, running_postgres
from tests.serve_helpers import auth, offline_config, running_app, wait_for_job

FIXTURE_PDF = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "ssoar_55386.pdf"


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    try:
        import psycopg  # noqa: F401 - needs libpq too
    except ImportError as exc:
        pytest.skip(f"psycopg cannot be imported: {exc}")
    folder, reason = postgres_programs()
    if folder is None:
        pytest.skip(reason)
    with running_postgres(folder) as url:
        yield url


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> Iterator[JobStore]:
    opened = JobStore(database_url, tmp_path / "unused.sqlite3")
    for table in ("results", "jobs", "tokens"):
        opened._db.execute(f"DELETE FROM {table}")  # each test starts empty
    yield opened
    opened.close()


def test_jobs_tokens_and_results_round_trip(store: JobStore, tmp_path: Path) -> None:
    store.set_admin_token("admin-secret")
    store.add_token("caller-secret", "caller")
    owner, admin = store.token_owner("caller-secret") or ("", True)
    assert not admin and store.token_owner("nobody") is None
    files = [UploadedFile("paper.pdf", str(tmp_path / "stored.pdf"))]
    job = store.add_job("j1", owner, files, None)
    assert (job.state, job.total, job.files) == ("queued", 1, tuple(files))
    assert store.job("j1", owner="someone else") is None  # visible to its owner only
    taken = store.take_next()
    assert taken is not None and taken.state == "running"
    store.finish("j1", {"json": "{}", "html": "<p>"}, 0)
    store.finish("j1", {"json": '{"again": 1}'}, 0)  # written again: replaced, not doubled
    assert store.result("j1", "json") == '{"again": 1}'
    assert store.counts_by_state()["done"] == 1
    finished = store.job("j1")
    assert finished is not None and finished.finished is not None
    assert store.expired(finished.finished + 1) == ["j1"]
    store.delete("j1")
    assert store.result("j1", "html") is None  # results go with their job


def test_two_services_never_take_the_same_job(store: JobStore, database_url: str) -> None:
    other = JobStore(database_url, Path("unused.sqlite3"))
    try:
        for number in range(4):
            store.add_job(f"j{number}", "owner", [], None)
        taken = [s.take_next() for s in (store, other, store, other)]
        assert sorted(job.id for job in taken if job) == ["j0", "j1", "j2", "j3"]
        assert store.take_next() is None and other.take_next() is None
    finally:
        other.close()


def test_a_running_job_is_queued_again_by_the_next_start(store: JobStore) -> None:
    store.add_job("j1", "owner", [], None)
    store.take_next()
    assert store.requeue_interrupted() == 1
    job = store.job("j1")
    assert job is not None and job.state == "queued"


def test_the_service_on_postgresql_keeps_a_finished_job_across_a_restart(
    database_url: str, tmp_path: Path
) -> None:
    config = dataclasses.replace(offline_config(tmp_path), database_url=database_url)
    files = [("files", ("paper.pdf", FIXTURE_PDF.read_bytes(), "application/pdf"))]
    with running_app(config) as base, httpx.Client(base_url=base, timeout=60) as http:
        job = http.post("/api/jobs", files=files, headers=auth()).json()
        assert wait_for_job(http, job["id"])["state"] == "done"
    assert not (tmp_path / "refcheck.sqlite3").exists()  # nothing went to SQLite
    with running_app(config) as base, httpx.Client(base_url=base, timeout=60) as http:
        report = http.get(f"/api/jobs/{job['id']}/report?format=json", headers=auth())
        assert report.status_code == 200
        assert report.json()["documents"][0]["path"] == "paper.pdf"


def test_an_unknown_database_scheme_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="use sqlite:///PATH or postgresql://"):
        JobStore("mysql://db/refcheck", tmp_path / "x.sqlite3")
