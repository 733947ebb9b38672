"""Examples every rule must fire on and must stay silent on, as small Documents (no PDFs).

The meta-test in ``test_rule_examples.py`` fails when a rule of the catalogue lacks either kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.model import Document, IdentifierMention, PaperMetadata, Statement


@dataclass(frozen=True)
class Example:
    code: str
    fires: bool
    description: str
    document: Document
    expected_count: int = 1  # findings expected when ``fires``


def document(
    statements: tuple[Statement, ...] = (), identifiers: tuple[IdentifierMention, ...] = ()
) -> Document:
    return Document(
        path="example.pdf",
        pages=5,
        metadata=PaperMetadata(statements=statements),
        identifiers=identifiers,
    )


def stated(field: str, value: str, normalized: str, page: int | None, source: str) -> Statement:
    return Statement(field, value, normalized, page, source, f"... {value} ...")


def doi(text: str, valid: bool, page: int = 3) -> IdentifierMention:
    return IdentifierMention("doi", text, page, f"see doi:{text}", valid)


def issn(text: str, valid: bool, page: int = 1) -> IdentifierMention:
    return IdentifierMention("issn", text, page, f"ISSN {text}", valid)


EXAMPLES = (
    Example(
        "META001",
        True,
        "volume VII on the first page, 9 in the running header",
        document(
            (
                stated("volume", "VII", "7", 1, "first-page"),
                stated("volume", "9", "9", 2, "running-header"),
                stated("volume", "9", "9", 3, "running-header"),
            )
        ),
    ),
    Example(
        "META001",
        True,
        "own DOI stated two ways, and the year too: one finding per field",
        document(
            (
                stated("doi", "10.5555/JTS.2021.45", "10.5555/jts.2021.45", 1, "first-page"),
                stated("doi", "10.5555/jts.2021.045", "10.5555/jts.2021.045", 1, "citation-block"),
                stated("year", "2021", "2021", 1, "first-page"),
                stated("year", "2020", "2020", None, "pdf-info"),
            )
        ),
        expected_count=2,
    ),
    Example(
        "META001",
        False,
        "VII and 7, DOI case, and a first page only: all the same values",
        document(
            (
                stated("volume", "VII", "7", 1, "first-page"),
                stated("volume", "7", "7", 2, "running-header"),
                stated("doi", "10.5555/JTS.1", "10.5555/jts.1", 1, "first-page"),
                stated("doi", "10.5555/jts.1", "10.5555/jts.1", 2, "running-footer"),
                stated("pages", "45", "45", 1, "first-page"),
                stated("pages", "45–60", "45-60", 1, "citation-block"),
            )
        ),
    ),
    Example(
        "META001",
        False,
        "an issue named Summer beside issue number 2 is no conflict",
        document(
            (
                stated("issue", "Summer", "summer", 1, "first-page"),
                stated("issue", "2", "2", 2, "running-header"),
            )
        ),
    ),
    Example(
        "META002",
        True,
        "ISSN with a wrong check digit, printed on three pages: one finding",
        document(
            identifiers=(
                issn("2049-3631", False, 1),
                issn("2049-3631", False, 2),
                issn("2049-3631", False, 3),
            )
        ),
    ),
    Example(
        "META002",
        False,
        "valid ISSNs",
        document(identifiers=(issn("2049-3630", True), issn("0028-0836", True))),
    ),
    Example(
        "REF003",
        True,
        "two malformed DOIs",
        document(identifiers=(doi("10.123/abc", False), doi("10.5555jts.2021", False))),
        expected_count=2,
    ),
    Example(
        "REF003",
        False,
        "valid DOIs, including one with parentheses and angle brackets",
        document(
            identifiers=(
                doi("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O", True),
                doi("10.1371/journal.pone.0197919", True),
            )
        ),
    ),
)
