"""The award tables' filters in a real Chromium: kept in the address, exact totals, the empty
message, amount and area filters, no year filter on a year's list, no layout shift, focus.

Uses Debian's Chromium through Playwright (conftest.browser); skips without it unless
REQUIRE_BROWSER=1.
"""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import CHROMIUM, DESKTOP, PHONE, build, make_project, missing
from sitecheck import axe_violations, served
from transparency.money import format_money

if not CHROMIUM.exists():
    missing("Chromium is not installed (apt-get install -y chromium)", "REQUIRE_BROWSER", module=True)

pytest.importorskip("playwright.sync_api")

FUNDS = sorted(p.stem for p in (Path(__file__).parent / "fixtures" / "office" / "data" / "funds").glob("*.yml"))
PENCE = ("0.20", "0.10")  # in turn, by file name: sums that floating point gets wrong (checked below)



@pytest.fixture(scope="module")
def pence_site(tmp_path_factory):
    """The tests' office with pence on every award (0.10, 0.20, ... in turn): amounts whose
    floating-point sum is not the exact one."""
    project = make_project(tmp_path_factory.mktemp("pence"))
    for k, path in enumerate(sorted((project / "data" / "awards").glob("*.yml"))):
        text = path.read_text(encoding="utf-8")
        if "single_tender_action:" in text or "co_commissioners:" in text:
            continue  # their amounts are checked against other figures in the file
        text, n = re.subn(r"^amount: (\d+)$", lambda m: f"amount: {m[1]}{PENCE[k % len(PENCE)][1:]}", text,
                          flags=re.M)
        assert n == 1, path
        path.write_text(text, encoding="utf-8")
    result = build(project)
    assert result.ok, result.output
    with served(result.site) as url:
        yield result, url




def awards_csv(site: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / "data" / "awards.csv").read_bytes().decode("utf-8-sig"))))


def shown_ids(page, table="#awards-table") -> list[str]:
    return page.eval_on_selector_all(f"{table} tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)")


def status(page, table="awards-table") -> str:
    return page.locator(f"[data-count-for={table}]").inner_text()


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def test_the_filters_are_kept_in_the_address_and_a_shared_link_opens_filtered(base_url, page_at, browser):
    page = page_at(base_url)  # a page before, to see that Back leaves the list
    page.goto(base_url + "awards/")
    page.select_option("#awards-table-fund", "youth-fund")
    page.select_option("#awards-table-year", "2026/27")
    page.fill("#awards-table-min", "£1,000")
    page.get_by_role("button", name="Amount").click()  # largest first
    assert query(page) == {"fund": ["youth-fund"], "year": ["2026/27"], "min": ["£1,000"], "sort": ["amount-desc"]}
    assert "year=2026%2F27" in page.url
    ids, said = shown_ids(page), status(page)
    assert 0 < len(ids) < page.locator("#awards-table tbody tr").count()

    # a link someone shares opens the same view in a new browser
    other = browser.new_context(viewport=DESKTOP)
    try:
        shared = other.new_page()
        shared.goto(page.url)
        shared.wait_for_load_state("load")
        assert shared.input_value("#awards-table-fund") == "youth-fund"
        assert shared.input_value("#awards-table-year") == "2026/27"
        assert shared.input_value("#awards-table-min") == "£1,000"
        assert shared.locator("th[data-sort=amount]").get_attribute("aria-sort") == "descending"
        assert shown_ids(shared) == ids  # the same rows in the same order
        assert status(shared) == said
    finally:
        other.close()

    # a reload keeps it; typing is not history: Back goes to the page before
    page.reload()
    assert shown_ids(page) == ids and page.input_value("#awards-table-min") == "£1,000"
    page.fill("#awards-table-recipient", "a")
    assert query(page)["recipient"] == ["a"]
    page.fill("#awards-table-recipient", "")
    assert "recipient" not in query(page)
    page.go_back()
    assert page.url == base_url


def test_the_total_of_the_filtered_rows_is_exact(pence_site, page_at):
    site, url = pence_site
    page = page_at(url + "awards/")
    rows = awards_csv(site.site)
    assert any(Decimal(r["amount"]) % 1 for r in rows)

    def check(wanted):
        amounts = [r["amount"] for r in rows if wanted(r)]
        exact = sum(map(Decimal, amounts), Decimal(0))
        # the data is chosen so that adding floats, in the table's order, would be wrong
        in_order = page.eval_on_selector_all("#awards-table tbody tr", "rows => rows.map(r => r.dataset.id)")
        by_id = {r["id"]: r for r in rows}
        floats = [float(by_id[i]["amount"]) for i in in_order if wanted(by_id[i])]
        assert Decimal(repr(sum(floats))) != exact
        n = len(amounts)
        assert status(page) == (f"{n} of {len(rows)} award{'' if len(rows) == 1 else 's'} shown, "
                                f"totalling {format_money(exact)}")

    check(lambda r: True)
    page.select_option("#awards-table-kind", "grant")
    check(lambda r: r["kind"] == "grant")
    page.select_option("#awards-table-year", "2025/26")
    check(lambda r: r["kind"] == "grant" and r["financial_year"] == "2025/26")

    # sorting by amount is exact too: the order Decimal gives
    page.select_option("#awards-table-kind", "")
    page.select_option("#awards-table-year", "")
    page.get_by_role("button", name="Amount").click()
    by_amount = sorted(rows, key=lambda r: (-Decimal(r["amount"])))
    shown = page.eval_on_selector_all("#awards-table tbody tr", "rows => rows.map(r => r.dataset.amount)")
    assert list(map(Decimal, shown)) == [Decimal(r["amount"]) for r in by_amount]


def test_the_status_line_is_in_the_page_as_the_script_writes_it(pence_site, page_at, browser):
    """Written at build time (no shift when the script runs), and the same words as tables.js."""
    site, url = pence_site
    built = re.search(r'data-count-for="awards-table"[^>]*>([^<]*)<', site.page("awards/"))[1]
    assert built.startswith(f"{len(awards_csv(site.site))} of ")
    page = page_at(url + "awards/")
    assert status(page) == built


def test_a_filter_that_matches_nothing_says_so_and_offers_a_way_back(base_url, page_at):
    page = page_at(base_url + "awards/")
    total = page.locator("#awards-table tbody tr").count()
    clear = page.get_by_role("button", name="Clear the filters")
    assert not clear.is_visible()
    page.fill("#awards-table-recipient", "no recipient is called this")
    live = page.locator("[data-count-for=awards-table]")
    assert live.get_attribute("role") == "status"
    assert live.inner_text() == "No awards match these filters."
    # the table's empty body is hidden (not just a body of hidden rows)
    assert page.eval_on_selector("#awards-table tbody", "body => body.hidden")
    clear.click()
    assert len(shown_ids(page)) == total
    assert page.input_value("#awards-table-recipient") == ""
    assert urlsplit(page.url).query == ""
    assert not clear.is_visible()
    # focus is not lost with the button that vanished: it goes to the first filter
    assert page.evaluate("document.activeElement.id") == "awards-table-fund"


@pytest.mark.parametrize("url, table", [("awards-by-year/2026-27/", "award-list"),
                                        ("funding/youth-fund/2026-27/", "award-list")])
def test_a_list_of_one_year_has_no_year_filter(base_url, page_at, url, table):
    page = page_at(base_url + url)
    form = page.locator(f"form[data-filter-for={table}]")
    assert form.is_visible()
    assert form.locator("[name=year]").count() == 0
    if url.startswith("funding/"):
        assert form.locator("[name=fund]").count() == 0  # one fund's list: no fund filter either
    else:
        assert form.locator("[name=fund]").count() == 1
    # a shared link naming a year does nothing odd here
    page.goto(base_url + url + "?year=2025%2F26")
    assert len(shown_ids(page, "#" + table)) == page.locator(f"#{table} tbody tr").count()


@pytest.mark.parametrize("url, table", [("awards/", "awards-table"),
                                        *((f"funding/{f}/", "fund-awards") for f in FUNDS)])
def test_the_year_filter_offers_the_years_of_the_rows(base_url, page_at, url, table):
    """Newest first; none at all when every row is from one year."""
    page = page_at(base_url + url)
    years = sorted(set(page.eval_on_selector_all(f"#{table} tbody tr", "rows => rows.map(r => r.dataset.year)")),
                   reverse=True)
    options = page.eval_on_selector_all(f"#{table}-year option", "os => os.map(o => o.textContent)")
    assert options == (["All years", *years] if len(years) > 1 else [])


def test_the_amount_filter(base_url, page_at, example_site):
    page = page_at(base_url + "awards/")
    rows = awards_csv(example_site.site)

    def expect(low, high):
        wanted = sorted(r["id"] for r in rows if low <= Decimal(r["amount"]) <= high)
        assert 0 < len(wanted) < len(rows)
        assert sorted(shown_ids(page)) == wanted

    page.fill("#awards-table-min", "£50,000")
    expect(Decimal(50000), Decimal("Infinity"))
    page.fill("#awards-table-max", "100,000.50")
    expect(Decimal(50000), Decimal("100000.50"))
    page.fill("#awards-table-min", "")
    page.fill("#awards-table-max", "8000")  # a plain number, and an amount some awards are exactly
    assert any(Decimal(r["amount"]) == 8000 for r in rows)
    expect(Decimal(0), Decimal(8000))
    assert query(page) == {"max": ["8000"]}

    # what is not money says so next to the field, and filters nothing
    error = page.locator("#awards-table-max-error")
    assert error.is_hidden()
    for typed in ("8,00", "eight thousand", "£8000.505", "-5"):
        page.fill("#awards-table-max", typed)
        assert error.is_visible(), typed
        assert "Amount to must be an amount in pounds" in error.inner_text()
        assert page.get_attribute("#awards-table-max", "aria-invalid") == "true"
        assert page.get_attribute("#awards-table-max", "aria-describedby") == "awards-table-max-error"
        assert len(shown_ids(page)) == len(rows)
    page.fill("#awards-table-max", "8,000")
    assert error.is_hidden()
    assert page.get_attribute("#awards-table-max", "aria-invalid") is None
    expect(Decimal(0), Decimal(8000))


def test_the_area_filter(base_url, page_at, example_site):
    page = page_at(base_url + "awards/", accept_downloads=True)
    options = page.eval_on_selector_all("#awards-table-area option", "os => os.map(o => [o.value, o.textContent])")
    assert options == [["", "All areas"], ["countywide", "Countywide"], ["Fenland", "Fenland only"],
                       ["Peterborough", "Peterborough only"]]
    rows = awards_csv(example_site.site)
    for value, _ in options[1:]:
        page.select_option("#awards-table-area", value)
        assert sorted(shown_ids(page)) == sorted(r["id"] for r in rows if r["coverage"] == value)
        assert query(page) == {"area": [value]}
    # the download says where, as awards.csv does
    page.select_option("#awards-table-area", "Fenland")
    with page.expect_download() as info:
        page.get_by_role("button", name="matching award").click()
    records = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig"))))
    assert [r["coverage"] for r in records] == ["Fenland"]


def test_a_list_with_awards_in_one_area_has_no_area_filter(base_url, page_at, example_site):
    rows = awards_csv(example_site.site)
    fund_years = {(r["fund_id"], r["financial_year"]) for r in rows}
    single = sorted(fy for fy in fund_years
                    if len({r["coverage"] for r in rows if (r["fund_id"], r["financial_year"]) == fy}) == 1)
    fund, year = single[0]
    page = page_at(base_url + f"funding/{fund}/{year.replace('/', '-')}/")
    assert page.locator("form[data-filter-for=award-list]").is_visible()
    assert page.locator("form[data-filter-for=award-list] [name=area]").count() == 0


CLS = """() => new Promise(resolve => {
  let cls = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(cls), 1000);
})"""


@pytest.mark.parametrize("url", ["awards/", "awards-by-year/2026-27/"])
def test_the_filters_do_not_push_the_table_down(base_url, page_at, url):
    page = page_at(base_url + url, PHONE)
    assert page.locator("form.filters").is_visible()
    # 0.01 is the aim; in this Chromium nothing moves at all, and a status line written only by
    # the script (not in the page) would show as 0.005
    assert page.evaluate(CLS) < 0.001


def test_without_javascript_the_filters_are_not_shown(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "awards/")
        assert page.locator("#awards-table tbody tr:visible").count() >= 30
        assert not page.locator("form[data-filter-for]").is_visible()
        assert not page.locator("[data-count-for]").is_visible()
    finally:
        context.close()


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rgb(text):
    return tuple(int(float(x)) for x in re.findall(r"[\d.]+", text)[:3])


FOCUS_STYLE = """el => { const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineColor, parseFloat(s.outlineWidth), parseFloat(s.outlineOffset), s.boxShadow]; }"""


def outer_edge(style):
    """The colour of the focus indicator where it meets the page, and how thick that part is."""
    outline_style, outline_colour, width, offset, shadows = style
    outline_end = (width + offset) if outline_style != "none" else 0
    rings = []  # (spread, colour) of each outer (not inset) shadow
    for shadow in re.split(r",(?![^(]*\))", shadows) if shadows != "none" else []:
        if "inset" in shadow:
            continue
        colour = re.search(r"rgba?\([^)]*\)", shadow)[0]
        spread = float(re.findall(r"(-?[\d.]+)px", shadow)[-1])
        rings.append((spread, colour))
    spread, colour = max(rings, default=(0, None))
    if colour and spread > outline_end:
        return rgb(colour), spread - outline_end
    return rgb(outline_colour), width


@pytest.mark.parametrize("selector", ["#awards-table-fund", "#awards-table-recipient", "#awards-table-min",
                                      "form[data-filter-for=awards-table] [data-download]", "[data-clear]"])
def test_the_focus_style_stands_out_from_the_page(base_url, page_at, selector):
    # the button to clear the filters is there when nothing matches
    page = page_at(base_url + "awards/" + ("?recipient=nobody%20at%20all" if selector == "[data-clear]" else ""))
    page.locator(selector).focus()
    style = page.locator(selector).evaluate(FOCUS_STYLE)
    colour, thickness = outer_edge(style)
    white = (255, 255, 255)
    assert contrast(colour, white) >= 3, (style, colour)
    assert thickness >= 2, style
    # and the yellow is there too (GOV.UK's focus)
    assert rgb(style[1]) == (255, 221, 0), style


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("url", ["awards/?min=lots&max=%C2%A31%2C000.50&area=Fenland&sort=amount-asc",
                                 "awards/?recipient=nobody%20at%20all", "awards-by-year/2026-27/"],
                         ids=["bad amount", "nothing matches", "year list"])
def test_no_accessibility_violations_in_each_state(base_url, page_at, url, viewport):
    page = page_at(base_url + url, viewport)
    assert axe_violations(page) == []
