"""The page numbers printed in a PDF's margins, each confirmed by a neighbouring page.

A PDF that holds only some pages of an article ("Page 9 of 11" on its second page) shows it in
its printed page numbers, and no other way. Margins also print numbers that are not page
numbers (a volume, "Art. 24", a year), so a number counts only when a page at most two pages
away prints the number that fits it: page k printing n and page k+1 printing n+1. A masthead
number is printed once, or is the same on every page, and is never confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from refcheck.patterns import compiled
from refcheck.pdf.layout import HEADER_ZONE, Line, Page

# The whole line is the page number: "12", "Page 12", "12 of 20", "12 / 20", "- 12 -".
_WHOLE_LINE = compiled(
    r"^(?:page\s+)?(\d{1,4})(?:\s*(?:of|/)\s*(\d{1,4}))?$|^[-–—]\s*(\d{1,4})\s*[-–—]$", re.I
)
# The number begins or ends a running head: "306 © 2014 The Author(s)", "Journal of X 3".
# A number after a dot or a comma ("0.59", "Art. 3, 24") is a value, not a page number.
_LEADING = compiled(r"^(\d{1,4})\s+(?=\D)")
_TRAILING = compiled(r"(?<=[^\W\d])\s+(\d{1,4})$")
# How far (in pages) the neighbour that confirms a number may be: a full-page figure or table
# without a number may sit between two numbered pages.
CONFIRM_DISTANCE = 2


@dataclass(frozen=True)
class PrintedNumber:
    """A page number printed on one page, and the page count printed with it, if any."""

    page: int
    number: int
    total: int | None = None


# A page whose margins hold more distinct numbers than this is a rotated table or a figure
# whose glyphs scatter over the page (single digits everywhere), not a page with a number.
MAX_MARGIN_NUMBERS = 2


def printed_numbers(pages: Sequence[Page]) -> tuple[PrintedNumber, ...]:
    """The confirmed printed page number of every page that has one, in page order.

    Where most confirmed numbers are printed with a page count ("Page 9 of 11"), a number
    printed without one is some other number and is left out.
    """
    candidates = {page.number: _page_candidates(page) for page in pages}
    confirmed: list[PrintedNumber] = []
    for page in pages:
        fitting = [c for c in candidates[page.number] if _confirmed(c, candidates)]
        numbers = {c.number for c in fitting}
        if len(numbers) == 1:  # two different numbers that both fit: cannot tell which
            confirmed.append(max(fitting, key=lambda c: c.total is not None))
    with_total = [c for c in confirmed if c.total is not None]
    return tuple(with_total if 2 * len(with_total) >= len(confirmed) > 0 else confirmed)


def _page_candidates(page: Page) -> list[PrintedNumber]:
    found = list(_candidates(page))
    return found if len({c.number for c in found}) <= MAX_MARGIN_NUMBERS else []


def _confirmed(candidate: PrintedNumber, candidates: dict[int, list[PrintedNumber]]) -> bool:
    for distance in range(-CONFIRM_DISTANCE, CONFIRM_DISTANCE + 1):
        if distance == 0:
            continue
        expected = candidate.number + distance
        if any(c.number == expected for c in candidates.get(candidate.page + distance, ())):
            return True
    return False


def _candidates(page: Page) -> Iterator[PrintedNumber]:
    for line in page.lines:
        if not _in_margin(line, page.height):
            continue
        text = line.text.strip()
        whole = _WHOLE_LINE.match(text)
        if whole is not None:
            number = whole.group(1) or whole.group(3)
            total = whole.group(2)
            yield PrintedNumber(page.number, int(number), int(total) if total else None)
            continue
        for edge in (_LEADING.search(text), _TRAILING.search(text)):
            if edge is not None:
                yield PrintedNumber(page.number, int(edge.group(1)))


def _in_margin(line: Line, height: float) -> bool:
    """A running line, or a line that starts in the top or ends in the bottom tenth."""
    top, bottom = height * HEADER_ZONE, height * (1 - HEADER_ZONE)
    return line.role != "body" or line.top <= top or line.bottom >= bottom
