"""The service in this process (uvicorn on a loopback port), called through a real HTTP client."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from refcheck.config import Settings
from refcheck.serve.config import SQLITE_FILE
from refcheck.serve.logs import JsonFormatter
from tests.serve_helpers import (
    ADMIN,
    FIXTURE_PDF,
    auth,
    offline_config,
    running_app,
    wait_for_job,
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    limits = {"max_upload_bytes": 2 * 1024 * 1024, "max_files": 3}
    config = offline_config(tmp_path_factory.mktemp("serve"), **limits)
    with running_app(config) as base, httpx.Client(base_url=base, timeout=60) as http:
        yield http


def _submit(client: httpx.Client, *files: tuple[str, bytes], token: str = ADMIN) -> httpx.Response:
    fields = [("files", (name, content, "application/octet-stream")) for name, content in files]
    return client.post("/api/jobs", files=fields, headers=auth(token))


def _new_token(client: httpx.Client, name: str) -> str:
    answer = client.post("/api/tokens", json={"name": name}, headers=auth())
    assert answer.status_code == 201, answer.text
    token: str = answer.json()["token"]
    return token


def test_submit_poll_results_delete(client: httpx.Client) -> None:
    submitted = _submit(client, ("paper.pdf", FIXTURE_PDF.read_bytes()))
    assert submitted.status_code == 202, submitted.text
    job = submitted.json()
    assert job["state"] in ("queued", "running") and job["total"] == 1
    done = wait_for_job(client, job["id"])
    assert done["state"] == "done" and done["done"] == 1
    report = client.get(done["reports"]["json"], headers=auth())
    assert report.headers["content-type"].startswith("application/json")
    documents = report.json()["documents"]
    assert [d["path"] for d in documents] == ["paper.pdf"]  # the server's path stays private
    assert documents[0]["references"]
    html = client.get(done["reports"]["html"], headers=auth())
    assert html.headers["content-type"].startswith("text/html") and "paper.pdf" in html.text
    sarif = client.get(done["reports"]["sarif"], headers=auth()).json()
    assert sarif["version"] == "2.1.0"
    junit = f"/api/jobs/{job['id']}/report?format=junit&download=true"
    download = client.get(junit, headers=auth())
    assert "attachment" in download.headers["content-disposition"]
    assert client.delete(f"/api/jobs/{job['id']}", headers=auth()).status_code == 204
    assert client.get(f"/api/jobs/{job['id']}", headers=auth()).status_code == 404


def test_a_job_is_visible_only_to_its_token(client: httpx.Client) -> None:
    job = _submit(client, ("paper.pdf", FIXTURE_PDF.read_bytes())).json()
    other = _new_token(client, "another journal")
    for path in (f"/api/jobs/{job['id']}", f"/api/jobs/{job['id']}/report?format=json"):
        answer = client.get(path, headers=auth(other))
        assert answer.status_code == 404 and "no job" in answer.json()["detail"]
    assert client.delete(f"/api/jobs/{job['id']}", headers=auth(other)).status_code == 404
    assert client.get("/api/jobs", headers=auth(other)).json() == []
    assert client.get(f"/api/jobs/{job['id']}", headers=auth()).status_code == 200


def test_tokens_are_needed_and_only_the_admin_makes_them(client: httpx.Client) -> None:
    anonymous = client.get("/api/jobs")
    assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/jobs", headers=auth("made-up")).status_code == 401
    user = _new_token(client, "editor")
    refused = client.post("/api/tokens", json={"name": "x"}, headers=auth(user))
    assert refused.status_code == 403


def test_an_upload_over_the_size_limit_is_refused(client: httpx.Client) -> None:
    large = b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024)
    answer = _submit(client, ("large.pdf", large))
    assert answer.status_code == 413
    assert "larger than the limit of 2 MB" in answer.json()["detail"]


def test_too_many_files_are_refused(client: httpx.Client) -> None:
    small = b"%PDF-1.7\n"
    answer = _submit(client, *[(f"p{n}.pdf", small) for n in range(4)])
    assert answer.status_code == 413 and "at most 3 per job" in answer.json()["detail"]


def test_a_non_pdf_renamed_pdf_is_refused_from_its_content(client: httpx.Client) -> None:
    answer = _submit(client, ("paper.pdf", b"MZ\x90\x00 an executable, not a paper"))
    assert answer.status_code == 415
    assert answer.json()["detail"].startswith("paper.pdf: is not a PDF (its content does not")
    xml = _submit(client, ("paper.pdf", b"<?xml version='1.0'?><article></article>"))
    assert xml.status_code == 415 and "is a JATS article, not a PDF" in xml.json()["detail"]


def test_other_inputs_are_told_from_their_content(client: httpx.Client) -> None:
    bib = b"@article{key, title={A title}, author={Doe, Jane}, year={2020}}\n"
    answer = _submit(client, ("refs.txt", bib))
    assert answer.status_code == 202, answer.text
    assert wait_for_job(client, answer.json()["id"])["state"] == "done"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/paper.pdf", "http://localhost/paper.pdf", "http://[::1]/x.pdf"]
)
def test_a_url_to_a_loopback_address_is_refused(client: httpx.Client, url: str) -> None:
    answer = client.post("/api/jobs", json={"url": url}, headers=auth())
    assert answer.status_code == 400
    assert "loopback address" in answer.json()["detail"]


def test_a_webhook_to_a_private_address_is_refused(client: httpx.Client) -> None:
    fields = [("files", ("paper.pdf", FIXTURE_PDF.read_bytes(), "application/pdf"))]
    answer = client.post(
        "/api/jobs", files=fields, data={"webhook": "http://10.0.0.1/hook"}, headers=auth()
    )
    assert answer.status_code == 400 and "webhook:" in answer.json()["detail"]
    assert "private address" in answer.json()["detail"]


def test_openapi_document_and_docs_page_are_served(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    paths = document["paths"]
    assert {"post", "get"} <= set(paths["/api/jobs"])
    assert "delete" in paths["/api/jobs/{job_id}"]
    assert "/api/jobs/{job_id}/report" in paths
    content = paths["/api/jobs"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= set(content)
    assert {"400", "413", "415", "429"} <= set(paths["/api/jobs"]["post"]["responses"])
    docs = client.get("/docs")
    assert "<code>POST /api/jobs</code>" in docs.text and "multipart/form-data" in docs.text
    assert "https://" not in docs.text  # nothing is loaded from elsewhere
    assert "default-src 'none'" in docs.headers["content-security-policy"]


def test_health_and_metrics(client: httpx.Client) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    metrics = client.get("/metrics").text
    assert 'refcheck_jobs{state="done"}' in metrics
    assert "refcheck_job_duration_seconds_bucket" in metrics
    assert 'refcheck_http_requests_total{status="200"}' in metrics
    # The online stage's work (none in these offline jobs: the families are there, empty).
    for family in ("refcheck_registry_requests", "refcheck_cache_hits", "refcheck_cache_misses"):
        assert f"# TYPE {family}_total counter" in metrics


def test_the_rate_limit_answers_429_with_retry_after(tmp_path: Path) -> None:
    with running_app(offline_config(tmp_path, rate_per_minute=2)) as base:
        answers = [httpx.get(f"{base}/api/jobs", headers=auth()) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert int(answers[2].headers["retry-after"]) >= 1
    assert "at most 2 a minute" in answers[2].json()["detail"]


class _Receiver(BaseHTTPRequestHandler):
    """Serves the fixture PDF on GET and records webhook POSTs."""

    posts: list[tuple[dict[str, str], bytes]] = []  # noqa: RUF012 - shared on purpose

    def do_GET(self) -> None:
        body = FIXTURE_PDF.read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Receiver.posts.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_a_url_is_fetched_and_the_webhook_signed(tmp_path: Path) -> None:
    # The operator allowed private addresses (as for a journal system on the same network).
    settings = Settings(offline=True, check_urls=False, allow_private_urls=True)
    receiver = HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    here = f"http://127.0.0.1:{receiver.server_port}"
    try:
        app = running_app(offline_config(tmp_path, check=settings))
        with app as base, httpx.Client(base_url=base, timeout=60) as http:
            body = {"url": f"{here}/files/paper.pdf", "webhook": f"{here}/hook"}
            job = http.post("/api/jobs", json=body, headers=auth()).json()
            assert wait_for_job(http, job["id"])["files"] == ["paper.pdf"]
    finally:
        receiver.shutdown()
    headers, payload = _Receiver.posts[-1]
    expected = hmac.new(b"s3cret", payload, hashlib.sha256).hexdigest()
    assert headers["X-Refcheck-Signature"] == f"sha256={expected}"
    assert json.loads(payload) == {
        "job": job["id"],
        "state": "done",
        "report": f"/api/jobs/{job['id']}/report",
    }


def test_the_page_signs_in_uploads_and_links_every_format(client: httpx.Client) -> None:
    browser = httpx.Client(base_url=str(client.base_url))  # keeps the cookie, as a browser
    page = browser.get("/")
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "unsafe" not in policy and "script" not in policy
    assert 'name="token"' in page.text
    assert "not known" in browser.post("/login", data={"token": "wrong"}).text
    assert browser.post("/login", data={"token": ADMIN}).status_code == 303
    assert 'type="file" name="files" multiple' in browser.get("/").text
    fields = [("files", ("paper.pdf", FIXTURE_PDF.read_bytes(), "application/pdf"))]
    posted = browser.post("/jobs", files=fields)
    assert posted.status_code == 303
    job_id = posted.headers["location"].rsplit("/", 1)[-1]
    wait_for_job(client, job_id)
    job_page = browser.get(f"/jobs/{job_id}").text
    assert 'http-equiv="refresh"' not in job_page
    assert f'href="/api/jobs/{job_id}/report?format=html"' in job_page
    assert f"/api/jobs/{job_id}/report?format=sarif&amp;download=true" in job_page
    assert browser.get(f"/api/jobs/{job_id}/report?format=sarif").json()["version"] == "2.1.0"
    browser.close()


def test_jobs_past_the_retention_period_are_deleted_at_start(tmp_path: Path) -> None:
    config = offline_config(tmp_path, retention_days=1)
    with running_app(config) as base, httpx.Client(base_url=base, timeout=60) as http:
        job = _submit(http, ("paper.pdf", FIXTURE_PDF.read_bytes())).json()
        wait_for_job(http, job["id"])
    assert (tmp_path / "uploads" / job["id"]).is_dir()  # kept for the retention period
    with sqlite3.connect(tmp_path / SQLITE_FILE) as database:  # as if it ended two days ago
        database.execute("UPDATE jobs SET finished = finished - 2 * 86400")
    with running_app(config) as base:
        assert httpx.get(f"{base}/api/jobs/{job['id']}", headers=auth()).status_code == 404
    assert not (tmp_path / "uploads" / job["id"]).exists()


def test_logs_are_json_lines_with_their_fields() -> None:
    record = logging.LogRecord("refcheck.serve", logging.INFO, "", 0, "job done", (), None)
    record.job = "abc"
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "job done" and line["job"] == "abc" and line["level"] == "info"


def test_a_new_admin_token_revokes_the_old_one(tmp_path: Path) -> None:
    with running_app(offline_config(tmp_path)) as base:
        assert httpx.get(f"{base}/api/jobs", headers=auth()).status_code == 200
    with running_app(offline_config(tmp_path, admin_token="rotated")) as base:
        assert httpx.get(f"{base}/api/jobs", headers=auth()).status_code == 401
        assert httpx.get(f"{base}/api/jobs", headers=auth("rotated")).status_code == 200
