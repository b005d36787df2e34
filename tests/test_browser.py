"""The public's experience in a real Chromium: accessibility, filters, search, keyboard, phone width.

Uses Debian's Chromium (/usr/bin/chromium) through Playwright; `playwright install`
is never needed. Without Chromium these tests skip, unless REQUIRE_BROWSER=1
(set by .ci/run), where a missing browser is a failure.
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import CHROMIUM, DESKTOP, PHONE, missing
from sitecheck import axe_violations
from transparency.money import format_money
from transparency.views.pages import FILTERED_CSV


if not CHROMIUM.exists():
    missing("Chromium is not installed (apt-get install -y chromium)", "REQUIRE_BROWSER", module=True)

playwright_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python")


# One page of every type.
PAGES = {
    "home": "",
    "funding": "funding/",
    "fund": "funding/victims-services-grant/",
    "statistics": "funding/statistics/",
    "all awards": "awards/",
    "award (co-commissioned contract)": "awards/hospital-domestic-abuse-advisers-2026/",
    "award (grant)": "awards/cycle-theft-prevention-2026/",
    "tenders": "tenders/",
    "tender (open)": "tenders/restorative-justice-service-2027/",
    "scoring": "scoring/",
    "contracts register": "registers/contracts/",
    "single tender actions": "registers/single-tender-actions/",
    "contracts ending": "registers/contracts-ending/",
    "outcome reports due": "registers/outcome-reports/",
    "recipients": "recipients/",
    "recipient": "recipients/gb-chc-9112208/",
    "open data": "open-data/",
    "promises": "how-we-commission/",
    "a promise": "how-we-commission/upstream/",
    "a promise's evidence in a year": "how-we-commission/local-third-sector/2026-27/",
    "strategy": "strategy/commissioning-cycle/",
    "accessibility statement": "accessibility/",
}





@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_accessibility_violations(base_url, page_at, name, viewport):
    page = page_at(base_url + PAGES[name], viewport)
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", list(PAGES))
def test_no_sideways_scrolling_on_a_phone(base_url, page_at, name):
    page = page_at(base_url + PAGES[name], PHONE)
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, f"{name}: the page is {scroll}px wide on a {width}px screen"


def visible_rows(page, table="#awards-table"):
    return page.locator(f"{table} tbody tr:visible")


def test_filter_sort_and_download_the_awards_table(base_url, page_at, example_site):
    page = page_at(base_url + "awards/", accept_downloads=True)
    total = visible_rows(page).count()
    assert total >= 30
    page.select_option("#awards-table-fund", "youth-fund")
    page.select_option("#awards-table-year", "2026/27")
    rows = visible_rows(page)
    n = rows.count()
    assert 0 < n < total
    for i in range(n):
        assert rows.nth(i).get_attribute("data-fund") == "youth-fund"
        assert rows.nth(i).get_attribute("data-year") == "2026/27"
    exact = sum((Decimal(rows.nth(i).get_attribute("data-amount")) for i in range(n)), Decimal(0))
    assert page.locator("[data-count-for=awards-table]").inner_text() == \
        f"{n} of {total} awards shown, totalling {format_money(exact)}"

    # sort by amount, largest first, then smallest first
    page.get_by_role("button", name="Amount").click()
    amounts = [Decimal(rows.nth(i).get_attribute("data-amount")) for i in range(n)]
    assert amounts == sorted(amounts, reverse=True)
    assert page.locator("th[data-sort=amount]").get_attribute("aria-sort") == "descending"
    page.get_by_role("button", name="Amount").click()
    amounts = [Decimal(rows.nth(i).get_attribute("data-amount")) for i in range(n)]
    assert amounts == sorted(amounts)

    # recipient text narrows further
    first_recipient = rows.nth(0).locator("[data-col=recipient]").inner_text()
    page.fill("#awards-table-recipient", first_recipient[:8])
    assert 1 <= visible_rows(page).count() <= n
    shown_recipients = [visible_rows(page).nth(i).locator("[data-col=recipient]").inner_text()
                        for i in range(visible_rows(page).count())]
    assert all(first_recipient[:8].lower() in r.lower() for r in shown_recipients)
    page.fill("#awards-table-recipient", "no recipient is called this")
    assert visible_rows(page).count() == 0  # the filter really filters
    page.fill("#awards-table-recipient", first_recipient[:8])

    # the download holds exactly the rows that match
    shown = visible_rows(page).count()
    with page.expect_download() as info:
        page.get_by_role("button", name="matching award").click()
    text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text)))
    assert len(records) == shown
    assert all(r["fund_id"] == "youth-fund" for r in records)
    # named as awards.csv names them
    whole = (example_site.site / "data" / "awards.csv").read_bytes().decode("utf-8-sig").splitlines()[0].split(",")
    assert tuple(records[0]) == FILTERED_CSV and set(FILTERED_CSV) <= set(whole), (list(records[0]), whole)


def test_without_javascript_the_whole_table_is_there(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "awards/")
    assert page.locator("#awards-table tbody tr").count() >= 30
    assert not page.locator("form[data-filter-for]").is_visible()  # filters need script: hidden without it
    context.close()


def test_site_search_finds_a_recipient(base_url, page_at):
    page = page_at(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("Willow Row", delay=50)
    result = page.locator(".md-search-result__list li").first
    result.wait_for(timeout=10_000)
    assert "Willow Row" in page.locator(".md-search-result__list").inner_text()


def test_keyboard_reaches_the_portal_link_on_a_tender(base_url, page_at):
    page = page_at(base_url + "tenders/restorative-justice-service-2027/")
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.textContent")
        if focused and "bid on" in focused:
            break
    else:
        pytest.fail("tabbing never reached the link to the eTendering portal")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href.startswith("https://www.bluelight.eu-supply.com/")


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_keyboard_opens_the_menu_on_a_phone(base_url, page_at, key):
    """Material's menu toggle is a <label> a keyboard cannot reach (Material #4101); ours is a button."""
    page = page_at(base_url, PHONE)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.toggles") == "__drawer":
            break
    else:
        pytest.fail("the menu button cannot be reached with Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press(key)
    assert page.evaluate("document.getElementById('__drawer').checked")


@pytest.mark.parametrize("url", ["awards/hospital-domestic-abuse-advisers-2026/", "tenders/restorative-justice-service-2027/"])
def test_award_and_tender_pages_print_without_navigation(base_url, page_at, url):
    page = page_at(base_url + url)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".example-notice"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
    assert page.locator("article h1").is_visible()
