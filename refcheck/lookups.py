"""What the online stage learns of each reference: lookups, records, statuses.

Failed lookups are values (:class:`LookupStatus`), never exceptions. :mod:`refcheck.model`
names these types too, beside the rest of the pipeline's vocabulary.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refcheck.model import Author, Skipped


class LookupStatus(str, enum.Enum):
    """What one registry or URL lookup came to; a failed lookup is a value, never an exception.

    Only ``resolved`` and ``not-found`` are answers about the work; ``timeout``,
    ``unreachable`` and ``rate-limited`` are transient (never cached, never read as "not
    found"); ``skipped`` means the lookup was not made (offline, a registry stopped us).
    """

    RESOLVED = "resolved"
    NOT_FOUND = "not-found"
    AMBIGUOUS = "ambiguous"
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"
    RATE_LIMITED = "rate-limited"
    SKIPPED = "skipped"

    @property
    def is_answer(self) -> bool:
        """True when the registry answered about the work itself."""
        return self in (LookupStatus.RESOLVED, LookupStatus.NOT_FOUND, LookupStatus.AMBIGUOUS)


@dataclass(frozen=True)
class WorkUpdate:
    """A notice that updates a registered work: a retraction, correction, expression of concern.

    ``type`` is Crossref's (retraction, partial_retraction, withdrawal, removal,
    expression_of_concern, correction, corrigendum, erratum, addendum, clarification,
    new_version); ``source`` is who recorded it (publisher, retraction-watch).
    """

    type: str
    doi: str | None = None
    label: str = ""
    source: str = ""
    date: str | None = None  # ISO date, as precise as the record gives


@dataclass(frozen=True)
class WorkRecord:
    """A registry's record of one work, normalised from Crossref, DataCite or CSL-JSON.

    ``year`` is the earliest publication year (Crossref's ``issued``); ``print_year`` and
    ``online_year`` are kept apart when the record has both, so that an online-first year
    can be told from a wrong one. ``pages`` is "first-last" or an article number.
    """

    doi: str  # normalised: lower-case, no resolver prefix
    source: str  # the API the record came from: crossref, datacite, doi.org
    title: str | None = None
    authors: tuple[Author, ...] = ()
    container: str | None = None
    short_containers: tuple[str, ...] = ()
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    year: str | None = None
    print_year: str | None = None
    online_year: str | None = None
    type: str | None = None  # the registry's type: journal-article, book, dataset …
    updates: tuple[WorkUpdate, ...] = ()


@dataclass(frozen=True)
class DoiLookup:
    """What the registries say about one DOI.

    ``agency`` is the registration agency (crossref, datacite, medra …) when known;
    ``record`` is set when ``status`` is resolved and a metadata record could be read.
    ``detail`` says why for every status other than resolved ("HTTP 503 after 4 tries").
    """

    doi: str
    status: LookupStatus
    agency: str | None = None
    record: WorkRecord | None = None
    detail: str = ""


@dataclass(frozen=True)
class SearchLookup:
    """A bibliographic search for a reference: the validated match, if any.

    ``record`` is set only when a candidate passed validation; ``agreeing`` names the
    independent fields that agreed (year, volume, first-page, first-author, title …).
    ``candidates`` is how many the registry returned.
    """

    status: LookupStatus
    record: WorkRecord | None = None
    agreeing: tuple[str, ...] = ()
    candidates: int = 0
    detail: str = ""
    # Not found: did any candidate appear in the reference's journal? False hints that the
    # registry does not index that journal at all; None when it could not be compared.
    journal_seen: bool | None = None


@dataclass(frozen=True)
class UrlCheck:
    """The outcome of checking one cited URL (HEAD, then GET when HEAD is refused).

    ``status``: resolved (2xx/3xx to a live page), not-found (404, 410, a host that does not
    resolve), timeout, unreachable (5xx, 401/403, connection refused), rate-limited (429),
    skipped (not checked: offline, a denied pattern, a doi.org link checked as a DOI).
    """

    url: str
    status: LookupStatus
    http_status: int | None = None
    final_url: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class SourceQuery:
    """One lookup made for a reference: where, by what, and what came of it.

    ``source`` is crossref, datacite, doi.org or a source of :mod:`refcheck.resolve.sources`;
    ``kind`` is doi, bibliographic (Crossref's whole-citation search), title, arxiv, pmid or
    pmcid; ``query`` is what was sent.
    """

    source: str
    kind: str
    query: str
    status: LookupStatus


@dataclass(frozen=True)
class SourceFind:
    """What the sources beyond the DOI registries said about one reference.

    ``record`` is the validated record of the cited work, with ``identifier`` the (kind,
    value) it is known by: a DOI when the source gives one, else the arXiv id, PMID, PMCID or
    the source's own key. A record without a DOI carries a source-qualified stand-in in its
    ``doi`` field ("arxiv:2312.07559"): read :attr:`identifier`, never that field, as a DOI.
    ``title_twins`` are hits with the reference's title that did not validate: the work
    cited wrongly, or another work's title under other names (a chimera).
    """

    record: WorkRecord | None = None
    identifier: tuple[str, str] | None = None
    title_twins: tuple[WorkRecord, ...] = ()
    asked: tuple[SourceQuery, ...] = ()
    found_by: str = "title"  # the kind of lookup that found ``record``: title, arxiv, pmid …


class VerdictStatus(str, enum.Enum):
    """The answer to "is this reference real, and cited right?", one per reference."""

    VERIFIED = "verified"  # a source holds the work and the reference agrees with it
    MISMATCH = "metadata-mismatch"  # a real work, cited with wrong fields
    NOT_FOUND = "not-found"  # every source asked answered, none holds the work
    NOT_CHECKABLE = "not-checkable"  # books, web pages, reports: not what the sources index
    UNVERIFIED = "unverified"  # a lookup failed or none could be made


@dataclass(frozen=True)
class Verdict:
    """A reference's verdict with its evidence: the record that decided it and every lookup.

    ``fields`` names the fields that disagree with ``record`` (metadata-mismatch);
    ``title_twin`` is, for not-found, a work that has the reference's title but shares
    nothing else with it.
    """

    status: VerdictStatus
    reason: str
    source: str | None = None
    identifier: tuple[str, str] | None = None
    record: WorkRecord | None = None
    fields: tuple[str, ...] = ()
    asked: tuple[SourceQuery, ...] = ()
    title_twin: WorkRecord | None = None


@dataclass(frozen=True)
class ReferenceResolution:
    """Everything the resolve stage learned about one reference."""

    reference_id: str
    doi: DoiLookup | None = None  # the DOI printed in the reference
    search: SearchLookup | None = None  # a bibliographic search (no DOI, or a DOI mismatch)
    urls: tuple[UrlCheck, ...] = ()
    sources: SourceFind | None = None  # asked only when the registries did not settle it
    verdict: Verdict | None = None


@dataclass(frozen=True)
class Resolutions:
    """The resolve stage's output for one document; empty when offline."""

    references: tuple[ReferenceResolution, ...] = ()
    own: DoiLookup | None = None  # the paper's own DOI
    skipped: tuple[Skipped, ...] = ()

    def of_reference(self, reference_id: str) -> ReferenceResolution | None:
        return next((r for r in self.references if r.reference_id == reference_id), None)
