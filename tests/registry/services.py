"""What the fake Crossref, doi.org, DataCite and web servers answer, as plain functions of a Store.

Shapes follow the real services (see ../shared/docs/registries.md and the recorded responses in
tests/data/crossref-samples/): envelopes, error bodies, content types, 404 texts.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

JsonDict = dict[str, Any]

# Fields Crossref accepts in `select` on /works; anything else is a 400 validation failure.
# fmt: off
CROSSREF_SELECT_FIELDS = frozenset({
    "abstract", "URL", "member", "posted", "score", "created", "degree", "update-policy",
    "short-title", "license", "ISSN", "container-title", "issued", "update-to", "issue",
    "prefix", "approved", "indexed", "article-number", "clinical-trial-number", "accepted",
    "author", "group-title", "DOI", "is-referenced-by-count", "updated-by", "event", "chair",
    "standards-body", "original-title", "funder", "translator", "archive", "published-print",
    "alternative-id", "subject", "subtitle", "published-online", "publisher-location",
    "content-domain", "reference", "title", "link", "type", "publisher", "volume",
    "references-count", "ISBN", "issn-type", "assertion", "deposited", "page",
    "content-created", "short-container-title", "relation", "editor", "published",
    "journal-issue"
})
_WORKS_PARAMETERS = frozenset({
    "filter", "rows", "offset", "select", "sort", "order", "mailto", "query", "cursor", "facet",
    "sample"
})
# fmt: on
_SUPPORTED_FILTERS = frozenset({"doi"})
_MAX_ROWS = 1000
_DOI_SHAPE = re.compile(r"^10\.\d+(?:\.\d+)*/\S+$")
_TOKEN = re.compile(r"[a-z0-9]+")
CSL_JSON = "application/vnd.citationstyles.csl+json"


@dataclass
class Answer:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    status: int = 200
    head_status: int | None = None  # when HEAD is answered differently (405, 403, 501...)
    redirect_to: str | None = None


@dataclass
class Store:
    """Everything the fake services know; keys are lower-cased DOIs."""

    crossref: dict[str, JsonDict] = field(default_factory=dict)
    datacite: dict[str, JsonDict] = field(default_factory=dict)
    agencies: dict[str, str] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)


def json_answer(status: int, value: Any, content_type: str = "application/json") -> Answer:
    return Answer(status, json.dumps(value).encode(), f"{content_type}; charset=utf-8")


def text_answer(status: int, text: str, content_type: str = "text/plain") -> Answer:
    return Answer(status, text.encode(), f"{content_type}; charset=utf-8")


def html_answer(status: int, title: str) -> Answer:
    page = f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{title}</body></html>"
    return text_answer(status, page, "text/html")


# --- Crossref ---------------------------------------------------------------------------------


def crossref_route(path: str) -> str:
    """The politeness route: list/query calls and single-record calls have separate limits."""
    return "list" if path.rstrip("/") == "/works" else "single"


def crossref_answer(store: Store, path: str, query: dict[str, str]) -> Answer:
    if path.rstrip("/") == "/works":
        return _works_list(store, query)
    if path.startswith("/works/"):
        doi = path[len("/works/") :]
        if doi.endswith("/agency"):
            return _agency(store, doi[: -len("/agency")])
        message = store.crossref.get(doi.lower())
        if message is None:
            return text_answer(404, "Resource not found.")
        return json_answer(200, _envelope("work", message))
    return text_answer(404, "Resource not found.")


def _envelope(message_type: str, message: Any) -> JsonDict:
    return {
        "status": "ok",
        "message-type": message_type,
        "message-version": "1.0.0",
        "message": message,
    }


def _validation_failure(kind: str, value: str, message: str) -> Answer:
    body = {
        "status": "failed",
        "message-type": "validation-failure",
        "message": [{"type": kind, "value": value, "message": message}],
    }
    return json_answer(400, body)


def _agency(store: Store, doi: str) -> Answer:
    agency = store.agencies.get(doi.lower())
    if agency is None:
        return text_answer(404, "Resource not found.")
    message = {"DOI": doi.lower(), "agency": {"id": agency.lower(), "label": agency}}
    return json_answer(200, _envelope("work-agency", message))


def _works_list(store: Store, query: dict[str, str]) -> Answer:
    problem = _invalid_works_query(query)
    if problem is not None:
        return problem
    rows, offset = int(query.get("rows", "20")), int(query.get("offset", "0"))
    works = list(store.crossref.values())
    wanted = _doi_filter(query.get("filter", ""))
    if wanted is not None:
        works = [work for work in works if str(work.get("DOI", "")).lower() in wanted]
    bibliographic = query.get("query.bibliographic") or query.get("query")
    if bibliographic:
        scored = [(_relevance(bibliographic, work), work) for work in works]
        ranked = sorted(
            ((score, work) for score, work in scored if score > 0),
            key=lambda pair: (-pair[0], str(pair[1].get("DOI"))),
        )
    else:  # Crossref promises no order: never the order asked for
        ranked = sorted(((1.0, work) for work in works), key=lambda pair: _shuffled(pair[1]))
    select = [name for name in query.get("select", "").split(",") if name]
    items = [_project({**work, "score": score}, select) for score, work in ranked]
    message = {
        "facets": {},
        "total-results": len(items),
        "items": items[offset : offset + rows],
        "items-per-page": rows,
        "query": {"start-index": offset, "search-terms": bibliographic or None},
    }
    return json_answer(200, _envelope("work-list", message))


def _invalid_works_query(query: dict[str, str]) -> Answer | None:
    for name in query:
        if name not in _WORKS_PARAMETERS and not name.startswith("query."):
            return _validation_failure(
                "parameter-not-allowed", name, f"Parameter {name} specified but not allowed"
            )
    for name in ("rows", "offset"):
        value = query.get(name)
        if value is not None and not (value.isdigit() and int(value) <= _MAX_ROWS):
            return _validation_failure(
                "integer-not-valid",
                value,
                f"Integer specified as {value} but must be a positive integer less than "
                f"or equal to {_MAX_ROWS}.",
            )
    for name in query.get("select", "").split(","):
        if name and name not in CROSSREF_SELECT_FIELDS:
            return _validation_failure(
                "select-field-not-available",
                name,
                f"Select field {name} specified but there is no such select field",
            )
    for clause in filter(None, query.get("filter", "").split(",")):
        name = clause.split(":", 1)[0]
        if ":" not in clause or name not in _SUPPORTED_FILTERS:
            return _validation_failure(
                "filter-not-available",
                name,
                f"Filter {name} specified but there is no such filter for this route. "
                f"Valid filters for this route are: {', '.join(sorted(_SUPPORTED_FILTERS))}",
            )
    return None


def _doi_filter(text: str) -> set[str] | None:
    clauses = [clause.split(":", 1) for clause in text.split(",") if clause]
    dois = {value.lower() for name, value in clauses if name == "doi"}
    return dois if clauses else None


def _shuffled(work: JsonDict) -> str:
    return hashlib.sha1(str(work.get("DOI", "")).lower().encode()).hexdigest()


def _project(work: JsonDict, select: list[str]) -> JsonDict:
    if not select:
        return work
    return {name: work[name] for name in select if name in work}


def _tokens(text: str) -> set[str]:
    return {token for token in _TOKEN.findall(text.lower()) if len(token) > 1 or token.isdigit()}


def _work_text(work: JsonDict) -> str:
    parts: list[str] = []
    for name in ("title", "container-title", "short-container-title", "subtitle"):
        parts.extend(str(value) for value in work.get(name, []))
    for author in work.get("author", []):
        parts.extend(str(author.get(key, "")) for key in ("given", "family", "name"))
    for name in ("volume", "issue", "page", "article-number", "DOI"):
        parts.append(str(work.get(name, "")))
    date_parts = work.get("issued", {}).get("date-parts", [[None]])
    if date_parts and date_parts[0] and date_parts[0][0] is not None:
        parts.append(str(date_parts[0][0]))
    return " ".join(parts)


def _relevance(query: str, work: JsonDict) -> float:
    """Token overlap, unbounded and growing with the query like Crossref's score."""
    shared = _tokens(query) & _tokens(_work_text(work))
    return round(10.0 * len(shared) + 0.1 * sum(len(token) for token in shared), 3)


# --- doi.org ----------------------------------------------------------------------------------


def doi_answer(store: Store, method: str, path: str, accept: str) -> Answer:
    if path.startswith("/ra/"):
        return json_answer(200, [_agency_entry(store, doi) for doi in path[4:].split(",")])
    if path.startswith("/csl/"):
        record = csl_record(store, path[len("/csl/") :])
        if record is None:
            return html_answer(404, "DOI Not Found")
        return json_answer(200, record, CSL_JSON)
    if path.startswith("/landing/"):
        return html_answer(200, path[len("/landing/") :])
    doi = path.lstrip("/")
    if not _DOI_SHAPE.match(doi):
        return html_answer(400, "Bad Request")
    if doi.lower() not in store.agencies:
        return html_answer(404, "DOI Not Found")
    target = "/csl/" if CSL_JSON in accept else "/landing/"
    answer = html_answer(302, "Found")
    answer.headers["Location"] = target + quote(doi, safe="/")
    return answer


def _agency_entry(store: Store, doi: str) -> JsonDict:
    if not _DOI_SHAPE.match(doi):
        return {"DOI": doi, "status": "Invalid DOI"}
    agency = store.agencies.get(doi.lower())
    if agency is None:
        return {"DOI": doi, "status": "DOI does not exist"}
    return {"DOI": doi, "RA": agency}


def csl_record(store: Store, doi: str) -> JsonDict | None:
    """CSL-JSON as content negotiation gives it: titles are strings, not lists."""
    key = doi.lower()
    message = store.crossref.get(key)
    if message is not None:
        record = {name: value for name, value in message.items() if name != "score"}
        for name in ("title", "container-title", "short-container-title", "subtitle"):
            if isinstance(record.get(name), list):
                record[name] = record[name][0] if record[name] else ""
        return record
    attributes = store.datacite.get(key)
    if attributes is not None:
        return _datacite_csl(key, attributes)
    if key in store.agencies:
        return {"DOI": key, "type": "document"}
    return None


def _datacite_csl(doi: str, attributes: JsonDict) -> JsonDict:
    titles = attributes.get("titles") or [{}]
    record: JsonDict = {
        "DOI": doi,
        "type": str(attributes.get("types", {}).get("resourceTypeGeneral", "document")).lower(),
        "title": titles[0].get("title", ""),
        "author": [
            {"family": c["familyName"], "given": c.get("givenName", "")}
            if "familyName" in c
            else {"literal": c.get("name", "")}
            for c in attributes.get("creators", [])
        ],
        "publisher": attributes.get("publisher", ""),
    }
    if "publicationYear" in attributes:
        record["issued"] = {"date-parts": [[int(attributes["publicationYear"])]]}
    container = attributes.get("container") or {}
    if container.get("title"):
        record["container-title"] = container["title"]
    return record


# --- DataCite ---------------------------------------------------------------------------------

_JSON_API = "application/vnd.api+json"


def datacite_answer(store: Store, path: str) -> Answer:
    doi = path[len("/dois/") :] if path.startswith("/dois/") else ""
    attributes = store.datacite.get(doi.lower()) if doi else None
    if attributes is None:
        errors = [{"status": "404", "title": "The resource you are looking for doesn't exist."}]
        return json_answer(404, {"errors": errors}, _JSON_API)
    data = {"id": doi.lower(), "type": "dois", "attributes": {"doi": doi.lower(), **attributes}}
    return json_answer(200, {"data": data}, _JSON_API)


# --- Cited web pages --------------------------------------------------------------------------


def web_answer(store: Store, method: str, path: str, raw_query: str) -> Answer:
    path_and_query = f"{path}?{raw_query}" if raw_query else path
    page = store.pages.get(path_and_query) or store.pages.get(path)
    if page is None:
        return html_answer(404, "Not Found")
    if page.redirect_to is not None:
        answer = html_answer(page.status if 300 <= page.status < 400 else 301, "Moved")
        answer.headers["Location"] = page.redirect_to
        return answer
    status = page.head_status if method == "HEAD" and page.head_status else page.status
    return html_answer(status, path_and_query)
