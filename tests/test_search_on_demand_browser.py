"""A first visit's bytes (issue 20), in a real Chromium: the search index and the search worker come
only when the reader searches (assets/header.js), on light pages (out of the navigation) Material's
bundle too, and tables.js only where there are tables. Searching still finds, however it starts.

Uses Debian's Chromium through Playwright, as tests/test_browser.py does.
"""
from __future__ import annotations

import gzip

import pytest

from conftest import CHROMIUM, DESKTOP, PHONE, missing
from sitecheck import open_search

if not CHROMIUM.exists():
    missing("Chromium is not installed (apt-get install -y chromium)", "REQUIRE_BROWSER", module=True)

pytest.importorskip("playwright.sync_api")

AWARD = "awards/hospital-domestic-abuse-advisers-2026/"  # a light page: out of the navigation
AWARD_NO_TABLE = "awards/cycle-theft-prevention-2026/"   # a grant paid from one year: no table
FUND_YEAR = "funding/victims-services-grant/2025-26/"    # a light page with a filterable table
HOME = ""                                                # in the navigation: the bundle at load
WORD = "Willow Row"  # the recipient of AWARD (tests/fixtures/office/data/awards/)

INDEX, WORKER, BUNDLE, TABLES = "search/search_index.json", "/workers/search.", "/bundle.", "assets/tables.js"
FIRST_VISIT_BUDGET = 60_000  # bytes, gzipped: issue 20's "at most 60 KB compressed"



@pytest.fixture
def visit(browser, base_url):
    """Opens a page in a context of its own and records every request it makes: (page, urls)."""
    contexts = []

    def open_page(path: str, viewport=DESKTOP):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        urls: list[str] = []
        page.on("request", lambda request: urls.append(request.url))
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        page.wait_for_load_state("networkidle")  # anything the scripts would ask for at load, asked
        return page, urls

    yield open_page
    for c in contexts:
        c.close()


def asked(urls: list[str], part: str) -> int:
    return sum(part in url for url in urls)


def result_links(page) -> list[str]:
    return page.eval_on_selector_all(".md-search-result__list a", "links => links.map(a => a.href)")


@pytest.mark.parametrize("path", [AWARD, HOME], ids=["award", "home"])
def test_no_search_index_nor_worker_at_load(visit, path):
    _, urls = visit(path)
    assert asked(urls, INDEX) == 0 and asked(urls, WORKER) == 0, urls


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", [AWARD, HOME], ids=["award", "home"])
def test_searching_fetches_the_index_once_and_finds(visit, base_url, path, viewport):
    """Through the search box (desktop) or the header's search button (phone, open_search)."""
    page, urls = visit(path, viewport)
    open_search(page, WORD)
    assert asked(urls, INDEX) == 1 and asked(urls, WORKER) == 1
    assert any(link.startswith(base_url + AWARD) for link in result_links(page)), result_links(page)
    assert page.evaluate("document.activeElement.matches('.md-search__input')")


def test_a_light_page_loads_the_bundle_only_when_the_reader_searches(visit):
    page, urls = visit(AWARD)
    assert asked(urls, BUNDLE) == 0, urls
    assert page.locator(".md-search__input").is_visible()  # shown before the bundle runs
    open_search(page, WORD)
    assert asked(urls, BUNDLE) == 1


def test_a_page_in_the_navigation_loads_the_bundle_at_once(visit):
    _, urls = visit(HOME)
    assert asked(urls, BUNDLE) == 1


def test_the_slash_shortcut_searches_on_a_light_page(visit, base_url):
    page, urls = visit(AWARD)
    page.keyboard.press("/")
    page.keyboard.type(WORD, delay=30)
    page.wait_for_selector(".md-search-result__list li")
    assert asked(urls, INDEX) == 1
    assert any(link.startswith(base_url + AWARD) for link in result_links(page))


def test_a_shared_search_opens_with_its_results_on_a_light_page(visit, base_url):
    page, urls = visit(AWARD + "?q=" + WORD.replace(" ", "+"))
    page.wait_for_selector(".md-search-result__list li")
    assert page.locator(".md-search__input").input_value() == WORD
    assert any(link.startswith(base_url + AWARD) for link in result_links(page))


def test_the_menu_opens_on_a_light_page_without_the_bundle(visit):
    page, urls = visit(AWARD, PHONE)
    page.locator('button[data-toggles="__drawer"]').click()
    page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    assert page.locator(".md-sidebar--primary .md-nav__link").first.is_visible()
    assert asked(urls, BUNDLE) == 0


def test_nothing_of_ours_starts_twice_when_the_bundle_comes_late(visit):
    """header.js says DOMContentLoaded again for a bundle that comes late: what our scripts made at
    load is there once, and works (two header buttons, not four; Escape closes the menu and gives
    focus back to its button; one filter form, shown)."""
    page, urls = visit(FUND_YEAR, PHONE)
    open_search(page, WORD)
    page.keyboard.press("Escape")
    assert asked(urls, BUNDLE) == 1
    assert page.locator("button[data-toggles]").count() == 2
    page.locator('button[data-toggles="__drawer"]').click()
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert page.evaluate("document.activeElement.dataset.toggles") == "__drawer"
    assert page.locator(".filters").count() == 1 and page.locator(".filters").is_visible()


@pytest.mark.parametrize("path,wanted", [(AWARD_NO_TABLE, 0), (AWARD, 1), (FUND_YEAR, 1), (HOME, 1)])
def test_tables_js_only_on_pages_with_tables(visit, path, wanted):
    """Every table of ours is in a .table-wrap, which tables.js lets the keyboard scroll when wide
    (a contract paid from several years' budgets has one, of its years)."""
    _, urls = visit(path)
    assert asked(urls, TABLES) == wanted


def test_the_filters_work_on_a_light_page_without_the_bundle(visit):
    page, urls = visit(FUND_YEAR)
    rows = page.locator("table[data-filterable] tbody tr:visible").count()
    page.fill("input[name=min]", "100000")
    assert 0 < page.locator("table[data-filterable] tbody tr:visible").count() < rows
    assert asked(urls, BUNDLE) == 0


def first_visit(browser, url: str, viewport=DESKTOP) -> dict[str, int]:
    """Every response a first visit to `url` receives (an empty cache), each body's size gzipped
    (level 6, as a server would send it): {url: bytes}."""
    context = browser.new_context(viewport=viewport)
    sizes: dict[str, int] = {}
    page = context.new_page()
    page.on("response", lambda response: sizes.__setitem__(response.url, len(gzip.compress(response.body(), 6))))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    return sizes


def test_a_first_visit_to_an_award_page_is_at_most_60_kb_gzipped(browser, base_url):
    sizes = first_visit(browser, base_url + AWARD)
    assert sum(sizes.values()) <= FIRST_VISIT_BUDGET, sizes
