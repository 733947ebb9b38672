"""One fixed report for every reporter's tests, built in code so that it never changes.

Three documents: one checked online (own DOI registered, references verified, mismatched, not
found and skipped), one checked offline whose text tries to inject markup and workflow
commands, and one that could not be read.
"""

from __future__ import annotations

from dataclasses import replace

from refcheck.model import (
    Author,
    Citation,
    CitedWork,
    Document,
    DocumentResult,
    DoiLookup,
    Finding,
    InputError,
    Link,
    Linking,
    LookupStatus,
    PaperMetadata,
    Reference,
    ReferenceResolution,
    Report,
    Resolutions,
    SearchLookup,
    Severity,
    Skipped,
    Statement,
    WorkRecord,
)
from refcheck.resolve.verdict import reference_verdict

# Text a hostile PDF could carry: markup, Markdown, workflow-command and JSON metacharacters.
HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> | *bold* `code` %0A ::warning::'


def _online_document() -> DocumentResult:
    statements = (
        Statement("volume", "VII", "7", 1, "first-page", "Journal of Examples, Vol. VII, No. 2"),
        Statement("volume", "9", "9", 2, "running-header", "Journal of Examples · Volume 9"),
        Statement("volume", "7", "7", None, "pdf-info", "7"),
        Statement("doi", "10.5555/jex.2023.7", "10.5555/jex.2023.7", 1, "first-page", "doi"),
    )
    metadata = PaperMetadata(
        title="Citations & their discontents",
        authors=("Ada Smith", "Bo Lee"),
        journal="Journal of Examples",
        issn=("2049-3630",),
        volume="7",
        issue="2",
        pages="101-120",
        year="2023",
        doi="10.5555/jex.2023.7",
        statements=statements,
    )
    references = (
        Reference(
            id="R1",
            raw="Garcia, M. (2018). Verified work. J. Tests, 1(2), 3-4. doi:10.5555/ok.1",
            page=19,
            label="1",
            authors=(Author("Garcia", "M."),),
            year="2018",
            title="Verified work",
            container="J. Tests",
            volume="1",
            issue="2",
            pages="3-4",
            doi="10.5555/ok.1",
            type="article",
        ),
        Reference(
            id="R2",
            raw="Lee, B. (2019). Wrong year. J. Tests, 2, 5-6. doi:10.5555/year.2",
            page=19,
            label="2",
            authors=(Author("Lee", "B."),),
            year="2019",
            title="Wrong year",
            container="J. Tests",
            volume="2",
            pages="5-6",
            doi="10.5555/year.2",
            type="article",
        ),
        Reference(
            id="R3",
            raw="Nobody, N. (2020). Invented. doi:10.5555/missing.3",
            page=20,
            label="3",
            doi="10.5555/missing.3",
            type="article",
        ),
        Reference(
            id="R4",
            raw="Smith, A. (2021). Search timed out.",
            page=20,
            label="4",
            type="article",
        ),
    )
    document = Document(
        path="papers/smith-2023.pdf",
        pages=20,
        metadata=metadata,
        references=references,
        citations=(Citation("C1", "[2]", 3, "numeric", (CitedWork("2", number=2),)),),
    )
    registered = WorkRecord(
        doi="10.5555/jex.2023.7",
        source="crossref",
        title="Citations and their discontents",
        authors=(Author("Smith", "Ada"), Author("Lee", "Bo")),
        container="Journal of Examples",
        volume="7",
        issue="2",
        pages="101-120",
        year="2023",
    )
    record = WorkRecord(doi="10.5555/ok.1", source="crossref", title="Verified work", year="2018")
    year_record = WorkRecord(
        doi="10.5555/year.2",
        source="crossref",
        title="Wrong year",
        authors=(Author("Lee", "Bo"),),
        year="2020",
    )
    crossref = "crossref"
    looked_up = Resolutions(
        own=DoiLookup("10.5555/jex.2023.7", LookupStatus.RESOLVED, crossref, registered),
        references=(
            ReferenceResolution(
                "R1", DoiLookup(record.doi, LookupStatus.RESOLVED, crossref, record)
            ),
            ReferenceResolution(
                "R2", DoiLookup(year_record.doi, LookupStatus.RESOLVED, crossref, year_record)
            ),
            ReferenceResolution(
                "R3", DoiLookup("10.5555/missing.3", LookupStatus.NOT_FOUND, detail="HTTP 404")
            ),
            ReferenceResolution(
                "R4", search=SearchLookup(LookupStatus.TIMEOUT, detail="no answer in 10 s")
            ),
        ),
    )
    # Each reference's verdict, as the resolve stage gives it.
    resolutions = replace(
        looked_up,
        references=tuple(
            replace(r, verdict=reference_verdict(reference, r))
            for reference, r in zip(references, looked_up.references, strict=True)
        ),
    )
    findings = (
        Finding(
            code="META001",
            name="metadata-conflict",
            severity=Severity.ERROR,
            message="the paper states its own volume in different ways: 7 (2×), 9 (1×)",
            page=2,
            evidence={
                "field": "volume",
                "values": ["7", "9"],
                "statements": [
                    {
                        "value": s.value,
                        "normalized": s.normalized,
                        "page": s.page,
                        "source": s.source,
                        "text": s.line,
                    }
                    for s in statements[:3]
                ],
            },
            fix="State the volume as VII everywhere",
        ),
        Finding(
            code="DOI001",
            name="doi-not-found",
            severity=Severity.ERROR,
            message="DOI 10.5555/missing.3 is not registered",
            page=20,
            reference_id="R3",
            evidence={"doi": "10.5555/missing.3", "status": "not-found", "detail": "HTTP 404"},
            fix="Check the DOI against the publisher's page",
        ),
        Finding(
            code="XREF001",
            name="reference-mismatch",
            severity=Severity.WARNING,
            message="reference 2 disagrees with its registered record: year",
            page=19,
            reference_id="R2",
            evidence={"source": "crossref", "year": {"found": "2019", "expected": "2020"}},
            fix="Cite the year as 2020",
        ),
        Finding(
            code="CIT003",
            name="citation-year-mismatch",
            severity=Severity.ERROR,
            message="citation '[2]' has year 2019 but the matching reference has 2020",
            page=3,
            citation_id="C1",
            reference_id="R2",
            evidence={"citation": "[2]", "found": "2019", "expected": "2020"},
        ),
    )
    return DocumentResult(
        path="papers/smith-2023.pdf",
        document=document,
        linking=Linking((Link("C1", 0, "exact", ("R2",)),)),
        findings=findings,
        skipped=(Skipped("URL001", "no URL was cited"),),
        resolutions=resolutions,
    )


def _offline_document() -> DocumentResult:
    reference = Reference(
        id="R1",
        raw=f"Mallory, M. (2022). {HOSTILE}. doi:10.5555/<b>x",
        page=4,
        label="1",
        doi="10.5555/<b>x",
    )
    document = Document(
        path="papers/hostile, 100%.pdf",
        pages=4,
        metadata=PaperMetadata(title=HOSTILE, statements=()),
        references=(reference,),
    )
    finding = Finding(
        code="REF005",
        name="incomplete-reference",
        severity=Severity.INFO,
        message=f"reference 1 lacks a volume\nsecond line {HOSTILE}",
        page=4,
        reference_id="R1",
        evidence={"missing": ["volume", "pages"], "reference": reference.raw},
        fix=f"Add the volume {HOSTILE}",
    )
    return DocumentResult(
        path="papers/hostile, 100%.pdf",
        document=document,
        findings=(finding,),
        skipped=(Skipped("DOI001, XREF001", "offline: no registry was asked"),),
    )


def _broken_document() -> DocumentResult:
    return DocumentResult(
        path="papers/broken.pdf",
        document=None,
        error=InputError("not-a-pdf", "papers/broken.pdf: not a PDF (no %PDF header)"),
    )


def fixture_report() -> Report:
    return Report((_online_document(), _offline_document(), _broken_document()))
