"""Alphabetic callouts ("[Ebb16]", "[AF04; Ebb16]"): found beside a list labelled so, linked by
label, and a label with no entry is CIT001 (issue 11)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from refcheck.extract.citations.alphabetic import alphabetic, is_alphabetic_list
from refcheck.extract.document import build_document
from refcheck.link import link_citations
from refcheck.model import CitedWork, Document, Reference
from refcheck.names import entry_label
from refcheck.pdf import load
from refcheck.rules.base import RuleInput
from refcheck.rules.citations import UnmatchedCitation
from tests import listgen
from tests.rules.examples import cite, document, ref


def _labels(text: str) -> list[list[str | None]]:
    return [[w.label for w in found[3]] for found in alphabetic(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # biblatex alphabetic: three letters of one surname, "+" for many authors, the
        # prefix's space kept ("Di +11"), a break inside a run of callouts.
        ("as shown [Ebb16] and [Di\n+11; She+08].", [["Ebb16"], ["Di+11", "She+08"]]),
        ("before [AF04, p. 12] and [FN71a]", [["AF04"], ["FN71a"]]),
        # BibTeX alpha: initials of up to four authors, "+" after three.
        ("see [GKP89, ABC+95] for the proofs", [["GKP89", "ABC+95"]]),
    ],
    ids=["biblatex-alphabetic", "locator-and-suffix", "bibtex-alpha"],
)
def test_alphabetic_callouts_are_read_with_their_labels(
    text: str, expected: list[list[str]]
) -> None:
    assert _labels(text) == expected


@pytest.mark.parametrize("text", ["[12]", "[Table 2]", "[see above]", "[1995]", "[x]"])
def test_brackets_without_an_alphabetic_label_are_not_read(text: str) -> None:
    assert _labels(f"as shown {text} here") == []


def test_a_list_is_alphabetic_when_most_entries_open_with_such_a_label() -> None:
    raws = [
        "[All05] G. Allen. The cerebellum.",
        "[Di +11] L. Di Grande et al. Stress.",
        "[Ber+01] G. S. Berns et al. Predictability.",
        "[Wil84] K. Wilkes. Consciousness.",
    ]
    assert entry_label(raws[1]) == "Di+11"
    assert is_alphabetic_list(raws)
    assert not is_alphabetic_list(["[1] A. Smith. A study.", "[2] B. Lee. B.", "[3] C. D. E."])
    assert not is_alphabetic_list(["Allen, G. (2005). The cerebellum."] * 4)


def _linked(references: tuple[Reference, ...], *labels: str) -> Document:
    citations = tuple(
        cite(n, f"[{label}]", CitedWork(label, label=label)) for n, label in enumerate(labels, 1)
    )
    return document(references=references, citations=citations)


def test_a_label_links_its_entry_and_a_label_with_no_entry_is_cit001() -> None:
    refs = tuple(
        ref(n, name, "2016") for n, name in enumerate(("Allen, G.", "Berns, G.", "Clark, T."), 1)
    )
    refs = tuple(
        replace(r, raw=f"[{label}] {r.raw}")
        for r, label in zip(refs, ("All05", "Ber+01", "CG09"), strict=True)
    )
    doc = _linked(refs, "All05", "Ber+01", "CG09", "Ebb16")
    linking = link_citations(doc)
    assert [(link.status, link.reference_ids) for link in linking.links] == [
        ("exact", ("R1",)),
        ("exact", ("R2",)),
        ("exact", ("R3",)),
        ("unmatched", ()),
    ]
    findings = list(UnmatchedCitation().check(RuleInput(doc, linking)))
    assert [f.message for f in findings] == ["citation 'Ebb16' matches no reference"]


def _paper(columns: int, labels: list[str], path: Path, cited: str) -> Path:
    """Labels hung left of the entries' text; no labels: an author-year list."""
    style = listgen.Style(columns=columns, indent=30.0 if labels else 20.0)
    entries = listgen.reference_list(len(labels) or 4, "", seed=7)
    blocks = [
        listgen.Block("heading", "1 Introduction"),
        listgen.Block("text", f"{listgen.PROSE} As reported {cited}, the method holds."),
        listgen.Block("text", listgen.PROSE),
        listgen.Block("heading", "References"),
        *(
            listgen.Block("entry", entry.text, f"[{label}]")
            for entry, label in zip(entries, labels or [""] * 4, strict=True)
        ),
    ]
    return listgen.write(path, blocks, style)


@pytest.mark.parametrize("columns", [1, 2], ids=["one-column", "two-column"])
def test_alphabetic_callouts_in_a_typeset_paper(columns: int, tmp_path: Path) -> None:
    labels = ["Ada20", "Bak+19", "Car07", "DE11"]
    cited = "[Ada20; Bak+19] and [Car07, DE11] and [Zed99]"
    doc = build_document(load(_paper(columns, labels, tmp_path / "a.pdf", cited), 10))
    linking = link_citations(doc)
    statuses = sorted((link.status, link.reference_ids) for link in linking.links)
    assert [s for s, _ in statuses].count("exact") == 4, statuses
    assert ("unmatched", ()) in statuses


@pytest.mark.parametrize("columns", [1, 2], ids=["one-column", "two-column"])
def test_letters_and_digits_in_brackets_cite_nothing_beside_an_author_year_list(
    columns: int, tmp_path: Path
) -> None:
    doc = build_document(load(_paper(columns, [], tmp_path / "a.pdf", "[PM10] and [SO42]"), 10))
    assert len(doc.references) == 4
    assert [c.text for c in doc.citations if c.style == "alphabetic"] == []
