"""The service on a loopback port, in this process (a uvicorn thread) or as a child process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from refcheck.config import Settings
from refcheck.serve import ServeConfig, create_app

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_PDF = ROOT / "fixtures" / "corpus" / "ssoar_55386.pdf"
ADMIN = "admin-token-for-tests"
WAIT_SECONDS = 120.0  # a generous ceiling for a job to end; no test measures time


def offline_config(data_dir: Path, **overrides: Any) -> ServeConfig:
    check = Settings(offline=True, check_urls=False, quiet=True)
    fields: dict[str, Any] = {"check": check, "admin_token": ADMIN, "webhook_secret": "s3cret"}
    fields["rate_per_minute"] = 100_000  # the tests poll often; one test sets a low limit
    return ServeConfig(data_dir=data_dir, **(fields | overrides))


@contextmanager
def running_app(config: ServeConfig) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port; yields its base URL."""
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), host="127.0.0.1", port=0, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


def auth(token: str = ADMIN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def wait_for_job(client: httpx.Client, job_id: str, token: str = ADMIN) -> dict[str, Any]:
    """Polls until the job ends."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        answer = client.get(f"/api/jobs/{job_id}", headers=auth(token))
        assert answer.status_code == 200, answer.text
        status: dict[str, Any] = answer.json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not end: {status}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ServiceProcess:
    """``refcheck serve`` as a child process in its own process group (so that killing it
    kills its guarded workers too)."""

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir, self.port = data_dir, port
        self.base = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "refcheck", "serve", "--port", str(self.port)]
        command += ["--data-dir", str(self.data_dir), "--offline", "--no-urls"]
        command += ["--rate-per-minute", "100000"]  # the tests poll often
        environment = os.environ | {"REFCHECK_ADMIN_TOKEN": ADMIN}
        self.process = subprocess.Popen(
            command,
            env=environment,
            cwd=self.data_dir.parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"refcheck serve exited with {self.process.returncode}")
            try:
                if httpx.get(f"{self.base}/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("refcheck serve did not answer")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
