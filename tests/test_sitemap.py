"""The sitemap stays within what search engines read from one file (transparency/views/sitemap.py):
past 50,000 addresses or 50 MB, sitemap.xml becomes an index of parts."""
from __future__ import annotations

import gzip
import re
from collections import Counter
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import pytest

from conftest import BUILD_EPOCH, build, make_project
from transparency.views import sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
TAIL = "\n</urlset>\n"


def urlset(days: list[str]) -> str:
    """A sitemap as MkDocs writes it (mkdocs/templates/sitemap.xml), one page a day."""
    entries = "".join(f"\n    <url>\n         <loc>https://example.org/p/{k}/</loc>\n         <lastmod>{day}</lastmod>\n    </url>"
                      for k, day in enumerate(days))
    return HEAD + entries + TAIL


def locs(xml: str, kind: str = "url") -> list[str]:
    return [e.text for e in ET.fromstring(xml.encode("utf-8")).findall(f"s:{kind}/s:loc", NS)]


def test_a_sitemap_within_the_limits_is_left_as_mkdocs_wrote_it():
    assert sitemap.split_sitemap(urlset(["2026-11-28"] * 5), "https://example.org/") == {}


def test_past_the_number_of_addresses_the_sitemap_becomes_an_index_of_parts(monkeypatch):
    monkeypatch.setattr(sitemap, "MAX_URLS", 3)
    days = ["2026-01-05", "2026-03-01", "2026-02-01", "2025-12-31", "2026-04-30", "2026-04-01", "2024-06-01"]
    whole = urlset(days)
    files = sitemap.split_sitemap(whole, "https://example.org/opcc/")
    assert list(files) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = ET.fromstring(files["sitemap.xml"].encode())
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert locs(files["sitemap.xml"], "sitemap") == [f"https://example.org/opcc/sitemap-{k}.xml" for k in (1, 2, 3)]
    # each part's newest day, so a search engine reads again only the parts that changed
    assert [e.text for e in index.findall("s:sitemap/s:lastmod", NS)] == ["2026-03-01", "2026-04-30", "2024-06-01"]
    parts = [files[f"sitemap-{k}.xml"] for k in (1, 2, 3)]
    assert [len(locs(p)) for p in parts] == [3, 3, 1]
    # every address once, in MkDocs' order, each part opening and closing as MkDocs' file does
    assert [u for p in parts for u in locs(p)] == locs(whole)
    assert all(p.startswith(HEAD) and p.endswith(TAIL) for p in parts)


def test_past_the_size_no_part_is_larger_than_the_limit(monkeypatch):
    whole = urlset(["2026-11-28"] * 40)
    monkeypatch.setattr(sitemap, "MAX_BYTES", len(whole.encode()) // 3)
    files = sitemap.split_sitemap(whole, None)
    parts = [text for name, text in files.items() if name != "sitemap.xml"]
    assert len(parts) >= 3
    assert all(len(p.encode()) <= sitemap.MAX_BYTES for p in parts)
    assert [u for p in parts for u in locs(p)] == locs(whole)
    # a site with no site_url: MkDocs gives its pages from the root, and so does the index
    assert locs(files["sitemap.xml"], "sitemap")[0] == "/sitemap-1.xml"


def test_the_index_escapes_the_sites_address(monkeypatch):
    monkeypatch.setattr(sitemap, "MAX_URLS", 1)
    files = sitemap.split_sitemap(urlset(["2026-11-28"] * 2), "https://example.org/grants&contracts/")
    assert "<loc>https://example.org/grants&amp;contracts/sitemap-1.xml</loc>" in files["sitemap.xml"]
    assert locs(files["sitemap.xml"], "sitemap")[0] == "https://example.org/grants&contracts/sitemap-1.xml"


def test_a_sitemap_too_large_with_no_entries_is_refused(monkeypatch):
    monkeypatch.setattr(sitemap, "MAX_BYTES", 10)
    with pytest.raises(ValueError, match="no <url> entries"):
        sitemap.split_sitemap(HEAD + TAIL, None)


LOWER_LIMIT = '''"""A test's own hook: the sitemap's limit lowered, so a few pages are past it."""
import transparency.views.sitemap

transparency.views.sitemap.MAX_URLS = 25
'''


def test_a_real_site_past_the_limit_publishes_an_index_and_parts_holding_every_page(tmp_path, example_site):
    project = make_project(tmp_path / "project")
    (project / "lower_limit.py").write_text(LOWER_LIMIT, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - hooks/transparency_site.py\n" in text
    config.write_text(text.replace("  - hooks/transparency_site.py\n",
                                   "  - lower_limit.py\n  - hooks/transparency_site.py\n"), encoding="utf-8")
    result = build(project)
    assert result.ok, result.output

    every_page = locs((example_site.site / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(every_page) > 2 * 25, "the tests' office should have pages enough for three parts"
    assert not (example_site.site / "sitemap-1.xml").exists()  # within the limit: MkDocs' one file

    index = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    named = locs(index, "sitemap")
    site_url = named[0].removesuffix("sitemap-1.xml")
    assert named == [f"{site_url}sitemap-{k}.xml" for k in range(1, len(named) + 1)]
    assert every_page[0] == site_url  # the parts sit at the site's root, beside its home page
    parts = [(result.site / name.removeprefix(site_url)).read_text(encoding="utf-8") for name in named]
    assert all(len(locs(p)) <= 25 for p in parts)
    assert [u for p in parts for u in locs(p)] == every_page
    assert gzip.decompress((result.site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == index


CHANGED_LINE = re.compile(r'<p class="page-changed">Data on this page last changed on (\d{1,2} \w+ \d{4})\.</p>')
# What an award's page says as of the build's date: a report overdue, or due by a day, or a notice owed
AS_OF_TODAY = re.compile(r'class="notice notice--overdue"|</strong>, due by \d|<p>Not recorded here yet:</p>')
CLOSED_AT = re.compile(r"[Bb]ids closed [^<]*? on (\d{1,2} \w+ \d{4})")


def a_day(text: str) -> str:
    return datetime.strptime(text, "%d %B %Y").date().isoformat()


def test_each_pages_lastmod_is_the_day_the_page_last_changed(example_site):
    """A search engine trusts lastmod only while it is true, and with the build's date on each of
    127,000 pages at national scale, every build would say that every page changed. An award's,
    a recipient's and a tender's page give the day their data last changed (the day their "last
    changed" line gives) unless they say something as of the build's date (a report or a notice
    due, a tender open: then the build's date); a closed tender changed at its deadline. Every
    other page (lists, registers, figures, staff's own pages) gives the build's date, as MkDocs does."""
    urls = ET.fromstring((example_site.site / "sitemap.xml").read_bytes()).findall("s:url", NS)
    home = urls[0].find("s:loc", NS).text  # the site's address: its home page is listed first
    build_day = datetime.fromtimestamp(BUILD_EPOCH, timezone.utc).date().isoformat()
    older, as_of_today = Counter(), Counter()
    for url in urls:
        loc, lastmod = url.find("s:loc", NS).text, url.find("s:lastmod", NS).text
        path = loc.removeprefix(home)
        # a record's page is awards/<id>/ (a list's later page awards/page-2/ is not one)
        folder, _, rest = path.partition("/")
        kind = folder if rest.count("/") == 1 and not re.fullmatch(r"page-\d+/", rest) else None
        html = (example_site.site / path / "index.html").read_text(encoding="utf-8")
        shown = CHANGED_LINE.search(html)
        if kind not in ("awards", "recipients", "tenders"):
            assert lastmod == build_day, loc
            continue
        changed = a_day(shown.group(1))
        if kind == "awards" and AS_OF_TODAY.search(html) or kind == "tenders" and "tag--open" in html:
            assert lastmod == build_day, loc
            as_of_today[kind] += 1
        elif kind == "tenders" and (closed := CLOSED_AT.search(html)) and "tag--closed" in html:
            assert lastmod == max(changed, a_day(closed.group(1))), loc
        else:
            assert lastmod == changed, loc
        older[kind] += lastmod < build_day
    # the tests' office has pages of each kind for this to tell the cases apart
    assert older["awards"] > 10 and older["recipients"] > 10 and older["tenders"] >= 1, older
    assert as_of_today["awards"] >= 1 and as_of_today["tenders"] >= 1, as_of_today
