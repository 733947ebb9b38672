"""The resolve stage: the only code that touches the network.

``resolve_documents`` looks up every selected online check for a batch of documents at once
(DOIs of all documents share batch calls, one cache and one politeness budget) and returns
one :class:`~refcheck.model.Resolutions` per document, in order. A failed lookup is a value
(a :class:`~refcheck.model.LookupStatus`), never an exception.
"""

from __future__ import annotations

from collections.abc import Sequence

from refcheck.config import Settings
from refcheck.model import Document, Resolutions, Skipped

__all__ = ["resolve_documents"]


def resolve_documents(documents: Sequence[Document], settings: Settings) -> list[Resolutions]:
    """One Resolutions per document; offline, every online check is listed as skipped."""
    reason = (
        "offline (--offline): no registry or URL was asked"
        if settings.offline
        else "online verification is not built yet"
    )
    skipped = (Skipped("online checks", reason),)
    return [Resolutions(skipped=skipped) for _ in documents]
