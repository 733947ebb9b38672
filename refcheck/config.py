"""Settings for one run: frozen, built from defaults, a configuration file and flags.

Every field except ``debug`` and ``run_rules`` is also a configuration key (its name in
kebab-case); :mod:`refcheck.configfile` reads and checks them from the field types, so a field
added here is configurable without further code.
"""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.model import Severity

DEFAULT_MAX_PAGES = 400
DEFAULT_TIMEOUT_SECONDS = 60.0
DEFAULT_MEMORY_MB = 4096
DEFAULT_CROSSREF_URL = "https://api.crossref.org"
DEFAULT_DATACITE_URL = "https://api.datacite.org"
DEFAULT_DOI_URL = "https://doi.org"
DEFAULT_OPENALEX_URL = "https://api.openalex.org"
DEFAULT_SEMANTICSCHOLAR_URL = "https://api.semanticscholar.org/graph/v1"
DEFAULT_ARXIV_URL = "https://export.arxiv.org/api"
DEFAULT_DBLP_URL = "https://dblp.org"
DEFAULT_EUROPEPMC_URL = "https://www.ebi.ac.uk/europepmc/webservices/rest"
DEFAULT_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
# Bibliographic sources beyond the DOI registries (refcheck/resolve/sources), all on by default.
SOURCE_NAMES = ("openalex", "semanticscholar", "arxiv", "dblp", "europepmc", "pubmed")
DEFAULT_HTTP_TIMEOUT_SECONDS = 10.0
DEFAULT_ONLINE_TIMEOUT_SECONDS = 120.0


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    offline: bool = False
    fail_on: Severity | None = Severity.ERROR  # None: never fail on findings
    max_pages: int = DEFAULT_MAX_PAGES
    timeout: float = DEFAULT_TIMEOUT_SECONDS  # seconds for one file, reading to findings
    memory_mb: int = DEFAULT_MEMORY_MB  # address-space limit of the worker reading a file
    debug: bool = False
    run_rules: bool = True  # False for `refcheck extract`
    quiet: bool = False  # --quiet: no progress bar, no advice on stderr
    # Online verification (refcheck/resolve): every base URL is configurable.
    mailto: str | None = None  # sent to Crossref as its polite pool asks
    crossref_url: str = DEFAULT_CROSSREF_URL
    datacite_url: str = DEFAULT_DATACITE_URL
    doi_url: str = DEFAULT_DOI_URL  # serves /ra/… and content negotiation
    sources: tuple[str, ...] = SOURCE_NAMES  # the sources asked; --no-source NAME drops one
    openalex_url: str = DEFAULT_OPENALEX_URL
    semanticscholar_url: str = DEFAULT_SEMANTICSCHOLAR_URL
    s2_api_key: str | None = None  # Semantic Scholar's x-api-key (S2_API_KEY)
    arxiv_url: str = DEFAULT_ARXIV_URL  # serves /query
    dblp_url: str = DEFAULT_DBLP_URL  # serves /search/publ/api
    europepmc_url: str = DEFAULT_EUROPEPMC_URL  # serves /search
    eutils_url: str = DEFAULT_EUTILS_URL  # NCBI E-utilities: serves /esummary.fcgi (PubMed)
    cache_dir: str | None = None  # None: the user cache directory
    use_cache: bool = True
    http_timeout: float = DEFAULT_HTTP_TIMEOUT_SECONDS  # seconds for one request, all of it
    # The online stage of a run ends this many seconds per document checked online after it
    # began: lookups not made by then are reported as not answered.
    online_timeout: float = DEFAULT_ONLINE_TIMEOUT_SECONDS
    check_urls: bool = True
    url_allow: tuple[str, ...] = ()  # fnmatch patterns: when given, only matching URLs are checked
    url_deny: tuple[str, ...] = ()  # fnmatch patterns of URLs never checked
    # Cited URLs may reach loopback, private, link-local … addresses (refused by default: a PDF
    # must not make refcheck probe the network it runs in).
    allow_private_urls: bool = False
    # Findings policy: (code or prefix, severity) pairs; the longest matching code prefix wins.
    severity: tuple[tuple[str, Severity], ...] = ()
    # (fnmatch pattern of a file path, codes or prefixes ignored in the files it matches)
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    workers: int = 1  # processes reading PDFs at once, each with its own time and memory budget
    # A Dask distributed scheduler (tcp://host:8786): PDFs are read on its workers, each in a
    # guarded worker there (refcheck/cluster.py); lookups, rules and reports stay here.
    scheduler: str | None = None
