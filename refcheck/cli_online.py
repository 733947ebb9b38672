"""The command line's options for online verification (see :mod:`refcheck.cli`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from refcheck.config import DEFAULT_ONLINE_TIMEOUT_SECONDS

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
