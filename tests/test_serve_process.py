"""`refcheck serve` as a child process: a job survives the service being killed mid-way."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.serve_helpers import (
    FIXTURE_PDF,
    WAIT_SECONDS,
    ServiceProcess,
    auth,
    free_port,
    wait_for_job,
)

FILES = 6


@pytest.fixture
def service(tmp_path: Path) -> Iterator[ServiceProcess]:
    process = ServiceProcess(tmp_path / "data", free_port())
    process.start()
    yield process
    process.stop()


def _wait_until_running(client: httpx.Client, job_id: str) -> dict[str, object]:
    """Polls until the job has read at least one file and has more to read."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        answer = client.get(f"/api/jobs/{job_id}", headers=auth())
        assert answer.status_code == 200, answer.text
        status: dict[str, object] = answer.json()
        if status["state"] == "running" and status["done"] != 0:
            return status
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never ran")


def test_a_job_killed_mid_way_finishes_after_a_restart(service: ServiceProcess) -> None:
    pdf = FIXTURE_PDF.read_bytes()
    fields = [("files", (f"paper-{n}.pdf", pdf, "application/pdf")) for n in range(FILES)]
    with httpx.Client(base_url=service.base, timeout=60) as client:
        job = client.post("/api/jobs", files=fields, headers=auth()).json()
        status = _wait_until_running(client, job["id"])
        service.kill()  # SIGKILL, guarded workers and all: no chance to tidy up
        assert isinstance(status["done"], int) and status["done"] < FILES  # killed mid-job
        service.start()
        done = wait_for_job(client, job["id"])
        assert done["state"] == "done" and done["done"] == FILES
        report = client.get(done["reports"]["json"], headers=auth()).json()
        assert [d["path"] for d in report["documents"]] == [f"paper-{n}.pdf" for n in range(FILES)]
        assert client.get("/openapi.json").json()["info"]["title"] == "refcheck"
        assert client.delete(f"/api/jobs/{job['id']}", headers=auth()).status_code == 204
        assert client.get(f"/api/jobs/{job['id']}", headers=auth()).status_code == 404
    assert not (service.data_dir / "uploads" / job["id"]).exists()


def test_the_settings_file_sets_the_guarded_workers_budgets(tmp_path: Path) -> None:
    # The working folder's refcheck.toml, as `refcheck check` reads it.
    (tmp_path / "refcheck.toml").write_text("max-pages = 1\n", encoding="utf-8")
    process = ServiceProcess(tmp_path / "data", free_port())
    process.start()
    try:
        with httpx.Client(base_url=process.base, timeout=60) as client:
            fields = [("files", ("paper.pdf", FIXTURE_PDF.read_bytes(), "application/pdf"))]
            job = client.post("/api/jobs", files=fields, headers=auth()).json()
            done = wait_for_job(client, job["id"])
            (document,) = client.get(done["reports"]["json"], headers=auth()).json()["documents"]
    finally:
        process.stop()
    assert "--max-pages" in document["error"]["message"]
    assert document["error"]["message"].startswith("paper.pdf:")
