"""Bibliographic sources beyond the DOI registries: OpenAlex, Semantic Scholar, arXiv, dblp,
Europe PMC and PubMed, one module each, all on the shared :class:`HttpClient`.

Each source is paced on its own route. The table below is the politeness each one documents
(or, where it documents none, what we keep to and why); like Crossref's, a lower limit a
response announces in ``x-rate-limit-*`` headers is followed at once, and 429 with
Retry-After is honoured by the client.

| source | rate | at once | why |
|---|---|---|---|
| openalex | 10/s | 3 | documented cap of 10 requests per second (and a daily budget) |
| semanticscholar | 1/s | 1 | 1 request per second for an API key; keyless users share one pool |
| arxiv | 1 per 3 s | 1 | the API's terms: one request every three seconds, one connection |
| dblp | 1/s | 1 | no number published; dblp asks for moderation and answers 429 with Retry-After |
| europepmc | 5/s | 2 | no number published; EBI asks for moderate use of its shared service |
| pubmed | 3/s | 1 | NCBI: at most 3 requests per second without an API key |
"""

from __future__ import annotations

from collections.abc import Mapping

from refcheck.config import SOURCE_NAMES
from refcheck.resolve.http import RouteLimit

__all__ = ["SOURCE_LIMITS", "SOURCE_NAMES"]

# Route name → politeness; each source client sends on the route named after it.
SOURCE_LIMITS: Mapping[str, RouteLimit] = {
    "openalex": RouteLimit(rate=10.0, concurrency=3),
    "semanticscholar": RouteLimit(rate=1.0, concurrency=1),
    "arxiv": RouteLimit(rate=1 / 3, concurrency=1),
    "dblp": RouteLimit(rate=1.0, concurrency=1),
    "europepmc": RouteLimit(rate=5.0, concurrency=2),
    "pubmed": RouteLimit(rate=3.0, concurrency=1),
}
