"""The faster paths of the reader and the layout behave as the plain ones they replace."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter

import pytest

from refcheck.pdf.layout import _commonest_size, _make_line
from refcheck.pdf.reader import Word


def _word(text: str = "word", size: float = 10.0, line_end_hyphen: bool = False) -> Word:
    return Word(
        text=text,
        x0=1.0,
        x1=20.0,
        top=5.0,
        bottom=5.0 + size,
        size=size,
        line_end_hyphen=line_end_hyphen,
    )


def test_word_keeps_its_dataclass_behaviour() -> None:
    word = _word(line_end_hyphen=True)
    assert word == Word("word", 1.0, 20.0, 5.0, 15.0, 10.0, False, True)
    assert hash(word) == hash(Word("word", 1.0, 20.0, 5.0, 15.0, 10.0, False, True))
    assert dataclasses.replace(word, superscript=True).superscript
    assert [f.name for f in dataclasses.fields(Word)] == list(Word.__slots__)
    assert not word.superscript  # the default
    with pytest.raises(dataclasses.FrozenInstanceError):
        word.text = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    "sizes",
    [(10.0,), (10.0, 9.0), (9.0, 10.0), (10.0, 10.04, 9.0), (8.0, 9.0, 9.0, 8.0), (math.nan, 10.0)],
)
def test_commonest_size_is_counters_first_most_common(sizes: tuple[float, ...]) -> None:
    words = [_word("ab", size) for size in sizes]
    rounded = [round(w.size, 1) for w in words]
    counted = Counter[float]()
    for word, size in zip(words, rounded, strict=True):
        counted[size] += len(word.text)
    found = _commonest_size(words, rounded)
    expected = counted.most_common(1)[0][0]
    assert found == expected or (math.isnan(found) and math.isnan(expected))


def test_line_of_sizes_equal_to_a_tenth_is_one_size() -> None:
    line = _make_line([_word("a", 10.0), _word("b", 10.01)], page=1)
    assert line.size == 10.0
    assert not any(w.superscript for w in line.words)
