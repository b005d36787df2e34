"""The strategy's promises, measured from the data (issue 18): promises.py and how-we-commission/.

An office of crafted records (the fixture office's organisation, scoring and funds, and
awards and tenders written here, each chosen for the figure it makes) is built once with
the real MkDocs build. Each promise has a test: its figure computed by promises.measure,
the same figure on the promises page, and its year's evidence page linking exactly the
records behind it. What the build refuses (a contract with no break clause, a wrong
sign-off) is measured on the read data changed in memory, as a later rule change or a
`validate` ignored would leave it. A promise whose field no record has says so instead of
a figure; fewer than FEWEST_FOR_PERCENT records give counts, never a percentage.
"""
from __future__ import annotations

import dataclasses
import html
import re
import shutil
from datetime import date
from decimal import Decimal

import pytest

from conftest import FIXTURE, build, make_project
from staffdata import TODAY, data_folder
from transparency import addresses, promises
from transparency.problems import errors
from transparency.rules import load_checked

CURRENT, EARLIER = "2026/27", "2025/26"


def contract(title: str, *, amount: int = 1000, award_date: str = "2026-05-01", start: str = "2026-06-01",
             recipient: str = "", extra: str = "", route: str = "competitive-tender") -> str:
    return f"""\
title: {title}
kind: contract
fund: victims-services-grant
recipient:
  name: {title} provider
  charity_number: "{9000000 + sum(map(ord, title)) % 99999}"
{recipient}amount: {amount}
award_date: {award_date}
description: The {title.lower()} service, for the tests.
procurement_route: {route}
status: active
term:
  start: {start}
  initial_years: 3
  extensions: [1]
  break_clause: Either party may end it with 6 months' notice.
{extra}"""


def who(sector: str | None, based: str | None) -> str:
    return "".join(f"  {k}: {v}\n" for k, v in (("sector", sector), ("based", based)) if v)


PILOT = "coverage:\n  area: Fenland\n  reason: pilot\n  explanation: A proof of concept in one district first.\n"
LOCAL = "coverage:\n  area: Peterborough\n  reason: local-need\n  explanation: A need found only in Peterborough.\n"
# six awards in 2026/27: enough records (5) for percentages where all six say
AWARDS = {
    "a1": contract("Alder", amount=10000, recipient=who("charity", "local"), extra="focus: prevention\n"),
    "a2": contract("Birch", amount=5000, recipient=who("community-group", "local"), route="co-commissioned",
                   extra="focus: early-intervention\nco_commissioners:\n  - name: Test County Council\n"
                         "    contribution: 3000\n"),
    "a3": contract("Cedar", amount=3000, recipient=who("company", "local"), route="single-tender-action",
                   extra="focus: response\nsingle_tender_action:\n  ground: only-supplier\n"
                         "  reason: Only this provider runs the system.\n  value: 3000\n"
                         "  signed_off_by: Chief Finance Officer of the Constabulary\n  signed_off: 2026-04-20\n"),
    "a4": contract("Damson", amount=2000, recipient=who("charity", "national"), extra="focus: recovery\n"),
    "a5": contract("Elder", amount=1000, recipient=who("charity", None), extra="focus: prevention\n" + PILOT),
    "a6": contract("Fir", amount=4000, recipient=who("social-enterprise", "local"), extra=LOCAL),
    # 2025/26: its reports: on time, 15 days late, then one not received (overdue on the build date)
    "b1": contract("Gorse", award_date="2025-04-01", start="2025-04-01", extra=(
        "outcome_reports:\n"
        "  - period_end: 2025-09-30\n    received: 2025-10-20\n    activity: Advocacy.\n"
        "  - period_end: 2026-03-31\n    received: 2026-05-15\n    activity: Advocacy.\n")),
}


def tender(ref: str, title: str, *, published: str, amount: int, engagement: bool, service_users: bool, how: str = "") -> str:
    event = "market_engagement:\n  - start: 2026-04-01 10:00\n    place: Online\n" if engagement else ""
    return f"""\
title: {title}
reference: T-{ref}
fund: victims-services-grant
summary: A tender used by the tests.
funding_envelope:
  amount: {amount}
  covers: for the whole contract
quality_cost_split:
  quality: 70
  cost: 30
term:
  initial_years: 3
  extensions: [1]
  break_clause: Either party may end it with 6 months' notice.
published: {published} 09:00
clarification_deadline: 2027-01-08 12:00
submission_deadline: 2027-01-22 12:00
portal_url: https://www.bluelight.eu-supply.com/test-{ref}
evaluation:
  agencies: [Police]
  service_users: {"true" if service_users else "false"}
{how}{event}"""


TENDERS = {
    "t1": tender("t1", "Large with engagement", published="2026-05-01", amount=300000, engagement=True, service_users=True,
                 how="  service_users_how: Two survivors scored the interviews.\n"),
    "t2": tender("t2", "Large without engagement", published="2026-06-01", amount=250000, engagement=False,
                 service_users=False),
    "t3": tender("t3", "Small", published="2026-07-01", amount=50000, engagement=False, service_users=True),
}


def office(folder, awards=AWARDS, tenders=TENDERS):
    files = {name: (FIXTURE / "data" / name).read_text(encoding="utf-8")
             for name in ("organisation.yml", "scoring.yml", "funds/victims-services-grant.yml")}
    files |= {f"awards/{k}.yml": v for k, v in awards.items()} | {f"tenders/{k}.yml": v for k, v in tenders.items()}
    return data_folder(folder, files)


@pytest.fixture(scope="module")
def crafted(tmp_path_factory):
    data = office(tmp_path_factory.mktemp("promises") / "data")
    ds, problems = load_checked(data, TODAY)
    assert not errors(problems), [str(p) for p in errors(problems)]
    return ds


@pytest.fixture(scope="module")
def site(tmp_path_factory, crafted):
    folder = tmp_path_factory.mktemp("promises-site")
    project = make_project(folder / "p", data=office(folder / "data"))
    built = build(project)
    assert built.ok, built.output
    return built


def measured(ds, today: date = TODAY) -> dict[str, promises.Promise]:
    return {p.id: p for p in promises.measure(ds, today)}


def figure(ds, promise_id: str, year: str = CURRENT) -> promises.YearFigure:
    return measured(ds)[promise_id].year(year)


def text(page: str) -> str:
    """A page's words, tags removed and spaces run together, as a reader sees them."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def section(site, promise_id: str) -> str:
    """A promise's section of the promises page."""
    page = site.page(addresses.HOW_WE_COMMISSION.url)
    start = page.index(f'<h2 id="{promise_id}"')
    end = page.find("<h2", start + 1)
    return page[start:end]


def evidence_links(site, promise_id: str, year: str) -> list[str]:
    """The record pages a year's evidence page links to, in its order."""
    url = addresses.promise_year(promise_id, year).url
    page = site.page(url)
    table = page[page.index("<tbody>"):page.index("</tbody>")]
    return re.findall(r'href="\.\./\.\./\.\./([a-z]+/[a-z0-9-]+)/"', table)


def changed(ds, folder: str, id: str, **fields):
    """A copy of the dataset with one record's fields changed (what the build would refuse)."""
    records = getattr(ds, folder)
    copy = dataclasses.replace(ds, **{folder: {**records, id: dataclasses.replace(records[id], **fields)}})
    return copy


# --- each promise ------------------------------------------------------------------------


def test_tenders_on_the_portal(crafted, site):
    y = figure(crafted, "tenders-on-the-portal")
    assert (y.kept, y.count, y.percent) == (3, 3, None)  # three tenders: counts, no percentage
    assert "3 of 3 tenders." in text(section(site, "tenders-on-the-portal"))
    assert "(100%)" not in text(section(site, "tenders-on-the-portal"))
    assert evidence_links(site, "tenders-on-the-portal", CURRENT) == ["tenders/t3", "tenders/t2", "tenders/t1"]
    year_page = text(site.page(addresses.promise_year("tenders-on-the-portal", CURRENT).url))
    assert "funding envelope £300,000 for the whole contract; quality 70%, cost 30%" in year_page
    # a notice elsewhere (the build refuses it) breaks the promise
    off = changed(crafted, "tenders", "t2", portal_url="https://elsewhere.example.net/t2")
    y = figure(off, "tenders-on-the-portal")
    assert (y.kept, y.count) == (2, 3)
    assert [e.id for e in y.evidence if not e.kept] == ["t2"]


def test_market_engagement_for_tenders_above_the_threshold(crafted, site):
    y = figure(crafted, "market-engagement")
    assert (y.kept, y.count) == (1, 2)  # the small tender is below the threshold: not behind the figure
    assert {e.id: e.kept for e in y.evidence} == {"t1": True, "t2": False}
    assert "1 of 2 tenders." in text(section(site, "market-engagement"))
    # the one without engagement first: what breaks a promise leads the list
    assert evidence_links(site, "market-engagement", CURRENT) == ["tenders/t2", "tenders/t1"]


def test_contracts_with_a_break_clause(crafted, site):
    y = figure(crafted, "break-clauses")
    assert (y.kept, y.count, y.percent) == (6, 6, 100)  # six: enough for a percentage
    assert "6 of 6 contracts (100%)." in text(section(site, "break-clauses"))
    assert sorted(evidence_links(site, "break-clauses", CURRENT)) == [f"awards/a{i}" for i in range(1, 7)]
    a1 = crafted.awards["a1"]
    without = changed(crafted, "awards", "a1", term=dataclasses.replace(a1.term, break_clause=None))
    y = figure(without, "break-clauses")
    assert (y.kept, y.count, y.percent) == (5, 6, 83)


def test_extensions_within_the_first_period(crafted, site):
    y = figure(crafted, "extensions")
    assert (y.kept, y.count) == (6, 6)
    assert "6 of 6 awards with a term (100%)." in text(section(site, "extensions"))
    a1 = crafted.awards["a1"]
    longer = changed(crafted, "awards", "a1", term=dataclasses.replace(a1.term, extensions=[2, 2]))
    assert [e.id for e in figure(longer, "extensions").evidence if not e.kept] == ["a1"]


def test_single_tender_actions_with_an_allowed_ground_and_the_right_sign_off(crafted, site):
    y = figure(crafted, "single-tender-actions")
    assert (y.kept, y.count, y.percent) == (1, 1, None)
    shown = text(section(site, "single-tender-actions"))
    assert "1 of 1 single tender action." in shown and "%" not in shown.split("Our promise")[1].split("Evidence")[1]
    assert evidence_links(site, "single-tender-actions", CURRENT) == ["awards/a3"]
    sta = crafted.awards["a3"].single_tender_action
    wrong = changed(crafted, "awards", "a3", single_tender_action=dataclasses.replace(sta, signed_off_by="Anyone"))
    (e,) = figure(wrong, "single-tender-actions").evidence
    assert e.kept is False and "its band needs the Chief Finance Officer of the Constabulary" in e.detail


def test_services_countywide_and_the_pilots_and_local_needs_with_their_reasons(crafted, site):
    y = figure(crafted, "countywide")
    assert (y.kept, y.count) == (6, 6)
    assert y.breakdown == [("Countywide", 4, Decimal(20000)), ("Pilot", 1, Decimal(1000)), ("Local need", 1, Decimal(4000))]
    assert "Countywide: 4 (£20,000); Pilot: 1 (£1,000); Local need: 1 (£4,000)." in text(section(site, "countywide"))
    year_page = text(site.page(addresses.promise_year("countywide", CURRENT).url))
    assert "Fenland only, a pilot: A proof of concept in one district first." in year_page


def test_outcome_reports_on_time_late_and_overdue(crafted, site):
    earlier = figure(crafted, "outcome-reports", EARLIER)
    assert (earlier.kept, earlier.count) == (1, 2)
    assert sorted(e.detail for e in earlier.evidence) == [
        "Six months to 30 September 2025: received 20 October 2025, on time.",
        "Six months to 31 March 2026: received 15 May 2026, 15 days late."]
    now = figure(crafted, "outcome-reports")
    assert (now.kept, now.count) == (0, 1)
    assert now.evidence[0].detail == "Six months to 30 September 2026: not received, overdue since 31 October 2026."
    shown = text(section(site, "outcome-reports"))
    assert "2026/27 0 of 1 outcome report." in shown and "2025/26 1 of 2 outcome reports." in shown
    assert evidence_links(site, "outcome-reports", EARLIER) == ["awards/b1", "awards/b1"]


def test_co_commissioned_awards_with_the_partners_shares(crafted, site):
    y = figure(crafted, "co-commissioning")
    assert (y.count, y.amount, y.part, y.money_percent) == (1, Decimal(8000), Decimal(3000), None)
    assert y.evidence[0].detail == "Pooled £8,000: ours £5,000, Test County Council £3,000."
    assert "1 co-commissioned award: partners put in £3,000 of £8,000 pooled." in text(section(site, "co-commissioning"))
    assert evidence_links(site, "co-commissioning", CURRENT) == ["awards/a2"]


def test_the_share_of_money_to_locally_based_third_sector_providers(crafted, site):
    y = figure(crafted, "local-third-sector")
    # a1 charity, a2 community group, a6 social enterprise: local; a3 a company; a4 national; a5 does not say
    assert (y.part, y.amount, y.count, y.money_percent) == (Decimal(19000), Decimal(24000), 5, 79)
    assert [e.id for e in y.not_recorded] == ["a5"] and y.not_recorded_amount == Decimal(1000)
    shown = text(section(site, "local-third-sector"))
    assert "£19,000 of £24,000 (79%), across 5 awards; 1 more (£1,000) do not say yet." in shown
    links = evidence_links(site, "local-third-sector", CURRENT)
    assert links[:3] == ["awards/a4", "awards/a3", "awards/a5"]  # not kept, then not saying, then kept
    assert sorted(links[3:]) == ["awards/a1", "awards/a2", "awards/a6"]


def test_the_share_of_money_upstream(crafted, site):
    y = figure(crafted, "upstream")
    # prevention a1 £10,000 and a5 £1,000, early intervention a2 £5,000; of a1 to a5 (a6 does not say)
    assert (y.part, y.amount, y.money_percent) == (Decimal(16000), Decimal(21000), 76)
    assert [w for w, _, _ in y.breakdown] == ["Prevention", "Early intervention", "Responding to harm", "Recovery and support"]
    assert "£16,000 of £21,000 (76%), across 5 awards" in text(section(site, "upstream"))


def test_service_users_in_evaluation(crafted, site):
    y = figure(crafted, "service-users-in-evaluation")
    assert (y.kept, y.count) == (2, 3)
    assert "2 of 3 tenders." in text(section(site, "service-users-in-evaluation"))
    assert evidence_links(site, "service-users-in-evaluation", CURRENT)[0] == "tenders/t2"
    year_page = text(site.page(addresses.promise_year("service-users-in-evaluation", CURRENT).url))
    assert "Service users take part in the evaluation. Two survivors scored the interviews." in year_page
    # and the tender's own page says how
    assert "Two survivors scored the interviews." in text(site.page(addresses.tender("t1").url))


# --- the rules of honesty ---------------------------------------------------------------


def test_fewer_than_the_fewest_records_give_counts_never_a_percentage(crafted):
    y = figure(crafted, "break-clauses")
    assert y.percent == 100
    four = promises.YearFigure(CURRENT, y.evidence[:promises.FEWEST_FOR_PERCENT - 1])
    assert (four.kept, four.count, four.percent, four.money_percent) == (4, 4, None, None)


def test_a_promise_no_record_can_show_says_so_instead_of_a_figure(tmp_path):
    bare = {k: re.sub(r"^(  sector|  based|focus): .*\n", "", v, flags=re.M) for k, v in AWARDS.items()}
    project = make_project(tmp_path / "p", data=office(tmp_path / "data", awards=bare))
    built = build(project)
    assert built.ok, built.output
    ds, _ = load_checked(project / "data", TODAY)
    found = measured(ds)
    for promise_id, field in (("local-third-sector", "`sector` and `based`"), ("upstream", "`focus`")):
        assert not found[promise_id].shown and field in found[promise_id].missing
        shown = text(section(built, promise_id))
        assert "Our data cannot show this yet." in shown and "of £" not in shown
        assert not (built.site / "how-we-commission" / promise_id / "2026-27").exists()
    assert found["break-clauses"].shown


def test_each_year_from_the_first_with_records_to_this_one_and_none_after(crafted):
    assert [y.year for y in measured(crafted)["break-clauses"].years] == [CURRENT, EARLIER]
    later = changed(crafted, "awards", "a1", financial_year="2027/28")  # paid from next year's budget
    found = measured(later)["break-clauses"]
    assert [y.year for y in found.years] == [CURRENT, EARLIER]
    assert "a1" not in {e.id for y in found.years for e in y.evidence}  # not measured until its year
    # the current year is there with nothing in it yet
    assert [(y.year, y.count) for y in measured(crafted)["market-engagement"].years] == [(CURRENT, 2)]
    early = measured(crafted, date(2025, 6, 1))["market-engagement"]
    assert [(y.year, y.count) for y in early.years] == [(EARLIER, 0)]


def test_withdrawn_awards_are_not_counted(crafted):
    gone = changed(crafted, "awards", "a1", status="withdrawn", status_note="Entered in error.")
    assert "a1" not in {e.id for e in figure(gone, "break-clauses").evidence}
    assert figure(gone, "break-clauses").count == 5


def test_the_promises_page_is_in_the_navigation_and_links_each_promise(site):
    page = site.page(addresses.HOW_WE_COMMISSION.url)
    for p in promises.DEFINITIONS:
        assert f'href="../{addresses.promise(p.id).url}"' in page, p.id
        assert f"<h1>{html.escape(p.title)}</h1>" in site.page(addresses.promise(p.id).url).replace("&#39;", "'")
    # a promise's page and its evidence are in the Strategy section, which holds the promises page:
    # its tab, or on a light page (overrides/light.html, no tabs) its entry in the menu
    for url in (addresses.promise("upstream").url, addresses.promise_year("upstream", CURRENT).url):
        active = re.search(r'md-tabs__item--active">\s*<a href="[./]*strategy/"[^>]*>\s*Strategy'
                           r'|<a href="[./]*strategy/" class="md-nav__link md-nav__link--active" aria-current="true">Strategy</a>', site.page(url))
        assert active, url


def test_the_figures_are_downloads_as_the_page_shows_them(crafted, site):
    import csv
    import io
    import json
    rows = list(csv.DictReader(io.StringIO((site.site / "data" / "promises.csv").read_text(encoding="utf-8-sig"))))
    by = {(r["promise_id"], r["financial_year"]): r for r in rows}
    # a row per promise and year: each promise this year, and those with records in 2025/26 then too
    assert sorted(by) == sorted((p.id, y.year) for p in promises.measure(crafted, TODAY) for y in p.years)
    assert ("outcome-reports", EARLIER) in by and ("single-tender-actions", EARLIER) not in by
    local = by[("local-third-sector", CURRENT)]
    assert (local["records"], local["keep_it"], local["do_not_say"], local["percent"], local["amount"],
            local["amount_keeping_it"], local["amount_percent"]) == ("5", "3", "1", "60", "24000", "19000", "79")
    assert by[("single-tender-actions", CURRENT)]["percent"] == ""  # one record: no percentage
    assert by[("break-clauses", CURRENT)]["percent"] == "100"
    data = json.loads((site.site / "data" / "promises.json").read_text(encoding="utf-8"))
    assert [r["promise_id"] for r in data] == [r["promise_id"] for r in rows]
    assert 'href="../data/promises.csv"' in site.page(addresses.HOW_WE_COMMISSION.url)
