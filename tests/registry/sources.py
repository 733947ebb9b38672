"""What the fake OpenAlex, Semantic Scholar, arXiv, dblp, Europe PMC and E-utilities answer.

Built on the recorded responses in tests/data/registry-samples/ (licences beside them): the
works, papers, entries and hits those bodies hold are the store, and every answer is cut in
the recorded envelope's shape, with the recorded error bodies (Semantic Scholar's 404 and
429, arXiv's 400 error feed, OpenAlex's HTML 404).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.registry.services import Answer, JsonDict, json_answer, text_answer

SOURCE_SERVICES = ("openalex", "semanticscholar", "arxiv", "dblp", "europepmc", "eutils")
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "registry-samples"
ATOM = "{http://www.w3.org/2005/Atom}"
_TOKEN = re.compile(r"[a-z0-9]+")
_ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_FEED_HEAD = (
    "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns:opensearch=\"http://a9.com/-/spec/"
    'opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" '
    'xmlns="http://www.w3.org/2005/Atom">\n'
)


def _read(service: str, name: str) -> bytes:
    return (SAMPLES / service / name).read_bytes()


def words(text: str) -> set[str]:
    return set(_TOKEN.findall(text.lower()))


def _title_hits(items: list[JsonDict], title_of: Any, query: str) -> list[JsonDict]:
    """Items whose title holds every word of the query, as the services' title searches do."""
    asked = words(query)
    return [item for item in items if asked and asked <= words(str(title_of(item) or ""))]


@dataclass
class SourceStore:
    """Everything the fake sources know, in the sources' own recorded shapes."""

    openalex: list[JsonDict] = field(default_factory=list)
    s2: list[JsonDict] = field(default_factory=list)
    arxiv: list[str] = field(default_factory=list)  # <entry> elements, serialised
    dblp: list[JsonDict] = field(default_factory=list)  # hits
    europepmc: list[JsonDict] = field(default_factory=list)  # lite results
    eutils: dict[str, JsonDict] = field(default_factory=dict)  # uid → document summary

    def load_samples(self) -> None:
        self.openalex += json.loads(
            _read("openalex", "paperqa__test_title_search_paper_attributes1__2_200.json")
        )["results"]
        self.openalex.append(
            json.loads(_read("openalex", "commonmeta__test_journal_article__0_200.json"))
        )
        batch = _read("semanticscholar", "dnsilva__test_get_papers_not_found_warning__0_200.json")
        match = _read("semanticscholar", "paperqa__test_title_search_paper_attributes1__1_200.json")
        self.s2 += [paper for paper in json.loads(batch) if paper]
        self.s2 += [
            {k: v for k, v in paper.items() if k != "matchScore"}
            for paper in json.loads(match)["data"]
        ]
        for path in sorted((SAMPLES / "arxiv").glob("*.xml")):
            feed = ElementTree.fromstring(path.read_bytes())
            for entry in feed.iter(f"{ATOM}entry"):
                if "/abs/" in (entry.findtext(f"{ATOM}id") or ""):
                    self.arxiv.append(ElementTree.tostring(entry, encoding="unicode"))
        dblp = json.loads(_read("dblp", "zotero-validate__dblp.json"))
        self.dblp += dblp["result"]["hits"]["hit"]
        self.europepmc += json.loads(_read("europepmc", "pyeuropepmc__search_cancer.json"))[
            "resultList"
        ]["result"]
        summaries = json.loads(_read("ncbi-eutils", "zotero-validate__pubmed-esummary.json"))
        self.eutils.update({uid: summaries["result"][uid] for uid in summaries["result"]["uids"]})

    # One record each, in its source's shape (tests/registry/records.py builds them).

    def add_openalex_work(self, work: JsonDict) -> None:
        self.openalex.append(work)

    def add_s2_paper(self, paper: JsonDict) -> None:
        self.s2.append(paper)

    def add_arxiv_entry(self, entry: str) -> None:
        """An ``<entry>`` element serialised by ElementTree (Atom as the ``ns0`` prefix)."""
        self.arxiv.append(entry)

    def add_dblp_hit(self, hit: JsonDict) -> None:
        self.dblp.append(hit)

    def add_europepmc_result(self, result: JsonDict) -> None:
        self.europepmc.append(result)

    def add_eutils_summary(self, summary: JsonDict) -> None:
        self.eutils[str(summary["uid"])] = summary


def source_answer(
    store: SourceStore, service: str, path: str, query: dict[str, str], body: bytes
) -> Answer:
    answers = {
        "openalex": _openalex,
        "semanticscholar": _semanticscholar,
        "arxiv": _arxiv,
        "dblp": _dblp,
        "europepmc": _europepmc,
        "eutils": _eutils,
    }
    return answers[service](store, path, query, body)


def _openalex(store: SourceStore, path: str, query: dict[str, str], body: bytes) -> Answer:
    if path != "/works":
        page = _read("openalex", "paperqa__test_does_openalex_work_not-in-openalex__0_404.html")
        return Answer(404, page, "text/html; charset=utf-8")
    key, _, value = query.get("filter", "").partition(":")
    if key == "doi":
        asked = set(value.lower().split("|"))
        found = [w for w in store.openalex if _openalex_doi(w) in asked]
    elif key == "title.search":
        found = _title_hits(store.openalex, lambda w: w.get("title"), value)
    else:
        return json_answer(400, {"error": "Invalid query parameters error.", "message": key})
    rows = int(query.get("per-page", "25"))
    meta = {"count": len(found), "db_response_time_ms": 12, "page": 1, "per_page": rows}
    return json_answer(200, {"meta": {**meta, "groups_count": None}, "results": found[:rows]})


def _openalex_doi(work: JsonDict) -> str:
    return str(work.get("doi") or "").lower().removeprefix("https://doi.org/")


def _s2_keys(paper: JsonDict) -> set[str]:
    external = paper.get("externalIds") or {}
    names = {"DOI": "DOI", "ArXiv": "ARXIV", "PubMed": "PMID", "CorpusId": "CorpusId"}
    keys = {
        f"{prefix}:{external[name]}".lower() for name, prefix in names.items() if name in external
    }
    return keys | {str(paper.get("paperId"))}


def _semanticscholar(store: SourceStore, path: str, query: dict[str, str], body: bytes) -> Answer:
    if path == "/paper/batch":
        ids = json.loads(body)["ids"]
        by_key = {key: paper for paper in store.s2 for key in _s2_keys(paper)}
        return json_answer(200, [by_key.get(str(i).lower(), by_key.get(i)) for i in ids])
    if path == "/paper/search/match":
        hits = _title_hits(store.s2, lambda p: p.get("title"), query.get("query", ""))
        if not hits:
            return Answer(404, _read("semanticscholar", "paperqa__test_bad_dois__0_404.json"))
        return json_answer(200, {"data": [{**hits[0], "matchScore": 238.8195}]})
    return json_answer(404, {"error": f"Requested resource {path} not found"})


def _feed(entries: list[str], status: int = 200) -> Answer:
    body = _FEED_HEAD + "".join(entries) + "\n</feed>\n"
    return Answer(status, body.encode(), "application/atom+xml; charset=UTF-8")


def _arxiv_id(entry: str) -> str:
    found = re.search(r"arxiv\.org/abs/([^<]+?)(?:v\d+)?</", entry)
    return found.group(1) if found else ""


def _arxiv(store: SourceStore, path: str, query: dict[str, str], body: bytes) -> Answer:
    ids = [i for i in query.get("id_list", "").split(",") if i]
    if ids:
        if any(not _ARXIV_ID.match(i) for i in ids):
            return Answer(
                400,
                _read("arxiv", "arxivpy__id_abc_s0_m100_b79c8dcf6bc3__400.xml"),
                "application/atom+xml",
            )
        wanted = {re.sub(r"v\d+$", "", i) for i in ids}
        return _feed([e for e in store.arxiv if _arxiv_id(e) in wanted])
    phrase = query.get("search_query", "").removeprefix("ti:").strip('"')
    titles = {e: re.search(r"<ns0:title>(.*?)</ns0:title>", e, re.S) for e in store.arxiv}
    asked = words(phrase)
    found = [e for e, t in titles.items() if t and asked and asked <= words(t.group(1))]
    return _feed(found[: int(query.get("max_results", "10"))])


def _dblp(store: SourceStore, path: str, query: dict[str, str], body: bytes) -> Answer:
    hits = _title_hits(store.dblp, lambda h: h["info"].get("title"), query.get("q", ""))
    sent = hits[: int(query.get("h", "30"))]
    envelope = {"@total": str(len(hits)), "@computed": str(len(hits)), "@sent": str(len(sent))}
    hit_list = {**envelope, "@first": "0", "hit": sent} if sent else envelope
    status = {"@code": "200", "text": "OK"}
    return json_answer(
        200, {"result": {"query": query.get("q"), "status": status, "hits": hit_list}}
    )


def _europepmc_match(result: JsonDict, query: str) -> bool:
    for pattern, field_name in (
        (r"^EXT_ID:(\d+) AND SRC:MED$", "pmid"),
        (r"^PMCID:(PMC\d+)$", "pmcid"),
        (r'^DOI:"(.+)"$', "doi"),
    ):
        found = re.match(pattern, query)
        if found:
            return str(result.get(field_name, "")).lower() == found.group(1).lower()
    title = re.match(r'^TITLE:"(.+)"$', query)
    return title is not None and words(title.group(1)) <= words(str(result.get("title", "")))


def _europepmc(store: SourceStore, path: str, query: dict[str, str], body: bytes) -> Answer:
    found = [r for r in store.europepmc if _europepmc_match(r, query.get("query", ""))]
    size = int(query.get("pageSize", "25"))
    request = {"queryString": query.get("query"), "resultType": "lite", "cursorMark": "*"}
    return json_answer(
        200,
        {
            "version": "6.9",
            "hitCount": len(found),
            "request": {**request, "pageSize": size, "sort": "", "synonym": False},
            "resultList": {"result": found[:size]},
        },
    )


def _eutils(store: SourceStore, path: str, query: dict[str, str], body: bytes) -> Answer:
    if path != "/esummary.fcgi" or query.get("db") != "pubmed":
        return text_answer(400, "Bad Request")
    uids = query.get("id", "").split(",")
    result: dict[str, Any] = {"uids": [uid for uid in uids if uid in store.eutils]}
    for uid in uids:
        result[uid] = store.eutils.get(uid, {"uid": uid, "error": "cannot get document summary"})
    return json_answer(200, {"header": {"type": "esummary", "version": "0.3"}, "result": result})
