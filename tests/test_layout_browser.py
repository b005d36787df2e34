"""Layout in a real Chromium: tables that fit (and become cards on a phone), charts that stay
readable and visible in forced colours, printing, and the small things a reader notices.

The widths are those of the audit: a desktop (1280 px), a phone (390 px) and 400% zoom of a
1280 px screen (a 320 CSS px viewport, WCAG 1.4.10 reflow).
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
import yaml

from conftest import CHROMIUM, DESKTOP, FIXTURE_DATA, PHONE, missing
from sitecheck import served
from transparency.views.charts import Bar, budget_chart, chart_money

if not CHROMIUM.exists():
    missing("Chromium is not installed (apt-get install -y chromium)", "REQUIRE_BROWSER", module=True)
pytest.importorskip("playwright.sync_api")

from test_browser import PAGES as BROWSER_PAGES  # noqa: E402  (one page of every type)

ZOOM_400 = {"width": 320, "height": 640}
VIEWPORTS = {"1280": DESKTOP, "390": PHONE, "320": ZOOM_400}
# test_browser's pages, and the page types it does not visit
PAGES = {
    **BROWSER_PAGES,
    "awards in a year": "awards-by-year/2026-27/",
    "a fund's awards in a year": "funding/victims-services-grant/2026-27/",
    "tender (awarded)": "tenders/independent-sexual-violence-advisers-2025/",
    "award (with outcome reports)": "awards/resettlement-housing-for-prison-leavers-2025/",
}
GENERATED = [name for name in PAGES if name not in ("strategy", "accessibility statement")]
CHARTS = ["home", "fund", "statistics"]
ORG = yaml.safe_load((FIXTURE_DATA / "organisation.yml").read_text(encoding="utf-8"))



@pytest.fixture
def open_page(browser, base_url):
    contexts = []

    def open_(url: str, viewport=DESKTOP, **media):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        if media:
            page.emulate_media(**media)
        page.goto(base_url + url)
        page.wait_for_load_state("load")
        return page

    yield open_
    for c in contexts:
        c.close()


# What is wrong with each table on the page: wider than its box, a box that scrolls, a cell
# whose text is cut off, or a table out of the page's column.
TABLE_FAULTS = """() => {
  const faults = [];
  const article = document.querySelector("article");
  const right = Math.min(window.innerWidth, article.getBoundingClientRect().right);
  for (const table of article.querySelectorAll("table")) {
    const name = (table.caption ? table.caption.textContent : "a table").trim();
    const box = table.closest(".table-wrap") || table.parentElement;
    const width = table.getBoundingClientRect().width;
    if (width > box.clientWidth + 1) faults.push(`${name}: ${Math.round(width)}px wide in a ${box.clientWidth}px box`);
    if (box.scrollWidth > box.clientWidth + 1) faults.push(`${name}: its box scrolls (${box.scrollWidth}px of ${box.clientWidth}px)`);
    if (box.getBoundingClientRect().right > right + 1) faults.push(`${name}: runs out of the page's column`);
    for (const cell of table.querySelectorAll("th, td")) {
      if (!cell.getClientRects().length || cell.closest("thead") && getComputedStyle(cell.closest("thead")).position === "absolute") continue;
      if (cell.scrollWidth > cell.clientWidth + 1)
        faults.push(`${name}: cell "${cell.textContent.trim().slice(0, 40)}" is cut off (${cell.scrollWidth}px of ${cell.clientWidth}px)`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth)
    faults.push(`the page is ${document.documentElement.scrollWidth}px wide on a ${window.innerWidth}px screen`);
  return faults;
}"""


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGES))
def test_every_table_shows_all_its_columns(open_page, name, width):
    page = open_page(PAGES[name], VIEWPORTS[width])
    assert page.evaluate(TABLE_FAULTS) == []


@pytest.mark.parametrize("name", list(PAGES))
def test_every_table_is_marked_to_become_cards(open_page, name):
    """Every table has data-stack, and every cell of its body (row headers too) its column's
    label; only a table of names and their figures ("pairs") needs none."""
    page = open_page(PAGES[name])
    unmarked = page.evaluate("""() => [...document.querySelectorAll("article table")].flatMap(t => {
      const name = t.caption ? t.caption.textContent.trim() : "a table";
      if (!t.hasAttribute("data-stack")) return [name + ": no data-stack"];
      if (t.dataset.stack === "pairs") return [];
      return [...t.querySelectorAll("tbody th, tbody td, tfoot th, tfoot td")]
        .filter(c => !c.dataset.label).map(c => `${name}: "${c.textContent.trim().slice(0, 30)}" has no label`);
    })""")
    assert unmarked == []


@pytest.mark.parametrize("width", ["390", "320"])
@pytest.mark.parametrize("name", list(PAGES))
def test_on_a_phone_each_row_is_a_card_of_labelled_lines(open_page, name, width):
    page = open_page(PAGES[name], VIEWPORTS[width])
    faults = page.evaluate("""() => {
      const faults = [];
      for (const table of document.querySelectorAll("article table[data-stack]")) {
        const name = table.caption ? table.caption.textContent.trim() : "a table";
        const head = table.tHead;
        if (head && head.getBoundingClientRect().height > 1) faults.push(`${name}: its column headings still show`);
        for (const row of table.querySelectorAll("tbody tr, tfoot tr")) {
          if (row.hidden) continue;
          let bottom = -Infinity;
          for (const cell of row.cells) {
            const r = cell.getBoundingClientRect();
            const what = `${name}: "${cell.textContent.trim().slice(0, 30)}"`;
            if (!r.width || !r.height) { faults.push(`${what} is not shown`); continue; }
            if (r.right > window.innerWidth + 1) faults.push(`${what} runs off the screen`);
            if (r.top < bottom - 1) faults.push(`${what} is beside the cell before it, not below it`);
            bottom = r.bottom;
            const label = cell.dataset.label;
            if (label) {
              const shown = getComputedStyle(cell, "::before").content;
              if (shown !== JSON.stringify(label)) faults.push(`${what} is not labelled "${label}" (${shown})`);
            }
          }
        }
      }
      return faults;
    }""")
    assert faults == []


CHART_TEXT = """() => [...document.querySelectorAll("svg.chart text")].map(t =>
  parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""


@pytest.mark.parametrize("name", CHARTS)
def test_chart_text_is_at_least_14px_on_a_phone(open_page, name):
    page = open_page(PAGES[name], PHONE)
    sizes = page.evaluate(CHART_TEXT)
    assert sizes and min(sizes) >= 14, f"chart text is {min(sizes):.1f}px at 390px"
    assert page.evaluate("[...document.querySelectorAll('svg.chart')].every(s => s.getBoundingClientRect().right <= innerWidth)")


# The contrast of two computed colours (WCAG relative luminance), and Canvas, the forced
# background, read from an element painted with it.
CONTRAST_JS = """(selectors) => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const probe = document.createElement("div"); probe.style.backgroundColor = "Canvas"; probe.style.forcedColorAdjust = "none";
  document.body.append(probe);
  const canvas = getComputedStyle(probe).backgroundColor;
  const out = {canvas};
  for (const [selector, property] of selectors) {
    const el = document.querySelector(selector);
    const colour = getComputedStyle(el)[property];
    out[`${selector} ${property}`] = [colour, Math.round(ratio(colour, canvas) * 10) / 10];
  }
  return out;
}"""


@pytest.mark.parametrize("name", CHARTS)
def test_charts_show_in_forced_colours(open_page, name):
    """Windows high contrast with a dark theme: text and outlines must not vanish into the background."""
    page = open_page(PAGES[name], DESKTOP, forced_colors="active", color_scheme="dark")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    found = page.evaluate(CONTRAST_JS, [["svg.chart text", "fill"], ["svg.chart .bar-budget", "stroke"],
                                        ["svg.chart .bar-awarded", "fill"]])
    canvas = found.pop("canvas")
    for what, (colour, ratio) in found.items():
        minimum = 4.5 if "text" in what else 3
        assert ratio >= minimum, f"{what} is {colour} on {canvas}: contrast {ratio}"


def test_one_money_style_per_chart():
    """Never "£1.9 million" beside "£1,723,900": short only when every figure is exactly so."""
    mixed = budget_chart([Bar("2026/27", Decimal(1_900_000), Decimal(1_723_900))], "t", "c", "x")
    assert "£1,900,000" in mixed and "£1,723,900" in mixed and "million" not in mixed
    rounded = budget_chart([Bar("2026/27", Decimal(2_000_000), Decimal(1_500_000))], "t", "c", "x")
    assert "£2 million" in rounded and "£1.5 million" in rounded
    assert chart_money([Decimal(0), Decimal(3_000_000)])(Decimal(0)) == "£0"
    assert chart_money([Decimal(0)])(Decimal(0)) == "£0"


def test_charts_on_the_site_keep_one_money_style(example_site):
    for url in ("", "funding/", "funding/statistics/", "funding/victims-services-grant/"):
        for svg in re.findall(r'<svg class="chart".*?</svg>', example_site.page(url), re.S):
            amounts = re.findall(r">(£[^<]+)<", svg)
            assert amounts
            assert all("million" in a for a in amounts if a != "£0") or not any("million" in a for a in amounts), amounts


# Print: A4 less 15 mm margins (transparency.css's @page) is 680 CSS px wide.
PAPER = {"width": 680, "height": 1000}


@pytest.mark.parametrize("name", ["all awards", "awards in a year", "funding", "contracts register",
                                  "award (co-commissioned contract)", "statistics"])
def test_printing_shows_every_column_and_names_the_publisher(open_page, name, base_url):
    page = open_page(PAGES[name], PAPER, media="print")
    assert page.evaluate(TABLE_FAULTS) == []
    headings = page.evaluate("""() => [...document.querySelectorAll("article table thead th")].map(th => {
      const r = th.getBoundingClientRect(); return [th.textContent.trim(), r.width > 0 && r.height > 0 && r.right <= innerWidth + 1];
    })""")
    assert headings and all(shown for _, shown in headings), headings
    # no dark box: the contact block is either not printed or printed light
    contact = page.locator(".site-contact").first
    if contact.count() and contact.is_visible():
        background = page.evaluate("getComputedStyle(document.querySelector('.site-contact')).backgroundColor")
        assert background in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), background
    publisher = page.locator(".print-publisher")
    assert publisher.is_visible()
    text = publisher.inner_text()
    assert ORG["name"] in text and ORG["site_url"] + PAGES[name] in text and ORG["email"] in text
    assert not page.locator(".md-sidebar--primary").is_visible()


def test_on_screen_the_publisher_line_is_not_shown(open_page):
    page = open_page(PAGES["award (grant)"])
    assert page.locator(".print-publisher").count() == 1 and not page.locator(".print-publisher").is_visible()


@pytest.mark.parametrize("name", ["award (co-commissioned contract)", "award (grant)", "award (with outcome reports)"])
def test_a_printed_award_is_one_or_two_pages(open_page, name):
    """(The longest award printed on 4 pages of A4 with the theme's print styles.)"""
    page = open_page(PAGES[name])
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"{name} prints on {pages} pages"


@pytest.mark.parametrize("name", GENERATED)
def test_generated_pages_give_the_empty_sidebars_width_to_the_content(open_page, name):
    page = open_page(PAGES[name])
    assert not page.locator(".md-sidebar--secondary").is_visible(), "an empty table of contents takes width"
    primary = page.locator(".md-sidebar--primary")
    if primary.is_visible():  # only where it lists the page's own section
        assert primary.locator(".md-nav__item--active").count()
    assert page.evaluate("document.querySelector('article').getBoundingClientRect().width") >= 850


def test_a_page_with_headings_keeps_its_table_of_contents(open_page):
    page = open_page(PAGES["accessibility statement"])
    assert page.locator(".md-sidebar--secondary").is_visible()


def test_a_phone_keeps_its_menu(open_page):
    page = open_page(PAGES["award (grant)"], PHONE)
    page.locator('button.md-header__button[data-toggles="__drawer"]').click()
    assert page.get_by_role("link", name="Funding").first.is_visible()  # light pages: the top-level sections only


def test_download_links_say_what_they_download(open_page):
    page = open_page(PAGES["statistics"])
    links = page.locator("article .downloads a[download]")
    texts = [links.nth(i).inner_text() for i in range(links.count())]
    assert len(texts) >= 4 and len(set(texts)) == len(texts), texts
    assert all(re.fullmatch(r".+ \((CSV|JSON), [\d.]+ (bytes|KB|MB)\)", t) for t in texts), texts
    assert page.locator("article .downloads a .visually-hidden").count() == 0


@pytest.mark.parametrize("name", list(PAGES))
def test_no_caption_repeats_the_heading_above_it(open_page, name):
    page = open_page(PAGES[name])
    repeats = page.evaluate("""() => [...document.querySelectorAll("article caption")].filter(c => {
      if (c.classList.contains("visually-hidden")) return false;
      const headings = [...document.querySelectorAll("article h1, article h2, article h3")]
        .filter(h => h.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
      const above = headings[headings.length - 1];
      return above && above.textContent.trim() === c.textContent.trim();
    }).map(c => c.textContent.trim())""")
    assert repeats == []


def test_the_not_found_page_helps(example_site):
    html = example_site.page("404.html")
    assert "404 - Not found" not in html and "<h1>Page not found</h1>" in html
    base = ORG["site_url"].removeprefix("https://www.example.org")
    for href in (base + "awards/", base + "funding/", base + "tenders/"):
        assert f'href="{href}"' in html
    assert re.search(r'<form[^>]+role="search"', html) and 'name="q"' in html
    assert f'href="mailto:{ORG["email"]}"' in html


@pytest.mark.parametrize("width", ["390", "320"])
def test_the_contact_line_keeps_off_the_screen_edge(open_page, width):
    page = open_page(PAGES["home"], VIEWPORTS[width])
    left, right = page.evaluate("(() => { const r = document.querySelector('p.site-contact').getBoundingClientRect(); return [r.left, r.right]; })()")
    assert left >= 8 and right <= VIEWPORTS[width]["width"] - 8, (left, right)


@pytest.fixture(scope="module")
def site_at_its_path(example_site, tmp_path_factory):
    """The site served at its own path (organisation.yml's site_url): the 404 page's links are
    absolute, as it is sent for an address at any depth."""
    from urllib.parse import urlsplit
    root = tmp_path_factory.mktemp("served")
    path = urlsplit(ORG["site_url"]).path.strip("/")
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).symlink_to(example_site.site, target_is_directory=True)
    with served(root) as url:
        yield url + path + "/"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_not_found_page_is_accessible_and_its_search_searches(browser, site_at_its_path, viewport):
    from sitecheck import axe_violations
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_at_its_path + "404.html")
    assert axe_violations(page) == []
    assert page.evaluate(TABLE_FAULTS) == []  # (no table: the page's width only)
    page.locator("#not-found-q").fill("Willow Row")
    page.locator(".not-found-search button").click()
    page.wait_for_load_state("load")
    assert page.locator(".md-search__input").input_value() == "Willow Row"
    page.locator(".md-search-result__list li").first.wait_for(timeout=10_000)
    context.close()


def test_the_example_notice_is_body_text_size_on_a_phone(open_page):
    # outside the theme's typeset areas the root size is 10 px: the notice was drawn at that size
    page = open_page(PAGES["award (grant)"], PHONE)
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.example-notice')).fontSize)")
    assert size >= 16, size
