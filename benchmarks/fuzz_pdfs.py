"""A mutation fuzzer for PDFs: seeded mutants through the command line's guarded worker.

```sh
python benchmarks/fuzz_pdfs.py --mutants 1000 --seed 12 ../shared/corpus/pdfs/*.pdf
```

Mutant ``i`` is made from source ``i mod len(sources)`` by one to three mutations drawn from a
generator seeded with ``(seed, i)``: byte flips, truncation, a chunk duplicated or deleted, junk
appended after the end, a stream ``/Length`` that lies. The same seed and sources give the same
mutants on every machine, and ``--only I`` replays one. Each mutant is read by a
:class:`~refcheck.pipeline.GuardedWorker` (the worker ``refcheck check`` uses, with its time and
memory budgets), then the offline rules run and every report format is rendered, as the CLI
does. The table counts the outcomes by kind: ``ok``, ``damaged-pages`` (checked without the
pages named) and each input-error kind. Three outcomes are failures, and any of them makes the
exit status 1: ``internal`` (refcheck's own bug, caught per file), ``traceback`` (an exception
out of the rules or a reporter: it would end a whole CLI run) and ``hang`` (the worker answered
later than its budget and a few seconds' slack: the guard did not hold).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from refcheck.config import Settings
from refcheck.model import DocumentResult, Report
from refcheck.pipeline import GuardedWorker, apply_rules, wait_for_workers
from refcheck.policy import apply_policy
from refcheck.report import FORMATS, render
from refcheck.rules import Rule, select_rules

FAILURES = ("internal", "traceback", "hang")
# Seconds past the time budget before a late answer counts as a hang: the worker is killed at
# the deadline, so only a broken guard comes near this.
HANG_SLACK_SECONDS = 5.0
_LENGTH = re.compile(rb"/Length (\d+)")

Mutation = Callable[[bytes, random.Random], bytes]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    flipped = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
    return bytes(flipped)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 4096)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + chunk + data[at:]


def delete_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 4096) :] or data[:1]


def append_junk(data: bytes, rng: random.Random) -> bytes:
    """Junk after the end; the largest size hides the end marker from a 1 MB tail search."""
    junk = rng.randbytes(rng.choice((16, 4096, 65_536, 1_200_000)))
    return data + junk + (b"\n%%EOF\n" if rng.random() < 0.3 else b"")


def lie_about_length(data: bytes, rng: random.Random) -> bytes:
    """One uncompressed ``/Length N`` replaced by a wrong number (or byte flips when none)."""
    lengths = list(_LENGTH.finditer(data))
    if not lengths:
        return flip_bytes(data, rng)
    found = rng.choice(lengths)
    true = int(found.group(1))
    lie = rng.choice((0, true // 2, true + 1, true * 2 + 7, 2**31 - 1, 10**12))
    return data[: found.start(1)] + str(lie).encode() + data[found.end(1) :]


MUTATIONS: dict[str, Mutation] = {
    "flip": flip_bytes,
    "truncate": truncate,
    "duplicate": duplicate_chunk,
    "delete": delete_chunk,
    "junk": append_junk,
    "length-lie": lie_about_length,
}


@dataclass(frozen=True)
class Mutant:
    index: int
    source: Path
    mutations: tuple[str, ...]
    data: bytes

    def write(self, directory: Path) -> Path:
        path = directory / f"mutant-{self.index:05d}-{self.source.stem}.pdf"
        path.write_bytes(self.data)
        return path


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    kind: str  # ok, damaged-pages, an input-error kind, or one of FAILURES
    seconds: float
    detail: str = ""


def make_mutant(
    index: int, sources: Sequence[Path], originals: dict[Path, bytes], seed: int
) -> Mutant:
    """Mutant ``index``: the same bytes for the same seed and sources, on any machine."""
    rng = random.Random(f"refcheck-fuzz/{seed}/{index}")
    source = sources[index % len(sources)]
    data = originals[source]
    names = tuple(rng.choice(sorted(MUTATIONS)) for _ in range(rng.randint(1, 3)))
    for name in names:
        data = MUTATIONS[name](data, rng)
    return Mutant(index, source, names, data)


def check_result(result: DocumentResult, rules: Sequence[type[Rule]], settings: Settings) -> None:
    """What the CLI does after reading: the rules, then every report format (JSON parsed)."""
    checked = apply_policy(apply_rules(result, rules), settings)
    report = Report(documents=(checked,))
    for fmt in FORMATS:
        rendered = render(report, fmt, rules=rules)
        if fmt == "json":
            json.loads(rendered)


def classify(
    mutant: Mutant,
    result: DocumentResult,
    seconds: float,
    rules: Sequence[type[Rule]],
    settings: Settings,
) -> Outcome:
    if seconds > settings.timeout + HANG_SLACK_SECONDS:
        return Outcome(mutant, "hang", seconds, f"answered after {seconds:.1f} s")
    try:
        check_result(result, rules, settings)
    except Exception:  # what the fuzzer looks for: it must be counted, not end the run
        return Outcome(mutant, "traceback", seconds, traceback.format_exc(limit=-4))
    if result.error is not None:
        return Outcome(mutant, result.error.kind, seconds, result.error.message)
    return Outcome(mutant, "damaged-pages" if result.damaged_pages else "ok", seconds)


def fuzz(
    sources: Sequence[Path],
    mutants: int,
    seed: int,
    settings: Settings,
    keep: Path | None = None,
    only: int | None = None,
) -> list[Outcome]:
    """Read every mutant with ``settings.workers`` guarded workers; outcomes in index order."""
    originals = {source: source.read_bytes() for source in sources}
    indices = deque([only] if only is not None else range(mutants))
    rules = [
        rule for rule in select_rules(settings.select, settings.ignore) if not rule.needs_network
    ]
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="refcheck-fuzz-") as scratch, ExitStack() as stack:
        workers = [stack.enter_context(GuardedWorker(settings)) for _ in range(settings.workers)]
        busy: dict[GuardedWorker, tuple[Mutant, Path, float]] = {}
        while indices or busy:
            for worker in workers:
                if worker not in busy and indices:
                    mutant = make_mutant(indices.popleft(), sources, originals, seed)
                    path = mutant.write(Path(scratch))
                    worker.submit(path)
                    busy[worker] = (mutant, path, time.monotonic())
            ready = wait_for_workers(list(busy))
            for worker in list(busy):
                result = worker.collect(ready=worker in ready)
                if result is None:
                    continue
                mutant, path, started = busy.pop(worker)
                outcome = classify(mutant, result, time.monotonic() - started, rules, settings)
                outcomes.append(outcome)
                if keep is not None and outcome.kind in FAILURES:
                    keep.mkdir(parents=True, exist_ok=True)
                    mutant.write(keep)
                path.unlink()
    return sorted(outcomes, key=lambda outcome: outcome.mutant.index)


def table(outcomes: Sequence[Outcome]) -> str:
    counts = Counter(outcome.kind for outcome in outcomes)
    width = max([len("outcome"), *map(len, counts)])
    rows = [f"{'outcome':<{width}}  mutants   share"]
    for kind, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rows.append(f"{kind:<{width}}  {count:7d}  {100 * count / len(outcomes):5.1f} %")
    by_mutation: Counter[str] = Counter()
    for outcome in outcomes:
        if outcome.kind != "ok":
            by_mutation.update(set(outcome.mutant.mutations))
    rows.append(
        "not ok, by mutation applied: "
        + ", ".join(f"{name} {by_mutation[name]}" for name in sorted(MUTATIONS))
    )
    return "\n".join(rows)


def failure_lines(outcomes: Sequence[Outcome]) -> list[str]:
    return [
        f"mutant {o.mutant.index} of {o.mutant.source.name} ({', '.join(o.mutant.mutations)}): "
        f"{o.kind}: {o.detail.strip()}"
        for o in outcomes
        if o.kind in FAILURES
    ]


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="+", type=Path, help="PDFs to mutate")
    parser.add_argument("--mutants", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per file (--timeout)")
    parser.add_argument("--memory-mb", type=int, default=2048, help="worker memory (--memory-mb)")
    parser.add_argument("--only", type=int, help="replay one mutant by its index")
    parser.add_argument("--keep", type=Path, help="write failing mutants to this directory")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    settings = Settings(
        offline=True,
        quiet=True,
        timeout=args.timeout,
        memory_mb=args.memory_mb,
        workers=args.workers,
    )
    started = time.monotonic()
    outcomes = fuzz(args.sources, args.mutants, args.seed, settings, args.keep, args.only)
    wall = time.monotonic() - started
    print(
        f"fuzz: {len(outcomes)} mutants of {len(args.sources)} PDFs, seed {args.seed}, "
        f"{args.workers} workers, timeout {args.timeout:g} s, memory {args.memory_mb} MB"
    )
    print(table(outcomes))
    failures = failure_lines(outcomes)
    slowest = max(outcomes, key=lambda outcome: outcome.seconds)
    print(f"failures (internal, traceback, hang): {len(failures)}")
    print(f"slowest mutant: {slowest.seconds:.1f} s (mutant {slowest.mutant.index})")
    print(f"wall time: {wall:.1f} s ({len(outcomes) / wall:.1f} mutants/s)")
    for line in failures:
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
