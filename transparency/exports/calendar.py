"""iCalendar files: tender deadlines and market engagement events with each funding round's
opening and closing day, and contracts ending.

Times are written in UTC (the `Z` form), which every calendar converts to the
reader's own time: the UK's summer time is applied when reading the data
(Europe/London), so a 12:00 deadline in July is 11:00Z and in January 12:00Z.
UIDs and DTSTAMPs come from the data, so two builds give the same bytes.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from .. import addresses
from ..dataset import Dataset
from ..due import Ending
from ..figures import award_modified
from ..model import Organisation


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += b
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def tender_calendar(ds: Dataset) -> bytes:
    org = ds.organisation
    host = addresses.host(org)
    events = []
    for t in sorted(ds.tenders.values(), key=lambda t: (t.published, t.id)):
        link = addresses.absolute(org, addresses.tender(t.id).url)
        stamp = _utc(t.published)
        items = [("clarification", t.clarification_deadline, f"Last day for questions: {t.title}", None),
                 ("submission", t.submission_deadline, f"Bids due: {t.title}", None)]
        items += [(f"engagement-{i + 1}", e.start, f"{e.description or 'Market engagement event'}: {t.title}", e.place)
                  for i, e in enumerate(t.market_engagement)]
        for key, moment, summary, place in items:
            lines = [
                "BEGIN:VEVENT",
                f"UID:{t.id}-{key}@{host}",
                f"DTSTAMP:{stamp}",
                f"DTSTART:{_utc(moment)}",
                f"DTEND:{_utc(moment)}",
                f"SUMMARY:{_text(summary)}",
                f"DESCRIPTION:{_text(f'Reference {t.reference}. {t.portal_url}')}",
                f"URL:{link}",
            ]
            if place:
                lines.append(f"LOCATION:{_text(place)}")
            lines.append("END:VEVENT")
            events += lines
    events += _round_events(ds)
    return _calendar(org, "Tender and funding round deadlines", events)


def _round_events(ds: Dataset) -> list[str]:
    """All-day events for each funding round's first and last day to apply. DTSTAMP is the day
    it opens (the data, never the clock), so the bytes change only with the data."""
    org = ds.organisation
    host = addresses.host(org)
    events = []
    for r in sorted(ds.rounds.values(), key=lambda r: (r.opens, r.id)):
        link = addresses.absolute(org, addresses.funding_round(r.id).url)
        where = f"Apply through {r.apply_through.name}: {r.apply_through.url}"
        for key, day, summary in (("opens", r.opens, f"Funding round opens: {r.name}"),
                                  ("closes", r.closes, f"Last day to apply: {r.name}")):
            events += [
                "BEGIN:VEVENT",
                f"UID:round-{r.id}-{key}@{host}",
                f"DTSTAMP:{r.opens.strftime('%Y%m%dT000000Z')}",
                f"DTSTART;VALUE=DATE:{_day(day)}",
                f"DTEND;VALUE=DATE:{_day(day + timedelta(days=1))}",
                f"SUMMARY:{_text(summary)}",
                f"DESCRIPTION:{_text(where)}",
                f"URL:{link}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    return events


def _calendar(org: Organisation, name: str, events: list[str]) -> bytes:
    """The one calendar writer: `events` are the VEVENTs' lines, `name` what the calendar is called."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{_text(org.short_name)}//{_text(name)}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{_text(name + ': ' + org.short_name)}",
             *events, "END:VCALENDAR"]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def _day(day: date) -> str:
    return day.strftime("%Y%m%d")


def contracts_ending_calendar(ds: Dataset, endings: list[Ending]) -> bytes:
    """All-day events for the contracts ending (due.ending): the day each ends as it stands, and
    the last day it could run to when an extension is left. DTSTAMP is when the award's data
    last changed, so the bytes change only with the data."""
    org = ds.organisation
    host = addresses.host(org)
    events = []
    for e in endings:
        a = e.award
        items = [("ends", e.ends, f"Contract ends: {a.title} ({a.recipient.name})")]
        if e.could_run_to != e.ends:
            items.append(("last-possible-end", e.could_run_to,
                          f"Contract's last possible end, if extended: {a.title} ({a.recipient.name})"))
        stamp = award_modified(ds, a).strftime("%Y%m%dT000000Z")
        for key, day, summary in items:
            events += [
                "BEGIN:VEVENT",
                f"UID:contract-{a.id}-{key}@{host}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{_day(day)}",
                f"DTEND;VALUE=DATE:{_day(day + timedelta(days=1))}",
                f"SUMMARY:{_text(summary)}",
                f"DESCRIPTION:{_text('What we intend: ' + e.decision_words + ('. ' + e.note if e.note else '.'))}",
                f"URL:{addresses.absolute(org, addresses.award(a.id).url)}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    return _calendar(org, "Contracts ending", events)
