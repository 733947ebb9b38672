"""A dash where an entry's authors go repeats the authors of the entry above.

biblatex's ``dashed`` option prints "— (2001b)" for a second work of the same authors, and
Chicago and MLA set a 3-em dash ("———."); read as a name, the dash would be an author of its
own, listed out of alphabetical order and cited by nobody. AMS and SIAM styles draw the dash as
a rule (``\\bysame``), which extracts as nothing: the entry then starts with the comma after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from refcheck.extract.references.parse import parse_reference
from refcheck.model import Reference
from refcheck.patterns import compiled

_DASH_NAME = compiled(r"[—–_‐-]+\.?")
# Where drawn rules stood, the entry's text starts with the punctuation between them: ", Title"
# (amsplain), ", , and , “Title”" or "and , “Title”" (aer, one rule per author).
DRAWN_RULES = compiled(r"(?:,\s*)*(?:and\s*)?[,.]\s")
# A dash that stands for all the names above, before the date or the title: "— (2010b). …".
_DASH_ALONE = compiled(r"[—–_‐-]+\.?\s+(?!and\b|&)")


def inherit_repeated_authors(references: Iterable[Reference]) -> list[Reference]:
    """The references, with a leading dash replaced by the authors of the entry above.

    "— and B. Smith" repeats the first author only; a dash with no entry above, or above an
    entry without authors, is left as printed.
    """
    result: list[Reference] = []
    for reference in references:
        above = result[-1].authors if result else ()
        first = reference.authors[0].family if reference.authors else ""
        alone = _DASH_ALONE.match(reference.raw)
        drawn = DRAWN_RULES.match(reference.raw)
        if above and alone and (not reference.authors or _DASH_NAME.fullmatch(first)):
            reference = _read_after_rule(reference, result[-1], alone.end())
        elif above and _DASH_NAME.fullmatch(first):
            rest = reference.authors[1:]
            authors = (above[0], *rest) if rest else above
            reference = replace(reference, authors=authors)
        elif above and drawn:
            reference = _read_after_rule(reference, result[-1], drawn.end())
        result.append(reference)
    return result


def _read_after_rule(reference: Reference, above: Reference, names_end: int) -> Reference:
    """An entry whose authors were drawn as a rule, read as if it printed the authors above.

    Read alone, its title's first words stand where names go and are taken for them ("REM
    latency" in ", REM latency, dexamethasone …"): it is read again after the names of the
    entry above, and keeps its own text.
    """
    start = above.raw.find(above.title) if above.title else -1
    if start <= 0:
        return replace(reference, authors=above.authors)
    dated = above.raw.find(above.year) if above.year else -1
    names = above.raw[: dated if 0 < dated < start else start].rstrip("“\"‘'")
    rest = reference.raw[names_end:]
    if rest.startswith("("):  # "— (2010b)": the names above end at their own "("
        names = names.rstrip().rstrip("(").rstrip() + " "
    again = parse_reference(names + rest, id=reference.id, page=reference.page,
                            label=reference.label)  # fmt: skip
    return replace(again, raw=reference.raw, authors=above.authors)
