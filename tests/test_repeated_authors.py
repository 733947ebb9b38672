"""A dash for the authors of the entry above ("— (2001b)", "———.") is those authors (issue 11).

Read as a name, the dash was an author of its own: REF002 "'—' is listed after 'Anderson'".
"""

from __future__ import annotations

import pytest

from refcheck.extract.references.parse import parse_reference
from refcheck.extract.references.repeated import inherit_repeated_authors
from refcheck.model import Reference


def parsed(*raws: str) -> list[Reference]:
    return inherit_repeated_authors(
        parse_reference(raw, id=f"R{n}", page=1) for n, raw in enumerate(raws, 1)
    )


@pytest.mark.parametrize(
    "second",
    [
        "— (2001b). “Learning and memory”. In: Memory 3, pp. 1–9.",  # biblatex authoryear, dashed
        "———. 2001b. Learning and Memory. New York: Wiley.",  # Chicago's 3-em dash
        "———, Learning and memory, Wiley, 2001.",  # a numbered style's rule
    ],
)
def test_a_dash_repeats_the_authors_above(second: str) -> None:
    first, repeated = parsed("Anderson, J. R. (2001a). Cognitive psychology. Freeman.", second)
    assert repeated.authors == first.authors
    assert repeated.authors[0].family == "Anderson"


def test_a_dash_and_a_coauthor_repeat_the_first_author_only() -> None:
    _, repeated = parsed(
        "Anderson, J. R. and C. Lebiere (1998). The atomic components. Erlbaum.",
        "— and B. Smith (2003). A title. Journal 3, 1–2.",
    )
    assert [a.family for a in repeated.authors] == ["Anderson", "Smith"]


def test_a_dash_heading_the_list_is_left_as_printed() -> None:
    (alone,) = parsed("— (2001). A title. Journal 3, 1–2.")
    assert alone.authors[0].family == "—"


def test_a_hyphenated_surname_is_no_dash() -> None:
    _, second = parsed("Anderson, J. (2001). A. Journal 3.", "Ben-Zeev, T. (2002). B. J 4.")
    assert second.authors[0].family == "Ben-Zeev"


def test_a_drawn_rule_repeats_the_authors_above() -> None:
    """AMS and SIAM styles draw the rule (``\\bysame``): the entry's text starts at the comma."""
    first, repeated = parsed(
        "K. A. Gainor and R. W. Lent, Social cognitive expectations, J. Couns. Psych. 45 (1998).",
        ", Social cognitive expectations, J. Couns. Psych. 45 (1998), 403–413.",
    )
    assert repeated.authors == first.authors


def test_a_rule_drawn_per_author_repeats_the_authors_above() -> None:
    """aer.bst draws one rule per author: "——— and ———, “Title,”" extracts as "and , “Title,”"."""
    first, repeated = parsed(
        "Gish, H. and M. Schmidt, “Text-independent speaker identification,” IEEE, 1994, 11.",
        "and , “Text-independent speaker identification,” IEEE, 1994, 11, 18–32.",
    )
    assert repeated.authors == first.authors


def test_an_entry_starting_with_a_comma_heads_no_list() -> None:
    (alone,) = parsed(", Social cognitive expectations, J. Couns. Psych. 45 (1998), 403–413.")
    assert alone.authors == ()


def test_a_title_after_a_drawn_rule_is_not_read_as_names() -> None:
    """ ", REM latency, dexamethasone …": read alone, "REM latency" stood where names go."""
    first, repeated = parsed(
        "C. Reist and E. M. Demet, REM latency, dexamethasone suppression test, and thyroid "
        "stimulation in stress disorder, Progress in Neuro-Psychopharmacology 19 (1995), 433–443.",
        ", REM latency, dexamethasone suppression test, and thyroid stimulation in stress "
        "disorder, Progress in Neuro-Psychopharmacology 19 (1995), 433–443.",
    )
    assert repeated.authors == first.authors
    assert repeated.title == first.title
    assert repeated.raw.startswith(", REM latency")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Scheibehenne, B., R. Greifeneder, and P. M. Todd (2010a). “Can There Ever be Too "
            "Many Options?” In: Journal of Consumer Research 37, pp. 409–425.",
            "— (2010b). “Can There Ever be Too Many Options?” In: Journal of Consumer Research "
            "37, pp. 409–425.",
        ),
        (
            "Carless, S. A. and A. Imber. 2007a. “Job and Organizational Characteristics.” "
            "Educational and Psychological Measurement 67: 328–341.",
            "———. 2007b. “Job and Organizational Characteristics.” Educational and Psychological "
            "Measurement 67: 328–341.",
        ),
    ],
    ids=["dash-then-parenthesised-date", "three-em-dash-then-date"],
)
def test_a_dash_before_the_date_keeps_its_own_date(first: str, second: str) -> None:
    """Read after the names above, the entry keeps its own "2010b", not the "2010a" above."""
    above, repeated = parsed(first, second)
    assert repeated.authors == above.authors
    assert (repeated.year, repeated.year_suffix) == (above.year, "b")
    assert repeated.title == above.title
