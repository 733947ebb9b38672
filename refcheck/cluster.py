"""Reads the PDFs of a batch on a Dask distributed cluster (``--scheduler tcp://host:8786``).

Only the PDF work fans out: each PDF's bytes are sent to a worker (no shared filesystem is
assumed), where the task reads them in the same guarded worker process as a local run (time,
memory and page budgets), and the result comes back as the same :class:`DocumentResult`.
Source files (.tex, .bib, .xml, .docx) are read here: a .tex names files beside it. Lookups,
rules and reports stay in this process too (:func:`refcheck.pipeline.check_paths`), so the
lookups of the whole batch are de-duplicated and made by one rate-limited resolver.

A Dask worker that dies takes no document with it: the scheduler runs its tasks again on
another worker; a file whose worker died on every try (``distributed.scheduler
.allowed-failures``) becomes an error result of kind ``crash``. Results keep the input order.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import threading
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refcheck.config import Settings
from refcheck.errors import (
    BudgetExceededError,
    InputNotFoundError,
    InternalError,
    ParserCrashError,
    RefcheckError,
    UsageError,
)
from refcheck.model import DocumentResult, InputError
from refcheck.pipeline import GuardedWorker, Progress, read_all, wait_for_workers
from refcheck.readers import sniff_kind

if TYPE_CHECKING:
    from distributed import Client, Future

# The largest file sent to a worker: the bytes travel through the scheduler's network and sit
# in the client's memory while the file is read.
MAX_SENT_MB = 256
# Files under way per worker thread: enough to keep workers busy, few enough that the bytes
# held here stay small whatever the batch's size.
IN_FLIGHT_PER_THREAD = 4
# Seconds to reach the scheduler, and for a first worker to join it.
CONNECT_SECONDS = 10.0
WORKER_WAIT_SECONDS = 60.0
# A task that raises (not a worker that dies: the scheduler handles those) is tried again.
TASK_RETRIES = 2
# Each worker thread's guarded worker process (see _read_guarded).
_GUARDED = threading.local()
DAEMON_ADVICE = (
    "the Dask workers run as daemon processes, which may not start the guarded process that "
    "reads a PDF; start them with DASK_DISTRIBUTED__WORKER__DAEMON=False "
    "(distributed.worker.daemon: false) or with `dask worker --no-nanny`"
)


def read_on_cluster(
    items: Sequence[Path | DocumentResult], settings: Settings, progress: Progress | None = None
) -> list[DocumentResult]:
    """Read the PDFs on the cluster at ``settings.scheduler``, the rest here; input order."""
    results: list[DocumentResult | None] = [
        item if isinstance(item, DocumentResult) else None for item in items
    ]
    done = 0

    def finished(index: int, result: DocumentResult) -> None:
        nonlocal done
        results[index] = result
        done += 1
        if progress is not None:
            progress(done, len(items), result.path)

    for index, known in enumerate(results):
        if known is not None:
            finished(index, known)
    remote, local = _partition(items)
    for index, result in zip(local, read_all([items[i] for i in local], settings), strict=True):
        finished(index, result)
    if remote:
        with _connect(settings.scheduler or "") as client:
            _check_workers(client)
            for index, result in _read_remote(client, remote, settings):
                finished(index, result)
    return [r for r in results if r is not None]


def read_sent_file(name: str, data: bytes, settings: Settings) -> DocumentResult:
    """On a worker: read a PDF sent as bytes in a guarded worker, as the file ``name``."""
    if multiprocessing.current_process().daemon:
        raise RuntimeError(DAEMON_ADVICE)
    with tempfile.TemporaryDirectory(prefix="refcheck-") as folder:
        copy = Path(folder) / "sent.pdf"
        copy.write_bytes(data)
        result = _read_guarded(copy, settings)
    return _renamed(result, str(copy), name)


def _read_guarded(path: Path, settings: Settings) -> DocumentResult:
    """Read one file in this thread's guarded worker, kept from task to task as ``read_all``
    keeps its workers from file to file (replaced when it overruns or dies)."""
    worker: GuardedWorker | None = getattr(_GUARDED, "worker", None)
    if worker is None or worker.settings != settings:
        if worker is not None:
            worker.close()
        worker = _GUARDED.worker = GuardedWorker(settings)
    worker.submit(path)
    while True:
        ready = wait_for_workers([worker])
        result = worker.collect(ready=worker in ready)
        if result is not None:
            return result


def _partition(items: Sequence[Path | DocumentResult]) -> tuple[list[tuple[int, Path]], list[int]]:
    """The PDFs to send (index, path), and the indexes of the files to read here."""
    remote: list[tuple[int, Path]] = []
    local: list[int] = []
    for index, item in enumerate(items):
        if isinstance(item, DocumentResult):
            continue
        try:
            is_pdf = sniff_kind(item) == "pdf"
        except RefcheckError:
            is_pdf = False  # read here, where the reader reports what is wrong with it
        if is_pdf:
            remote.append((index, item))
        else:
            local.append(index)
    return remote, local


def _connect(address: str) -> Client:
    try:
        from distributed import Client
    except ImportError as exc:
        raise UsageError(
            "--scheduler needs Dask distributed: pip install 'refcheck-pdf[cluster]'"
        ) from exc
    try:
        return Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"--scheduler {address}: cannot reach the Dask scheduler ({exc})") from exc


def _check_workers(client: Client) -> None:
    """Every usage error before the first file is sent: no worker, or workers that cannot
    start the guarded process."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError as exc:
        raise UsageError(
            f"--scheduler: no Dask worker joined the scheduler in {WORKER_WAIT_SECONDS:g} s"
        ) from exc
    daemonic: dict[str, bool] = client.run(_is_daemon)
    if any(daemonic.values()):
        raise UsageError(f"--scheduler: {DAEMON_ADVICE}")


def _is_daemon() -> bool:
    return bool(multiprocessing.current_process().daemon)


def _read_remote(
    client: Client, jobs: list[tuple[int, Path]], settings: Settings
) -> Iterator[tuple[int, DocumentResult]]:
    """(index, result) of each PDF as it comes back; a bounded number under way at once."""
    from distributed import as_completed

    pending = deque(jobs)
    window = max(4, IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
    owners: dict[Future[DocumentResult], tuple[int, Path]] = {}
    running = as_completed(loop=client.loop)
    while pending or owners:
        while pending and len(owners) < window:
            index, path = pending.popleft()
            sent = _sent_bytes(path)
            if isinstance(sent, DocumentResult):
                yield index, sent
                continue
            future = client.submit(
                read_sent_file,
                str(path),
                sent,
                settings,
                key=f"refcheck-read-{path.name}-{uuid.uuid4().hex}",
                pure=False,
                retries=TASK_RETRIES,
            )
            owners[future] = (index, path)
            running.add(future)
        if owners:
            future = next(running)
            index, path = owners.pop(future)
            yield index, _outcome(future, path)


def _sent_bytes(path: Path) -> bytes | DocumentResult:
    """The file's bytes, or the error result of a file too large to send or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_SENT_MB * 1024 * 1024:
            raise BudgetExceededError(
                f"{path}: {size / 2**20:.0f} MB is more than the {MAX_SENT_MB} MB a file may "
                "have to be sent to the cluster (--scheduler); check it without --scheduler"
            )
        return path.read_bytes()
    except OSError as exc:
        return _error(path, InputNotFoundError(f"{path}: cannot be read ({exc.strerror})"))
    except RefcheckError as exc:
        return _error(path, exc)


def _outcome(future: Future[DocumentResult], path: Path) -> DocumentResult:
    """The task's result, or an error result that says why the cluster gave none."""
    from distributed.scheduler import KilledWorker

    try:
        result: Any = future.result()
    except KilledWorker:
        return _error(
            path,
            ParserCrashError(
                f"{path}: the Dask worker holding this file died on each of its tries "
                "(distributed.scheduler.allowed-failures); the file may be hostile, or the "
                "workers short of memory"
            ),
        )
    except Exception as exc:  # the task raised on every try, or the scheduler was lost
        detail = f"{type(exc).__name__}: {exc}"
        return _error(path, InternalError(f"{path}: the cluster did not read this file ({detail})"))
    finally:
        future.release()
    if not isinstance(result, DocumentResult):
        return _error(path, InternalError(f"{path}: the cluster answered {type(result).__name__}"))
    return result


def _renamed(result: DocumentResult, copy: str, name: str) -> DocumentResult:
    """The result of the worker's copy under the name the client knows the file by."""
    document = result.document and replace(result.document, path=name)
    error = result.error and replace(result.error, message=result.error.message.replace(copy, name))
    return replace(result, path=name, document=document, error=error)


def _error(path: Path, error: RefcheckError) -> DocumentResult:
    return DocumentResult(path=str(path), document=None, error=InputError(error.kind, str(error)))
