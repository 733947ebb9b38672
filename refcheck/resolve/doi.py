"""doi.org: which agency registered a DOI (batched), and content negotiation for its record.

The registration-agency answer is the only basis for "this DOI does not exist": Crossref's
silence means only "not a Crossref DOI" (DataCite, mEDRA, JaLC … register DOIs too).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from refcheck.model import WorkRecord
from refcheck.patterns import compiled
from refcheck.resolve.failures import GuardedClient, read_json, unanswered
from refcheck.resolve.http import HttpClient, HttpFailure, HttpResponse
from refcheck.resolve.records import csl_record

__all__ = ["RA_BATCH_SIZE", "Agency", "DoiOrg", "Nonexistent", "path_segment", "unsafe_identifier"]

# doi.org takes about 200 DOIs in one /ra/ path; 100 leaves room for long, escaped DOIs.
RA_BATCH_SIZE = 100
CSL_JSON = "application/vnd.citationstyles.csl+json"
# A "." or ".." segment, a backslash, or an escaped dot, slash or backslash: a server that
# normalises or decodes the path once more could read the DOI as a way out of the API path.
_PATH_TRICK = compiled(r"(?:^|/)\.{1,2}(?:/|$)|\\|%2e|%2f|%5c", re.IGNORECASE)


@dataclass(frozen=True)
class Agency:
    """The DOI exists; ``name`` is its agency, lower-cased (crossref, datacite, medra …)."""

    name: str


@dataclass(frozen=True)
class Nonexistent:
    """doi.org says the DOI does not exist ("DOI does not exist", "Invalid DOI")."""

    reason: str


def unsafe_identifier(doi: str) -> str | None:
    """Why ``doi`` is not put into any request, or None. DOIs are printed by the document, so
    they are data: one that could act as a path (``10.1234/../../__stats``) is not asked."""
    if _PATH_TRICK.search(doi):
        return f"not looked up: {doi!r} holds a path segment or escape no registry DOI has"
    return None


def path_segment(identifier: str) -> str:
    """``identifier`` as one percent-encoded path segment: its slashes are data, not path."""
    return quote(identifier, safe="")


# doi.org's word on one DOI, or the failure that left it unanswered.
RaAnswer = Agency | Nonexistent | HttpFailure


class DoiOrg:
    """The doi.org proxy (``--doi-url``): /ra/ lookups and content negotiation."""

    def __init__(self, client: HttpClient, base_url: str) -> None:
        self.client = GuardedClient(client)
        self.base_url = base_url.rstrip("/")

    def agencies(self, dois: Sequence[str]) -> dict[str, RaAnswer]:
        """The registration agency of up to :data:`RA_BATCH_SIZE` DOIs.

        DOIs are joined with commas in one path, so a DOI with a comma is asked on its own.
        """
        listed = [doi for doi in dois if "," not in doi]
        batches = [listed] if listed else []
        batches += [[doi] for doi in dois if "," in doi]
        answers: dict[str, RaAnswer] = {}
        for batch in batches:
            answers.update(self._agencies(batch))
        return answers

    def _agencies(self, dois: Sequence[str]) -> dict[str, RaAnswer]:
        path = ",".join(path_segment(doi) for doi in dois)
        response = self.client.request(f"{self.base_url}/ra/{path}")
        if isinstance(response, HttpResponse) and 400 <= response.status < 500 and len(dois) > 1:
            # refused as a whole (one DOI it cannot read?): halves, so one DOI costs no other
            middle = len(dois) // 2
            return {**self._agencies(dois[:middle]), **self._agencies(dois[middle:])}
        if isinstance(response, HttpFailure) or response.status != 200:
            return dict.fromkeys(dois, unanswered("doi.org", response))
        data = read_json(response)
        entries = data if isinstance(data, list) else None
        if entries is None:
            failure = unanswered("doi.org", response, "the agency answer was not a list")
            return dict.fromkeys(dois, failure)
        said = {
            str(entry["DOI"]).lower(): _ra_answer(entry)
            for entry in entries
            if isinstance(entry, Mapping) and isinstance(entry.get("DOI"), str)
        }
        missing = unanswered("doi.org", response, "the agency answer left this DOI out")
        return {doi: said.get(doi) or missing for doi in dois}

    def record(self, doi: str) -> WorkRecord | HttpFailure | None:
        """The CSL-JSON record of any agency's DOI; None when doi.org has no metadata for it."""
        response = self.client.request(
            f"{self.base_url}/{path_segment(doi)}", headers={"Accept": CSL_JSON}
        )
        if isinstance(response, HttpResponse) and response.status in (204, 404, 406):
            return None
        if isinstance(response, HttpFailure) or response.status != 200:
            return unanswered("doi.org", response)
        return csl_record(read_json(response)) or unanswered(
            "doi.org", response, "the metadata was not CSL-JSON"
        )


def _ra_answer(entry: Mapping[str, object]) -> RaAnswer | None:
    agency = entry.get("RA")
    if isinstance(agency, str) and agency.strip():
        return Agency(agency.strip().lower())
    status = entry.get("status")
    if isinstance(status, str) and status.strip():
        return Nonexistent(status.strip())
    return None
