"""The fabrication benchmark's generator and scorer (benchmarks/eval_fabrication.py).

A tiny world: its invariants (fabricated titles in no source, verified works in the sources
their gold says, every entry labelled, dev/held-out split as documented) and the scorer's
precision and recall on a hand-made report. Only 127.0.0.1; deterministic.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from benchmarks.fabrication.bibtex import entry_text, write_bib_files
from benchmarks.fabrication.corpus import (
    HELDOUT_FIELDS,
    HELDOUT_STYLE,
    LABELS,
    Corpus,
    GoldEntry,
    build_corpus,
)
from benchmarks.fabrication.runs import serve_world
from benchmarks.fabrication.scoring import class_scores, field_agreement, flag_score, score_report
from refcheck.readers.bibtex import read_bib_references
from refcheck.resolve.sources.arxiv import Arxiv
from refcheck.resolve.sources.dblp import Dblp
from refcheck.resolve.sources.europepmc import EuropePmc
from refcheck.resolve.sources.openalex import OpenAlex
from refcheck.resolve.sources.pubmed import PubMed
from refcheck.resolve.sources.semanticscholar import SemanticScholar
from tests.registry.records import PlainWork
from tests.registry.server import FakeRegistry
from tests.sources_helpers import Waits, http_client


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return build_corpus(seed=5, scale=1)


def test_generation_is_deterministic(corpus: Corpus) -> None:
    again = build_corpus(seed=5, scale=1)
    assert again.entries == corpus.entries
    assert build_corpus(seed=6, scale=1).entries != corpus.entries


def test_every_entry_has_a_gold_label_and_the_split_it_documents(corpus: Corpus) -> None:
    assert {e.label for e in corpus.entries} == set(LABELS)
    assert len({e.key for e in corpus.entries}) == len(corpus.entries)
    for entry in corpus.entries:
        held = entry.field in HELDOUT_FIELDS or entry.style == HELDOUT_STYLE
        assert entry.split == ("heldout" if held else "dev")
    assert Counter(e.split for e in corpus.entries).keys() == {"dev", "heldout"}


def test_bib_files_hold_every_entry_in_order(corpus: Corpus, tmp_path: Path) -> None:
    paths = write_bib_files(corpus, tmp_path)
    read = [str(r.key) for path in paths for r in read_bib_references([path])]
    written = [e.key for path in paths for e in corpus.entries if e.bib_file == path.name]
    assert read == written
    assert sorted(read) == sorted(e.key for e in corpus.entries)


def test_every_mismatch_prints_differently_from_the_work(corpus: Corpus) -> None:
    works = corpus.world.by_key()
    for entry in corpus.entries:
        if entry.label == "metadata-mismatch":
            right = replace(entry, cited=works[str(entry.work)])
            assert entry_text(entry) != entry_text(right), entry.key


def _found_in(registry: FakeRegistry, source: str, work: PlainWork) -> bool:
    http = http_client(Waits())
    url = registry.urls["eutils" if source == "pubmed" else source]
    if source == "openalex":
        return bool(OpenAlex(http, url).search_title(work.title))
    if source == "semanticscholar":
        return bool(SemanticScholar(http, url).match_title(work.title))
    if source == "arxiv":
        return bool(Arxiv(http, url).search_title(work.title))
    if source == "dblp":
        return bool(Dblp(http, url).search(work.title))
    if source == "europepmc":
        return bool(EuropePmc(http, url).search_title(work.title))
    if source == "pubmed":
        return PubMed(http, url).summaries([work.pmid]).get(work.pmid) is not None
    return work.doi.lower() in registry.store.crossref


def test_fabricated_titles_are_in_no_source_and_real_works_in_theirs(corpus: Corpus) -> None:
    works = corpus.world.by_key()
    with FakeRegistry() as registry:
        serve_world(registry, corpus.world)
        for entry in corpus.entries:
            if entry.label == "fabricated" and entry.case != "chimera":
                for source in ("openalex", "semanticscholar", "arxiv", "dblp", "europepmc"):
                    assert not _found_in(registry, source, entry.cited), (entry.key, source)
                assert entry.cited.doi.lower() not in registry.store.agencies or (
                    entry.case == "other-doi"
                )
            elif entry.label == "verified":
                work = works[str(entry.work)]
                assert work.sources, entry.key
                for source in work.sources:
                    assert _found_in(registry, source, work), (entry.key, source)
            elif entry.label == "not-checkable":
                assert not works[str(entry.work)].sources


def _reference(key: str, number: int, status: str | None) -> dict[str, Any]:
    reference: dict[str, Any] = {"id": f"R{number}", "label": key, "raw": ""}
    if status is not None:
        reference["verdict"] = {"status": status, "fields": ["year"], "asked": [], "reason": ""}
    return reference


def test_scorer_counts_precision_and_recall_on_a_hand_made_report(corpus: Corpus) -> None:
    by_label = {label: [e for e in corpus.entries if e.label == label][:2] for label in LABELS}
    picked: list[GoldEntry] = [e for entries in by_label.values() for e in entries]
    verdicts = {  # two entries per label: what the fake report says of each
        "verified": ("verified", "verified"),
        "metadata-mismatch": ("metadata-mismatch", "verified"),
        "fabricated": ("not-found", "metadata-mismatch"),
        "not-checkable": ("not-checkable", "not-found"),
    }
    references, findings = [], []
    for number, entry in enumerate(picked, start=1):
        status = verdicts[entry.label][by_label[entry.label].index(entry)]
        references.append(_reference(entry.key, number, status))
        if status == "not-found":  # XREF004 on the fabrication and on the not-checkable one
            findings.append({"code": "XREF004", "reference_id": f"R{number}"})
    report = {"documents": [{"references": references, "findings": findings}]}
    score = score_report(picked, report)
    got = {c.label: (c.gold, c.predicted, c.correct) for c in class_scores(score.outcomes)}
    assert got == {
        "verified": (2, 3, 2),
        "metadata-mismatch": (2, 2, 1),
        "fabricated": (2, 2, 1),
        "not-checkable": (2, 1, 1),
    }
    flags = flag_score(score.outcomes)
    assert (flags.planted, flags.fired, flags.hits, flags.on_uncheckable) == (2, 2, 1, 1)
    assert flags.precision == 0.5 and flags.recall == 0.5
    wrong_year = "year" in by_label["metadata-mismatch"][0].wrong
    assert field_agreement(score.outcomes) == (int(wrong_year), 1)


def test_a_report_without_verdicts_counts_as_missing(corpus: Corpus) -> None:
    entries = list(corpus.entries[:3])
    report = {"documents": [{"references": [_reference(e.key, i, None) for i, e in
                                            enumerate(entries, 1)], "findings": []}]}  # fmt: skip
    score = score_report(entries, report)
    assert [o.verdict for o in score.outcomes] == ["missing"] * 3
    assert not score.unmatched
