"""Shared test helpers: real data folders, real MkDocs builds into temporary folders."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The tests' own office: its data/, content/ and mkdocs.yml (a copy of the example office's).
# The project's own data/, content/ and mkdocs.yml belong to whichever office runs the site, and
# another office replaces them: the tests read this folder instead, so they pass with any office's
# files. tests/test_office_data.py checks the project's own (ROOT) data, content and config.
FIXTURE = ROOT / "tests" / "fixtures" / "office"
FIXTURE_DATA = FIXTURE / "data"
# The fixed build moment for tests: 28 November 2026, 10:00 UK time (winter, UTC+0).
BUILD_EPOCH = int(datetime.fromisoformat("2026-11-28T10:00:00+00:00").timestamp())
OFFICE_PARTS = ("mkdocs.yml", "content")  # an office's own: from the project folder given
GENERATOR_PARTS = ("overrides", "hooks")  # the generator's: always this checkout's
# Debian's Chromium, started as the machine's notes say (no network chatter, no sandbox as root).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def missing(why: str, flag: str = "REQUIRE_TOOLS", module: bool = False):
    """A tool or browser the test needs is not here: skip, saying how to install it; but fail
    when `flag` is 1 (.ci/run and the workflows set REQUIRE_BROWSER and REQUIRE_TOOLS), so CI can
    never pass by skipping. `module`: called while the test file is imported (skips them all)."""
    if os.environ.get(flag) == "1":
        pytest.fail(f"{why} ({flag}=1)", pytrace=False)
    pytest.skip(why, allow_module_level=module)


def launch_chromium(playwright):
    """A headless Chromium for Playwright: never `playwright install`, always /usr/bin/chromium."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module. Without it the tests that ask
    for it skip, unless REQUIRE_BROWSER=1 (CI), where they fail instead."""
    if not CHROMIUM.exists():
        missing("Chromium is not installed (apt-get install -y chromium)", "REQUIRE_BROWSER")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page_at(browser):
    """Opens a URL in a browser context of its own, at `viewport`, with Playwright's context
    `options` (java_script_enabled=False, accept_downloads=True, ...); closed after the test."""
    contexts = []

    def open_page(url: str, viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        return page

    yield open_page
    for c in contexts:
        c.close()


def copy_data(dest: Path, office: Path = FIXTURE) -> Path:
    """A scratch copy of an office's data folder (the tests' own unless told), for a test to break."""
    data = dest / "data"
    shutil.copytree(office / "data", data)
    return data


def make_project(dest: Path, data: Path | None = None, office: Path = FIXTURE) -> Path:
    """A project to build: an office's config and content (the tests' own office unless told;
    ROOT is the project's own), this checkout's overrides and hooks, and a data folder: a copy
    of the office's, or of `data`."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in [*OFFICE_PARTS, *GENERATOR_PARTS]:
        src = (office if part in OFFICE_PARTS else ROOT) / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    # `mkdocs serve` watches the generator's own folder; the link keeps mkdocs.yml valid here
    (dest / "transparency").symlink_to(ROOT / "transparency", target_is_directory=True)
    if data is None:
        copy_data(dest, office)
    elif data != dest / "data":
        shutil.copytree(data, dest / "data")
    return dest


class Build:
    def __init__(self, project: Path, site: Path, result: subprocess.CompletedProcess):
        self.project, self.site, self.result = project, site, result
        self.output = result.stdout + result.stderr

    @property
    def ok(self) -> bool:
        return self.result.returncode == 0

    def page(self, url: str) -> str:
        """The HTML of the page at a site URL such as `awards/foo/`."""
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        return path.read_text(encoding="utf-8")


def build(project: Path, epoch: int = BUILD_EPOCH, site: Path | None = None, builder: str = "mkdocs") -> Build:
    """Run the real `mkdocs build --strict` (or another builder's) on a project folder."""
    site = site or project / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1",
           # "last changed" reads the data's git history: git may find the project's own
           # repository (tests/test_history.py makes one) but never one around the temporary
           # folder, whose files it would all count as uncommitted, changed on the build date
           "GIT_CEILING_DIRECTORIES": str(project.resolve().parent)}
    result = subprocess.run(
        [sys.executable, "-m", builder, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=env, cwd=project,
    )
    return Build(project, site, result)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Build:
    """The tests' own office (tests/fixtures/office) built once for the whole test session."""
    project = make_project(tmp_path_factory.mktemp("example"))
    result = build(project)
    assert result.ok, result.output
    return result


@pytest.fixture(scope="session")
def base_url(example_site):
    """The tests' own office's site served over HTTP on localhost, for the browser tests: one
    server for the whole session, as the site is built once (example_site)."""
    from sitecheck import served
    with served(example_site.site) as url:
        yield url
