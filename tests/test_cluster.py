"""`refcheck check --scheduler`: PDFs read on a real 2-worker Dask LocalCluster.

The cluster is started by the test module (worker processes, one thread each, as a real
deployment). Its workers are not daemon processes, as refcheck.cluster asks, so each can start
the guarded process that reads a PDF.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from refcheck.cli import app
from refcheck.cluster import MAX_SENT_MB
from tests.batchgen import article_pdf
from tests.clustergen import citing_article, long_article
from tests.registry.server import FakeRegistry
from tests.resolve_helpers import crossref_work
from tests.serve_helpers import auth, offline_config, running_app, wait_for_job

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")
psutil = pytest.importorskip("psutil")  # a dependency of distributed

ROOT = Path(__file__).resolve().parents[1]
CORPUS_PDF = ROOT / "fixtures" / "corpus" / "ssoar_55386.pdf"
BIB = ROOT / "tests" / "data" / "inputs" / "zotero_export.bib"
SHARED_WORKS = [1, 2, 3]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with (
        dask.config.set({"distributed.worker.daemon": False}),
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
    ):
        yield str(cluster.scheduler_address)


def _check(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["check", "--format=json", "--fail-on=never", *args])
    assert result.exit_code in (0, 2), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_cluster_gives_the_findings_of_a_local_run(scheduler: str, tmp_path: Path) -> None:
    """PDFs read on the workers, a .bib read here, a broken file: same report, same order."""
    (tmp_path / "a.pdf").write_bytes(article_pdf(1))
    (tmp_path / "b.pdf").write_bytes(article_pdf(2, bad_issn=True))
    (tmp_path / "text.pdf").write_bytes(b"%PDF-1.7\nnot really a PDF\n")
    paths = [tmp_path / "a.pdf", CORPUS_PDF, BIB, tmp_path / "text.pdf", tmp_path / "b.pdf"]
    names = [str(p) for p in paths]
    local = _check("--offline", *names)
    remote = _check("--offline", f"--scheduler={scheduler}", *names)
    assert [d["path"] for d in remote["documents"]] == names
    assert remote == local
    statuses = [d["status"] for d in remote["documents"]]
    assert statuses.count("ok") == 4, "only the fake PDF is an error"
    (broken,) = (d for d in remote["documents"] if d["status"] != "ok")
    assert broken["error"]["message"].startswith(str(tmp_path / "text.pdf")), (
        "an error names the file as given, not the worker's copy"
    )


def test_a_worker_killed_mid_batch_loses_no_document(scheduler: str, tmp_path: Path) -> None:
    paths = _batch_with_a_long_file(tmp_path)
    documents, err = _check_killing_the_reader_of(paths[0], scheduler)
    assert [d["path"] for d in documents] == [str(p) for p in paths]
    assert all(d["status"] == "ok" for d in documents), err
    assert documents[0]["pages"] >= 120, "the long file was read whole, on another worker"


def test_a_file_whose_every_try_kills_its_worker_is_a_crash_row(tmp_path: Path) -> None:
    """With no retry allowed (``allowed-failures`` 0), one death is every try."""
    paths = _batch_with_a_long_file(tmp_path)
    with (
        dask.config.set(
            {"distributed.worker.daemon": False, "distributed.scheduler.allowed-failures": 0}
        ),
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
    ):
        documents, err = _check_killing_the_reader_of(paths[0], cluster.scheduler_address)
    assert [d["path"] for d in documents] == [str(p) for p in paths]
    assert documents[0]["error"]["kind"] == "crash", documents[0]["error"]
    assert "died on each of its tries" in documents[0]["error"]["message"]
    # A file queued on the killed worker is a suspect too (Dask counts it as failed there):
    # each other file is read, or a crash row; none is missing.
    others = [d["status"] if d["status"] == "ok" else d["error"]["kind"] for d in documents[1:]]
    assert set(others) <= {"ok", "crash"}, err


def _batch_with_a_long_file(folder: Path) -> list[Path]:
    (folder / "long.pdf").write_bytes(long_article(120))  # seconds to read
    paths = [folder / "long.pdf"]
    for number in range(4):
        paths.append(folder / f"article-{number}.pdf")
        paths[-1].write_bytes(article_pdf(number))
    return paths


def _check_killing_the_reader_of(
    target: Path, scheduler: str, *paths: Path
) -> tuple[list[dict[str, Any]], str]:
    """The JSON documents of a run in a subprocess, and its stderr, after the worker reading
    ``target`` was killed (SIGKILL, as the kernel's out-of-memory killer does)."""
    files = [target, *sorted(target.parent.glob("article-*.pdf"))]
    command = [sys.executable, "-m", "refcheck", "check", "--offline", "--format=json"]
    command += ["--fail-on=never", f"--scheduler={scheduler}", *map(str, files)]
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as run:
        with distributed.Client(scheduler, set_as_default=False) as client:
            worker = _worker_reading(client, target.name)
            pid = client.run(os.getpid, workers=[worker])[worker]
            children = _children_when_reading(pid)
            os.kill(pid, signal.SIGKILL)
        out, err = run.communicate(timeout=60)
    assert run.returncode in (0, 2), err
    _, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, "the killed worker's guarded reader ended with it"
    documents: list[dict[str, Any]] = json.loads(out)["documents"]
    return documents, err


def _children_when_reading(pid: int) -> list[Any]:
    """The processes the worker ``pid`` started, once its guarded reader is among them."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        children = psutil.Process(pid).children(recursive=True)
        if any("resource_tracker" not in " ".join(c.cmdline()) for c in children):
            return list(children)
        time.sleep(0.02)
    raise AssertionError("the worker started no guarded reader")


def _worker_reading(client: Any, name: str) -> str:
    """The address of the worker running the task of the file ``name``."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for worker, keys in client.processing().items():
            if any(f"refcheck-read-{name}-" in str(key) for key in keys):
                return str(worker)
        time.sleep(0.02)
    raise AssertionError(f"no worker started reading {name}")


def test_a_doi_cited_by_every_paper_is_looked_up_once(
    scheduler: str, registry: FakeRegistry, tmp_path: Path
) -> None:
    paths = []
    for number in range(6):
        paths.append(tmp_path / f"paper-{number}.pdf")
        paths[-1].write_bytes(citing_article(number, [*SHARED_WORKS, 10 + number]))
    for work in [*SHARED_WORKS, *range(10, 16)]:
        registry.add_crossref_work(crossref_work(work))
    report = _check(
        f"--scheduler={scheduler}",
        f"--crossref-url={registry.crossref_url}",
        f"--datacite-url={registry.datacite_url}",
        f"--doi-url={registry.doi_url}",
        "--no-cache",
        *map(str, paths),
    )
    assert [d["status"] for d in report["documents"]] == ["ok"] * len(paths)
    crossref = registry.requests_to("crossref")
    asking = [r for r in crossref if "doi:10.5555/test.1" in r.query.get("filter", "").split(",")]
    assert len(asking) == 1, [r.query for r in crossref]
    dois = {r["resolution"]["doi"]["doi"] for d in report["documents"] for r in d["references"]}
    assert len(dois) == len(SHARED_WORKS) + len(paths), "every cited DOI was resolved"


def test_a_file_too_large_to_send_is_an_error_row_not_sent(scheduler: str, tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as file:  # sparse: no disk used, never read
        file.truncate((MAX_SENT_MB + 1) * 1024 * 1024)
    (tmp_path / "a.pdf").write_bytes(article_pdf(1))
    report = _check("--offline", f"--scheduler={scheduler}", str(huge), str(tmp_path / "a.pdf"))
    first, second = report["documents"]
    assert first["error"]["kind"] == "budget-exceeded"
    assert f"more than the {MAX_SENT_MB} MB" in first["error"]["message"]
    assert second["status"] == "ok"


def test_daemon_workers_are_a_usage_error_before_any_file_is_sent(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(article_pdf(1))
    with (
        dask.config.set({"distributed.worker.daemon": True}),
        distributed.LocalCluster(
            n_workers=1, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
    ):
        result = CliRunner().invoke(
            app, ["check", "--offline", f"--scheduler={cluster.scheduler_address}", str(tmp_path)]
        )
    assert result.exit_code == 2
    assert "DASK_DISTRIBUTED__WORKER__DAEMON=False" in result.output


def test_the_service_reads_a_jobs_pdfs_on_the_cluster(scheduler: str, tmp_path: Path) -> None:
    """`refcheck serve` with a scheduler in its settings: the job's PDFs go to the workers."""
    config = offline_config(tmp_path / "serve")
    check = dataclasses.replace(config.check, scheduler=scheduler)
    files = [("files", (f"p{n}.pdf", article_pdf(n), "application/pdf")) for n in (1, 2)]
    before = _reads_on_cluster(scheduler)
    with (
        running_app(dataclasses.replace(config, check=check)) as base,
        httpx.Client(base_url=base, timeout=60) as http,
    ):
        job = http.post("/api/jobs", files=files, headers=auth()).json()
        done = wait_for_job(http, job["id"])
        report = http.get(done["reports"]["json"], headers=auth()).json()
    assert done["state"] == "done"
    assert [d["path"] for d in report["documents"]] == ["p1.pdf", "p2.pdf"]
    assert all(d["status"] != "error" and d["references"] for d in report["documents"])
    assert _reads_on_cluster(scheduler) > before  # the scheduler ran the reads


def _reads_on_cluster(scheduler: str) -> int:
    """A count that grows with every file read the cluster's scheduler runs (the states its
    read tasks went through)."""

    def reads(dask_scheduler: Any) -> int:
        prefix = dask_scheduler.task_prefixes.get("refcheck-read")
        return 0 if prefix is None else int(sum(prefix.state_counts.values()))

    with distributed.Client(scheduler, timeout=10) as client:
        count: int = client.run_on_scheduler(reads)
    return count
