"""Every file published under /data/, with what the Open data page says about it.

Built once per build; the hook publishes each file's bytes and the pages link
to the files that belong to them (`group`). Every file's name comes from
`addresses`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import addresses
from ..due import ending
from ..dataset import Dataset
from ..figures import Figures
from ..promises import Promise
from . import calendar, feeds, giving360, groups, ocds
from .groups import Group
from .tables import Column, tables


@dataclass(frozen=True)
class Download:
    name: str  # file name under /data/, e.g. awards.csv
    title: str
    format: str  # what a person calls it: CSV, JSON, 360Giving JSON, Atom feed...
    description: str
    size: int  # bytes
    group: Group  # the page it belongs to
    fields: tuple[Column, ...] = ()
    content: bytes | None = None  # held in memory, or...
    file: Path | None = None  # ...spooled to disk (see `downloads`)

    @property
    def path(self) -> str:
        return addresses.data_file(self.name)


def downloads(ds: Dataset, figures: Figures, measured: list[Promise], now: datetime,
              spool: Path | None = None) -> list[Download]:
    """Every file, made one at a time. With `spool`, each file's bytes are written there
    as soon as they are made and only its size is kept: at 10,000 awards the files would
    otherwise stay in memory for the whole build (their size: benchmarks/README.md)."""
    out: list[Download] = []

    def add(name: str, title: str, fmt: str, description: str, content: bytes, group: Group, fields=()):
        if spool is None:
            out.append(Download(name, title, fmt, description, len(content), group, fields, content=content))
        else:
            target = spool / name
            target.write_bytes(content)
            out.append(Download(name, title, fmt, description, len(content), group, fields, file=target))

    for table in tables(ds, figures, measured, now):
        if "csv" in table.formats:
            add(f"{table.name}.csv", table.title, "CSV", table.description, table.csv(), table.group, table.columns)
        if "json" in table.formats:
            add(f"{table.name}.json", table.title, "JSON", table.description, table.json(), table.group, table.columns)
    if any(a.kind == "grant" and a.counted for a in ds.awards.values()):  # the 360Giving schema needs at least one grant
        package = giving360.grants(ds, now)  # made once, written as JSON and as CSV
        add(addresses.GIVING360_JSON, "Grants in the 360Giving Data Standard", "360Giving JSON",
            "Every grant as a 360Giving package, for GrantNav and other 360Giving tools.",
            giving360.grants_json(ds, now, package), groups.STANDARDS)
        add(addresses.GIVING360_CSV, "Grants in the 360Giving Data Standard", "360Giving CSV",
            "The same grants in the 360Giving flat spreadsheet format.", giving360.grants_csv(ds, now, package),
            groups.STANDARDS)
    if releases_exist(ds):  # the OCDS schema needs at least one release
        add(addresses.OCDS_JSON, "Tenders and contracts in the Open Contracting Data Standard", "OCDS JSON",
            "An OCDS 1.1 release package: each tender with its awards and contracts, and contracts "
            "awarded without a tender (such as single tender actions).", ocds.release_package_json(ds, now, figures),
            groups.STANDARDS)
    add(addresses.TENDERS_FEED, "New and updated tender notices", "Atom feed",
        "Subscribe in a feed reader to hear about new tenders.", feeds.tenders_feed(ds, figures), groups.TENDERS)
    add(addresses.AWARDS_FEED, "New and updated awards", "Atom feed",
        "Subscribe in a feed reader to hear about new awards and changes to awards (the 100 changed last).",
        feeds.awards_feed(ds), groups.AWARDS)
    add(addresses.ROUNDS_FEED, "Funding rounds opening", "Atom feed",
        "Subscribe in a feed reader to hear when a funding round opens.", feeds.rounds_feed(ds, now.date()),
        groups.ROUNDS)
    add(addresses.TENDER_CALENDAR, "Tender and funding round deadlines, and market engagement events", "iCalendar",
        "Add to your calendar: deadlines for questions and bids, market engagement events (in UK time), and the "
        "days each funding round opens and closes.", calendar.tender_calendar(ds), groups.TENDERS)
    endings = ending(ds, now.date())
    add(addresses.CONTRACTS_ENDING_FEED, "Contracts ending", "Atom feed",
        "Subscribe in a feed reader to hear when a contract's end or our intention for it changes.",
        feeds.contracts_ending_feed(ds, endings), groups.CONTRACTS_ENDING)
    add(addresses.CONTRACTS_ENDING_CALENDAR, "Contracts ending", "iCalendar",
        "Add to your calendar: the day each contract ends, and the last day it could run to if extended.",
        calendar.contracts_ending_calendar(ds, endings), groups.CONTRACTS_ENDING)
    return out


def releases_exist(ds: Dataset) -> bool:
    """OCDS covers tenders and contracts; an office with only grants has none to publish."""
    return bool(ds.tenders) or any(a.kind == "contract" for a in ds.awards.values())
