"""The command line: parses flags into Settings, runs the pipeline, renders, picks the exit code.

Exit codes follow linters: 0 no finding at or above ``--fail-on``; 1 findings at or above it;
2 a usage error, or an input that could not be processed (the others are still reported).
"""

from __future__ import annotations

import enum
import json
import logging
import os
import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from refcheck import __version__
from refcheck.baseline import apply_baseline, load_baseline
from refcheck.baseline import write_baseline as write_baseline_file
from refcheck.cli_cache import cache_app
from refcheck.cli_online import (
    AllowPrivateUrlsOpt,
    ArxivUrlOpt,
    CacheDirOpt,
    CrossrefUrlOpt,
    DataciteUrlOpt,
    DblpUrlOpt,
    DoiUrlOpt,
    EuropepmcUrlOpt,
    EutilsUrlOpt,
    HttpTimeoutOpt,
    MailtoOpt,
    NoCacheOpt,
    NoSourceOpt,
    NoUrlsOpt,
    OnlineTimeoutOpt,
    OpenalexUrlOpt,
    S2ApiKeyOpt,
    SemanticscholarUrlOpt,
    drop_sources,
    source_flags,
)
from refcheck.cli_serve import serve
from refcheck.config import (
    DEFAULT_MAX_PAGES,
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT_SECONDS,
    Settings,
)
from refcheck.configfile import load_settings
from refcheck.errors import RefcheckError
from refcheck.inputs import ReportTarget, checked_inputs, parse_report_targets, prepare_destinations
from refcheck.model import Report
from refcheck.pipeline import check_paths
from refcheck.report import FORMATS, render
from refcheck.report.catalogue import rules_catalogue, rules_table
from refcheck.report.extract import render_extraction
from refcheck.report.json_report import json_schema
from refcheck.rules import rule_by_code, select_rules

EXIT_CLEAN, EXIT_USAGE = 0, 2  # 1, findings at or above --fail-on: Report.exit_code

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Check the citations, references and own metadata of academic PDFs.",
)


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    markdown = "markdown"
    github = "github"
    html = "html"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


PathsArg = Annotated[
    list[Path], typer.Argument(help="PDF files or directories (searched recursively).")
]
# Options that are settings default to None, meaning "not given": only a given flag overrides
# the configuration file (the defaults live in Settings).
MaxPagesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-pages",
        min=1,
        help=f"Page budget per file; larger files are refused (default {DEFAULT_MAX_PAGES}).",
    ),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=1,
        help="Seconds allowed per file, reading to findings "
        f"(default {DEFAULT_TIMEOUT_SECONDS:g}).",
    ),
]
MemoryOpt = Annotated[
    int | None,
    typer.Option(
        "--memory-mb",
        min=256,
        help=f"Memory limit of the worker reading a file (default {DEFAULT_MEMORY_MB}).",
    ),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", "-j", min=1, help="Files read at once, each in its own process."),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        envvar="REFCHECK_SCHEDULER",
        metavar="ADDRESS",
        help="Read the PDFs on the Dask cluster of this scheduler (tcp://host:8786); lookups, "
        "rules and reports stay here. Needs the `cluster` extra.",
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Read settings from FILE (refcheck.toml or pyproject.toml) instead of searching "
        "upwards from the working directory.",
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for failures.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")]


def _codes(values: list[str] | None) -> tuple[str, ...] | None:
    """``--select META,REF003`` and repeated flags both work; None when not given."""
    if values is None:
        return None
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _settings(flags: dict[str, Any], config: Path | None, base: Settings | None = None) -> Settings:
    try:
        return load_settings(flags, config=config, search_from=Path.cwd(), base=base)
    except RefcheckError as exc:
        raise _fail(str(exc)) from exc


def _fail(message: str) -> typer.Exit:
    typer.echo(f"refcheck: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _run(paths: list[Path], settings: Settings, progress: bool = False) -> Report:
    try:
        return check_paths(paths, settings, _progress_bar if progress else None)
    except RefcheckError as exc:
        raise _fail(str(exc)) from exc


def _progress_bar(done: int, total: int, path: str) -> None:
    """One line on stderr, redrawn in place, erased when the last file is read."""
    width = 24
    filled = width * done // max(total, 1)
    name = Path(path).name[:40]
    line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name}"
    end = "\r" + " " * len(line) + "\r" if done >= total else ""
    sys.stderr.write(f"\r{line.ljust(width + 55)}{end}")
    sys.stderr.flush()


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


CheckPathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="PDF files or directories (searched recursively); - reads one PDF from standard "
        "input. A file named twice is checked once."
    ),
]
ReportOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--report",
        metavar="FORMAT=PATH",
        help="Also write the report in FORMAT to PATH, from the same run; repeatable "
        "(--report sarif=refcheck.sarif --report markdown=summary.md).",
    ),
]


@app.command()
def check(
    paths: CheckPathsArg,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Report format: text, json, sarif, junit, markdown, github or html.",
        ),
    ] = OutputFormat.text,
    output: OutputOpt = None,
    reports: ReportOpt = None,
    offline: Annotated[
        bool | None,
        typer.Option("--offline/--online", help="Make no network requests; online checks skip."),
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Rule codes or prefixes to run.")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Rule codes or prefixes to skip.")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            metavar="SEVERITY",
            help="Lowest severity that makes the exit code 1: error (default), warning, info or "
            "never.",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only findings: no table, summary or progress.")
    ] = False,
    debug: DebugOpt = False,
    max_pages: MaxPagesOpt = None,
    timeout: TimeoutOpt = None,
    memory_mb: MemoryOpt = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    config: ConfigOpt = None,
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
    no_source: NoSourceOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    http_timeout: HttpTimeoutOpt = None,
    online_timeout: OnlineTimeoutOpt = None,
    no_urls: NoUrlsOpt = False,
    allow_private_urls: AllowPrivateUrlsOpt = False,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Report only findings that are not in this baseline."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", help="Record the current findings as the baseline."),
    ] = None,
) -> None:
    """Check PDFs and report findings."""
    flags: dict[str, Any] = {
        "select": _codes(select),
        "ignore": _codes(ignore),
        "offline": offline,
        "fail_on": fail_on.value if fail_on is not None else None,
        "max_pages": max_pages,
        "timeout": timeout,
        "memory_mb": memory_mb,
        "workers": workers,
        "scheduler": scheduler or None,
        "debug": debug or None,
        "quiet": quiet or None,
        "mailto": mailto or None,
        "crossref_url": crossref_url,
        "datacite_url": datacite_url,
        "doi_url": doi_url,
        "cache_dir": str(cache_dir) if cache_dir else None,
        "use_cache": False if no_cache else None,
        "http_timeout": http_timeout,
        "online_timeout": online_timeout,
        "check_urls": False if no_urls else None,
        "allow_private_urls": allow_private_urls or None,
    }
    urls = (openalex_url, semanticscholar_url, arxiv_url, dblp_url, europepmc_url, eutils_url)
    flags |= source_flags(urls, s2_api_key, no_source)
    settings = drop_sources(_settings(flags, config), no_source)
    # Every usage error is found before the first PDF is read: a long run never ends in one.
    targets = _prepare_outputs(reports or [], [output, write_baseline])
    known = _load_baseline(baseline) if baseline is not None else None
    report = _check_inputs(paths, settings, progress=sys.stderr.isatty() and not quiet)
    if write_baseline is not None:
        _write_baseline(report, write_baseline)
    if known is not None:
        report = apply_baseline(report, known)
    _report_input_errors(report)
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    rules = select_rules(settings.select, settings.ignore)
    _write(render(report, output_format.value, color=color, quiet=quiet, rules=rules), output)
    for target in targets:  # the same report in further formats: no second run
        _write(render(report, target.fmt, quiet=quiet, rules=rules), target.path)
    accepted = write_baseline is not None
    raise typer.Exit(EXIT_CLEAN if accepted else report.exit_code(settings.fail_on))


def _prepare_outputs(reports: list[str], files: list[Path | None]) -> list[ReportTarget]:
    """The ``--report`` targets, with every file the run will write checked and its folder
    made (refcheck.inputs says how)."""
    try:
        targets = parse_report_targets(reports, FORMATS)
        prepare_destinations([*(f for f in files if f is not None), *(t.path for t in targets)])
    except RefcheckError as exc:
        raise _fail(str(exc)) from exc
    return targets


def _check_inputs(paths: list[Path], settings: Settings, progress: bool) -> Report:
    """The run on the paths as given: standard input read, each file checked once."""
    try:
        with checked_inputs(paths, sys.stdin.buffer) as inputs:
            return inputs.named(_run(list(inputs.paths), settings, progress))
    except RefcheckError as exc:
        raise _fail(str(exc)) from exc


def _load_baseline(path: Path) -> Counter[str]:
    try:
        return load_baseline(path)
    except RefcheckError as exc:
        raise _fail(str(exc)) from exc


def _write_baseline(report: Report, path: Path) -> None:
    try:
        count = write_baseline_file(report, path)
    except RefcheckError as exc:
        raise _fail(str(exc)) from exc
    typer.echo(f"refcheck: recorded {count} findings in the baseline {path}", err=True)


@app.command()
def extract(
    paths: PathsArg,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.json,
    output: OutputOpt = None,
    debug: DebugOpt = False,
    max_pages: MaxPagesOpt = None,
    timeout: TimeoutOpt = None,
    memory_mb: MemoryOpt = None,
    workers: WorkersOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Show what was extracted (metadata with provenance, identifiers), without rules."""
    flags: dict[str, Any] = {
        "max_pages": max_pages,
        "timeout": timeout,
        "memory_mb": memory_mb,
        "workers": workers,
        "debug": debug or None,
    }
    report = _run(paths, _settings(flags, config, base=Settings(run_rules=False)))
    _report_input_errors(report)
    _write(render_extraction(report, output_format.value), output)
    raise typer.Exit(EXIT_USAGE if report.input_errors else EXIT_CLEAN)


class RulesFormat(str, enum.Enum):
    text = "text"
    json = "json"


@app.command("rules")
def list_rules(
    output_format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="text: a table; json: for programs.")
    ] = RulesFormat.text,
) -> None:
    """The rule catalogue."""
    if output_format is RulesFormat.json:
        typer.echo(json.dumps(rules_catalogue(), indent=2, ensure_ascii=False))
    else:
        typer.echo(rules_table())


class SchemaDocument(str, enum.Enum):
    report = "report"
    extract = "extract"


@app.command("schema")
def show_schema(
    document: Annotated[
        SchemaDocument,
        typer.Argument(help="report: `check --format json`; extract: `extract --format json`."),
    ] = SchemaDocument.report,
) -> None:
    """The JSON Schema (draft 2020-12) of the JSON report, schema refcheck/1."""
    typer.echo(json.dumps(json_schema(document.value), indent=2, ensure_ascii=False))


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


app.add_typer(cache_app, name="cache")
app.command("serve")(serve)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"refcheck {__version__}")
        raise typer.Exit()


class _StderrLog(logging.Handler):
    """The library's warnings (the ``refcheck`` logger) as the command's own stderr lines."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(self.format(record), err=True)


@app.callback()
def _options(
    context: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Check the citations, references and own metadata of academic PDFs."""
    # Only for this command: a program that runs the CLI in-process keeps its own logging.
    handler = _StderrLog(logging.WARNING)
    logging.getLogger("refcheck").addHandler(handler)
    context.call_on_close(lambda: logging.getLogger("refcheck").removeHandler(handler))


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
