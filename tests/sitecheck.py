"""Checks of a built site: its internal links and anchors, and axe in a real browser.

Used by the tests of the tests' own office (test_site.py, test_browser.py, test_cms.py) and
by tests/test_office_data.py on the project's own data.
"""
from __future__ import annotations

import functools
import http.server
import re
import threading
from contextlib import contextmanager
from html import unescape
from pathlib import Path

# The same WCAG levels for every axe run in the suite, and axe's best practices (landmarks,
# roles a given element may have, headings, skip links): faults Lighthouse and pa11y report
# that the WCAG tags alone let through.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def broken_links(site: Path) -> tuple[list[str], int]:
    """A link checker over a built site: (every internal link that reaches no file, or an #anchor
    no id on its page, as `page -> href`; how many links were checked)."""
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))
        return ids[path]

    broken, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue  # MkDocs writes root-relative links there, for any address
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]*)"', html):
            href = unescape(href)
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target, _, anchor = href.partition("#")
            path = (page.parent / target.split("?")[0]).resolve() if target else page
            if path.is_dir():
                path = path / "index.html"
            checked += 1
            if not path.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
            elif anchor and path.suffix == ".html" and anchor not in ids_of(path):
                broken.append(f"{page.relative_to(site)} -> {href} (no id {anchor!r})")
    return broken, checked


@functools.cache
def _axe_js() -> str:
    import axe_playwright_python  # imported here: only the browser tests need it (they skip without it)
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, prefix: str = "", skip_rules: tuple[str, ...] = ()) -> list[str]:
    """axe-core's WCAG 2.2 AA and best-practice violations on a Playwright page, one line each.
    `skip_rules`: axe rule ids not run, each for a reason its caller names (never the site's pages)."""
    page.add_script_tag(content=_axe_js())
    result = page.evaluate(
        "([tags, skip]) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " rules: Object.fromEntries(skip.map(id => [id, {enabled: false}]))})", [AXE_TAGS, list(skip_rules)])
    return [f"{prefix}{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(site: Path):
    """A built site served over HTTP on a free local port: yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def open_search(page, text: str = "", timeout: float = 10_000):
    """Open Material's search as a visitor does (the header's search button on a phone, the box on a
    wider screen), type `text` key by key (Material reads key events, not `fill`) and wait until
    its results, or its "No matching documents", are shown. Returns the page."""
    button = page.locator('button.md-header__button[data-toggles="__search"]')
    if button.is_visible():
        button.click()
    else:
        page.locator(".md-search__input").click()
    query = page.locator(".md-search__input")
    query.wait_for(state="visible", timeout=timeout)
    if text:
        query.press_sequentially(text, delay=30)
        page.wait_for_function(
            """() => { const meta = document.querySelector('.md-search-result__meta');
                       return document.querySelector('.md-search-result__list > li') !== null
                           || /no matching/i.test(meta ? meta.textContent : ''); }""", timeout=timeout)
    return page
