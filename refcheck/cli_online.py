"""The command line's options for online verification (see :mod:`refcheck.cli`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any

import typer

from refcheck.config import DEFAULT_ONLINE_TIMEOUT_SECONDS, SOURCE_NAMES, Settings

CacheDirOpt = Annotated[
    Path | None,
    typer.Option("--cache-dir", help="Cache directory (default: the user cache directory)."),
]

MailtoOpt = Annotated[
    str | None,
    typer.Option(
        "--mailto",
        envvar="REFCHECK_MAILTO",
        help="Your e-mail address, sent to Crossref as its polite pool asks.",
    ),
]
CrossrefUrlOpt = Annotated[
    str | None,
    typer.Option("--crossref-url", envvar="REFCHECK_CROSSREF_URL", help="Crossref API base URL."),
]
DataciteUrlOpt = Annotated[
    str | None,
    typer.Option("--datacite-url", envvar="REFCHECK_DATACITE_URL", help="DataCite API base URL."),
]
DoiUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--doi-url",
        envvar="REFCHECK_DOI_URL",
        help="DOI resolver base URL (agency lookups and content negotiation).",
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the lookup cache.")
]
HttpTimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--http-timeout",
        min=0.1,
        help="Seconds allowed for one HTTP request, connecting to the last byte (each try).",
    ),
]
OnlineTimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--online-timeout",
        min=1,
        help="Seconds the online checks may take per document checked online "
        f"(default {DEFAULT_ONLINE_TIMEOUT_SECONDS:g}); lookups not made by then are skipped.",
    ),
]
AllowPrivateUrlsOpt = Annotated[
    bool,
    typer.Option(
        "--allow-private-urls",
        help="Let cited URLs reach loopback, private and link-local addresses (refused by "
        "default: see docs/threat-model.md).",
    ),
]
NoUrlsOpt = Annotated[
    bool, typer.Option("--no-urls", envvar="REFCHECK_NO_URLS", help="Do not check cited URLs.")
]


def _url_option(flag: str, envvar: str, what: str) -> Any:
    return typer.Option(flag, envvar=envvar, help=f"{what} base URL.")


OpenalexUrlOpt = Annotated[
    str | None, _url_option("--openalex-url", "REFCHECK_OPENALEX_URL", "OpenAlex API")
]
SemanticscholarUrlOpt = Annotated[
    str | None,
    _url_option(
        "--semanticscholar-url", "REFCHECK_SEMANTICSCHOLAR_URL", "Semantic Scholar Graph API"
    ),
]
ArxivUrlOpt = Annotated[str | None, _url_option("--arxiv-url", "REFCHECK_ARXIV_URL", "arXiv API")]
DblpUrlOpt = Annotated[str | None, _url_option("--dblp-url", "REFCHECK_DBLP_URL", "dblp")]
EuropepmcUrlOpt = Annotated[
    str | None, _url_option("--europepmc-url", "REFCHECK_EUROPEPMC_URL", "Europe PMC REST API")
]
EutilsUrlOpt = Annotated[
    str | None,
    _url_option("--eutils-url", "REFCHECK_EUTILS_URL", "NCBI E-utilities (PubMed)"),
]
S2ApiKeyOpt = Annotated[
    str | None,
    typer.Option(
        "--s2-api-key",
        envvar="S2_API_KEY",
        help="Semantic Scholar API key (sent as x-api-key; higher rate limits).",
    ),
]
NoSourceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--no-source",
        metavar="NAME",
        help=f"Do not ask this source (repeatable): {', '.join(SOURCE_NAMES)}.",
    ),
]


# The base-URL settings of the sources, in the order `refcheck check` passes their flags.
SOURCE_URL_FIELDS = (
    "openalex_url",
    "semanticscholar_url",
    "arxiv_url",
    "dblp_url",
    "europepmc_url",
    "eutils_url",
)


def source_flags(
    urls: tuple[str | None, ...], s2_api_key: str | None, no_source: list[str] | None
) -> dict[str, Any]:
    """The sources' flags by setting name. The sources turned off are checked here and taken
    out later (:func:`drop_sources`), from what the configuration file turns on."""
    unknown = sorted(set(no_source or ()) - set(SOURCE_NAMES))
    if unknown:
        known = ", ".join(SOURCE_NAMES)
        raise typer.BadParameter(
            f"{unknown[0]!r} is no source; known: {known}", param_hint="--no-source"
        )
    return {**dict(zip(SOURCE_URL_FIELDS, urls, strict=True)), "s2_api_key": s2_api_key}


def drop_sources(settings: Settings, no_source: list[str] | None) -> Settings:
    if not no_source:
        return settings
    kept = tuple(name for name in settings.sources if name not in no_source)
    return dataclasses.replace(settings, sources=kept)
