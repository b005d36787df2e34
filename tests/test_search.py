"""Site search: what goes into Material's search index, and searching in a real Chromium.

The index (search/search_index.json) is one file a phone downloads whole on its first search.
Each award page is one short entry (its title, and a line naming the recipient, the amount, the
fund, the year and the place); lists index their introduction, never their tables. The browser
tests type into the search box (press_sequentially: Material listens for key events) and follow
the results; they skip without Chromium unless REQUIRE_BROWSER=1.
"""
from __future__ import annotations

import json
import re

import pytest

from transparency import addresses
from conftest import DESKTOP, PHONE, build, make_project
from sitecheck import axe_violations, open_search

# Longer than any entry of text staff write (the accessibility statement's longest section is about
# 2,400 characters), far shorter than an awards table (one list of 50 awards was 10,000 and more).
LONGEST_ENTRY = 3_000


def index_of(site) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def awards_of(site) -> list[dict]:
    return json.loads((site / "data" / "awards.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs(example_site):
    return index_of(example_site.site)


@pytest.fixture(scope="module")
def awards(example_site):
    return awards_of(example_site.site)


def award_url(a: dict) -> str:
    return f"awards/{a['id']}/"


def test_each_award_is_one_entry_with_its_title_recipient_fund_year_and_place(docs, awards):
    assert len(awards) >= 30
    for a in awards:
        entries = [d for d in docs if d["location"].split("#")[0] == award_url(a)]
        assert len(entries) == 1, (a["id"], [d["location"] for d in entries])
        entry = entries[0]
        assert entry["location"] == award_url(a)  # the page, not one of its sections
        assert entry["title"] == a["title"]
        text = entry["text"]
        for word in (a["recipient_name"], a["fund_name"], a["financial_year"]):
            assert word in text, (a["id"], word, text)
        place = "Countywide" if a["coverage"] == "countywide" else f"{a['coverage']} only"
        assert place in text, (a["id"], place, text)
        assert len(text) < 300, (a["id"], text)  # one line: not the page's details, reports and tables


def test_the_places_in_the_example_are_searchable(awards):
    # the test above checks "<area> only" for each local award: make sure there are some
    assert {a["coverage"] for a in awards} >= {"countywide", "Fenland", "Peterborough"}


def test_no_entry_holds_a_table_of_awards(docs, awards):
    titles = [a["title"] for a in awards]
    for d in docs:
        assert len(d["text"]) <= LONGEST_ENTRY, (d["location"], len(d["text"]))
        named = [t for t in titles if t in d["text"] or t in d["title"]]
        if d["location"].startswith("awards/") and d["location"] != "awards/":
            continue  # an award's own entry names itself (and its title may hold another's)
        assert len(named) <= 1, (d["location"], named)


@pytest.mark.parametrize("url", ["", "awards/", "awards-by-year/2025-26/", "funding/youth-fund/",
                                 "registers/contracts/", "registers/single-tender-actions/"])
def test_lists_index_their_introduction_but_not_their_table(docs, awards, url):
    entries = [d for d in docs if d["location"].split("#")[0] == url]
    assert entries, f"{url} is not in the index"
    text = " ".join(d["text"] for d in entries)
    assert "<p>" in text  # the introduction
    listed = [a for a in awards if a["title"] in text]
    assert listed == [], (url, [a["title"] for a in listed])


def test_only_the_first_page_of_a_long_list_is_searchable(tmp_path):
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("extra:\n", "extra:\n  rows_per_page: 7\n", 1))
    result = build(project)
    assert result.ok, result.output
    assert (result.site / "awards-by-year" / "2025-26" / "page-2" / "index.html").exists()
    locations = {d["location"].split("#")[0] for d in index_of(result.site)}
    assert {"awards/", "awards-by-year/2025-26/", "registers/contracts/"} <= locations
    assert [u for u in locations if "/page-" in u] == []
    # a fund's list for one year says what the fund's page and the year's list say: not indexed
    assert (result.site / "funding" / "youth-fund" / "2025-26" / "index.html").exists()
    assert [u for u in locations if re.fullmatch(r"funding/[^/]+/\d{4}-\d{2}/", u)] == []
    # and every award still once
    assert {award_url(a) for a in awards_of(result.site)} <= locations


# --- in the browser ---------------------------------------------------------------------------------





def result_links(page) -> list[str]:
    hrefs = page.locator(".md-search-result__list > li > a").evaluate_all("els => els.map(a => a.href)")
    return [re.sub(r"^https?://[^/]+/|\?.*$", "", h) for h in hrefs]


def test_searching_a_recipient_leads_to_its_page_and_its_award(base_url, page_at, awards):
    one = [a for a in awards if sum(b["recipient_name"] == a["recipient_name"] for b in awards) == 1]
    a = next(a for a in one if a["recipient_name"] == "Willow Row Domestic Abuse Service")
    recipient = addresses.recipient(a["recipient_org_id"]).url
    page = page_at(base_url)
    open_search(page, "Willow Row")
    links = result_links(page)
    assert links[0] == recipient, links  # the organisation's own page first, then what it received
    assert award_url(a) in links[1:3], links
    page.locator(".md-search-result__list > li > a").nth(links.index(award_url(a))).click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0] == base_url + award_url(a)
    assert page.locator("h1").inner_text() == a["title"]
    assert page.locator("h2#details").count() == 1  # the award's page, not what search indexed for it


def test_searching_a_place_finds_the_awards_there(base_url, page_at, awards):
    there = {award_url(a) for a in awards if a["coverage"] == "Peterborough"}
    assert there
    page = page_at(base_url)
    open_search(page, "Peterborough only")
    links = result_links(page)
    assert there <= set(links), links
    assert links[0] in there


def test_searching_a_service_finds_its_award(base_url, page_at, awards):
    a = next(a for a in awards if a["title"] == "Cycle marking and secure parking advice")
    page = page_at(base_url)
    open_search(page, "cycle marking")
    # its recipient, Safe Spokes Cycle Marking, may come first: the award is next to it
    assert award_url(a) in result_links(page)[:2], result_links(page)


def contrast(page, selector: str) -> float:
    """WCAG contrast of an element's text against what is behind it (its and its ancestors'
    backgrounds, transparent ones laid over each other, on the page's white)."""
    layers = page.eval_on_selector(selector, """el => {
        const out = [getComputedStyle(el).color];
        for (let e = el; e; e = e.parentElement) out.push(getComputedStyle(e).backgroundColor);
        return out;
    }""")

    def rgba(css: str) -> tuple[float, ...]:
        parts = [float(x) for x in re.findall(r"[\d.]+", css)]
        return tuple(parts[:3]) + (parts[3] if len(parts) > 3 else 1.0,)

    def over(top, bottom):
        r, g, b, alpha = top
        return tuple(alpha * c + (1 - alpha) * d for c, d in zip((r, g, b), bottom[:3])) + (1.0,)

    back = (255.0, 255.0, 255.0, 1.0)
    for layer in reversed(layers[1:]):
        back = over(rgba(layer), back)
    fore = over(rgba(layers[0]), back)

    def luminance(c):
        def channel(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        r, g, b = (channel(v) for v in c[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(fore), luminance(back)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_results_text_is_at_least_4_5_to_1(base_url, page_at, viewport):
    page = page_at(base_url, viewport)
    open_search(page, "youth")
    assert page.locator(".md-search-result mark").count() > 0
    assert "matching documents" in page.locator(".md-search-result__meta").inner_text()
    assert contrast(page, ".md-search-result__meta") >= 4.5
    assert contrast(page, ".md-search-result mark") >= 4.5
    # the same word while the pointer is on its result (Material tints the result)
    page.locator(".md-search-result__link").first.hover()
    page.wait_for_timeout(400)  # Material's 0.25 s transition
    assert contrast(page, ".md-search-result__link:hover mark") >= 4.5
    assert contrast(page, ".md-search-result__link:hover p") >= 4.5


FOCUSED_BOX = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
    return [e.tagName + "." + e.className, r.width, r.height]; }"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_tab_stop_is_invisible_with_search_open_and_empty(base_url, page_at, viewport):
    page = page_at(base_url, viewport)
    open_search(page, "")
    stops = []
    for _ in range(25):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED_BOX))
    zero = [s for s in stops if s[1] == 0 or s[2] == 0]
    assert zero == [], zero
    assert not any("md-search__scrollwrap" in s[0] for s in stops)


@pytest.mark.parametrize("query", ["", "youth"], ids=["never opened", "after a search"])
def test_no_tab_stop_is_invisible_with_search_closed(base_url, page_at, query):
    page = page_at(base_url)
    if query:
        open_search(page, query)  # then Tab leaves the search box, which closes search
    for _ in range(25):
        page.keyboard.press("Tab")
        name, width, height = page.evaluate(FOCUSED_BOX)
        assert width and height, name


def test_the_results_scroll_with_the_keyboard(base_url, page_at):
    page = page_at(base_url, {"width": 1280, "height": 600})
    open_search(page, "grant")
    box = page.locator(".md-search__scrollwrap")
    assert box.evaluate("el => el.scrollHeight > el.clientHeight"), "too few results to scroll"
    # Material moves through the results with the arrow keys, and the box scrolls to each
    for _ in range(15):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.md-search-result') !== null")
    assert box.evaluate("el => el.scrollTop") > 0
    # and the box itself can still take focus (tabindex="0"), to scroll it with the keys
    assert box.evaluate("el => el.tabIndex === 0 && getComputedStyle(el).visibility === 'visible'")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_accessibility_violations_with_search_results_shown(base_url, page_at, viewport):
    page = page_at(base_url, viewport)
    open_search(page, "youth")
    assert page.locator(".md-search-result__list > li").count() > 1
    assert axe_violations(page) == []


def test_the_search_is_given_a_page_without_its_excluded_tables_and_readers_the_whole_page():
    """The hook hands Material's search plugin a list page without the tables it leaves out
    (pages.for_search), then publishes the whole page without the search's marks."""
    from transparency.views.pages import for_search, without_search_marks
    page = ('<h1>All awards</h1><p>Every award.</p>'
            '<table data-stack data-search-exclude="table" id="awards"><tr><td>Row <b>one</b></td></tr></table>'
            '<p>Between.</p><table data-stack><caption>Kept</caption><tr><td>2</td></tr></table>'
            '<table data-search-exclude="table"><tr><td>Row two</td></tr>\n</table><p>End.</p>')
    assert for_search(page) == ('<h1>All awards</h1><p>Every award.</p><p>Between.</p>'
                                '<table data-stack><caption>Kept</caption><tr><td>2</td></tr></table><p>End.</p>')
    assert for_search("<p>No table</p>") == "<p>No table</p>"
    assert without_search_marks(page).count("<table") == 3
    assert "data-search" not in without_search_marks(page)
    assert '<table data-stack id="awards">' in without_search_marks(page)
