"""Gold entries written as BibTeX in three styles.

* ``zotero``: a reference manager's export: full names, ``doi``, ``url``, ``abstract``,
  ``urldate``, ``month``; preprints as ``@misc`` with ``eprint``/``archivePrefix``; news
  stories as ``@article`` in the outlet.
* ``scholar``: Google Scholar's minimal export: ``journal={arXiv preprint arXiv:ID}`` for
  preprints, ``booktitle={Proceedings of …}``, no DOI or URL.
* ``hand``: written by hand (held out): initials, ``and others`` beyond three authors, short
  venue names ("Proc. NeurIPS"), braces in titles, dblp-like ``journal={CoRR}``,
  ``volume={abs/ID}`` for preprints, DOIs as full ``https://doi.org/`` links.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.fabrication.corpus import Corpus, GoldEntry
from tests.registry.records import PlainWork

Fields = list[tuple[str, str]]


def _names(authors: tuple[tuple[str, str], ...]) -> str:
    return " and ".join(f"{family}, {given}" for given, family in authors)


def _initials(authors: tuple[tuple[str, str], ...]) -> str:
    shown = [
        f"{' '.join(part[0] + '.' for part in given.replace('-', ' ').split())} {family}"
        for given, family in authors[:3]
    ]
    return " and ".join(shown + (["others"] if len(authors) > 3 else []))


def _entry_type(work: PlainWork, style: str) -> str:
    if work.kind == "conference":
        return "inproceedings"
    if work.kind == "book":
        return "book"
    if work.kind == "report":
        return "techreport"
    if work.kind == "web" or (work.kind == "news" and style != "zotero"):
        return "misc"
    if work.kind == "preprint":
        return "misc" if style == "zotero" else "article"
    return "article"


def _zotero(work: PlainWork, as_preprint: bool) -> Fields:
    fields: Fields = [("title", work.title), ("author", _names(work.authors))]
    if as_preprint or work.kind == "preprint":
        url = f"https://arxiv.org/abs/{work.arxiv}"
        fields += [("publisher", "arXiv"), ("eprint", work.arxiv), ("archivePrefix", "arXiv"),
                   ("url", url), ("year", str(work.year))]  # fmt: skip
        return fields
    container = {"conference": "booktitle", "news": "journal", "journal": "journal"}
    if work.kind in container:
        fields.append((container[work.kind], work.venue or work.publisher))
    for name, value in (("volume", work.volume), ("number", work.issue)):
        if value:
            fields.append((name, value))
    if work.pages:
        fields.append(("pages", work.pages.replace("-", "--")))
    if work.kind in ("book", "report"):
        fields.append(("institution" if work.kind == "report" else "publisher", work.publisher))
    fields += [("year", str(work.year)), ("month", "mar")]
    if work.doi:
        fields += [("doi", work.doi), ("url", f"https://doi.org/{work.doi}")]
    elif work.url:
        fields += [("url", work.url), ("urldate", "2025-01-15")]
    fields.append(("abstract", f"We study {work.title.lower()}. Results are reported."))
    return fields


def _scholar(work: PlainWork, as_preprint: bool) -> Fields:
    fields: Fields = [("title", work.title), ("author", _names(work.authors))]
    if as_preprint or work.kind == "preprint":
        return [
            *fields,
            ("journal", f"arXiv preprint arXiv:{work.arxiv}"),
            ("year", str(work.year)),
        ]
    if work.kind == "conference":
        venue = work.venue
        fields.append(
            ("booktitle", venue if venue.startswith("Proc") else f"Proceedings of the {venue}")
        )
    elif work.kind in ("journal", "news"):
        fields.append(("journal", work.venue or work.publisher))
    for name, value in (("volume", work.volume), ("number", work.issue)):
        if value:
            fields.append((name, value))
    if work.pages:
        fields.append(("pages", work.pages.replace("-", "--")))
    fields.append(("year", str(work.year)))
    if work.kind in ("web", "news") and work.url:
        fields.append(("howpublished", f"\\url{{{work.url}}}"))
    if work.publisher:
        fields.append(("publisher", work.publisher))
    return fields


def _hand(work: PlainWork, as_preprint: bool) -> Fields:
    title = " ".join(
        f"{{{w}}}" if w[:1].isupper() and i else w for i, w in enumerate(work.title.split())
    )
    fields: Fields = [("author", _initials(work.authors)), ("title", title)]
    if as_preprint or work.kind == "preprint":
        return [
            *fields,
            ("journal", "CoRR"),
            ("volume", f"abs/{work.arxiv}"),
            ("year", str(work.year)),
        ]
    if work.kind == "conference":
        fields.append(("booktitle", f"Proc. {work.venue_short}"))
    elif work.kind == "journal":
        fields.append(("journal", work.venue_short or work.venue))
    if work.volume:
        fields.append(("volume", work.volume))
    if work.pages:
        fields.append(("pages", work.pages))
    fields.append(("year", str(work.year)))
    if work.doi:
        fields.append(("doi", f"https://doi.org/{work.doi}"))
    if work.kind in ("book", "report"):
        fields.append(("publisher", work.publisher))
    if work.url:
        fields.append(("howpublished", f"\\url{{{work.url}}}"))
    return fields


WRITERS = {"zotero": _zotero, "scholar": _scholar, "hand": _hand}


def entry_text(entry: GoldEntry) -> str:
    fields = WRITERS[entry.style](entry.cited, entry.as_preprint)
    kind = (
        "misc"
        if entry.as_preprint and entry.style == "zotero"
        else _entry_type(entry.cited, entry.style)
    )
    if entry.style == "hand":
        body = ",\n".join(f'  {name} = "{value}"' for name, value in fields if value)
    else:
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{kind}{{{entry.key},\n{body}\n}}\n"


def write_bib_files(corpus: Corpus, directory: Path, split: str = "all") -> list[Path]:
    """One .bib per split and field, entries in corpus order; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    grouped: dict[str, list[GoldEntry]] = {}
    for entry in corpus.of_split(split):
        grouped.setdefault(entry.bib_file, []).append(entry)
    paths = []
    for name, entries in sorted(grouped.items()):
        path = directory / name
        path.write_text("\n".join(entry_text(e) for e in entries), encoding="utf-8")
        paths.append(path)
    return paths
