"""Atom feeds of tender notices and of awards.

Entry ids are tag URIs made from the site's host and the record's id, so they
never change between builds; every `updated` comes from the data (a tender's
publication or award, an award's date or latest outcome report), never from
the clock, so a feed reader sees an entry as new only when the data changed.
"""
from __future__ import annotations

from datetime import date, datetime, time
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from ..dataset import Dataset
from ..dates import LONDON
from ..figures import Figures, award_recorded, newest_first
from ..money import format_money

ATOM = "http://www.w3.org/2005/Atom"


def _instant(value: date | datetime) -> str:
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0), tzinfo=LONDON)
    return value.isoformat()


def _host(ds: Dataset) -> str:
    org = ds.organisation
    return urlsplit(org.site_url or org.website).hostname or "localhost"


def site_link(ds: Dataset, path: str, from_feed: bool = True) -> str:
    """An absolute link when the site's address is known, else one relative to /data/."""
    base = ds.organisation.site_url
    if base:
        return base.rstrip("/") + "/" + path
    return ("../" if from_feed else "") + path


def _feed(ds: Dataset, name: str, title: str, entries: list[dict]) -> bytes:
    org = ds.organisation
    updated = max((e["updated"] for e in entries), default="1970-01-01T00:00:00+00:00")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang="en-GB">',
        f"  <id>tag:{_host(ds)},2026:{name}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(org.name)}</name><email>{escape(org.email)}</email></author>",
        f"  <link rel=\"self\" href={quoteattr(site_link(ds, f'data/{name}.atom', from_feed=False) if org.site_url else f'{name}.atom')}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(site_link(ds, ''))}/>",
        f"  <rights>{escape(org.licence.name)}</rights>",
    ]
    for e in entries:
        lines += [
            "  <entry>",
            f"    <id>{e['id']}</id>",
            f"    <title>{escape(e['title'])}</title>",
            f"    <updated>{e['updated']}</updated>",
            f"    <published>{e['published']}</published>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(e['link'])}/>",
            f"    <summary>{escape(e['summary'])}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def tenders_feed(ds: Dataset, figures: Figures) -> bytes:
    host = _host(ds)
    entries = []
    for t in sorted(ds.tenders.values(), key=lambda t: (t.published, t.id), reverse=True):
        changes = [t.published] + [datetime.combine(a.award_date, time(0, 0), tzinfo=LONDON)
                                   for a in figures.by_tender.get(t.id, [])]
        entries.append(dict(
            id=f"tag:{host},{t.published.year}:tenders/{t.id}",
            title=t.title,
            published=_instant(t.published),
            updated=_instant(max(changes)),
            link=site_link(ds, f"tenders/{t.id}/"),
            summary=(f"{t.summary} Funding envelope {format_money(t.funding_envelope.amount)} "
                     f"{t.funding_envelope.covers}. Reference {t.reference}."),
        ))
    return _feed(ds, "tenders", f"Tender notices: {ds.organisation.short_name}", entries)


def awards_feed(ds: Dataset, limit: int = 100, figures: Figures | None = None) -> bytes:
    """The newest awards (a feed is for news; the CSV has them all)."""
    host = _host(ds)
    entries = []
    newest = figures.newest if figures else newest_first(ds.awards.values())  # the build has them sorted
    for a in newest[:limit]:
        last = award_recorded(a)
        entries.append(dict(
            id=f"tag:{host},{a.award_date.year}:awards/{a.id}",
            title=f"{a.title}: {format_money(a.amount)} to {a.recipient.name}",
            published=_instant(a.award_date),
            updated=_instant(last),
            link=site_link(ds, f"awards/{a.id}/"),
            summary=a.description,
        ))
    return _feed(ds, "awards", f"Awards: {ds.organisation.short_name}", entries)
