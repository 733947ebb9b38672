"""Back matter: acknowledgements, authors' biographies, appendices, and what follows the list.

A part starts at its heading and runs until a heading of another part. Text after the article's
reference list with no heading of its own (a collaboration's author list) is back matter too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from refcheck.extract.references import is_reference_heading
from refcheck.extract.references.section import RawEntry
from refcheck.patterns import compiled
from refcheck.pdf import Line, PdfText
from refcheck.text import PART_HEADING
from refcheck.zones import model as z

_NUMBER = r"(?:(?:\d{1,2}|[A-Z]|[IVXLC]{1,6})[.)]?\s+)?"
_LABEL = compiled(r"^(?:\d{1,2}|[A-Z]|[IVXLC]{1,6})[.)]\s+")
_ACKNOWLEDGEMENTS = compiled(
    rf"^{_NUMBER}(?:acknowledge?ments?|danksagung|remerciements|funding)\s*:?$", re.I
)
_BIOGRAPHY = compiled(
    r"^(?:about\s+the\s+authors?|authors?['’]?\s+biograph(?:y|ies)|biograph(?:y|ies|ical\s+notes?)"
    r"|notes\s+on\s+(?:the\s+)?contributors?|author\s+information)\s*:?$",
    re.I,
)
MAX_HEADING_WORDS = 8
_HEADING_END = compiled(r"[.,;:]$")
# After its label a heading holds no sentence: no comma, no full stop, no lower-case start.
_SENTENCE_INSIDE = compiled(r"[,;]|\.\s+\w|^\S+\s+[a-z]")


def back_matter_zones(pdf: PdfText, entries: Sequence[RawEntry]) -> Iterator[tuple[Line, str]]:
    """Each line of a back-matter part with the part's zone, in reading order."""
    last = entries[-1].lines[-1] if entries else None
    after_list = False
    zone: str | None = None
    heading_size = 0.0
    for line in _body_lines(pdf):
        if line is last:
            # A biography's heading may be read before the list's last line (another column).
            after_list = True
            zone = zone if zone in (z.BIOGRAPHY, z.APPENDIX) else z.BACK
            continue
        started = _part(line)
        if started is not None:
            zone, heading_size = started, line.size
        elif zone is not None and _ends_part(line, zone, heading_size, after_list):
            zone = z.BACK if after_list else None
        if zone is not None:
            yield line, zone


def _body_lines(pdf: PdfText) -> Iterator[Line]:
    for page in pdf.pages:
        for line in page.lines:
            if line.role == "body" and line.text.strip():
                yield line


def _part(line: Line) -> str | None:
    text = line.text.strip()
    if len(text.split()) > MAX_HEADING_WORDS or _HEADING_END.search(text.rstrip(":")):
        return None
    if _BIOGRAPHY.match(text):
        return z.BIOGRAPHY
    if _ACKNOWLEDGEMENTS.match(text):
        return z.ACKNOWLEDGEMENTS
    # "Appendix A: Proofs" is a heading; "Appendix §A for definitions. The" is a sentence.
    if PART_HEADING.match(text) and not _SENTENCE_INSIDE.search(_LABEL.sub("", text)):
        return z.APPENDIX
    return None


def _ends_part(line: Line, zone: str, heading_size: float, after_list: bool) -> bool:
    """Acknowledgements end at the next heading; a biography or an appendix runs on to the
    next part, or to the reference list."""
    if is_reference_heading(line):
        return True
    if zone != z.ACKNOWLEDGEMENTS:
        return False
    text = line.text.strip()
    return (
        len(text.split()) <= MAX_HEADING_WORDS
        and not _HEADING_END.search(text)
        and text[:1].isupper()
        and line.size >= heading_size * 0.95
        and (after_list or _section_like(text))
    )


def _section_like(text: str) -> bool:
    return re.match(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.|[A-Z]\.)\s+\S", text) is not None
