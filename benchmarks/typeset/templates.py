"""Document templates (family × class × bibliography style) and the dev / held-out split.

THE SPLIT IS BY TEMPLATE. Held-out templates are never looked at while developing refcheck:
their papers are for milestone measurements only. Held out are 8 of the 20 LaTeX class × style
combinations (every elsarticle template, amsart+abbrvnat, biblatex chicago-authordate and
vancouver, REVTeX's superscript AIP style, article+ieeetr, llncs+biblatex numeric-comp) and the
whole pandoc-citeproc family (Markdown → pandoc --citeproc with a CSL style → .docx →
LibreOffice → PDF). Dev keeps the other 12 LaTeX combinations and the hand-typed python-docx
family, and 9 LaTeX templates added later, each a class × style pair no held-out template uses
(KOMA scrartcl, memoir + biblatex alphabetic, revtex prl, IEEEtran conference + cite, agsm, dcu,
two-column authoryear-icomp and long plainnat, a footnote-heavy biblatex numeric). Do not move a
template between splits; add new templates instead (appended: a template's position seeds its
defect rotation).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    name: str
    family: str  # bibtex | biblatex | docx | pandoc
    cls: str  # LaTeX class, or "docx"
    style: str  # .bst, biblatex style, CSL style or hand-typed form
    kind: str  # numeric | superscript | authoryear | alphabetic ([Abc19] labels)
    alphabetical: bool  # the list is sorted by author (REF002 can be planted)
    prints_doi: bool
    natbib: bool = False
    hyperref: bool = False
    heldout: bool = False
    twocolumn: bool = False
    options: str = ""
    packages: str = ""  # extra packages, comma-separated (e.g. cite)
    long: bool = False  # 40-50 references: the list spans pages and columns
    footnotes: bool = False  # every cited paragraph ends with a footnote

    @property
    def split(self) -> str:
        return "heldout" if self.heldout else "dev"

    @property
    def footnotes_in_list(self) -> bool:
        """REVTeX numbers body footnotes into the reference list, among the works."""
        return self.cls == "revtex4-2"


def _t(name: str, family: str, cls: str, style: str, kind: str, **kw: object) -> Template:
    return Template(name, family, cls, style, kind, **kw)  # type: ignore[arg-type]


TEMPLATES: tuple[Template, ...] = (
    # --- dev: LaTeX + BibTeX ---
    _t(
        "article-plain",
        "bibtex",
        "article",
        "plain",
        "numeric",
        alphabetical=True,
        prints_doi=False,
    ),
    _t(
        "article-plainnat",
        "bibtex",
        "article",
        "plainnat",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
        natbib=True,
        hyperref=True,
    ),
    _t(
        "article-apalike",
        "bibtex",
        "article",
        "apalike",
        "authoryear",
        alphabetical=True,
        prints_doi=False,
        natbib=True,
    ),
    _t(
        "ieeetran-ieeetran",
        "bibtex",
        "IEEEtran",
        "IEEEtran",
        "numeric",
        alphabetical=False,
        prints_doi=False,
        twocolumn=True,
        options="journal",
    ),
    _t(
        "article-acmbst",
        "bibtex",
        "article",
        "ACM-Reference-Format",
        "numeric",
        alphabetical=True,
        prints_doi=True,
        natbib=True,
        hyperref=True,
    ),
    _t(
        "llncs-splncs04",
        "bibtex",
        "llncs",
        "splncs04",
        "numeric",
        alphabetical=True,
        prints_doi=True,
    ),
    _t(
        "revtex-aps",
        "bibtex",
        "revtex4-2",
        "apsrev4-2",
        "numeric",
        alphabetical=False,
        prints_doi=True,
        twocolumn=True,
        options="aps,pra,twocolumn",
    ),
    _t(
        "amsart-unsrt",
        "bibtex",
        "amsart",
        "unsrt",
        "numeric",
        alphabetical=False,
        prints_doi=False,
        hyperref=True,
    ),
    # --- dev: LaTeX + biblatex ---
    _t(
        "article-bl-authoryear",
        "biblatex",
        "article",
        "authoryear",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
        hyperref=True,
    ),
    _t(
        "article-bl-apa",
        "biblatex",
        "article",
        "apa",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
    ),
    _t(
        "article-bl-nature",
        "biblatex",
        "article",
        "nature",
        "superscript",
        alphabetical=False,
        prints_doi=True,
        hyperref=True,
    ),
    _t(
        "ieeetran-bl-ieee",
        "biblatex",
        "IEEEtran",
        "ieee",
        "numeric",
        alphabetical=False,
        prints_doi=True,
        twocolumn=True,
        options="conference",
    ),
    # --- dev: Word documents typed by hand (python-docx → LibreOffice) ---
    _t("docx-apa", "docx", "docx", "apa", "authoryear", alphabetical=True, prints_doi=True),
    _t("docx-numeric", "docx", "docx", "numeric", "numeric", alphabetical=False, prints_doi=True),
    # --- held-out: LaTeX ---
    _t(
        "elsarticle-num",
        "bibtex",
        "elsarticle",
        "elsarticle-num",
        "numeric",
        alphabetical=False,
        prints_doi=True,
        natbib=True,
        heldout=True,
        options="preprint,12pt",
    ),
    _t(
        "elsarticle-harv",
        "bibtex",
        "elsarticle",
        "elsarticle-harv",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
        natbib=True,
        hyperref=True,
        heldout=True,
        twocolumn=True,
        options="final,5p,times,twocolumn,authoryear",
    ),
    _t(
        "amsart-abbrvnat",
        "bibtex",
        "amsart",
        "abbrvnat",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
        natbib=True,
        heldout=True,
    ),
    _t(
        "article-ieeetr",
        "bibtex",
        "article",
        "ieeetr",
        "numeric",
        alphabetical=False,
        prints_doi=False,
        hyperref=True,
        heldout=True,
    ),
    _t(
        "revtex-aip",
        "bibtex",
        "revtex4-2",
        "aipnum4-2",
        "superscript",
        alphabetical=False,
        prints_doi=True,
        heldout=True,
        options="aip,jap,reprint",
    ),
    _t(
        "article-bl-chicago",
        "biblatex",
        "article",
        "chicago-authordate",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
        hyperref=True,
        heldout=True,
    ),
    _t(
        "article-bl-vancouver",
        "biblatex",
        "article",
        "vancouver",
        "numeric",
        alphabetical=False,
        prints_doi=True,
        heldout=True,
    ),
    _t(
        "llncs-bl-numeric-comp",
        "biblatex",
        "llncs",
        "numeric-comp",
        "numeric",
        alphabetical=True,
        prints_doi=True,
        hyperref=True,
        heldout=True,
    ),
    # --- held-out: the whole pandoc-citeproc family (CSL → .docx → LibreOffice) ---
    _t(
        "pandoc-apa",
        "pandoc",
        "docx",
        "apa",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
        heldout=True,
    ),
    _t(
        "pandoc-chicago",
        "pandoc",
        "docx",
        "chicago-author-date",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
        heldout=True,
    ),
    _t(
        "pandoc-harvard",
        "pandoc",
        "docx",
        "harvard-cite-them-right",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
        heldout=True,
    ),
    _t(
        "pandoc-ieee",
        "pandoc",
        "docx",
        "ieee",
        "numeric",
        alphabetical=False,
        prints_doi=True,
        heldout=True,
    ),
    _t(
        "pandoc-vancouver-sup",
        "pandoc",
        "docx",
        "vancouver-superscript",
        "superscript",
        alphabetical=False,
        prints_doi=True,
        heldout=True,
    ),
    # --- dev, added for issue 11 (i11-devtex): class x style pairs that no held-out template
    # uses, two-column and long lists, footnote-heavy text, hyperref on and off ---
    _t(
        "scrartcl-plainnat",
        "bibtex",
        "scrartcl",
        "plainnat",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
        natbib=True,
    ),
    _t(
        "memoir-bl-alphabetic",
        "biblatex",
        "memoir",
        "alphabetic",
        "alphabetic",
        alphabetical=True,
        prints_doi=True,
        hyperref=True,
        options="11pt,article",
    ),
    _t(
        "revtex-prl",
        "bibtex",
        "revtex4-2",
        "apsrev4-2",
        "numeric",
        alphabetical=False,
        prints_doi=True,
        twocolumn=True,
        hyperref=True,  # apsrev4-2 prints no DOI: it is in the link over the journal
        long=True,
        options="aps,prl,reprint,longbibliography",
    ),
    _t(
        "ieeetran-conf-cite",
        "bibtex",
        "IEEEtran",
        "IEEEtran",
        "numeric",
        alphabetical=False,
        prints_doi=False,
        twocolumn=True,
        options="conference",
        packages="cite",
    ),
    _t(
        "article-agsm",
        "bibtex",
        "article",
        "agsm",
        "authoryear",
        alphabetical=True,
        prints_doi=False,
        natbib=True,
        footnotes=True,
    ),
    _t(
        "article2c-bl-authoryear-icomp",
        "biblatex",
        "article",
        "authoryear-icomp",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
        twocolumn=True,
        options="twocolumn,10pt",
    ),
    _t(
        "article2c-plainnat-long",
        "bibtex",
        "article",
        "plainnat",
        "authoryear",
        alphabetical=True,
        prints_doi=True,
        natbib=True,
        hyperref=True,
        twocolumn=True,
        long=True,
        options="twocolumn,10pt",
    ),
    _t(
        "scrartcl-bl-numeric-fn",
        "biblatex",
        "scrartcl",
        "numeric",
        "numeric",
        alphabetical=True,
        prints_doi=True,
        hyperref=True,
        footnotes=True,
    ),
    _t(
        "article-dcu",
        "bibtex",
        "article",
        "dcu",
        "authoryear",
        alphabetical=True,
        prints_doi=False,
        natbib=True,
        hyperref=True,
        long=True,
    ),
)


# --- dev (i11-devdoc): more of the Word / pandoc family, styles no held-out template uses ---
# pandoc --citeproc with other CSL styles, citations linked or not, two columns or another font
# set in the .docx, the .odt route; and hand-typed superscripts (python-docx, or Markdown with
# Word's own footnotes). Options: see word_variants.py. Kept apart so that other blocks merge.
DEVDOC_TEMPLATES: tuple[Template, ...] = (
    _t("pandoc-asa-links", "pandoc", "docx", "american-sociological-association", "authoryear",
       alphabetical=True, prints_doi=True, options="links"),
    _t("pandoc-apsa-odt", "pandoc", "odt", "american-political-science-association",
       "authoryear", alphabetical=True, prints_doi=False, options="odt"),
    _t("pandoc-annrev-2col", "pandoc", "docx", "annual-reviews-author-date", "authoryear",
       alphabetical=True,
       prints_doi=False, twocolumn=True, options="twocol"),
    _t("pandoc-plos-links", "pandoc", "docx", "plos", "numeric", alphabetical=False,
       prints_doi=True, options="links"),
    _t("pandoc-acs-odt", "pandoc", "odt", "american-chemical-society", "superscript",
       alphabetical=False, prints_doi=True, options="odt"),
    _t("pandoc-acm-sans", "pandoc", "docx", "acm-sig-proceedings", "numeric",
       alphabetical=False, prints_doi=True, options="font=DejaVu Sans"),
    _t("pandoc-rsc-2col-links", "pandoc", "docx", "royal-society-of-chemistry", "superscript",
       alphabetical=False, prints_doi=False, twocolumn=True, options="twocol,links"),
    _t("docx-superscript-2col", "docx", "docx", "superscript", "superscript",
       alphabetical=False, prints_doi=True, twocolumn=True, options="twocol,font=DejaVu Serif"),
    _t("docx-superscript-notes", "docx", "docx", "superscript", "superscript",
       alphabetical=False, prints_doi=True, options="notes"),
)  # fmt: skip
TEMPLATES = TEMPLATES + DEVDOC_TEMPLATES

# --- dev (session 5): LaTeX class x style pairs no other template uses, to widen dev where the
# held-out scores fell short (alphabetical numeric lists across pages, natbib author-year
# styles, biblatex author-year and physics styles, natbib superscripts) ---
DEV5_TEMPLATES: tuple[Template, ...] = (
    _t("amsart-amsplain", "bibtex", "amsart", "amsplain", "numeric", alphabetical=True,
       prints_doi=False),
    _t("article2c-siam-long", "bibtex", "article", "siam", "numeric", alphabetical=True,
       prints_doi=False, twocolumn=True, long=True, options="twocolumn,10pt"),
    _t("article-aer", "bibtex", "article", "aer", "authoryear", alphabetical=True,
       prints_doi=False, natbib=True),
    _t("article-cell", "bibtex", "article", "cell", "authoryear", alphabetical=True,
       prints_doi=False, natbib=True, hyperref=True),
    _t("article-bl-ext-authoryear", "biblatex", "article", "ext-authoryear", "authoryear",
       alphabetical=True, prints_doi=True, hyperref=True),
    _t("article-naturemag", "bibtex", "article", "naturemag", "superscript", alphabetical=False,
       prints_doi=False, natbib=True),
    _t("article2c-bl-phys", "biblatex", "article", "phys", "numeric", alphabetical=False,
       prints_doi=False, twocolumn=True, options="twocolumn,10pt"),
    _t("article2c-naturemag", "bibtex", "article", "naturemag", "superscript",
       alphabetical=False, prints_doi=False, natbib=True, twocolumn=True,
       options="twocolumn,10pt"),
    _t("article-bl-chem-acs", "biblatex", "article", "chem-acs", "numeric",
       alphabetical=False, prints_doi=False, hyperref=True),
    _t("article-achemso", "bibtex", "article", "achemso", "superscript", alphabetical=False,
       prints_doi=False, packages="achemso"),
    _t("article2c-rsc", "bibtex", "article", "rsc", "superscript", alphabetical=False,
       prints_doi=False, natbib=True, twocolumn=True, options="twocolumn,10pt"),
    _t("article-jpe", "bibtex", "article", "jpe", "authoryear", alphabetical=True,
       prints_doi=False, natbib=True),
    _t("article2c-ecta", "bibtex", "article", "ecta", "authoryear", alphabetical=True,
       prints_doi=False, natbib=True, twocolumn=True, options="twocolumn,10pt"),
    _t("article-agu", "bibtex", "article", "agu", "authoryear", alphabetical=True,
       prints_doi=False, natbib=True, hyperref=True),
    _t("article-bl-trad-abbrv", "biblatex", "article", "trad-abbrv", "numeric",
       alphabetical=True, prints_doi=True),
    _t("article2c-bl-ext-numeric", "biblatex", "article", "ext-numeric", "numeric",
       alphabetical=True, prints_doi=True, twocolumn=True, options="twocolumn,10pt", long=True),
    _t("article-bl-apa6", "biblatex", "article", "apa6", "authoryear", alphabetical=True,
       prints_doi=True, hyperref=True),
    _t("article-bl-gost-numeric", "biblatex", "article", "gost-numeric", "numeric",
       alphabetical=True, prints_doi=True),
    _t("article2c-bl-ext-authoryear-ecomp", "biblatex", "article", "ext-authoryear-ecomp",
       "authoryear", alphabetical=True, prints_doi=True, twocolumn=True,
       options="twocolumn,10pt"),
    _t("article-bl-iso-authoryear", "biblatex", "article", "iso-authoryear", "authoryear",
       alphabetical=True, prints_doi=True),
    _t("article-bl-chem-rsc", "biblatex", "article", "chem-rsc", "numeric", alphabetical=False,
       prints_doi=False),
    _t("article-bl-science", "biblatex", "article", "science", "numeric", alphabetical=False,
       prints_doi=False),
    _t("article-bl-numeric-verb", "biblatex", "article", "numeric-verb", "numeric",
       alphabetical=True, prints_doi=True, hyperref=True),
    _t("article-alpha", "bibtex", "article", "alpha", "alphabetic", alphabetical=True,
       prints_doi=False),
    _t("article-bl-authoryear-ibid", "biblatex", "article", "authoryear-ibid", "authoryear",
       alphabetical=True, prints_doi=True, footnotes=True),
)  # fmt: skip
TEMPLATES = TEMPLATES + DEV5_TEMPLATES


def by_name(name: str) -> Template:
    for template in TEMPLATES:
        if template.name == name:
            return template
    raise KeyError(name)
