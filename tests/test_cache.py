"""The lookup cache: expiry, sharing between processes and threads, surviving crashes and
corruption, and the ``refcheck cache`` commands."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refcheck.cli import app
from refcheck.resolve.cache import (
    FOUND_TTL,
    NOT_FOUND_TTL,
    Cache,
    CacheWarning,
    cache_file,
    default_cache_dir,
)

ROOT = Path(__file__).resolve().parents[1]
RECORD = {"DOI": "10.5555/x", "title": ["Ünïcode title"], "year": 2020}


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_value_comes_back_until_it_expires(tmp_path: Path) -> None:
    clock = Clock()
    with Cache.open(tmp_path, clock=clock) as cache:
        cache.put("crossref", "10.5555/x", RECORD, FOUND_TTL)
        cache.put("crossref", "10.5555/absent", {"found": False}, NOT_FOUND_TTL)
        clock.now += NOT_FOUND_TTL - 1
        assert cache.get("crossref", "10.5555/x") == RECORD
        assert cache.get("crossref", "10.5555/absent") == {"found": False}
        clock.now += 2
        assert cache.get("crossref", "10.5555/absent") is None
        assert cache.get("crossref", "10.5555/x") == RECORD
        clock.now += FOUND_TTL
        assert cache.get("crossref", "10.5555/x") is None


def test_namespaces_keep_equal_keys_apart(tmp_path: Path) -> None:
    with Cache.open(tmp_path) as cache:
        cache.put("crossref", "10.5555/x", "crossref record", FOUND_TTL)
        cache.put("datacite", "10.5555/x", "datacite record", FOUND_TTL)
        assert cache.get("crossref", "10.5555/x") == "crossref record"
        assert cache.get("datacite", "10.5555/x") == "datacite record"
        assert cache.get("agency", "10.5555/x") is None


def test_values_survive_reopening(tmp_path: Path) -> None:
    with Cache.open(tmp_path) as cache:
        cache.put("crossref", "10.5555/x", RECORD, FOUND_TTL)
    with Cache.open(tmp_path) as cache:
        assert cache.get("crossref", "10.5555/x") == RECORD


def test_none_is_refused_because_it_reads_as_a_miss(tmp_path: Path) -> None:
    with Cache.open(tmp_path) as cache, pytest.raises(ValueError):
        cache.put("crossref", "10.5555/x", None, FOUND_TTL)


def test_a_disabled_cache_forgets_everything() -> None:
    cache = Cache.disabled()
    cache.put("crossref", "10.5555/x", RECORD, FOUND_TTL)
    assert cache.get("crossref", "10.5555/x") is None
    assert cache.info().entries == {}
    assert cache.clear() == 0


def test_info_counts_live_entries_per_namespace_and_clear_empties(tmp_path: Path) -> None:
    clock = Clock()
    with Cache.open(tmp_path, clock=clock) as cache:
        for number in range(3):
            cache.put("crossref", f"10.5555/{number}", RECORD, FOUND_TTL)
        cache.put("agency", "10.5555/0", "Crossref", 10)
        clock.now += 11
        info = cache.info()
        assert (info.path, info.entries, info.expired) == (cache_file(tmp_path), {"crossref": 3}, 1)
        assert info.bytes > 0
        assert cache.clear() == 4
        assert cache.info().entries == {}


def test_default_directory_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "refcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "refcheck"


def test_threads_share_one_cache(tmp_path: Path) -> None:
    with Cache.open(tmp_path) as cache:

        def write(worker: int) -> None:
            for number in range(50):
                cache.put("t", f"{worker}/{number}", [worker, number], FOUND_TTL)
                assert cache.get("t", f"{worker}/{number}") == [worker, number]

        threads = [threading.Thread(target=write, args=(worker,)) for worker in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert cache.info().entries == {"t": 300}


WRITER = """
import sys
from pathlib import Path
from refcheck.resolve.cache import Cache
directory, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
with Cache.open(directory) as cache:
    for number in range(count):
        cache.put("w", f"{name}/{number}", {"writer": name, "payload": "x" * 2000}, 3600)
        print(number, flush=True)
"""


def writer(directory: Path, name: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(directory), name, str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    processes = [writer(tmp_path, name, 200) for name in ("a", "b")]
    for process in processes:
        _, errors = process.communicate(timeout=60)
        assert process.returncode == 0, errors
        assert "Warning" not in errors
    with Cache.open(tmp_path) as cache:
        assert cache.info().entries == {"w": 400}
        assert cache.get("w", "a/199") == {"writer": "a", "payload": "x" * 2000}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_process_killed_mid_run_leaves_a_readable_cache(tmp_path: Path) -> None:
    process = writer(tmp_path, "k", 1_000_000)
    assert process.stdout is not None
    for _ in range(50):  # let it get going, then kill it between or inside puts
        process.stdout.readline()
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    with Cache.open(tmp_path) as cache:
        stored = cache.info().entries["w"]
        assert stored >= 50
        for number in range(stored):
            assert cache.get("w", f"k/{number}") == {"writer": "k", "payload": "x" * 2000}
    with sqlite3.connect(cache_file(tmp_path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_corrupt_cache_file_is_moved_aside_with_a_warning(tmp_path: Path) -> None:
    cache_file(tmp_path).write_bytes(b"this is not a database" * 100)
    with pytest.warns(CacheWarning, match="unreadable"), Cache.open(tmp_path) as cache:
        assert cache.enabled
        cache.put("crossref", "10.5555/x", RECORD, FOUND_TTL)
        assert cache.get("crossref", "10.5555/x") == RECORD
    assert (tmp_path / "cache.sqlite3.corrupt").exists()


def test_a_cache_that_fails_mid_run_turns_itself_off(tmp_path: Path) -> None:
    with Cache.open(tmp_path) as cache:
        cache.put("crossref", "10.5555/x", RECORD, FOUND_TTL)
        with sqlite3.connect(cache_file(tmp_path)) as other:
            other.execute("DROP TABLE entries")
        with pytest.warns(CacheWarning, match="without cache"):
            assert cache.get("crossref", "10.5555/x") is None
        assert not cache.enabled
        cache.put("crossref", "10.5555/y", RECORD, FOUND_TTL)  # no error, no effect


def test_an_unusable_directory_means_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.warns(CacheWarning, match="without cache"):
        cache = Cache.open(blocker)
    assert not cache.enabled


runner = CliRunner()


def test_cache_info_and_clear_commands(tmp_path: Path) -> None:
    with Cache.open(tmp_path) as cache:
        cache.put("crossref", "10.5555/x", RECORD, FOUND_TTL)
        cache.put("crossref", "10.5555/y", RECORD, FOUND_TTL)
        cache.put("agency", "10.5555/x", "Crossref", FOUND_TTL)
    info = runner.invoke(app, ["cache", "info", "--cache-dir", str(tmp_path)])
    assert info.exit_code == 0
    assert str(cache_file(tmp_path)) in info.output
    assert "crossref  2" in info.output and "agency    1" in info.output
    cleared = runner.invoke(app, ["cache", "clear", "--cache-dir", str(tmp_path)])
    assert cleared.exit_code == 0
    assert "removed 3 entries" in cleared.output
    with Cache.open(tmp_path) as cache:
        assert cache.info().entries == {}


def test_cache_commands_on_a_missing_cache_create_nothing(tmp_path: Path) -> None:
    for command in ("info", "clear"):
        result = runner.invoke(app, ["cache", command, "--cache-dir", str(tmp_path / "none")])
        assert result.exit_code == 0
        assert "none yet" in result.output
    assert not (tmp_path / "none").exists()


def test_timestamps_use_wall_clock_so_entries_outlive_the_process(tmp_path: Path) -> None:
    with Cache.open(tmp_path) as cache:
        cache.put("crossref", "10.5555/x", RECORD, 60)
    with sqlite3.connect(cache_file(tmp_path)) as connection:
        (expires,) = connection.execute("SELECT expires FROM entries").fetchone()
    assert time.time() < expires <= time.time() + 60
