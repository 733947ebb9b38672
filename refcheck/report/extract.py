"""What `refcheck extract` shows: the extracted document, without findings."""

from __future__ import annotations

import json
from typing import Any

from refcheck.model import Report
from refcheck.report.json_report import EXTRACT_SCHEMA, to_dict


def render_extraction(report: Report, fmt: str) -> str:
    documents = to_dict(report)["documents"]
    for document, result in zip(documents, report.documents, strict=True):
        del document["findings"], document["skipped"]
        identifiers = result.document.identifiers if result.document else ()
        document["identifiers"] = [
            {"scheme": m.scheme, "value": m.text, "valid": m.valid, "page": m.page}
            for m in identifiers
        ]
    if fmt == "json":
        return (
            json.dumps(
                {"schema": EXTRACT_SCHEMA, "documents": documents}, indent=2, ensure_ascii=False
            )
            + "\n"
        )
    return "".join(_text(document) for document in documents)


def _text(document: dict[str, Any]) -> str:
    lines = [f"{document['path']} ({document['status']})"]
    if document["error"]:
        lines.append(f"  error: {document['error']['message']}")
        return "\n".join(lines) + "\n"
    metadata = document["metadata"]
    lines.append(f"  pages: {document['pages']}")
    if document["damaged_pages"]:
        damaged = ", ".join(map(str, document["damaged_pages"]))
        lines.append(f"  damaged pages (not read): {damaged}")
    for key in (
        "title",
        "authors",
        "journal",
        "issn",
        "volume",
        "issue",
        "pages",
        "year",
        "date",
        "doi",
    ):
        lines.append(f"  {key}: {metadata[key]}")
    lines.append("  statements:")
    for s in metadata["statements"]:
        page = s["page"] if s["page"] is not None else "-"
        lines.append(f"    {s['field']:<8} {s['value']!r:<24} page {page:<4} {s['source']}")
    lines.append("  identifiers:")
    for ident in document["identifiers"]:
        mark = "" if ident["valid"] else "  (invalid)"
        lines.append(f"    {ident['scheme']:<5} {ident['value']} page {ident['page']}{mark}")
    return "\n".join(lines) + "\n"
