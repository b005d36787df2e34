"""A contract's life (issue 17): extensions taken, value by financial year, withdrawn awards and
cancelled tenders, through the budgets, figures, pages and exports.

A scratch copy of the tests' office gets a fund of its own (`life-fund`, £100,000 a year for
2025/26 to 2027/28) and a few crafted awards, so the figures are known exactly:

- `life-split`: a £90,000 three-year contract made in 2025/26, £30,000 from each year's budget;
- `life-extended`: a £20,000 one-year contract made in 2025/26 (from 1 May 2025), extended by a
  year agreed on 1 March 2026 for £15,000, which counts in 2026/27 (the extension starts 1 May 2026);
- `life-counted`: a £1,000 grant in 2026/27 to the same group as
- `life-withdrawn`: a £7,000 grant in 2026/27, withdrawn; and `life-withdrawn-contract`, £5,000, withdrawn.

So life-fund pays £50,000 in 2025/26 (awards made: £110,000), £46,000 in 2026/27 (£45,000 of it
from awards made in 2025/26) and £30,000 in 2027/28 (all from earlier years).
"""
from __future__ import annotations

from xml.etree import ElementTree

import csv
import io
import json
import re
from dataclasses import replace
from datetime import datetime, timezone
from decimal import Decimal

import pytest

from conftest import build, copy_data, make_project
from schemacheck import ocds_code_errors, ocds_errors
from staffdata import TENDER, TODAY
from transparency import figures
from transparency.exports.ocds import release_package_json
from transparency.rules import check_budgets, load_checked

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)

FUND = """\
name: Life fund
summary: A fund used by the lifecycle tests.
legal_basis: The community safety budget.
status: open
route: commissioned
budgets:
  2025/26: 100000
  2026/27: 100000
  2027/28: 100000
"""


def contract(title: str, amount: int, award_date: str, start: str, years: int, extra: str = "", status: str = "active") -> str:
    return f"""\
title: {title}
kind: contract
fund: life-fund
recipient:
  name: Life Provider {title}
  company_number: LF{sum(map(ord, title)):06d}
amount: {amount}
award_date: {award_date}
description: A service used by the lifecycle tests, {title}.
procurement_route: competitive-tender
status: {status}
term:
  start: {start}
  initial_years: {years}
  extensions: [1]
  break_clause: Either party may end it with 6 months' notice.
{extra}"""


def grant(title: str, amount: int, status: str = "active", extra: str = "") -> str:
    return f"""\
title: {title}
kind: grant
fund: life-fund
recipient:
  name: Life Youth Group
  charity_number: "9000077"
amount: {amount}
award_date: 2026-06-01
description: Sessions used by the lifecycle tests, {title}.
procurement_route: grant-application
status: {status}
purpose: Diversionary activities for young people.
conditions: Report every six months.
{extra}"""


WITHDRAWN_NOTE = "status_date: 2026-10-01\nstatus_note: Recorded in error, as the group withdrew before it started.\n"
FILES = {
    "funds/life-fund.yml": FUND,
    "awards/life-split.yml": contract("Life split", 90000, "2025-05-01", "2025-06-01", 3,
                                      "amount_by_year:\n  2025/26: 30000\n  2026/27: 30000\n  2027/28: 30000\n"),
    "awards/life-extended.yml": contract("Life extended", 20000, "2025-04-10", "2025-05-01", 1,
                                         "extensions_taken:\n  - agreed: 2026-03-01\n    years: 1\n    value: 15000\n"),
    "awards/life-counted.yml": grant("Life counted", 1000),
    "awards/life-withdrawn.yml": grant("Life withdrawn", 7000, "withdrawn", WITHDRAWN_NOTE),
    "awards/life-withdrawn-contract.yml": contract("Life withdrawn contract", 5000, "2026-06-10", "2026-07-01", 2,
                                                   WITHDRAWN_NOTE + "tender: life-tender\n", status="withdrawn"),
    "tenders/life-tender.yml": TENDER.replace("fund: victims-services-grant", "fund: life-fund")
    .replace("2026-11-02 09:00", "2026-03-02 09:00").replace("2027-01-08 12:00", "2026-04-08 12:00")
    .replace("2027-01-22 12:00", "2026-04-22 12:00") + "awarded: [life-withdrawn-contract]\n",
}
CANCELLED = "cancelled:\n  date: 2026-11-20\n  reason: No bid met the minimum quality score, so the service will be tendered again.\n"


def write(data, files):
    for rel, text in files.items():
        (data / rel).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def life(tmp_path_factory):
    """The scratch data, loaded and checked, and its figures."""
    data = copy_data(tmp_path_factory.mktemp("life"))
    write(data, FILES)
    ds, problems = load_checked(data, TODAY)
    assert [p for p in problems if p.severity == "error"] == []
    return data, ds, figures.compute(ds)


@pytest.fixture(scope="module")
def base_figures(tmp_path_factory):
    """The tests' office as it is, to compare totals with."""
    ds, _ = load_checked(copy_data(tmp_path_factory.mktemp("base")), TODAY)
    return figures.compute(ds)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("life-site"))
    write(project / "data", FILES)
    tender = next((project / "data" / "tenders").glob("restorative-justice-service-2027.yml"))
    tender.write_text(tender.read_text(encoding="utf-8") + CANCELLED, encoding="utf-8")
    result = build(project)
    assert result.ok, result.output
    return result


def page(site, url: str) -> str:
    return " ".join((site.site / url / "index.html").read_text(encoding="utf-8").split())


# --- budgets and figures ----------------------------------------------------------


def test_a_multi_year_contract_counts_in_each_year_it_is_split_across(life):
    _, _, fig = life
    years = fig.by_fund_year["life-fund"]
    assert {y: (v.awarded, v.from_earlier_years) for y, v in years.items()} == {
        "2025/26": (Decimal(50000), Decimal(0)),
        "2026/27": (Decimal(46000), Decimal(45000)),  # £30,000 of the split and the £15,000 extension
        "2027/28": (Decimal(30000), Decimal(30000)),
    }
    assert years["2025/26"].made == Decimal(110000)  # the year's list: the awards made in it, in full
    assert [a.id for a in years["2027/28"].awards] == []
    assert years["2026/27"].remaining == Decimal(54000)


def test_split_years_keep_a_budget_that_the_whole_amount_would_break(life):
    data, ds, _ = life
    fund = ds.funds["life-fund"]
    tight = {fy: Decimal(60000) for fy in fund.budgets}
    squeezed = replace(ds, funds={**ds.funds, "life-fund": replace(fund, budgets=tight)})
    assert [p for p in check_budgets(squeezed) if "life-fund" in p.path] == []
    unsplit = replace(ds.awards["life-split"], amount_by_year={})
    whole = replace(squeezed, awards={**ds.awards, "life-split": unsplit})
    assert [p.message.split(":")[0] for p in check_budgets(whole) if "life-fund" in p.path] == [
        "awards in 2025/26 add up to £110,000, £50,000 more than the budget of £60,000"]


def test_an_extension_counts_in_the_year_it_starts(life):
    _, ds, _ = life
    assert ds.awards["life-extended"].money_by_year == {"2025/26": Decimal(20000), "2026/27": Decimal(15000)}


def test_withdrawn_awards_leave_every_figure_and_list(life, base_figures):
    _, ds, fig = life
    gone = {"life-withdrawn", "life-withdrawn-contract"}
    assert [a.id for a in fig.not_counted] == ["life-withdrawn-contract", "life-withdrawn"]
    assert gone.isdisjoint(a.id for a in fig.newest)
    assert gone.isdisjoint(a.id for a in fig.by_fund["life-fund"])
    assert gone.isdisjoint(a.id for y in fig.by_year.values() for a in y.awards)
    assert fig.by_year["2026/27"].awarded == base_figures.by_year["2026/27"].awarded + 46000
    assert fig.by_year["2026/27"].count == base_figures.by_year["2026/27"].count + 1
    group = next(r for r in fig.by_recipient.values() if r.name == "Life Youth Group")
    assert (group.total, group.count) == (Decimal(1000), 1)


# --- the built site ------------------------------------------------------------------


def test_fund_and_statistics_pages_show_the_split_and_say_where_money_comes_from(site):
    fund = page(site, "funding/life-fund")
    for year, budget, awarded, remaining in [("2025/26", "£100,000", "£50,000", "£50,000"),
                                             ("2026/27", "£100,000", "£46,000", "£54,000"),
                                             ("2027/28", "£100,000", "£30,000", "£70,000")]:
        assert re.search(rf">{re.escape(year)}</th>.*?>{budget}</td>.*?>{awarded}</td>.*?>{remaining}</td>", fund), year
    assert "2026/27's awarded figure includes £45,000 from awards made in earlier years" in fund
    assert "2027/28's awarded figure includes £30,000 from awards made in earlier years" in fund
    assert "Of which from awards made in earlier years</th><td class=\"num\">£45,000" in fund
    stats = page(site, "funding/statistics")
    assert "from awards made in earlier years" in stats


def test_the_home_page_total_leaves_out_the_withdrawn_awards(site, base_figures):
    home = page(site, "")
    expected = base_figures.by_year["2026/27"].awarded + 46000
    assert f"<strong>£{expected:,}</strong> has been awarded" in home
    assert f"{base_figures.by_year['2026/27'].count + 1} award" in home


def test_withdrawn_awards_leave_the_lists_and_are_listed_with_their_reasons(site):
    year_list = page(site, "funding/life-fund/2026-27")
    assert "Life counted" in year_list and "Life withdrawn" not in year_list
    assert "1 of 1 award shown, totalling £1,000" in year_list
    assert "Life withdrawn" not in page(site, "awards")
    listing = page(site, "registers/withdrawn-and-cancelled")
    assert "Life withdrawn contract" in listing and "Recorded in error, as the group withdrew before it started." in listing
    assert "Withdrawn on 1 October 2026" in listing
    assert "No bid met the minimum quality score" in listing
    assert "registers/withdrawn-and-cancelled/" in page(site, "awards")
    assert "registers/withdrawn-and-cancelled/" in page(site, "tenders")
    award = page(site, "awards/life-withdrawn")
    assert "<strong>Withdrawn on 1 October 2026.</strong> Recorded in error" in award
    assert "not counted in any total" in award


def test_the_recipient_page_counts_only_what_stands(site):
    folder = next(p.parent for p in (site.site / "recipients").glob("*/index.html")
                  if "Life Youth Group</h1>" in p.read_text(encoding="utf-8"))
    text = " ".join((folder / "index.html").read_text(encoding="utf-8").split())
    assert "We have made 1 award to Life Youth Group, <strong>£1,000</strong> in total" in text


def test_the_award_page_shows_the_extension_and_the_ends(site):
    text = page(site, "awards/life-extended")
    assert "Extensions taken" in text and "1 March 2026" in text and "30 April 2027" in text
    assert "<dt>Ends</dt><dd>30 April 2027 (extended by 1 year)</dd>" in text
    assert "<dt>Value with extensions</dt><dd>£35,000</dd>" in text
    split = page(site, "awards/life-split")
    assert "Money by financial year" in split and "2027/28" in split
    assert "<dt>Ends</dt>" not in split  # with no extension taken, the term's line says when it ends
    register = page(site, "registers/contracts")
    assert "30 April 2027 (extended by 1 year)</td>" in register
    assert "31 May 2028 (or 31 May 2029 if extended)</td>" in register


def test_a_tender_page_lists_its_withdrawn_award_apart(site):
    text = page(site, "tenders/life-tender")
    withdrawn = text.split('id="withdrawn"')[1]
    assert "Life withdrawn contract</a>" in withdrawn
    assert "Withdrawn on 1 October 2026: Recorded in error" in withdrawn
    assert 'id="awards"' not in text  # nothing stands under "Awarded to"


def test_the_cancelled_tender_shows_its_reason_under_cancelled(site):
    tenders = page(site, "tenders")
    cancelled = tenders.split('id="cancelled"')[1]
    assert "restorative-justice-service-2027/" in cancelled
    assert "Cancelled on 20 November 2026.</strong> No bid met" in page(site, "tenders/restorative-justice-service-2027")


def test_awards_csv_adds_up_to_the_site_totals(site, life):
    _, _, fig = life
    rows = list(csv.DictReader(io.StringIO((site.site / "data" / "awards.csv").read_text(encoding="utf-8-sig"))))
    assert {"life-withdrawn", "life-withdrawn-contract"}.isdisjoint(r["id"] for r in rows)
    assert sum(Decimal(r["amount"]) for r in rows) == sum(y.made for y in fig.by_year.values())
    contracts = {r["id"]: r for r in csv.DictReader(io.StringIO(
        (site.site / "data" / "contracts.csv").read_text(encoding="utf-8-sig")))}
    assert contracts["life-extended"]["current_end"] == "2027-04-30"
    grants = json.loads((site.site / "data" / "360giving.json").read_text(encoding="utf-8"))["grants"]
    assert not any(g["id"].endswith("-life-withdrawn") for g in grants)


# --- OCDS ------------------------------------------------------------------------------


def test_ocds_amendments_period_and_cancellations(site):
    package = json.loads((site.site / "data" / "ocds.json").read_text(encoding="utf-8"), parse_float=Decimal)
    assert ocds_errors(json.loads((site.site / "data" / "ocds.json").read_text(encoding="utf-8"))) == []
    assert ocds_code_errors(package) == []
    by_ocid = {r["ocid"]: r for r in package["releases"]}
    extended = next(r for o, r in by_ocid.items() if o.endswith("-life-extended"))
    c = extended["contracts"][0]
    assert c["period"]["endDate"].startswith("2027-04-30T") and c["period"]["maxExtentDate"].startswith("2027-04-30T")
    assert c["value"]["amount"] == Decimal(35000)
    assert [(a["id"], a["date"][:10]) for a in c["amendments"]] == [("extension-1", "2026-03-01")]
    assert "to 30 April 2027" in c["amendments"][0]["description"]
    assert "contractAmendment" in extended["tag"]
    split = next(r for o, r in by_ocid.items() if o.endswith("-life-split"))["contracts"][0]
    assert split["period"]["endDate"].startswith("2028-05-31T") and split["period"]["maxExtentDate"].startswith("2029-05-31T")
    withdrawn = next(r for o, r in by_ocid.items() if o.endswith("-life-tender"))
    assert (withdrawn["awards"][0]["status"], withdrawn["contracts"][0]["status"]) == ("cancelled", "cancelled")
    assert "awardCancellation" in withdrawn["tag"]
    tender = next(r for o, r in by_ocid.items() if o.endswith("-restorative-justice-service-2027"))
    assert tender["tender"]["status"] == "cancelled" and "tenderCancellation" in tender["tag"]
    assert "No bid met the minimum quality score" in tender["tender"]["description"]


def test_the_awards_feed_says_an_award_was_withdrawn(site):
    feed = ElementTree.parse(site.site / "data" / "awards.atom").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = {e.findtext("a:title", namespaces=ns): e.findtext("a:summary", namespaces=ns)
              for e in feed.findall("a:entry", ns)}
    assert "Withdrawn: Life withdrawn (£7,000 to Life Youth Group)" in titles
    assert titles["Withdrawn: Life withdrawn (£7,000 to Life Youth Group)"].startswith(
        "Recorded in error, as the group withdrew before it started.")
    assert not any(t.startswith("Life withdrawn:") for t in titles)
