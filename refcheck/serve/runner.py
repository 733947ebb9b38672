"""The job runner: one thread that takes queued jobs, in order, and checks their files.

A job is :func:`refcheck.pipeline.check_paths`, as ``refcheck check`` runs it: files read by the
guarded workers (a child process per file with the time, memory and page budgets of the
settings, here or on the Dask cluster of ``settings.scheduler``), resolved online together and
checked by the rules. Every report format is
rendered once, when the job ends, and stored: a report is read many times and never changes.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from dataclasses import replace
from pathlib import Path

from refcheck.errors import RefcheckError
from refcheck.model import DocumentResult, Report
from refcheck.pipeline import check_paths
from refcheck.report import FORMATS, render
from refcheck.rules import select_rules
from refcheck.serve.config import ServeConfig
from refcheck.serve.metrics import ServiceMetrics
from refcheck.serve.outbound import OutboundRefused, post_webhook
from refcheck.serve.store import Job, JobStore

logger = logging.getLogger("refcheck.serve")
IDLE_SECONDS = 0.2  # how often an idle runner looks for a queued job
RETENTION_SWEEP_SECONDS = 3600.0


class JobRunner(threading.Thread):
    def __init__(
        self, config: ServeConfig, store: JobStore, metrics: ServiceMetrics, webhook_secret: str
    ) -> None:
        super().__init__(name="refcheck-jobs", daemon=True)
        self.config = config
        self.store = store
        self.metrics = metrics
        self.webhook_secret = webhook_secret
        self._stop_event = threading.Event()
        self._wake = threading.Event()
        self._next_sweep = 0.0

    def wake(self) -> None:
        """A job was queued: look now rather than at the next idle tick."""
        self._wake.set()

    def stop(self) -> None:
        self._stop_event.set()
        self._wake.set()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sweep_expired()
            job = self.store.take_next()
            if job is None:
                self._wake.wait(IDLE_SECONDS)
                self._wake.clear()
                continue
            self._run_job(job)

    def _run_job(self, job: Job) -> None:
        logger.info("job started", extra={"job": job.id, "files": job.total})
        began = time.monotonic()
        try:
            report = self._check(job)
            rules = select_rules(self.config.check.select, self.config.check.ignore)
            reports = {fmt: render(report, fmt, rules=rules) for fmt in FORMATS}
        except (RefcheckError, OSError) as exc:
            self._fail(job, str(exc), began)
        except Exception as exc:  # a bug must fail its job, not stop the runner for all jobs
            logger.exception("job crashed", extra={"job": job.id})
            self._fail(job, f"refcheck failed on this job ({type(exc).__name__})", began)
        else:
            self.store.finish(job.id, reports, report.exit_code(self.config.check.fail_on))
            self.metrics.finished("done", time.monotonic() - began)
            logger.info("job done", extra={"job": job.id, "seconds": time.monotonic() - began})
        self._notify(job)

    def _fail(self, job: Job, message: str, began: float) -> None:
        self.store.fail(job.id, message)
        self.metrics.finished("failed", time.monotonic() - began)
        logger.warning("job failed", extra={"job": job.id, "error": message})

    def _check(self, job: Job) -> Report:
        """``check_paths`` of the pipeline, with progress told to the store and no progress bar
        for the online stage (it would draw on the service's log)."""
        report = check_paths(
            [Path(f.stored) for f in job.files],
            self.config.check,
            lambda done, _total, _path: self.store.set_progress(job.id, done),
            online_bar=False,
        )
        names = {f.stored: f.name for f in job.files}
        return Report(documents=tuple(_named(r, names) for r in report.documents))

    def _notify(self, job: Job) -> None:
        if job.webhook is None:
            return
        ended = self.store.job(job.id)
        state = ended.state if ended is not None else "deleted"
        payload = {"job": job.id, "state": state, "report": f"/api/jobs/{job.id}/report"}
        try:
            status = post_webhook(job.webhook, payload, self.webhook_secret, self.config.check)
            logger.info("webhook sent", extra={"job": job.id, "status": status})
        except OutboundRefused as exc:
            logger.warning("webhook not sent", extra={"job": job.id, "error": str(exc)})

    def sweep_expired(self) -> None:
        """Uploads and results past the retention period are deleted: at start, then hourly."""
        now = time.time()
        if now < self._next_sweep:
            return
        self._next_sweep = now + RETENTION_SWEEP_SECONDS
        for job_id in self.store.expired(now - self.config.retention_days * 86400):
            delete_job_files(self.config, job_id)
            self.store.delete(job_id)


def upload_dir(config: ServeConfig, job_id: str) -> Path:
    return config.data_dir / "uploads" / job_id


def delete_job_files(config: ServeConfig, job_id: str) -> None:
    shutil.rmtree(upload_dir(config, job_id), ignore_errors=True)


def _named(result: DocumentResult, names: dict[str, str]) -> DocumentResult:
    """The result under the name the caller gave the file: the server's paths stay private."""
    name = names.get(result.path)
    if name is None:
        return result
    document = result.document and replace(result.document, path=name)
    error = result.error and replace(
        result.error, message=result.error.message.replace(result.path, name)
    )
    return replace(result, path=name, document=document, error=error)
