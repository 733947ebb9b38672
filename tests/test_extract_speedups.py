"""The shortcuts taken for speed give what the long way gives."""

from __future__ import annotations

import random
import string

from refcheck.extract.citations.numeric import raised
from refcheck.linkchoice import Candidate, Candidates
from refcheck.model import Reference
from refcheck.names import fold_name

# A spacing accent (´), which folding drops: appended, it sends ASCII text the long way.
SPACING_ACUTE = "\u00b4"


def test_ascii_names_fold_as_they_would_the_long_way() -> None:
    rng = random.Random(15)
    texts = ["Müller-Lüdenscheidt", "O'Brien", "d`Alembert", "Ca^to", "Smith,  J. ^ & `Lee"]
    texts += ["".join(rng.choices(string.printable, k=rng.randint(0, 24))) for _ in range(2000)]
    for text in texts:
        assert fold_name(text) == fold_name(text + SPACING_ACUTE), repr(text)


def test_first_authors_are_looked_up_in_list_order_once_each() -> None:
    def candidate(number: int, *families: set[str]) -> Candidate:
        return Candidate(Reference(id=f"R{number}", raw="", page=1), families)

    listed = [
        candidate(1, {"smith"}),
        candidate(2, {"vanderberg", "berg"}),
        candidate(3),
        candidate(4, {"lee"}, {"smith"}),
        candidate(5, {"berg"}),
    ]
    candidates = Candidates.of(listed)
    found = candidates.by_first_author({"berg", "vanderberg"})
    assert [c.reference.id for c in found] == ["R2", "R5"]
    assert [c.reference.id for c in candidates.by_first_author({"smith"})] == ["R1"]
    assert [c.reference.id for c in candidates.unauthored] == ["R3"]


def test_a_raised_mark_before_a_long_text_is_read_as_before() -> None:
    # The character after a mark is found by stepping, not by copying the text after it.
    text = "as shown before.12 \u2003 The" + " word" * 10_000
    (found,) = raised(text, [(16, 18)])
    assert found[:3] == (16, 18, "superscript")
    assert not list(raised("x = a12 + b", [(5, 7)]))  # "+" after it: a power
