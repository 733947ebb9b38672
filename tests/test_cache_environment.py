"""Issue 12 item 5: the cache survives its environment.

A valid cache that cannot be written (read-only file or directory, full disk) is read without
writing, said once, and never renamed ``.corrupt``; only a file that is not an SQLite database
is set aside. Permissions do not bind root, so as root the read-only runs happen in a child
process that has given up the capabilities that override them.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from refcheck.resolve.cache import FOUND_TTL, Cache, CacheWarning, cache_file

RECORD = {"DOI": "10.5555/kept", "title": ["A record that must survive"]}
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2  # <linux/prctl.h>, capability.h
CHILD = """
import json, sys, warnings
from pathlib import Path
from refcheck.resolve.cache import FOUND_TTL, Cache
with warnings.catch_warnings(record=True) as warned:
    warnings.simplefilter("always")
    cache = Cache.open(Path(sys.argv[1]))
    kept = cache.get("doi", "kept")
    for number in range(3):
        cache.put("doi", f"new/{number}", {"n": number}, FOUND_TTL)
    again = cache.get("doi", "kept")
print(json.dumps({"kept": kept, "again": again, "enabled": cache.enabled,
                  "warnings": [str(w.message) for w in warned]}))
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _without_permission_overrides() -> None:
    """In the child before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding
    set, so that root, too, is refused a write the file's mode forbids."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_child(directory: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(directory)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        preexec_fn=_without_permission_overrides if os.geteuid() == 0 else None,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("read_only", ["file", "directory"])
def test_a_read_only_cache_is_read_without_writing_and_never_set_aside(
    tmp_path: Path, read_only: str
) -> None:
    directory = tmp_path / "cache"
    with Cache.open(directory) as cache:
        cache.put("doi", "kept", RECORD, FOUND_TTL)
    database = cache_file(directory)
    before = _digest(database)
    database.chmod(0o444 if read_only == "file" else 0o644)
    directory.chmod(0o555 if read_only == "directory" else 0o755)
    try:
        result = _run_child(directory)
    finally:
        directory.chmod(0o755)
    assert result["kept"] == RECORD and result["again"] == RECORD and result["enabled"]
    [warning] = result["warnings"]
    assert "cannot be written" in warning and "without writing" in warning
    assert sorted(p.name for p in directory.iterdir() if "corrupt" in p.name) == []
    assert _digest(database) == before


def test_a_full_disk_leaves_the_cache_readable_and_in_place(tmp_path: Path) -> None:
    with Cache.open(tmp_path) as cache:
        cache.put("doi", "kept", RECORD, FOUND_TTL)
    # SQLite's page cap gives the error a full disk gives (SQLITE_FULL), without filling one.
    connection = sqlite3.connect(
        cache_file(tmp_path), isolation_level=None, check_same_thread=False
    )
    (pages,) = connection.execute("PRAGMA page_count").fetchone()
    connection.execute(f"PRAGMA max_page_count = {pages}")
    with Cache(cache_file(tmp_path), connection) as cache:
        with pytest.warns(CacheWarning, match="cannot be written") as warned:
            for number in range(20):
                cache.put("doi", f"big/{number}", {"payload": "x" * 5000}, FOUND_TTL)
        assert len(warned) == 1
        assert cache.enabled
        assert cache.get("doi", "kept") == RECORD
        assert cache.clear() == 0  # nothing can be removed either: said as "0 removed"
    assert not (tmp_path / "cache.sqlite3.corrupt").exists()
    with Cache.open(tmp_path) as cache:
        assert cache.get("doi", "kept") == RECORD


def test_only_a_file_that_is_no_database_is_set_aside(tmp_path: Path) -> None:
    cache_file(tmp_path).write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    with pytest.warns(CacheWarning, match="unreadable"), Cache.open(tmp_path) as cache:
        assert cache.enabled
        cache.put("doi", "new", RECORD, FOUND_TTL)
        assert cache.get("doi", "new") == RECORD
    assert (tmp_path / "cache.sqlite3.corrupt").exists()
