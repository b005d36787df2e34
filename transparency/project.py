"""What a project folder holds: the generator's parts and the office's own parts.

Every office's site is a project of its own (`python -m transparency new` starts one). Part
of it is the generator, the same for every office, copied from the generator's project and
replaced by `python -m transparency update`; the rest is the office's own, written once by
`new` and never touched again by the generator. This module is the one list of which is
which: `new`, `update` and their tests all ask it.

It also knows the mark at the top of each page `new` writes as a template for the office to
rewrite, so that `validate` and the build can warn while a page is still the template.
"""
from __future__ import annotations

from pathlib import Path

from .problems import WARNING, Problem

# The generator: copied from the generator's project by `new`, replaced by `update`.
# Folders are copied whole (less IGNORED); a part missing from a checkout is skipped.
GENERATOR_PARTS: tuple[str, ...] = (
    "transparency", "hooks", "overrides", "tests", "schemas", "benchmarks",
    ".github/workflows", ".ci", "Makefile", "pyproject.toml", "package.json", "package-lock.json",
    "EDITING.md", ".gitignore",
)
# The office's own: written once by `new` (from transparency/starter/), never changed by `update`.
OFFICE_PARTS: tuple[str, ...] = ("data", "content", "mkdocs.yml", "README.md")
# Made by running things, never copied: caches, virtual environments, built sites.
IGNORED: tuple[str, ...] = ("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache", ".hypothesis")
# The list of the generator's files last copied into a project, so that `update` can remove a
# file the newer generator no longer has without ever removing a file the office added itself.
MANIFEST = ".generator-files"
# Where the office's pages are, beside its data folder (mkdocs.yml's docs_dir).
CONTENT = "content"

# The first line of every page `new` writes as a template: while it is there, the page is the template.
TEMPLATE_MARK = '!!! warning "Template: rewrite this page"'
TEMPLATE_MESSAGE = ("this page is still the template that `python -m transparency new` wrote: rewrite it in "
                    "your office's own words, then delete the \"Template: rewrite this page\" box at its top")


def template_pages(root: Path) -> list[Problem]:
    """A warning for each page of the project's content folder that still carries the template's mark."""
    root = Path(root)
    content = root / CONTENT
    if not content.is_dir():
        return []
    out = []
    for page in sorted(content.rglob("*.md")):
        try:
            lines = page.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports a page it cannot read; this check only looks for the mark
        for number, line in enumerate(lines, 1):
            if line.strip() == TEMPLATE_MARK:
                out.append(Problem(page.relative_to(root).as_posix(), number, "", TEMPLATE_MESSAGE, WARNING))
                break
    return out
