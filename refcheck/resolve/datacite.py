"""DataCite's REST API: records of DataCite DOIs (arXiv, Zenodo, Dryad, figshare …)."""

from __future__ import annotations

from collections.abc import Mapping

from refcheck.model import WorkRecord
from refcheck.resolve.doi import path_segment
from refcheck.resolve.failures import GuardedClient, read_json, unanswered
from refcheck.resolve.http import HttpClient, HttpFailure, HttpResponse
from refcheck.resolve.records import datacite_record

__all__ = ["DataCite"]


class DataCite:
    """``GET {datacite_url}/dois/{doi}`` on the shared HTTP client."""

    def __init__(self, client: HttpClient, base_url: str) -> None:
        self.client = GuardedClient(client)
        self.base_url = base_url.rstrip("/")

    def record(self, doi: str) -> WorkRecord | HttpFailure | None:
        """The DOI's record; None when DataCite does not hold it (404)."""
        response = self.client.request(f"{self.base_url}/dois/{path_segment(doi)}")
        if isinstance(response, HttpResponse) and response.status == 404:
            return None
        if isinstance(response, HttpFailure) or response.status != 200:
            return unanswered("DataCite", response)
        data = read_json(response)
        body = data.get("data") if isinstance(data, Mapping) else None
        attributes = body.get("attributes") if isinstance(body, Mapping) else None
        return datacite_record(attributes) or unanswered(
            "DataCite", response, "the answer was not a DOI record"
        )
