"""The sitemap, in files search engines accept.

A sitemap file may list at most 50,000 addresses and be at most 50 MB uncompressed
(sitemaps.org; Google and Bing reject a larger file whole). MkDocs writes one `sitemap.xml`
of every page, and at 100,000 awards a site has about 127,000. Past either limit the sitemap
becomes a sitemap index (the same address, so robots.txt and search consoles need no change)
naming parts `sitemap-1.xml`, `sitemap-2.xml` and so on beside it, each a urlset of MkDocs'
own entries, in its order and as it wrote them. Below the limits MkDocs' file is left as it is.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin
from xml.sax.saxutils import escape

# sitemaps.org's limits for one file. Read when a sitemap is split, not bound at import, so a
# test can lower them and build a real site of a few pages past them.
MAX_URLS = 50_000
MAX_BYTES = 52_428_800  # 50 MiB, as sitemaps.org counts it

INDEX = "sitemap.xml"  # MkDocs' name, kept by the index
_ENTRY = re.compile(r"<url>.*?</url>", re.S)
_LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")


def part_name(number: int) -> str:
    """A part's file name, beside the index at the site's root (a sitemap may list only
    addresses under its own folder)."""
    return f"sitemap-{number}.xml"


def split_sitemap(urlset: str, site_url: str | None) -> dict[str, str]:
    """The sitemap files to write for MkDocs' `urlset`: none when it is within the limits; else
    the index (`sitemap.xml`) and its parts, by file name. `site_url` is where the site is
    published (the parts' addresses in the index); without it they are from the root, as MkDocs
    then gives its pages."""
    size = len(urlset.encode("utf-8"))
    entries = _ENTRY.findall(urlset)
    if len(entries) <= MAX_URLS and size <= MAX_BYTES:
        return {}
    if not entries:
        raise ValueError("a sitemap over the size limit with no <url> entries: not MkDocs' sitemap.xml")
    # MkDocs' own opening (the XML declaration and the urlset with its namespace) and closing
    head = urlset[:urlset.index(entries[0])]
    tail = urlset[urlset.rindex(entries[-1]) + len(entries[-1]):]
    room = MAX_BYTES - len(head.encode("utf-8")) - len(tail.encode("utf-8"))
    parts: list[list[str]] = [[]]
    used = 0
    for entry in entries:
        cost = len(entry.encode("utf-8")) + 1  # and the line break before the next
        if parts[-1] and (len(parts[-1]) == MAX_URLS or used + cost > room):
            parts.append([])
            used = 0
        parts[-1].append(entry)
        used += cost
    files = {part_name(k): head + "\n".join(part) + tail for k, part in enumerate(parts, 1)}
    base = site_url or "/"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for k, part in enumerate(parts, 1):
        newest = max(_LASTMOD.findall("".join(part)), default=None)  # ISO dates: the latest sorts last
        lastmod = f"<lastmod>{newest}</lastmod>" if newest else ""
        lines.append(f"<sitemap><loc>{escape(urljoin(base, part_name(k)))}</loc>{lastmod}</sitemap>")
    lines.append("</sitemapindex>\n")
    return {INDEX: "\n".join(lines), **files}
