"""Where a finding is in the PDF, for the HTML report: the sentence of its callout and a crop
of the page around it, the callout (or the reference entry) highlighted.

The crops are rendered here, in the report stage, for what the report shows only: the
citations and references its findings name, then the references of the list (each row can
open its entry), within the crop budgets of :mod:`refcheck.pdf.crops`. They are embedded as
``data:`` URIs, so the page makes no request. A source file (no PDF) gets no crop; its
citations have no sentence either.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from refcheck.model import Box, Citation, Document, DocumentResult, Finding, Reference
from refcheck.pdf.crops import Spot, render_crops_within

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Crop:
    """One embedded PNG and its size in pixels."""

    uri: str
    width: int
    height: int


@dataclass(frozen=True)
class Spots:
    """The crops of one document, by citation id ("C3") and reference id ("R12")."""

    crops: Mapping[str, Crop] = field(default_factory=dict)


def document_spots(result: DocumentResult) -> Spots:
    """The crops of the citations and references the findings name, then of every reference."""
    document = result.document
    if document is None or document.input_kind != "pdf" or not Path(document.path).is_file():
        return Spots()
    wanted = list(dict.fromkeys(_wanted_ids(result.findings, document)))
    boxes = {c.id: (c.page, c.boxes) for c in document.citations}
    boxes.update((r.id, (r.page, r.boxes)) for r in document.references)
    spots = [_spot(*boxes[key]) for key in wanted]
    pngs = render_crops_within(Path(document.path), spots, max(document.pages, 1))
    return Spots(
        {key: _crop(png) for key, png in zip(wanted, pngs, strict=True) if png is not None}
    )


def _wanted_ids(findings: Iterable[Finding], document: Document) -> Iterable[str]:
    citations = {c.id for c in document.citations if c.boxes}
    references = {r.id for r in document.references if r.boxes}
    for finding in findings:
        if finding.citation_id in citations:
            yield finding.citation_id
        elif finding.reference_id in references:
            yield finding.reference_id
    yield from (r.id for r in document.references if r.id in references)


def _spot(page: int, boxes: tuple[Box, ...]) -> Spot:
    """The boxes on the spot's own page (a callout or entry may run on to the next)."""
    first = page if any(b.page == page for b in boxes) else boxes[0].page
    return Spot(first, tuple((b.x0, b.top, b.x1, b.bottom) for b in boxes if b.page == first))


def _crop(png: bytes) -> Crop:
    width = int.from_bytes(png[16:20], "big") if png.startswith(PNG_SIGNATURE) else 0
    height = int.from_bytes(png[20:24], "big") if png.startswith(PNG_SIGNATURE) else 0
    return Crop("data:image/png;base64," + base64.b64encode(png).decode("ascii"), width, height)


def finding_spot(finding: Finding, document: Document | None, spots: Spots) -> str:
    """The sentence and crop of a finding's citation, or the crop of its reference entry."""
    if document is None:
        return ""
    citation = next((c for c in document.citations if c.id == finding.citation_id), None)
    if citation is not None:
        return _figure(
            _sentence(citation),
            spots.crops.get(citation.id),
            f"Page {citation.page} of the PDF, the callout {citation.text} marked",
        )
    reference = next((r for r in document.references if r.id == finding.reference_id), None)
    if reference is not None:
        return _figure("", spots.crops.get(reference.id), _entry_alt(reference))
    return ""


def reference_spot(reference: Reference, spots: Spots) -> str:
    """A disclosure in the reference's row that opens the crop of its entry."""
    crop = spots.crops.get(reference.id)
    if crop is None:
        return ""
    return (
        '<details class="spot"><summary>In the PDF</summary>'
        f"{_image(crop, _entry_alt(reference))}</details>"
    )


def _entry_alt(reference: Reference) -> str:
    return f"Page {reference.page} of the PDF, the entry {reference.label or reference.id} marked"


def _sentence(citation: Citation) -> str:
    """The sentence, the callout in it marked; empty when the citation has none."""
    sentence = citation.sentence
    if not sentence:
        return ""
    callout = " ".join(citation.text.split())
    at = sentence.find(callout)
    if at < 0:
        marked = html.escape(sentence)
    else:
        marked = (
            html.escape(sentence[:at])
            + f"<mark>{html.escape(callout)}</mark>"
            + html.escape(sentence[at + len(callout) :])
        )
    return f'<blockquote class="sentence">{marked}</blockquote>'


def _figure(sentence: str, crop: Crop | None, alt: str) -> str:
    if not sentence and crop is None:
        return ""
    image = _image(crop, alt) if crop is not None else ""
    return f'<figure class="spot">{sentence}{image}</figure>'


def _image(crop: Crop, alt: str) -> str:
    return (
        f'<img src="{crop.uri}" width="{crop.width}" height="{crop.height}" '
        f'alt="{html.escape(alt, quote=True)}">'
    )
