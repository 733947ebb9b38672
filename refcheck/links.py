"""Where refcheck's documentation lives on the web, named once for every place that links it."""

from __future__ import annotations

# The rule catalogue; each rule has an anchor that is its code in lower case (#cit001).
RULES_DOC_URL = "https://github.com/refcheck/refcheck/blob/main/docs/rules.md"


def rule_doc_url(code: str) -> str:
    """The documentation of one rule: ``CIT001`` → ``…/docs/rules.md#cit001``."""
    return f"{RULES_DOC_URL}#{code.lower()}"
