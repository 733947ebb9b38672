"""In-text citations: numbers in brackets, raised numbers, and author-year callouts.

``numeric`` and ``author_year`` find callouts in plain text; ``scan`` reads a document's body
with them and drops what the whole document shows is no citation.
"""

from refcheck.extract.citations.numeric import cites_in_parentheses
from refcheck.extract.citations.scan import (
    CitationScan,
    citations_in_text,
    find_citations,
    scan_citations,
)

__all__ = [
    "CitationScan",
    "citations_in_text",
    "cites_in_parentheses",
    "find_citations",
    "scan_citations",
]
