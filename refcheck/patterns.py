"""Regular expressions compiled once per installation, not once per process.

refcheck's modules define some 400 patterns, a few of them 12,000 characters long (every
capital letter of the Latin alphabets, in each name of an author-year citation). Python's
``re`` parses and compiles each at import, ~65 ms on every run: half the start-up of a short
check. ``re`` keeps no cache across processes, so this module does what Python does for
bytecode: the compiled form of each pattern (the ``_sre`` engine's code list) is
written beside the package's bytecode in ``__pycache__``, named after the interpreter and its
regular-expression engine, and read back by later runs, which only hand the code to the
engine.

Nothing depends on the cache: a missing, unreadable, corrupt or foreign file, an interpreter
whose ``re`` internals differ, a read-only installation or ``PYTHONDONTWRITEBYTECODE`` all fall
back to ``re.compile`` (and the last two leave the file unwritten, as they would bytecode).
The engine validates every code list it is handed, as it does the compiler's own.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, AnyStr

try:  # the compiler's private halves; a Python without them compiles as usual
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - CPython 3.11 to 3.13 have them
    _sre = None

_ENGINE = f"{sys.implementation.cache_tag}.{sys.hexversion:x}.{getattr(_sre, 'MAGIC', 0)}"
CACHE_FILE = Path(__file__).parent / "__pycache__" / f"patterns.{_ENGINE}.marshal"
MAX_ENTRIES = 2000  # beyond it (patterns of older versions pile up) only this run's are kept

Key = tuple[str | bytes, int]
# The code list is stored as the bytes of an array of the engine's code units: marshal reads
# one bytes object per pattern ten times faster than a list of 500 integers.
Parts = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_CODE_UNIT = "I" if array.array("I").itemsize == getattr(_sre, "CODESIZE", 4) else "L"


class PatternCache:
    """The compiled forms of patterns, read from ``path`` on first use and written back at exit
    when a pattern was missing from it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[Key, Parts] | None = None
        self.used: set[Key] = set()
        self.missed = False

    def compile(self, pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
        if self.entries is None:
            self.entries = read_entries(self.path)
        key = (pattern, int(flags))
        self.used.add(key)
        parts = self.entries.get(key)
        if parts is not None:
            with contextlib.suppress(TypeError, ValueError, RuntimeError):  # not this engine's
                return _engine_pattern(pattern, parts)
            self.entries.clear()
        parts = compile_parts(pattern, int(flags))
        self.entries[key] = parts
        self.missed = True
        return _engine_pattern(pattern, parts)

    def save(self) -> None:
        """Write the entries whole, atomically: workers ending together each leave a complete
        file. Past ``MAX_ENTRIES`` (patterns of older versions pile up) only this run's stay."""
        if not self.missed or self.entries is None:
            return
        kept = self.entries
        if len(kept) > MAX_ENTRIES:
            kept = {key: kept[key] for key in self.used if key in kept}
        write_entries(self.path, kept)


def compile_parts(pattern: str | bytes, flags: int) -> Parts:
    """What ``re._compiler.compile`` hands the engine, kept apart so it can be stored."""
    parsed = _parser.parse(pattern, flags)
    code = array.array(_CODE_UNIT, _compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _engine_pattern(pattern: AnyStr, parts: Parts) -> re.Pattern[AnyStr]:
    flags, code, groups, groupindex, indexgroup = parts
    units = array.array(_CODE_UNIT, code).tolist()
    return _sre.compile(pattern, flags, units, groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def read_entries(path: Path) -> dict[Key, Parts]:
    """The stored entries; none when the file is missing, unreadable or not a cache."""
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        stored: Any = marshal.loads(path.read_bytes())
        if isinstance(stored, dict):
            return stored
    return {}


def write_entries(path: Path, entries: dict[Key, Parts]) -> None:
    """Replace the file atomically; a folder that cannot be written leaves it as it was."""
    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            os.fchmod(handle, 0o644)  # readable by all, like the bytecode beside it
            with os.fdopen(handle, "wb") as stream:
                stream.write(marshal.dumps(entries))
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


_CACHE = PatternCache(CACHE_FILE)
if _sre is not None and not sys.dont_write_bytecode:
    atexit.register(_CACHE.save)


def compiled(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the cache when an earlier run compiled it."""
    if _sre is None:
        return re.compile(pattern, flags)
    return _CACHE.compile(pattern, flags)
