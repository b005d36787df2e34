"""Atom feeds of tender notices, of awards, of funding rounds opening, and of contracts ending
(commissioning intentions).

Entry ids are tag URIs made from the site's host and the record's id, so they
never change between builds; every `updated` comes from the data (a tender's
publication or award, an award's date or latest outcome report, and when the
record's file was last committed: Dataset.changed_on), never from the clock, so a
feed reader sees an entry as new or updated only when the data changed.
"""
from __future__ import annotations

from datetime import date, datetime, time
from xml.sax.saxutils import escape, quoteattr

from .. import addresses
from ..dataset import Dataset
from ..due import Ending
from ..dates import LONDON, format_date
from ..figures import Figures, award_modified
from ..labels import round_amounts
from ..money import format_money
from ..vocabulary import AWARD_STATUS

ATOM = "http://www.w3.org/2005/Atom"


def _moment(value: date | datetime) -> datetime:
    """A date as the start of its UK day."""
    return value if isinstance(value, datetime) else datetime.combine(value, time(0, 0), tzinfo=LONDON)


def _instant(value: date | datetime) -> str:
    return _moment(value).isoformat()


def _link(ds: Dataset, url: str) -> str:
    """A link from a feed: absolute when the site's address is known, else relative to the
    feed's own place under /data/."""
    return addresses.absolute(ds.organisation, url, otherwise="../")


def _feed(ds: Dataset, name: str, file: str, title: str, entries: list[dict]) -> bytes:
    """`name` is the feed's part of its tag: id, `file` its file name under /data/."""
    org = ds.organisation
    updated = max((e["updated"] for e in entries), default="1970-01-01T00:00:00+00:00")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang="en-GB">',
        f"  <id>tag:{addresses.host(org)},2026:{name}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(org.name)}</name><email>{escape(org.email)}</email></author>",
        f"  <link rel=\"self\" href={quoteattr(addresses.absolute(org, addresses.data_file(file)) if org.site_url else file)}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_link(ds, addresses.HOME.url))}/>",
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
    host = addresses.host(ds.organisation)
    entries = []
    for t in sorted(ds.tenders.values(), key=lambda t: (t.published, t.id), reverse=True):
        awards = figures.by_tender.get(t.id, [])
        # the tender's file and its awarded lots' files (whose awards its page lists)
        committed = filter(None, [ds.changed_on("tenders", t.id), *(ds.changed_on("awards", a.id) for a in awards)])
        changes = [t.published] + [_moment(d) for d in [*(a.award_date for a in awards), *committed]]
        entries.append(dict(
            id=f"tag:{host},{t.published.year}:tenders/{t.id}",
            title=t.title,
            published=_instant(t.published),
            updated=_instant(max(changes)),
            link=_link(ds, addresses.tender(t.id).url),
            summary=(f"{t.summary} Funding envelope {format_money(t.funding_envelope.amount)} "
                     f"{t.funding_envelope.covers}. Reference {t.reference}."),
        ))
    return _feed(ds, "tenders", addresses.TENDERS_FEED, f"Tender notices: {ds.organisation.short_name}", entries)


def rounds_feed(ds: Dataset, today: date) -> bytes:
    """The funding rounds that have opened by the build date, latest opening first: a round's
    entry appears on the day it opens (the site is rebuilt every day), published then, and is
    updated when its file changes. A round yet to open is on the calendar and the rounds page."""
    host = addresses.host(ds.organisation)
    entries = []
    opened = [r for r in ds.rounds.values() if r.opens <= today]
    for r in sorted(opened, key=lambda r: (r.opens, r.id), reverse=True):
        committed = ds.changed_on("rounds", r.id)
        entries.append(dict(
            id=f"tag:{host},{r.opens.year}:rounds/{r.id}",
            title=f"{r.name}: open {format_date(r.opens)} to {format_date(r.closes)}",
            published=_instant(r.opens),
            updated=_instant(max(r.opens, committed) if committed else r.opens),
            link=_link(ds, addresses.funding_round(r.id).url),
            summary=(f"{r.summary} Grants of {round_amounts(r)}. Apply through {r.apply_through.name} by "
                     f"{format_date(r.closes)}."),
        ))
    return _feed(ds, "funding-rounds", addresses.ROUNDS_FEED, f"Funding rounds: {ds.organisation.short_name}",
                 entries)


def awards_feed(ds: Dataset, limit: int = 100) -> bytes:
    """The awards that changed last (a feed is for news; the CSV has them all).

    Most recently changed first, not newest first: a contract extended or a service
    de-commissioned years after its award must reach subscribers too."""
    host = addresses.host(ds.organisation)
    entries = []
    changed = {a.id: award_modified(ds, a) for a in ds.awards.values()}
    latest = sorted(ds.awards.values(), key=lambda a: (changed[a.id], a.award_date, a.id), reverse=True)
    for a in latest[:limit]:
        last = changed[a.id]
        entries.append(dict(
            id=f"tag:{host},{a.award_date.year}:awards/{a.id}",
            # a withdrawn or returned award's entry says so: subscribers were told of the award once
            title=(f"{a.title}: {format_money(a.amount)} to {a.recipient.name}" if a.counted else
                   f"{AWARD_STATUS[a.status]}: {a.title} ({format_money(a.amount)} to {a.recipient.name})"),
            published=_instant(a.award_date),
            updated=_instant(last),
            link=_link(ds, addresses.award(a.id).url),
            summary=a.description if a.counted else f"{a.status_note or ''} {a.description}".strip(),
        ))
    return _feed(ds, "awards", addresses.AWARDS_FEED, f"Awards: {ds.organisation.short_name}", entries)


def contracts_ending_feed(ds: Dataset, endings: list[Ending]) -> bytes:
    """The contracts ending in the next 18 months (due.ending), soonest first: an entry is
    updated when its award's data changes (an extension taken, an intention recorded), so a
    provider planning bids hears of it."""
    host = addresses.host(ds.organisation)
    entries = []
    for e in endings:
        a = e.award
        could = (f" It could run to {format_date(e.could_run_to)} if extended."
                 if e.could_run_to != e.ends else " No extension is left.")
        entries.append(dict(
            id=f"tag:{host},{a.award_date.year}:contracts-ending/{a.id}",
            title=f"{a.title} ({a.recipient.name}): ends {format_date(e.ends)}",
            published=_instant(a.award_date),
            updated=_instant(award_modified(ds, a)),
            link=_link(ds, addresses.award(a.id).url),
            summary=(f"{a.title}, provided by {a.recipient.name}, worth {format_money(a.total_value)}, ends "
                     f"{format_date(e.ends)}.{could} What we intend: {e.decision_words}"
                     + (f". {e.note}" if e.note else ".")),
        ))
    return _feed(ds, "contracts-ending", addresses.CONTRACTS_ENDING_FEED,
                 f"Contracts ending: {ds.organisation.short_name}", entries)
