"""Accessibility faults axe's WCAG rules do not see, found by an audit with pa11y, Lighthouse,
axe's best practices, the keyboard and zoom, each held in a real Chromium (issue 16).

The header's menu and search toggles are buttons, every page starts with a skip link, the
current section's tab stands out (also for an award or tender page, which is out of the
navigation), the contact line and the example notice are in landmarks, fund tables have row
headers, and every Tab stop shows a focus indicator differing 3:1 from its unfocused state.
"""
from __future__ import annotations

import struct
import zlib

import pytest

from conftest import CHROMIUM, DESKTOP, PHONE, missing

if not CHROMIUM.exists():
    missing("Chromium is not installed (apt-get install -y chromium)", "REQUIRE_BROWSER", module=True)
playwright_api = pytest.importorskip("playwright.sync_api")

AWARD = "awards/cycle-theft-prevention-2026/"
TENDER = "tenders/restorative-justice-service-2027/"
LIST = "awards/"
CONTENT = "strategy/commissioning-cycle/"  # a Markdown page with a table of contents





FOCUSED = "(() => { const e = document.activeElement; return e && {tag: e.tagName, text: e.textContent.trim(), id: e.id} })()"


# --- 1. the header's toggles ------------------------------------------------------


def test_the_menu_and_search_toggles_are_buttons_and_no_label_plays_one(base_url, page_at):
    page = page_at(base_url + AWARD, PHONE)
    buttons = page.evaluate("""[...document.querySelectorAll('.md-header button[data-toggles]')]
        .filter(b => b.offsetParent).map(b => [b.dataset.toggles, b.getAttribute('aria-label')])""")
    assert buttons == [["__drawer", "Menu"], ["__search", "Search"]]
    assert page.locator("label[role], .md-header label.md-header__button:visible").count() == 0
    assert page.get_attribute('button[data-toggles="__drawer"]', "aria-expanded") == "false"
    page.focus('button[data-toggles="__search"]')
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")


def test_the_menu_button_says_it_is_open_and_escape_closes_it(base_url, page_at):
    page = page_at(base_url + AWARD, PHONE)
    page.focus('button[data-toggles="__drawer"]')
    page.keyboard.press(" ")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.get_attribute('button[data-toggles="__drawer"]', "aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.dataset.toggles") == "__drawer"


def test_without_javascript_the_theme_labels_still_open_the_menu(base_url, page_at):
    page = page_at(base_url + AWARD, PHONE, java_script_enabled=False)
    assert page.locator("button[data-toggles]").count() == 0
    page.locator('label.md-header__button[for="__drawer"]').click()
    assert page.evaluate("document.getElementById('__drawer').checked")


# --- 2. landmarks ---------------------------------------------------------------------


def test_the_contact_line_is_in_the_footer_and_the_notice_is_a_named_region(base_url, page_at):
    page = page_at(base_url + AWARD, PHONE)
    contact = page.locator("footer .site-contact")
    assert contact.count() == 1 and "mailto:" in contact.inner_html()
    assert page.evaluate("[...document.querySelectorAll('.site-contact')].every(e => e.closest('footer'))")
    assert page.locator("aside").count() == 0  # Material's unnamed banner
    notice = page.get_by_role("region", name="Site notice")
    assert notice.is_visible() and "example data" in notice.inner_text()
    assert notice.bounding_box()["y"] == 0  # at the very top of the page


# --- 3. the skip link ------------------------------------------------------------------


@pytest.mark.parametrize("url", [AWARD, LIST, CONTENT], ids=["award", "list", "content"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_first_tab_stop_skips_to_the_main_content(base_url, page_at, url, viewport):
    page = page_at(base_url + url, viewport)
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Skip to main content"
    box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
    assert box["width"] > 100 and box["height"] > 20 and box["top"] >= 0, "the skip link is not shown when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('article') !== null"), page.evaluate(FOCUSED)
    h1 = page.evaluate("document.querySelector('article h1').getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert h1 >= header - 1, "the heading is under the fixed header"
    page.keyboard.press("Tab")  # the next stop is in the main content, not the header
    assert page.evaluate("!!document.activeElement.closest('main')"), page.evaluate(FOCUSED)


# --- 4. the current section's tab -------------------------------------------------------


@pytest.mark.parametrize("url, tab", [(AWARD, "Funding"), (TENDER, "Tenders"), (LIST, "Funding"),
                                      ("funding/victims-services-grant/", "Funding"), ("recipients/gb-chc-9112208/", "Funding"),
                                      ("", "Home")])
def test_the_current_sections_tab_stands_out(base_url, page_at, url, tab):
    """Light pages (an award, a tender, a fund, a recipient: overrides/light.html) have no tabs:
    their menu lists the sections instead, the current one marked the same way."""
    page = page_at(base_url + url)
    links = ".md-tabs__link" if page.locator(".md-tabs").count() else ".light-menu .md-nav__link"
    current = page.locator(f"{links}[aria-current]")
    assert current.count() == 1 and current.inner_text().strip() == tab
    assert current.get_attribute("aria-current") == ("page" if url == "" else "true")
    style = current.evaluate("""a => ({weight: getComputedStyle(a).fontWeight,
        bar: [a, a.parentElement].map(e => getComputedStyle(e).boxShadow).find(s => s !== "none") || "none"})""")
    other = page.locator(f"{links}:not([aria-current])").first
    assert int(style["weight"]) >= 700 and int(other.evaluate("a => getComputedStyle(a).fontWeight")) < 700
    assert style["bar"] != "none"


# --- 5. row headers -------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["", "funding/"], ids=["home", "funding index"])
def test_each_fund_is_its_rows_header(base_url, page_at, url):
    page = page_at(base_url + url)
    table = page.locator("table", has=page.locator("thead th", has_text="Fund")).first
    firsts = table.evaluate("t => [...t.tBodies[0].rows].map(r => r.cells[0].tagName + ':' + r.cells[0].getAttribute('scope'))")
    assert firsts and set(firsts) == {"TH:row"}
    if url:
        assert table.locator("tfoot th[scope=row]").inner_text() == "All funds"


# --- 7. focus visible, 3:1 against the unfocused state ----------------------------------------


def _png_pixels(png: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Chromium's screenshots are 8-bit RGB(A), not interlaced: enough of PNG to read them."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = previous[i], previous[i - channels] if i >= channels else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]) & 0xFF
        rows.append(line)
        previous = line
    return width, height, [tuple(r[x * channels:x * channels + 3]) for r in rows for x in range(width)]


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def _luminance(rgb) -> float:
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(x, y) -> float:
    a, b = sorted((_luminance(x), _luminance(y)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def focus_change(page) -> tuple[int, int]:
    """(pixels around the focused element whose colour changes at least 3:1 between focused and
    not, the area WCAG 2.4.13 asks for: a 2px-thick perimeter of the element)."""
    box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
    clip = {"x": max(box["x"] - 6, 0), "y": max(box["y"] - 6, 0), "width": box["width"] + 12, "height": box["height"] + 12}
    focused = _png_pixels(page.screenshot(clip=clip, animations="disabled"))[2]
    page.evaluate("window.__focused = document.activeElement; document.activeElement.blur()")
    unfocused = _png_pixels(page.screenshot(clip=clip, animations="disabled"))[2]
    page.evaluate("window.__focused.focus()")
    changed = sum(1 for a, b in zip(focused, unfocused) if _contrast(a, b) >= 3)
    return changed, int(4 * (min(box["width"], 600) + box["height"]))


def describe(page) -> str:
    return page.evaluate("""(() => { const e = document.activeElement;
        return e.tagName + '.' + e.className + ' ' + (e.getAttribute('aria-label') || e.textContent.trim()).slice(0, 40) })()""")


@pytest.mark.parametrize("url, viewport, stops", [
    (AWARD, PHONE, 6),  # skip link, menu and search buttons, then the page's links
    (LIST, DESKTOP, 16),  # skip link, logo, (search box), every tab, the section's navigation links
], ids=["award on a phone", "all awards on a desktop"])
def test_every_tab_stop_shows_a_focus_indicator_of_3_to_1(base_url, page_at, url, viewport, stops):
    page = page_at(base_url + url, viewport)
    weak, seen = [], []
    for _ in range(stops):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.md-search')"):
            # Material's search (overrides/partials/search.html, another helper's): its box opens
            # the search when focused, and its results region, 0px high while the search is
            # closed, is still a Tab stop (Material's tabindex="0"), where nothing can be shown
            continue
        seen.append(describe(page))
        changed, needed = focus_change(page)
        if changed < needed:
            weak.append(f"{seen[-1]}: {changed} pixels change 3:1, {needed} needed")
    assert weak == [], seen
    assert any("Skip to main content" in s for s in seen)
    if viewport == PHONE:
        assert any(s.endswith(" Menu") for s in seen) and any(s.endswith(" Search") for s in seen)
    else:
        assert sum(".md-tabs__link" in s for s in seen) >= 5 and any(".md-nav__link" in s for s in seen)


def test_the_drawers_links_show_focus_on_a_phone(base_url, page_at):
    page = page_at(base_url + LIST, PHONE)
    page.focus('button[data-toggles="__drawer"]')
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # the drawer slides in
    weak, seen = [], 0
    for _ in range(12):
        page.keyboard.press("Tab")
        # Material's drawer keeps the levels it has slid out of sight (under the open one)
        # focusable: those stops cannot show anything (issue 16's report names this); the rest must
        if not page.evaluate("""(() => { const e = document.activeElement, r = e.getBoundingClientRect();
                const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return !!e.closest('.md-sidebar--primary') && !!top && (e === top || e.contains(top)) })()"""):
            continue
        seen += 1
        changed, needed = focus_change(page)
        if changed < needed:
            weak.append(f"{describe(page)}: {changed} pixels change 3:1, {needed} needed")
    assert seen >= 3 and weak == [], weak
