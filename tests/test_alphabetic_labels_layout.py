"""An alphabetic style's hanging label ("[MHH96]", "[Nai+08]") is a list label, not a side note.

biblatex ``alphabetic`` in memoir hangs its labels in a box left of the entries; on a page that
holds only the list, no long line starts left of the entries, so the labels stood in "the
margin" and were read apart from their entries (labels lost, entries misfiled). Two layouts:
memoir's wide label box on US Letter (entries of three lines) and on A4 with entries of one or
two lines.
"""

from __future__ import annotations

import pytest

from refcheck.pdf.layout import Line, split_side_notes
from refcheck.pdf.reader import Word

LABELS = ["[MHH96]", "[Mon79]", "[MP01]", "[Nai+08]", "[NS11]", "[PM91]", "[FN71a]"]
TEXT = "R. Author and S. Other. “A title of the work that runs long”. In: Journal 12 (2001)."


def _line(text: str, x0: float, x1: float, top: float) -> Line:
    words = tuple(Word(text, x0, x1, top, top + 10, 10.0) for text in [text])
    return Line(text, 1, x0, x1, top, top + 10, 10.0, words)


@pytest.mark.parametrize(
    ("text_x", "label_x", "rows"),
    [(202.0, 147.0, (3, 3, 3)), (150.0, 90.0, (1, 2, 1))],
)
def test_alphabetic_labels_stay_with_the_list(
    text_x: float, label_x: float, rows: tuple[int, ...]
) -> None:
    lines, top = [], 100.0
    for index, label in enumerate(LABELS):
        lines.append(_line(label, label_x, label_x + 5.0 * len(label), top))
        for _ in range(rows[index % len(rows)]):
            lines.append(_line(TEXT, text_x, text_x + 330, top))
            top += 13
    main, side = split_side_notes(lines)
    assert side == []
    assert len(main) == len(lines)


def test_a_real_note_in_the_margin_is_still_a_side_note() -> None:
    lines = [_line(TEXT, 202, 532, 100 + 13 * row) for row in range(12)]
    note = _line("Received 2020", 100, 170, 120)
    _main, side = split_side_notes([*lines, note])
    assert side == [note]
