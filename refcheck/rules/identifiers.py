"""Identifier syntax: strings presented as DOIs that cannot be DOIs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.extract.identifiers import is_valid_doi
from refcheck.model import Finding, Severity
from refcheck.patterns import compiled
from refcheck.rules.base import Rule, RuleInput, invalid_mentions

# A registrant prefix and its slash, and nothing after: a DOI cut at a line end.
_CUT_PREFIX = compiled(r"10\.\d{4,9}(?:\.\d+)*/")


class MalformedDoi(Rule):
    """A string presented as a DOI that is not a syntactically valid DOI.

    What it does:
    Reports every string the document presents as a DOI ("doi:", "DOI", a doi.org link, a
    bare "10.…/…") that is not a syntactically valid DOI, after rejoining DOIs broken across
    lines and leaving out trailing punctuation; and the DOI of a doi.org link over a reference
    entry that prints no DOI (the bibliography style made the link from the entry's DOI).

    Why it matters:
    A malformed DOI resolves nowhere: the reader's click fails and reference linking
    (Crossref, indexing services) loses the citation.

    Example:
    "doi:10.5555jts.2021" (no slash between prefix and suffix), "DOI: 10.123/abc" (a
    registrant code has at least four digits), "https://doi.org/10,1000/xyz" (comma).

    Fix:
    Copy the DOI from the work's landing page or from doi.org; the suggested fix names a
    repaired DOI when a simple typo explains the damage.
    """

    code = "REF003"
    name = "malformed-doi"
    severity = Severity.ERROR

    def check(self, data: RuleInput) -> Iterator[Finding]:
        for mention, pages in invalid_mentions(data.document, "doi"):
            if _CUT_PREFIX.fullmatch(mention.text):
                yield self._cut(mention.text, mention.page, pages)
                continue
            repaired = repair_doi(mention.text)
            evidence: dict[str, object] = {
                "pages": pages,
                "found": mention.text,
                "text": mention.context,
            }
            where = "presented as a DOI"
            if mention.link is not None:
                # apsrev4-2 prints no DOI, only links the entry to doi.org with it.
                evidence["link"] = mention.link
                where = "the DOI of a reference's doi.org link (the entry prints no DOI)"
            yield self.finding(
                f"{mention.text!r} is {where} but is not a valid DOI",
                page=mention.page,
                evidence=evidence,
                fix=f"Did you mean {repaired}?"
                if repaired
                else (
                    "A DOI is 10.<registrant of 4+ digits>/<suffix>; copy it from the work's "
                    "landing page"
                ),
            )

    def _cut(self, text: str, page: int | None, pages: list[int | None]) -> Finding:
        # A prefix with nothing after its slash is how a DOI broken at a line end reads when
        # the join could not prove the next line's piece belongs to it: not the author's error.
        return self.finding(
            f"{text!r} is a DOI prefix without a suffix: the DOI was probably broken at a line "
            "end and could not be rejoined",
            page=page,
            evidence={"pages": pages, "found": text},
            severity=Severity.INFO,
        )


def repair_doi(text: str) -> str | None:
    """Undo the usual typos: letter O for zero, comma for dot, spaces inside."""
    candidate = re.sub(r"\s+", "", text)
    prefix, slash, suffix = candidate.partition("/")
    prefix = prefix.replace("O", "0").replace("o", "0").replace("l", "1").replace(",", ".")
    repaired = f"{prefix}{slash}{suffix}"
    return repaired if repaired != text and is_valid_doi(repaired) else None
