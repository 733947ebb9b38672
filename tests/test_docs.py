"""The README and docs/: short README for users, links that work on GitHub and the package index."""

from __future__ import annotations

import os
import re
from pathlib import Path

from refcheck.report.catalogue import rules_catalogue, rules_markdown
from refcheck.rules import ALL_RULES

ROOT = Path(__file__).resolve().parents[1]
REPOSITORY = "https://github.com/refcheck/refcheck/blob/main/"
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _links(path: Path) -> list[str]:
    return LINK.findall(path.read_text(encoding="utf-8"))


def test_readme_is_short() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 200, len(lines)


def test_readme_links_are_absolute_and_name_files_of_this_repository() -> None:
    # The package index shows the README without the repository around it: relative links break.
    links = _links(ROOT / "README.md")
    assert links
    for link in links:
        assert link.startswith(("https://", "http://")), link
        if link.startswith(REPOSITORY):
            target = ROOT / link.removeprefix(REPOSITORY).split("#")[0]
            assert target.is_file(), link


def test_every_docs_page_is_linked_from_the_readme() -> None:
    linked = {link.removeprefix(REPOSITORY) for link in _links(ROOT / "README.md")}
    pages = {f"docs/{page.name}" for page in (ROOT / "docs").glob("*.md")}
    assert pages <= linked, sorted(pages - linked)


def test_relative_links_in_docs_resolve() -> None:
    for page in (ROOT / "docs").glob("*.md"):
        for link in _links(page):
            if link.startswith(("https://", "http://", "mailto:", "#")):
                continue
            path, _, anchor = link.partition("#")
            target = (page.parent / path).resolve()
            assert target.exists(), f"{page.name}: {link}"
            if anchor and target.suffix == ".md":
                headings = re.findall(r"^#+ (.+)$", target.read_text(encoding="utf-8"), re.M)
                slugs = {
                    re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings
                }
                assert anchor in slugs, f"{page.name}: {link}"


def _generated_block(page: Path, name: str) -> re.Match[str]:
    text = page.read_text(encoding="utf-8")
    block = re.search(rf"(<!-- {name}:start -->\n)(.*?)(<!-- {name}:end -->)", text, re.S)
    assert block is not None, f"{page.name} has no {name} block"
    return block


def test_docs_rule_pages_are_generated_from_the_rules() -> None:
    """Each rule's documentation under a heading that is its code: SARIF's helpUri lands there.

    After changing a rule's docstring: REFCHECK_UPDATE_DOCS=1 python3 -m pytest tests/test_docs.py
    """
    page = ROOT / "docs" / "rules.md"
    block = _generated_block(page, "rule-docs")
    if os.environ.get("REFCHECK_UPDATE_DOCS") == "1":
        text = page.read_text(encoding="utf-8")
        page.write_text(text[: block.start(2)] + rules_markdown() + text[block.end(2) :], "utf-8")
        block = _generated_block(page, "rule-docs")
    assert block.group(2) == rules_markdown()
    anchors = set(re.findall(r"^### ([A-Z]+\d+)$", block.group(2), re.M))
    assert anchors == {rule.code for rule in ALL_RULES}
    for entry in rules_catalogue():
        assert entry["help_uri"].split("#")[1] == entry["code"].lower()
