"""Configuration files: every key, discovery upwards, precedence, and errors that name the key."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import refcheck
from refcheck.cli import app
from refcheck.config import Settings
from refcheck.configfile import ConfigError, config_keys, find_config, load_settings, read_config
from refcheck.model import Severity
from tests.batchgen import article_pdf

runner = CliRunner()

# Every key with a TOML value and the Settings field and value it must produce.
EVERY_KEY: list[tuple[str, str, str, Any]] = [
    ("select", '["META", "CIT001"]', "select", ("META", "CIT001")),
    ("ignore", '["REF"]', "ignore", ("REF",)),
    ("offline", "true", "offline", True),
    ("fail-on", '"warning"', "fail_on", Severity.WARNING),
    ("max-pages", "50", "max_pages", 50),
    ("timeout", "12.5", "timeout", 12.5),
    ("memory-mb", "1024", "memory_mb", 1024),
    ("mailto", '"editor@example.org"', "mailto", "editor@example.org"),
    ("crossref-url", '"http://127.0.0.1:9/cr"', "crossref_url", "http://127.0.0.1:9/cr"),
    ("datacite-url", '"http://127.0.0.1:9/dc"', "datacite_url", "http://127.0.0.1:9/dc"),
    ("doi-url", '"http://127.0.0.1:9/doi"', "doi_url", "http://127.0.0.1:9/doi"),
    ("sources", '["dblp", "pubmed"]', "sources", ("dblp", "pubmed")),
    ("openalex-url", '"http://127.0.0.1:9/oa"', "openalex_url", "http://127.0.0.1:9/oa"),
    ("semanticscholar-url", '"http://127.0.0.1:9/s2"', "semanticscholar_url",
     "http://127.0.0.1:9/s2"),
    ("s2-api-key", '"k3y"', "s2_api_key", "k3y"),
    ("arxiv-url", '"http://127.0.0.1:9/ax"', "arxiv_url", "http://127.0.0.1:9/ax"),
    ("dblp-url", '"http://127.0.0.1:9/dblp"', "dblp_url", "http://127.0.0.1:9/dblp"),
    ("europepmc-url", '"http://127.0.0.1:9/ep"', "europepmc_url", "http://127.0.0.1:9/ep"),
    ("eutils-url", '"http://127.0.0.1:9/eu"', "eutils_url", "http://127.0.0.1:9/eu"),
    ("cache-dir", '"/var/cache/refcheck"', "cache_dir", "/var/cache/refcheck"),
    ("use-cache", "false", "use_cache", False),
    ("no-cache", "true", "use_cache", False),
    ("http-timeout", "3", "http_timeout", 3.0),
    ("online-timeout", "30", "online_timeout", 30.0),
    ("allow-private-urls", "true", "allow_private_urls", True),
    ("check-urls", "false", "check_urls", False),
    ("no-urls", "true", "check_urls", False),
    ("url-allow", '["https://*.example.org/*"]', "url_allow", ("https://*.example.org/*",)),
    ("url-deny", '["*://localhost/*"]', "url_deny", ("*://localhost/*",)),
    ("severity", '{ META002 = "error", CIT = "info" }', "severity",
     (("META002", Severity.ERROR), ("CIT", Severity.INFO))),
    ("per-path-ignores", '{ "front-*.pdf" = ["CIT002", "REF"] }', "per_path_ignores",
     (("front-*.pdf", ("CIT002", "REF")),)),
    ("workers", "4", "workers", 4),
    ("scheduler", '"tcp://10.0.0.5:8786"', "scheduler", "tcp://10.0.0.5:8786"),
]  # fmt: skip


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_configuration_key_has_a_test() -> None:
    assert sorted(key for key, *_ in EVERY_KEY) == sorted(config_keys())


@pytest.mark.parametrize(("key", "toml", "field", "expected"), EVERY_KEY)
def test_key_sets_its_setting(
    tmp_path: Path, key: str, toml: str, field: str, expected: Any
) -> None:
    config = write(tmp_path / "refcheck.toml", f"{key} = {toml}\n")
    settings = load_settings(config=config)
    assert getattr(settings, field) == expected
    pyproject = write(tmp_path / "p" / "pyproject.toml", f"[tool.refcheck]\n{key} = {toml}\n")
    assert getattr(load_settings(config=pyproject), field) == expected


def test_fail_on_never_means_no_exit_code_for_findings(tmp_path: Path) -> None:
    config = write(tmp_path / "refcheck.toml", 'fail-on = "never"\n')
    assert load_settings(config=config).fail_on is None


def test_unknown_key_names_file_and_key_and_suggests_the_right_one(tmp_path: Path) -> None:
    config = write(tmp_path / "pyproject.toml", '[tool.refcheck]\nselct = ["META"]\n')
    with pytest.raises(ConfigError) as error:
        read_config(config)
    assert str(error.value) == (
        f"{config}: unknown key 'selct' in [tool.refcheck]; did you mean 'select'?"
    )


def test_unknown_key_without_a_near_one_lists_the_allowed_keys(tmp_path: Path) -> None:
    config = write(tmp_path / "refcheck.toml", "colour = true\n")
    with pytest.raises(
        ConfigError,
        match="unknown key 'colour'; allowed keys: allow-private-urls, arxiv-url, cache-dir, ",
    ):
        read_config(config)


def test_snake_case_key_is_refused_with_the_kebab_case_spelling(tmp_path: Path) -> None:
    config = write(tmp_path / "refcheck.toml", "max_pages = 10\n")
    with pytest.raises(ConfigError, match="did you mean 'max-pages'"):
        read_config(config)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('select = "META"', "'select' must be a list of strings, not 'META'"),
        ("offline = 1", "'offline' must be true or false, not 1"),
        ("max-pages = 2.5", "'max-pages' must be a whole number, not 2.5"),
        ("timeout = true", "'timeout' must be a number, not True"),
        ('fail-on = "fatal"', "'fail-on' must be one of ('error', 'warning', 'info', 'never')"),
        ('severity = { META002 = "high" }', "'severity'['META002'] must be one of ('error'"),
        ("severity = { NOPE1 = 'error' }", "'severity': 'NOPE1' matches no rule code or prefix"),
        ('ignore = ["XYZ"]', "'ignore': 'XYZ' matches no rule code or prefix"),
        ('per-path-ignores = { "*.pdf" = "CIT" }', "'per-path-ignores'['*.pdf'] must be a list"),
        ("workers = 0", "'workers' must be at least 1, not 0"),
        ("memory-mb = 100", "'memory-mb' must be at least 256, not 100"),
        ("http-timeout = -1", "'http-timeout' must be more than 0, not -1.0"),
        ('crossref-url = "api.crossref.org"', "'crossref-url' must be a URL such as"),
        ("no-cache = true\nuse-cache = true", "'no-cache' and 'use-cache' both set 'use_cache'"),
    ],
)
def test_bad_value_is_an_error_naming_file_key_and_what_is_allowed(
    tmp_path: Path, line: str, message: str
) -> None:
    config = write(tmp_path / "refcheck.toml", line + "\n")
    with pytest.raises(ConfigError) as error:
        read_config(config)
    assert str(error.value).startswith(f"{config}: ")
    assert message in str(error.value)


def test_invalid_toml_is_an_error_naming_the_file(tmp_path: Path) -> None:
    config = write(tmp_path / "refcheck.toml", "select = [\n")
    with pytest.raises(ConfigError, match=r"refcheck\.toml: not valid TOML"):
        read_config(config)


def test_discovery_walks_upwards_and_the_nearest_file_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.refcheck]\nworkers = 2\n")
    deep = tmp_path / "issue" / "articles" / "draft"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    write(tmp_path / "issue" / "refcheck.toml", "workers = 3\n")
    assert find_config(deep) == tmp_path / "issue" / "refcheck.toml"
    assert load_settings(search_from=deep).workers == 3


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "refcheck.toml", "workers = 2\n")
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "pkg"\n')
    assert find_config(tmp_path / "pkg") == tmp_path / "refcheck.toml"


def test_refcheck_toml_wins_over_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.refcheck]\nworkers = 2\n")
    write(tmp_path / "refcheck.toml", "workers = 3\n")
    assert find_config(tmp_path) == tmp_path / "refcheck.toml"


def test_precedence_flags_then_file_then_defaults(tmp_path: Path) -> None:
    config = write(tmp_path / "refcheck.toml", 'select = ["META"]\nworkers = 3\n')
    settings = load_settings({"select": ("CIT",), "workers": None}, config=config)
    assert settings.select == ("CIT",)  # the flag given
    assert settings.workers == 3  # the flag not given: the file
    assert settings.max_pages == Settings().max_pages  # neither: the default


def test_relative_cache_dir_and_path_patterns_are_relative_to_the_file(tmp_path: Path) -> None:
    config = write(
        tmp_path / "refcheck.toml",
        'cache-dir = ".cache"\n[per-path-ignores]\n"drafts/*.pdf" = ["CIT"]\n"*.pdf" = ["REF"]\n',
    )
    settings = load_settings(config=config)
    assert settings.cache_dir == str(tmp_path.resolve() / ".cache")
    assert settings.per_path_ignores == (
        (str(tmp_path.resolve() / "drafts/*.pdf"), ("CIT",)),
        ("*.pdf", ("REF",)),
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with two articles (each with one CIT002 warning); the working directory."""
    write(tmp_path / "pyproject.toml", '[project]\nname = "issue"\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "a.pdf").write_bytes(article_pdf(1))
    (tmp_path / "drafts" / "b.pdf").write_bytes(article_pdf(2))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_reads_the_file_found_upwards(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / "refcheck.toml", 'fail-on = "warning"\noffline = true\n')
    (project / "drafts" / "sub").mkdir()
    monkeypatch.chdir(project / "drafts" / "sub")
    result = runner.invoke(app, ["check", "../../a.pdf"])
    assert result.exit_code == 1  # fail-on from the file; without it a warning exits 0


def test_flag_given_overrides_the_file_and_flag_left_out_does_not(project: Path) -> None:
    write(project / "refcheck.toml", 'fail-on = "warning"\n')
    assert runner.invoke(app, ["check", "--offline", "a.pdf"]).exit_code == 1
    assert runner.invoke(app, ["check", "--offline", "--fail-on", "error", "a.pdf"]).exit_code == 0


def test_cli_unknown_key_exits_2_with_the_message(project: Path) -> None:
    write(project / "refcheck.toml", 'selct = ["META"]\n')
    result = runner.invoke(app, ["check", "a.pdf"])
    assert result.exit_code == 2
    assert "refcheck.toml: unknown key 'selct'; did you mean 'select'?" in result.output


def test_config_flag_reads_that_file_and_searches_no_further(project: Path) -> None:
    write(project / "refcheck.toml", 'selct = ["META"]\n')  # would be an error if read
    other = write(project / "ci" / "strict.toml", 'fail-on = "warning"\noffline = true\n')
    assert runner.invoke(app, ["check", "--config", str(other), "a.pdf"]).exit_code == 1
    missing = runner.invoke(app, ["check", "--config", "nope.toml", "a.pdf"])
    assert missing.exit_code == 2 and "nope.toml: no such configuration file" in missing.output


def test_per_path_ignores_drop_the_codes_only_in_matching_files(project: Path) -> None:
    write(project / "refcheck.toml", '[per-path-ignores]\n"drafts/*.pdf" = ["CIT002"]\n')
    result = runner.invoke(app, ["check", "--offline", "a.pdf", "drafts/b.pdf"])
    assert "a.pdf:2: CIT002 warning" in result.output
    assert "b.pdf:2: CIT002" not in result.output


def test_per_path_ignore_by_file_name_matches_in_any_folder(project: Path) -> None:
    write(project / "refcheck.toml", '[per-path-ignores]\n"b.pdf" = ["CIT"]\n')
    result = runner.invoke(app, ["check", "--offline", "a.pdf", "drafts/b.pdf"])
    assert "a.pdf:2: CIT002" in result.output and "b.pdf:2: CIT002" not in result.output


def test_severity_override_changes_the_finding_and_the_exit_code(project: Path) -> None:
    assert runner.invoke(app, ["check", "--offline", "a.pdf"]).exit_code == 0
    write(project / "refcheck.toml", '[severity]\nCIT = "info"\nCIT002 = "error"\n')
    result = runner.invoke(app, ["check", "--offline", "a.pdf"])
    assert "a.pdf:2: CIT002 error reference 5 is never cited" in result.output
    assert result.exit_code == 1  # the most specific pattern (CIT002) wins over CIT


def test_api_takes_settings_as_keywords_and_a_config_file(project: Path) -> None:
    config = write(project / "ci.toml", '[severity]\nCIT002 = "info"\n')
    report = refcheck.check(project / "a.pdf", config=config, offline=True, fail_on="never")
    (finding,) = report.documents[0].findings
    assert finding.code == "CIT002" and finding.severity is Severity.INFO
    with pytest.raises(ConfigError, match=r"refcheck.check\(\): unknown key 'selct'"):
        refcheck.check(project / "a.pdf", selct=["META"])


def test_every_key_is_documented_in_the_docs_table() -> None:
    notes = (Path(__file__).resolve().parents[1] / "docs" / "configuration.md").read_text("utf-8")
    table = notes.split("<!-- config-keys:start -->")[1].split("<!-- config-keys:end -->")[0]
    documented = re.findall(r"^\| `([a-z0-9-]+)` \|", table, re.M)
    assert sorted(documented) == sorted(config_keys())
