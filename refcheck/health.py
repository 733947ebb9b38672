"""Document health: how far what was extracted can be trusted, as evidence for the rules.

A "never cited" or "not alphabetical" finding is only as good as the pages, the reference list
and the citations it was judged on. This module measures them — pages missing from the PDF,
entries of the list that are not references, references the citation finder never reached —
and says, for each rule that depends on them, why its findings are weak. The rules then step
down to ``info`` with that reason; the pipeline adds a document-level note.

Thresholds were set on the 30 corpus PDFs (judged in ``../shared/corpus/findings_review.md``)
and the generated papers (``tests/citegen.py``, ``benchmarks/online``);
``benchmarks/eval_health.py`` prints the measures they were chosen on.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from refcheck.model import Document, Linking, PageNumber, Skipped

# More than this share of "never cited" references says the list or the citation finder is
# wrong, not the paper. Measured: the highest share whose findings the review found true is
# 0.38 (16 of 42, a list of works read but not cited); the lowest share on a misread document
# is 0.63 (an appendix read as references), then 0.78 (pages missing). The line sits between.
MAX_UNCITED_SHARE = 0.5
# More than this share of entries with neither a year, a DOI nor a URL: the list took in text
# that is not references (an appendix, code, formulas). Healthy corpus lists reach 0.16 (HEP
# lists cite some works without a year); the misread appendix gives 0.58.
MAX_UNREADABLE_SHARE = 1 / 3
# In a list numbered by first citation, a number below the highest one cited must itself have
# been cited. One such gap is a citation deleted in revision, a real defect; from this many on,
# the finder has missed callouts ("1–10, 14, 19, 22 of 22"). Every healthy numbered paper of
# the corpus and the generated sets has none.
MIN_NUMBER_GAPS = 2
# A numbered list read to its end: one number cited past it is a citation of a missing work
# (CIT001); two or more say the list was cut short (a page or column the reader lost).
MIN_NUMBERS_PAST = 2
# Numbered by first citation: this share of first citations cite a number above all before it.
CITATION_ORDER_SHARE = 0.8
MIN_FIRST_CITATIONS = 5


@dataclass(frozen=True)
class PageGap:
    """Pages missing from the PDF, seen in its printed page numbers or its page labels."""

    source: str  # "printed pages" or "page labels"
    before: int  # the last number before the gap (0: the PDF starts after the first page)
    after: int  # the first number after it
    total: int | None = None  # the printed page count ("Page 9 of 11")

    @property
    def missing(self) -> int:
        return self.after - self.before - 1

    def describe(self) -> str:
        if self.after > (self.total or self.after):
            return f"{self.source} end at {self.before} of {self.total}"
        if self.before == 0:
            return f"{self.source} start at {self.after}"
        return f"{self.source} jump from {self.before} to {self.after}"


def page_gaps(numbers: Sequence[PageNumber], pages: int) -> tuple[PageGap, ...]:
    """Gaps in the printed page numbers, else in the page labels."""
    printed = [(n.page, n.printed) for n in numbers if n.printed is not None]
    totals = {n.total for n in numbers if n.printed is not None}
    total = totals.pop() if len(totals) == 1 else None
    gaps = _sequence_gaps(printed, "printed pages", pages, total)
    if gaps:
        return gaps
    labels = [(n.page, int(n.label)) for n in numbers if n.label and n.label.isdigit()]
    return _sequence_gaps(labels, "page labels", pages, None)


def _runs(numbered: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Stretches of pages numbered one after another, two pages at least."""
    runs: list[list[tuple[int, int]]] = []
    for page, number in numbered:
        if runs and number - page == runs[-1][-1][1] - runs[-1][-1][0]:
            runs[-1].append((page, number))
        else:
            runs.append([(page, number)])
    return [run for run in runs if len(run) >= 2]


def _chain(runs: list[list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """The runs whose offsets never fall, covering the most pages: a misread run is left out."""
    best: list[list[list[tuple[int, int]]]] = []
    for i, run in enumerate(runs):
        offset = run[0][1] - run[0][0]
        earlier = [best[j] for j in range(i) if runs[j][0][1] - runs[j][0][0] <= offset]
        base = max(earlier, key=lambda c: sum(map(len, c)), default=[])
        best.append([*base, run])
    return max(best, key=lambda c: sum(map(len, c)), default=[])


def _sequence_gaps(
    numbered: Sequence[tuple[int, int]], source: str, pages: int, total: int | None
) -> tuple[PageGap, ...]:
    chain = _chain(_runs(numbered))
    if not chain:
        return ()
    gaps = [
        PageGap(source, a[-1][1], b[0][1], total)
        for a, b in itertools.pairwise(chain)
        if b[0][1] - a[-1][1] > b[0][0] - a[-1][0]
    ]
    if total is not None:  # numbered 1..total: pages before the first and after the last count
        first_page, first = chain[0][0]
        if first > first_page:
            gaps.insert(0, PageGap(source, first_page - 1, first, total))
        last_page, last = chain[-1][-1]
        if last + pages - last_page < total:
            gaps.append(PageGap(source, last + pages - last_page, total + 1, total))
    return tuple(gaps)


@dataclass(frozen=True)
class Health:
    """What the rules' findings rest on, measured once per document."""

    page_gaps: tuple[PageGap, ...]
    references: int
    unreadable: int  # entries with neither a year, a DOI nor a URL
    uncited: int
    number_gaps: tuple[int, ...]  # numbered by first citation: uncited numbers below the highest
    numbers_past: tuple[int, ...] = ()  # numbers cited past the last entry of a numbered list

    @property
    def incomplete(self) -> str | None:
        """Why the PDF is incomplete, or None."""
        if not self.page_gaps:
            return None
        return "the PDF is incomplete: " + "; ".join(g.describe() for g in self.page_gaps)

    @property
    def list_unreadable(self) -> str | None:
        if self.references and self.unreadable > MAX_UNREADABLE_SHARE * self.references:
            return (
                f"{self.unreadable} of {self.references} entries of the reference list have "
                "no year, DOI or URL: the list probably took in text that is not references"
            )
        return None

    def uncited_doubt(self) -> str | None:
        """Why "never cited" findings are weak on this document, or None."""
        if self.uncited >= 2 and self.uncited > MAX_UNCITED_SHARE * self.references:
            share = (
                f"{self.uncited} of {self.references} references are never cited: the "
                "citation finder or the reference list is probably wrong"
            )
        elif len(self.number_gaps) >= MIN_NUMBER_GAPS:
            share = (
                "the list is numbered by first citation, yet "
                f"{_numbers(self.number_gaps)} below the highest number cited are never "
                "cited: the citation finder probably missed them"
            )
        else:
            share = None
        return self.incomplete or self.list_unreadable or share

    def unmatched_doubt(self) -> str | None:
        """Why "matches no reference" findings are weak: the list may be on missing pages, or
        read only in part."""
        if self.incomplete or len(self.numbers_past) < MIN_NUMBERS_PAST:
            return self.incomplete
        return (
            f"citations name {len(self.numbers_past)} numbers past the list's last entry "
            f"({_numbers(self.numbers_past).removeprefix('references ')}): the list was "
            "probably not read to its end"
        )

    def order_doubt(self) -> str | None:
        """Why "out of order" findings are weak: the list holds entries that are not references."""
        return self.list_unreadable

    def evidence(self) -> dict[str, Any]:
        """The measures a CIT or REF finding rests on, for its evidence."""
        return {
            "pages": self.incomplete or "complete",
            "references": self.references,
            "unreadable_entries": self.unreadable,
            "never_cited": self.uncited,
        }


def _numbers(numbers: Sequence[int]) -> str:
    shown = ", ".join(map(str, numbers[:10]))
    return f"references {shown}{' …' if len(numbers) > 10 else ''}"


def assess(document: Document, linking: Linking) -> Health:
    """Measure a document's health from its pages, reference list, citations and links."""
    references = document.references
    cited = linking.cited_reference_ids()
    return Health(
        page_gaps=page_gaps(document.page_numbers, document.pages),
        references=len(references),
        unreadable=sum(1 for r in references if not (r.year or r.doi or r.urls)),
        uncited=sum(1 for r in references if r.id not in cited) if document.citations else 0,
        number_gaps=_number_gaps(document, cited),
        numbers_past=_numbers_past(document),
    )


def _numbers_past(document: Document) -> tuple[int, ...]:
    """The numbers cited past the last entry of a list numbered throughout."""
    labels = [int(r.label) for r in document.references if r.label and r.label.isdigit()]
    if not labels or len(labels) != len(document.references):
        return ()
    last = max(labels)
    cited = {w.number for c in document.citations for w in c.works if w.number is not None}
    return tuple(sorted(n for n in cited if n > last))


def _number_gaps(document: Document, cited: set[str]) -> tuple[int, ...]:
    """In a list numbered by first citation, the uncited numbers below the highest cited."""
    labels = {r.id: int(r.label) for r in document.references if r.label and r.label.isdigit()}
    if not labels or len(labels) != len(document.references):
        return ()
    listed = set(labels.values())
    first_cited: list[int] = []
    for citation in document.citations:
        for work in citation.works:
            number = work.number
            if number is not None and number in listed and number not in first_cited:
                first_cited.append(number)
    if len(first_cited) < MIN_FIRST_CITATIONS:
        return ()
    rising = sum(1 for i, n in enumerate(first_cited) if n > max(first_cited[:i], default=0))
    if rising < CITATION_ORDER_SHARE * len(first_cited):
        return ()
    highest = max(labels[i] for i in cited if i in labels) if cited & labels.keys() else 0
    return tuple(sorted(n for i, n in labels.items() if i not in cited and n < highest))


def step_down_notes(health: Health, codes: set[str]) -> tuple[Skipped, ...]:
    """One note per reason, naming the selected checks whose findings it made info."""
    doubts = {
        "CIT001": health.unmatched_doubt(),
        "CIT002": health.uncited_doubt(),
        "REF002": health.order_doubt(),
    }
    by_reason: dict[str, list[str]] = {}
    for code, doubt in doubts.items():
        if doubt and code in codes:
            by_reason.setdefault(doubt, []).append(code)
    return tuple(
        Skipped(", ".join(named), f"{reason}; their findings are info only")
        for reason, named in by_reason.items()
    )
