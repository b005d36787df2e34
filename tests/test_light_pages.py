"""Light pages (issue 20): pages out of the navigation (awards, recipients, tenders, a list's later
pages) get overrides/light.html, a compact chrome: the header with its search, a menu of the
top-level sections only, the footer; no tabs, no full side navigation, no table of contents.
Pages in the navigation keep Material's full layout."""
from __future__ import annotations

import html
import json
import re

import pytest

from conftest import DESKTOP, PHONE

# The chrome of an award page: its HTML outside the award's <article>. Material's full chrome was
# 21 KB; what is left is the head, the header, the menu, the footer and the scripts (about 5 KB:
# the search box comes with header.js, Material's settings, __config, and its results' area when
# the reader searches).
CHROME_BUDGET = 5_300
AWARD = "awards/cycle-theft-prevention-2026/"
RECIPIENT = "recipients/gb-chc-9112208/"


def award_pages(site):
    return sorted((site / "awards").glob("*/index.html"))


def chrome_bytes(html: str) -> int:
    article = re.search(r"<article\b.*?</article>", html, re.S)
    return len(html.encode()) - len(article.group().encode())


def test_every_award_page_is_light(example_site):
    pages = award_pages(example_site.site)
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert 'class="md-tabs"' not in html, path
        assert "md-sidebar--secondary" not in html, path
        assert "md-nav__item--nested" not in html, path
        assert chrome_bytes(html) <= CHROME_BUDGET, f"{path}: {chrome_bytes(html)} bytes outside the award"


DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')


def description(path) -> str:
    return html.unescape(DESCRIPTION.search(path.read_text(encoding="utf-8")).group(1))


def test_an_award_or_a_recipient_page_describes_itself_and_other_pages_the_site(example_site):
    """What a search engine or a shared link shows under a page's title: an award's page its own
    line (what, how much, to whom, the fund, the year, where), a recipient's what it received, a
    tender's its envelope and how bids are scored; a page without a line of its own, the site's
    description. Every page used to give the site's."""
    site = example_site.site
    site_wide = description(site / "index.html")
    assert site_wide.startswith("Funding and commissioning by the ")
    for path in award_pages(site):
        lead = re.search(r"</h1>\s*<p>(.*?)</p>", path.read_text(encoding="utf-8"), re.S).group(1)
        amount = re.search(r"<strong>(£[\d,.]+)</strong>", lead).group(1)
        recipient = html.unescape(re.sub(r"<[^>]+>", "", lead).rsplit(", to ", 1)[1])
        own = description(path)
        assert own.startswith(("Grant of ", "Contract of ")) and amount in own and f" to {recipient}. " in own, path
    recipients = sorted((site / "recipients").glob("*/index.html"))
    assert len(recipients) > 10
    for path in recipients:
        assert re.match(r"[\d,]+ awards?, £[\d,.]+ in total\.", description(path)), path
    tenders = sorted((site / "tenders").glob("*/index.html"))
    assert len(tenders) > 3
    for path in tenders:
        reference = re.search(r"<dt>Reference</dt><dd>([^<]*)</dd>", path.read_text(encoding="utf-8")).group(1)
        assert re.match(rf"Tender {re.escape(html.unescape(reference))} from the .*: a funding envelope of £[\d,.]+ .*; "
                        r"bids scored quality \d+%, cost \d+%\.$", description(path)), path
    later_list_pages = sorted(site.glob("**/page-2/index.html"))
    for page in ("funding/index.html", "strategy/index.html", "tenders/index.html",
                 *(p.relative_to(site) for p in later_list_pages[:3])):
        assert description(site / page) == site_wide, page


def test_pages_in_the_navigation_keep_materials_full_layout(example_site):
    for url in ("", "awards/", "funding/", "recipients/"):
        html = example_site.page(url)
        assert 'class="md-tabs"' in html, url
        assert "md-nav__item--nested" in html, url


def test_the_light_menu_lists_the_top_level_sections_the_current_one_marked(example_site):
    html = example_site.page(AWARD)
    menu = re.search(r'<nav class="md-nav md-nav--primary[^"]*".*?</nav>', html, re.S).group()
    assert '<label class="md-nav__title" for="__drawer">' in menu
    links = re.findall(r'<a href="([^"]*)" class="md-nav__link[^"]*"( aria-current="true")?>([^<]*)</a>', menu)
    assert [title for _, _, title in links] == ["Home", "Funding", "Tenders", "Registers", "Strategy", "Open data", "Accessibility"]
    assert [title for _, current, title in links if current] == ["Funding"]
    assert dict((t, h) for h, _, t in links)["Registers"] == "../../registers/contracts/"
    tender = example_site.page("tenders/restorative-justice-service-2027/")
    assert re.search(r'aria-current="true">Tenders</a>', tender)


def test_the_header_keeps_the_skip_link_menu_button_and_search(example_site):
    html = example_site.page(AWARD)
    assert html.index('class="skip-link"') < html.index('<header class="md-header"')
    for part in ('<label class="md-header__button md-icon" for="__drawer">', 'for="__search"', 'class="site-contact"'):
        assert part in html, part
    # the search box itself is carried by header.js, once, in the theme's words (tested in a browser below)
    assert 'data-md-component="search-query"' not in html
    script = (example_site.site / "assets" / "header.js").read_text(encoding="utf-8")
    box = json.loads(re.search(r"var SEARCH_BOX = (\".*?(?<!\\)\");", script).group(1))
    for part in ('data-md-component="search-query"', 'data-initializing="Initializing search"',
                 'placeholder="Search"', 'aria-label="Clear"', '<path id="i-search" '):
        assert part in box, part
    assert not re.search(r">\s{2,}<", box)  # compacted, as the page is


def test_header_js_says_where_the_search_box_goes_once():
    from transparency.views.header_script import with_search_box
    assert with_search_box('var a;\nvar SEARCH_BOX = null;\n', '<div a="1">') == 'var a;\nvar SEARCH_BOX = "<div a=\\"1\\">";\n'
    for script in ("var SEARCH_BOX = [];", "var SEARCH_BOX = null; var SEARCH_BOX = null;"):
        with pytest.raises(ValueError, match="assets/header.js must say"):
            with_search_box(script, "<div>")


def test_what_only_materials_bundle_uses_waits_until_the_reader_searches(example_site):
    """A light page loads Material's bundle when the reader searches (assets/header.js): its
    settings, its results' area, its storage script, its content tabs' and Back to top's markup are
    not in each page. The settings are written once, beside header.js, from a page in the nav."""
    html = example_site.page(AWARD)
    for part in ('id="__config"', "__md_scope", 'data-md-component="search-result"', "__tabbed_", 'data-md-component="top"'):
        assert part not in html, part
    assert '<script data-on-demand="../../assets/javascripts/bundle.' in html
    in_nav = example_site.page("awards/")
    for part in ('id="__config"', "__md_scope", 'data-md-component="search-result"', 'data-md-component="top"'):
        assert part in in_nav, part
    shown = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', in_nav, re.S).group(1))
    written = json.loads((example_site.site / "assets" / "bundle-config.json").read_text(encoding="utf-8"))
    # the same settings, their two links from the site's root rather than from awards/
    assert shown.pop("base") == ".." and written.pop("base") == "."
    assert shown.pop("search") == "../" + written.pop("search")
    assert shown == written and written["translations"]["search.result.none"]


def test_whitespace_is_collapsed_on_every_page(example_site):
    for url in ("", AWARD, "awards/"):
        html = example_site.page(url)
        outside_pre = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "<kept/>", html, flags=re.S)
        assert not re.search(r">[ \t\n]{2,}<", outside_pre), url


# In a real browser: the menu on a phone, the skip link, axe, search.


def test_on_a_phone_the_menu_button_opens_the_drawer_with_working_links(base_url, page_at):
    page = page_at(base_url + AWARD, PHONE)
    drawer = page.locator(".md-sidebar--primary")
    menu_link = drawer.get_by_role("link", name="Tenders")
    assert not menu_link.is_visible()
    page.locator('[data-toggles="__drawer"], label.md-header__button[for="__drawer"]').first.click()
    assert page.evaluate("document.getElementById('__drawer').checked")
    menu_link.wait_for(state="visible")
    names = drawer.locator(".md-nav__list .md-nav__link").all_inner_texts()
    assert names == ["Home", "Funding", "Tenders", "Registers", "Strategy", "Open data", "Accessibility"]
    menu_link.click()
    page.wait_for_url(base_url + "tenders/")
    assert page.locator("article h1").inner_text() == "Tenders"


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(base_url, page_at):
    page = page_at(base_url + AWARD)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "__main"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("url", [AWARD, RECIPIENT], ids=["award", "recipient"])
def test_no_accessibility_violations_on_light_pages(base_url, page_at, url, viewport):
    pytest.importorskip("axe_playwright_python")
    from sitecheck import axe_violations
    page = page_at(base_url + url, viewport)
    assert axe_violations(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_header_js_puts_one_search_box_after_the_headers_search_button(base_url, page_at, viewport):
    page = page_at(base_url + AWARD, viewport)
    assert page.locator("[data-md-component=search]").count() == 1
    assert page.evaluate("""document.querySelector('.md-header label[for="__search"]').nextElementSibling
                            .matches('.md-search[role=dialog]')""")
    assert page.locator(".md-search__input").get_attribute("placeholder") == "Search"
    if viewport == DESKTOP:  # the box is in the header; on a phone it opens from the button
        assert page.locator(".md-search__input").is_visible()
    else:  # the header's button, shown on a phone: its magnifier is a <use> of the box's (drawn, it has a size)
        assert page.evaluate("""document.querySelector('button[data-toggles="__search"] use').getBBox().width""") > 0


def test_site_search_works_from_a_light_page(base_url, page_at):
    from sitecheck import open_search
    page = open_search(page_at(base_url + AWARD), "Willow Row")
    assert "Willow Row" in page.locator(".md-search-result__list").inner_text()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_id_is_repeated_once_the_scripts_have_run(base_url, page_at, viewport):
    """The icons drawn once carry an id; header.js copies the header's menu and search labels
    into buttons, and puts the search box (whose icon uses the header's) in: a copy of a drawn
    icon would repeat its id."""
    page = page_at(base_url + AWARD, viewport)
    page.locator('button[data-toggles="__search"]').wait_for(state="attached")
    repeated = page.evaluate("""() => { const seen = {};
        document.querySelectorAll('[id]').forEach(e => seen[e.id] = (seen[e.id] || 0) + 1);
        return Object.keys(seen).filter(id => seen[id] > 1); }""")
    assert repeated == []


def test_a_light_page_names_the_same_material_files_as_a_page_in_the_navigation(example_site):
    """light.html does not extend Material's base.html, so the hashed names of Material's
    stylesheet and bundle, and its generator line, are read from the installed base.html
    (hooks/): an upgrade of Material must not leave light pages linking files that are gone."""
    def named(html):
        return (re.findall(r'assets/stylesheets/main\.[0-9a-f]+\.min\.css', html),
                re.findall(r'assets/javascripts/bundle\.[0-9a-f]+\.min\.js', html),
                re.findall(r'<meta name="generator" content="[^"]*">', html))
    home, award = named(example_site.page("")), named(example_site.page(AWARD))
    assert all(len(found) == 1 for found in home), home
    assert award == home
    for name in (award[0][0], award[1][0]):
        assert (example_site.site / name).is_file(), name


def _head_and_body(html: str) -> tuple[list[str], str]:
    """A page's head, as the tags Material's base.html writes for the site's settings, less what
    is the page's own (its title, description and canonical address, and a page in the navigation's
    previous and next links) or known to differ (Material's storage script, which header.js makes on
    a light page, and header.js's data-light); and its <body> tag."""
    head = html[:html.index("</head>")]
    tags = re.findall(r"<(?:meta|link|script)\b[^>]*>", head)
    own = re.compile(r'name="description"|rel="(canonical|prev|next)"')
    kept = [t.replace(" data-light", "") for t in tags if not own.search(t) and t != "<script>"]
    return kept + re.findall(r"<style>.*?</style>", head, re.S), re.search(r"<body\b[^>]*>", html).group()


@pytest.mark.parametrize("theme", ["as the project has it", "a palette, fonts and a second language"])
def test_a_light_pages_head_is_what_materials_base_html_writes(tmp_path, theme):
    """light.html writes Material's head itself (it does not extend base.html): for the same
    settings, its links, metas, scripts and body tag must be those of a page in the navigation at
    the same depth, also for settings this site does not use, as another office's might."""
    from conftest import build, make_project
    project = make_project(tmp_path / "p")
    if theme != "as the project has it":
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        text = text.replace("  font: false  #", "  font:\n    text: Atkinson Hyperlegible\n    code: Fira Code\n  #", 1)
        text = text.replace("  palette: {}\n", "  palette:\n    scheme: slate\n    primary: teal\n    accent: amber\n", 1)
        text = text.replace("extra:\n", "extra:\n  alternate:\n    - name: English\n      link: /en/\n      lang: en\n"
                            "    - name: Cymraeg\n      link: /cy/\n      lang: cy\n", 1)
        config.write_text(text, encoding="utf-8")
    result = build(project)
    assert result.ok, result.output
    award = next(p for p in award_pages(result.site))
    light = _head_and_body(award.read_text(encoding="utf-8"))
    in_nav = _head_and_body(result.page("funding/statistics/"))
    assert 'class="md-tabs"' in result.page("funding/statistics/")  # Material's own layout
    assert light == in_nav
    if theme != "as the project has it":  # the settings reached both
        assert any("fonts.googleapis.com" in t for t in light[0]) and 'hreflang="cy"' in " ".join(light[0])
        assert any("Atkinson Hyperlegible" in t and t.startswith("<style>") for t in light[0])
        assert 'data-md-color-scheme="slate"' in light[1]
