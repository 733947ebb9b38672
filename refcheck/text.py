"""Facts about printed text that more than one stage needs."""

from __future__ import annotations

import re
import unicodedata

from refcheck.patterns import compiled

__all__ = ["CAPTION", "SPACING_ACCENT_CLASS", "is_spacing_accent"]


def is_spacing_accent(char: str) -> bool:
    """´ ¨ ˚ ˇ ˜ …: an accent a PDF may draw as a glyph of its own, beside its letter.

    Modifier symbols, and the Spacing Modifier Letters block (ˇ is a letter there).
    """
    return unicodedata.category(char) == "Sk" or "\u02b0" <= char <= "\u02ff"


# The same accents as a regular-expression class, without ASCII's ^ and `.
SPACING_ACCENT_CLASS = (
    "[" + "".join(re.escape(chr(c)) for c in range(0xA0, 0x300) if is_spacing_accent(chr(c))) + "]"
)

# A figure or table caption's first words: "Figure 3:", "Tab. 2.", "Abbildung 1:".
# A heading that opens a part of its own after the article ("Appendix A", "2. Supplementary
# material"): the zones stage ends the body at it, and the reference list is not the article's
# when such a part holds it.
PART_HEADING = compiled(
    r"^(?:(?:\d{1,2}|[A-Z]|[IVXLC]{1,6})[.)]?\s+)?(?:appendix|appendices|anhang|annex|"
    r"supplementary|supplemental|supporting\s+information|electronic\s+supplementary|"
    r"additional\s+files?)\b",
    re.I,
)
CAPTION = compiled(r"^(?:fig(?:ure)?|table|tab|abb(?:ildung)?|tabelle)\.?\s*\d+[.:]", re.I)
