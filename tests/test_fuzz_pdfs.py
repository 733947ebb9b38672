"""Issue 12 item 7 (short run): 30 seeded mutants of a committed PDF through the guarded worker.

The long run (1,000 mutants of the corpus) is a benchmark: ``benchmarks/fuzz_pdfs.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.fuzz_pdfs import MUTATIONS, main, make_mutant

FIXTURE = Path(__file__).resolve().parent / "data" / "typeset" / "amsart-abbrvnat-03.pdf"


def test_mutants_are_the_same_for_the_same_seed_and_differ_across_seeds() -> None:
    originals = {FIXTURE: FIXTURE.read_bytes()}
    first = [make_mutant(i, [FIXTURE], originals, seed=7) for i in range(20)]
    again = [make_mutant(i, [FIXTURE], originals, seed=7) for i in range(20)]
    other = [make_mutant(i, [FIXTURE], originals, seed=8) for i in range(20)]
    assert first == again
    assert [m.data for m in first] != [m.data for m in other]
    assert all(m.data != originals[FIXTURE] for m in first)
    assert {name for m in first for name in m.mutations} == set(MUTATIONS)


def test_thirty_mutants_give_no_internal_error_traceback_or_hang(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(["--mutants", "30", "--seed", "12", "--timeout", "20", str(FIXTURE)])
    printed = capsys.readouterr().out
    assert "failures (internal, traceback, hang): 0" in printed, printed
    assert status == 0
    assert "ok " in printed and "corrupt " in printed  # the mutations reach both outcomes
