"""LaTeX markup to plain text, for the fields of BibTeX entries and ``\\bibitem`` texts."""

from __future__ import annotations

from bibtexparser.latexenc import latex_to_unicode

from refcheck.patterns import compiled

# Commands whose argument is the text itself: \emph{x} → x.
_KEEP_ARGUMENT = compiled(
    r"\\(?:emph|textit|textbf|textsc|textrm|textsf|texttt|textup|mkbibemph|mkbibquote|"
    r"mbox|hbox|enquote|url|path|nolinkurl)\*?\s*\{((?:[^{}]|\{[^{}]*\})*)\}"
)
_HREF = compiled(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_DOI = compiled(r"\\doi\s*\{([^{}]*)\}")
# Commands that print nothing of the work: \newblock, \penalty0, \natexlab{a} keeps its letter.
_NATEXLAB = compiled(r"\\natexlab\s*\{([^{}]*)\}")
_DROPPED = compiled(
    r"\\(?:newblock|bibinfo\s*\{[^{}]*\}|BibitemOpen|BibitemShut\s*\{[^{}]*\}|penalty-?\d*|"
    r"allowbreak|relax|unskip|break|bibrangedash|bibinitperiod|bibinitdelim|bibnamedelim[a-z]|"
    r"hskip\s*[\d.]+\s*\w+|providecommand|protect|bgroup|egroup|em\b|it\b|bf\b|sc\b)"
)
_SPACES = compiled(r"\s+")


def plain_text(latex: str) -> str:
    """The text a LaTeX fragment prints: accents as Unicode, markup and braces removed."""
    text = latex.replace("\\bibrangedash", "–").replace("--", "–").replace("~", " ")
    text = _HREF.sub(r"\2", text)
    text = _DOI.sub(r"doi:\1", text)
    text = _NATEXLAB.sub(r"\1", text)
    for _ in range(3):  # nested markup: \emph{\textbf{x}}
        text = _KEEP_ARGUMENT.sub(r"\1", text)
    text = _DROPPED.sub(" ", text)
    text = latex_to_unicode(text)
    text = text.replace("\\&", "&").replace("\\%", "%").replace("\\_", "_").replace("\\$", "$")
    text = text.replace("{", "").replace("}", "").replace("\\ ", " ")
    return _SPACES.sub(" ", text).strip()
