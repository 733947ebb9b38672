"""REF002 files a list the way its style printed it (issue 11, typeset dev templates).

* Alphabetic styles (biblatex ``alphabetic``, ``alpha.bst``, ``amsalpha``) sort by label, whose
  letters need not follow the first author's surname: "[AF04] Arriaga" before "[AN04] Alheit".
* A compound surname printed after initials ("J. O. Wellman Kephart") is filed under its first
  word, whatever part of it the parser kept as the family name; a parse that took a title's
  word for the author ("M. A. Iturralde-Vinent. Meso-Cenozoic …") is no break either.

A list with its last entry moved to the top still breaks under every collation.
"""

from __future__ import annotations

import itertools

import pytest

from refcheck.extract.references.parse import parse_reference
from refcheck.rules.references import _break, sort_keys


def breaks(*raws: str) -> list[int]:
    """The 1-based positions of entries that sort before the entry above them."""
    keys = [sort_keys(parse_reference(raw, id=f"R{n}", page=1)) for n, raw in enumerate(raws, 1)]
    return [n for n, (a, b) in enumerate(itertools.pairwise(keys), 2) if _break(a, b)]


BIBLATEX_ALPHABETIC = [
    "[AF04] X. Arriaga and V. Foshee. “Adolescents dating violence”. In: Journal of "
    "Interpersonal Violence 19.2 (2004), pp. 162–184.",
    "[AN04] J. Alheit and M. Niquen. “Regime shifts in the Humboldt Current ecosystem”. In: "
    "Progress in Oceanography 60 (2004), pp. 201–222.",
    "[MHH96] D. A. McRitchie, C. D. Hardman, and G. M. Halliday. “Cytoarchitectural "
    "distribution”. In: The Journal of Comparative Neurology 364 (1996), pp. 121–150.",
    "[Mon79] R. Montesano. “Inhomogeneous distribution”. In: Am. J. Anat 156 (1979), pp. 139–145.",
    "[MP01] U. Metzger and R. Parasuraman. “The role of the controller”. In: Human Factors 43 "
    "(2001), pp. 519–528.",
]
ALPHA_BST = [
    "[AF04] Ximena Arriaga and Vangie Foshee. Adolescents dating violence. Journal of "
    "Interpersonal Violence, 19(2):162–184, 2004.",
    "[AN04] Jürgen Alheit and Miguel Niquen. Regime shifts in the Humboldt Current ecosystem. "
    "Progress in Oceanography, 60:201–222, 2004.",
    "[Mon79] Roberto Montesano. Inhomogeneous distribution. Am. J. Anat, 156:139–145, 1979.",
    "[MP01] Ulla Metzger and Raja Parasuraman. The role of the controller. Human Factors, "
    "43:519–528, 2001.",
]
PLAINNAT = [
    "S. Waterworth, M. Gott, and D. Raphael. Working with older people. Journal of Advanced "
    "Nursing, 71(9):2081–2090, 2015.",
    "J. O. Wellman Kephart, T. Hogg, and B. A. Huberman. Dynamics of computational ecosystems. "
    "Physical Review A, 40(1):404–421, 1989.",
    "G. D. Wilk, R. M. Wallace, and J. M. Anthony. High-kappa gate dielectrics. Journal of "
    "Applied Physics, 89(10):5243–5275, 2001.",
]
AGSM = [
    "Hurtado, S., Eagan, M. K. and Cabrera, N. L. (2008), ‘Training future scientists’, Research "
    "in Higher Education 50, 189–214.",
    "Iturralde-Vinent, M. A. (2006), ‘Meso-Cenozoic Caribbean paleogeography’, International "
    "Geology Review 48, 791–827.",
    "Jeffries, F. L. and Reid, R. (2000), ‘Trust and adaptation in relational contracting’, "
    "Academy of Management Review 25, 873–882.",
]
PLAINNAT_HYPHENATED = [
    "S. Hurtado, M. K. Eagan, and N. L. Cabrera. Training future scientists. Research in Higher "
    "Education, 50:189–214, 2008.",
    "M. A. Iturralde-Vinent. Meso-Cenozoic Caribbean paleogeography: implications for the "
    "historical biogeography. International Geology Review, 48:791–827, 2006.",
    "F. L. Jeffries and R. Reid. Trust and adaptation in relational contracting. Academy of "
    "Management Review, 25(4):873–882, 2000.",
]


@pytest.mark.parametrize(
    "entries", [BIBLATEX_ALPHABETIC, ALPHA_BST, PLAINNAT, AGSM, PLAINNAT_HYPHENATED]
)
def test_a_list_filed_as_its_style_prints_it_has_no_break(entries: list[str]) -> None:
    assert breaks(*entries) == []


@pytest.mark.parametrize(
    "entries", [BIBLATEX_ALPHABETIC, ALPHA_BST, PLAINNAT, AGSM, PLAINNAT_HYPHENATED]
)
def test_the_last_entry_moved_to_the_top_still_breaks(entries: list[str]) -> None:
    assert breaks(entries[-1], *entries[:-1]) == [2]
