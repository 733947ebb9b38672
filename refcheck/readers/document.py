"""The Document a source file becomes: one page, its references' DOIs as mentions.

Every reader (.bib, .tex, .aux, .bbl, JATS, .docx) builds the same shape, so that the rules
and reports treat a source file as they treat a PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from refcheck.extract.identifiers import find_dois
from refcheck.model import Citation, Document, IdentifierMention, PaperMetadata, Reference


def source_document(
    path: Path,
    kind: str,
    references: tuple[Reference, ...],
    citations: Sequence[Citation] = (),
    metadata: PaperMetadata | None = None,
) -> Document:
    """A source file's Document: everything it holds is reported on its one "page"."""
    return Document(
        path=str(path),
        pages=1,
        metadata=metadata or PaperMetadata(),
        identifiers=tuple(doi_mentions(references)),
        references=references,
        citations=tuple(citations),
        input_kind=kind,
    )


def doi_mentions(references: Iterable[Reference]) -> Iterable[IdentifierMention]:
    """Each reference's DOI as a mention, so that the DOI syntax rules check it."""
    for reference in references:
        if reference.doi:
            found = find_dois(reference.doi)
            valid = bool(found) and found[0].valid
            yield IdentifierMention("doi", reference.doi, 1, reference.raw, valid)
