"""The shape every callout finder returns."""

from __future__ import annotations

from refcheck.model import CitedWork

# (start, end, style, works): where a callout sits in the text, its style, and what it cites.
Found = tuple[int, int, str, tuple[CitedWork, ...]]
