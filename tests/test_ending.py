"""Contracts ending (commissioning intentions), issue 17: the page, its CSV, Atom feed and
iCalendar file. Counted, active awards whose term as it stands or last possible end falls
in the next 18 months from the build date (28 November 2026 in tests: up to 28 May 2028)."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from conftest import build, make_project
from staffdata import CONTRACT, TODAY, dataset, edit
from transparency import due
from transparency.exports.calendar import contracts_ending_calendar
from transparency.exports.feeds import ATOM, contracts_ending_feed


def contract(start: str, years: int, extensions: str = "[]", extra: str = "", amount: int = 1000) -> str:
    """A contract from `start` for `years` years: its first period ends the day before the anniversary."""
    text = edit(edit(edit(CONTRACT, "start: 2026-06-01", f"start: {start}"), "initial_years: 3",
                     f"initial_years: {years}"), "extensions: [1]", f"extensions: {extensions}")
    text = edit(text, "award_date: 2026-05-01", "award_date: 2025-04-01")
    return edit(text, "amount: 1000", f"amount: {amount}") + extra


FILES = {
    # ends 28 May 2028: the last day of the 18 months, so listed
    "awards/test-edge.yml": contract("2025-05-29", 3, amount=1001),
    # ends 29 May 2028: a day too late
    "awards/test-too-late.yml": contract("2025-05-30", 3, amount=1002),
    # ends 31 March 2027 and could run to 31 March 2028, with an intention
    "awards/test-soon.yml": contract("2025-04-01", 2, "[1]", amount=1003, extra=(
        "intention:\n  decision: re-tender\n  note: A new tender in spring 2027.\n")),
    # ended, so not listed
    "awards/test-ended.yml": edit(contract("2025-05-01", 2, amount=1005), "status: active",
                                  "status: ended"),
}


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    return dataset(tmp_path_factory.mktemp("ending"), FILES)


def ours(endings):
    return [e for e in endings if e.award.id.startswith("test-")]


def test_the_rows_and_the_18_month_edge(ds):
    rows = ours(due.ending(ds, TODAY))
    assert [e.award.id for e in rows] == ["test-soon", "test-edge"]  # soonest first
    soon = rows[0]
    assert (soon.ends, soon.could_run_to, soon.extensions_left) == (date(2027, 3, 31), date(2028, 3, 31), (1,))
    assert (soon.decision, soon.decision_words, soon.note) == ("re-tender", "Re-tender", "A new tender in spring 2027.")
    edge = rows[1]
    assert (edge.ends, edge.decision_words, edge.note, edge.extensions_left) == (
        date(2028, 5, 28), "Not yet decided", None, ())
    # a day later the edge is still in, and the day after its end it is gone
    assert "test-too-late" in [e.award.id for e in due.ending(ds, date(2026, 11, 29))]
    assert "test-edge" not in [e.award.id for e in due.ending(ds, date(2028, 5, 29))]


def test_an_extension_taken_moves_the_end(tmp_path):
    # value 0: an extension that adds nothing needs no budget in the year it starts (2027/28)
    taken = FILES["awards/test-soon.yml"] + "extensions_taken:\n  - agreed: 2026-09-01\n    years: 1\n    value: 0\n"
    ds = dataset(tmp_path, {"awards/test-soon.yml": taken})
    row = ours(due.ending(ds, TODAY))[0]
    assert (row.ends, row.could_run_to, row.extensions_left) == (date(2028, 3, 31), date(2028, 3, 31), ())
    assert row.decide_by is None


def test_the_feed_is_atom_with_stable_ids(ds):
    endings = due.ending(ds, TODAY)
    feed = contracts_ending_feed(ds, endings)
    assert feed == contracts_ending_feed(ds, due.ending(ds, TODAY))  # the same bytes each build
    root = ET.fromstring(feed)
    assert root.tag == f"{{{ATOM}}}feed"
    entries = root.findall(f"{{{ATOM}}}entry")
    assert len(entries) == len(endings)
    ids = [e.findtext(f"{{{ATOM}}}id") for e in entries]
    assert len(set(ids)) == len(ids)
    host = root.findtext(f"{{{ATOM}}}id").split(",")[0]
    assert f"{host},2025:contracts-ending/test-soon" in ids
    soon = entries[ids.index(f"{host},2025:contracts-ending/test-soon")]
    assert soon.findtext(f"{{{ATOM}}}title") == "Test advocacy service (Test Provider): ends 31 March 2027"
    assert soon.findtext(f"{{{ATOM}}}summary").endswith(
        "It could run to 31 March 2028 if extended. What we intend: Re-tender. A new tender in spring 2027.")
    assert soon.findtext(f"{{{ATOM}}}updated") == "2025-04-01T00:00:00+01:00"  # from the data, not the clock


def test_the_calendar_follows_rfc_5545(ds):
    endings = due.ending(ds, TODAY)
    ics = contracts_ending_calendar(ds, endings)
    assert ics == contracts_ending_calendar(ds, due.ending(ds, TODAY))
    text = ics.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR" and "VERSION:2.0" in lines
    unfolded = text.replace("\r\n ", "").split("\r\n")
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT")
    uids = [line for line in unfolded if line.startswith("UID:")]
    assert len(uids) == len(set(uids))
    event = unfolded[unfolded.index(next(u for u in uids if "test-soon-ends" in u)) - 1:]
    event = event[:event.index("END:VEVENT") + 1]
    assert "DTSTART;VALUE=DATE:20270331" in event and "DTEND;VALUE=DATE:20270401" in event
    assert "DTSTAMP:20250401T000000Z" in event
    assert "SUMMARY:Contract ends: Test advocacy service (Test Provider)" in event
    assert "DESCRIPTION:What we intend: Re-tender. A new tender in spring 2027." in event
    # the last possible end is a second event; a contract with no extension left has only one
    assert any("test-soon-last-possible-end" in u for u in uids)
    assert not any("test-edge-last-possible-end" in u for u in uids)


# --- the built page and its downloads --------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("ending-site"))
    for name, text in FILES.items():
        (project / "data" / name).write_text(text, encoding="utf-8")
    result = build(project)
    assert result.ok, result.output
    return result


def test_the_page_lists_the_rows_soonest_first(site):
    html = site.page("registers/contracts-ending/")
    table = html.split('id="contracts-ending"')[1].split("</table>")[0]
    for id in ("test-soon", "test-edge"):
        assert f"awards/{id}/" in table
    assert "test-too-late" not in table and "test-ended" not in table
    assert table.index("awards/test-soon/") < table.index("awards/test-edge/")
    soon = table.split("awards/test-soon/")[1].split("</tr>")[0]
    assert '<td data-label="Ends" class="nowrap">31 March 2027</td>' in soon
    assert '<td data-label="Could run to" class="nowrap">31 March 2028</td>' in soon
    assert "An optional 1-year extension" in soon
    assert "<strong>Re-tender</strong>: A new tender in spring 2027." in soon
    assert "<strong>Not yet decided</strong>" in table.split("awards/test-edge/")[1].split("</tr>")[0]


def test_the_page_is_in_the_navigation_and_search(site):
    home = site.page("")
    assert 'href="registers/contracts-ending/"' in home
    index = (site.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"registers/contracts-ending/"' in index.replace(" ", "")


def test_the_downloads_are_listed_on_the_page_and_the_catalogue(site):
    html = site.page("registers/contracts-ending/")
    for name in ("contracts-ending.csv", "contracts-ending.atom", "contracts-ending.ics"):
        assert f'href="../../data/{name}"' in html
        assert (site.site / "data" / name).is_file()
        assert f"data/{name}" in site.page("open-data/")
    rows = list(csv.DictReader(io.StringIO((site.site / "data/contracts-ending.csv").read_text(encoding="utf-8-sig"))))
    soon = next(r for r in rows if r["id"] == "test-soon")
    assert (soon["ends"], soon["could_run_to"], soon["extensions_left_years"], soon["intention"]) == (
        "2027-03-31", "2028-03-31", "1", "re-tender")
    assert [r["id"] for r in rows if r["id"].startswith("test-")] == ["test-soon", "test-edge"]
