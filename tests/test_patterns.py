"""Patterns from the cache of compiled forms behave exactly as ``re.compile``'s, and a bad cache
file costs nothing but the time to compile again."""

from __future__ import annotations

import importlib
import marshal
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import refcheck
from refcheck.patterns import PatternCache, compile_parts, read_entries, write_entries

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [
    "Smith, J. and van der Berg, K. (2019a). Deep nets. J. Mach. Learn. 12(3):45–67.",
    "as shown by Müller et al. [12, 14–16] and (Ö. Çelik & Ñúñez, 2003, p. 7)",
    "doi:10.1000/xyz123 https://doi.org/10.5555/ABC.def arXiv:2101.00001v2 PMID: 123456",
    "Ř. Dvořák, Proceedings of the 3rd Int. Conf., pp. 1-10, 2nd edn., Springer, Berlin",
]


def _all_module_patterns() -> list[re.Pattern[str]]:
    """Every pattern refcheck's modules compile at import (the ones the cache holds)."""
    found: dict[tuple[object, int], re.Pattern[str]] = {}
    for module_info in pkgutil.walk_packages(refcheck.__path__, "refcheck."):
        if ".serve" in module_info.name or module_info.name.endswith("__main__"):
            continue  # the service's optional dependencies may be missing; __main__ runs
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                found[(value.pattern, value.flags)] = value
    return list(found.values())


def test_every_module_pattern_compiles_from_its_parts_to_the_same_pattern(tmp_path: Path) -> None:
    cache = PatternCache(tmp_path / "patterns.marshal")
    patterns = _all_module_patterns()
    assert len(patterns) > 150
    for original in patterns:
        fresh = re.compile(original.pattern, original.flags & ~re.UNICODE)
        rebuilt = cache.compile(original.pattern, original.flags & ~re.UNICODE)
        assert (rebuilt.pattern, rebuilt.flags, rebuilt.groups) == (
            fresh.pattern,
            fresh.flags,
            fresh.groups,
        )
        assert rebuilt.groupindex == fresh.groupindex
        if isinstance(original.pattern, str):
            for sample in SAMPLES:
                assert [m.span() for m in rebuilt.finditer(sample)] == [
                    m.span() for m in fresh.finditer(sample)
                ]


def test_a_saved_cache_is_read_back_and_used(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    first = PatternCache(path)
    first.compile(r"(?P<year>(?:19|20)\d\d)([a-z]?)", re.IGNORECASE)
    first.save()
    assert path.exists()
    second = PatternCache(path)
    pattern = second.compile(r"(?P<year>(?:19|20)\d\d)([a-z]?)", re.IGNORECASE)
    assert not second.missed  # read, not compiled
    match = pattern.search("Smith 2019B")
    assert match is not None and match.group("year") == "2019" and match.group(2) == "B"


@pytest.mark.parametrize(
    "content",
    [b"", b"not marshal at all", marshal.dumps([1, 2, 3]), marshal.dumps({("x", 0): (1, 2)})],
)
def test_a_broken_cache_file_falls_back_to_compiling(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "patterns.marshal"
    path.write_bytes(content)
    cache = PatternCache(path)
    pattern = cache.compile("x+")
    assert pattern.fullmatch("xxx") and cache.missed
    cache.save()
    assert read_entries(path)[("x+", 0)] == compile_parts("x+", 0)


def test_code_the_engine_refuses_is_compiled_again(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    flags, _, groups, groupindex, indexgroup = compile_parts("a(b)c", 0)
    write_entries(
        path, {("a(b)c", 0): (flags, b"\xff\xff\x00\x00" * 3, groups, groupindex, indexgroup)}
    )
    pattern = PatternCache(path).compile("a(b)c")
    match = pattern.search("xabcx")
    assert match is not None and match.group(1) == "b"


def test_a_folder_that_cannot_be_written_leaves_no_file_and_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    cache = PatternCache(blocker / "patterns.marshal")
    cache.compile("y+")
    cache.save()  # no exception
    assert blocker.is_file()


def test_a_fresh_process_reads_what_an_earlier_one_wrote(tmp_path: Path) -> None:
    """The module-level cache end to end: one process writes it at exit, the next reads it."""
    script = (
        "import sys, refcheck.patterns as p\n"
        "p._CACHE = p.PatternCache(__import__('pathlib').Path(sys.argv[1]))\n"
        "import atexit; atexit.register(p._CACHE.save)\n"
        "pattern = p.compiled(r'\\b(?:van|von|de)\\s+[A-Z]\\w+')\n"
        "print(p._CACHE.missed, bool(pattern.search('Ludwig van Beethoven')))\n"
    )
    path = tmp_path / "patterns.marshal"
    command = [sys.executable, "-c", script, str(path)]
    runs = [subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)]
    runs.append(subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True))
    assert [run.stdout.split() for run in runs] == [["True", "True"], ["False", "True"]]
