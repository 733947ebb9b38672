"""The source readers' fields, read exactly: names, keys, notes, comments, field codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.errors import SourceFileError, WrongKindError
from refcheck.model import Author
from refcheck.readers import sniff_kind
from refcheck.readers.bbl import read_bbl
from refcheck.readers.bibtex import read_bib, split_names
from refcheck.readers.latex import find_citations, without_uncited_text
from refcheck.readers.latex_text import plain_text

INPUTS = Path(__file__).resolve().parent / "data" / "inputs"


def test_bibtex_names_keep_particles_braced_organisations_and_drop_others() -> None:
    names = "van der Maaten, Laurens and {World Health Organization} and Jean de la Fontaine"
    assert list(split_names(names + " and others")) == [
        Author("van der Maaten", "Laurens"),
        Author("World Health Organization", organization=True),
        Author("de la Fontaine", "Jean"),
    ]


def test_and_inside_braces_is_part_of_one_name() -> None:
    assert list(split_names("{Barnes and Noble}")) == [
        Author("Barnes and Noble", organization=True)
    ]


def test_zotero_export_fields_are_exact() -> None:
    references = {r.key: r for r in read_bib(INPUTS / "zotero_export.bib").references}
    thesis = references["muller_uber_2019"]
    assert (thesis.title, thesis.authors[0].family, thesis.type) == (
        "Über die Stabilität neuronaler Netze", "Müller", "thesis"
    )  # fmt: skip
    assert references["devlin_bert_2019"].type == "preprint"
    assert references["vaswani_attention_2017"].type == "proceedings"
    assert references["world_health_organization_global_2023"].authors[0].organization


def test_a_bib_without_entries_is_a_source_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.bib"
    empty.write_text("% nothing here\n", encoding="utf-8")
    with pytest.raises(SourceFileError, match="no BibTeX entries"):
        read_bib(empty)


def test_plain_text_turns_latex_into_what_it_prints() -> None:
    assert plain_text(r"{\"U}ber \emph{Stabilit{\"a}t}, pp.~1--10 \& more") == (
        "Über Stabilität, pp. 1–10 & more"
    )


def test_comments_verb_and_verbatim_cite_nothing_but_escaped_percent_stays() -> None:
    source = without_uncited_text(
        "50\\% \\cite{a} % \\cite{b}\n\\verb|\\cite{c}| \\begin{verbatim}\\cite{d}\\end{verbatim}"
    )
    assert [w.key for c in find_citations(source) for w in c.works] == ["a"]


@pytest.mark.parametrize(
    ("command", "keys", "style"),
    [
        ("\\citet{a}", ["a"], "narrative"),
        ("\\citep[see][p.~3]{a, b}", ["a", "b"], "parenthetical"),
        ("\\citealt*{a}", ["a"], "narrative"),
        ("\\parencite[12]{a}", ["a"], "parenthetical"),
        ("\\Textcite{a}", ["a"], "narrative"),
        ("\\autocite*[p.~4]{a,b,c}", ["a", "b", "c"], "parenthetical"),
        ("\\cites(all)(x)[see][]{a}[p.~5]{b}", ["a", "b"], "parenthetical"),
        ("\\nocite{a}", ["a"], "parenthetical"),
    ],
)
def test_natbib_and_biblatex_commands(command: str, keys: list[str], style: str) -> None:
    [citation] = find_citations(command + " after")
    assert [w.key for w in citation.works] == keys
    assert citation.style == style


def test_citestyle_is_no_citation() -> None:
    assert list(find_citations("\\citestyle{authoryear}")) == []


def test_biblatex_bbl_reads_name_parts_and_fields() -> None:
    lecun, maaten = read_bbl(INPUTS / "biblatex_paper.bbl").references
    assert (lecun.pages, lecun.doi, lecun.container) == ("436-444", "10.1038/nature14539", "Nature")
    assert maaten.authors[0] == Author("van der Maaten", "Laurens")


def test_bibtex_bbl_reads_authors_and_title_from_newblocks() -> None:
    he = read_bbl(INPUTS / "bbl_only.bbl").references[0]
    assert [a.family for a in he.authors] == ["He", "Zhang", "Ren", "Sun"]
    assert he.title == "Deep residual learning for image recognition"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("zotero_export.bib", "bib"),
        ("natbib_paper.tex", "tex"),
        ("bbl_only.bbl", "bbl"),
        ("pmc_article.xml", "jats"),
        ("plain_citations.docx", "docx"),
    ],
)
def test_kinds_by_extension_and_content(name: str, kind: str) -> None:
    assert sniff_kind(INPUTS / name) == kind


def test_bib_entries_are_recognised_without_the_extension(tmp_path: Path) -> None:
    renamed = tmp_path / "library.txt"
    renamed.write_text((INPUTS / "google_scholar_export.bib").read_text(encoding="utf-8"))
    assert sniff_kind(renamed) == "bib"


def test_xml_that_is_not_jats_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "feed.xml"
    other.write_text("<?xml version='1.0'?><rss></rss>", encoding="utf-8")
    with pytest.raises(WrongKindError, match="not a JATS article"):
        sniff_kind(other)
