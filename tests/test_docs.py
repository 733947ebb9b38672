"""The README and docs/: short README for users, links that work on GitHub and the package index."""

from __future__ import annotations

import re
from pathlib import Path

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
