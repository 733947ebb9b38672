"""The polite lookup order (pure), the walk to the first validated record, the sources'
cache, their pacing and their settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from refcheck.cli import app
from refcheck.config import SOURCE_NAMES, Settings
from refcheck.configfile import ConfigError, load_settings
from refcheck.model import Author, LookupStatus, Reference
from refcheck.resolve.cache import Cache
from refcheck.resolve.http import HttpClient
from refcheck.resolve.sources import SOURCE_LIMITS
from refcheck.resolve.sources.lookups import Sources
from refcheck.resolve.sources.order import REGISTRIES, Step, identifiers, lookup_order
from tests.registry.server import FakeRegistry
from tests.sources_helpers import Waits, http_client

PAPERQA = "PaperQA: Retrieval-Augmented Generative Agent for Scientific Research"


def reference(raw: str, kind: str = "article", **fields: object) -> Reference:
    values: dict[str, object] = {"id": "R1", "raw": raw, "page": 1, "type": kind}
    return Reference(**{**values, **fields})  # type: ignore[arg-type]


def paperqa(**fields: object) -> Reference:
    values: dict[str, object] = {
        "authors": (Author("Lála", "Jakub"), Author("O'Donoghue", "Odhran")),
        "title": PAPERQA,
        "year": "2023",
    }
    return reference(f"J. Lála et al. {PAPERQA}. 2023.", "preprint", **{**values, **fields})


def test_identifiers_come_from_the_fields_and_the_text() -> None:
    found = identifiers(
        reference("Smith. A title. arXiv:2312.07559. PMID: 17375194. PMC1817752.", doi="10.1234/X")
    )
    assert found == {
        "doi": "10.1234/x",
        "arxiv": "2312.07559",
        "pmid": "17375194",
        "pmcid": "PMC1817752",
    }


def test_identifiers_first_then_title_searches_cheapest_first() -> None:
    cited = reference("X. Title. arXiv:2312.07559. PMID 17375194", doi="10.1234/x", title="Title")
    steps = lookup_order(cited, SOURCE_NAMES)
    assert [(s.source, s.kind) for s in steps] == [
        (REGISTRIES, "doi"),
        ("arxiv", "arxiv"),
        ("pubmed", "pmid"),
        ("openalex", "title"),
        ("europepmc", "title"),
        ("dblp", "title"),
        ("semanticscholar", "title"),
        ("arxiv", "title"),  # the text names arXiv: a journal article citing its preprint
    ]


def test_only_sources_that_index_the_type_are_searched_and_only_enabled_ones() -> None:
    book = reference("A. Book title. Publisher, 2001.", "book", title="Book title")
    assert [s.source for s in lookup_order(book, SOURCE_NAMES)] == [
        "openalex",
        "dblp",
        "semanticscholar",
    ]
    assert [s.source for s in lookup_order(book, {"dblp"})] == ["dblp"]
    web = reference("A page. https://example.org", "web", title="A page")
    assert lookup_order(web, SOURCE_NAMES) == ()  # not checkable: no source indexes it


def test_a_reference_without_title_gets_identifier_lookups_only() -> None:
    cited = reference("Smith J. Nature 2020. arXiv:2312.07559")
    assert lookup_order(cited, SOURCE_NAMES) == (Step("arxiv", "arxiv", "2312.07559"),)


@pytest.fixture
def sources(registry: FakeRegistry) -> FakeRegistry:
    registry.sources.load_samples()
    return registry


def settings_for(registry: FakeRegistry, **changes: object) -> Settings:
    urls = {
        "openalex_url": registry.urls["openalex"],
        "semanticscholar_url": registry.urls["semanticscholar"],
        "arxiv_url": registry.urls["arxiv"],
        "dblp_url": registry.urls["dblp"],
        "europepmc_url": registry.urls["europepmc"],
        "eutils_url": registry.urls["eutils"],
    }
    return Settings(**{**urls, **changes})  # type: ignore[arg-type]


def test_find_stops_at_the_first_validated_match(sources: FakeRegistry, tmp_path: Path) -> None:
    with http_client(Waits()) as http, Cache.open(tmp_path) as cache:
        outcome = Sources(http, cache, settings_for(sources)).find(paperqa())
    assert outcome.record is not None and outcome.record.source == "openalex"
    assert [(s.source, status) for s, status in outcome.asked] == [
        ("openalex", LookupStatus.RESOLVED)
    ]
    assert not sources.requests_to("semanticscholar")  # stopped: no further request


def test_find_walks_on_past_sources_that_lack_the_work(
    sources: FakeRegistry, tmp_path: Path
) -> None:
    sources.sources.openalex.clear()
    sources.faults("europepmc").status = 503
    with http_client(Waits(), retries=0) as http, Cache.open(tmp_path) as cache:
        outcome = Sources(http, cache, settings_for(sources)).find(paperqa())
    assert outcome.record is not None and outcome.record.source == "semanticscholar"
    assert [(s.source, status) for s, status in outcome.asked] == [
        ("openalex", LookupStatus.NOT_FOUND),
        ("europepmc", LookupStatus.UNREACHABLE),
        ("dblp", LookupStatus.NOT_FOUND),
        ("semanticscholar", LookupStatus.RESOLVED),
    ]


def test_a_hit_with_another_first_author_is_not_the_work(
    sources: FakeRegistry, tmp_path: Path
) -> None:
    chimera = paperqa(authors=(Author("Vaswani", "Ashish"),), year="2017")
    with http_client(Waits()) as http, Cache.open(tmp_path) as cache:
        outcome = Sources(http, cache, settings_for(sources)).find(chimera)
    assert outcome.record is None
    assert {status for _, status in outcome.asked} == {LookupStatus.NOT_FOUND}


def test_warm_cache_makes_no_request_and_failures_are_not_cached(
    sources: FakeRegistry, tmp_path: Path
) -> None:
    sources.faults("openalex").status = 503
    with http_client(Waits(), retries=0) as http, Cache.open(tmp_path) as cache:
        cold = Sources(http, cache, settings_for(sources)).find(paperqa())
    assert cold.record is not None and cold.record.source == "semanticscholar"
    sources.reset()
    sources.sources.load_samples()
    with http_client(Waits()) as http, Cache.open(tmp_path) as cache:
        warm = Sources(http, cache, settings_for(sources)).find(paperqa())
    assert warm.record is not None and warm.record.source == "openalex"  # asked again
    assert len(sources.requests_to("openalex")) == 1
    with http_client(Waits()) as http, Cache.open(tmp_path) as cache:
        again = Sources(http, cache, settings_for(sources)).find(paperqa())
    assert again == warm and len(sources.requests_to("openalex")) == 1


def test_each_source_is_paced_by_its_documented_limit(sources: FakeRegistry) -> None:
    waits = Waits()
    with HttpClient(
        user_agent="t", timeout=2.0, limits=SOURCE_LIMITS, sleep=waits, clock=lambda: 0.0
    ) as http:
        for _ in range(2):
            http.request("GET", f"{sources.urls['arxiv']}/query", route="arxiv", trusted=True)
    assert waits.seconds == [pytest.approx(3 * 1.05)]  # one request every three seconds
    assert SOURCE_LIMITS["pubmed"].rate == 3.0 and SOURCE_LIMITS["arxiv"].concurrency == 1


def test_sources_are_configurable_and_checked(tmp_path: Path) -> None:
    config = tmp_path / "refcheck.toml"
    config.write_text('sources = ["dblp", "arxiv"]\narxiv-url = "http://127.0.0.1:9"\n')
    settings = load_settings(config=config)
    assert settings.sources == ("dblp", "arxiv") and settings.arxiv_url == "http://127.0.0.1:9"
    config.write_text('sources = ["google"]\n')
    with pytest.raises(ConfigError, match="'google' is no source"):
        load_settings(config=config)


def test_no_source_flag_rejects_unknown_names() -> None:
    result = CliRunner().invoke(app, ["check", "--no-source", "google", "x.pdf"])
    assert result.exit_code == 2 and "is no source" in result.output
