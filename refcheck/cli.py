"""The command line: parses flags into Settings, runs the pipeline, renders, picks the exit code.

Exit codes follow linters: 0 no finding at or above ``--fail-on``; 1 findings at or above it;
2 a usage error, or an input that could not be processed (the others are still reported).
"""

from __future__ import annotations

import enum
import os
import sys
import traceback
from pathlib import Path
from typing import Annotated

import typer

from refcheck import __version__
from refcheck.config import (
    DEFAULT_CROSSREF_URL,
    DEFAULT_DATACITE_URL,
    DEFAULT_DOI_URL,
    DEFAULT_HTTP_TIMEOUT_SECONDS,
    DEFAULT_MAX_PAGES,
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT_SECONDS,
    Settings,
)
from refcheck.errors import RefcheckError
from refcheck.model import Report, Severity
from refcheck.pipeline import check_paths
from refcheck.report import render
from refcheck.report.extract import render_extraction
from refcheck.resolve.cache import Cache, CacheInfo, cache_file
from refcheck.rules import ALL_RULES, rule_by_code

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Check the citations, references and own metadata of academic PDFs.",
)


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


PathsArg = Annotated[
    list[Path], typer.Argument(help="PDF files or directories (searched recursively).")
]
MaxPagesOpt = Annotated[
    int, typer.Option("--max-pages", min=1, help="Page budget per file; larger files are refused.")
]
TimeoutOpt = Annotated[
    float, typer.Option("--timeout", min=1, help="Seconds allowed per file, reading to findings.")
]
MemoryOpt = Annotated[
    int, typer.Option("--memory-mb", min=256, help="Memory limit of the worker reading a file.")
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for failures.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")]


def _codes(values: list[str] | None) -> tuple[str, ...]:
    """``--select META,REF003`` and repeated flags both work."""
    return tuple(
        code.strip() for value in values or [] for code in value.split(",") if code.strip()
    )


def _fail(message: str) -> typer.Exit:
    typer.echo(f"refcheck: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _run(paths: list[Path], settings: Settings) -> Report:
    try:
        return check_paths(paths, settings)
    except RefcheckError as exc:
        raise _fail(str(exc)) from exc


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror}") from exc


def _report_input_errors(report: Report) -> None:
    for result in report.documents:
        if result.error is not None:
            typer.echo(f"refcheck: error: {result.error.message}", err=True)


MailtoOpt = Annotated[
    str | None,
    typer.Option(
        "--mailto",
        envvar="REFCHECK_MAILTO",
        help="Your e-mail address, sent to Crossref as its polite pool asks.",
    ),
]
CrossrefUrlOpt = Annotated[
    str,
    typer.Option("--crossref-url", envvar="REFCHECK_CROSSREF_URL", help="Crossref API base URL."),
]
DataciteUrlOpt = Annotated[
    str,
    typer.Option("--datacite-url", envvar="REFCHECK_DATACITE_URL", help="DataCite API base URL."),
]
DoiUrlOpt = Annotated[
    str,
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
    float, typer.Option("--http-timeout", min=0.1, help="Seconds allowed for one HTTP request.")
]
NoUrlsOpt = Annotated[
    bool, typer.Option("--no-urls", envvar="REFCHECK_NO_URLS", help="Do not check cited URLs.")
]


@app.command()
def check(
    paths: PathsArg,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.text,
    output: OutputOpt = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Make no network requests; online checks skip.")
    ] = False,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Rule codes or prefixes to run.")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Rule codes or prefixes to skip.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
    ] = FailOn.error,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only findings, no summary.")
    ] = False,
    debug: DebugOpt = False,
    max_pages: MaxPagesOpt = DEFAULT_MAX_PAGES,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT_SECONDS,
    memory_mb: MemoryOpt = DEFAULT_MEMORY_MB,
    mailto: MailtoOpt = None,
    crossref_url: CrossrefUrlOpt = DEFAULT_CROSSREF_URL,
    datacite_url: DataciteUrlOpt = DEFAULT_DATACITE_URL,
    doi_url: DoiUrlOpt = DEFAULT_DOI_URL,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    http_timeout: HttpTimeoutOpt = DEFAULT_HTTP_TIMEOUT_SECONDS,
    no_urls: NoUrlsOpt = False,
) -> None:
    """Check PDFs and report findings."""
    settings = Settings(
        select=_codes(select),
        ignore=_codes(ignore),
        offline=offline,
        fail_on=None if fail_on is FailOn.never else Severity(fail_on.value),
        max_pages=max_pages,
        timeout=timeout,
        memory_mb=memory_mb,
        debug=debug,
        quiet=quiet,
        mailto=mailto or None,
        crossref_url=crossref_url,
        datacite_url=datacite_url,
        doi_url=doi_url,
        cache_dir=str(cache_dir) if cache_dir else None,
        use_cache=not no_cache,
        http_timeout=http_timeout,
        check_urls=not no_urls,
    )
    report = _run(paths, settings)
    _report_input_errors(report)
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = render(report, output_format.value, color=color)
    if quiet and output_format is OutputFormat.text:
        text = "".join(text.splitlines(keepends=True)[:-1])
    _write(text, output)
    raise typer.Exit(exit_code(report, settings.fail_on))


def exit_code(report: Report, fail_on: Severity | None) -> int:
    if report.input_errors:
        return EXIT_USAGE
    if fail_on is not None and any(
        f.severity.rank >= fail_on.rank for d in report.documents for f in d.findings
    ):
        return EXIT_FINDINGS
    return EXIT_CLEAN


@app.command()
def extract(
    paths: PathsArg,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.json,
    output: OutputOpt = None,
    debug: DebugOpt = False,
    max_pages: MaxPagesOpt = DEFAULT_MAX_PAGES,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT_SECONDS,
    memory_mb: MemoryOpt = DEFAULT_MEMORY_MB,
) -> None:
    """Show what was extracted (metadata with provenance, identifiers), without rules."""
    settings = Settings(
        run_rules=False, max_pages=max_pages, timeout=timeout, memory_mb=memory_mb, debug=debug
    )
    report = _run(paths, settings)
    _report_input_errors(report)
    _write(render_extraction(report, output_format.value), output)
    raise typer.Exit(EXIT_USAGE if report.input_errors else EXIT_CLEAN)


@app.command("rules")
def list_rules() -> None:
    """The rule catalogue."""
    typer.echo(rules_table())


def rules_table() -> str:
    rows = [("code", "name", "severity", "network", "reports")]
    rows += [
        (r.code, r.name, r.severity.value, "yes" if r.needs_network else "no", r.summary())
        for r in ALL_RULES
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
        + "  "
        + row[4]
        for row in rows
    ]
    return "\n".join(lines)


@app.command("rule")
def show_rule(code: Annotated[str, typer.Argument(help="A rule code, e.g. META001.")]) -> None:
    """The documentation of one rule."""
    try:
        rule = rule_by_code(code)
    except RefcheckError as exc:
        raise _fail(str(exc)) from exc
    header = f"{rule.code} {rule.name} ({rule.severity.value}"
    header += ", needs network)" if rule.needs_network else ")"
    typer.echo(f"{header}\n\n{rule.documentation()}")


cache_app = typer.Typer(no_args_is_help=True, help="The cache of registry and URL lookups.")
app.add_typer(cache_app, name="cache")
CacheDirOpt = Annotated[
    Path | None,
    typer.Option("--cache-dir", help="Cache directory (default: the user cache directory)."),
]


@cache_app.command("info")
def cache_info(cache_dir: CacheDirOpt = None) -> None:
    """Where the cache is, its size and its entries per kind of lookup."""
    if not cache_file(cache_dir).exists():
        typer.echo(f"cache: {cache_file(cache_dir)} (none yet)")
        return
    with Cache.open(cache_dir) as cache:
        typer.echo(cache_info_text(cache.info()))


def cache_info_text(info: CacheInfo) -> str:
    lines = [f"cache: {info.path} ({info.bytes / 1024:.1f} KiB)"]
    width = max((len(namespace) for namespace in info.entries), default=0)
    lines += [f"  {name.ljust(width)}  {count}" for name, count in sorted(info.entries.items())]
    lines.append(f"entries: {sum(info.entries.values())}, expired: {info.expired}")
    return "\n".join(lines)


@cache_app.command("clear")
def cache_clear(cache_dir: CacheDirOpt = None) -> None:
    """Remove every cached lookup."""
    path = cache_file(cache_dir)
    if not path.exists():
        typer.echo(f"cache: {path} (none yet)")
        return
    with Cache.open(cache_dir) as cache:
        removed = cache.clear()
    typer.echo(f"removed {removed} entries from {path}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"refcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Check the citations, references and own metadata of academic PDFs."""


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:  # last resort: never die with a bare traceback unless asked
        if "--debug" in sys.argv:
            traceback.print_exc()
        else:
            typer.echo("refcheck: internal error (run again with --debug for details)", err=True)
        sys.exit(EXIT_USAGE)
