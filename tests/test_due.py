"""Outcome reports due and overdue, and the staff due list (`opcc-site due`), issue 17.

An active award's next report is overdue when it has not arrived more than the office's
`outcome_report_grace_days` after its six months ended; the site says so on the award's
page, counts it on the outcome reports page, the home page and the contracts register,
and `opcc-site due` lists it with the file to open.
"""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from conftest import ROOT, build, make_project
from staffdata import CONTRACT, TENDER, TODAY, dataset, edit
from transparency import due
from transparency.cli import due as due_command, due_text

# A contract from 1 April 2026: its first six months end 30 September 2026, so with the
# default 30 days' grace its report is due by 30 October 2026, and overdue on the tests'
# build date (28 November 2026).
LATE = edit(edit(CONTRACT, "start: 2026-06-01", "start: 2026-04-01"), "award_date: 2026-05-01", "award_date: 2026-03-01")
# From 1 June 2026: the six months to 30 November 2026, due by 30 December 2026.
ON_TIME = CONTRACT
WITHDRAWN = edit(edit(edit(LATE, "status: active", "status: withdrawn"), "title: Test advocacy service",
                      "title: Test withdrawn service\nstatus_note: Entered in error, as the contract was never signed."),
                 "amount: 1000", "amount: 2000")


def _reports(ds, today):
    return {r.award.id: r for r in due.reports(ds, today) if r.award.id.startswith("test-")}


def test_a_report_is_overdue_the_day_after_the_grace_period(tmp_path):
    ds = dataset(tmp_path, {"awards/test-on-time.yml": ON_TIME})
    on_time = _reports(ds, date(2026, 12, 30))["test-on-time"]
    assert (on_time.period_end, on_time.due_by, on_time.overdue) == (date(2026, 11, 30), date(2026, 12, 30), False)
    assert _reports(ds, date(2026, 12, 31))["test-on-time"].overdue
    award = ds.awards["test-on-time"]
    assert award.report_overdue(date(2026, 12, 30), 30) is None
    assert award.report_overdue(date(2026, 12, 31), 30) == date(2026, 11, 30)


def test_the_grace_period_is_the_offices(tmp_path):
    org = (ROOT / "tests/fixtures/office/data/organisation.yml").read_text(encoding="utf-8")
    ds = dataset(tmp_path, {"awards/test-on-time.yml": ON_TIME,
                            "organisation.yml": org + "outcome_report_grace_days: 0\n"})
    assert not _reports(ds, date(2026, 11, 30))["test-on-time"].overdue
    assert _reports(ds, date(2026, 12, 1))["test-on-time"].overdue
    assert _reports(ds, date(2026, 12, 1))["test-on-time"].due_by == date(2026, 11, 30)


def test_a_report_received_is_no_longer_due(tmp_path):
    received = LATE + ("outcome_reports:\n  - period_end: 2026-09-30\n    received: 2026-11-20\n"
                       "    activity: Advocacy for victims.\n")
    ds = dataset(tmp_path, {"awards/test-late.yml": received})
    r = _reports(ds, TODAY)["test-late"]
    assert (r.period_end, r.overdue) == (date(2027, 3, 31), False)


def test_withdrawn_awards_are_never_listed_and_overdue_comes_first(tmp_path):
    ds = dataset(tmp_path, {"awards/test-late.yml": LATE, "awards/test-on-time.yml": ON_TIME,
                            "awards/test-withdrawn.yml": WITHDRAWN})
    listed = [r.award.id for r in due.reports(ds, TODAY)]
    assert "test-withdrawn" not in listed
    assert listed[0] == "test-late"  # the fixture office has none overdue on 28 November 2026
    assert due.overdue_count(ds, TODAY) == 1
    assert _reports(ds, TODAY)["test-late"].file == "data/awards/test-late.yml"


# --- the due list ----------------------------------------------------------------

# A contract ending 31 March 2027 with its one-year extension still to take: decide by 30 September 2026.
ENDING = edit(edit(edit(CONTRACT, "start: 2026-06-01", "start: 2025-04-01"), "award_date: 2026-05-01",
                   "award_date: 2025-04-01"), "initial_years: 3", "initial_years: 2")
ENDING = ENDING + ("intention:\n  decision: extend\n  note: Subject to the budget.\n"
                   "outcome_reports:\n  - period_end: 2026-09-30\n    received: 2026-10-10\n    activity: Advocacy.\n")
# A contract over the notifiable £30,000, awarded a week ago, with no contract details notice
# (UK7) recorded yet: due, not overdue (overdue, the build would warn).
NO_NOTICE = edit(edit(edit(CONTRACT, "amount: 1000", "amount: 45000"), "title: Test advocacy service",
                      "title: Test notifiable service"), "award_date: 2026-05-01", "award_date: 2026-11-20")
# A tender whose questions close this month (November 2026) and bids in December.
CLOSING = edit(edit(TENDER, "clarification_deadline: 2027-01-08 12:00", "clarification_deadline: 2026-11-30 12:00"),
               "submission_deadline: 2027-01-22 12:00", "submission_deadline: 2026-12-14 12:00")


def test_the_due_list_on_crafted_data(tmp_path):
    ds = dataset(tmp_path, {"awards/test-late.yml": LATE, "awards/test-ending.yml": ENDING,
                            "tenders/test-closing.yml": CLOSING, "awards/test-no-notice.yml": NO_NOTICE})
    listing = due.due_list(ds, TODAY)
    sections = {s.title: s.lines for s in listing.sections}
    reports = sections["Outcome reports overdue, and due in the next 30 days"]
    assert reports[0] == due.Line(
        "OVERDUE: Test advocacy service (Test Provider): the report for the six months to 30 September 2026 "
        "was due by 30 October 2026", "data/awards/test-late.yml")
    ending = [line for line in sections["Contracts ending in the next 6 months"] if "test-" in line.file]
    assert ending == [due.Line("Ends 31 March 2027: Test advocacy service (Test Provider, £1,000). Could run to "
                               "31 March 2028. Intention: Extend (Subject to the budget.)", "data/awards/test-ending.yml")]
    decisions = sections["Extension decisions to make (at the latest 6 months before the end)"]
    assert decisions == [due.Line("Decide by 30 September 2026 (that date has passed: decide now): extend Test "
                                  "advocacy service (Test Provider) by 1 year? It ends 31 March 2027 as it stands. "
                                  "Intention: Extend", "data/awards/test-ending.yml")]
    owed = [line for line in sections[due.NOTICES_OWED] if "test-" in line.file]
    assert owed == [due.Line(
        "Due by 20 December 2026: contract details notice (UK7) for Test notifiable service: a contract of "
        "£60,000 is below the Procurement Act threshold but notifiable (£30,000 or more)", "data/awards/test-no-notice.yml")]
    assert sections["Tenders with a deadline in November 2026"] == [
        due.Line("Questions close 30 November 2026 12:00: Test tender (TEST-001)", "data/tenders/test-closing.yml")]
    # next month the questions' deadline is gone and the bids' deadline is listed
    december = {s.title: s.lines for s in due.due_list(ds, date(2026, 12, 1)).sections}
    assert [line.text for line in december["Tenders with a deadline in December 2026"]] == [
        "Bids close 14 December 2026 12:00: Test tender (TEST-001)"]


def test_an_extension_decision_is_listed_from_six_months_before_its_date(tmp_path):
    ds = dataset(tmp_path, {"awards/test-ending.yml": ENDING})
    # decide by 30 September 2026: listed from 30 March 2026, not on 29 March
    def listed(today):
        return [e.award.id for e in due.decisions(ds, today) if e.award.id.startswith("test-")]
    assert listed(date(2026, 3, 30)) == ["test-ending"]
    assert listed(date(2026, 3, 29)) == []
    # once the term has ended there is nothing left to decide
    assert listed(date(2027, 4, 1)) == []


def test_the_command_prints_none_and_exits_0(tmp_path, capsys):
    from conftest import copy_data
    data = copy_data(tmp_path / "copy")
    assert due_command(data, today=TODAY) == 0
    out = capsys.readouterr().out
    assert out.startswith("What is due on 28 November 2026\n")
    assert f"{due.NOTICES_OWED}:\n  none\n" in out
    assert "Tenders with a deadline in November 2026:\n  none\n" in out


def test_the_command_names_each_file_and_writes_html(tmp_path, capsys):
    from conftest import copy_data
    data = copy_data(tmp_path)
    (data / "awards/test-late.yml").write_text(LATE, encoding="utf-8")
    page = tmp_path / "due.html"
    assert due_command(data, page, today=TODAY) == 0
    out = capsys.readouterr().out
    assert ("  - OVERDUE: Test advocacy service (Test Provider): the report for the six months to 30 September 2026 "
            "was due by 30 October 2026\n    data/awards/test-late.yml\n") in out
    html = page.read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "<h1>What is due on 28 November 2026</h1>" in html
    assert "<code>data/awards/test-late.yml</code>" in html
    assert 'name="robots" content="noindex, nofollow"' in html
    assert "md-header" not in html  # no site chrome: it is never published
    assert html.count("<h2>") == 5


def test_due_text_says_none_for_an_empty_section():
    listing = due.DueList(TODAY, [due.Section("Things", [])])
    assert due_text(listing) == "What is due on 28 November 2026\n\nThings:\n  none\n"


def test_python_m_transparency_due_runs(tmp_path):
    from conftest import copy_data
    data = copy_data(tmp_path)
    result = subprocess.run([sys.executable, "-m", "transparency", "due", "--data", str(data)],
                            capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": "1796000000",
                                                                 "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("What is due on 30 November 2026")


def test_broken_data_says_to_validate(tmp_path, capsys):
    from conftest import copy_data
    data = copy_data(tmp_path)
    (data / "awards/test-broken.yml").write_text("title: [\n", encoding="utf-8")
    assert due_command(data, today=TODAY) == 1
    assert "run `opcc-site validate`" in capsys.readouterr().err


# --- the count on the pages ------------------------------------------------------


@pytest.fixture(scope="module")
def late_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("late"))
    (project / "data/awards/test-late.yml").write_text(LATE, encoding="utf-8")
    # (a withdrawn contract is not in this build: the OCDS export has no status for it yet, helper A's part;
    # test_withdrawn_awards_are_never_listed_and_overdue_comes_first covers the list)
    result = build(project)
    assert result.ok, result.output
    return result


def test_the_award_page_says_plainly_that_the_report_is_overdue(late_site):
    html = late_site.page("awards/test-late/")
    assert ("<strong>Overdue:</strong> the report for the six months to 30 September 2026 was due by "
            "30 October 2026.") in html
    on_time = late_site.page("awards/modern-slavery-victim-navigators-2026/")
    assert "Overdue" not in on_time
    assert "Next report: for the six months to <strong>31 December 2026</strong>, due by 30 January 2027." in on_time


def test_the_outcome_reports_page_counts_the_overdue(late_site):
    html = late_site.page("registers/outcome-reports/")
    assert "<strong>1 outcome report overdue.</strong>" in html
    overdue = html.split('id="overdue-reports"')[1].split("</table>")[0]
    assert "awards/test-late/" in overdue and "30 October 2026" in overdue
    assert 'href="../outcome-reports/"' in late_site.page("registers/contracts-ending/")  # in the nav


def test_the_home_page_and_the_contracts_register_count_them(late_site):
    home = late_site.page("")
    assert '<strong>1 outcome report is overdue.</strong> <a href="registers/outcome-reports/">' in home
    register = late_site.page("registers/contracts/")
    assert "<strong>1 contract has an outcome report overdue:</strong>" in register


def test_a_build_that_lets_go_of_the_line_numbers_still_names_each_record_file(tmp_path):
    """The hook calls Dataset.forget_lines once the checks have passed (issue 20: a line map per
    record was about 100 MB at 100,000 awards): the due lists still link each record's file."""
    ds = dataset(tmp_path, {})
    before = [(r.award.id, r.file) for r in due.reports(ds, TODAY)]
    award = next(iter(ds.awards))
    assert ds.where_of("awards", award).line("amount") > 0
    ds.forget_lines()
    assert ds.where_of("awards", award).line("amount") == 0
    assert before and [(r.award.id, r.file) for r in due.reports(ds, TODAY)] == before
    assert all(file.startswith("data/awards/") for _, file in before)
