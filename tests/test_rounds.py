"""Funding rounds (issue 18): a round's status from the build date, the funding rounds page and a
page per round, the home page's open and coming rounds, an award's round, the deadlines calendar,
the feed of rounds opening and the rounds table. The build date in tests is 28 November 2026."""
from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from conftest import build, make_project
from staffdata import TODAY, dataset, edit
from transparency import addresses, cms, labels
from transparency.exports.calendar import tender_calendar
from transparency.exports.feeds import ATOM, rounds_feed


def round_file(opens: str, closes: str, name: str, extra: str = "", fund: str = "youth-fund") -> str:
    return (f"fund: {fund}\nname: {name}\nsummary: Activities for young people, used by the tests.\n"
            "who_can_apply: Community groups in the county.\nmaximum: 10000\n"
            "apply_through:\n  name: Test Community Foundation\n  url: https://www.example.org/test-foundation\n"
            f"opens: {opens}\ncloses: {closes}\n{extra}")


AWARD = """\
title: Test youth club sessions
kind: grant
fund: youth-fund
recipient:
  name: Test Youth Club
  charity_number: "9000001"
amount: 5000
award_date: 2026-07-15
description: Weekly sessions for young people, used by the tests.
procurement_route: grant-application
status: active
purpose: To run weekly youth club sessions.
conditions: The club sends an end-of-grant report.
round: test-past
"""

FILES = {
    # open on the build date: opened on 1 November, closes on 15 December
    "rounds/test-open.yml": round_file("2026-11-01", "2026-12-15", "Test open round"),
    # opens after the build date
    "rounds/test-soon.yml": round_file("2027-01-10", "2027-02-28", "Test coming round", "minimum: 500\n"),
    # closed before the build date, with an award made from it
    "rounds/test-past.yml": round_file("2026-03-01", "2026-04-30", "Test past round", "decisions_by: 2026-06-30\n"),
    "awards/test-round-award.yml": AWARD,
}


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    return dataset(tmp_path_factory.mktemp("rounds"), FILES)


def test_status_from_the_build_date(ds):
    r = ds.rounds["test-open"]
    assert (r.opens, r.closes) == (date(2026, 11, 1), date(2026, 12, 15))
    assert r.status_at(r.opens - timedelta(days=1)) == "forthcoming"
    assert r.status_at(r.opens) == "open"  # the opening day is a day to apply
    assert r.status_at(r.closes) == "open"  # and so is the closing day
    assert r.status_at(r.closes + timedelta(days=1)) == "closed"
    assert [ds.rounds[i].status_at(TODAY) for i in ("test-open", "test-soon", "test-past")] == [
        "open", "forthcoming", "closed"]


def test_the_words_for_each_status(ds):
    r = ds.rounds["test-open"]
    assert labels.round_status_line(r, TODAY) == "Open: closes 15 December 2026 (in 17 days)"
    assert labels.round_status_line(r, r.closes) == "Open: closes 15 December 2026 (today)"
    assert labels.round_status_line(r, date(2026, 10, 31)) == "Opening soon: opens 1 November 2026 (tomorrow)"
    assert labels.round_status_line(r, date(2026, 12, 16)) == "Closed: applications closed on 15 December 2026"
    assert labels.round_amounts(r) == "up to £10,000"
    assert labels.round_amounts(ds.rounds["test-soon"]) == "£500 to £10,000"


def test_the_feed_carries_the_rounds_that_have_opened(ds):
    feed = rounds_feed(ds, TODAY)
    assert feed == rounds_feed(ds, TODAY)  # the same bytes each build
    root = ET.fromstring(feed)
    entries = root.findall(f"{{{ATOM}}}entry")
    ids = [e.findtext(f"{{{ATOM}}}id") for e in entries]
    host = addresses.host(ds.organisation)
    assert f"tag:{host},2026:rounds/test-open" in ids and f"tag:{host},2026:rounds/test-past" in ids
    assert not any(i.endswith("rounds/test-soon") for i in ids)  # not yet open
    opened = entries[ids.index(f"tag:{host},2026:rounds/test-open")]
    assert opened.findtext(f"{{{ATOM}}}title") == "Test open round: open 1 November 2026 to 15 December 2026"
    assert opened.findtext(f"{{{ATOM}}}published") == "2026-11-01T00:00:00+00:00"
    assert opened.findtext(f"{{{ATOM}}}summary").endswith(
        "Grants of up to £10,000. Apply through Test Community Foundation by 15 December 2026.")
    # on its opening day the coming round joins the feed, latest opening first
    later = ET.fromstring(rounds_feed(ds, date(2027, 1, 10))).findall(f"{{{ATOM}}}entry")
    assert later[0].findtext(f"{{{ATOM}}}id") == f"tag:{host},2027:rounds/test-soon"


def unfolded_events(ics: bytes) -> list[list[str]]:
    lines = ics.decode("utf-8").replace("\r\n ", "").split("\r\n")
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return events


def test_the_calendar_carries_each_rounds_opening_and_closing(ds):
    ics = tender_calendar(ds)
    assert ics == tender_calendar(ds)
    assert all(len(line.encode("utf-8")) <= 75 for line in ics.decode("utf-8").split("\r\n"))
    events = {next(l for l in e if l.startswith("UID:")): e for e in unfolded_events(ics)}
    host = addresses.host(ds.organisation)
    opens, closes = events[f"UID:round-test-soon-opens@{host}"], events[f"UID:round-test-soon-closes@{host}"]
    assert "DTSTART;VALUE=DATE:20270110" in opens and "DTEND;VALUE=DATE:20270111" in opens
    assert "SUMMARY:Funding round opens: Test coming round" in opens
    assert "DTSTART;VALUE=DATE:20270228" in closes and "SUMMARY:Last day to apply: Test coming round" in closes
    assert "DESCRIPTION:Apply through Test Community Foundation: https://www.example.org/test-foundation" in closes
    assert f"URL:{addresses.absolute(ds.organisation, addresses.funding_round('test-soon').url)}" in closes
    assert any(uid.startswith("UID:") and "-submission@" in uid for uid in events)  # the tenders' deadlines stay


def test_the_editor_has_a_collection_for_rounds():
    (c,) = [c for c in cms.COLLECTIONS if c.name == "rounds"]
    assert c.path == "data/rounds" and c.page == "funding-rounds/{{slug}}/"
    config = cms.admin_files()["admin/config.yml"].decode("utf-8")
    assert "folder: data/rounds" in config


# --- the built site ------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("rounds-site"))
    config = project / "mkdocs.yml"  # lists of 2 rows: a round with more awards shows the newest 2
    config.write_text(config.read_text().replace("extra:\n", "extra:\n  rows_per_page: 2\n", 1))
    (project / "data" / "rounds").mkdir(exist_ok=True)
    for name, text in FILES.items():
        (project / "data" / name).write_text(text, encoding="utf-8")
    result = build(project)
    assert result.ok, result.output
    return result


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(html: str, heading_id: str) -> str:
    """The HTML from the h2 with this id to the next h2."""
    start = html.index(f'<h2 id="{heading_id}"')
    end = html.find("<h2", start + 1)
    return html[start:end if end != -1 else None]


def test_the_home_page_lists_open_and_coming_rounds(site):
    part = section(site.page(""), "funding-rounds")
    assert 'href="funding-rounds/test-open/"' in part and 'href="funding-rounds/test-soon/"' in part
    assert "test-past" not in part
    words = text_of(part)
    assert "Test open round : closes 15 December 2026 (in 17 days); grants of up to £10,000." in words
    assert "Test coming round : opens 10 January 2027 (in 43 days); grants of £500 to £10,000." in words
    assert words.index("Test open round") < words.index("Test coming round")  # open first
    assert 'href="funding-rounds/"' in part


def test_the_funding_rounds_page_groups_them_by_status(site):
    html = site.page("funding-rounds/")
    open_part, soon_part, past_part = (section(html, s) for s in ("open", "forthcoming", "closed"))
    assert "Open for applications" in open_part and "test-open/" in open_part and "test-soon/" not in open_part
    assert "Opening soon" in soon_part and "test-soon/" in soon_part
    assert "Past rounds" in past_part and "test-past/" in past_part and "test-open/" not in past_part
    assert html.index('id="open"') < html.index('id="forthcoming"') < html.index('id="closed"')
    assert "Open: closes 15 December 2026 (in 17 days)" in text_of(open_part)
    assert 'href="https://www.example.org/test-foundation"' in open_part  # where to apply
    assert "data/funding-rounds.atom" in html and "data/tender-deadlines.ics" in html
    # in the navigation of every page
    assert 'href="../funding-rounds/"' in site.page("awards/")


def test_a_rounds_page_lists_its_awards_and_the_award_links_back(site):
    html = site.page("funding-rounds/test-past/")
    words = text_of(html)
    assert "Test past round" in words and "Closed Applications closed on 30 April 2026" in words
    assert "Grants of £1" not in words and "Up to £10,000" in words
    assert "Decisions by 30 June 2026" in words
    assert 'href="../../awards/test-round-award/"' in html
    assert "1 award from this round, totalling £5,000." in words
    assert "Apply through" in words  # the partner's name and link stay, for the record
    award = site.page("awards/test-round-award/")
    assert 'href="../../funding-rounds/test-past/"' in award and "Funding round" in text_of(award)
    # an open round invites applications; no awards yet
    open_round = text_of(site.page("funding-rounds/test-open/"))
    assert "Apply through Test Community Foundation" in open_round
    assert "Awards are published here once they are made." in open_round


def test_a_round_with_more_awards_than_a_page_shows_the_newest(site):
    rounds = (site.project / "data" / "rounds").glob("*.yml")
    awards = [p for p in (site.project / "data" / "awards").glob("*.yml")]
    (busy, count), = [(r.stem, n) for r in rounds
                      if (n := sum(f"round: {r.stem}\n" in a.read_text(encoding="utf-8") for a in awards)) > 2][:1]
    html = site.page(f"funding-rounds/{busy}/")
    rows = re.findall(r'href="../../awards/([^/"]+)/"', section(html, "awards"))
    assert len(rows) == 2
    words = text_of(html)
    assert f"{count} awards from this round" in words and "This page shows the newest 2" in words
    assert 'href="../../data/awards.csv"' in html
    csv_rows = list(csv.DictReader(io.StringIO((site.site / "data" / "awards.csv").read_text(encoding="utf-8-sig"))))
    assert sum(r["round_id"] == busy for r in csv_rows) == count


def test_the_rounds_table_and_the_downloads(site):
    rows = list(csv.DictReader(io.StringIO((site.site / "data" / "funding-rounds.csv").read_text(encoding="utf-8-sig"))))
    ours = {r["id"]: r for r in rows if r["id"].startswith("test-")}
    assert {k: ours[k]["status"] for k in ours} == {"test-open": "open", "test-soon": "forthcoming", "test-past": "closed"}
    assert (ours["test-soon"]["minimum"], ours["test-soon"]["maximum"], ours["test-soon"]["opens"]) == ("500", "10000", "2027-01-10")
    feed = ET.fromstring((site.site / "data" / "funding-rounds.atom").read_bytes())
    assert any(e.findtext(f"{{{ATOM}}}id").endswith("rounds/test-open") for e in feed.findall(f"{{{ATOM}}}entry"))
    ics = (site.site / "data" / "tender-deadlines.ics").read_bytes()
    assert b"UID:round-test-open-closes@" in ics


def test_on_the_opening_day_a_coming_round_is_open(tmp_path):
    project = make_project(tmp_path)
    (project / "data" / "rounds").mkdir(exist_ok=True)
    (project / "data" / "rounds" / "test-soon.yml").write_text(FILES["rounds/test-soon.yml"], encoding="utf-8")
    from datetime import datetime
    opening = int(datetime.fromisoformat("2027-01-10T10:00:00+00:00").timestamp())
    result = build(project, epoch=opening)
    assert result.ok, result.output
    part = text_of(section(result.page(""), "funding-rounds"))
    assert "Test coming round : closes 28 February 2027 (in 49 days)" in part
