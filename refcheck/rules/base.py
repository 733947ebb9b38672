"""What every rule is: a small class with a stable code, a name, a severity and its docs."""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from refcheck.model import (
    Document,
    Finding,
    IdentifierMention,
    Linking,
    Resolutions,
    Severity,
)


@dataclass(frozen=True)
class RuleInput:
    """Everything a rule may look at. Rules never do I/O."""

    document: Document
    linking: Linking = field(default_factory=Linking)
    resolutions: Resolutions = field(default_factory=Resolutions)  # empty when offline


class Rule:
    """Base class; subclasses set the class attributes and implement :meth:`check`.

    The docstring of a subclass is its documentation (``refcheck rule CODE``): a one-line
    summary, then the sections *What it does*, *Why it matters*, *Example* and *Fix*.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    needs_network: ClassVar[bool] = False

    def check(self, data: RuleInput) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The docstring's first line: what the rule reports, in one sentence."""
        return cls.documentation().split("\n", 1)[0].rstrip(".")

    def finding(
        self,
        message: str,
        *,
        page: int | None = None,
        evidence: Mapping[str, Any] | None = None,
        fix: str | None = None,
        reference_id: str | None = None,
        citation_id: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule; ``severity`` lowers the rule's default for a milder case."""
        if severity is not None and severity.rank > self.severity.rank:
            raise ValueError(f"{self.code} findings are at most {self.severity.value}")
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            page=page,
            reference_id=reference_id,
            citation_id=citation_id,
            evidence=dict(evidence or {}),
            fix=fix,
        )


def invalid_mentions(
    document: Document, scheme: str
) -> list[tuple[IdentifierMention, list[int | None]]]:
    """Each distinct invalid identifier once, with every page that prints it.

    A running footer repeats an ISSN on every page; one finding with all pages says it once.
    """
    pages: dict[str, list[int | None]] = {}
    first: dict[str, IdentifierMention] = {}
    for mention in document.identifiers:
        if mention.scheme == scheme and not mention.valid:
            first.setdefault(mention.text, mention)
            if mention.page not in pages.setdefault(mention.text, []):
                pages[mention.text].append(mention.page)
    return [(first[text], pages[text]) for text in first]
