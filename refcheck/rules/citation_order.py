"""How sure a "first cited out of order" claim on a numbered list can be.

A list numbered by order of first citation is broken where a number is first cited after a
higher one. Numbers the citation finder never reached leave gaps that look like such breaks:
a gap alone breaks no order, and a break beside gaps may be a callout the finder missed. And a
table or figure floats: LaTeX numbers its callouts where the source cites them, then sets it
further on, so one run of consecutive numbers read late is no evidence of a wrong order.
"""

from __future__ import annotations

from collections.abc import Sequence

from refcheck.model import Reference
from refcheck.rules.base import RuleInput


def descents(first_cited: Sequence[int]) -> list[int]:
    """Numbers first cited after a higher one: the order of first citation broken."""
    return [n for i, n in enumerate(first_cited) if n < max(first_cited[:i], default=0)]


def skipped_doubt(
    data: RuleInput, references: Sequence[Reference], first_cited: Sequence[int]
) -> str | None:
    """Why the order is not known: numbers below the highest cited that no citation found.

    A callout the citation finder missed (a raised number glued to its word) leaves its
    number uncited, and its next callout then reads as cited out of order.
    """
    cited = data.linking.cited_reference_ids()
    highest = max(first_cited)
    skipped = sorted(
        int(r.label or 0) for r in references if r.id not in cited and int(r.label or 0) < highest
    )
    if not skipped:
        return None
    shown = ", ".join(map(str, skipped[:10])) + (" …" if len(skipped) > 10 else "")
    return (
        f"references {shown}, numbered below the highest cited, are never cited: the "
        "citation finder probably missed callouts, so the order of first citation is unsure"
    )


def float_doubt(first_cited: Sequence[int]) -> str | None:
    """Why a break may be a float's: one run of two or more consecutive numbers, read later
    than the numbers after it, without which the order holds. One number read late is as
    likely a reference added to the list in the wrong place: that break is still reported."""
    for start in range(len(first_cited)):
        for end in range(start + 2, len(first_cited) + 1):
            run = first_cited[start:end]
            if run != list(range(run[0], run[0] + len(run))):
                break
            rest = [*first_cited[:start], *first_cited[end:]]
            if descents(first_cited[:end]) and not descents(rest):
                shown = ", ".join(map(str, run))
                return (
                    f"only references {shown} are read out of order, together: the callouts "
                    "of a table or figure that the typesetting moved further on"
                )
    return None
