"""``refcheck serve``: the command that starts the web service (see :mod:`refcheck.serve`).

The checks are configured as for ``refcheck check``: the same settings file and the same
environment variables; the service's own settings are flags and ``REFCHECK_*`` variables.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any

import typer

from refcheck.cli_online import (
    AllowPrivateUrlsOpt,
    ArxivUrlOpt,
    CrossrefUrlOpt,
    DataciteUrlOpt,
    DblpUrlOpt,
    DoiUrlOpt,
    EuropepmcUrlOpt,
    EutilsUrlOpt,
    MailtoOpt,
    NoUrlsOpt,
    OpenalexUrlOpt,
    S2ApiKeyOpt,
    SemanticscholarUrlOpt,
    source_flags,
)
from refcheck.config import Settings
from refcheck.configfile import load_settings
from refcheck.errors import RefcheckError

DEFAULT_DATA_DIR = Path("refcheck-data")


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    data_dir: Annotated[
        Path,
        typer.Option(
            "--data-dir",
            envvar="REFCHECK_DATA_DIR",
            help="Where the database, uploads and generated secrets are kept.",
        ),
    ] = DEFAULT_DATA_DIR,
    offline: Annotated[
        bool | None,
        typer.Option("--offline/--online", help="Make no network requests; online checks skip."),
    ] = None,
    max_upload_mb: Annotated[
        float, typer.Option("--max-upload-mb", envvar="REFCHECK_MAX_UPLOAD_MB", min=0.001)
    ] = 50,
    max_files: Annotated[
        int, typer.Option("--max-files", envvar="REFCHECK_MAX_FILES", min=1, help="Per job.")
    ] = 20,
    rate_per_minute: Annotated[
        int,
        typer.Option("--rate-per-minute", envvar="REFCHECK_RATE_PER_MINUTE", min=1),
    ] = 60,
    retention_days: Annotated[
        float, typer.Option("--retention-days", envvar="REFCHECK_RETENTION_DAYS", min=0.001)
    ] = 30,
    config: Annotated[
        Path | None, typer.Option("--config", help="Settings file (as for refcheck check).")
    ] = None,
    mailto: MailtoOpt = None,
    crossref_url: CrossrefUrlOpt = None,
    datacite_url: DataciteUrlOpt = None,
    doi_url: DoiUrlOpt = None,
    openalex_url: OpenalexUrlOpt = None,
    semanticscholar_url: SemanticscholarUrlOpt = None,
    arxiv_url: ArxivUrlOpt = None,
    dblp_url: DblpUrlOpt = None,
    europepmc_url: EuropepmcUrlOpt = None,
    eutils_url: EutilsUrlOpt = None,
    s2_api_key: S2ApiKeyOpt = None,
    no_urls: NoUrlsOpt = False,
    allow_private_urls: AllowPrivateUrlsOpt = False,
) -> None:
    """Serve the upload page and the REST API (needs the serve extra)."""
    try:
        from refcheck.serve import run
        from refcheck.serve.config import config_from_environment
        from refcheck.serve.database import check_database_url
    except ImportError as exc:
        typer.echo(
            f"refcheck: serve needs the serve extra: pip install 'refcheck-pdf[serve]' ({exc})",
            err=True,
        )
        raise typer.Exit(2) from exc
    flags: dict[str, Any] = {
        "offline": offline,
        "mailto": mailto or None,
        "crossref_url": crossref_url,
        "datacite_url": datacite_url,
        "doi_url": doi_url,
        "check_urls": False if no_urls else None,
        "allow_private_urls": allow_private_urls or None,
        "quiet": True,
    }
    urls = (openalex_url, semanticscholar_url, arxiv_url, dblp_url, europepmc_url, eutils_url)
    flags |= source_flags(urls, s2_api_key, None)
    try:
        settings = load_settings(flags, config=config, search_from=Path.cwd(), base=Settings())
        serve_config = config_from_environment(data_dir.resolve(), settings)
        check_database_url(serve_config.database_url)  # an unusable URL fails now
    except RefcheckError as exc:
        typer.echo(f"refcheck: {exc}", err=True)
        raise typer.Exit(2) from exc
    limited = dataclasses.replace(
        serve_config,
        max_upload_bytes=int(max_upload_mb * 1024 * 1024),
        max_files=max_files,
        rate_per_minute=rate_per_minute,
        retention_days=retention_days,
    )
    run(limited, host, port)
