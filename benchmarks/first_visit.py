"""What a browser transfers on a first visit to one page of a built site, raw and compressed.

    python benchmarks/first_visit.py SITE_DIR [PAGE_PATH]    # PAGE_PATH default: the largest award page

The site is served over HTTP on localhost (http.server in a thread) and the page is opened in
Debian's Chromium through Playwright (never `playwright install`), in a fresh browser context (an
empty cache: a first visit). After the load event and network idle, every response the page and its
workers received is listed with its body's bytes, and those bytes compressed with gzip at level 6, as
a static host such as GitHub Pages sends text (HTML, CSS, JavaScript, JSON, SVG, XML); images and
fonts are already compressed and count as they are. Also said: whether search/search_index.json was
requested. Printed as Markdown; benchmarks/run.py calls `visit` for the real site at each size.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = Path("/usr/bin/chromium")
# As tests/conftest.py starts it: no network chatter of its own, no sandbox (the benchmarks may run as root).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEARCH_INDEX = "search/search_index.json"
TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map", ".webmanifest")
GZIP_LEVEL = 6


@dataclass
class Visit:
    page: str  # the page's path in the site, e.g. awards/<id>/
    files: list[tuple[str, int, int]] = field(default_factory=list)  # (path, raw bytes, gzip-6 bytes)
    search_index: bool = False  # was search/search_index.json requested?

    @property
    def raw(self) -> int:
        return sum(f[1] for f in self.files)

    @property
    def compressed(self) -> int:
        return sum(f[2] for f in self.files)


def compressed_size(path: str, body: bytes) -> int:
    """What a static host sends: text gzipped (level 6, as nginx and GitHub Pages), the rest as it is."""
    if path.endswith("/") or path.lower().endswith(TEXT_SUFFIXES):
        return len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))
    return len(body)


def largest_award_page(site: Path) -> str:
    """The largest awards/<id>/index.html: the first visit's worst case among award pages."""
    best = (-1, "")
    with os.scandir(site / "awards") as entries:
        for e in entries:
            index = os.path.join(e.path, "index.html")
            if e.is_dir() and os.path.isfile(index):
                best = max(best, (os.stat(index).st_size, f"awards/{e.name}/"))
    if best[0] < 0:
        raise SystemExit(f"no award page under {site / 'awards'}")
    return best[1]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # one line per request would drown the benchmark's output
        pass


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    """The site on http://127.0.0.1:<free port>/, served from a daemon thread until shutdown()."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def why_not() -> str | None:
    """Why a first visit cannot be measured here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright; never `playwright install`)"
    return None


def visit(site: Path, page: str | None = None) -> Visit:
    """Open `page` (a path in `site`, default the largest award page) once in a fresh Chromium."""
    from playwright.sync_api import sync_playwright

    page = (page or largest_award_page(site)).lstrip("/")
    if page and not page.endswith("/") and not page.endswith(".html"):
        page += "/"
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    responses = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                # on the context, not the page: the search worker's own requests are reported there too
                context.on("response", lambda r: responses.append(r))
                tab = context.new_page()
                tab.goto(base + page, wait_until="load")
                tab.wait_for_load_state("networkidle")
                files = []
                for r in responses:
                    path = unquote(urlsplit(r.url).path).lstrip("/") or "/"
                    try:
                        body = r.body()
                    except Exception:  # a redirect has no body to read
                        body = b""
                    files.append((path, len(body), compressed_size(path, body)))
                context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return Visit(page, files, any(f[0] == SEARCH_INDEX for f in files))


def kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def markdown(v: Visit) -> str:
    lines = [f"First visit to `{v.page}`: {len(v.files)} responses, {kb(v.raw)} raw, "
             f"**{kb(v.compressed)}** gzip-{GZIP_LEVEL}; `{SEARCH_INDEX}` "
             + ("requested." if v.search_index else "not requested."),
             "",
             "| file | raw | gzip-6 |",
             "| --- | ---: | ---: |"]
    for path, raw, packed in sorted(v.files, key=lambda f: -f[2]):
        lines.append(f"| `{path}` | {kb(raw)} | {kb(packed)} |")
    lines.append(f"| total | {kb(v.raw)} | {kb(v.compressed)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site's folder")
    parser.add_argument("page", nargs="?", help="the page's path in the site (default: the largest award page)")
    args = parser.parse_args(argv)
    reason = why_not()
    if reason:
        print(f"first visit not measured: {reason}", file=sys.stderr)
        return 2
    print(markdown(visit(args.site, args.page)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
