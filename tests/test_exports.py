"""CSV and JSON lists, the Atom feeds and the calendar: parsed as a reader would, checked against the pages."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from decimal import Decimal
from pathlib import Path


from conftest import BUILD_EPOCH, build, make_project
from test_site import main_text, paid_by_year, raw
from transparency.money import format_money

ATOM = "{http://www.w3.org/2005/Atom}"


def read_csv(site: Path, name: str) -> list[dict[str, str]]:
    data = (site / "data" / name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "CSV starts with a byte order mark, for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_every_list_is_downloadable_as_csv_and_json(example_site):
    site = example_site.site
    names = ["awards", "funds", "summary", "tenders", "contracts", "single-tender-actions"]
    for name in names:
        rows = read_csv(site, f"{name}.csv")
        records = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        assert len(rows) == len(records) > 0, name
        assert list(rows[0]) == list(records[0]), f"{name}: CSV and JSON have the same fields in the same order"


def test_a_funds_awards_are_csv_only_and_awards_json_holds_the_same_records(example_site):
    """A fund's file is a slice of awards.csv for spreadsheets; its JSON would repeat awards.json
    (issue 20: a quarter of the site's bytes at 10,000 awards)."""
    site = example_site.site
    every = {r["id"]: r for r in json.loads((site / "data" / "awards.json").read_text(encoding="utf-8"))}
    for fund in raw("funds"):
        rows = read_csv(site, f"awards-fund-{fund}.csv")
        assert not (site / "data" / f"awards-fund-{fund}.json").exists()
        assert rows and {r["id"] for r in rows} == {i for i, r in every.items() if r["fund_id"] == fund}


def test_award_csv_matches_the_data(example_site):
    awards = raw("awards")
    rows = {r["id"]: r for r in read_csv(example_site.site, "awards.csv")}
    assert set(rows) == set(awards)
    for id, a in awards.items():
        row = rows[id]
        assert Decimal(row["amount"]) == Decimal(str(a["amount"]))
        assert row["award_date"] == a["award_date"].isoformat()
        assert re.fullmatch(r"\d+(\.\d\d)?", row["amount"]), "amounts are plain numbers"
        assert row["recipient_name"] == a["recipient"]["name"]


def test_totals_in_the_data_equal_the_totals_on_the_pages(example_site):
    """The funds CSV and JSON give the same budget, awarded and remaining as each fund's page."""
    rows = read_csv(example_site.site, "funds.csv")
    records = json.loads((example_site.site / "data/funds.json").read_text())
    assert len(rows) >= 8
    for row, record in zip(rows, records):
        assert Decimal(row["awarded"]) == Decimal(str(record["awarded"]))
        page = main_text(example_site.page(f"funding/{row['fund_id']}/"))
        shown = (f"{row['financial_year']} {format_money(Decimal(row['budget']))} "
                 f"{format_money(Decimal(row['awarded']))} {format_money(Decimal(row['remaining']))} {row['award_count']}")
        assert shown in page, shown
    # and the all-awards CSV adds up to the same total as the funds file, but for the value of the
    # extensions taken, which the years' budgets pay and the awards' amounts do not include
    total_awards = sum(Decimal(r["amount"]) for r in read_csv(example_site.site, "awards.csv"))
    extensions = sum(Decimal(str(e["value"])) for a in raw("awards").values() for e in a.get("extensions_taken", [])
                     if a["status"] not in ("withdrawn", "returned"))
    assert extensions and total_awards + extensions == sum(Decimal(r["awarded"]) for r in rows)


def test_summary_per_fund_and_year(example_site):
    awards = raw("awards")
    rows = read_csv(example_site.site, "summary.csv")
    for row in rows:
        mine = [a for a in awards.values() if row["fund_id"] in ("all", a["fund"])]
        amounts = [Decimal(str(a["amount"])) for a in mine if a["status"] not in ("withdrawn", "returned")
                   and (a.get("financial_year") or _fy(a["award_date"])) == row["financial_year"]]
        assert int(row["award_count"]) == len(amounts)
        # what the year's budget pays: a split award's share, an extension in the year it starts
        assert Decimal(row["awarded"]) == sum((v for a in mine for y, v in paid_by_year(a) if y == row["financial_year"]), Decimal(0))
        if amounts:
            assert Decimal(row["largest_award"]) == max(amounts)
            assert Decimal(row["smallest_award"]) == min(amounts)


def _fy(day):
    y = day.year if day.month >= 4 else day.year - 1
    return f"{y}/{(y + 1) % 100:02d}"


def test_downloads_are_linked_from_their_pages(example_site):
    assert 'href="../data/awards.csv"' in example_site.page("awards/")
    assert 'href="../../data/awards-fund-youth-fund.csv"' in example_site.page("funding/youth-fund/")
    assert 'href="../data/tender-deadlines.ics"' in example_site.page("tenders/")
    assert 'href="../../data/contracts.csv"' in example_site.page("registers/contracts/")
    open_data = example_site.page("open-data/")
    for path in (example_site.site / "data").iterdir():
        assert f'href="../data/{path.name}"' in open_data, path.name
    assert "Open Government Licence v3.0" in main_text(open_data)
    assert "Field dictionary" in main_text(open_data) and "recipient_org_id" in open_data


def test_atom_feeds(example_site):
    tenders = raw("tenders")
    feed = ET.parse(example_site.site / "data/tenders.atom").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(tenders)
    titles = {e.find(f"{ATOM}title").text for e in entries}
    assert titles == {t["title"] for t in tenders.values()}
    for e in entries:
        assert e.find(f"{ATOM}id").text.startswith("tag:")
        datetime.fromisoformat(e.find(f"{ATOM}updated").text)  # a real timestamp with an offset
    awards_feed = ET.parse(example_site.site / "data/awards.atom").getroot()
    assert len(awards_feed.findall(f"{ATOM}entry")) == min(100, len(raw("awards")))


def test_feed_timestamps_come_from_the_data_not_the_clock(tmp_path):
    project = make_project(tmp_path / "p")
    one = build(project, site=tmp_path / "one")
    later = build(project, epoch=BUILD_EPOCH + 3 * 86400, site=tmp_path / "later")
    assert one.ok and later.ok
    for name in ("tenders.atom", "awards.atom", "tender-deadlines.ics"):
        assert (one.site / "data" / name).read_bytes() == (later.site / "data" / name).read_bytes(), name


def _events(ics: str) -> list[dict[str, str]]:
    unfolded = ics.replace("\r\n ", "")
    events = []
    for block in unfolded.split("BEGIN:VEVENT")[1:]:
        fields = dict(line.split(":", 1) for line in block.split("END:VEVENT")[0].strip().split("\r\n"))
        events.append(fields)
    return events


def test_calendar_has_deadlines_at_the_right_instant(example_site):
    ics = (example_site.site / "data/tender-deadlines.ics").read_bytes().decode("utf-8")  # keep the CRLFs
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    events = _events(ics)
    tenders = raw("tenders")
    by_uid = {e["UID"].split("@")[0]: e for e in events}
    summer = tenders["fraud-and-cyber-crime-victim-support-2026"]["submission_deadline"]  # 2026-09-04 12:00 UK
    winter = tenders["restorative-justice-service-2027"]["submission_deadline"]  # 2027-01-22 12:00 UK
    assert str(summer) == "2026-09-04 12:00" and str(winter) == "2027-01-22 12:00"
    assert by_uid["fraud-and-cyber-crime-victim-support-2026-submission"]["DTSTART"] == "20260904T110000Z"  # BST
    assert by_uid["restorative-justice-service-2027-submission"]["DTSTART"] == "20270122T120000Z"  # GMT
    # each tender's deadlines and events, and each funding round's opening and closing days (tests/test_rounds.py)
    expected = sum(2 + len(t.get("market_engagement") or []) for t in tenders.values()) + 2 * len(raw("rounds"))
    assert len(events) == expected
