"""The rule catalogue: every rule class, found by code, selected by code or prefix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from refcheck.errors import UsageError
from refcheck.rules.base import Rule, RuleInput
from refcheck.rules.citations import (
    AmbiguousCitation,
    CitationNameMismatch,
    CitationYearMismatch,
    UncitedReference,
    UnmatchedCitation,
)
from refcheck.rules.doi import DoiMismatch, DoiNotFound
from refcheck.rules.fabrication import LikelyFabricated
from refcheck.rules.identifiers import MalformedDoi
from refcheck.rules.links import BrokenLink, UnreachableLink
from refcheck.rules.metadata import InvalidIssn, MetadataConflict
from refcheck.rules.references import (
    DuplicateReference,
    IncompleteReference,
    ReferenceAfterPublication,
    ReferenceOrder,
)
from refcheck.rules.retractions import RetractedWork
from refcheck.rules.xref import MissingDoi, ReferenceFieldMismatch, ReferenceNotFound

__all__ = ["ALL_RULES", "Rule", "RuleInput", "rule_by_code", "select_rules"]

ALL_RULES: tuple[type[Rule], ...] = tuple(
    sorted(
        (
            MetadataConflict,
            InvalidIssn,
            MalformedDoi,
            UnmatchedCitation,
            UncitedReference,
            CitationYearMismatch,
            CitationNameMismatch,
            AmbiguousCitation,
            DuplicateReference,
            ReferenceOrder,
            ReferenceAfterPublication,
            IncompleteReference,
            DoiNotFound,
            DoiMismatch,
            ReferenceFieldMismatch,
            ReferenceNotFound,
            MissingDoi,
            LikelyFabricated,
            RetractedWork,
            BrokenLink,
            UnreachableLink,
        ),
        key=lambda rule: rule.code,
    )
)


def rule_by_code(code: str) -> type[Rule]:
    for rule in ALL_RULES:
        if rule.code == code.upper() or rule.name == code.lower():
            return rule
    raise UsageError(f"no rule {code!r}; `refcheck rules` lists them")


def _matches(rule: type[Rule], patterns: Iterable[str]) -> bool:
    return any(rule.code.startswith(p) or rule.name == p.lower() for p in patterns)


def select_rules(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[type[Rule]]:
    """Rules whose code starts with a selected prefix and with no ignored prefix.

    An empty ``select`` selects every rule. A pattern that matches no rule is a usage error,
    so a typo never silently turns checks off.
    """
    selected = [p.strip().upper() for p in select if p.strip()]
    ignored = [p.strip().upper() for p in ignore if p.strip()]
    for pattern in (*selected, *ignored):
        if not any(_matches(rule, [pattern]) for rule in ALL_RULES):
            raise UsageError(f"{pattern!r} matches no rule code; `refcheck rules` lists them")
    return [
        rule
        for rule in ALL_RULES
        if (not selected or _matches(rule, selected)) and not _matches(rule, ignored)
    ]
