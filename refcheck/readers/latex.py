r"""LaTeX sources: the ``\cite`` commands of a .tex file (and the .aux file LaTeX writes).

Citations are read from natbib (``\citet``, ``\citep``, ``\citealt`` …) and biblatex
(``\parencite``, ``\textcite``, ``\autocite``, ``\cites`` …) commands, with their pre- and
postnotes, several keys and starred forms; comments, ``\verb`` and verbatim environments cite
nothing. The bibliography is the .bib files named by ``\bibliography{}`` or
``\addbibresource{}`` (relative to the .tex), of which only the cited entries are the paper's
(as BibTeX prints them; all with ``\nocite{*}``), else a ``thebibliography`` in the .tex
itself, else the .bbl beside it. Files pulled in with ``\input``/``\include`` are read as part
of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from refcheck.errors import SourceFileError
from refcheck.model import Citation, CitedWork, Document, PaperMetadata, Reference, Statement
from refcheck.patterns import compiled
from refcheck.readers.bbl import bbl_references
from refcheck.readers.bibtex import read_bib_references
from refcheck.readers.document import source_document
from refcheck.readers.latex_text import plain_text

# How deep \input files may nest: deeper is a loop or a generated tree, not a paper.
MAX_INPUT_DEPTH = 8
_VERBATIM = compiled(
    r"\\begin\{(verbatim|Verbatim|lstlisting|minted|comment|filecontents)\*?\}.*?\\end\{\1\*?\}",
    re.S,
)
_VERB = compiled(r"\\verb\*?([^a-zA-Z\s*])(?:(?!\1).)*\1")
_COMMENT = compiled(r"(?<!\\)%.*")
_INPUT = compiled(r"\\(?:input|include|subfile)\s*\{([^{}]+)\}")
_CITE_COMMAND = compiled(r"\\([A-Za-z]*cite[A-Za-z]*|nocite)(\*?)(?![A-Za-z])")
# Commands with "cite" in their names that cite nothing.
_NOT_CITING = {"citestyle", "citeindextrue", "citeindexfalse", "citetrackerfalse"}
_NARRATIVE = {"citet", "textcite", "textcites", "citeauthor", "citealt", "Citet", "Textcite"}
_BIB_RESOURCE = compiled(
    r"\\(?:bibliography|addbibresource|addglobalbib)\s*(?:\[[^\]]*\])?\{([^{}]+)\}"
)
# A pre- or postnote ("[see][p.~3]", biblatex's "(all)(x)") and the braced keys after them.
_NOTE = compiled(r"\s*(?:\([^()]*\)|\[[^\]]*\])")
_KEYS = compiled(r"\s*\{([^{}]*)\}")
_NOCITE_ALL = compiled(r"\\nocite\s*\{\s*\*\s*\}")
_THEBIBLIOGRAPHY = compiled(r"\\begin\{thebibliography\}.*?\\end\{thebibliography\}", re.S)


def read_tex(path: Path) -> Document:
    """A .tex file's citations linked by key to the bibliography it names."""
    source = _read_with_inputs(path, 0, set())
    references, from_bib = _bibliography(path, source)
    citations = tuple(find_citations(source))
    if _NOCITE_ALL.search(source):  # \nocite{*}: every entry counts as cited
        every = tuple(CitedWork(r.key, key=r.key) for r in references if r.key)
        citations = (*citations, Citation("C0", "\\nocite{*}", 1, "parenthetical", every))
    elif from_bib:
        references = _cited_entries(references, citations)
    return source_document(path, "tex", references, citations, _metadata(source))


def _cited_entries(
    references: tuple[Reference, ...], citations: tuple[Citation, ...]
) -> tuple[Reference, ...]:
    """The .bib entries the paper cites, as BibTeX and Biber print them (keys matched without
    case): a .bib file is a library, and an entry it never cites is no part of the paper."""
    cited = {work.key.casefold() for c in citations for work in c.works if work.key}
    return tuple(r for r in references if r.key and r.key.casefold() in cited)


def read_aux(path: Path) -> Document:
    r"""The .aux file of a LaTeX run: the cited keys (``\citation``, biblatex's
    ``\abx@aux@cite``) against the .bib files of ``\bibdata``; only the cited entries are
    checked, since the .aux names what the document cites."""
    text = path.read_text(encoding="utf-8", errors="replace")
    keys = [
        key.strip()
        for found in re.finditer(r"\\(?:citation|abx@aux@cite(?:\{\d+\})?)\{([^{}]*)\}", text)
        for key in found.group(1).split(",")
        if key.strip()
    ]
    files = [
        n.strip() for m in re.finditer(r"\\bibdata\{([^{}]*)\}", text) for n in m[1].split(",")
    ]
    everything = "*" in keys
    wanted = dict.fromkeys(k for k in keys if k != "*")
    entries = read_bib_references(_bib_paths(path, files)) if files else ()
    references = tuple(r for r in entries if everything or r.key in wanted)
    citations = tuple(
        Citation(f"C{n}", f"\\citation{{{key}}}", 1, "parenthetical", (CitedWork(key, key=key),))
        for n, key in enumerate(wanted, start=1)
    )
    return source_document(path, "aux", references, citations)


def _read_with_inputs(path: Path, depth: int, seen: set[Path]) -> str:
    """The file's text with the files it \\input in place (each once, nesting bounded)."""
    if depth > MAX_INPUT_DEPTH or path.resolve() in seen:
        return ""
    seen.add(path.resolve())
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        if depth == 0:
            raise SourceFileError(f"{path}: cannot be read ({exc.strerror})") from exc
        return ""
    text = without_uncited_text(text)

    def inline(found: re.Match[str]) -> str:
        name = found.group(1).strip()
        child = path.parent / name
        if not child.suffix:
            child = child.with_suffix(".tex")
        return _read_with_inputs(child, depth + 1, seen) if child.is_file() else ""

    return _INPUT.sub(inline, text)


def without_uncited_text(text: str) -> str:
    """The source without verbatim environments, ``\\verb`` and comments."""
    text = _VERBATIM.sub(" ", text)
    text = _VERB.sub(" ", text)
    return _COMMENT.sub("", text)


def find_citations(source: str) -> Iterator[Citation]:
    """Every citing command, one :class:`Citation` each, one work per key."""
    number = 0
    for found in _CITE_COMMAND.finditer(source):
        name = found.group(1)
        if name in _NOT_CITING:
            continue
        end, keys = _arguments(source, found.end(), several=name.endswith("cites"))
        keys = [k for k in keys if k != "*"]  # \nocite{*}: every entry (see _bibliography)
        if not keys:
            continue
        number += 1
        text = " ".join(source[found.start() : end].split())
        style = "narrative" if name in _NARRATIVE else "parenthetical"
        yield Citation(f"C{number}", text, 1, style, tuple(CitedWork(k, key=k) for k in keys))


def _arguments(source: str, start: int, several: bool) -> tuple[int, list[str]]:
    """The keys of the command's braced arguments after its optional notes; biblatex's
    ``\\cites(pre)(post)[pre][post]{a}[post]{b}`` takes several."""
    keys: list[str] = []
    position = start
    while True:
        notes = _NOTE.match(source, position)
        while notes:
            position = notes.end()
            notes = _NOTE.match(source, position)
        braced = _KEYS.match(source, position)
        if braced is None:
            return position, keys
        keys.extend(k.strip() for k in braced.group(1).split(",") if k.strip())
        position = braced.end()
        if not several:
            return position, keys


def _bibliography(path: Path, source: str) -> tuple[tuple[Reference, ...], bool]:
    """The bibliography's entries, and whether they are a .bib library's (all its entries,
    cited or not) rather than a printed list (``thebibliography``, a .bbl)."""
    names = [n.strip() for m in _BIB_RESOURCE.finditer(source) for n in m.group(1).split(",")]
    bibs = [p for p in _bib_paths(path, names) if p.is_file()]
    if bibs:
        return read_bib_references(bibs), True
    inline = _THEBIBLIOGRAPHY.search(source)
    if inline:
        return bbl_references(inline.group(0)), False
    bbl = path.with_suffix(".bbl")
    if bbl.is_file():
        return bbl_references(bbl.read_text(encoding="utf-8", errors="replace")), False
    named = ", ".join(names) or "none"
    raise SourceFileError(
        f"{path}: no bibliography found (named: {named}; no thebibliography, no {bbl.name}); "
        "put the .bib beside the .tex, or run LaTeX and BibTeX/Biber to write the .bbl"
    )


def _bib_paths(path: Path, names: list[str]) -> list[Path]:
    paths = []
    for name in names:
        candidate = path.parent / name
        paths.append(candidate if candidate.suffix == ".bib" else candidate.with_suffix(".bib"))
    return paths


_TITLE = compiled(r"\\title\s*(?:\[[^\]]*\])?\s*\{")
_AUTHOR = compiled(r"\\author\s*(?:\[[^\]]*\])?\s*\{")
_DATE = compiled(r"\\date\s*\{")
_NOTES = compiled(r"\\(?:thanks|footnote|inst|affil|orcid|email)\s*\{[^{}]*\}|\$[^$]*\$")


def _metadata(source: str) -> PaperMetadata:
    r"""The paper's own title, authors and date from ``\title``, ``\author`` and ``\date``."""
    title = _braced_after(_TITLE, source)
    authors_text = _braced_after(_AUTHOR, source)
    date = _braced_after(_DATE, source)
    year = re.search(r"\b(?:19|20)\d\d\b", date or "")
    authors = tuple(
        name
        for part in re.split(r"\\and\b|\\AND\b|\\\\|,", _NOTES.sub(" ", authors_text or ""))
        if (name := plain_text(part))
    )
    statements = []
    if title:
        statements.append(Statement("title", plain_text(title), plain_text(title), 1, "markup"))
    if year:
        statements.append(Statement("year", year.group(0), year.group(0), 1, "markup"))
    return PaperMetadata(
        title=plain_text(_NOTES.sub(" ", title)) if title else None,
        authors=authors,
        year=year.group(0) if year else None,
        date=plain_text(date) if date and "\\today" not in date else None,
        statements=tuple(statements),
    )


def _braced_after(command: re.Pattern[str], source: str) -> str | None:
    """The balanced-brace argument after the command's opening brace."""
    found = command.search(source)
    if found is None:
        return None
    depth, index = 1, found.end()
    while index < len(source) and depth:
        depth += {"{": 1, "}": -1}.get(source[index], 0)
        index += 1
    return source[found.end() : index - 1] if depth == 0 else None
