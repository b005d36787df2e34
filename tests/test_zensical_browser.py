"""The Zensical build in a real Chromium: axe finds nothing on any page type, at desktop and phone
width, and its own search finds a recipient (README, "After Material for MkDocs")."""
from __future__ import annotations

import pytest

from conftest import CHROMIUM, DESKTOP, PHONE, make_project, missing
from sitecheck import axe_violations, served
from test_browser import PAGES
from test_builders import build_with

if not CHROMIUM.exists():
    missing("Chromium is not installed (apt-get install -y chromium)", "REQUIRE_BROWSER", module=True)
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("zensical-browser")
    project = make_project(tmp / "office")
    result = build_with("zensical", project, tmp / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with served(tmp / "site") as url:
        yield url


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_accessibility_violations_under_zensical(base_url, page_at, name, viewport):
    page = page_at(base_url + PAGES[name], viewport)
    assert page.locator("article").count() == 1  # the page is there, not Zensical's 404
    assert axe_violations(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_zensical_search_finds_a_recipient(base_url, page_at, viewport):
    """Zensical's own search (its markup is not Material's: sitecheck.open_search does not fit it),
    opened from the header's button and typed into key by key, as a visitor does."""
    page = page_at(base_url + PAGES["award (grant)"], viewport)
    link = page.locator("article dd a").first  # the award's recipient, as the page names it
    recipient, href = link.inner_text().strip(), link.get_attribute("href")
    assert recipient and "/recipients/" in href
    # the search box's button on a wide screen, the header's Search button on a phone
    page.locator("button.md-search__button, button.md-header__button[aria-label='Search']").filter(visible=True).first.click()
    page.keyboard.type(recipient, delay=30)
    # a result links to the recipient's page with the words to highlight (`?h=`); Zensical draws
    # its results in a shadow root, which Playwright's locators reach
    result = page.locator(f'a[href*="/recipients/{href.split("/recipients/")[1]}?h="]', has_text=recipient)
    result.first.wait_for(state="visible", timeout=10_000)
