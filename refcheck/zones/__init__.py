"""Zones: which part of the document each line belongs to.

The stage between the PDF layer and extraction. :func:`zone_document` labels every line of a
:class:`~refcheck.pdf.PdfText` (front matter, body, tables, figures, footnotes, running lines,
reference lists, back matter) and hands extraction a :class:`ZonedDocument`; each extractor reads
only the zones it is meant to. Measured by ``benchmarks/eval_zones.py``.
"""

from refcheck.zones.classify import body_size, zone_document
from refcheck.zones.model import ZonedDocument

__all__ = ["ZonedDocument", "body_size", "zone_document"]
