"""Registry JSON → WorkRecord, on recorded Crossref responses and DataCite/CSL shapes."""

from __future__ import annotations

import json
from typing import Any

from refcheck.model import Author, WorkUpdate
from refcheck.resolve.records import (
    crossref_record,
    csl_record,
    datacite_record,
    record_from_json,
    record_to_json,
)
from tests.registry.server import SAMPLES


def _sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def test_crossref_work_with_article_number_and_correction_notice() -> None:
    record = crossref_record(_sample("test_works_with_one_id__0_200.json")["message"])
    assert record is not None
    assert record.doi == "10.1371/journal.pone.0033693"
    assert record.title is not None and record.title.startswith("Methylphenidate Exposure")
    assert record.authors[0] == Author("Sadasivan", "Shankar")
    assert (record.container, record.short_containers) == ("PLoS ONE", ("PLoS ONE",))
    assert (record.volume, record.issue, record.pages) == ("7", "3", "e33693")
    assert (record.year, record.print_year, record.online_year) == ("2012", None, "2012")
    assert record.type == "journal-article"
    assert record.updates == (
        WorkUpdate(
            type="correction",
            doi="10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda",
            label="Correction",
            source="publisher",
            date="2012-05-08",
        ),
    )


def test_crossref_article_number_when_page_is_missing() -> None:
    record = crossref_record(_sample("test_works_with_many_ids__2_200.json")["message"])
    assert record is not None
    assert (record.pages, record.short_containers) == ("16696", ("Sci Rep",))


def test_every_recorded_crossref_item_reads_without_error() -> None:
    items = [
        item
        for path in sorted(SAMPLES.glob("*.json"))
        if isinstance(message := json.loads(path.read_text(encoding="utf-8")).get("message"), dict)
        for item in message.get("items", [message])
        if "DOI" in item
    ]
    records = [crossref_record(item) for item in items]
    assert len(records) > 100
    assert all(r is not None and r.doi == r.doi.lower() for r in records)


def test_crossref_organisation_author_and_broken_fields() -> None:
    record = crossref_record(
        {
            "DOI": "10.1000/XYZ",
            "title": "not a list",
            "author": [{"name": "WHO Consortium, Geneva"}, "junk", {"family": "Lee"}],
            "issued": {"date-parts": [[None]]},
            "published-print": {"date-parts": [["2019", 4]]},
            "page": "1655–1664",
            "volume": 12,
            "updated-by": [{"type": "Retraction", "source": "retraction-watch"}, {"x": 1}],
        }
    )
    assert record is not None
    assert record.doi == "10.1000/xyz"
    assert record.title == "not a list"
    assert record.authors == (Author("WHO Consortium, Geneva", organization=True), Author("Lee"))
    assert (record.year, record.print_year, record.pages, record.volume) == (
        None,
        "2019",
        "1655-1664",
        "12",
    )
    assert record.updates == (WorkUpdate(type="retraction", source="retraction-watch"),)


def test_records_without_doi_are_refused() -> None:
    assert crossref_record({"title": ["x"]}) is None
    assert crossref_record(["not", "a", "mapping"]) is None
    assert datacite_record({"titles": []}) is None
    assert csl_record(None) is None


def test_csl_json_from_content_negotiation() -> None:
    record = csl_record(_sample("test_content_negotiation_citeproc_json__1_200.json"))
    assert record is not None
    assert record.source == "doi.org"
    assert record.title == "The Structure of Ordinary Water"
    assert record.authors == (Author("Frank", "Henry S."),)
    assert (record.container, record.volume, record.issue, record.pages) == (
        "Science",
        "169",
        "3946",
        "635-641",
    )
    assert (record.year, record.print_year) == ("1970", "1970")


ARXIV_ATTRIBUTES = {
    "doi": "10.48550/ARXIV.1706.03762",
    "titles": [
        {"title": "Attention Is All You Need"},
        {"title": "A subtitle", "titleType": "Subtitle"},
    ],
    "creators": [
        {"name": "Vaswani, Ashish", "nameType": "Personal", "givenName": "Ashish",
         "familyName": "Vaswani"},
        {"name": "Shazeer, Noam", "nameType": "Personal"},
        {"name": "Google Brain", "nameType": "Organizational"},
    ],
    "publisher": "arXiv",
    "publicationYear": 2017,
    "types": {"resourceTypeGeneral": "Preprint", "citeproc": "article"},
    "container": {},
}  # fmt: skip


def test_datacite_arxiv_preprint() -> None:
    record = datacite_record(ARXIV_ATTRIBUTES)
    assert record is not None
    assert (record.doi, record.source) == ("10.48550/arxiv.1706.03762", "datacite")
    assert record.title == "Attention Is All You Need"
    assert record.authors == (
        Author("Vaswani", "Ashish"),
        Author("Shazeer", "Noam"),
        Author("Google Brain", organization=True),
    )
    assert (record.year, record.type, record.container) == ("2017", "preprint", None)


def test_datacite_container_pages_and_type_spelling() -> None:
    record = datacite_record(
        {
            "doi": "10.5281/zenodo.1",
            "titles": [{"title": "T"}],
            "publicationYear": "2020",
            "types": {"resourceTypeGeneral": "JournalArticle"},
            "container": {"title": "J", "volume": "3", "firstPage": "10", "lastPage": "19"},
        }
    )
    assert record is not None
    assert (record.container, record.volume, record.pages, record.type) == (
        "J",
        "3",
        "10-19",
        "journal-article",
    )


def test_record_survives_the_cache_round_trip() -> None:
    record = crossref_record(_sample("test_works_with_one_id__0_200.json")["message"])
    assert record is not None
    stored = json.loads(json.dumps(record_to_json(record)))
    assert record_from_json(stored) == record
