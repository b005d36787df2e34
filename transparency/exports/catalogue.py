"""Every file published under /data/, with what the Open data page says about it.

Built once per build; the hook publishes each file's bytes and the pages link
to the files that belong to them (`group`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..dataset import Dataset
from ..figures import Figures
from . import calendar, feeds, giving360, ocds
from .tables import Column, tables

FOLDER = "data"


@dataclass(frozen=True)
class Download:
    name: str  # file name under /data/, e.g. awards.csv
    title: str
    format: str  # what a person calls it: CSV, JSON, 360Giving JSON, Atom feed...
    description: str
    content: bytes
    group: str  # the page it belongs to: awards, fund:<id>, year:<yyyy/yy>, funds, tenders, contracts, ...
    fields: tuple[Column, ...] = ()

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.name}"


def downloads(ds: Dataset, figures: Figures, now: datetime) -> list[Download]:
    out: list[Download] = []
    for table in tables(ds, figures, now):
        if table.name.startswith("awards-"):
            rest = table.name.removeprefix("awards-")
            group = f"fund:{rest}" if rest in ds.funds else f"year:{rest.replace('-', '/')}"
        else:
            group = table.name
        for fmt, content in (("CSV", table.csv()), ("JSON", table.json())):
            out.append(Download(f"{table.name}.{fmt.lower()}", table.title, fmt, table.description, content,
                                group, table.columns))
    if any(a.kind == "grant" for a in ds.awards.values()):  # the 360Giving schema needs at least one grant
        out += [
            Download("360giving.json", "Grants in the 360Giving Data Standard", "360Giving JSON",
                     "Every grant as a 360Giving package, for GrantNav and other 360Giving tools.",
                     giving360.grants_json(ds, now), "standards"),
            Download("360giving.csv", "Grants in the 360Giving Data Standard", "360Giving CSV",
                     "The same grants in the 360Giving flat spreadsheet format.",
                     giving360.grants_csv(ds, now), "standards"),
        ]
    if releases_exist(ds):  # the OCDS schema needs at least one release
        out.append(
            Download("ocds.json", "Tenders and contracts in the Open Contracting Data Standard", "OCDS JSON",
                     "An OCDS 1.1 release package: each tender with its awards and contracts, and contracts "
                     "awarded without a tender (such as single tender actions).",
                     ocds.release_package_json(ds, now), "standards"))
    out += [
        Download("tenders.atom", "New and updated tender notices", "Atom feed",
                 "Subscribe in a feed reader to hear about new tenders.", feeds.tenders_feed(ds, figures), "tenders"),
        Download("awards.atom", "New awards", "Atom feed",
                 "Subscribe in a feed reader to hear about new awards (the newest 100).", feeds.awards_feed(ds),
                 "awards"),
        Download("tender-deadlines.ics", "Tender deadlines and market engagement events", "iCalendar",
                 "Add to your calendar: deadlines for questions and bids, and market engagement events, "
                 "in UK time.", calendar.tender_calendar(ds), "tenders"),
    ]
    return out


def releases_exist(ds: Dataset) -> bool:
    """OCDS covers tenders and contracts; an office with only grants has none to publish."""
    return bool(ds.tenders) or any(a.kind == "contract" for a in ds.awards.values())
