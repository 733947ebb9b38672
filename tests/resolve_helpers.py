"""Documents and settings for resolve-stage tests against the fake registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from refcheck.config import Settings
from refcheck.model import Author, Document, PaperMetadata, Reference
from tests.registry.server import FakeRegistry
from tests.registry.sources import SOURCE_SERVICES

MAILTO = "tests@example.org"


def settings_for(registry: FakeRegistry, cache_dir: Path | None, **changes: Any) -> Settings:
    values: dict[str, Any] = {
        "mailto": MAILTO,
        "crossref_url": registry.crossref_url,
        "datacite_url": registry.datacite_url,
        "doi_url": registry.doi_url,
        **{f"{name}_url": registry.urls[name] for name in SOURCE_SERVICES},
        "cache_dir": str(cache_dir) if cache_dir else None,
        "use_cache": cache_dir is not None,
        "http_timeout": 2.0,
        "quiet": True,
    }
    return Settings(**{**values, **changes})


def crossref_work(number: int, **fields: Any) -> dict[str, Any]:
    """A journal article as Crossref sends it."""
    work: dict[str, Any] = {
        "DOI": f"10.5555/Test.{number}",
        "title": [f"Measured effects of compound number {number} on zebrafish growth"],
        "author": [{"family": "Okafor", "given": "Ada", "sequence": "first"}],
        "issued": {"date-parts": [[2020, 5]]},
        "container-title": ["Journal of Tests"],
        "volume": "12",
        "issue": "3",
        "page": f"{100 + number}-{110 + number}",
        "type": "journal-article",
    }
    work.update(fields)
    return work


def reference(number: int, doi: str | None = None, **fields: Any) -> Reference:
    """The reference citing ``crossref_work(number)``."""
    title = f"Measured effects of compound number {number} on zebrafish growth"
    values: dict[str, Any] = {
        "id": f"R{number}",
        "raw": f"[{number}] Okafor A. {title}. Journal of Tests. 2020;12(3):{100 + number}-"
        f"{110 + number}.",
        "page": 9,
        "label": str(number),
        "authors": (Author("Okafor", "Ada"),),
        "year": "2020",
        "title": title,
        "container": "Journal of Tests",
        "volume": "12",
        "issue": "3",
        "pages": f"{100 + number}-{110 + number}",
        "doi": doi,
        "type": "article",
    }
    values.update(fields)
    return Reference(**values)


def document(*references: Reference, own_doi: str | None = None) -> Document:
    return Document(
        path="paper.pdf",
        pages=10,
        metadata=PaperMetadata(doi=own_doi),
        references=references,
    )
