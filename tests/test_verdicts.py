"""A verdict per reference, end to end: `refcheck check refs.bib` against the fake registries
and sources (built on recorded response shapes), cold and warm cache, and with a source down.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from refcheck.cli import app
from tests.registry.server import FakeRegistry
from tests.registry.sources import SOURCE_SERVICES

runner = CliRunner()

# A DAC paper that dblp holds (recorded hit) and no DOI registry does; an invented article;
# a book and a web page that no index holds.
BIB = r"""
@inproceedings{zhang2021attentional,
  author = {Zhang, Xiaopeng and Yang, Haoyu and Young, Evangeline F. Y.},
  title = {Attentional Transfer is All You Need: Technology-aware Layout Pattern Generation},
  booktitle = {DAC},
  year = {2021},
}
@article{osei2021quantum,
  author = {Osei, Kofi and Brandt, Lena},
  title = {Quantum annealing of lattice protein folds under thermal noise},
  journal = {Nature Computational Biology},
  volume = {4},
  pages = {211--230},
  year = {2021},
}
@book{hartley2004tides,
  author = {Hartley, Mairi},
  title = {Tides and their keepers},
  publisher = {Harbour Press},
  year = {2004},
}
@misc{worldbank2020poverty,
  author = {{World Bank}},
  title = {Poverty and shared prosperity data portal},
  howpublished = {\url{https://example.org/poverty}},
  year = {2020},
}
"""


def _check(registry: FakeRegistry, bib: Path, cache: Path) -> tuple[int, dict[str, Any]]:
    urls = [f"--{name}-url={registry.urls[name]}" for name in ("crossref", "datacite", "doi")]
    urls += [f"--{name}-url={registry.urls[name]}" for name in SOURCE_SERVICES]
    result = runner.invoke(
        app,
        ["check", "--format", "json", "--no-urls", "--cache-dir", str(cache), *urls, str(bib)],
    )
    [document] = json.loads(result.stdout)["documents"]
    return result.exit_code, document


def _verdicts(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["key"]: r["verdict"] for r in document["references"]}


def _codes(document: dict[str, Any], key: str) -> list[str]:
    ids = {r["key"]: r["id"] for r in document["references"]}
    return sorted(f["code"] for f in document["findings"] if f.get("reference_id") == ids[key])


def _bib(tmp_path: Path) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def test_each_reference_gets_its_verdict_and_the_invented_one_is_called_fabricated(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    registry.sources.load_samples()
    code, document = _check(registry, _bib(tmp_path), tmp_path / "cache")
    verdicts = _verdicts(document)
    dac = verdicts["zhang2021attentional"]
    assert dac["status"] == "verified" and dac["source"] == "dblp"
    assert dac["identifier"] == {"kind": "doi", "value": "10.1109/dac18074.2021.9586227"}
    # No XREF002 for a paper dblp holds; the DOI dblp knows is suggested.
    assert _codes(document, "zhang2021attentional") == ["XREF003"]

    invented = verdicts["osei2021quantum"]
    assert invented["status"] == "not-found"
    asked = {(q["source"], q["kind"]) for q in invented["asked"]}
    assert {("crossref", "bibliographic"), ("openalex", "title")} <= asked
    assert {("semanticscholar", "title"), ("dblp", "title"), ("europepmc", "title")} <= asked
    assert _codes(document, "osei2021quantum") == ["XREF004"]
    [finding] = [f for f in document["findings"] if f["code"] == "XREF004"]
    assert finding["evidence"]["queries"][0]["source"] == "crossref"
    assert code == 1  # XREF004 is an error

    assert verdicts["hartley2004tides"]["status"] == "not-checkable"
    assert verdicts["worldbank2020poverty"]["status"] == "not-checkable"
    assert _codes(document, "hartley2004tides") == _codes(document, "worldbank2020poverty") == []


def test_warm_cache_makes_no_request_and_gives_the_same_verdicts(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    registry.sources.load_samples()
    bib, cache = _bib(tmp_path), tmp_path / "cache"
    _, cold = _check(registry, bib, cache)
    cold_requests = len(registry.requests_log)
    assert cold_requests > 0
    _, warm = _check(registry, bib, cache)
    assert len(registry.requests_log) == cold_requests  # not one request more
    assert _verdicts(warm) == _verdicts(cold)


def test_a_source_down_makes_the_invented_reference_unverified_never_fabricated(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    registry.sources.load_samples()
    registry.faults("semanticscholar").status = 503
    registry.faults("semanticscholar").retry_after = "0"
    _, document = _check(registry, _bib(tmp_path), tmp_path / "cache")
    invented = _verdicts(document)["osei2021quantum"]
    assert invented["status"] == "unverified"
    assert "semanticscholar" in invented["reason"]
    assert "XREF004" not in {f["code"] for f in document["findings"]}
    skipped = {s["check"]: s["reason"] for s in document["skipped"]}
    assert "semanticscholar" in skipped["XREF004"]
    # The dblp paper is still verified: one source down costs only what it alone could say.
    assert _verdicts(document)["zhang2021attentional"]["status"] == "verified"


MISDATED = r"""
@article{lala2021paperqa,
  author = {L{\'a}la, Jakub and O'Donoghue, Odhran and Shtedritski, Aleksandar},
  title = {PaperQA: Retrieval-Augmented Generative Agent for Scientific Research},
  journal = {arXiv preprint},
  year = {2021},
}
"""


def test_a_misdated_work_is_a_metadata_mismatch_with_its_corrected_entry(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    registry.sources.load_samples()
    bib = tmp_path / "refs.bib"
    bib.write_text(MISDATED, encoding="utf-8")
    _, document = _check(registry, bib, tmp_path / "cache")
    verdict = _verdicts(document)["lala2021paperqa"]
    assert verdict["status"] == "metadata-mismatch" and verdict["fields"] == ["year"]
    assert verdict["source"] == "openalex"
    assert verdict["identifier"] == {"kind": "doi", "value": "10.48550/arxiv.2312.07559"}
    assert "year = {2023}" in verdict["corrected_bibtex"]
    assert "doi = {10.48550/arxiv.2312.07559}" in verdict["corrected_bibtex"]
    assert verdict["corrected_csl"]["issued"] == {"date-parts": [[2023]]}
    assert "XREF004" not in {f["code"] for f in document["findings"]}
    urls = [f"--{n}-url={registry.urls[n]}" for n in ("crossref", "datacite", "doi")]
    urls += [f"--{n}-url={registry.urls[n]}" for n in SOURCE_SERVICES]
    cache = str(tmp_path / "cache")
    options = ["--format", "html", "--no-urls", "--cache-dir", cache, *urls]
    page = runner.invoke(app, ["check", *options, str(bib)]).stdout
    assert "Corrected entry, from the record (BibTeX)" in page and "year = {2023}" in page


def test_a_source_record_marked_retracted_carries_a_retraction_notice() -> None:
    from refcheck.model import LookupStatus
    from refcheck.resolve.sources.lookups import source_find
    from refcheck.resolve.sources.order import Outcome, Step
    from refcheck.resolve.sources.record import SourceRecord

    step = Step("openalex", "title", "A retracted study of things")
    retracted = SourceRecord("openalex", "W1", title=step.value, retracted=True)
    found = source_find(Outcome(retracted, step, ((step, LookupStatus.RESOLVED),)))
    assert found.record is not None and found.identifier == ("openalex", "W1")
    [notice] = found.record.updates
    assert (notice.type, notice.source) == ("retraction", "openalex")
    kept = source_find(Outcome(SourceRecord("openalex", "W2", title="x"), step, ()))
    assert kept.record is not None and kept.record.updates == ()
